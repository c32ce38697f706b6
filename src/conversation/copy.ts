/**
 * What Reserva says: renders a machine's ReplySpec into one WhatsApp message, following
 * ../shared/conversation-style.md. The words come from the person's catalog (src/conversation/
 * catalog: one per locale and register); this module decides the message's shape — which buttons,
 * which list rows, how data is shortened — and that shape is the same in every language.
 */
import type {
  BookingSummary,
  ContactFacts,
  OpeningInterval,
  ReplySpec,
  SlotOption,
  When,
} from '../../machines/types.js';
import { DEMO_EVENT_TITLE } from '../calendar/demo/provider.js';
import type { Knowledge, LocalizedText } from '../knowledge/types.js';
import type { ListSection, OutgoingMessage, ReplyButton } from '../whatsapp/types.js';
import { BUTTON } from './buttons.js';
import { catalogFor } from './catalog/index.js';
import { cap } from './catalog/kit.js';
import type { Catalog, ClosedLead, OfferLead, RequestRef } from './catalog/types.js';
import { dateFormatter, type DateFormatter } from './dates.js';
import { groupHours, opensOn } from './hours.js';
import { isPoint, toMinutes } from '../../machines/when.js';
import { buttons as buttonsMessage, clip, listMessage, text } from './messages.js';
import { LIMITS, visibleLength } from '../whatsapp/limits.js';

export interface CopyContext {
  contact: ContactFacts;
  timeZone: string;
  now: Date;
  eventTitle: string;
  lengthMinutes: number;
  bookingUrl?: string;
  /** The business's knowledge file, for answers to business questions. */
  knowledge?: Knowledge;
  /** Structured opening hours, for "hours" answers when the knowledge file has no hours text. */
  openingHours?: OpeningInterval[];
  /** When reminders go out before an appointment (REMINDER_OFFSETS); default 24 h and 1 h. */
  reminderOffsetsMs?: number[];
}

const DEFAULT_REMINDERS = [24 * 3_600_000, 3_600_000];
/** The longest name, e-mail or label we put inside a sentence. */
const NAME_MAX = 40;
const WHAT_MAX = 60;

/** Titles kept with the name: "Don Ramón", not "Don". */
const TITLES = new Set([
  'don',
  'doña',
  'dona',
  'sr',
  'sr.',
  'sra',
  'sra.',
  'dr',
  'dr.',
  'dra',
  'dra.',
  'mr',
  'mr.',
  'mrs',
  'mrs.',
  'ms',
  'ms.',
  'seu',
  'dom',
]);
/** How we address the person: the first word of their name, with its title when it has one. */
function firstName(name?: string): string {
  const words = (name ?? '').trim().split(/\s+/);
  const first = words[0] ?? '';
  const second = words[1];
  return clip(TITLES.has(first.toLowerCase()) && second ? `${first} ${second}` : first, NAME_MAX);
}

/** Everything a reply needs, resolved once per render. */
interface Scope {
  c: Catalog;
  d: DateFormatter;
  ctx: CopyContext;
  name: string;
  link?: string;
  btns(body: string, list: ReplyButton[]): OutgoingMessage;
  menu: ReplyButton[];
}

