/**
 * Names people type when we ask for one (or volunteer: "me llamo Ramón"). Pure: `extractName` strips
 * the lead-in ("soy", "me llamo", "my name is", "meu nome é") and greetings or thanks around it, keeps
 * titles ("Don Ramón", "Doña Inés", "Dr. Pérez") and rejects what is not a name: greetings, thanks,
 * yes/no, intents, questions, times, emoji, digits.
 */
import { classifyIntent } from './intent.js';
import { clean, forTime } from './normalize.js';
import { phrases } from './phrases.js';
import { portugueseToSpanish, resolveTime } from './time/index.js';
import type { Language } from './types.js';

/** Lead-ins, as cleaned word sequences; "soy"-like ones need a capitalised name unless we asked. */
const INTRO_STRONG: string[][] = [
  'me llamo',
  'mi nombre es',
  'mi nombre',
  'el nombre es',
  'nombre',
  'a nombre de',
  'my name is',
  'my names',
  'my name',
  'name is',
  'name',
  'me chamo',
  'meu nome e',
  'o meu nome e',
  'meu nome',
  'nome',
  'call me',
  'llamame',
  'under the name',
  'under the name of',
  'ponlo a nombre de',
  'ponla a nombre de',
  'pon a nombre de',
  'em nome de',
  'no nome de',
].map((p) => p.split(' '));
const INTRO_WEAK = [
  'soy',
  'yo soy',
  'i am',
  'im',
  'its',
  'it is',
  'this is',
  'sou',
  'eu sou',
  'sou a',
  'sou o',
  'aqui',
  'put it under',
  'book it under',
  'pode colocar',
  'coloca',
].map((p) => p.split(' '));
const LEADING = new Set([
  'hola',
  'hi',
  'hello',
  'hey',
  'buenas',
  'oi',
  'ola',
  'ok',
  'vale',
  'si',
  'yes',
  'sim',
  'claro',
  'sure',
]);
const TRAILING = phrases(
  [
    'gracias',
    'muchas gracias',
    'thanks',
    'thank you',
    'obrigado',
    'obrigada',
    'por favor',
    'please',
    'porfa',
    // fillers after a correction: "my name is Janet Smith actually"
    'actually',
    'en realidad',
    'realmente',
    'na verdade',
  ],
  'whole',
);
/** Words that end the name: "me llamo Ramón y quiero cita" → "Ramón". */
const CUT = new Set([
  'y',
  'e',
  'and',
  'pero',
  'but',
  'para',
  'por',
  'que',
  'quiero',
  'quisiera',
  'queria',
  'i',
  'want',
  'would',
  'need',
  'necesito',
  'quero',
  'gostaria',
  'preciso',
  'tengo',
  'tenho',
  'have',
  'con',
  'com',
  'with',
  'from',
  'desde',
  'vivo',
]);
const TITLES = new Set([
  'don',
  'dona',
  'dna',
  'd',
  'dr',
  'dra',
  'sr',
  'sra',
  'srta',
  'mr',
  'mrs',
  'ms',
  'miss',
  'seu',
  'sir',
  'prof',
  'lic',
  'ing',
  'dom',
]);
/** "a nombre de mi hijo Pablo": the relation is not part of the name. */
const RELATION = new Set([
  'hijo',
  'hija',
  'madre',
  'padre',
  'mama',
  'papa',
  'esposo',
  'esposa',
  'marido',
  'mujer',
  'pareja',
  'novio',
  'novia',
  'abuelo',
  'abuela',
  'son',
  'daughter',
  'mother',
  'father',
  'mum',
  'mom',
  'dad',
  'wife',
  'husband',
  'partner',
  'filho',
  'filha',
  'mae',
  'pai',
  'namorado',
  'namorada',
  'avo',
]);
const POSSESSIVE = new Set(['mi', 'my', 'meu', 'minha', 'o', 'a', 'la', 'el', 'su', 'his', 'her']);
/** Laughter and keyboard noise: "kkkk", "jajaja", "rsrs", "hahaha". */
const LAUGHTER = /^(?:k{3,}|(?:ja|je|ji|ha|he|hi|ka|rs){2,}[jhk]?|lo+l|x+d+)$/;
/** Never part of a name, wherever they stand: pronouns, yes / no, laughter, moves ("Ana más tarde"). */
const NOT_NAMES = new Set([
  'yo',
  'tu',
  'vos',
  'usted',
  'nada',
  'nadie',
  'nobody',
  'you',
  'me',
  'eu',
  'ninguem',
  'jaja',
  'jajaja',
  'haha',
  'lol',
  'hmm',
  'mmm',
  'ok',
  'okay',
  'vale',
  'si',
  'sim',
  'yes',
  'no',
  'nao',
  'aqui',
  'here',
  'ahi',
  'alli',
  'hello',
  'mi',
  'my',
  'meu',
  'minha',
  'mis',
  'your',
  'account',
  'cuenta',
  'conta',
  'mais',
  'more',
  'later',
  'tarde',
  'cedo',
  'temprano',
  'earlier',
]);
/**
 * Not a name on their own nor as the first name ("prueba", "Cliente Nuevo", "Señora"), but real
 * surnames or surname-like words after a real first name: "Ana Prueba", "Luis Amigo" (new-user run).
 */
