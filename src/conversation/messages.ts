/**
 * Building WhatsApp messages that are valid as rendered (no fitting needed afterwards): reply
 * buttons when 1–3 options fit, a list when up to 10 rows fit, plain text otherwise — never a
 * button message without buttons. Only data (names, titles, options) is shortened, with "…";
 * catalog texts are written to fit and the catalog test checks them.
 */
import { ellipsize, LIMITS, visibleLength } from '../whatsapp/limits.js';
import type { ListRow, ListSection, OutgoingMessage, ReplyButton } from '../whatsapp/types.js';

/** A plain text message, cut to WhatsApp's 4,096 characters when data made it longer. */
export function text(body: string): OutgoingMessage {
  return { type: 'text', body: ellipsize(body, LIMITS.textBody) };
}

const unique = <T extends { id: string }>(items: T[]): T[] => {
  const seen = new Set<string>();
  return items.filter((i) => i.id !== '' && !seen.has(i.id) && seen.add(i.id) !== undefined);
};

/**
 * Reply buttons (at most 3, titles ≤ 20). Too many buttons become a list; none, or a body over the
 * interactive limit, become text (the body always says the next step in words too).
 */
export function buttons(body: string, list: ReplyButton[], listButton: string): OutgoingMessage {
  const clean = unique(list).map((b) => ({ id: b.id, title: ellipsize(b.title, LIMITS.buttonTitle) }));
  if (clean.length === 0 || visibleLength(body) > LIMITS.interactiveBody) return text(body);
  if (clean.length > LIMITS.buttonsMax)
    return listMessage(body, listButton, [{ rows: clean.map((b) => ({ id: b.id, title: b.title })) }]);
  return { type: 'buttons', body, buttons: clean };
}

/**
 * A list (≤ 10 rows in all, titles ≤ 24, descriptions ≤ 72, section titles ≤ 24). Rows past the
 * tenth are left out (say so in the body); a single section needs no title, several do. No rows,
 * or a body over the interactive limit: text.
 */
export function listMessage(body: string, buttonText: string, sections: ListSection[]): OutgoingMessage {
  let left: number = LIMITS.listRowsMax;
  const seen = new Set<string>();
  const out: ListSection[] = [];
  for (const s of sections) {
    const rows: ListRow[] = [];
    for (const r of s.rows) {
      if (left <= 0) break;
      if (!r.id || seen.has(r.id)) continue;
      seen.add(r.id);
      const row: ListRow = { id: r.id, title: ellipsize(r.title, LIMITS.rowTitle) };
      if (r.description) row.description = ellipsize(r.description, LIMITS.rowDescription);
      rows.push(row);
      left--;
    }
    if (rows.length === 0) continue;
    const section: ListSection = { rows };
    if (s.title) section.title = ellipsize(s.title, LIMITS.sectionTitle);
    out.push(section);
  }
  if (out.length === 0 || visibleLength(body) > LIMITS.interactiveBody) return text(body);
  if (out.length > 1) {
    out.forEach((s, i) => {
      if (!s.title) s.title = String(i + 1);
    });
  } else if (out[0] && !out[0].title) delete out[0].title;
  return { type: 'list', body, buttonText: ellipsize(buttonText, LIMITS.listButtonText), sections: out };
}

/** Shortens person- or business-given data placed inside a sentence. */
export const clip = (s: string, max: number): string => ellipsize(s.trim(), max);