export function render(spec: ReplySpec, ctx: CopyContext): OutgoingMessage {
  // issue 9/14 (session 3): a request that opened with "hola" is answered with "Hola Lucía 👋" first
  // (the name said once: the rest of the message does not repeat it).
  if ((spec as { hello?: boolean }).hello) {
    const { hello: _hello, ...rest } = spec as ReplySpec & { hello?: boolean };
    const inner = render(rest as ReplySpec, { ...ctx, contact: { ...ctx.contact, name: undefined } });
    return greeted(inner, catalogFor(ctx.contact).texts.hello({ name: firstName(ctx.contact.name) }));
  }
  const c = catalogFor(ctx.contact);
  const l = c.labels;
  const s: Scope = {
    c,
    ctx,
    d: dateFormatter(c.language, ctx.timeZone, ctx.now, ctx.contact.zoneNote),
    name: firstName(ctx.contact.name),
    link: ctx.bookingUrl || undefined,
    btns: (body, list) => buttonsMessage(body, list, l.options),
    menu: [
      { id: BUTTON.book, title: l.book },
      { id: BUTTON.myBookings, title: l.myBookings },
      { id: BUTTON.help, title: l.help },
    ],
  };
  const { texts: t, grammar: g } = c;
  const { d, name, link, btns, menu } = s;
  const changeOrCancel = (b: BookingSummary): ReplyButton[] => [
    { id: BUTTON.rescheduleBooking(b.uid), title: l.reschedule },
    { id: BUTTON.cancelBooking(b.uid), title: l.cancelBooking },
  ];

  switch (spec.key) {
    case 'greeting':
      return btns(t.greeting({ name }), menu);
    case 'help':
      return btns(t.help(), [menu[0], menu[1], { id: BUTTON.human, title: l.human }].filter(isButton));
    case 'thanks':
      return btns(t.thanks(), menu);
    case 'acknowledged':
      return btns(t.acknowledged(), menu);
    case 'human':
      return btns(t.human(), [{ id: BUTTON.book, title: l.book }]);
    case 'optedIn':
      return btns(t.optedIn(), menu);
    case 'optedOut':
      // The last message they get: no buttons to tap, the way back is said in words.
      return text(t.optedOut());
    case 'mediaNotSupported':
      return btns(t.mediaNotSupported(), menu);
    case 'expiredOption':
      return btns(t.expiredOption(), [
        { id: BUTTON.book, title: l.seeTimes },
        { id: BUTTON.help, title: l.help },
      ]);
    case 'didntUnderstand':
      return spec.misses >= 2
        ? btns(t.didntUnderstand({ misses: spec.misses, link }), [
            { id: BUTTON.book, title: l.book },
            { id: BUTTON.human, title: l.human },
          ])
        : btns(t.didntUnderstand({ misses: spec.misses, link }), menu);
    case 'offerSlots':
      return offerSlots(s, spec);
    case 'noSlots':
      return btns(t.noSlots({ request: spec.requested ? requestRef(spec.requested, d) : null }), [
        { id: BUTTON.human, title: l.human },
        { id: BUTTON.cancel, title: l.cancel },
      ]);
    case 'confirmSlot':
      return btns(
        t.confirmSlot({
          name,
          on: withAside(g.on(d.ref(spec.slot.start), { time: true, bold: true }), g.length(ctx.lengthMinutes)),
        }),
        [
          { id: BUTTON.confirm, title: l.confirm },
          { id: BUTTON.decline, title: l.otherTime },
          { id: BUTTON.cancel, title: l.cancel },
        ],
      );
    case 'nothingToConfirm':
      return text(t.nothingToConfirm());
    case 'anotherBooking':
      return btns(
        t.anotherBooking({
          have: g.on(d.ref(spec.booking.start), { time: true, bold: true }),
          on: g.on(d.ref(spec.slot.start), { time: true, bold: true }),
        }),
        [
          { id: BUTTON.confirm, title: l.bookAnother },
          { id: BUTTON.rescheduleBooking(spec.booking.uid), title: l.moveMine },
          { id: BUTTON.keep, title: l.keep },
        ],
      );
    case 'askName':
      return text(t.askName({ retry: (spec as { retry?: boolean }).retry === true }));
    case 'askEmail':
      return text(t.askEmail({ retry: spec.retry }));
    case 'booked': {
      const body = t.booked({
        name,
        span: g.span(d.ref(spec.booking.start), d.ref(spec.booking.end)),
        what: what(s, spec.booking),
        where: where(s, spec.booking),
        reminders: reminders(s, spec.booking),
      });
      // issue 9/14 (session 3): booked while opted out: no reminders, and how to have them again.
      return btns(ctx.contact.optedOut ? `${body}\n${t.remindersOff()}` : body, changeOrCancel(spec.booking));
    }
    case 'bookingAbandoned':
      return btns(t.bookingAbandoned(), [{ id: BUTTON.book, title: l.book }]);
    case 'calendarDown':
      return btns(t.calendarDown(), [{ id: BUTTON.cancel, title: l.cancel }]);
    case 'noBookings':
      return btns(t.noBookings({ purpose: spec.purpose }), [
        { id: BUTTON.book, title: l.book },
        { id: BUTTON.help, title: l.help },
      ]);
    case 'chooseBooking':
      return chooseBooking(s, spec);
    case 'confirmReschedule':
      return btns(
        t.confirmReschedule({
          // The zone note once, on the new time ("… 10:00 to Friday at 11:00 (Madrid time)").
          from: g.of(dateFormatter(c.language, ctx.timeZone, ctx.now).ref(spec.from.start), { time: true }),
          to: g.to(d.ref(spec.to.start), { time: true, bold: true }),
        }),
        [
          { id: BUTTON.confirm, title: l.confirm },
          { id: BUTTON.decline, title: l.otherTime },
          { id: BUTTON.keep, title: l.keep },
        ],
      );
    case 'rescheduled':
      return btns(
        t.rescheduled({
          on: withAside(
            g.span(d.ref(spec.booking.start), d.ref(spec.booking.end), { on: true, bold: true }),
            what(s, spec.booking),
          ),
          where: where(s, spec.booking),
          reminders: reminders(s, spec.booking),
        }),
        changeOrCancel(spec.booking),
      );
    case 'confirmCancel':
      return btns(t.confirmCancel({ of: g.of(d.ref(spec.booking.start), { time: true, bold: true }) }), [
        { id: BUTTON.confirm, title: l.yesCancel },
        { id: BUTTON.decline, title: l.keep },
      ]);
    case 'cancelled':
      return btns(t.cancelled({ of: g.of(d.ref(spec.booking.start), { time: true }) }), [
        { id: BUTTON.book, title: l.book },
      ]);
    case 'keptBooking':
      return btns(t.keptBooking({ of: spec.booking ? g.of(d.ref(spec.booking.start), { time: true }) : null }), menu);
    case 'attendanceConfirmed':
      return btns(
        t.attendanceConfirmed({ name, on: g.on(d.ref(spec.booking.start), { time: true }) }),
        changeOrCancel(spec.booking),
      );
    case 'askRating':
      return listMessage(t.askRating({ of: g.of(d.ref(spec.booking.start)) }), l.rate, [
        {
          rows: [5, 4, 3, 2, 1].map((n) => ({
            id: BUTTON.rating(n),
            title: `${'★'.repeat(n)}${'☆'.repeat(5 - n)} ${n}`,
            description: g.ratings[n - 1] ?? String(n),
          })),
        },
      ]);
    case 'askComment':
      return btns(t.askComment(), [{ id: BUTTON.skip, title: l.skip }]);
    case 'feedbackThanks':
      return btns(t.feedbackThanks(), [{ id: BUTTON.book, title: l.book }]);
    case 'myBookings':
      return myBookings(s, spec.bookings);
    case 'closed':
      return closed(s, spec);
    case 'businessAnswer':
      return businessAnswer(s, spec);
    case 'unknownQuestion':
      return unknownQuestion(s, spec.inFlow);
    case 'nameUpdated':
      return btns(t.nameUpdated({ name: clip(spec.name, NAME_MAX) }), menu);
    case 'emailUpdated':
      return btns(t.emailUpdated({ email: clip(spec.email, 80) }), menu);
    case 'bookingRequested':
      return btns(
        t.bookingRequested({
          span: g.span(d.ref(spec.booking.start), d.ref(spec.booking.end)),
          what: what(s, spec.booking),
          where: where(s, spec.booking),
        }),
        changeOrCancel(spec.booking),
      );
    case 'bookingRefused':
      return bookingRefused(s, spec.reason);
    case 'askBookingField':
      return askBookingField(s, spec);
    case 'handoffStarted':
      return btns(
        t.handoffStarted({ openNow: spec.openNow, hours: spec.openNow ? '' : g.hours(groupHours(spec.hours)) }),
        [{ id: BUTTON.resumeBot, title: l.resumeBot }],
      );
    case 'handoffEnded':
      return btns(t.handoffEnded(), menu);
    case 'backToBot':
      return btns(t.backToBot(), menu);
    case 'pickBookingFirst':
      return text(t.pickBookingFirst({ purpose: spec.purpose }));
    case 'emailIncomplete':
      return text(t.emailIncomplete());
    // issue 9/14 (session 3)
    case 'handoffForwarded':
      return text(t.handoffForwarded());

    case 'staffMessage':
      // A person on the team wrote it: sent as written, not from the catalog.
      return text(spec.text);
    // Privacy and consent (issue 14).
    case 'privacySummary': {
      const f = spec.summary;
      return btns(
        t.privacySummary({
          name: clip(f.name ?? '', NAME_MAX),
          email: clip(f.email ?? '', 80),
          phone: f.phoneMasked,
          upcoming: f.bookings.upcoming,
          past: f.bookings.past,
          received: f.messages.received,
          sent: f.messages.sent,
          feedback: f.feedback,
          marketing: f.marketingConsent,
          optedOut: f.optedOut,
          retentionDays: f.retentionDays,
          url: spec.url,
        }),
        menu,
      );
    }
    case 'privacyUnavailable':
      return btns(t.privacyUnavailable(), menu);
    case 'confirmErase':
      return btns(t.confirmErase(), [
        { id: BUTTON.confirm, title: l.eraseYes },
        { id: BUTTON.decline, title: l.keepData },
      ]);
    case 'eraseCancelBookings': {
      const shown = spec.bookings.slice(0, 5);
      const lines =
        shown.length === 1
          ? g.span(d.ref(shown[0]!.start), d.ref(shown[0]!.end), { bold: true })
          : shown.map((b) => `• ${g.span(d.ref(b.start), d.ref(b.end))}`).join('\n') +
            (spec.bookings.length > shown.length ? `\n${g.more(spec.bookings.length - shown.length)}` : '');
      return btns(t.eraseCancelBookings({ count: spec.bookings.length, lines }), [
        { id: BUTTON.confirm, title: l.eraseAll },
        { id: BUTTON.decline, title: l.keepData },
      ]);
    }
    case 'eraseKept':
      return btns(t.eraseKept(), menu);
    case 'eraseFailed':
      return btns(t.eraseFailed(), menu);
    case 'erased':
      // The last message: nothing to tap, the data behind any button is gone.
      return text(t.erased());
    case 'askMarketing':
      return btns(t.askMarketing({ again: spec.again }), [
        { id: BUTTON.offersYes, title: l.offersYes },
        { id: BUTTON.offersNo, title: l.offersNo },
      ]);
    case 'marketingGranted':
      return btns(t.marketingGranted(), menu);
    case 'marketingDeclined':
      return btns(t.marketingDeclined(), menu);
    case 'marketingRevoked':
      return btns(t.marketingRevoked(), menu);
    case 'slowDown':
      return text(t.slowDown());
  }
  // Reply keys that land with the flows work: rendered here until their ReplySpec
  // variants reach this branch (then they move into the switch above). Anything else unknown gets
  // the help text rather than a crash.
  return landing(s, spec as unknown as Landing);
}