const NOT_FIRST_NAMES = new Set([
  'test',
  'prueba',
  'cliente',
  'customer',
  'nuevo',
  'nueva',
  'new',
  'anonimo',
  'anonymous',
  'bot',
  'genio',
  'crack',
  'mate',
  'buddy',
  'amigo',
  'amiga',
  'bro',
  'gente',
  'chicos',
  'guys',
  'senor',
  'senora',
  'sir',
  'madam',
]);
/** Time words that are also first names, accepted when capitalised ("Domingo", "Abril"). */
const NAME_LIKE_TIME = new Set(['domingo', 'abril', 'mayo', 'april', 'may', 'june', 'junio']);
const PARTICLES = new Set([
  'de',
  'del',
  'la',
  'las',
  'los',
  'da',
  'do',
  'das',
  'dos',
  'van',
  'von',
  'y',
  'e',
  'di',
  'du',
  'le',
]);
// Single code points (an alternation, so no sequence is implied): pictographs, VS16, ZWJ, skin tones.
const EMOJI = /\p{Extended_Pictographic}|\u{FE0F}|\u{200D}|[\u{1F3FB}-\u{1F3FF}]/gu;
const NAME_CHARS = /^[\p{L}][\p{L}.'’\- ]*$/u;
const REFERENCE = '2026-01-07T10:00:00Z';

const INTRO_ANYWHERE = phrases([...INTRO_STRONG, ...INTRO_WEAK].map((w) => w.join(' ')));
/**
 * A laugh or an apology before a full name corrects the one we used: "jaja perdón, Facundo Pereyra",
 * "sorry, it's Anna Smith", "desculpa, Ana Souza" (issue 9, session 3).
 */
const APOLOGY = phrases(
  [
    'jaj*',
    'ajaj*',
    'jsj*',
    'xd',
    'jej*',
    'jij*',
    'hah*',
    'heh*',
    'kkk*',
    'rsrs*',
    'lol',
    'perdon',
    'perdona',
    'perdone',
    'perdoname',
    'perdonad',
    'disculpa',
    'disculpe',
    'disculpas',
    'mil disculpas',
    'sorry',
    'my bad',
    'oops',
    'ops',
    'ups',
    'uy',
    'uups',
    'desculpa',
    'desculpe',
    'foi mal',
    'me equivoque',
    'error mio',
    'no no',
    'no',
    'nao',
    'en realidad',
    'actually',
    'na verdade',
    'its',
    'it is',
    'im',
    'i am',
    'this is',
    'soy',
    'es',
    'sou',
    'e',
  ],
  'start',
);
const APOLOGY_ANY = phrases(
  [
    'jaj*',
    'ajaj*',
    'jsj*',
    'jej*',
    'hah*',
    'kkk*',
    'perdon*',
    'disculp*',
    'sorry',
    'desculp*',
    'oops',
    'ups',
    'foi mal',
    'my bad',
  ],
  'start',
);

/** Cheap gate on cleaned text: only a message with a lead-in (or an apology) can volunteer a name. */
export function mayGiveName(cleaned: string): boolean {
  return INTRO_ANYWHERE.test(cleaned) || APOLOGY_ANY.test(cleaned);
}

/**
 * "jaja perdón, Facundo Pereyra": the words after the laugh or apology when they are a capitalised
 * full name (two to four words), else null.
 */
function afterApology(words: string[], key: (w: string) => string): string[] | null {
  let i = 0;
  while (i < words.length) {
    const w = words[i]!;
    if (w === ',') {
      i++;
      continue;
    }
    const toks = words
      .slice(i)
      .filter((x) => x !== ',')
      .map(key);
    const n = APOLOGY.longestAt(toks, 0);
    if (n <= 0) break;
    // skip n real words
    let skipped = 0;
    while (i < words.length && skipped < n) {
      if (words[i] !== ',') skipped++;
      i++;
    }
  }
  if (i === 0) return null;
  const rest = words.slice(i).filter((w) => w !== ',');
  const named = rest.filter((w) => !TITLES.has(key(w)));
  if (named.length < 2 || named.length > 4) return null;
  if (!named.every((w) => /^\p{Lu}/u.test(w) || PARTICLES.has(key(w)))) return null;
  return rest;
}

export interface NameOptions {
  /** We asked for a name, so a bare "soy marta" or "marta" counts (default true). */
  asked?: boolean;
}

function startsWithSeq(words: string[], seq: string[]): boolean {
  return seq.every((w, i) => words[i] === w);
}

function titleCase(word: string): string {
  return word
    .split(/([-'’])/)
    .map((p) => (p.length > 0 && /[\p{Ll}]/u.test(p[0]!) ? p[0]!.toUpperCase() + p.slice(1) : p))
    .join('');
}

/** Capitalise a name typed all in lower (or upper) case; particles stay lower case. */
function tidy(words: string[]): string {
  const mixed = words.some((w) => /\p{Lu}/u.test(w) && /\p{Ll}/u.test(w));
  return words
    .map((w, i) => {
      if (mixed) return w;
      const lower = w.toLowerCase();
      if (i > 0 && PARTICLES.has(lower)) return lower;
      return titleCase(lower);
    })
    .join(' ');
}

function hasTime(cleaned: string, lang: Language): boolean {
  const text = lang === 'pt' ? portugueseToSpanish(cleaned) : cleaned;
  return resolveTime(forTime(text), { reference: REFERENCE, timeZone: 'UTC', lang }) !== null;
}

/** Whether a candidate (already stripped of lead-ins) looks like a person's name. */
export function isPlausibleName(candidate: string, lang: Language = 'es'): boolean {
  const s = candidate.trim();
  if (s.length < 2 || s.length > 60 || !NAME_CHARS.test(s)) return false;
  const raw = s.split(/\s+/);
  if (raw.length > 5) return false;
  const cleaned = clean(s);
  const words = cleaned.split(' ').filter((w) => w !== '');
  if (words.length === 0 || words.every((w) => TITLES.has(w))) return false;
  if (words.some((w) => NOT_NAMES.has(w) || RELATION.has(w) || LAUGHTER.test(w))) return false;
  const given = words.filter((w) => !TITLES.has(w));
  if (NOT_FIRST_NAMES.has(given[0] ?? '') || given.every((w) => NOT_FIRST_NAMES.has(w) || PARTICLES.has(w)))
    return false;
  if (words.every((w) => w.length < 2)) return false;
  const intent = classifyIntent(cleaned, s, { hasWhen: false }).intent;
  if (intent !== 'unknown') return false;
  if (hasTime(cleaned, lang)) {
    const capitalised = raw.every((w) => /^\p{Lu}/u.test(w));
    if (!(capitalised && words.some((w) => NAME_LIKE_TIME.has(w)))) return false;
  }
  return true;
}

/**
 * The name in a message, or null. With `asked: false` (a message out of the blue) only an explicit
 * lead-in counts ("me llamo …", "my name is …", or "soy …" with a capitalised name).
 */
export function extractName(text: string, lang: Language = 'es', opts: NameOptions = {}): string | null {
  const asked = opts.asked ?? true;
  if (!text || /[?¿@]|\d|https?:/i.test(text)) return null;
  let s = text
    .replace(EMOJI, ' ')
    .replace(/[!¡,;:"“”()]+/g, ' , ')
    .replace(/\s+/g, ' ')
    .trim();
  s = s.replace(/[.\s]+$/, (m) =>
    /\b(?:dr|dra|sr|sra|srta|mr|mrs|ms|prof|lic|ing)\.$/i.test(s) ? '.' : m.replace(/\./g, ''),
  );
  let words = s.split(' ').filter((w) => w !== '');
  const key = (w: string): string => clean(w);
  // greetings and yes before the name, commas as separators
  while (words.length > 0 && (words[0] === ',' || LEADING.has(key(words[0]!)))) words = words.slice(1);
  const cleanedWords = words.map(key);
  let intro: 'strong' | 'weak' | null = null;
  // "me llamo …" may come anywhere ("por cierto, me llamo Andrés"); "soy …" only first
  for (let i = 0; i < cleanedWords.length && !intro; i++) {
    for (const seq of INTRO_STRONG) {
      if (startsWithSeq(cleanedWords.slice(i), seq)) {
        words = words.slice(i + seq.length);
        intro = 'strong';
        break;
      }
    }
  }
  if (!intro) {
    for (const seq of INTRO_WEAK.slice().sort((a, b) => b.length - a.length)) {
      if (startsWithSeq(cleanedWords, seq)) {
        words = words.slice(seq.length);
        intro = 'weak';
        break;
      }
    }
  }
  if (!intro) {
    const named = afterApology(words, key);
    if (named) {
      words = named;
      intro = 'weak';
    }
  }
  if (!asked && !intro) return null;
  // with no lead-in, the whole message must read as nothing else ("muchas gracias", "buenas tardes")
  if (!intro && classifyIntent(clean(s), s, { hasWhen: false }).intent !== 'unknown') return null;
  while (words.length > 0 && words[0] === ',') words = words.slice(1);
  const cut = words.findIndex((w, i) => w === ',' || (i > 0 && CUT.has(key(w))));
  if (cut >= 0) words = words.slice(0, cut);
  while (words.length > 1 && TRAILING.test(key(words[words.length - 1]!))) words = words.slice(0, -1);
  // "mi hijo Pablo", "my son Tom": the name follows the relation
  for (let i = 0; i + 1 < words.length && i < 3; i++) {
    const k = key(words[i]!);
    if (RELATION.has(k) && words.slice(0, i).every((w) => POSSESSIVE.has(key(w)))) {
      words = words.slice(i + 1);
      break;
    }
  }
  if (words.length === 0) return null;
  if (!asked && intro === 'weak' && !/^\p{Lu}/u.test(words.find((w) => !TITLES.has(key(w))) ?? '')) return null;
  const candidate = words.join(' ');
  if (!isPlausibleName(candidate, lang)) return null;
  return tidy(words);
}
