/**
 * The shape of a message catalog. There is ONE catalog per locale and register (es-tu, es-vos,
 * es-usted, en, pt): each is a complete `Catalog`, so a missing text in any of them is a compile
 * error, and no text is ever patched from one register into another.
 *
 * Texts are functions of typed parameters. Dates arrive as `DayRef` parts and each language's
 * `Grammar` puts its own prepositions around them; opening hours arrive as groups of days.
 */
import type { Language, QuestionTopic, ReplySpec } from '../../../machines/types.js';
import type { DayRef } from '../dates.js';
import type { HoursGroup } from '../hours.js';

export type Register = 'tu' | 'vos' | 'usted';
/** A locale with its register: how the bot speaks to one person. */
export type Voice = 'es-tu' | 'es-vos' | 'es-usted' | 'en' | 'pt';

/** Button, list-button and section texts (each ≤ 20 characters: they are button titles). */
export interface Labels {
  confirm: string;
  otherTime: string;
  cancel: string;
  cancelBooking: string;
  book: string;
  help: string;
  human: string;
  /** A list row (≤ 24): the way to a person offered after two misses. */
  talkToPerson: string;
  seeTimes: string;
  reschedule: string;
  keep: string;
  /** New-user run: a slot of an older list tapped after booking — book this one too, or move mine here. */
  bookAnother: string;
  moveMine: string;
  yesCancel: string;
  skip: string;
  myBookings: string;
  rate: string;
  options: string;
  resumeBot: string;
  services: string;
  // Privacy and consent (issue 14).
  eraseYes: string;
  eraseAll: string;
  keepData: string;
  offersYes: string;
  offersNo: string;
  // Issue 16: the decline button of a promotional offer (upsell, win-back).
  offerNo: string;
}

/** Issue 14: what the access reply says, already formatted (the phone masked, name and e-mail clipped). */
export interface PrivacyFactsText {
  name: string;
  email: string;
  phone: string;
  upcoming: number;
  past: number;
  received: number;
  sent: number;
  feedback: number;
  marketing: boolean;
  optedOut: boolean;
  retentionDays: number;
}

/** How a date is said: with its time or not, in *bold* or not (the zone note stays outside the bold). */
export interface DateOpts {
  time?: boolean;
  bold?: boolean;
}

/** Date, hours and list phrasing of one language (shared by its registers). */
export interface Grammar {
  /** The day as an adverbial: "el jueves 26 de noviembre" / "mañana, jueves 26 de noviembre" (+ " a las 11:00"). */
  on(r: DayRef, o?: DateOpts): string;
  /** After a noun ("cita …"): "del jueves 26 de noviembre" / "de mañana, jueves 26 de noviembre" (+ time). */
  of(r: DayRef, o?: DateOpts): string;
  /** A destination ("move it …"): "al jueves 26 de noviembre" / "a mañana, jueves 26 de noviembre" (+ time). */
  to(r: DayRef, o?: DateOpts): string;
  /** A booking's span: "jueves 26 de noviembre, 11:00–11:30" (with `on`, "el jueves …"). */
  span(start: DayRef, end: DayRef, o?: { on?: boolean; bold?: boolean }): string;
  /** What the person asked for: "el jueves 26 de noviembre", "esa semana"… */
  request(r: RequestRef): string;
  /** The week's opening hours: "de lunes a viernes de 9:00 a 18:00 y los sábados de 10:00 a 14:00". */
  hours(groups: HoursGroup[]): string;
  /** A weekday, every week: "los domingos" / "Sundays" / "aos domingos". */
  everyWeekday(isoWeekday: number): string;
  /** When reminders go out, e.g. [24 h, 1 h] → "el día antes y una hora antes"; "" for none. */
  reminders(offsetsMs: number[]): string;
  /** "A, B y C" in the language. */
  list(items: string[]): string;
  /** "30 min" */
  length(minutes: number): string;
  /** One service line: "• Corte: 25 €, 30 min". */
  serviceLine(p: { name: string; price?: string; length?: string }): string;
  /** "…y 3 más." when a list had to be cut. */
  more(count: number): string;
  /** "Mapa: https://…" */
  mapLink(url: string): string;
  /** "Dónde: Calle Mayor 1" — where an appointment takes place (an address or a meeting link). */
  where(location: string): string;
  /** Rating labels from 1 to 5 (list row descriptions). */
  ratings: readonly [string, string, string, string, string];
  /** The demo calendar's event title in this language. */
  demoTitle: string;
}