/**
 * Issue 14: the first message a new contact gets carries the privacy notice (PRIVACY_URL) after its
 * own text, in the person's language and register. The message keeps its shape (buttons, list);
 * a body that would grow past WhatsApp's interactive limit becomes text, like any long body.
 */
export function withPrivacyNotice(
  message: OutgoingMessage,
  contact: Pick<ContactFacts, 'language' | 'formality'>,
  url: string,
): OutgoingMessage {
  const notice = catalogFor(contact).texts.privacyNotice({ url });
  if (message.type === 'text') return text(`${message.body}\n\n${notice}`);
  if (message.type === 'buttons' || message.type === 'list') {
    const body = `${message.body}\n\n${notice}`;
    // Too long for an interactive body: text (the body says the next step in words too).
    return visibleLength(body) > LIMITS.interactiveBody ? text(body) : { ...message, body };
  }
  return message; // templates: their text is Meta's
}

/** issue 9/14 (session 3): the greeting before a message's own text, its shape kept. */
function greeted(message: OutgoingMessage, hello: string): OutgoingMessage {
  if (message.type === 'text') return text(`${hello} ${message.body}`);
  if (message.type === 'buttons' || message.type === 'list') {
    const body = `${hello} ${message.body}`;
    return visibleLength(body) > LIMITS.interactiveBody ? message : { ...message, body };
  }
  return message;
}

