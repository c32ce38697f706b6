/**
 * The vocabulary the conversation statecharts speak: what comes in (events) and what they ask the
 * engine to do (effects, as named actions with params). No I/O here: the engine carries effects out
 * and feeds their results back as events.
 */
export type Language = 'es' | 'en' | 'pt';
export type Intent =
  | 'book'
  | 'reschedule'
  | 'cancel'
  | 'confirm'
  | 'decline'
  | 'greeting'
  | 'thanks'
  | 'help'
  | 'human'
  | 'opt_out'
  /** "¿qué citas tengo?", "when is my appointment?" */
  | 'my_bookings'
  /** A question about the business: price, address, parking, services, hours, payment, policy, custom Q&A. */
  | 'question'
  /** GDPR access: "¿qué datos tenéis de mí?" */
  | 'privacy_access'
  /** GDPR erasure: "borra mis datos" */
  | 'privacy_erase'
  /** Rectification: "me llamo …", "mi correo es …" (the new value is in `name` / `email`). */
  | 'update_details'
  /** Undo an opt-out: "START", "ALTA". */
  | 'opt_in'
  /** Back to the bot after a hand-off: "quiero seguir con el bot". */
  | 'resume_bot'
  /** Issue 14: revoke marketing consent: "no quiero ofertas", "no more offers". */
  | 'marketing_opt_out'
  /** Issue 14: the marketing question's "yes" button (typed yeses are 'confirm'). */
  | 'marketing_opt_in'
  /** "Mantener" under a proposed move: leave the appointment as it is. */
  | 'keep'
  | 'unknown';

/** Which parts of a time the message itself gave; the rest is completed from what is on the table. */
export interface TimeParts {
  day: boolean;
  partOfDay: boolean;
  hour: boolean;
  minute: boolean;
}
/** A move relative to what is on the table: "más tarde", "antes", "otro día", "la semana que viene", "ver más". */
export type TimeShift = 'later' | 'earlier' | 'another_day' | 'next_week' | 'more';
/** Business-question topics answered from the knowledge file (business.yaml). */
export type QuestionTopic =
  'price' | 'address' | 'parking' | 'services' | 'hours' | 'payment' | 'cancellation_policy' | 'other';
/** Opening hours, in the business zone: ISO weekday 1 (Monday) … 7 (Sunday), "HH:mm" bounds. */
export interface OpeningInterval {
  weekday: 1 | 2 | 3 | 4 | 5 | 6 | 7;
  from: string;
  to: string;
}

export interface When {
  start: string;
  end: string;
  grain: string;
  /** A move to earlier ("antes"): the range's times nearest its end are offered (those just before). */
  near?: 'end';
}
export interface SlotOption {
  start: string;
  end: string;
  /** Growth (issue 16): a slot of another Cal.com event type (an add-on), when not the configured one. */
  eventTypeId?: number;
  /** Growth (issue 16): tapped on a promotional offer — booked at once, without the "shall I?" step. */
  direct?: boolean;
}
export interface BookingSummary {
  uid: string;
  start: string;
  end: string;
  title?: string;
  /** Where: an address, a map link or a meeting link (issue 10). */
  location?: string;
}
/** Why the calendar refused a booking or a move, when the person can do something about it (issue 10). */
export type RefusalReason = 'too_soon' | 'too_far' | 'in_past' | 'booker_limit' | 'invalid_phone' | 'missing_fields';
/** A required question of the event type's booking form, asked in the chat (issue 10). */
export interface BookingQuestion {
  slug: string;
  label: string;
  type: string;
  options?: string[];
}