/** What the person asked for, as the lead of an offer or a "nothing free" reply. */
export type RequestRef =
  | { kind: 'at'; at: DayRef }
  | { kind: 'day'; day: DayRef }
  /** "antes de las 11:30" that day: `at` is 11:30. */
  | { kind: 'before'; at: DayRef }
  /** "después de las 16:00" that day: `at` is 16:00. */
  | { kind: 'after'; at: DayRef }
  | { kind: 'week' }
  | { kind: 'month' }
  | { kind: 'range' };

export type OfferLead =
  | { kind: 'justTaken' }
  | { kind: 'timeTaken'; time: string }
  | { kind: 'free'; request: RequestRef }
  | { kind: 'widened'; request: RequestRef }
  /** Other times near the one just turned down. */
  | { kind: 'nearby' }
  | { kind: 'first' }
  // issue 9/14 (session 3): offered again (after a miss, an ack, an answer): what the list holds.
  | { kind: 'nearest' }
  /** "más tarde" past the day's last time: nothing later than `time` that day; the next days follow. */
  | { kind: 'nothingLater'; time: string }
  /** "antes" before the day's first open time. */
  | { kind: 'nothingEarlier'; time: string };

/** How the person picks from what a message offers. */
export type Pick = { how: 'buttons' } | { how: 'list'; button: string } | { how: 'typed' };

export type ClosedLead =
  /** Closed every such weekday: "los domingos". */
  | { kind: 'day'; weekday: string }
  /** Closed that day (a holiday, say): the day phrased by `on`. */
  | { kind: 'date'; on: string }
  | { kind: 'time'; time: string }
  /** A stretch of an open day before it opens ("antes de las 9"): the time asked. */
  | { kind: 'before'; time: string }
  /** A stretch of an open day after it closes ("después de las 19:00"): the time asked. */
  | { kind: 'after'; time: string }
  | { kind: 'now' };

export type RefusalReason = Extract<ReplySpec, { key: 'bookingRefused' }>['reason'];