type Landing = { key: 'stuck' } | { key: 'notUnderstood'; media?: boolean } | { key: string };

function landing(s: Scope, spec: Landing): OutgoingMessage {
  const { c } = s;
  const l = c.labels;
  if (spec.key === 'stuck') {
    // A list, so the way to a person can say "Hablar con una persona" (a reply button holds 20 characters).
    return listMessage(
      c.texts.stuck({ link: s.link, ...(s.ctx.knowledge?.phone ? { phone: s.ctx.knowledge.phone } : {}) }),
      l.options,
      [
        {
          rows: [
            { id: BUTTON.human, title: l.talkToPerson },
            { id: BUTTON.book, title: l.seeTimes },
          ],
        },
      ],
    );
  }
  if (spec.key === 'notUnderstood' && 'media' in spec)
    return text(c.texts.notUnderstood({ media: spec.media === true }));
  if (spec.key === 'notUnderstood') return text(c.texts.notUnderstood({ media: false }));
  return s.btns(c.texts.help(), s.menu);
}

const isButton = (b: ReplyButton | undefined): b is ReplyButton => b !== undefined;

/**
 * A list of times for someone whose phone is in another zone: the zone note on a line of its own
 * (the rows show bare times — "9:00 AM" — that would otherwise read as the person's own time).
 */
function inZone(s: Scope, body: string): string {
  return s.ctx.contact.zoneNote ? `${body}\n${s.ctx.contact.zoneNote}` : body;
}

/** "… (hora de Madrid)" + "30 min" → "… (hora de Madrid, 30 min)"; else "… (30 min)": one bracket, not two. */
function withAside(phrase: string, aside: string): string {
  return phrase.endsWith(')') ? `${phrase.slice(0, -1)}, ${aside})` : `${phrase} (${aside})`;
}

/**
 * What a booking is: the service, from the booking's title, else the event type's. Cal.com's
 * default booking title ("Consulta between Dr. Ruiz and Marta Ruiz", in English whatever the
 * chat's language) and the demo's ("Cita de demostración – Marta Ruiz") carry the person's own
 * name: only the service is said, the demo's in the person's language.
 */
function what(s: Scope, b: Pick<BookingSummary, 'title'>): string {
  let raw = (b.title ?? '').trim() || s.ctx.eventTitle.trim();
  if (!raw) return s.c.grammar.length(s.ctx.lengthMinutes);
  raw = CALCOM_DEFAULT_TITLE.exec(raw)?.[1]?.trim() || raw;
  if (raw.startsWith(DEMO_EVENT_TITLE)) return s.c.grammar.demoTitle;
  return clip(raw, WHAT_MAX);
}

/** Cal.com's default booking title: "{event type} between {host} and {attendee}". */
const CALCOM_DEFAULT_TITLE = /^(.+?) between .+ and .+$/s;

/** "Dónde: …" when the booking has a place or a meeting link (Cal.com's location), else "". */
function where(s: Scope, b: BookingSummary): string {
  const location = ((b as { location?: unknown }).location ?? '').toString().trim();
  if (location) return s.c.grammar.where(clip(location, 200));
  // issue 9/14 (session 3): no location on the booking: the business address (and map link) from business.yaml.
  const address = s.ctx.knowledge?.address;
  if (!address?.text) return '';
  return s.c.grammar.where(clip(address.mapUrl ? `${address.text} ${address.mapUrl}` : address.text, 200));
}

