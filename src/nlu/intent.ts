/**
 * Intent from cleaned text (normalize.clean): ordered rules over the phrase lists in lexicon.ts,
 * Spanish, English and Portuguese alike. Returns the intent, how sure the rule is and, for business
 * questions, the topic. Precedence is documented in src/nlu/README.md ("Intents").
 */
import * as L from './lexicon.js';
import { revokesMarketing } from './marketing.js';
import { clean } from './normalize.js';
import { phrases, tokens, type PhraseSet } from './phrases.js';
import type { Intent, QuestionTopic, TimeShift } from './types.js';

const OPT_OUT_WHOLE = phrases(L.OPT_OUT_WHOLE, 'whole');
const OPT_OUT = phrases(L.OPT_OUT);
const OPT_IN_WHOLE = phrases(L.OPT_IN_WHOLE, 'whole');
const OPT_IN = phrases(L.OPT_IN);
const DATA_NOUN = phrases(L.DATA_NOUN);
const ERASE_VERB = phrases(L.ERASE_VERB);
const ERASE_PHRASE = phrases(L.ERASE_WHOLE_PHRASES);
const ERASE_ALL = phrases(L.ERASE_ALL);
const ACCESS_CUE = phrases(L.ACCESS_CUE);
const ACCESS_DIRECT = phrases(L.ACCESS_DIRECT);
const SELF = phrases(L.SELF);
const BOT_NOUN = phrases(L.BOT_NOUN);
const RESUME_CUE = phrases(L.RESUME_CUE);
const HUMAN = phrases(L.HUMAN);
const HUMAN_VERB = phrases(L.HUMAN_VERB);
const HUMAN_NOUN = phrases(L.HUMAN_NOUN);
const DETAIL_CHANGE = phrases(L.DETAIL_CHANGE);
const KEEP_AS_IS = phrases(L.KEEP_AS_IS);
const CANCEL = phrases(L.CANCEL);
const CANCEL_BAJA = phrases(L.CANCEL_BAJA);
const CANNOT_GO = phrases(L.CANNOT_GO);
const DROP_IT = phrases(L.DROP_IT, 'whole');
const RESCHEDULE = phrases(L.RESCHEDULE);
const INSTEAD = phrases(L.INSTEAD);
const CAME_UP = phrases(L.CAME_UP);
const MY_BOOKINGS = phrases(L.MY_BOOKINGS);
const MY_BOOKING_NOUN = phrases(L.MY_BOOKING_NOUN);
const MY_BOOKING_QUERY_START = phrases(L.MY_BOOKING_QUERY, 'start');
const MY_BOOKING_QUERY = phrases(L.MY_BOOKING_QUERY);
const MY_BOOKING_VIEW = phrases(L.MY_BOOKING_VIEW);
const MY_BOOKING_WHOLE = phrases(L.MY_BOOKING_NOUN, 'whole');
const TOPIC_RULES: [QuestionTopic, PhraseSet][] = (['price', 'address', 'parking', 'services', 'payment'] as const).map(
  (k) => [k, phrases(L.TOPICS[k])],
);
const POLICY = phrases(L.TOPICS.cancellation_policy);
const PRICE = phrases(L.TOPICS.price);
const POLICY_ACT = phrases(L.POLICY_ACT);
const POLICY_CHARGE = phrases(L.POLICY_CHARGE);
const POLICY_DEADLINE = phrases(L.POLICY_DEADLINE);
const POLICY_LATER = phrases(L.POLICY_LATER);
const POLICY_LATER_CANCEL = phrases(L.POLICY_LATER_CANCEL);
const POLICY_IF_CANNOT = phrases(L.POLICY_IF_CANNOT);
const CANCEL_ACT = phrases(['cancel*', 'anul*', 'desmarc*']);
/** Words that make "later" a move's target: "para después", "pra depois", "to later", "más tarde". */
const TOWARDS = new Set(['para', 'pra', 'pro', 'a', 'al', 'to', 'it', 'hasta']);
const CONFIRM_CHANGE = phrases(L.CONFIRM_CHANGE);
const HOURS_STRONG = phrases(L.HOURS_STRONG);
const HOURS_WEAK = phrases(L.HOURS_WEAK);
const HOURS_WHOLE = phrases(L.HOURS_WHOLE, 'whole');
const TOPIC_OTHER = phrases(L.TOPIC_OTHER);
const QUESTION_START = phrases(L.QUESTION_START, 'start');
const SMALL_TALK = phrases(L.SMALL_TALK);
const CONFIRM_START = phrases(L.CONFIRM_START, 'start');
const YES_ALONE = phrases([...L.CONFIRM_START, ...L.CONFIRM_WHOLE], 'whole');
const CONFIRM_WHOLE = phrases(L.CONFIRM_WHOLE, 'whole');
const CONFIRM_WORD = phrases(L.CONFIRM_WORD);
const CONFIRM_IT = phrases(L.CONFIRM_IT);
const DECLINE_START = phrases(L.DECLINE_START, 'start');
const DECLINE = phrases(L.DECLINE);
const HELP = phrases(L.HELP);
const HELP_WHOLE = phrases(L.HELP_WHOLE, 'whole');
const NOT_UNDERSTOOD = phrases(L.NOT_UNDERSTOOD);
const THANKS = phrases(L.THANKS);
const GREETING = phrases(L.GREETING_START, 'start');
export const BOOK = phrases(L.BOOK);
const ABOUT_COMING = phrases(L.ABOUT_COMING);
const YES_EMOJI = /👍|✅|👌|🙌/u;
const THANKS_EMOJI = /🙏/u;
/** A question mark anywhere in the original text. */
const QUESTION_MARK = /[?¿]/;
const ASKS = /\?|\bcan i\b|\bpuedo\b|\bposso\b/;

