/**
 * Turns an inbound WhatsApp message into the statechart's USER input: what the NLU understood,
 * plus what the person picked among the options we offered (slot buttons, "el segundo",
 * "la de las 11"), the booking a reminder button refers to, a rating, or media we can't read.
 */
import { DateTime } from 'luxon';
import type { BookingSummary, ConversationContext, SlotOption, UserInput } from '../../machines/types.js';
import { parseButtonId } from '../conversation/buttons.js';
import { languageOfPhone } from '../conversation/phone-zone.js';
import { answerableTopic, matchFaq } from '../knowledge/match.js';
import type { Knowledge } from '../knowledge/types.js';
import { extractName, understand } from '../nlu/index.js';
import type { Understanding } from '../nlu/types.js';
import type { InboundMessage } from '../whatsapp/types.js';
import { zone } from '../time/zone.js';

/** issue 9/14 (session 3): emoji that acknowledge on their own. */
const ACK_EMOJI = /👍|👌|✅|🙏|🙂|😊|👏|💪|🤝|☺|😉/u;

export interface InputOptions {
  reference: Date;
  timeZone: string;
  businessHours: { start: number; end: number };
  lengthMinutes: number;
  context: ConversationContext;
  /** The business's knowledge file: a question is matched against its FAQ and topics. */
  knowledge?: Knowledge;
  /**
   * Whether the contact's language is known (stored from earlier messages). When it is not, the
   * first message's own words decide ("hello" is English) instead of the default locale.
   */
  languageKnown?: boolean;
  /** Growth (issue 16): the configured event type; an offer's slot of another one (an add-on) says which. */
  eventTypeId?: number;
  /** The person's upcoming bookings now (default: the machine's last list): a day named picks one (issue 9). */
  bookings?: BookingSummary[];
}

export interface ResolvedInput {
  input: UserInput;
  understanding: Understanding | null;
}

/** Words every supported language uses: they say nothing about the language of the message. */
const SHARED_WORDS = new Set(['stop', 'start', 'ok', 'okay', 'no', 'info', 'menu', 'sos', 'hola', 'bye', 'ciao']);

export function messageText(m: InboundMessage): string {
  switch (m.content.kind) {
    case 'text':
      return m.content.text;
    case 'button_reply':
    case 'list_reply':
      return m.content.title;
    case 'template_button':
      return m.content.text;
    case 'location':
      return m.content.name ?? '';
    case 'media':
      return m.content.caption ?? '';
    case 'reaction':
      return m.content.emoji;
    default:
      return '';
  }
}

function buttonIdOf(m: InboundMessage): string | undefined {
  if (m.content.kind === 'button_reply' || m.content.kind === 'list_reply') return m.content.id;
  if (m.content.kind === 'template_button') return m.content.payload;
  return undefined;
}