/** The reminders that will still go out for this booking ("" for none): a same-day booking gets no "day before". */
function reminders(s: Scope, b: BookingSummary): string {
  const start = Date.parse(b.start);
  const now = s.ctx.now.getTime();
  if (s.ctx.contact.optedOut) return ''; // issue 9/14 (session 3): STOP means no reminders either
  const due = (s.ctx.reminderOffsetsMs ?? DEFAULT_REMINDERS).filter((ms) => ms > 0 && start - ms > now);
  return s.c.grammar.reminders(due);
}

/** What the person asked for, as the grammar's request phrase. */
function requestRef(when: When, d: DateFormatter): RequestRef {
  if (isPoint(when)) return { kind: 'at', at: d.ref(when.start) };
  if (when.grain === 'week') return { kind: 'week' };
  if (when.grain === 'month') return { kind: 'month' };
  const lastInstant = new Date(Math.max(Date.parse(when.start), Date.parse(when.end) - 1)).toISOString();
  if (d.dayKey(when.start) !== d.dayKey(lastInstant)) return { kind: 'range' };
  // A clock time's stretch of the day ("antes de las 11:30", "después de las 4"): from the day's
  // start to it, or from it to the day's end.
  if (when.grain === 'minute' || when.grain === 'hour') {
    const start = d.ref(when.start);
    const end = d.ref(when.end);
    if (start.minuteOfDay === 0 && end.minuteOfDay > 0) return { kind: 'before', at: end };
    if (start.minuteOfDay > 0 && d.dayKey(when.end) !== d.dayKey(when.start)) return { kind: 'after', at: start };
  }
  return { kind: 'day', day: d.ref(when.start) };
}

/** A time of day, not a stretch ("antes de las 11:30" has a clock time's grain but is a stretch). */
const isExact = (when: When | null): when is When => Boolean(when && isPoint(when));

const byStart = <T extends { start: string }>(items: readonly T[]): T[] => {
  const seen = new Set<number>();
  return [...items].filter((o) => {
    const t = Date.parse(o.start);
    if (Number.isNaN(t) || seen.has(t)) return false;
    seen.add(t);
    return true;
  });
};

/**
 * Free times to pick from: 1–3 as reply buttons, 4–10 as a list with a section per day whose rows
 * show the time only (the day is the section's title). None: say so and offer the way forward.
 */
function slotChoice(
  s: Scope,
  options: readonly SlotOption[],
  body: (pick: { how: 'buttons' } | { how: 'list'; button: string }) => string,
): OutgoingMessage | null {
  const { d, c } = s;
  const list = byStart(options).slice(0, LIMITS.listRowsMax);
  if (list.length === 0) return null;
  if (list.length <= LIMITS.buttonsMax) {
    return s.btns(
      body({ how: 'buttons' }),
      list.map((o) => ({ id: BUTTON.slot(o.start), title: d.short(o.start) })),
    );
  }
  const sections = new Map<string, ListSection>();
  const about = s.ctx.eventTitle.trim() ? what(s, {}) : '';
  for (const o of list) {
    const key = d.dayKey(o.start);
    const section = sections.get(key) ?? { title: d.dayTitle(o.start), rows: [] };
    const minutes = d.minutes(o.start, o.end) || s.ctx.lengthMinutes;
    section.rows.push({
      id: BUTTON.slot(o.start),
      title: d.time(o.start),
      description: [c.grammar.length(minutes), about].filter(Boolean).join(' · '),
    });
    sections.set(key, section);
  }
  const button = c.labels.seeTimes;
  return listMessage(body({ how: 'list', button }), button, [...sections.values()]);
}

function offerSlots(s: Scope, spec: Extract<ReplySpec, { key: 'offerSlots' }>): OutgoingMessage {
  const { c, d } = s;
  // Offered again after a message we could not act on (flows' `note`): say so first.
  const note = (spec as { note?: 'miss' | 'media' | 'other' }).note;
  const lead: OfferLead = spec.nothingLaterThan
    ? { kind: 'nothingLater', time: d.time(spec.nothingLaterThan) }
    : spec.nothingEarlierThan
      ? { kind: 'nothingEarlier', time: d.time(spec.nothingEarlierThan) }
      : spec.again
        ? againLead(s, spec)
        : firstLead(s, spec, note);
  const offer = slotChoice(s, spec.options, (pick) =>
    inZone(
      s,
      c.texts.offerSlots({
        lead,
        pick,
        purpose: spec.purpose,
        ...(note === 'miss' || note === 'media' ? { note } : {}),
      }),
    ),
  );
  if (offer) return offer;
  // Nothing to offer: never a button message without buttons.
  const moved = lead.kind === 'nothingLater' || lead.kind === 'nothingEarlier';
  const empty = lead.kind === 'nearby' || lead.kind === 'nearest' || moved ? null : lead;
  return s.btns(c.texts.noOptions({ lead: empty ?? { kind: 'first' } }), [
    { id: BUTTON.human, title: c.labels.human },
    { id: BUTTON.cancel, title: c.labels.cancel },
  ]);
}

