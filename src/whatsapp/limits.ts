/**
 * WhatsApp's size limits for what we send, and how we make messages fit them.
 *
 * fitMessage: fixes what can be fixed without changing meaning much (ellipsis "…" on long
 *   titles, >3 reply buttons become a list, >10 list rows are cut to 10, newlines removed from
 *   template parameters), and degrades what would be refused to something WhatsApp accepts:
 *   options without an id or a title are dropped, a button or list message left
 *   without options becomes plain text, an empty body gets "…". Pure; never throws, so a reply is
 *   never lost to a limit.
 * assertValid: throws an Error naming the field for what can't be fixed (empty/duplicate ids,
 *   no buttons, several list sections without titles, empty template name…).
 *
 * Lengths count graphemes (what the person sees: "👍🏽" and "é" are one each), via Intl.Segmenter.
 */
import type { ListRow, ListSection, OutgoingMessage, ReplyButton } from './types.js';

export const LIMITS = {
  textBody: 4096,
  interactiveBody: 1024,
  headerText: 60,
  footerText: 60,
  buttonsMax: 3,
  buttonTitle: 20,
  buttonId: 256,
  listRowsMax: 10,
  listSectionsMax: 10,
  listButtonText: 20,
  sectionTitle: 24,
  rowTitle: 24,
  rowDescription: 72,
  rowId: 200,
  templateParam: 1024,
  templateQuickRepliesMax: 10,
  /** Meta's limit for a quick-reply payload. */
  templatePayload: 1000,
} as const;

/** Button text used when >3 buttons are turned into a list and no text is given. */
export const DEFAULT_LIST_BUTTON_TEXT = 'Ver opciones';

const ELLIPSIS = '…';
const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/**
 * Strings made only of code points that never join a neighbour into one grapheme: every UTF-16
 * unit is then one grapheme, and the segmenter (the costly part of checking a message) is not
 * needed. Latin-1 and Latin Extended up to U+02FF (á, ñ, ¿, ·…), General Punctuation and Currency
 * Symbols (—, “”, …, €) qualify; CR is left out (CR LF is one grapheme), and so are combining
 * marks (U+0300…), ZWNJ/ZWJ (U+200C/D), variation selectors, regional indicators, Hangul jamo
 * and every surrogate pair (emoji): those strings take the segmenter. test/whatsapp/limits.test.ts
 * checks each code point of the class against Intl.Segmenter.
 */
// eslint-disable-next-line no-control-regex -- control characters are single graphemes too (CR excepted)
export const ONE_UNIT_GRAPHEMES = /^[\0-\x0C\x0E-\u02FF\u2000-\u200B\u200E-\u20CF]*$/;

function graphemes(s: string): string[] {
  if (ONE_UNIT_GRAPHEMES.test(s)) return s.split('');
  return Array.from(segmenter.segment(s), (x) => x.segment);
}

/** Length as the user sees it (grapheme clusters). */
export function visibleLength(s: string): number {
  if (ONE_UNIT_GRAPHEMES.test(s)) return s.length;
  let n = 0;
  for (const _ of segmenter.segment(s)) n++;
  return n;
}

/**
 * Shortens to at most `max` graphemes, ending in "…" when cut. Never splits a grapheme; prefers
 * to cut at a word boundary when one is close to the end (keeps ≥ 60% of the room).
 */
export function ellipsize(s: string, max: number): string {
  if (s.length <= max) return s; // never more graphemes than UTF-16 units
  const g = graphemes(s);
  if (g.length <= max) return s;
  if (max <= 0) return '';
  if (max === 1) return ELLIPSIS;
  let keep = max - 1;
  const midWord = /\S/.test(g[keep - 1]!) && /\S/.test(g[keep]!);
  if (midWord) {
    let space = -1;
    for (let i = keep - 1; i >= 0; i--)
      if (/\s/.test(g[i]!)) {
        space = i;
        break;
      }
    if (space >= Math.ceil(keep * 0.6)) keep = space;
  }
  return g.slice(0, keep).join('').trimEnd() + ELLIPSIS;
}

export interface FitOptions {
  /** Text of the list button when >3 reply buttons become a list. Default "Ver opciones". */
  listButtonText?: string;
}

const fitOpt = (s: string | undefined, max: number): string | undefined =>
  s === undefined ? undefined : ellipsize(s, max);

function withOptional<T extends object>(base: T, extra: Record<string, string | undefined>): T {
  const out = { ...base } as Record<string, unknown>;
  for (const [k, v] of Object.entries(extra)) {
    if (v === undefined || v === '') delete out[k];
    else out[k] = v;
  }
  return out as T;
}

function fitRow(r: ListRow): ListRow {
  const row: ListRow = { id: r.id, title: ellipsize(r.title, LIMITS.rowTitle) };
  if (r.description !== undefined && r.description !== '')
    row.description = ellipsize(r.description, LIMITS.rowDescription);
  return row;
}