export interface Texts {
  greeting(p: { name: string }): string;
  help(): string;
  thanks(): string;
  /** An "ok" / "👍" that answers nothing: noted, briefly (not a "you're welcome", which answers thanks). */
  acknowledged(): string;
  human(): string;
  optedOut(): string;
  optedIn(): string;
  mediaNotSupported(): string;
  expiredOption(): string;
  didntUnderstand(p: { misses: number; link?: string }): string;
  /** `note`: offered again after a message we could not act on (a miss, or a voice note / image). */
  offerSlots(p: { lead: OfferLead; pick: Pick; purpose: 'book' | 'reschedule'; note?: 'miss' | 'media' }): string;
  /** An offer that came back empty: what to do instead. */
  noOptions(p: {
    lead: Exclude<OfferLead, { kind: 'nearby' | 'nearest' | 'nothingLater' | 'nothingEarlier' }>;
  }): string;
  noSlots(p: { request: RequestRef | null }): string;
  /** Dates arrive phrased by the grammar (`on` = "el *jueves…*", `of` = "del *jueves…*", `to` = "al …"). */
  /** `on` carries the length: "*mañana a las 15:30* (30 min)", or "(hora de Madrid, 30 min)" abroad. */
  confirmSlot(p: { name: string; on: string }): string;
  /** `have`: the booking they have ("el *jueves … a las 14:00*"); `on`: the slot tapped. */
  anotherBooking(p: { have: string; on: string }): string;
  nothingToConfirm(): string;
  askName(p: { retry: boolean }): string;
  askEmail(p: { retry: boolean }): string;
  /** `where`: the grammar's "Dónde: …" line when the booking has a place or link, else "". */
  booked(p: { name: string; span: string; what: string; where: string; reminders: string }): string;
  bookingAbandoned(): string;
  calendarDown(): string;
  noBookings(p: { purpose: 'reschedule' | 'cancel' | 'confirm' | 'list' }): string;
  chooseBooking(p: { purpose: 'reschedule' | 'cancel'; count: number; pick: Pick }): string;
  confirmReschedule(p: { from: string; to: string }): string;
  /** `on` carries what it is: "*el viernes … 10:00–10:30* (Consulta)". */
  rescheduled(p: { on: string; where: string; reminders: string }): string;
  confirmCancel(p: { of: string }): string;
  cancelled(p: { of: string }): string;
  keptBooking(p: { of: string | null }): string;
  attendanceConfirmed(p: { name: string; on: string }): string;
  askRating(p: { of: string }): string;
  askComment(): string;
  feedbackThanks(): string;
  /**
   * One booking: its span and what. Several: one line each; `perBooking` when the list has the
   * actions under each booking, else the person first picks one. `shown` < `count` when cut.
   */
  myBookings(
    p:
      | { kind: 'one'; when: string; what: string }
      | { kind: 'several'; count: number; lines: string[]; shown: number; pick: Pick; perBooking: boolean },
  ): string;
  closed(p: { lead: ClosedLead; hours: string; pick: Pick | null }): string;
  /** The lead before the business's own text, per topic ("Sobre el aparcamiento:"). */
  businessAnswer(p: { topic: QuestionTopic | 'faq'; business: string }): string;
  /** Closes a business answer with the next step. */
  businessNext(): string;
  /** `inFlow`: asked in the middle of a booking or a move — a person is offered, the flow's question follows. */
  unknownQuestion(p: { link?: string; inFlow?: boolean }): string;
  nameUpdated(p: { name: string }): string;
  emailUpdated(p: { email: string }): string;
  bookingRequested(p: { span: string; what: string; where: string }): string;
  bookingRefused(p: { reason: RefusalReason; link?: string }): string;
  /** `options`: when they must be typed, one numbered line each ("1. Instagram"). */
  askBookingField(p: { label: string; retry: boolean; pick: Pick; options: string[] }): string;
  handoffStarted(p: { openNow: boolean; hours: string }): string;
  handoffEnded(): string;
  /** After a second miss in a row: the booking link and a person, instead of the same question again. */
  /** issue 9/14 (session 3): `phone` (business.yaml) when there is no booking page link. */
  stuck(p: { link?: string; phone?: string }): string;
  /** A short "sorry, I didn't get that" (or "I can't listen to voice notes") before the question again. */
  notUnderstood(p: { media: boolean }): string;
  // Messages the lifecycle sends (src/conversation/notices.ts): reminders and changes made by the business.
  reminder(p: { name: string; on: string }): string;
  noticeCancelled(p: { of: string }): string;
  noticeMoved(p: { on: string }): string;
  noticeNoShow(): string;
  // Issue 10: the host confirmed a requested booking ("on" as in noticeMoved), or turned it down.
  noticeConfirmed(p: { on: string }): string;
  noticeRejected(p: { of: string }): string;
  // Privacy and consent (issue 14).
  /** Added to the first message a new contact gets. */
  privacyNotice(p: { url: string }): string;
  privacySummary(p: PrivacyFactsText & { url: string }): string;
  privacyUnavailable(): string;
  confirmErase(): string;
  /** `lines`: one booking (bold span) or one line per booking. */
  eraseCancelBookings(p: { count: number; lines: string }): string;
  eraseKept(): string;
  eraseFailed(): string;
  erased(): string;
  /** `again`: asked once more (after an ack or an old tap): a short lead, then the same question. */
  askMarketing(p: { again?: boolean }): string;
  marketingGranted(): string;
  marketingDeclined(): string;
  marketingRevoked(): string;
  slowDown(): string;
  // issue 9: the person asked to go back to the bot (handoffEnded is the team finishing)
  backToBot(): string;
  // Issue 16: promotional offers (src/conversation/offers.ts). The business's own texts in business.yaml
  // (growth.upsell.offers[].text, growth.winback.variants[].text) replace the bodies, never the buttons.
  /** The add-on right before or after the appointment just booked; `service` and `time` as shown. */
  upsellOffer(p: { service: string; time: string; position: 'before' | 'after' }): string;
  /** Free times after a cancellation or a no-show; `name` is the first name or empty. */
  winbackOffer(p: { name: string }): string;
  /** The one-tap button of an upsell offer (a button title: ≤ 20 characters with the time). */
  offerBook(p: { time: string }): string;
  // issue 9 (session 3): a yes to "which one?" is no choice; an e-mail with no domain ending
  pickBookingFirst(p: { purpose: 'reschedule' | 'cancel' }): string;
  emailIncomplete(): string;
  // issue 9/14 (session 3)
  /** The first message during a hand-off: passed on to the team (then quiet, not to spam). */
  handoffForwarded(): string;
  /** A greeting by first name before the answer to a request that opened with one. */
  hello(p: { name: string }): string;
  /** After a booking made while opted out (STOP): no reminders until ALTA / START. */
  remindersOff(): string;
}

export interface Catalog {
  voice: Voice;
  language: Language;
  labels: Labels;
  grammar: Grammar;
  texts: Texts;
}

/** Every reply key has a text in `Texts` (a new ReplySpec key is a compile error until it has one). */
/** Replies sent as a person wrote them (staff messages), not from the catalog. */
type Verbatim = 'staffMessage';
type MissingReplyTexts = Exclude<ReplySpec['key'], keyof Texts | Verbatim>;
export const EVERY_REPLY_HAS_A_TEXT: [MissingReplyTexts] extends [never] ? true : MissingReplyTexts = true;
