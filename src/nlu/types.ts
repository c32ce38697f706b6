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
  | 'my_bookings'
  | 'question'
  | 'privacy_access'
  | 'privacy_erase'
  | 'update_details'
  | 'opt_in'
  | 'resume_bot'
  /** Issue 14: "no quiero ofertas" (src/nlu/marketing.ts). */
  | 'marketing_opt_out'
  | 'marketing_opt_in'
  | 'keep'
  | 'unknown';

/**
 * Granularity of a resolved time. The conversation engine only ever sees the first six;
 * 'second', 'quarter' and 'year' appear only with `duckling: true` (benchmark scoring).
 */
export type Grain = 'minute' | 'hour' | 'day' | 'part_of_day' | 'week' | 'month' | 'second' | 'quarter' | 'year';

export interface When {
  start: string; // ISO with offset, business zone
  end: string; // exclusive
  grain: Grain;
  /**
   * Set for open-ended expressions: 'after' ("después de las 6": start is the bound, end is the
   * end of that day) or 'before' ("antes de las 11": end is the bound).
   */
  open?: 'after' | 'before';
  /**
   * The hour was said without am/pm or a 24-hour form ("a las 5") and was read into business hours;
   * completeWhen() may re-read it into the hours of the day on the table.
   */
  ambiguousHour?: boolean;
}

export interface Understanding {
  language: Language;
  intent: Intent;
  confidence: number; // 0..1
  when: When | null;
  /** "el segundo", "the 2nd one", "la de las 11": an ordinal choice among offered options (1-based). */
  choice?: number;
  /** Formality the person used: tú (default), vos (voseo), usted. */
  formality?: 'tu' | 'vos' | 'usted';
  /** Set when the text was one of our own quick-reply ids (v1:...). */
  button?: ButtonReply;
  /** Which parts of `when` the message itself gave (day, part of day, hour, minute). */
  parts?: TimeParts;
  /** A move relative to what is on the table: later / earlier / another day / next week / more. */
  shift?: TimeShift;
  /** Topic of a business question (intent 'question'). */
  topic?: QuestionTopic;
  /**
   * Issue 9 (session 3): the booking a move or cancellation names, apart from its target: "mi cita
   * del jueves" in "cambiar mi cita del jueves al miércoles" (`when` is then Wednesday).
   */
  from?: When;
  /** Issue 9 (session 3): every topic of a message asking several ("¿cuánto cuesta? ¿y dónde están?"), in order. */
  topics?: QuestionTopic[];
  /** A name the person gave: "me llamo Ramón", "soy Don Ramón" (titles kept). */
  name?: string;
  /** An e-mail the person gave. */
  email?: string;
  /** Issue 9 (session 3): an e-mail attempt with no domain ending ("jime.torres@gmail"). */
  emailIncomplete?: boolean;
  /**
   * The message also opens with a yes of its own beside a question ("ok. ¿puedo ir con mi hijo?",
   * "sim! vocês atendem crianças?"): intent is `question`, so the question is answered; a flow may take
   * the yes as its confirmation too (new-user run).
   */
  yes?: true;
  /** How sure the language guess is (0..1); low when the conversation's language was kept. */
  languageConfidence?: number;
  /**
   * The message is only an acknowledgement ("ok", "vale", "gracias", "👍", any emoji alone): an
   * answer where a yes fits, never a miss where it does not.
   */
  ack?: boolean;
}

export type { TimeParts, TimeShift, QuestionTopic } from '../../machines/types.js';
import type { TimeParts, TimeShift, QuestionTopic } from '../../machines/types.js';

/** A parsed quick-reply id from one of our own buttons. */
export type ButtonReply =
  | { kind: 'intent'; intent: Intent }
  | { kind: 'slot'; start: string }
  | { kind: 'booking'; uid: string; intent?: 'confirm' | 'reschedule' | 'cancel' }
  | { kind: 'rating'; rating: 1 | 2 | 3 | 4 | 5 };

export interface BusinessHours {
  /** Hours of the day [start, end) in the business zone, e.g. 9 and 18. */
  start: number;
  end: number;
}

export interface UnderstandOptions {
  reference: Date | string; // the instant the message was received
  timeZone: string; // IANA business zone
  /** The conversation's language so far: kept unless the message is confidently in another one. */
  locale?: Language;
  businessHours?: BusinessHours; // default 9–18; bare hours resolve into it ("a las 5" → 17:00)
  /** Duckling-compatible mode: no business-hours shift, past expressions allowed. Used by the benchmark. */
  duckling?: boolean;
}
