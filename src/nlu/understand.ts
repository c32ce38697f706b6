/**
 * understand(): one WhatsApp message → language, intent, confidence, time (and which parts of it the
 * message gave), a move on the table, question topic, name, e-mail, ordinal choice, formality.
 * Pure: the reference instant and the business zone come in through the options.
 */
import nlp from 'compromise';
import { DateTime } from 'luxon';
import { buttonIntent, parseButtonId } from './buttons.js';
import { detectChoice } from './choice.js';
import { detectFormality } from './formality.js';
import { BOOK, classifyIntent, opensWithYes, questionTopics } from './intent.js';
import { ACK_WHOLE } from './lexicon.js';
import { guessLanguage } from './language.js';
import { extractName, mayGiveName } from './names.js';
import { clean, forTime } from './normalize.js';
import { phrases } from './phrases.js';
import { detectShift } from './shift.js';
import { CHANGE_VERB, splitSource } from './source.js';
import { portugueseToSpanish, resolveTimeWithParts, toWhen } from './time/index.js';
import type { Intent, Language, TimeParts, Understanding, UnderstandOptions, When } from './types.js';

export { parseButtonId } from './buttons.js';

/**
 * Cheap gate: a message with no digit and none of these words carries no time at all. Words are
 * cleaned tokens; the prefixes cover inflections ("proximo", "proxima", "veintidos").
 */
const TIME_WORDS = new Set(
  `
  hoy manana ayer anteayer antier pasado tarde noche mediodia medio madrugada lunes martes miercoles jueves
  viernes sabado sabados domingo domingos lun mie mier jue vie sab dom semana semanas fin mes meses ano anos
  ahora ahorita ya enero febrero marzo abril mayo junio julio agosto septiembre setiembre octubre noviembre
  diciembre ene feb mar abr jun jul ago sep sept set oct nov dic navidad nochevieja nochebuena despues antes
  hasta entre desde hace dentro siguiente cuanto today tomorrow tonight yesterday morning afternoon evening
  night noon midday midnight lunch monday tuesday wednesday thursday friday saturday sunday mondays tuesdays
  wednesdays thursdays fridays saturdays sundays mon tue wed thu fri sat sun week weekend weeks month months
  year years quarter quarters now asap atm january february march april may june july august september october
  november december jan apr aug dec after before until untill till between since within ago hence next last this
  christmas xmas eod eom eoy bom boy early late mid beginning end half one two three four five six seven eight
  nine ten eleven twelve twenty thirty forty fifty uno una dos tres cuatro cinco seis siete ocho nueve diez once
  doce quince veinte treinta cuarenta cincuenta first second third fourth fifth primero primera lu ma mi mx ju
  vi sa do momento medianoche segundo segundos minuto minutos hora horas dia dias seconds minute minutes hour
  hours day days fortnight sec un an a couple few tonite nite principios finales fines mediados cuarto menos
  amanha hoje ontem anteontem manha noite meio meia segunda terca quarta quinta sexta feira janeiro fevereiro
  marco maio junho julho setembro outubro novembro dezembro depois ate daqui agora as das proxima proximo dois
  duas quatro sete oito nove dez onze doze quinze vinte ultima ultimo
`.split(/\s+/),
);
const TIME_PREFIXES = ['proxim', 'veinti', 'dezes', 'dezen'];
/**
 * Words that never make a time on their own: articles and connectors ("a", "una", "antes", "next",
 * "first"). In chat mode a message whose only time words are these skips the grammar ("quiero una
 * cita"); a few combinations still count: "a la una", "at one", "lo antes posible", "ya mismo", a
 * two-letter weekday alone ("ju").
 */
const WEAK = new Set(
  `a an un una uno one as das do mi ma sa lu ju vi mx next last ya few couple end early late mid beginning half third
  fourth fifth between entre desde hasta antes despues hace dentro ate depois menos cuarto`.split(/\s+/),
);
const WEEKDAY_ALONE = new Set(['lu', 'ma', 'mi', 'mx', 'ju', 'vi', 'sa', 'do', 'ya']);

