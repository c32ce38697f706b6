/**
 * Text normalisation shared by every NLU step: lower case, no accents, punctuation out,
 * chat spellings and common typos mapped to the standard word.
 */
import { timeWordFor } from './fuzzy.js';
import { numberWordsToDigits } from './numbers.js';

const COMBINING = /[\u0300-\u036f]/g;
const NON_ASCII = /[\u0080-\uffff]/;

/** Token → replacement (may be several words). Spanish and English chat spellings and typos. */
const TYPOS: Record<string, string> = {
  // Spanish
  kiero: 'quiero',
  kiere: 'quiere',
  kisiera: 'quisiera',
  qiero: 'quiero',
  q: 'que',
  k: 'que',
  ke: 'que',
  xq: 'porque',
  pq: 'porque',
  xk: 'porque',
  porq: 'porque',
  porfa: 'por favor',
  porfis: 'por favor',
  xfa: 'por favor',
  xfavor: 'por favor',
  plis: 'por favor',
  x: 'por',
  tmb: 'tambien',
  tb: 'tambien',
  tambn: 'tambien',
  d: 'de',
  dl: 'del',
  ola: 'hola',
  holaa: 'hola',
  holaaa: 'hola',
  olis: 'hola',
  holis: 'hola',
  buenass: 'buenas',
  wenas: 'buenas',
  grax: 'gracias',
  grasias: 'gracias',
  gracais: 'gracias',
  graciass: 'gracias',
  graciaas: 'gracias',
  gcs: 'gracias',
  grcs: 'gracias',
  maniana: 'manana',
  manan: 'manana',
  mana: 'manana',
  mnana: 'manana',
  mnn: 'manana',
  hrs: 'h',
  hr: 'h',
  hs: 'h',
  hras: 'horas',
  hss: 'h',
  finde: 'fin de semana',
  findes: 'fin de semana',
  sabado: 'sabado',
  savado: 'sabado',
  miercole: 'miercoles',
  mierc: 'miercoles',
  tenes: 'tenes',
  bno: 'bueno',
  bn: 'bien',
  ntp: 'no te preocupes',
  sip: 'si',
  sii: 'si',
  siii: 'si',
  sep: 'sep',
  nop: 'no',
  noo: 'no',
  nel: 'no',
  vlw: 'vale',
  dle: 'dale',
  okey: 'ok',
  okay: 'ok',
  oki: 'ok',
  okis: 'ok',
  oka: 'ok',
  okk: 'ok',
  cita: 'cita',
  sita: 'cita',
  reserbar: 'reservar',
  reserba: 'reserva',
  kancelar: 'cancelar',
  canselar: 'cancelar',
  cancelr: 'cancelar',
  rreservar: 'reservar',
  agendar: 'agendar',
  ajendar: 'agendar',
  turnito: 'turno',
  horita: 'hora',
  tardecita: 'tarde',
  // Portuguese
  vc: 'voce',
  vcs: 'voces',
  voce: 'voce',
  obg: 'obrigado',
  obgd: 'obrigado',
  obgda: 'obrigada',
  pfv: 'por favor',
  pf: 'por favor',
  blz: 'beleza',
  hj: 'hoje',
  amnh: 'amanha',
  qdo: 'quando',
  qnd: 'quando',
  td: 'tudo',
  msg: 'mensagem',
  tbm: 'tambem',
  agr: 'agora',
  dps: 'depois',
  mto: 'muito',
  mt: 'muito',
  oie: 'oi',
  // English
  tmrw: 'tomorrow',
  tmr: 'tomorrow',
  tmrow: 'tomorrow',
  tomorow: 'tomorrow',
  tommorow: 'tomorrow',
  tommorrow: 'tomorrow',
  tomorrows: 'tomorrow',
  '2moro': 'tomorrow',
  '2morrow': 'tomorrow',
  tonite: 'tonight',
  nite: 'night',
  '2nite': 'tonight',
  wkend: 'weekend',
  wknd: 'weekend',
  'week-end': 'weekend',
  pls: 'please',
  plz: 'please',
  pleas: 'please',
  u: 'you',
  ur: 'your',
  r: 'are',
  thx: 'thanks',
  thanx: 'thanks',
  tks: 'thanks',
  ty: 'thank you',
  tysm: 'thank you',
  thnx: 'thanks',
  thankyou: 'thank you',
  appt: 'appointment',
  apt: 'appointment',
  appointmnt: 'appointment',
  apointment: 'appointment',
  resched: 'reschedule',
  cancell: 'cancel',
  cancle: 'cancel',
  wanna: 'want to',
  gonna: 'going to',
  cant: 'cannot',
  "can't": 'cannot',
  dont: 'do not',
  "don't": 'do not',
  hiya: 'hi',
  heya: 'hey',
  yeah: 'yes',
  yea: 'yes',
  ya: 'ya',
  yup: 'yes',
  yep: 'yes',
  nah: 'no',
  nope: 'no',
  wed: 'wed',
  thurs: 'thu',
  thur: 'thu',
  tues: 'tue',
  tu: 'tu',
  qtr: 'quarter',
  yr: 'year',
  yrs: 'years',
  mins: 'minutes',
  min: 'minutes',
  sec: 'second',
  secs: 'seconds',
  tonights: 'tonight',
};