function fitSections(sections: ListSection[]): ListSection[] {
  let left: number = LIMITS.listRowsMax;
  const out: ListSection[] = [];
  for (const s of sections) {
    if (left <= 0) break;
    const rows = s.rows.slice(0, left).map(fitRow);
    left -= rows.length;
    if (rows.length === 0) continue;
    const section: ListSection = { rows };
    if (s.title !== undefined && s.title !== '') section.title = ellipsize(s.title, LIMITS.sectionTitle);
    out.push(section);
  }
  return out;
}

/** Options with an id and a visible title (a repeated id stays: assertValid names it, it is our bug). */
function usable<T extends { id: string; title: string }>(options: T[]): T[] {
  return options.filter(
    (o) => typeof o.id === 'string' && o.id !== '' && typeof o.title === 'string' && o.title.trim() !== '',
  );
}

/** A message without options said as plain text (an empty body becomes "…"). */
function asText(body: string): OutgoingMessage {
  return { type: 'text', body: ellipsize(body.trim() ? body : ELLIPSIS, LIMITS.textBody) };
}

/** Make `m` fit WhatsApp's limits where that can be done gracefully. Pure; never throws. */
export function fitMessage(m: OutgoingMessage, opts: FitOptions = {}): OutgoingMessage {
  if (m.type === 'buttons') {
    const buttons = usable(m.buttons);
    if (!buttons.length) return asText(m.body);
    if (buttons.length !== m.buttons.length) m = { ...m, buttons };
    if (!m.body.trim()) m = { ...m, body: ELLIPSIS };
  }
  if (m.type === 'list') {
    const sections = m.sections.map((s) => ({ ...s, rows: usable(s.rows) })).filter((s) => s.rows.length);
    if (!sections.length) return asText(m.body);
    // Several sections need titles: merge untitled ones into one list.
    const merged =
      sections.length > 1 && sections.some((s) => !s.title?.trim())
        ? [{ rows: sections.flatMap((s) => s.rows) }]
        : sections;
    m = { ...m, sections: merged.slice(0, LIMITS.listSectionsMax), body: m.body.trim() ? m.body : ELLIPSIS };
    if (!m.buttonText.trim()) m = { ...m, buttonText: opts.listButtonText ?? DEFAULT_LIST_BUTTON_TEXT };
  }
  switch (m.type) {
    case 'text':
      return asText(m.body);

    case 'buttons': {
      if (m.buttons.length > LIMITS.buttonsMax) {
        const rows = m.buttons.map((b: ReplyButton): ListRow => ({ id: b.id, title: b.title }));
        return fitMessage(
          withOptional(
            {
              type: 'list',
              body: m.body,
              buttonText: opts.listButtonText ?? DEFAULT_LIST_BUTTON_TEXT,
              sections: [{ rows }],
            },
            { header: m.header, footer: m.footer },
          ),
          opts,
        );
      }
      return withOptional(
        {
          type: 'buttons',
          body: ellipsize(m.body, LIMITS.interactiveBody),
          buttons: m.buttons.map((b) => ({ id: b.id, title: ellipsize(b.title, LIMITS.buttonTitle) })),
        },
        { header: fitOpt(m.header, LIMITS.headerText), footer: fitOpt(m.footer, LIMITS.footerText) },
      );
    }

    case 'list':
      return withOptional(
        {
          type: 'list',
          body: ellipsize(m.body, LIMITS.interactiveBody),
          buttonText: ellipsize(m.buttonText, LIMITS.listButtonText),
          sections: fitSections(m.sections),
        },
        { header: fitOpt(m.header, LIMITS.headerText), footer: fitOpt(m.footer, LIMITS.footerText) },
      );

    case 'template': {
      // Meta rejects template parameters with newlines, tabs or >4 consecutive spaces (132018).
      const clean = (p: string) =>
        ellipsize(
          p
            .replace(/[\r\n\t]+/g, ' ')
            .replace(/ {5,}/g, '    ')
            .trim(),
          LIMITS.templateParam,
        );
      const out: OutgoingMessage = { ...m, bodyParams: m.bodyParams.map(clean) };
      if (m.quickReplies) out.quickReplies = [...m.quickReplies];
      return out;
    }
  }
}

function fail(field: string, problem: string, fix: string): never {
  throw new Error(`WhatsApp message invalid: ${field} ${problem}. ${fix}`);
}

function checkLen(field: string, value: string, max: number, min = 1): void {
  // Never more graphemes than UTF-16 units (and one unit is one grapheme): a value of 1…max
  // units needs no counting.
  const n = min <= 1 && value.length >= 1 && value.length <= max ? value.length : visibleLength(value);
  if (n < min || value.trim() === '') fail(field, 'is empty', 'Give it visible text.');
  if (n > max)
    fail(field, `is ${n} characters long (max ${max})`, 'Shorten it, or pass the message through fitMessage() first.');
}

function checkOptLen(field: string, value: string | undefined, max: number): void {
  if (value !== undefined) checkLen(field, value, max);
}