function mayHaveTime(t: string, duckling: boolean): boolean {
  if (/\d/.test(t)) return true;
  const words = t.split(' ');
  if (words.length === 1 && WEEKDAY_ALONE.has(t)) return true;
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (TIME_WORDS.has(w)) {
      if (duckling || !WEAK.has(w)) return true;
      const prev = words[i - 1];
      const next = words[i + 1];
      if ((w === 'una' && prev === 'la') || (w === 'one' && prev === 'at')) return true;
      if ((w === 'antes' && next === 'posible') || (w === 'ya' && next === 'mismo')) return true;
      continue;
    }
    for (const p of TIME_PREFIXES) if (w.startsWith(p)) return true;
  }
  return false;
}

/**
 * English messages no rule recognised get a second chance with compromise: verbs to their
 * infinitive ("rescheduling" → "reschedule", "cancelled" → "cancel"), then the rules again.
 * Only on that rare path, so the common path stays fast.
 */
function lemmatiseEnglish(text: string): string {
  const doc = nlp(text);
  doc.verbs().toInfinitive();
  return clean(doc.text());
}

/** Stems of intent verbs; only a message holding one can gain from lemmatisation. */
const INFLECTABLE = phrases([
  'cancel*',
  'book*',
  'resched*',
  'mov*',
  'chang*',
  'postpon*',
  'push*',
  'bring*',
  'brought',
  'speak*',
  'spoke*',
  'talk*',
  'call*',
  'stop*',
  'unsubscrib*',
  'help*',
  'confirm*',
  'declin*',
  'arrang*',
  'schedul*',
  'swap*',
  'switch*',
  'shift*',
  'drop*',
  'delet*',
  'remov*',
  'want*',
  'need*',
  'wish*',
]);
const ACK = phrases(ACK_WHOLE, 'whole');
const PICTOGRAPH = /\p{Extended_Pictographic}/u;
const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/u;
/** Something@something with no ".ending" (or a bare "name@"), not a mention like "@clinica". */
const INCOMPLETE_EMAIL = /(?:^|[\s:(<])[\p{L}\p{N}._%+-]+@(?:[\p{L}\p{N}-]+\.?)?(?=$|[\s,;!?)>])/u;
/** A move only makes sense with these intents; "I'll confirm later" is no move. */
const MOVES_WITH: ReadonlySet<Intent> = new Set<Intent>(['book', 'decline', 'reschedule']);

function fromButton(text: string, opts: UnderstandOptions): Understanding | null {
  const b = parseButtonId(text);
  if (!b) return null;
  const u: Understanding = {
    language: opts.locale ?? 'es',
    intent: buttonIntent(b),
    confidence: 1,
    when: null,
    button: b,
  };
  if (b.kind === 'slot') {
    const s = DateTime.fromISO(b.start, { zone: 'utc' }).setZone(opts.timeZone);
    const e = s.plus({ minutes: 1 });
    u.when = {
      start: s.toISO({ suppressMilliseconds: true }) ?? b.start,
      end: e.toISO({ suppressMilliseconds: true }) ?? b.start,
      grain: 'minute',
    };
    u.parts = { day: true, partOfDay: false, hour: true, minute: true };
  }
  return u;
}

/** A booking named by a bare number is a day of the month: "del 3" → "el dia 3", "from the 3rd". */
function dayText(source: string, language: Language): string {
  if (!/^\d/.test(source)) return source;
  return language === 'en' ? `the ${source}` : `el dia ${source}`;
}

/** "del 3 al 5": after a booking named by a bare day number, a bare number target is a day too. */
function bareDayTarget(split: { source: string; rest: string }, language: Language): string {
  if (!/^\d{1,2}$/.test(split.source)) return split.rest;
  return split.rest.replace(
    /\b(al|a|para|pra|pro|to)\s+(?:el\s+|o\s+|the\s+)?(\d{1,2})(?=\s*$|\s+(?!de\s+la|da|h|hs|am|pm|:))/,
    (_m, p: string, d: string) => (language === 'en' ? `${p} the ${d}th` : `${p} el dia ${d}`),
  );
}

/** The time a (cleaned) text gives, with which parts it gave, or null. */
function timeOf(t: string, language: Language, opts: UnderstandOptions): { when: When; parts: TimeParts } | null {
  const timeText = forTime(language === 'pt' ? portugueseToSpanish(t) : t);
  const r = resolveTimeWithParts(timeText, {
    reference: opts.reference,
    timeZone: opts.timeZone,
    lang: opts.duckling ? (language === 'en' ? 'en' : 'es') : language,
    businessHours: opts.businessHours,
    duckling: opts.duckling,
  });
  if (!r || !r.resolved.start.isValid || !r.resolved.end.isValid) return null;
  return { when: toWhen(r.resolved, !!opts.duckling), parts: r.parts };
}