export interface IntentGuess {
  intent: Intent;
  confidence: number;
  topic?: QuestionTopic;
}

export interface IntentHints {
  /** A time expression was found (asking for a time counts as book). */
  hasWhen: boolean;
  /** A move on the table was found (shift.ts). */
  shift?: TimeShift;
  /** The message gives a name or an e-mail ("me llamo …", "mi correo es …"). */
  details?: boolean;
}

const guess = (intent: Intent, confidence: number, topic?: QuestionTopic): IntentGuess =>
  topic ? { intent, confidence, topic } : { intent, confidence };

/** The business-question topic a message asks about, if it names one. */
export function questionTopic(t: string, raw: string, book: boolean): QuestionTopic | undefined {
  if (POLICY.test(t)) return 'cancellation_policy';
  if (TOPIC_OTHER.test(t) && (QUESTION_MARK.test(raw) || QUESTION_START.test(t))) return 'other';
  for (const [topic, re] of TOPIC_RULES) if (re.test(t)) return topic;
  if (HOURS_STRONG.test(t) || HOURS_WHOLE.test(t)) return 'hours';
  if (HOURS_WEAK.test(t) && !book && (QUESTION_MARK.test(raw) || QUESTION_START.test(t))) return 'hours';
  return undefined;
}

/**
 * Every topic a message asks about, in the order asked: "¿cuánto cuesta? ¿y dónde están?" → price,
 * address (issue 9, session 3). One topic or none: what questionTopic says.
 */
export function questionTopics(t: string, raw: string, book: boolean): QuestionTopic[] {
  const first = questionTopic(t, raw, book);
  if (!first || first === 'other') return first ? [first] : [];
  const found: { topic: QuestionTopic; at: number }[] = [];
  const at = (set: PhraseSet) => set.findAll(t)[0]?.start;
  const add = (topic: QuestionTopic, i: number | undefined) => {
    if (i !== undefined && !found.some((f) => f.topic === topic)) found.push({ topic, at: i });
  };
  add('cancellation_policy', at(POLICY));
  for (const [topic, re] of TOPIC_RULES) add(topic, at(re));
  add('hours', at(HOURS_STRONG) ?? at(HOURS_WHOLE));
  // "cuánto dura y cuánto cuesta" asks for the service list once
  const list = found.sort((a, b) => a.at - b.at).map((f) => f.topic);
  let merged = list.includes('price') ? list.filter((x) => x !== 'services') : list;
  // "do you charge for cancelling?" asks the policy, not the prices
  if (merged.includes('cancellation_policy') && near(t, PRICE, POLICY_ACT, 3))
    merged = merged.filter((x) => x !== 'price');
  return merged.length ? merged : [first];
}

/** Whether two sets match within `gap` tokens of each other ("¿me cobran algo por cancelar?"). */
function near(t: string, a: PhraseSet, b: PhraseSet, gap: number): boolean {
  const bs = b.findAll(t);
  for (const x of a.findAll(t))
    for (const y of bs) if (Math.max(x.start, y.start) - Math.min(x.end, y.end) <= gap) return true;
  return false;
}

/**
 * A question ABOUT cancelling or moving rather than a request (new-user run): a charge near the act
 * ("¿me cobran algo por cancelar?", "do you charge for cancelling?"), a deadline ("¿hasta cuándo puedo
 * cancelar?", "how late can I cancel?"), "later / if needed" in a question ("¿se puede cambiar la cita
 * luego?", "posso cancelar depois?", but not "¿la pasamos para después?"), or a hypothetical no-show in
 * a question with no time ("y si al final no puedo ir, ¿qué pasa?").
 */