function checkIds(field: string, ids: string[], max: number): void {
  const seen = new Set<string>();
  ids.forEach((id, i) => {
    if (typeof id !== 'string' || id.length === 0)
      fail(`${field}[${i}].id`, 'is empty', 'Every option needs an id to recognise the reply.');
    if (id.length > max) fail(`${field}[${i}].id`, `is ${id.length} characters long (max ${max})`, 'Use a shorter id.');
    if (seen.has(id)) fail(`${field}[${i}].id`, `"${id}" is used twice`, 'Ids must be unique within a message.');
    seen.add(id);
  });
}

/** Throws an Error naming the offending field when `m` breaks a WhatsApp limit. */
export function assertValid(m: OutgoingMessage): void {
  switch (m.type) {
    case 'text':
      checkLen('text.body', m.body, LIMITS.textBody);
      return;

    case 'buttons':
      checkLen('buttons.body', m.body, LIMITS.interactiveBody);
      checkOptLen('buttons.header', m.header, LIMITS.headerText);
      checkOptLen('buttons.footer', m.footer, LIMITS.footerText);
      if (m.buttons.length < 1) fail('buttons.buttons', 'is empty', 'Send a text message instead, or add 1-3 buttons.');
      if (m.buttons.length > LIMITS.buttonsMax)
        fail(
          'buttons.buttons',
          `has ${m.buttons.length} buttons (max ${LIMITS.buttonsMax})`,
          'fitMessage() turns them into a list.',
        );
      m.buttons.forEach((b, i) => checkLen(`buttons.buttons[${i}].title`, b.title, LIMITS.buttonTitle));
      checkIds(
        'buttons.buttons',
        m.buttons.map((b) => b.id),
        LIMITS.buttonId,
      );
      return;

    case 'list': {
      checkLen('list.body', m.body, LIMITS.interactiveBody);
      checkLen('list.buttonText', m.buttonText, LIMITS.listButtonText);
      checkOptLen('list.header', m.header, LIMITS.headerText);
      checkOptLen('list.footer', m.footer, LIMITS.footerText);
      if (m.sections.length < 1) fail('list.sections', 'is empty', 'Add at least one section with rows.');
      if (m.sections.length > LIMITS.listSectionsMax)
        fail('list.sections', `has ${m.sections.length} sections (max ${LIMITS.listSectionsMax})`, 'Merge sections.');
      const rows: ListRow[] = [];
      m.sections.forEach((s, si) => {
        if (m.sections.length > 1 && (s.title === undefined || s.title.trim() === ''))
          fail(
            `list.sections[${si}].title`,
            'is missing but the list has several sections',
            'Give every section a title, or use one section.',
          );
        checkOptLen(`list.sections[${si}].title`, s.title, LIMITS.sectionTitle);
        if (s.rows.length < 1) fail(`list.sections[${si}].rows`, 'is empty', 'Remove the section or add rows.');
        s.rows.forEach((r, ri) => {
          checkLen(`list.sections[${si}].rows[${ri}].title`, r.title, LIMITS.rowTitle);
          checkOptLen(`list.sections[${si}].rows[${ri}].description`, r.description, LIMITS.rowDescription);
          rows.push(r);
        });
      });
      if (rows.length > LIMITS.listRowsMax)
        fail(
          'list.sections',
          `have ${rows.length} rows in total (max ${LIMITS.listRowsMax})`,
          'fitMessage() keeps the first 10; offer "more" another way.',
        );
      checkIds(
        'list.rows',
        rows.map((r) => r.id),
        LIMITS.rowId,
      );
      return;
    }

    case 'template':
      if (!/^[a-z0-9_]+$/.test(m.name))
        fail(
          'template.name',
          `"${m.name}" is not a template name`,
          'Use the approved name: lowercase letters, digits and underscores.',
        );
      if (!/^[a-z]{2,3}(_[A-Z0-9]{2,3})?$/.test(m.language))
        fail(
          'template.language',
          `"${m.language}" is not a language code`,
          'Use the code the template was approved in, e.g. "es" or "en_US".',
        );
      m.bodyParams.forEach((p, i) => {
        checkLen(`template.bodyParams[${i}]`, p, LIMITS.templateParam);
        if (/[\n\t]| {5,}/.test(p))
          fail(
            `template.bodyParams[${i}]`,
            'contains a newline, tab or more than 4 spaces in a row',
            'fitMessage() cleans them.',
          );
      });
      if (m.quickReplies) {
        if (m.quickReplies.length > LIMITS.templateQuickRepliesMax)
          fail(
            'template.quickReplies',
            `has ${m.quickReplies.length} entries (max ${LIMITS.templateQuickRepliesMax})`,
            'Match the template buttons.',
          );
        m.quickReplies.forEach((p, i) => {
          if (p.length === 0) fail(`template.quickReplies[${i}]`, 'is empty', 'Give each quick reply a payload.');
          if (p.length > LIMITS.templatePayload)
            fail(
              `template.quickReplies[${i}]`,
              `is ${p.length} characters long (max ${LIMITS.templatePayload})`,
              'Use a shorter payload.',
            );
        });
      }
      return;
  }
}