/**
 * issue 9/14 (session 3): the offer on the table again (after a miss, an ack, an answer in between):
 * never a stale "taken", and the day only when every time shown is on it.
 */
function againLead(s: Scope, spec: Extract<ReplySpec, { key: 'offerSlots' }>): OfferLead {
  const req = spec.requested;
  if (!req || Boolean(isExact(req))) return { kind: 'nearest' };
  const from = Date.parse(req.start);
  const to = Date.parse(req.end);
  const inside =
    spec.options.length > 0 && spec.options.every((o) => Date.parse(o.start) >= from && Date.parse(o.start) < to);
  return inside ? { kind: 'free', request: requestRef(req, s.d) } : { kind: 'nearest' };
}

function firstLead(s: Scope, spec: Extract<ReplySpec, { key: 'offerSlots' }>, note?: string): OfferLead {
  const { d } = s;
  const req = spec.requested;
  return note === 'other'
    ? { kind: 'nearby' }
    : spec.taken
      ? { kind: 'justTaken' }
      : isExact(req)
        ? { kind: 'timeTaken', time: d.time(req.start) }
        : req
          ? { kind: spec.widened ? 'widened' : 'free', request: requestRef(req, d) }
          : { kind: 'first' };
}

/**
 * A stretch of an open day that ends before it opens ("antes de las 9") or starts after it closes
 * ("después de las 7 de la tarde"): which side of the hours it is, with the time that was asked.
 */
function outsideHours(s: Scope, req: When, hours: readonly OpeningInterval[]): ClosedLead | null {
  const { d } = s;
  const ofDay = hours.filter((h) => h.weekday === d.ref(req.start).weekday);
  if (!ofDay.length) return null;
  const opens = Math.min(...ofDay.map((h) => toMinutes(h.from)));
  const closes = Math.max(...ofDay.map((h) => toMinutes(h.to)));
  const start = d.ref(req.start).minuteOfDay;
  if (start >= closes && start > 0) return { kind: 'after', time: d.time(req.start) };
  const sameDay = d.dayKey(req.end) === d.dayKey(req.start);
  if (sameDay && d.ref(req.end).minuteOfDay <= opens) return { kind: 'before', time: d.time(req.end) };
  return null;
}

function closed(s: Scope, spec: Extract<ReplySpec, { key: 'closed' }>): OutgoingMessage {
  const { c, d } = s;
  const req = spec.requested;
  let lead: ClosedLead = { kind: 'now' };
  if (req) {
    const ref = d.ref(req.start);
    if (spec.hours.length && !opensOn(spec.hours, ref.weekday))
      lead = { kind: 'day', weekday: c.grammar.everyWeekday(ref.weekday) };
    else if (isExact(req)) lead = { kind: 'time', time: d.time(req.start) };
    else lead = outsideHours(s, req, spec.hours) ?? { kind: 'date', on: c.grammar.on(ref) };
  }
  const hours = spec.hours.length ? c.grammar.hours(groupHours(spec.hours)) : '';
  const offer = slotChoice(s, spec.options, (pick) => inZone(s, c.texts.closed({ lead, hours, pick })));
  if (offer) return offer;
  return s.btns(c.texts.closed({ lead, hours, pick: null }), [
    { id: BUTTON.book, title: c.labels.seeTimes },
    { id: BUTTON.human, title: c.labels.human },
  ]);
}

function chooseBooking(s: Scope, spec: Extract<ReplySpec, { key: 'chooseBooking' }>): OutgoingMessage {
  const { c, d } = s;
  const list = byStart(spec.bookings).slice(0, LIMITS.listRowsMax);
  if (list.length <= LIMITS.buttonsMax) {
    return s.btns(
      c.texts.chooseBooking({ purpose: spec.purpose, count: spec.bookings.length, pick: { how: 'buttons' } }),
      list.map((b) => ({ id: BUTTON.booking(b.uid), title: d.short(b.start) })),
    );
  }
  const button = c.labels.myBookings;
  return listMessage(
    c.texts.chooseBooking({ purpose: spec.purpose, count: spec.bookings.length, pick: { how: 'list', button } }),
    button,
    [
      {
        rows: list.map((b) => ({
          id: BUTTON.booking(b.uid),
          title: d.shortWithMonth(b.start),
          description: describe(s, b),
        })),
      },
    ],
  );
}

/** "Corte de pelo · 30 min" */
function describe(s: Scope, b: BookingSummary): string {
  const minutes = s.d.minutes(b.start, b.end) || s.ctx.lengthMinutes;
  return `${clip(what(s, b), 55)} · ${s.c.grammar.length(minutes)}`;
}

/**
 * Upcoming bookings with what can be done to each. One: three reply buttons. Two or three: a list
 * with a section per booking holding its three actions (≤ 9 rows). More: a list with a row per
 * booking (≤ 10); the person picks one, then gets its three buttons.
 */
