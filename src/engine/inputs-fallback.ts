/**
 * Stand-ins for what the NLU (src/nlu, branch `nlu`) reports from issue 9 on — which parts of a
 * time a message gave, a shift ("más tarde", "otro día"), "my appointments", business questions,
 * "me llamo …". Used only when the NLU's Understanding leaves the field empty, so the flows work
 * before and after the NLU lands; each rule is a list of phrases, not a regex soup. Pure.
 */
import type { Intent, QuestionTopic, TimeParts, TimeShift } from '../../machines/types.js';

/** Lower case, accents removed, punctuation to spaces, single spaces, padded: " a las 5 ". */
export function plain(text: string): string {
  const t = text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^\p{L}\p{N}:@.]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return ` ${t} `;
}
const hasAny = (t: string, phrases: readonly string[]) => phrases.some((p) => t.includes(` ${p} `));

const DAY_WORDS = [
  'hoy',
  'manana',
  'pasado manana',
  'lunes',
  'martes',
  'miercoles',
  'jueves',
  'viernes',
  'sabado',
  'domingo',
  'semana',
  'today',
  'tomorrow',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
  'week',
  'hoje',
  'amanha',
  'segunda',
  'terca',
  'quarta',
  'quinta',
  'sexta',
  'enero',
  'febrero',
  'marzo',
  'abril',
  'mayo',
  'junio',
  'julio',
  'agosto',
  'septiembre',
  'octubre',
  'noviembre',
  'diciembre',
  'january',
  'february',
  'march',
  'april',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
  'dia',
  'day',
  'el dia',
];
const PART_WORDS = [
  'por la manana',
  'de la manana',
  'por la tarde',
  'de la tarde',
  'por la noche',
  'mediodia',
  'morning',
  'afternoon',
  'evening',
  'tonight',
  'de manha',
  'a tarde',
  'de tarde',
  'a noite',
];
/** A date written with numbers: "el 15", "15/12", "12-15". */
const NUMERIC_DATE = [
  /\b\d{1,2}[/-]\d{1,2}\b/,
  /\b(?:el|dia|day|the|on)\s+\d{1,2}(?:st|nd|rd|th|º)?\b(?!\s*(?::|h\b|horas|pm|am))/,
];
const HOUR_MARKS = [
  /\d{1,2}:\d{2}/,
  /\b(?:a las|a la|at|as|às|sobre las|hacia las)\s+\d{1,2}\b/,
  /\b\d{1,2}\s*(?:h|hs|horas|pm|am|p m|a m)\b/,
  /\bmediodia\b|\bnoon\b/,
];

/** Which parts of a time the text itself gives. */
export function guessParts(text: string): TimeParts {
  const t = plain(text);
  const raw = text.toLowerCase();
  const hour = HOUR_MARKS.some((r) => r.test(raw) || r.test(t));
  return {
    // "mañana" as a day ("mañana a las 11") but not in "de la mañana".
    day: hasAny(t.replace(/ (?:de|por) la manana /g, ' '), DAY_WORDS) || NUMERIC_DATE.some((r) => r.test(t)),
    partOfDay: hasAny(t, PART_WORDS),
    hour,
    minute: /\d{1,2}:\d{2}/.test(raw) || hasAny(t, ['y media', 'y cuarto', 'menos cuarto', 'half past', 'quarter']),
  };
}

const SHIFTS: Array<[TimeShift, string[]]> = [
  [
    'next_week',
    ['semana que viene', 'proxima semana', 'semana proxima', 'next week', 'proxima semana', 'semana que vem'],
  ],
  ['another_day', ['otro dia', 'otra fecha', 'another day', 'other day', 'different day', 'outro dia', 'outra data']],
  ['later', ['mas tarde', 'despues', 'mas tardecito', 'later', 'mais tarde', 'depois']],
  ['earlier', ['mas temprano', 'antes', 'mas pronto', 'earlier', 'mais cedo']],
  [
    'more',
    [
      'ver mas',
      'mas horas',
      'mas opciones',
      'otras horas',
      'more',
      'more times',
      'other times',
      'see more',
      'mais horarios',
      'ver mais',
      'outros horarios',
    ],
  ],
];

export function guessShift(text: string): TimeShift | undefined {
  const t = plain(text);
  return SHIFTS.find(([, phrases]) => hasAny(t, phrases))?.[0];
}