function asksPolicy(t: string, raw: string, hasWhen: boolean): boolean {
  if (!POLICY_ACT.test(t)) {
    return POLICY_IF_CANNOT.test(t) && !hasWhen && (QUESTION_MARK.test(raw) || QUESTION_START.test(t));
  }
  const asks = QUESTION_MARK.test(raw) || QUESTION_START.test(t);
  if (asks && POLICY_DEADLINE.test(t)) return true;
  if (asks && POLICY_IF_CANNOT.test(t) && !hasWhen) return true;
  const charge = POLICY_CHARGE.test(t);
  const later = asks && (POLICY_LATER.test(t) || POLICY_LATER_CANCEL.test(t));
  if (!charge && !later) return false;
  // the charge or the "later" must be said of the act, in its own clause: not "cancel it, I'll pay
  // next time" nor "I need to cancel, can I rebook later?"
  for (const clause of raw.split(/[,.;!?¿¡\n]+/)) {
    const c = clean(clause);
    if (!POLICY_ACT.test(c)) continue;
    if (charge && near(c, POLICY_CHARGE, POLICY_ACT, 2)) return true;
    if (later && laterOfAct(c)) return true;
  }
  return false;
}

/** "later / if needed" in a clause with the act, not as a move's target ("pra depois", "más tarde"). */
function laterOfAct(c: string): boolean {
  const toks = tokens(c);
  const marks = [...POLICY_LATER.findAll(c), ...(CANCEL_ACT.test(c) ? POLICY_LATER_CANCEL.findAll(c) : [])];
  return marks.some((m) => {
    const before = toks[m.start - 1];
    return !(before && TOWARDS.has(before)) && !(toks[m.start] === 'tarde' && before === 'mas');
  });
}

/**
 * "ok. ¿puedo ir con mi hijo?", "sim! vocês atendem crianças?": the message opens with a yes of its own
 * (a yes phrase, then a comma, full stop, exclamation or colon) and goes on. Not "si cancelo, …" (an if).
 */
export function opensWithYes(raw: string): boolean {
  const head = /^\s*([^,.!?¿¡;:\n]+)[,.!;:\n]/u.exec(raw)?.[1];
  return head !== undefined && YES_ALONE.test(clean(head));
}

/** "quiero hablar con una persona", "can I talk to someone": a verb of talking, then (within 3 words) a person. */
function asksForHuman(t: string): boolean {
  const toks = tokens(t);
  for (const verb of HUMAN_VERB.findAll(t)) {
    for (let i = verb.end; i <= verb.end + 3 && i < toks.length; i++)
      if (HUMAN_NOUN.longestAt(toks, i) > i) return true;
  }
  return false;
}

/** "no voy a poder ir" (not followed by a day: "no puedo ir el martes" may be a move). */
function cannotGo(t: string): boolean {
  const toks = tokens(t);
  for (const m of CANNOT_GO.findAll(t)) {
    const next = toks[m.end];
    if (next === 'el' || next === 'la' || (next === 'a' && toks[m.end + 1] === 'las')) continue;
    return true;
  }
  return false;
}

/** A question with no other reading: "¿hacéis descuentos a estudiantes?" (small talk aside). */
function isOpenQuestion(t: string, raw: string): boolean {
  if (!QUESTION_MARK.test(raw) && !QUESTION_START.test(t)) return false;
  let small = 0;
  for (const m of SMALL_TALK.findAll(t)) small += m.end - m.start;
  return tokens(t).length - small >= 2;
}

function isMyBookings(t: string, raw: string): boolean {
  if (MY_BOOKINGS.test(t)) return true;
  if (!MY_BOOKING_NOUN.test(t)) return false;
  if (MY_BOOKING_WHOLE.test(t) || MY_BOOKING_VIEW.test(t) || MY_BOOKING_QUERY_START.test(t)) return true;
  return QUESTION_MARK.test(raw) && MY_BOOKING_QUERY.test(t);
}