export function resolveInput(m: InboundMessage, opts: InputOptions): ResolvedInput {
  const text = messageText(m);
  const ctx = opts.context;
  const slotAt = (startIso: string): SlotOption => ({
    start: new Date(startIso).toISOString(),
    end: new Date(Date.parse(startIso) + opts.lengthMinutes * 60_000).toISOString(),
  });

  if (m.content.kind === 'media' && !m.content.caption)
    return { input: { intent: 'unknown', when: null, text: '', media: true }, understanding: null };
  if (m.content.kind === 'location' || m.content.kind === 'unsupported')
    return { input: { intent: 'unknown', when: null, text, media: true }, understanding: null };
  if (m.content.kind === 'reaction') {
    // 👍 on our question reads as a yes; anything else is just acknowledged like a thanks.
    const yes = /👍|✅|👌|🙏/u.test(m.content.emoji);
    return { input: { intent: yes ? 'confirm' : 'thanks', when: null, text, ack: true }, understanding: null };
  }

  const id = buttonIdOf(m);
  if (id) {
    const b = parseButtonId(id);
    switch (b.kind) {
      case 'intent':
        return { input: { intent: b.intent, when: null, text, tapped: true }, understanding: null };
      case 'slot': {
        const expired = Date.parse(b.start) <= opts.reference.getTime();
        return expired
          ? { input: { intent: 'book', when: null, text, expired: true }, understanding: null }
          : {
              input: {
                intent: 'book',
                when: null,
                text,
                // Growth (issue 16): an offer's slot is booked directly; one of another event type says which.
                slot: {
                  ...slotAt(b.start),
                  ...(b.eventTypeId && b.eventTypeId !== opts.eventTypeId ? { eventTypeId: b.eventTypeId } : {}),
                  ...(b.direct ? { direct: true } : {}),
                },
              },
              understanding: null,
            };
      }
      case 'booking':
        return { input: { intent: b.intent ?? 'unknown', when: null, text, bookingUid: b.uid }, understanding: null };
      case 'rating':
        return { input: { intent: 'unknown', when: null, text, rating: b.rating }, understanding: null };
      case 'unknown':
        break; // someone else's id (e.g. a template's static quick reply): read its title as text
    }
  }

  const u = understand(text, {
    reference: opts.reference,
    timeZone: opts.timeZone,
    locale: opts.languageKnown === false ? undefined : ctx.contact.language,
    businessHours: opts.businessHours,
  });
  const input: UserInput = { intent: u.intent, when: u.when, text };
  // This message is answered in its own language and register when the NLU is confident of them.
  // A switch needs evidence: two words at least, or one that not every language shares
  // ("STOP", "ok", "no" from a Spanish contact stay Spanish).
  const words = text
    .trim()
    .split(/\s+/)
    .filter((w) => /\p{L}/u.test(w));
  const single = words.length === 1 ? words[0]?.toLowerCase() : undefined;
  const evidence = words.length >= 2 || (single !== undefined && !SHARED_WORDS.has(single));
  if (u.language && u.language !== ctx.contact.language && evidence) input.language = u.language;
  // A first message whose words do not tell the language ("yo", "ok", "hey!!"; the NLU's guess is a
  // tie): the phone's country does, when it is known (new-user run: "yo" from +1 got Spanish).
  if (opts.languageKnown === false && (u.languageConfidence ?? 1) <= 0.3) {
    const byPhone = languageOfPhone(m.from);
    if (byPhone && byPhone !== ctx.contact.language) input.language = byPhone;
    else if (byPhone) delete input.language;
  }
  if (u.formality && u.formality !== 'tu') input.formality = u.formality;
  // issue 9/14 (session 3): emoji alone acknowledge only when they say so (👍 👌 ✅ 🙏 🙂 …); "😂🤷‍♂️" is a miss.
  if (u.ack && (/\p{L}/u.test(text) || ACK_EMOJI.test(text))) input.ack = true;
  // "borra todo" with no data word (the NLU's weak erase): erasure outside a flow or inside the erase
  // flow, where it confirms; in the middle of a booking or a move it is no privacy request (issue 9).
  if (u.intent === 'privacy_erase' && u.confidence < 0.8 && ctx.privacyRequest !== 'erase' && midFlow(ctx))
    input.intent = 'unknown';
  completeUnderstanding(input, u, text, opts.knowledge);
  const email = /[^\s@<>()"',;:]+@[^\s@<>()"',;:]+\.[a-z]{2,}/i.exec(text);
  if (email) input.email = email[0].toLowerCase();
  else if (u.emailIncomplete) input.emailIncomplete = true;
  // "mi correo es ana@example.com" out of the blue: a correction of the contact's e-mail.
  if (email && (input.intent === 'unknown' || (input.intent === 'update_details' && !input.name)))
    input.intent = 'update_details';
  // "sí, mi correo es …" with nothing on the table answers no question of ours: the e-mail, as before
  // (the NLU reads a yes beside an e-mail as confirm + email for the flows; new-user run).
  if (email && input.intent === 'confirm' && !midFlow(ctx) && !ctx.feedbackFor) input.intent = 'update_details';

  // "sí, a nombre de Pilar Gómez" while a slot is proposed, from a person whose name we know and is
  // another: the booking is for someone else (new-user run: it renamed the person). The person
  // keeps their name; the booking takes this one, and the answer to "¿La confirmo?" is a yes.
  const bookingName = input.name && ctx.selected && bookingNameOf(text, input.name, ctx.contact.name);
  if (bookingName) {
    input.bookingName = bookingName;
    delete input.name;
    if (input.intent === 'update_details' || input.intent === 'unknown') input.intent = 'confirm';
  }

  // A bare "1".."5" while we asked for a rating is the rating.
  const rating = /^\s*([1-5])\s*(?:\/\s*5)?\s*(?:⭐|★|estrellas?|stars?)?\s*$/iu.exec(text);
  if (ctx.feedbackFor && rating) input.rating = Number(rating[1]);

  // Picking among what we offered: "el segundo", "2", "la de las 11".
  if (ctx.offered.length) {
    if (u.choice && u.choice >= 1 && u.choice <= ctx.offered.length && !u.when) {
      input.slot = ctx.offered[u.choice - 1];
      input.intent = 'book';
    } else if (input.when && isClockTime(input.when)) {
      // A time that named its own day matches only that instant; a bare time, any offered day.
      const match = matchOffered(input.when.start, ctx.offered, opts.timeZone, !input.parts?.day);
      if (match) {
        input.slot = match;
        input.intent = input.intent === 'reschedule' || input.intent === 'cancel' ? input.intent : 'book';
      }
    }
  } else if (ctx.bookings.length > 1 && u.choice && u.choice <= ctx.bookings.length) {
    input.bookingUid = ctx.bookings[u.choice - 1]!.uid;
  } else if (ctx.bookings.length > 1 && input.when && !input.parts?.day && isClockTime(input.when)) {
    // "la de las 9" when asked which booking: the one listed at that time of day, if only one is.
    const atThatTime = sameTimeOfDay(input.when.start, ctx.bookings, opts.timeZone);
    if (atThatTime.length === 1) input.bookingUid = atThatTime[0]!.uid;
  }
  if (!input.bookingUid) {
    const named = namedBooking(input, u, opts.bookings ?? ctx.bookings, opts.timeZone);
    if (named) input.bookingUid = named.uid;
  }
  // "necesito modificar la cita del jueves": Thursday names the booking; the new time is still to ask.
  if (input.intent === 'reschedule' && u.from && input.when && sameInterval(input.when, u.from)) {
    input.when = null;
    delete input.parts;
  }
  return { input, understanding: u };
}

/**
 * What the NLU reports beyond intent and time: which parts of the time the message gave, a move on
 * the table, a name (volunteered, or the one this message would give if it answers "what is your
 * name?"), the question topic; and a business question resolved against the knowledge file (FAQ
 * entry, or a topic it can answer). The machines read these as they come; they recompute nothing.
 */
function completeUnderstanding(
  input: UserInput,
  u: Understanding,
  text: string,
  knowledge: Knowledge | undefined,
): void {
  if (u.when && u.parts) input.parts = u.parts;
  if (u.shift) {
    input.shift = u.shift;
    // "¿no hay nada más tarde?": a move from what is on the table, not "this afternoon" nor a "no".
    const parts = input.parts;
    if (input.when && parts && !parts.day && !parts.hour) {
      input.when = null;
      delete input.parts;
    }
    if (input.intent === 'decline' || input.intent === 'unknown') input.intent = 'book';
  }
  if (u.name) input.name = u.name;
  else if (!u.when && (u.intent === 'unknown' || u.intent === 'update_details')) {
    const name = extractName(text, u.language, { asked: true });
    if (name) input.nameIfAsked = name;
  } else if (u.when) {
    // "Mike Brown. actually can we make it 9:30 instead": a name as a sentence of its own before the
    // time, when the name is being asked for.
    const first = /^([^.!?\n]+)[.!?\n]+\s*\S/u.exec(text.trim())?.[1];
    const name = first ? extractName(first, u.language, { asked: true }) : undefined;
    if (name && name === first!.trim()) input.nameIfAsked = name;
  }
  if (u.topic) input.topic = u.topic;
  if (input.intent === 'question') {
    const faq = knowledge ? matchFaq(knowledge, text) : undefined;
    if (faq) input.faqId = faq;
    else if (u.topics) {
      // Several topics in one message: each the file can answer is answered (issue 9, session 3).
      const topics = u.topics.filter((t) => answerableTopic(knowledge, t));
      input.topic = topics[0] ?? 'other';
      if (topics.length > 1) input.topics = topics;
    } else if (input.topic && !answerableTopic(knowledge, input.topic)) input.topic = 'other';
    input.topic ??= 'other';
  }
}

const sameInterval = (a: { start: string; end: string }, b: { start: string; end: string }) =>
  a.start === b.start && a.end === b.end;

/** Something is on the table: slots offered, one picked or held, a booking being moved or cancelled. */
/** "a nombre de X", "under the name X", "no nome de X": a booking's name, when it is not the person's own. */
const BOOKING_NAME = /\b(?:a|en|bajo el) nombre de\b|\b(?:under|in) the name(?: of)?\b|\b(?:no|em) nome d[eoa]\b/iu;

function bookingNameOf(text: string, name: string, own: string | undefined): string | undefined {
  if (!own || !BOOKING_NAME.test(text)) return undefined;
  const first = (n: string) => n.trim().split(/\s+/u)[0]!.toLocaleLowerCase();
  return first(name) === first(own) ? undefined : name;
}

function midFlow(ctx: ConversationContext): boolean {
  return ctx.offered.length > 0 || ctx.selected !== null || ctx.hold !== null || ctx.target !== null;
}

/**
 * The booking a move or a cancellation names by its day (and hour): "cambiar mi cita del jueves al
 * miércoles", "cancelá el del lunes", "cancel my 3pm on monday"; only when exactly one booking fits
 * (issue 9, session 3). A move's own time is its target, so only `from` names the booking there.
 */
function namedBooking(
  input: UserInput,
  u: Understanding,
  bookings: BookingSummary[],
  timeZone: string,
): BookingSummary | undefined {
  if (!bookings.length || (input.intent !== 'reschedule' && input.intent !== 'cancel')) return undefined;
  // "cancela la de las 9": a time without a day names the booking at that time of day (new-user
  // run: two bookings the same morning could not be told apart).
  if (input.intent === 'cancel' && u.when && !u.parts?.day && !u.from && isClockTime(u.when)) {
    const atThatTime = sameTimeOfDay(u.when.start, bookings, timeZone);
    return atThatTime.length === 1 ? atThatTime[0] : undefined;
  }
  const named = u.from ?? (input.intent === 'cancel' && u.when && u.parts?.day ? u.when : undefined);
  if (!named) return undefined;
  const from = Date.parse(named.start);
  const to = Date.parse(named.end);
  const hits = bookings.filter((b) => {
    const t = Date.parse(b.start);
    return t >= from && t < Math.max(to, from + 60_000);
  });
  return hits.length === 1 ? hits[0] : undefined;
}

/** A time of day ("a las 9", "10:00"), not a day or a part of it. */
function isClockTime(when: { grain: string }): boolean {
  return when.grain === 'minute' || when.grain === 'hour';
}

/** The bookings (or offered slots) that start at the same local hh:mm as `startIso`. */
function sameTimeOfDay<B extends { start: string }>(startIso: string, bookings: B[], timeZone: string): B[] {
  const z = zone(timeZone);
  const hhmm = DateTime.fromISO(startIso, { setZone: true }).setZone(z).toFormat('HH:mm');
  return bookings.filter((b) => DateTime.fromISO(b.start).setZone(z).toFormat('HH:mm') === hhmm);
}

/** An offered slot at that time of day: same instant, or the same hh:mm on any offered day when only one matches. */
function matchOffered(
  startIso: string,
  offered: SlotOption[],
  timeZone: string,
  anyDay = true,
): SlotOption | undefined {
  const t = Date.parse(startIso);
  const exact = offered.find((o) => Date.parse(o.start) === t);
  if (exact || !anyDay) return exact;
  const sameTime = sameTimeOfDay(startIso, offered, timeZone);
  return sameTime.length === 1 ? sameTime[0] : undefined;
}