/** One person's message, already understood by the NLU and resolved against what we offered. */
export interface UserInput {
  intent: Intent;
  when: When | null;
  text: string;
  /** The slot the person picked: a slot button, "el segundo", or a time matching an offered slot. */
  slot?: SlotOption;
  /** The booking the person picked (list row or reminder button). */
  bookingUid?: string;
  /** An e-mail address found in the message. */
  email?: string;
  /** 1–5 when the person rated an appointment. */
  rating?: number;
  /** Voice notes, images, stickers, locations…: nothing we can act on. */
  media?: boolean;
  /** An old button whose option is no longer valid. */
  expired?: boolean;
  /** Which parts of `when` the message gave itself (absent: treat `when` as complete). */
  parts?: TimeParts;
  /** A move relative to what is on the table. */
  shift?: TimeShift;
  /** The topic of a business question (intent 'question'). */
  topic?: QuestionTopic;
  /** A name the person gave ("me llamo Ramón", or a plausible name typed when asked). */
  name?: string;
  /** The FAQ entry of the knowledge file the question matched (intent 'question'). */
  faqId?: string;
  /** Issue 9 (session 3): an e-mail was attempted but has no domain ending ("jime@gmail"). */
  emailIncomplete?: boolean;
  /** Issue 9 (session 3): several topics asked in one message, each answered (the first is `topic`). */
  topics?: QuestionTopic[];
  /** The language the message is written in, when the NLU is confident: the reply follows it. */
  language?: Language;
  /** The register the message uses (vos / usted), when the NLU saw it: the reply mirrors it. */
  formality?: 'tu' | 'vos' | 'usted';
  /**
   * The name this message gives if it answers "what is your name?" (the NLU's extractName: no
   * greeting, thanks, intent or emoji; titles kept, tidied), absent when it is no name (issue 9).
   */
  nameIfAsked?: string;
  /** The name a proposed booking is to be made under, when it is someone else's ("a nombre de Pilar Gómez"). */
  bookingName?: string;
  /** Only an acknowledgement ("ok", "vale", "👍", a reaction): never counted as a miss (issue 9). */
  ack?: boolean;
  /** A tap on one of our buttons (not typed): an old generic button never answers another question. */
  tapped?: boolean;
  /**
   * Sent before Reserva's last step (the message arrived while the bot was still answering the one
   * before): it cannot answer a question that did not exist yet — a "sí" sent twice is no consent.
   */
  beforeLastReply?: boolean;
}

export interface ContactFacts {
  name?: string;
  language: Language;
  formality?: 'tu' | 'vos' | 'usted';
  bookingUrl?: string;
  email?: string;
  /** Shown after times when the person's phone suggests another time zone, e.g. "(hora de Madrid)". */
  zoneNote?: string;
  /** The event type needs the attendee's e-mail (asked only then). */
  emailRequired?: boolean;
  /** The business time zone times are read in (completing "a las 5" with the day on the table). */
  timeZone?: string;
  // Issue 14 (privacy): from the contact row, refreshed every turn.
  /** The marketing-consent question was asked before (it is asked once), or consent was given. */
  marketingAsked?: boolean;
  /** The person said STOP (or the number is on the suppression list). */
  optedOut?: boolean;
}

/** Issue 14: what the access reply tells (src/privacy/export.ts `summarise`), as plain data. */
export interface PrivacyFacts {
  name: string | null;
  email: string | null;
  phoneMasked: string;
  since: string;
  bookings: { upcoming: number; past: number };
  messages: { received: number; sent: number };
  feedback: number;
  marketingConsent: boolean;
  optedOut: boolean;
  retentionDays: number;
}

export type ConversationEvent =
  | { type: 'USER'; input: UserInput; bookings: BookingSummary[] }
  | {
      type: 'SLOTS_LOADED';
      exact: SlotOption | null;
      options: SlotOption[];
      widened: boolean;
      /** The calendar's opening hours, when known: a request outside them is "closed", not "taken". */
      hours?: OpeningInterval[];
    }
  | { type: 'SLOTS_FAILED' }
  | { type: 'HOLD_OK'; reservationUid: string; until: string }
  | { type: 'HOLD_FAILED'; reason: 'slot_unavailable' | 'unavailable' }
  /** `pending`: the event type needs the host's confirmation; requested, not yet accepted (issue 10). */
  | { type: 'BOOKED'; booking: BookingSummary; pending?: boolean }
  /** `fields`: with reason missing_fields, the booking questions still to ask (issue 10). */
  | { type: 'BOOK_FAILED'; reason: 'slot_unavailable' | 'unavailable' | RefusalReason; fields?: BookingQuestion[] }
  | { type: 'RESCHEDULED'; booking: BookingSummary }
  | { type: 'RESCHEDULE_FAILED'; reason: 'slot_unavailable' | 'unavailable' | RefusalReason }
  | { type: 'CANCELLED'; uid: string }
  | { type: 'CANCEL_FAILED'; reason: 'not_found' | 'unavailable' }
  | { type: 'ATTENDANCE_CONFIRMED'; uid: string }
  | { type: 'RETRY' }
  | { type: 'FEEDBACK_REQUESTED'; booking: BookingSummary }
  | { type: 'SESSION_TIMEOUT' }
  // Hand-off to a person (issue 13).
  /** Result of the `handoff` effect: staff notified, timer set; `since` identifies this hand-off. */
  | { type: 'HANDOFF_STARTED'; since: string; hours: OpeningInterval[]; openNow: boolean }
  /** Staff took the conversation over (admin API or inbox) without the person asking. */
  | { type: 'STAFF_TOOK_OVER'; by?: string }
  /** A message staff wrote (inbox, admin API or Chatwoot): sent to the person as it is. */
  | { type: 'STAFF_MESSAGE'; text: string; by?: string; via: 'admin' | 'chatwoot' }
  /** Staff gave the conversation back to the bot (inbox, admin API, or resolved in Chatwoot). */
  | { type: 'STAFF_RELEASED'; by?: string; via: 'admin' | 'chatwoot' }
  /** HANDOFF_TIMEOUT passed since the hand-off `since` started (a durable job sends it). */
  | { type: 'HANDOFF_TIMEOUT'; since: string }
  // Privacy rights in the chat (issue 14).
  /** Result of `prepareExport`: the summary and a single-use export link. */
  | { type: 'PRIVACY_EXPORT_READY'; summary: PrivacyFacts; url: string; expiresAt: string }
  | { type: 'PRIVACY_EXPORT_FAILED' }
  /** `eraseContact` could not be carried out (retries exhausted): nothing was erased. */
  | { type: 'ERASE_FAILED' };