function myBookings(s: Scope, all: BookingSummary[]): OutgoingMessage {
  const { c, d } = s;
  const l = c.labels;
  const list = byStart(all).sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  const first = list[0];
  if (!first) {
    return s.btns(c.texts.noBookings({ purpose: 'list' }), [
      { id: BUTTON.book, title: l.book },
      { id: BUTTON.help, title: l.help },
    ]);
  }
  if (list.length === 1) {
    return s.btns(
      c.texts.myBookings({
        kind: 'one',
        when: d.dayAndTime(first.start),
        what: describe(s, first),
      }),
      [
        { id: BUTTON.attend(first.uid), title: l.confirm },
        { id: BUTTON.rescheduleBooking(first.uid), title: l.reschedule },
        { id: BUTTON.cancelBooking(first.uid), title: l.cancelBooking },
      ],
    );
  }
  const perBooking = list.length * 3 <= LIMITS.listRowsMax;
  const shown = list.slice(0, perBooking ? list.length : LIMITS.listRowsMax);
  // Full dates in the body ("jueves 26 de noviembre a las 10:00"); the short form titles the rows.
  const lines = shown.map((b) => `• *${d.dayAndTime(b.start)}* — ${clip(what(s, b), 40)}`);
  const button = l.myBookings;
  const body = c.texts.myBookings({
    kind: 'several',
    count: list.length,
    lines,
    shown: shown.length,
    pick: { how: 'list', button },
    perBooking,
  });
  const sections: ListSection[] = perBooking
    ? shown.map((b) => ({
        title: d.shortWithMonth(b.start),
        rows: [
          { id: BUTTON.attend(b.uid), title: l.confirm, description: describe(s, b) },
          { id: BUTTON.rescheduleBooking(b.uid), title: l.reschedule, description: describe(s, b) },
          { id: BUTTON.cancelBooking(b.uid), title: l.cancelBooking, description: describe(s, b) },
        ],
      }))
    : [
        {
          rows: shown.map((b) => ({
            id: BUTTON.booking(b.uid),
            title: d.shortWithMonth(b.start),
            description: describe(s, b),
          })),
        },
      ];
  return listMessage(body, button, sections);
}

/** Business-written text in the person's language, else Spanish, English, Portuguese, whatever there is. */
function localized(s: Scope, v: LocalizedText | undefined): string | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'string') return v.trim() || undefined;
  const pick = v[s.c.language] ?? v.es ?? v.en ?? v.pt ?? Object.values(v).find((x) => typeof x === 'string');
  return pick?.trim() || undefined;
}

/** Up to this many services are listed in one message; more are counted. */
const SERVICES_MAX = 10;

type AnswerTopic = Parameters<Catalog['texts']['businessAnswer']>[0]['topic'];

function businessAnswer(s: Scope, spec: Extract<ReplySpec, { key: 'businessAnswer' }>): OutgoingMessage {
  const k = s.ctx.knowledge;
  const { c } = s;
  if (!k) return unknownQuestion(s, spec.inFlow);
  // Several topics asked at once: one answer per topic, in the order asked (issue 9, session 3).
  const blocks: string[] = [];
  for (const t of spec.topics?.length ? spec.topics : [spec.topic]) {
    const one = topicAnswer(s, k, t, spec.faqId);
    if (one.content)
      blocks.push(`${c.texts.businessAnswer({ topic: one.topic, business: clip(k.name, 60) })}\n${one.content}`);
  }
  if (!blocks.length) return unknownQuestion(s, spec.inFlow);
  const answer = blocks.join('\n\n');
  // In the middle of a flow the flow's own question follows: the answer alone (new-user run).
  if (spec.inFlow) return text(clip(answer, LIMITS.textBody));
  const next = c.texts.businessNext();
  const room = LIMITS.interactiveBody - visibleLength(next) - 2;
  const buttons: ReplyButton[] = [
    { id: BUTTON.book, title: c.labels.book },
    { id: BUTTON.human, title: c.labels.human },
  ];
  if (visibleLength(answer) <= room) return s.btns(`${answer}\n\n${next}`, buttons);
  // Too long for an interactive message: plain text with all of it, the next step in words.
  const textRoom = LIMITS.textBody - visibleLength(next) - 2;
  return text(`${clip(answer, textRoom)}\n\n${next}`);
}