/** Which intent a message has. */
export function classifyIntent(t: string, raw: string, hints: IntentHints): IntentGuess {
  const { hasWhen, shift } = hints;
  if (t === '') {
    if (YES_EMOJI.test(raw)) return guess('confirm', 0.8);
    if (/^[?¿\s]+$/.test(raw)) return guess('help', 0.6);
    return THANKS_EMOJI.test(raw) ? guess('thanks', 0.7) : guess('unknown', 0.1);
  }
  if (CANCEL_BAJA.test(t)) return guess('cancel', 0.85);
  if (OPT_OUT_WHOLE.test(t) || OPT_OUT.test(t)) return guess('opt_out', 0.95);
  if (OPT_IN_WHOLE.test(t) || OPT_IN.test(t)) return guess('opt_in', 0.9);
  if (revokesMarketing(t)) return guess('marketing_opt_out', 0.9); // issue 14
  if (ERASE_PHRASE.test(t) || (ERASE_VERB.test(t) && DATA_NOUN.test(t))) return guess('privacy_erase', 0.9);
  if (ERASE_ALL.test(t) && !BOOK.test(t) && !CANCEL.test(t)) return guess('privacy_erase', SELF.test(t) ? 0.9 : 0.65);
  if (ACCESS_DIRECT.test(t) || (ACCESS_CUE.test(t) && (SELF.test(t) || DATA_NOUN.test(t)))) {
    return guess('privacy_access', 0.85);
  }
  if (BOT_NOUN.test(t) && RESUME_CUE.test(t)) return guess('resume_bot', 0.85);
  if (HUMAN.test(t) || asksForHuman(t)) return guess('human', 0.9);
  if (DETAIL_CHANGE.test(t)) return guess('update_details', 0.9);
  // "déjala como estaba", "keep it as it was": no change after all (the move is given up).
  if (KEEP_AS_IS.test(t) && !RESCHEDULE.test(t)) return guess('keep', 0.85);
  const book = BOOK.test(t);
  if (POLICY.test(t) || asksPolicy(t, raw, hasWhen)) return guess('question', 0.85, 'cancellation_policy');
  // "quiero confirmar el cambio al miércoles": the move to that day, not attending the old booking.
  if (hasWhen && CONFIRM_CHANGE.test(t)) return guess('reschedule', 0.85);
  const cancel = CANCEL.test(t) || cannotGo(t);
  const resched = RESCHEDULE.test(t);
  if (resched) return guess('reschedule', cancel ? 0.75 : 0.9);
  if (!cancel && hasWhen && CAME_UP.test(t)) return guess('reschedule', 0.7);
  if (cancel) {
    // "no puedo ir el martes, ¿mejor el jueves?" moves the booking rather than dropping it
    if ((hasWhen || shift === 'another_day') && INSTEAD.test(t)) return guess('reschedule', 0.7);
    return guess('cancel', 0.9);
  }
  if (DROP_IT.test(t)) return guess('cancel', 0.6);
  const topic = questionTopic(t, raw, book || hasWhen);
  if (topic && topic !== 'hours' && topic !== 'other') return guess('question', 0.85, topic);
  if (isMyBookings(t, raw)) return guess('my_bookings', 0.85);
  if (topic) return guess('question', 0.8, topic);
  // "pode ser! meu email é …": the yes, with the e-mail or name carried beside it (new-user run).
  if (hints.details && !hasWhen && (CONFIRM_START.test(t) || opensWithYes(raw))) return guess('confirm', 0.85);
  if (hints.details && !book && !hasWhen) return guess('update_details', 0.85);
  const words = t.split(' ').length;
  if (CONFIRM_WORD.test(t) && !ASKS.test(raw + ' ' + t)) return guess('confirm', 0.9);
  if (!hasWhen && CONFIRM_IT.test(t) && !ASKS.test(raw + ' ' + t)) return guess('confirm', 0.85);
  if (NOT_UNDERSTOOD.test(t)) return guess('help', 0.8);
  const moves = shift === 'later' || shift === 'earlier' || shift === 'more';
  const decline = DECLINE_START.test(t) || DECLINE.test(t);
  if (decline && !moves && !(book && words > 4 && !/^(?:no|nao)\b/.test(t))) {
    return guess('decline', t === 'no' || t === 'nao' ? 0.9 : 0.8);
  }
  if (CONFIRM_WHOLE.test(t)) return guess('confirm', 0.85);
  if (CONFIRM_START.test(t) && !moves && (!book || words <= 3)) {
    // "ok. ¿puedo ir con mi hijo de 8 años?": the question is answered (understand() keeps the yes)
    if (QUESTION_MARK.test(raw) && opensWithYes(raw) && isOpenQuestion(t, raw)) return guess('question', 0.7, 'other');
    return guess('confirm', words <= 3 ? 0.9 : 0.75);
  }
  if (book && !hasWhen && QUESTION_MARK.test(raw) && ABOUT_COMING.test(t)) return guess('question', 0.7, 'other');
  if (book) return guess('book', 0.85);
  if (shift) return guess('book', 0.8);
  if (HELP.test(t) || HELP_WHOLE.test(t)) return guess('help', 0.85);
  if (hasWhen) return guess('book', 0.7);
  if (isOpenQuestion(t, raw)) return guess('question', 0.6, 'other');
  if (THANKS.test(t) || THANKS_EMOJI.test(raw)) return guess('thanks', 0.9);
  if (GREETING.test(t)) return guess('greeting', 0.9);
  if (YES_EMOJI.test(raw)) return guess('confirm', 0.8);
  return guess('unknown', 0.2);
}
