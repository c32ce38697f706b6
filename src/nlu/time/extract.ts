/**
 * The time grammar: regular-expression rules over normalised text (see normalize.ts), each turning a
 * match into a Part. Overlapping matches are settled longest-first.
 */
import { MONTHS, PODS, RX, UNITS, WEEKDAYS, WEEKDAY_ALONE, type Unit } from './lexicon.js';
import type { DateSpec, Located, Part } from './parts.js';

type Lang = 'es' | 'en';
type Make = (m: RegExpExecArray, lang: Lang) => Part | Part[] | null;
interface Rule {
  re: RegExp;
  make: Make;
  /** Set below: the rule cannot match text without a digit. */
  digit?: boolean;
}

const W = RX.weekday;
const MO = RX.month;
const MA = RX.monthAlone;
const ORD = '(?:st|nd|rd|th|ro|er|o|a)?';
const NUM =
  String.raw`(\d+ and an? half|3 quarters? of an|\d+(?:\.\d+)?|a quarter of an?|` +
  String.raw`half an?|a couple(?: of)?|couple(?: of)?|a pair of|a few|` +
  String.raw`few|1/2|1/4|3/4|un par de|unos|unas|medio|media|an?)`;
const UNIT =
  String.raw`(seconds?|segundos?|minutes?|minutos?|hours?|horas?|h|` +
  String.raw`days?|dias?|weeks?|semanas?|fortnight|months?|meses|mes|quarters?|years?|anos?|'|")`;

function amount(raw: string): number {
  switch (raw) {
    case 'a':
    case 'an':
      return 1;
    case '1/2':
    case 'half a':
    case 'half an':
    case 'medio':
    case 'media':
      return 0.5;
    case '1/4':
    case 'a quarter of a':
    case 'a quarter of an':
      return 0.25;
    case '3/4':
    case '3 quarters of an':
    case '3 quarter of an':
      return 0.75;
    case 'a couple':
    case 'a couple of':
    case 'couple':
    case 'couple of':
    case 'a pair of':
    case 'un par de':
      return 2;
    case 'a few':
    case 'few':
    case 'unos':
    case 'unas':
      return 3;
  }
  const half = /^(\d+) and an? half$/.exec(raw);
  if (half) return Number(half[1]) + 0.5;
  return Number(raw);
}

function shift(n: number, unitRaw: string, dir: 1 | -1, extra: { within?: boolean; exact?: boolean } = {}): Part {
  const fortnight = unitRaw === 'fortnight';
  const p: Part = { k: 'shift', n: fortnight ? n * 14 : n, unit: fortnight ? 'day' : unitOf(unitRaw), dir };
  if (extra.within) p.within = true;
  if (extra.exact) p.exact = true;
  return p;
}

function unitOf(raw: string): Unit {
  return UNITS[raw] ?? 'day';
}

function year(raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (raw.length <= 2) return n < 50 ? 2000 + n : 1900 + n;
  return n;
}

const date = (v: DateSpec): Part => ({ k: 'date', v });

function hourMinute(
  h: number,
  min: number,
  grain: 'hour' | 'minute' | 'second',
  ap?: string,
  sec?: number,
): Part | null {
  if (h > 24 || min > 59) return null;
  const p: Part = { k: 'time', h: h === 24 ? 0 : h, min, grain };
  if (sec !== undefined) p.sec = sec;
  if (ap) {
    if (h > 12) return null;
    p.ap = ap.startsWith('a') ? 'am' : 'pm';
  } else if (h > 12 || h === 0) p.fixed = true;
  return p;
}

function minutesAfter(word: string | undefined): number {
  if (!word) return 0;
  if (word === 'media' || word === 'half') return 30;
  if (word === 'cuarto' || word === 'quarter') return 15;
  return Number(word);
}

/** "las 12 menos cuarto" → 11:45; "las 3 y media" → 3:30. */
function spanishClock(h: number, op: string | undefined, word: string | undefined, ap?: string): Part | null {
  if (!op) return hourMinute(h, 0, 'hour', ap);
  const m = minutesAfter(word);
  if (op === 'menos') return hourMinute(h === 0 ? 23 : h - 1, 60 - m, 'minute', ap);
  return hourMinute(h, m, 'minute', ap);
}

const WEEK_NTH: Readonly<Record<string, number>> = {
  primera: 1,
  '1a': 1,
  '1ra': 1,
  first: 1,
  '1st': 1,
  segunda: 2,
  '2a': 2,
  '2da': 2,
  second: 2,
  '2nd': 2,
  tercera: 3,
  '3a': 3,
  '3ra': 3,
  third: 3,
  '3rd': 3,
  cuarta: 4,
  '4a': 4,
  '4ta': 4,
  fourth: 4,
  '4th': 4,
  ultima: -1,
  last: -1,
};
const WEEK_ORD = Object.keys(WEEK_NTH).join('|');