/**
 * Lower case, accents removed (ñ → n), punctuation and emoji turned into spaces, "a.m." → "am",
 * typos mapped. Keeps ':' '/' '.' '-' where they sit between digits (times and dates).
 */
export function clean(raw: string): string {
  let s = raw.toLowerCase();
  // each rewrite only where its character occurs: most chat messages have no dot, dash or quote
  if (NON_ASCII.test(s)) s = s.normalize('NFD').replace(COMBINING, '');
  const dot = s.includes('.');
  if (dot) {
    s = s.replace(/\b([ap])\.\s?m\b\.?/g, '$1m');
    s = s.replace(/\b(a)\.(d|c)\./g, '$1$2').replace(/\bb\.c\./g, 'bc');
  }
  const digit = /\d/.test(s);
  if (digit) s = s.replace(/(\d)\s?([ap])\s(m)\b/g, '$1$2m');
  // dots and dashes that are not inside numbers become spaces
  if (dot) s = s.replace(/(?<!\d)[.](?!\d)|(?<=\d)[.](?!\d)|(?<!\d)[.](?=\d)/g, ' ');
  if (s.includes('-')) s = s.replace(/([a-z])-([a-z])/g, '$1 $2');
  const quote = s.includes("'") || s.includes('’');
  if (quote) s = s.replace(/([a-z])['’]([a-z])/g, '$1$2');
  s = s.replace(/[^a-z0-9:/.'\-@ ]+/g, ' ');
  if (quote) s = s.replace(/(?<!\d)'/g, ' ');
  s = s.replace(/\s+/g, ' ').trim();
  if (s === '') return s;
  // "k" alone is "ok" (in a sentence it stays "que": "k tal", "pa k").
  if (s === 'k') return 'ok';
  const toks = s.split(' ');
  let changed = false;
  for (let i = 0; i < toks.length; i++) {
    const r = TYPOS[toks[i]!] ?? timeWordFor(toks[i]!);
    if (r !== undefined && r !== toks[i]) {
      toks[i] = r;
      changed = true;
    }
  }
  s = changed ? toks.join(' ') : s;
  return s.includes('week end') ? s.replace(/\bweek end\b/g, 'weekend') : s;
}

/** clean() plus number words as digits: what the time grammar reads. */
export function forTime(cleaned: string): string {
  return numberWordsToDigits(cleaned)
    .replace(/(\d)\s?([ap])\s(m)\b/g, '$1$2m')
    .replace(/\s*in the ([ap]m)\b/g, ' $1')
    .replace(/(\d|noon|morning|evening|afternoon)ish\b/g, '$1');
}