export function understand(text: string, opts: UnderstandOptions): Understanding {
  const raw = typeof text === 'string' ? text : '';
  const trimmed = raw.trim();
  if (trimmed.startsWith('v1:')) {
    const u = fromButton(trimmed, opts);
    if (u) return u;
  }
  const t = clean(raw);
  const lang = guessLanguage(raw, t, opts.locale);
  const language = lang.language;
  const choice = opts.duckling ? null : detectChoice(t);
  let when: When | null = null;
  let parts: TimeParts | undefined;
  if (!(choice && choice.whole) && mayHaveTime(t, !!opts.duckling)) {
    const r = timeOf(t, language, opts);
    if (r) ({ when, parts } = r);
  }
  const email = raw.includes('@') ? EMAIL.exec(raw)?.[0]?.replace(/\.$/, '').toLowerCase() : undefined;
  // "mi correo es jime.torres@gmail": an e-mail attempt with no ending (issue 9, session 3)
  const emailIncomplete = !email && raw.includes('@') && INCOMPLETE_EMAIL.test(raw);
  const name = opts.duckling || !mayGiveName(t) ? null : extractName(raw, language, { asked: false });
  const weekOnly = when !== null && when.grain === 'week' && !!parts && !parts.hour && !parts.partOfDay;
  const shift = opts.duckling ? undefined : detectShift(t, weekOnly, BOOK.test(t));
  const hints = { hasWhen: when !== null, shift, details: !!(name || email || emailIncomplete) };
  let guess = classifyIntent(t, raw, hints);
  if (guess.intent === 'unknown' && language === 'en' && INFLECTABLE.test(t)) {
    const again = classifyIntent(lemmatiseEnglish(raw), raw, hints);
    if (again.intent !== 'unknown') guess = { ...again, confidence: Math.min(again.confidence, 0.7) };
  }
  if (guess.intent === 'unknown' && choice) guess = { intent: 'confirm', confidence: 0.8 };
  // "cambiar mi cita del jueves al miércoles": the booking named apart from where it goes (issue 9, session 3).
  let from: When | undefined;
  if (!opts.duckling && when) {
    const moving = guess.intent === 'reschedule' || guess.intent === 'cancel';
    const changeAside = (guess.intent === 'book' || guess.intent === 'question') && CHANGE_VERB.test(t);
    const split = moving || changeAside ? splitSource(t, language) : null;
    const named = split ? timeOf(dayText(split.source, language), language, opts) : null;
    if (split && named) {
      from = named.when;
      // No target ("cancela la cita del viernes"): `when` stays the day named, as before; `from` says
      // it names the booking (a move then has no new time yet: src/engine/inputs.ts).
      const target = timeOf(bareDayTarget(split, language), language, opts);
      if (target) ({ when, parts } = target);
      if (changeAside) guess = { intent: 'reschedule', confidence: 0.75 };
    }
  }
  const u: Understanding = { language, intent: guess.intent, confidence: guess.confidence, when };
  if (from) u.from = from;
  if (when && parts) u.parts = parts;
  if (shift && MOVES_WITH.has(guess.intent)) u.shift = shift;
  if (guess.topic) u.topic = guess.topic;
  if (guess.intent === 'question' && guess.topic && guess.topic !== 'other') {
    const topics = questionTopics(t, raw, when !== null || BOOK.test(t));
    if (topics.length > 1) {
      u.topics = topics;
      u.topic = topics[0]!;
    }
  }
  if (name) u.name = name;
  if (email) u.email = email;
  if (emailIncomplete) u.emailIncomplete = true;
  if (guess.intent === 'question' && opensWithYes(raw)) u.yes = true;
  if (choice) u.choice = choice.choice;
  if (language === 'es') u.formality = detectFormality(raw, t);
  u.languageConfidence = lang.confidence;
  if (!when && (ACK.test(t) || (t === '' && PICTOGRAPH.test(raw)))) u.ack = true;
  return u;
}