/** What the knowledge file says about one topic (or the FAQ entry matched), and the lead it takes. */
function topicAnswer(
  s: Scope,
  k: NonNullable<Scope['ctx']['knowledge']>,
  asked: ReplySpecTopic,
  faqId: string | undefined,
): { topic: AnswerTopic; content: string | undefined } {
  const { c } = s;
  const spec = { topic: asked };
  let topic: AnswerTopic = spec.topic;
  let content: string | undefined;
  const faq = faqId ? k.faq.find((f) => f.id === faqId) : undefined;
  if (faq) {
    topic = 'faq';
    content = localized(s, faq.answer);
  } else {
    switch (spec.topic) {
      case 'price':
      case 'services': {
        const services =
          spec.topic === 'price' && k.services.some((x) => x.price) ? k.services.filter((x) => x.price) : k.services;
        const lines = services.slice(0, SERVICES_MAX).map((x) => {
          const line = c.grammar.serviceLine({
            name: clip(localized(s, x.name) ?? x.id, 60),
            price: x.price ? clip(x.price, 30) : undefined,
            length: x.durationMinutes ? c.grammar.length(x.durationMinutes) : undefined,
          });
          const about = spec.topic === 'services' ? localized(s, x.description) : undefined;
          return about ? `${line}\n  ${clip(about, 120)}` : line;
        });
        if (services.length > SERVICES_MAX) lines.push(c.grammar.more(services.length - SERVICES_MAX));
        content = lines.length ? lines.join('\n') : undefined;
        break;
      }
      case 'address':
        content = k.address
          ? [k.address.text.trim(), k.address.mapUrl ? c.grammar.mapLink(k.address.mapUrl.trim()) : '']
              .filter(Boolean)
              .join('\n')
          : undefined;
        break;
      case 'parking':
        content = localized(s, k.parking);
        break;
      case 'payment':
        content = localized(s, k.payment);
        break;
      case 'cancellation_policy':
        content = localized(s, k.cancellationPolicy);
        break;
      case 'hours': {
        const hours = s.ctx.openingHours?.length ? cap(c.grammar.hours(groupHours(s.ctx.openingHours))) : undefined;
        content = localized(s, k.hoursText) ?? (hours ? `${hours}.` : undefined);
        break;
      }
      case 'other':
        content = undefined;
        break;
    }
  }
  return { topic, content };
}

type ReplySpecTopic = Extract<ReplySpec, { key: 'businessAnswer' }>['topic'];

/** "I don't know that": a person, or booking — in the middle of a flow only a person (the flow's question follows). */
function unknownQuestion(s: Scope, inFlow = false): OutgoingMessage {
  const human = { id: BUTTON.human, title: s.c.labels.human };
  if (inFlow) return s.btns(s.c.texts.unknownQuestion({ inFlow: true }), [human]);
  return s.btns(s.c.texts.unknownQuestion({ link: s.link }), [human, { id: BUTTON.book, title: s.c.labels.book }]);
}

function bookingRefused(s: Scope, reason: Extract<ReplySpec, { key: 'bookingRefused' }>['reason']): OutgoingMessage {
  const { c } = s;
  const l = c.labels;
  const body = c.texts.bookingRefused({ reason, link: s.link });
  switch (reason) {
    case 'too_soon':
    case 'too_far':
    case 'in_past':
      return s.btns(body, [
        { id: BUTTON.book, title: l.seeTimes },
        { id: BUTTON.human, title: l.human },
      ]);
    case 'booker_limit':
      return s.btns(body, [
        { id: BUTTON.myBookings, title: l.myBookings },
        { id: BUTTON.human, title: l.human },
      ]);
    case 'invalid_phone':
    case 'missing_fields':
      return s.btns(body, [{ id: BUTTON.human, title: l.human }]);
  }
}

/**
 * A question the booking form asks. Fixed answers become buttons (≤ 3 that fit 20 characters) or a
 * list (≤ 10 that fit 24): the reply's title is the answer itself. Otherwise the answers are
 * written out and the person types one.
 */
function askBookingField(s: Scope, spec: Extract<ReplySpec, { key: 'askBookingField' }>): OutgoingMessage {
  const { c } = s;
  const label = clip(spec.label, 60);
  const seen = new Set<string>();
  const options = (spec.options ?? [])
    .map((o) => o.trim())
    .filter((o) => o !== '' && !seen.has(o.toLowerCase()) && seen.add(o.toLowerCase()) !== undefined);
  const fits = (max: number) => options.every((o) => visibleLength(o) <= max);
  if (options.length >= 1 && options.length <= LIMITS.buttonsMax && fits(LIMITS.buttonTitle)) {
    return s.btns(
      c.texts.askBookingField({ label, retry: spec.retry, pick: { how: 'buttons' }, options }),
      options.map((o, i) => ({ id: BUTTON.fieldOption(i + 1), title: o })),
    );
  }
  if (options.length >= 1 && options.length <= LIMITS.listRowsMax && fits(LIMITS.rowTitle)) {
    const button = c.labels.options;
    return listMessage(
      c.texts.askBookingField({ label, retry: spec.retry, pick: { how: 'list', button }, options }),
      button,
      [{ rows: options.map((o, i) => ({ id: BUTTON.fieldOption(i + 1), title: o })) }],
    );
  }
  return text(
    c.texts.askBookingField({
      label,
      retry: spec.retry,
      pick: { how: 'typed' },
      options: options.slice(0, 50).map((o, i) => `${i + 1}. ${clip(o, 80)}`),
    }),
  );
}