/** What a reply says; src/conversation/copy.ts renders it in the person's language. */
export type ReplySpec =
  | { key: 'greeting' }
  | { key: 'help' }
  | { key: 'thanks' }
  /** "ok", "vale", "👍" that answer nothing (after a miss, or out of the blue): noted, the next step offered. */
  | { key: 'acknowledged' }
  | { key: 'human' }
  | { key: 'optedOut' }
  | { key: 'optedIn' }
  | { key: 'mediaNotSupported' }
  | { key: 'expiredOption' }
  | { key: 'didntUnderstand'; misses: number }
  | {
      key: 'offerSlots';
      requested: When | null;
      options: SlotOption[];
      taken: boolean;
      widened: boolean;
      purpose: 'book' | 'reschedule';
      /** Offered again after a message we could not act on: a miss, or a voice note / image. */
      note?: 'miss' | 'media' | 'other';
      /** issue 9/14 (session 3): the same offer again (after a miss, an ack, an answer): no stale "taken". */
      again?: boolean;
      /** issue 9/14 (session 3): "más tarde" past the day's last time: nothing later than this (ISO). */
      nothingLaterThan?: string;
      /** "antes" before the day's first open time: nothing earlier than this that day (ISO). */
      nothingEarlierThan?: string;
      /** issue 9/14 (session 3): the message opened with a greeting: "Hola Lucía 👋" first. */
      hello?: boolean;
    }
  | { key: 'noSlots'; requested: When | null; hello?: boolean }
  | { key: 'confirmSlot'; slot: SlotOption; hello?: boolean }
  /** An old "Confirmar" tapped with nothing waiting for it (the upcoming bookings follow). */
  | { key: 'nothingToConfirm' }
  /** A slot of an older list tapped while the person already has a booking: another one, or move that one? */
  | { key: 'anotherBooking'; slot: SlotOption; booking: BookingSummary }
  | { key: 'askName'; retry?: boolean }
  | { key: 'askEmail'; retry: boolean }
  | { key: 'booked'; booking: BookingSummary }
  | { key: 'bookingAbandoned' }
  | { key: 'calendarDown' }
  | { key: 'noBookings'; purpose: 'reschedule' | 'cancel' | 'confirm' }
  | { key: 'chooseBooking'; bookings: BookingSummary[]; purpose: 'reschedule' | 'cancel' }
  | { key: 'confirmReschedule'; from: BookingSummary; to: SlotOption }
  | { key: 'rescheduled'; booking: BookingSummary }
  | { key: 'confirmCancel'; booking: BookingSummary }
  | { key: 'cancelled'; booking: BookingSummary }
  | { key: 'keptBooking'; booking: BookingSummary | null }
  | { key: 'attendanceConfirmed'; booking: BookingSummary }
  | { key: 'askRating'; booking: BookingSummary }
  | { key: 'askComment' }
  | { key: 'feedbackThanks' }
  // Conversations that survive real people (issue 9).
  | { key: 'myBookings'; bookings: BookingSummary[] }
  | { key: 'closed'; requested: When | null; hours: OpeningInterval[]; options: SlotOption[]; hello?: boolean }
  | {
      key: 'businessAnswer';
      topic: QuestionTopic;
      faqId?: string;
      topics?: QuestionTopic[];
      /** Asked in the middle of a flow: the answer alone, the flow's question follows (not "shall I book?"). */
      inFlow?: boolean;
    }
  | { key: 'unknownQuestion'; inFlow?: boolean }
  | { key: 'nameUpdated'; name: string }
  | { key: 'emailUpdated'; email: string }
  /** After a second miss in a row: the booking link and a person, instead of the same question again. */
  | { key: 'stuck' }
  /** A short "sorry, I didn't get that" (or "I can't listen to voice notes") before the question again. */
  | { key: 'notUnderstood'; media: boolean }
  // Real Cal.com behaviour (issue 10).
  | { key: 'bookingRequested'; booking: BookingSummary }
  | {
      key: 'bookingRefused';
      reason: 'too_soon' | 'too_far' | 'in_past' | 'booker_limit' | 'invalid_phone' | 'missing_fields';
    }
  | { key: 'askBookingField'; label: string; options?: string[]; retry: boolean }
  // Hand-off (issue 13).
  | { key: 'handoffStarted'; hours: OpeningInterval[]; openNow: boolean }
  | { key: 'handoffEnded' }
  | { key: 'backToBot' }
  // Issue 9 (session 3): a yes to "which one?" asks again; an e-mail with no ending is said to be incomplete.
  | { key: 'pickBookingFirst'; purpose: 'reschedule' | 'cancel' }
  | { key: 'emailIncomplete' }
  /** Staff's own words, sent verbatim (not from the catalog: a person wrote them). */
  | { key: 'staffMessage'; text: string }
  // Privacy and consent (issue 14).
  | { key: 'privacySummary'; summary: PrivacyFacts; url: string; expiresAt: string }
  | { key: 'privacyUnavailable' }
  | { key: 'confirmErase' }
  | { key: 'eraseCancelBookings'; bookings: BookingSummary[] }
  | { key: 'eraseKept' }
  | { key: 'eraseFailed' }
  | { key: 'erased' }
  | { key: 'askMarketing'; again?: boolean }
  | { key: 'marketingGranted' }
  | { key: 'marketingDeclined' }
  | { key: 'marketingRevoked' }
  /** Sent once when a person floods the chat; the engine sends it (no turn). */
  | { key: 'slowDown' }
  // issue 9/14 (session 3): the first message during a hand-off is acknowledged once.
  | { key: 'handoffForwarded' };