const RULES: Rule[] = [
  // ---- numeric dates
  { re: /\b(\d{4})-(\d{1,2})-(\d{1,2})\b/g, make: (m) => date({ y: +m[1]!, m: +m[2]!, d: +m[3]! }) },
  { re: /\b(\d{4})[-/](\d{1,2})\b(?![-/:])/g, make: (m) => ({ k: 'period', unit: 'month', value: +m[2]!, y: +m[1]! }) },
  { re: /\b(\d{1,2})\/(\d{4})\b/g, make: (m) => ({ k: 'period', unit: 'month', value: +m[1]!, y: +m[2]! }) },
  {
    re: /\b(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})\b/g,
    make: (m, lang) =>
      lang === 'en' ? date({ m: +m[1]!, d: +m[3]!, y: year(m[4]) }) : date({ d: +m[1]!, m: +m[3]!, y: year(m[4]) }),
  },
  {
    re: /\b(\d{1,2})([/-])(\d{1,2})\b(?![/:.]|\s*(?:am|pm|h\b|hs\b|horas)|[ap]\b)/g,
    make: (m, lang) => {
      if (m[2] === '-' && lang === 'en') return null;
      const [a, b] = [+m[1]!, +m[3]!];
      // dd/mm in Spanish, mm/dd in English; when only the other reading is a date, take it
      let [d, mo] = lang === 'en' ? [b, a] : [a, b];
      if (mo > 12 && d <= 12) [d, mo] = [mo, d];
      return d >= 1 && d <= 31 && mo >= 1 && mo <= 12 ? date({ d, m: mo }) : null;
    },
  },
  // ---- day + month names
  {
    re: new RegExp(
      String.raw`\b(?:(?:el|the)\s+)?(?:dia\s+)?(\d{1,2}|primero)${ORD}(?:\s+day)?\s*(?:de\s+|` +
        String.raw`of\s+|del\s+)?(?:(this|next|the next|the current|the previous|` +
        String.raw`previous|last|el|este|el proximo|el mes que viene|el mes pasado|` +
        String.raw`this|current)\s+)?(${MO}|month|mes)\b(?:\s*,?\s*(?:de\s+|` +
        String.raw`del\s+)?(\d{4}|\d{2}(?!\s*(?:am|pm|h\b|:|\d))))?`,
      'g',
    ),
    make: (m) => {
      const d = m[1] === 'primero' ? 1 : +m[1]!;
      if (m[3] === 'month' || m[3] === 'mes') {
        const mod = m[2] ?? 'this';
        const off = /next|proximo|que viene/.test(mod) ? 1 : /previous|last|pasado/.test(mod) ? -1 : 0;
        return date({ d, monthOffset: off });
      }
      if (m[2] && !/^(el|este|the)$/.test(m[2])) return null;
      return date({ d, m: MONTHS[m[3]!]!, y: year(m[4]) });
    },
  },
  {
    re: new RegExp(
      String.raw`\b(${MO})\s*(?:the\s+)?(\d{1,2})${ORD}\b(?!\s*(?::|h\d|` +
        String.raw`am\b|pm\b|a\b|p\b))(?:\s*,?\s*(?:de\s+|del\s+)?(\d{4}))?`,
      'g',
    ),
    make: (m) => date({ m: MONTHS[m[1]!]!, d: +m[2]!, y: m[3] ? +m[3] : undefined }),
  },
  { re: /\b(?:la\s+)?(?:nochebuena|christmas eve)\b/g, make: () => date({ d: 24, m: 12 }) },
  {
    re: /\b(?:la\s+)?(?:navidad|christmas|xmas)(?:\s+(\d{4}))?\b/g,
    make: (m) => date({ d: 25, m: 12, y: m[1] ? +m[1] : undefined }),
  },
  { re: /\b(?:nochevieja|new year'?s eve)\b/g, make: () => date({ d: 31, m: 12 }) },
  { re: /\b(?:ano nuevo|new year'?s day)\b/g, make: () => date({ d: 1, m: 1 }) },
  // ---- day of month alone: "el 16", "el día 10", "on the 15th"
  {
    re: new RegExp(
      String.raw`\b(?:el\s+(?:dia\s+)?|del\s+(?:dia\s+)?|dia\s+|(?:on\s+)?the\s+)(\d{1,2}|` +
        String.raw`primero)(st|nd|rd|th|ro)?\b(?![/.-]\d)(?!\s*(?:one|option|` +
        String.raw`opcion|choice|slot|:|h\b|hs\b|am\b|pm\b|y\s+(?:media|` +
        String.raw`cuarto)|de\s+la|horas?|minutos?|minutes?|hours?|days?|` +
        String.raw`dias?|weeks?|semanas?|months?|meses|years?|anos?|quarter|last|of\b|de\b)|\s*(?:${MO})\b)`,
      'g',
    ),
    make: (m) => {
      const d = m[1] === 'primero' ? 1 : +m[1]!;
      return d >= 1 && d <= 31 ? date({ d }) : null;
    },
  },
  // ---- weekday + day of month: "jue 15", "Tuesday the 19th"
  {
    re: new RegExp(
      String.raw`\b(?:(?:el|on)\s+)?(${W})\s*(?:the\s+|el\s+)?(\d{1,2})${ORD}\b(?!\s*(?::|` +
        String.raw`h\b|hs\b|am\b|pm\b|y\s|menos|de\s+la|oclock|\.\d|thing\b)|[ap]\b|\s*(?:de\s+|of\s+)?(?:${MO})\b)`,
      'g',
    ),
    make: (m) => date({ dow: WEEKDAYS[m[1]!]!, d: +m[2]! }),
  },
  // ---- relative days
  { re: /\b(?:hoy|today|tonight's)\b/g, make: () => date({ rel: 0 }) },
  { re: /\b(?:pasado manana|(?:the )?day after tomorrow)\b/g, make: () => date({ rel: 2 }) },
  { re: /\b(?:(?:the )?day before yesterday|anteayer|antier|antes de ayer)\b/g, make: () => date({ rel: -2 }) },
  { re: /\b(?:tomorrow|manana)\b/g, make: () => date({ rel: 1 }) },
  { re: /\b(?:ayer|yesterday)\b/g, make: () => date({ rel: -1 }) },
  // ---- weekdays with modifiers
  {
    re: new RegExp(
      String.raw`\b(?:(?:el|la|on|around)\s+)?(?:(proximo|proxima|siguiente|` +
        String.raw`este|esta|next|this|last|this coming|coming|upcoming|the following)\s+)?(${W})(?:\s+(que viene|` +
        String.raw`proximo|pasado|de la semana que viene|de la proxima semana|` +
        String.raw`de la semana proxima|de la semana siguiente|de la semana pasada|` +
        String.raw`de esta semana|after next|of next week|next week|of this week|` +
        String.raw`this week|of last week|from last week|last week))?\b`,
      'g',
    ),
    make: (m) => {
      const dow = WEEKDAYS[m[2]!]!;
      const pre = m[1];
      const post = m[3];
      const v: DateSpec = { dow };
      if (post) {
        if (post === 'que viene' || post === 'proximo') v.nextWeekMod = true;
        else if (post === 'pasado') v.nth = -1;
        else if (post === 'after next') v.nth = 2;
        else if (/esta semana|this week/.test(post)) v.week = 0;
        else if (/pasada|last week/.test(post)) v.week = -1;
        else v.week = 1;
      } else if (pre) {
        if (pre === 'last') v.nth = -1;
        else if (pre === 'este' || pre === 'esta' || pre === 'this') v.nth = 0;
        // "this coming Friday", "upcoming Friday": the next one ahead, not Friday of next week
        else if (/coming/.test(pre)) v.nth = 1;
        else v.nextWeekMod = true;
      }
      return date(v);
    },
  },
  {
    re: new RegExp(String.raw`\blast week'?s\s+(${W})\b`, 'g'),
    make: (m) => date({ dow: WEEKDAYS[m[1]!]!, week: -1 }),
  },
  {
    re: new RegExp(String.raw`\b(\d+)\s+(${W})\s+(from now|hence|ago|back)\b`, 'g'),
    make: (m) => date({ dow: WEEKDAYS[m[2]!]!, nth: m[3] === 'ago' || m[3] === 'back' ? -Number(m[1]) : Number(m[1]) }),
  },
  { re: /^(lu|ma|mi|mx|ju|vi|sa|do)$/g, make: (m) => date({ dow: WEEKDAY_ALONE[m[1]!]! }) },
  // ---- nth weekday of a month: "first tuesday of october", "last Monday of March"
  {
    re: new RegExp(String.raw`\b(?:the\s+)?(\d)(?:st|nd|rd|th)\s+(${W})\s+(?:of|in)\s+(${MO})(?:\s+(\d{4}))?\b`, 'g'),
    make: (m) => ({
      k: 'period',
      unit: 'month',
      value: MONTHS[m[3]!]!,
      y: m[4] ? +m[4] : undefined,
      nth: Number(m[1]) * 10 + WEEKDAYS[m[2]!]!,
    }),
  },
  {
    re: new RegExp(String.raw`\b(?:the\s+)?last\s+(${W})\s+(?:of|in)\s+(${MO})(?:\s+(\d{4}))?\b`, 'g'),
    make: (m) => ({
      k: 'period',
      unit: 'month',
      value: MONTHS[m[2]!]!,
      y: m[3] ? +m[3] : undefined,
      nth: -(10 + WEEKDAYS[m[1]!]!),
    }),
  },
  {
    re: new RegExp(String.raw`\b(?:the\s+)?last\s+day\s+(?:of|in)\s+(${MO})(?:\s+(\d{4}))?\b`, 'g'),
    make: (m) => ({ k: 'period', unit: 'month', value: MONTHS[m[1]!]!, y: m[2] ? +m[2] : undefined, nth: -1 }),
  },
  {
    re: new RegExp(
      String.raw`\b(?:the\s+)?(\d)(?:st|nd|rd|th)\s+(${W})\s+(?:of|in)\s+(this|last|next|the)\s+month\b`,
      'g',
    ),
    make: (m) => ({
      k: 'period',
      unit: 'month',
      offset: m[3] === 'last' ? -1 : m[3] === 'next' ? 1 : 0,
      nth: Number(m[1]) * 10 + WEEKDAYS[m[2]!]!,
    }),
  },
  // ---- weeks of a month: "la primera semana de diciembre", "the last week of March 2027"
  {
    re: new RegExp(
      String.raw`\b(?:(?:la|the)\s+)?(${WEEK_ORD})\s+(?:semana|week)\s+(?:de|del|of|in)\s+` +
        String.raw`(?:(${MO})|(este mes|el mes que viene|mes que viene|el proximo mes|` +
        String.raw`proximo mes|this month|next month))` +
        String.raw`(?:\s*,?\s*(?:de\s+|del\s+)?(\d{4}))?\b`,
      'g',
    ),
    make: (m) => {
      const nth = WEEK_NTH[m[1]!] ?? 1;
      const p: Part = { k: 'monthWeek', nth };
      if (m[2]) p.m = MONTHS[m[2]]!;
      else p.monthOffset = /next|que viene|proximo/.test(m[3] ?? '') ? 1 : 0;
      if (m[4]) p.y = +m[4];
      return p;
    },
  },
  // ---- "push it back to 6", "move the appointment to 4", "make it 3 instead": an hour (read into
  // business hours like "a las 6"), not a range's end
  {
    re: new RegExp(
      String.raw`\b(?:make it|(?:it|appointment|booking|that|one)\s+(?:back\s+|forward\s+|up\s+)?to)\s+` +
        String.raw`(\d{1,2})(?::(\d{2}))?\b(?!\s*(?:st|nd|rd|th|[/.-]\d|am|pm|[ap]m?\b|hours?|minutes?|days?))`,
      'g',
    ),
    make: (m) => hourMinute(+m[1]!, m[2] ? +m[2] : 0, m[2] ? 'minute' : 'hour'),
  },
  // ---- "cuarto para las 5" (4:45), "diez para las 6" (5:50): Mexican and Colombian clock
  {
    re: /\b(?:un\s+)?(cuarto|\d{1,2})\s+(?:minutos\s+)?para\s+(?:las?\s+)(\d{1,2})\b(?!\s*[:/])/g,
    make: (m) => {
      const mins = m[1] === 'cuarto' ? 15 : +m[1]!;
      const h = +m[2]!;
      if (mins < 1 || mins > 30 || h > 24) return null;
      return hourMinute(h === 0 ? 23 : h - 1, 60 - mins, 'minute');
    },
  },
  // ---- weeks, months, years, quarters relative to now
  {
    re: new RegExp(
      String.raw`\b(?:(?:la|el|the)\s+)?(?:(proxima|proximas|proximo|siguiente|otra|` +
        String.raw`pasada|pasado|esta|este|next|this|last|past|previous|` +
        String.raw`current|coming|upcoming|following)\s+)(semana|mes|ano|` +
        String.raw`week|month|year|quarter|trimestre)\b(?!\s+(?:que viene|pasad[oa]))`,
      'g',
    ),
    make: (m) => {
      const mod = m[1]!;
      // "la otra semana" (Mexico, Colombia…): next week
      const off = /^(proxim|siguiente|next|coming|upcoming|following|otra)/.test(mod)
        ? 1
        : /^(pasad|last|past|previous)/.test(mod)
          ? -1
          : 0;
      return { k: 'period', unit: periodUnit(m[2]!), offset: off };
    },
  },
  {
    re: /\b(?:(?:la|el)\s+)?(semana|mes|ano)\s+(que viene|proxim[oa]|pasad[oa]|siguiente)\b/g,
    make: (m) => ({ k: 'period', unit: periodUnit(m[1]!), offset: /pasad/.test(m[2]!) ? -1 : 1 }),
  },
  {
    re: new RegExp(
      String.raw`\b(?:(?:in|en|del?|of|since|after|before|through|anytime after|` +
        String.raw`sometimes before)\s+)(\d{4}|\d{1,2})(?:\s*(ad|bc))?\b(?!\s*[:/-])`,
      'g',
    ),
    make: (m) => {
      const raw = m[1]!;
      if (!m[2] && raw.length < 4) return null;
      if (!m[2] && !/^(19|20)/.test(raw)) return null;
      const y: Part = { k: 'period', unit: 'year', y: m[2] === 'bc' ? -Number(raw) : Number(raw) };
      const pre = /^(since|after|anytime after)\b/.test(m[0])
        ? 'after'
        : /^(before|through|sometimes before)\b/.test(m[0])
          ? 'before'
          : null;
      return pre ? [{ k: 'open', dir: pre }, y] : y;
    },
  },
  {
    re: /\b(?:the\s+)?(\d)(?:st|nd|rd|th)\s+quarter(?:\s+(?:of\s+)?(\d{4}))?\b/g,
    make: (m) => ({ k: 'period', unit: 'quarter', value: +m[1]!, y: m[2] ? +m[2] : undefined }),
  },
  { re: /\b(\d{2}|\d{4})q([1-4])\b/g, make: (m) => ({ k: 'period', unit: 'quarter', value: +m[2]!, y: year(m[1]) }) },
  {
    re: new RegExp(
      String.raw`\b(?:(next|this|last|el proximo|proximo|en|in|during|` +
        String.raw`durante)\s+)?(${MA}|may(?=\s+\d{4}))(?:\s+(?:de\s+|del\s+)?(\d{4}))?(?:\s+(after next|` +
        String.raw`in 1 year|in a year))?\b`,
      'g',
    ),
    make: (m) => {
      const p: Part = { k: 'period', unit: 'month', value: MONTHS[m[2]!]!, y: m[3] ? +m[3] : undefined };
      if (m[4]) p.offset = 12;
      return p;
    },
  },
  { re: /\b(?:in|en|during|durante|next|this)\s+may\b/g, make: () => ({ k: 'period', unit: 'month', value: 5 }) },
  // ---- weekend
  {
    re: new RegExp(
      String.raw`\b(?:(este|el|this|next|last|el proximo|proximo|the|this past|` +
        String.raw`past)\s+)?(?:fin de semana|weekend)(?:\s+(que viene|pasado|proximo))?\b`,
      'g',
    ),
    make: (m) => ({
      k: 'period',
      unit: 'weekend',
      offset: /last|past|pasado/.test(m[1] ?? m[2] ?? '')
        ? -1
        : /next|proximo|que viene/.test(m[1] ?? m[2] ?? '')
          ? 1
          : 0,
    }),
  },
  {
    re: new RegExp(String.raw`\blast weekend (?:of|in) (${MO})(?:\s+(\d{4}))?\b`, 'g'),
    make: (m) => ({ k: 'period', unit: 'weekend', value: MONTHS[m[1]!]!, y: m[2] ? +m[2] : undefined, nth: -1 }),
  },
  // ---- now
  {
    re: new RegExp(
      String.raw`\b(?:ahora mismo|ahora|ahorita|cuanto antes|lo antes posible|` +
        String.raw`right now|just now|now|at the moment|atm|inmediatamente|ya mismo)\b`,
      'g',
    ),
    make: () => ({ k: 'now', grain: 'second' }),
  },
  { re: /^ya$/g, make: () => ({ k: 'now', grain: 'second' }) },
  {
    re: /\b(?:asap|as soon as possible)\b/g,
    make: () => [
      { k: 'open', dir: 'asap' },
      { k: 'now', grain: 'second' },
    ],
  },
  { re: /\b(?:en este momento|at this time)\b/g, make: () => ({ k: 'now', grain: 'day' }) },
  // ---- durations relative to now
  {
    re: new RegExp(
      String.raw`\b(en|dentro de|in|within)\s+(?:(?:about|around|approximately|` +
        String.raw`like|unos|unas|aproximadamente)\s+)?${NUM}\s*(?:more\s+)?${UNIT}(?=\s|$)`,
      'g',
    ),
    make: (m) => shift(amount(m[2]!), m[3]!, 1, { within: m[1] === 'within' || m[1] === 'dentro de' }),
  },
  {
    re: new RegExp(
      String.raw`\b${NUM}\s*${UNIT}\s+(from now|from today|from right now|hence|later|mas tarde|despues)\b`,
      'g',
    ),
    make: (m) => shift(amount(m[1]!), m[2]!, 1, { exact: m[3] === 'from right now' }),
  },
  { re: new RegExp(String.raw`\b${NUM}\s*${UNIT}\s+ago\b`, 'g'), make: (m) => shift(amount(m[1]!), m[2]!, -1) },
  { re: new RegExp(String.raw`\bhace\s+${NUM}\s*${UNIT}(?=\s|$)`, 'g'), make: (m) => shift(amount(m[1]!), m[2]!, -1) },
  {
    re: new RegExp(String.raw`\bafter\s+${NUM}\s*${UNIT}(?=\s|$)`, 'g'),
    make: (m) => [
      { k: 'open', dir: 'after' },
      { k: 'shift', n: amount(m[1]!), unit: unitOf(m[2]!), dir: 1 },
    ],
  },
  // ---- "the next 3 days", "pasados 2 meses", "upcoming two weeks"
  {
    re: new RegExp(
      String.raw`\b(?:(?:los|las|the)\s+)?(proximos|proximas|proximo|siguientes|` +
        String.raw`next|last|past|pasados|pasadas|upcoming)\s+${NUM}\s+${UNIT}\b`,
      'g',
    ),
    make: (m) => span(m[1]!, m[2]!, m[3]!),
  },
  {
    re: new RegExp(String.raw`\b${NUM}\s+(proximos|proximas|pasados|pasadas|upcoming)\s+${UNIT}\b`, 'g'),
    make: (m) => span(m[2]!, m[1]!, m[3]!),
  },
  { re: new RegExp(String.raw`\b${NUM}\s+${UNIT}\s+que vienen\b`, 'g'), make: (m) => span('proximos', m[1]!, m[2]!) },
  { re: /\b(?:the\s+)?next few days\b/g, make: () => span('next', '3', 'days') },
  {
    re: new RegExp(String.raw`\bfor\s+${NUM}\s*${UNIT}(?=\s|$)`, 'g'),
    make: (m) => ({ k: 'dur', n: amount(m[1]!), unit: unitOf(m[2]!) }),
  },
  // ---- clock times
  {
    re: /\b(\d{1,2})[:.](\d{2})(?::(\d{2}))?\s*(am|pm|a(?=\s|$)|p(?=\s|$))?/g,
    make: (m) => hourMinute(+m[1]!, +m[2]!, m[3] ? 'second' : 'minute', m[4], m[3] ? +m[3] : undefined),
  },
  {
    re: /\b(\d{1,2})\s?h(?:s|rs)?(\d{2})?\b(?!\s*(?:de\s+la|del|en\s+la|por\s+la))/g,
    make: (m) => {
      const p = hourMinute(+m[1]!, m[2] ? +m[2] : 0, 'minute');
      if (p && p.k === 'time') p.fixed = true;
      return p;
    },
  },
  {
    re: /\b(\d{1,2})(\d{2})\s*(am|pm|a(?=\s|$)|p(?=\s|$))/g,
    make: (m) => hourMinute(+m[1]!, +m[2]!, 'minute', m[3]),
  },
  {
    re: /(?<![a-z0-9])(?:at|around|about|approximately|@)\s+(\d{1,2})(\d{2})\b/g,
    make: (m) => hourMinute(+m[1]!, +m[2]!, 'minute'),
  },
  {
    re: /\b(\d{1,2})(?:\s*oclock)?(?:\s*(am|pm)|(a|p)(?=\s|$))\b/g,
    make: (m) => hourMinute(+m[1]!, 0, 'hour', m[2] ?? m[3]),
  },
  {
    re: new RegExp(
      String.raw`(?<![a-z0-9])(?:(?:a|al|para|hacia|sobre|tipo|como a|` +
        String.raw`a eso de|at|@|around|about|by)\s+)?(?:las?)\s+(\d{1,2})(?:\s*(?:h|` +
        String.raw`hs|horas|en punto))?(?:\s+(y|menos)\s+(media|cuarto|\d{1,2})(?:\s*minutos?)?)?(?:\s*(am|` +
        String.raw`pm))?\b(?!\s*[:/])`,
      'g',
    ),
    make: (m) => spanishClock(+m[1]!, m[2], m[3], m[4]),
  },
  {
    re: new RegExp(
      String.raw`(?<!\bentre\s(?:las\s)?)\b(\d{1,2})\s+(y|menos)\s+(media|` +
        String.raw`cuarto|\d{1,2})\b(?!\s*(?:de\s+(?!la\b)|[/:]|minutos|horas))(?:\s*(am|pm))?`,
      'g',
    ),
    make: (m) => spanishClock(+m[1]!, m[2], m[3], m[4]),
  },
  {
    re: new RegExp(
      String.raw`(?<![a-z0-9])(?:at|@|around|about|approximately)\s+` +
        String.raw`(\d{1,2})(?:\s+(\d{2}))?(?:\s*oclock)?\b(?!\s*[:/.]|\s*(?:am|pm)\b)`,
      'g',
    ),
    make: (m) => hourMinute(+m[1]!, m[2] ? +m[2] : 0, m[2] ? 'minute' : 'hour'),
  },
  {
    re: /\b(\d{1,2})\s+(\d{2})\s*(am|pm)\b/g,
    make: (m) => hourMinute(+m[1]!, +m[2]!, 'minute', m[3]),
  },
  {
    re: new RegExp(
      String.raw`\b(\d{1,2})(?:\s*oclock)?(?=\s+(?:tonight|this (?:evening|` +
        String.raw`morning|afternoon)|tomorrow|in the (?:morning|evening|` +
        String.raw`afternoon)|de la (?:manana|tarde|noche|madrugada)|en la (?:manana|` +
        String.raw`tarde|noche)|del mediodia|por la (?:manana|tarde|noche)))`,
      'g',
    ),
    make: (m) => hourMinute(+m[1]!, 0, 'hour'),
  },
  {
    re: /\b(?:(?:a|al|para)\s+)?(?:las?\s+)?(\d{1,2}) 0 (\d)\s*(am|pm)\b/g,
    make: (m) => hourMinute(+m[1]!, +m[2]!, 'minute', m[3]),
  },
  { re: /\b(\d{1,2}) (\d{1,2})(?= de la (?:manana|tarde|noche))/g, make: (m) => hourMinute(+m[1]!, +m[2]!, 'minute') },
  {
    re: new RegExp(
      String.raw`(?<=\b(?:manana|hoy|tomorrow|today|tarde|noche|${W})\s)(?:a|` +
        String.raw`tipo|sobre|como a)\s+(\d{1,2})\b(?!\s*(?:de\b|del\b|[/:.-]|` +
        String.raw`\d|dias?|semanas?|meses|anos?|horas?|minutos?))`,
      'g',
    ),
    make: (m) => hourMinute(+m[1]!, 0, 'hour'),
  },
  {
    re: new RegExp(
      String.raw`\b(after|before|until|till|untill|by|since)\s+(\d{1,2})(?:\s*oclock)?\b(?!\s*(?:[:/.]|` +
        String.raw`am\b|pm\b|a\b|p\b|h\b|st\b|nd\b|rd\b|th\b|days?|weeks?|` +
        String.raw`months?|years?|hours?|minutes?|of\b|\d|(?:jan|feb|mar|` +
        String.raw`apr|may|jun|jul|aug|sep|oct|nov|dec)))`,
      'g',
    ),
    make: (m) => {
      const t = hourMinute(+m[2]!, 0, 'hour');
      if (!t) return null;
      const dir = m[1] === 'by' ? 'by' : /^(after|since|from)$/.test(m[1]!) ? 'after' : 'before';
      return [{ k: 'open', dir }, t];
    },
  },
  { re: /\b(\d{1,2})\s+oclock\b/g, make: (m) => hourMinute(+m[1]!, 0, 'hour') },
  {
    re: new RegExp(
      String.raw`(?<![:.\d]\s?)\b(?:(?:at|for)\s+)?(?:a\s+)?(quarter|half|` +
        String.raw`\d{1,2})(?:\s+minutes?)?\s+(past|after|to|till|before|` +
        String.raw`from)\s+(\d{1,2}|noon|midnight)(?:\s*(am|pm))?(?!\s*[:/])`,
      'g',
    ),
    make: (m) => {
      const base = m[3] === 'noon' ? 12 : m[3] === 'midnight' ? 0 : +m[3]!;
      const mins = minutesAfter(m[1]);
      const toward = m[2] === 'to' || m[2] === 'till' || m[2] === 'before';
      const sure =
        m[1] === 'quarter' ||
        m[1] === 'half' ||
        /minute/.test(m[0]) ||
        m[3] === 'noon' ||
        m[3] === 'midnight' ||
        (!toward && mins >= 5 && (m[4] !== undefined || /^(?:at|for)\s/.test(m[0])));
      if (!sure) return null;
      if (m[1] !== 'quarter' && m[1] !== 'half' && mins > 59) return null;
      const ap = m[4] ?? (m[3] === 'noon' ? 'pm' : undefined);
      if (m[2] === 'to' || m[2] === 'till' || m[2] === 'before') {
        const h = base === 0 ? 23 : base === 12 && ap === 'pm' ? 11 : base - 1;
        return hourMinute(h, 60 - mins, 'minute', base === 12 && m[3] === 'noon' ? undefined : ap);
      }
      return hourMinute(base, mins, 'minute', m[3] === 'noon' ? undefined : ap);
    },
  },
  { re: /\bhalf (\d{1,2})\b(?!\s*(?:hours?|h\b))/g, make: (m) => hourMinute(+m[1]!, 30, 'minute') },
  {
    re: /\b(?:(?:a|al|at|el|the)\s+)?(?:medianoche|midnight)\b/g,
    make: () => ({ k: 'time', h: 0, min: 0, grain: 'hour', fixed: true, nextDay: true }),
  },
  {
    re: /\b(?:(?:at|the)\s+)?(?:noon|midday|mid day)\b/g,
    make: () => ({ k: 'time', h: 12, min: 0, grain: 'hour', fixed: true }),
  },
  { re: /\b(?:a\s+|al\s+|el\s+)?(?:mediodia|medio dia)\b/g, make: () => [{ k: 'pod', pod: 'midday' }] },
  // ---- parts of day
  {
    re: /\b(?:esta|this)\s+(manana|tarde|noche|morning|afternoon|evening|night)\b/g,
    make: (m) => ({ k: 'pod', pod: PODS[m[1]!]!, rel: 0 }),
  },
  {
    re: /\b(?:late\s+)(?:tonight|last night)\b/g,
    make: (m) => [{ k: 'pod', pod: 'late_night', rel: m[0].includes('last') ? -1 : 0 }],
  },
  { re: /\btonight\b/g, make: () => ({ k: 'pod', pod: 'evening', rel: 0 }) },
  { re: /\blast night\b/g, make: () => ({ k: 'pod', pod: 'evening', rel: -1 }) },
  {
    re: /\b(?:today|tomorrow|yesterday)\s+(?:at\s+)?lunch\b/g,
    make: (m) => [
      date({ rel: m[0].startsWith('today') ? 0 : m[0].startsWith('tomorrow') ? 1 : -1 }),
      { k: 'pod', pod: 'lunch' },
    ],
  },
  // "a primera hora", "first thing (in the morning)", "logo cedo": the start of the morning
  {
    re: new RegExp(
      String.raw`\b(?:a\s+)?(?:primera\s+hora(?:\s+de\s+la\s+manana)?|(?:first|1st)\s+thing` +
        String.raw`(?:\s+in\s+the\s+morning)?|logo\s+cedo|bem\s+cedinho|bem\s+cedo)\b`,
      'g',
    ),
    make: () => ({ k: 'pod', pod: 'morning' }),
  },
  {
    re: /\b(?:after lunch|after school)\b/g,
    make: (m) => ({ k: 'pod', pod: m[0] === 'after lunch' ? 'after_lunch' : 'after_school' }),
  },
  { re: /\b(?:at\s+)?lunch(?:time)?\b/g, make: () => ({ k: 'pod', pod: 'lunch' }) },
  {
    re: /\b(?:(?:(?:por|de|en|a|durante|hacia)\s+)?(?:la|el)\s+)(manana|tarde|noche|madrugada)\b/g,
    make: (m) => ({ k: 'pod', pod: PODS[m[1]!]! }),
  },
  {
    re: /\b(?:early\s+in\s+the\s+morning|in\s+the\s+early\s+hours\s+of\s+the\s+morning|early\s+morning)\b/g,
    make: () => ({ k: 'pod', pod: 'early_morning' }),
  },
  {
    re: /\b(?:(?:in|during|on|at)\s+)?(?:the\s+)?(morning|afternoon|evening|night)\b(?!\s+of\b)/g,
    make: (m) => ({ k: 'pod', pod: PODS[m[1]!]! }),
  },
  { re: /\bmorning of\b/g, make: () => ({ k: 'pod', pod: 'morning' }) },
  // ---- open ranges and connectors that need a marker
  {
    re: new RegExp(
      String.raw`\b(?:despues de(?:l)?|a partir de(?:l)?|desde|luego de|` +
        String.raw`pasadas|after|anytime after|since|later than|starting(?: from)?|` +
        String.raw`from|no antes de|not before)\b`,
      'g',
    ),
    make: () => ({ k: 'open', dir: 'after' }),
  },
  {
    re: new RegExp(
      String.raw`\b(?:antes de(?:l)?|hasta|before|until|untill|till|through|` +
        String.raw`thru|no later than|sometimes before|no mas tarde de)\b`,
      'g',
    ),
    make: () => ({ k: 'open', dir: 'before' }),
  },
  { re: /\bby\b(?!\s+(?:the\s+)?(?:way|phone|email))/g, make: () => ({ k: 'open', dir: 'by' }) },
  { re: /\b(?:entre|between|in between)\b/g, make: () => ({ k: 'open', dir: 'between' }) },
  {
    re: /\beo([dmy])\b/g,
    make: (m) => [
      { k: 'edge', which: 'end' },
      m[1] === 'd' ? date({ rel: 0 }) : { k: 'period', unit: m[1] === 'm' ? 'month' : 'year', offset: 0 },
    ],
  },
  {
    re: /\bbo([my])\b/g,
    make: (m) => [
      { k: 'edge', which: 'begin' },
      { k: 'period', unit: m[1] === 'm' ? 'month' : 'year', offset: 0 },
    ],
  },
  {
    re: /\b(?:at\s+)?(?:the\s+)?(beginning|start|end|early|mid|late|principios|finales|fines|mediados)\b/g,
    make: (m) => ({ k: 'edge', which: edgeOf(m[1]!) }),
  },
  {
    re: /\b(?:the\s+)?(?:rest of the week|all week)\b/g,
    make: (m) => [
      { k: 'edge', which: m[0].includes('rest') ? 'late' : 'mid' },
      { k: 'period', unit: 'week', offset: 0, nth: -7 },
    ],
  },
  {
    re: /\b(?:(?:the|this|el|este)\s+)?(year|month|week|ano|mes|semana)\b/g,
    make: (m) => ({ k: 'period', unit: periodUnit(m[1]!), offset: 0 }),
  },
  { re: /\b(\d{1,2})(?:st|nd|rd|th)?\b/g, make: (m) => ({ k: 'bare', n: +m[1]! }) },
  // ---- time zones
  { re: /\b(cet|cest|gmt|utc|bst|pst|pdt|est|edt|cst|cdt|ist)\b/g, make: (m) => ({ k: 'tz', offset: TZ[m[1]!]! }) },
];

const TZ: Record<string, number> = {
  cet: 60,
  cest: 120,
  gmt: 0,
  utc: 0,
  bst: 60,
  pst: -480,
  pdt: -420,
  est: -300,
  edt: -240,
  cst: -360,
  cdt: -300,
  ist: 330,
};

function edgeOf(w: string): 'begin' | 'end' | 'early' | 'mid' | 'late' {
  if (w === 'beginning' || w === 'start' || w === 'principios') return 'begin';
  if (w === 'end' || w === 'finales' || w === 'fines') return 'end';
  if (w === 'mid' || w === 'mediados') return 'mid';
  return w as 'early' | 'late';
}

function periodUnit(w: string): 'week' | 'month' | 'year' | 'quarter' {
  if (w === 'semana' || w === 'week') return 'week';
  if (w === 'mes' || w === 'month') return 'month';
  if (w === 'quarter' || w === 'trimestre') return 'quarter';
  return 'year';
}

function span(mod: string, n: string, unit: string): Part {
  const dir = /^(last|past|pasad)/.test(mod) ? -1 : 1;
  return { k: 'span', n: amount(n), unit: unitOf(unit), dir, upcoming: mod === 'upcoming' };
}

// A rule whose pattern starts with a digit group (\b(\d{1,2})...) needs a digit in the text.
for (const rule of RULES) rule.digit = /^\\b\((?:\\d\{|\\d\))/.test(rule.re.source);

/** Runs every rule over normalised text; keeps the longest non-overlapping matches, in text order. */
export function extractParts(text: string, lang: Lang): Located[] {
  const found: { s: number; e: number; parts: Part[]; rule: number }[] = [];
  const hasDigit = /\d/.test(text);
  for (let r = 0; r < RULES.length; r++) {
    const rule = RULES[r]!;
    if (rule.digit && !hasDigit) continue;
    rule.re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = rule.re.exec(text)) !== null) {
      if (m[0].length === 0) {
        rule.re.lastIndex++;
        continue;
      }
      const made = rule.make(m, lang);
      if (made) {
        const s = m.index + (m[0].length - m[0].trimStart().length);
        found.push({ s, e: m.index + m[0].trimEnd().length, parts: Array.isArray(made) ? made : [made], rule: r });
      }
    }
  }
  found.sort((a, b) => b.e - b.s - (a.e - a.s) || a.rule - b.rule);
  const taken: typeof found = [];
  for (const f of found) {
    if (taken.every((t) => f.e <= t.s || f.s >= t.e)) taken.push(f);
  }
  taken.sort((a, b) => a.s - b.s);
  const out: Located[] = [];
  for (const t of taken) for (const part of t.parts) out.push({ part, s: t.s, e: t.e });
  return out;
}