const MY_BOOKINGS = [
  'que citas tengo',
  'mis citas',
  'cuando es mi cita',
  'cuando tengo la cita',
  'cuando tengo cita',
  'tengo alguna cita',
  'tengo cita',
  'ver mis citas',
  'mi cita es',
  'a que hora es mi cita',
  'what appointments do i have',
  'my appointments',
  'my bookings',
  'when is my appointment',
  'do i have an appointment',
  'when is my booking',
  'meus horarios',
  'minhas consultas',
  'quando e meu horario',
  'quais horarios tenho',
  'que horarios tenho',
  'tenho horario',
];

const TOPICS: Array<[QuestionTopic, string[]]> = [
  [
    'price',
    [
      'cuanto cuesta',
      'cuanto vale',
      'precio',
      'precios',
      'cuanto es',
      'tarifa',
      'how much',
      'price',
      'prices',
      'cost',
      'quanto custa',
      'preco',
      'valor',
    ],
  ],
  [
    'address',
    [
      'donde estais',
      'donde estan',
      'direccion',
      'donde esta',
      'ubicacion',
      'como llego',
      'where are you',
      'address',
      'location',
      'onde fica',
      'endereco',
      'onde voces estao',
    ],
  ],
  ['parking', ['aparcar', 'aparcamiento', 'parking', 'estacionar', 'estacionamiento', 'park', 'estacionamento']],
  [
    'payment',
    [
      'pagar con',
      'tarjeta',
      'bizum',
      'efectivo',
      'forma de pago',
      'formas de pago',
      'pay by',
      'payment',
      'card',
      'cash',
      'pagamento',
      'cartao',
      'dinheiro',
      'pix',
    ],
  ],
  [
    'cancellation_policy',
    [
      'politica de cancelacion',
      'si cancelo',
      'penalizacion',
      'cancellation policy',
      'if i cancel',
      'politica de cancelamento',
      'se eu cancelar',
    ],
  ],
  [
    'hours',
    [
      'horario',
      'horarios de apertura',
      'a que hora abris',
      'a que hora abren',
      'cuando abris',
      'abris el',
      'abren el',
      'opening hours',
      'when do you open',
      'are you open',
      'que horas abrem',
      'horario de funcionamento',
    ],
  ],
  [
    'services',
    [
      'que servicios',
      'servicios',
      'que haceis',
      'que ofreceis',
      'services',
      'what do you offer',
      'servicos',
      'o que voces fazem',
    ],
  ],
];

const QUESTION_MARKERS = ['?', '¿'];

export function guessTopic(text: string): QuestionTopic | undefined {
  const t = plain(text);
  return TOPICS.find(([, phrases]) => hasAny(t, phrases))?.[0];
}

const NAME_LEADS = [
  'me llamo',
  'mi nombre es',
  'mi nombre',
  'soy',
  'my name is',
  'i am',
  "i'm",
  'call me',
  'me chamo',
  'meu nome e',
  'meu nome é',
];

/** "me llamo Don Ramón" → "Don Ramón" (the text as written after the lead, titles kept). */
export function extractNameFallback(text: string): string | undefined {
  const lower = text.toLowerCase();
  for (const lead of NAME_LEADS) {
    const at = lower.indexOf(lead);
    if (at < 0 || (at > 0 && /\p{L}/u.test(lower[at - 1] ?? ''))) continue;
    const rest = text
      .slice(at + lead.length)
      .replace(/^[\s:,]+/, '')
      .split(/[,.;!?\n]/)[0]
      ?.trim();
    if (rest && rest.split(/\s+/).length <= 5) return rest;
  }
  return undefined;
}

const LET_IT_GO = [
  'dejalo',
  'dejalo estar',
  'olvidalo',
  'da igual',
  'mejor no',
  'ya no',
  'never mind',
  'nevermind',
  'forget it',
  'leave it',
  'deixa',
  'deixa pra la',
  'esquece',
];

/** The intent the NLU's own classifier may not know yet, or undefined. */
export function guessIntent(
  text: string,
  hasWhen: boolean,
): { intent: Intent; topic?: QuestionTopic; name?: string } | undefined {
  const t = plain(text);
  if (hasAny(t, MY_BOOKINGS)) return { intent: 'my_bookings' };
  if (!hasWhen && hasAny(t, LET_IT_GO)) return { intent: 'decline' };
  const topic = guessTopic(text);
  if (topic && !(topic === 'hours' && hasWhen)) return { intent: 'question', topic };
  const name = extractNameFallback(text);
  if (name && !hasWhen) return { intent: 'update_details', name };
  if (QUESTION_MARKERS.some((q) => text.includes(q)) && !hasWhen && t.split(' ').length > 4)
    return { intent: 'question', topic: 'other' };
  return undefined;
}