/** Why the conversation is with a person: the person asked, or staff took it over. */
export interface HandoffInfo {
  reason: 'asked' | 'staff';
  /** Set when the `handoff` effect reports HANDOFF_STARTED; identifies this hand-off's timer. */
  since: string | null;
  /** issue 9/14 (session 3): the person's first message meanwhile was acknowledged (then quiet). */
  acked?: boolean;
}
/** Who ended a hand-off. */
export type HandoffEndedBy = 'staff' | 'timeout' | 'person' | 'opt_out';

export interface ConversationContext {
  contact: ContactFacts;
  misses: number;
  request: When | null;
  offered: SlotOption[];
  selected: SlotOption | null;
  /** The booking being made is for someone else, under this name (the person's own name stays). */
  bookingFor?: string | null;
  hold: { reservationUid: string; until: string } | null;
  taken: boolean;
  bookings: BookingSummary[];
  target: BookingSummary | null;
  feedbackFor: BookingSummary | null;
  /** Slots the person turned down in this flow ("Otra hora"): not offered again. */
  declined: string[];
  /** The calendar's opening hours, as last reported with the slots. */
  hours: OpeningInterval[];
  /** What the last miss was: a second voice note in a row gets the way out, not the same answer. */
  lastMiss: 'media' | 'text' | null;
  /** Set while the conversation is handed off to a person (or about to be: a flow ended asking for one). */
  handoff?: HandoffInfo | null;
  /** Booking questions still to ask (askingField), the next one first (issue 10). */
  fields?: BookingQuestion[];
  /** Answers to the booking questions given so far, by field slug (issue 10). */
  answers?: Record<string, string>;
  /** Issue 14: the booking flow just made a booking (the marketing question may follow, once). */
  justBooked?: boolean;
  /** Issue 14: a flow ended because the person asked for their data or to erase it. */
  privacyRequest?: 'access' | 'erase' | null;
  /** issue 9/14 (session 3): "más tarde" went past the day's last open time (ISO of that time). */
  laterThan?: string | null;
  /** "antes" went before the day's first open time (ISO of the time on the table). */
  earlierThan?: string | null;
  /** issue 9/14 (session 3): this turn's message opened with a greeting (the answer greets by name). */
  greet?: boolean;
  /** The marketing question was asked once more (after a 👍 or an old tap): not again, and no miss counted. */
  marketingReasked?: boolean;
}
