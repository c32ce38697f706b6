/** Ordinal picks among offered options: "el segundo", "la primera", "2", "the second one", "option 3". */
import { alternation, list } from './phrases.js';

const ORD: Record<string, number> = {
  primero: 1,
  primera: 1,
  primer: 1,
  '1ro': 1,
  '1ra': 1,
  '1er': 1,
  '1o': 1,
  '1a': 1,
  first: 1,
  '1st': 1,
  segundo: 2,
  segunda: 2,
  '2do': 2,
  '2da': 2,
  '2o': 2,
  '2a': 2,
  second: 2,
  '2nd': 2,
  tercero: 3,
  tercera: 3,
  tercer: 3,
  '3ro': 3,
  '3ra': 3,
  '3er': 3,
  '3o': 3,
  '3a': 3,
  third: 3,
  '3rd': 3,
  cuarto: 4,
  cuarta: 4,
  '4to': 4,
  '4ta': 4,
  fourth: 4,
  '4th': 4,
  quinto: 5,
  quinta: 5,
  '5to': 5,
  '5ta': 5,
  fifth: 5,
  '5th': 5,
  sexto: 6,
  sexta: 6,
  sixth: 6,
  '6th': 6,
  septimo: 7,
  septima: 7,
  seventh: 7,
  '7th': 7,
  octavo: 8,
  octava: 8,
  eighth: 8,
  '8th': 8,
  noveno: 9,
  novena: 9,
  ninth: 9,
  '9th': 9,
  decimo: 10,
  decima: 10,
  tenth: 10,
  '10th': 10,
};
const CARD: Record<string, number> = {
  uno: 1,
  una: 1,
  one: 1,
  dos: 2,
  two: 2,
  tres: 3,
  three: 3,
  cuatro: 4,
  four: 4,
  cinco: 5,
  five: 5,
  seis: 6,
  six: 6,
  siete: 7,
  seven: 7,
  ocho: 8,
  eight: 8,
  nueve: 9,
  nine: 9,
  diez: 10,
  ten: 10,
};

const ORD_WORDS = Object.keys(ORD).join('|');
const CARD_WORDS = Object.keys(CARD).join('|');
const NOUNS = `(?:${alternation(
  list(`one, option, choice, slot, opcion, horario, hora, turno, cita, de la lista, de arriba, que me pasaste,
    que me diste, que me mandaste, que me ofreciste, you sent, on the list, please, por favor, porfa, gracias, thanks`),
)})`;
const MONTHS =
  list(`enero, febrero, marzo, abril, mayo, junio, julio, agosto, septiembre, setiembre, octubre, noviembre,
  diciembre, january, february, march, april, may, june, july, august, september, october, november, december`);
/** "la primera de diciembre" and "la primera semana" are dates, not picks. */
const NOT_A_PICK_AFTER = new RegExp(String.raw`^\s*(?:(?:de|of)\s+(?:${alternation(MONTHS)})\b|semana\b|week\b|vez\b)`);
const LEAD_IN = alternation(
  list(
    'me quedo con, quiero, prefiero, dame, ill take, i will take, i want, id like, take, go with, lets do, vamos con',
  ),
);

/** A whole message that is nothing but a pick: "2", "la 2", "el segundo", "option 3". */
const WHOLE = new RegExp(
  String.raw`^(?:(?:${LEAD_IN})\s+)?(?:el|la|lo|the|opcion|option|numero|number|nro|n|#)?\s*` +
    String.raw`(\d{1,2}|${ORD_WORDS}|${CARD_WORDS})(?:\s+${NOUNS})*\s*$`,
);
const INSIDE = new RegExp(
  String.raw`\b(?:(?:el|la|the)\s+(${ORD_WORDS})\b|(?:opcion|option|numero|number|nro)\s*(\d{1,2}|${CARD_WORDS})\b)`,
);

export interface ChoiceResult {
  choice: number;
  /** The message is only the pick (so "el 2" is not "the 2nd of the month"). */
  whole: boolean;
}

export function detectChoice(t: string): ChoiceResult | null {
  const w = WHOLE.exec(t);
  if (w) {
    const k = w[1]!;
    const n = ORD[k] ?? CARD[k] ?? Number(k);
    // offers are at most 10 (a WhatsApp list); "el 16" is a day of the month, not a pick
    if (n >= 1 && n <= 10) return { choice: n, whole: true };
  }
  const m = INSIDE.exec(t);
  if (m) {
    if (m[1] && NOT_A_PICK_AFTER.test(t.slice(m.index + m[0].length))) return null;
    const k = (m[1] ?? m[2])!;
    const n = ORD[k] ?? CARD[k] ?? Number(k);
    if (n >= 1 && n <= 10) return { choice: n, whole: false };
  }
  return null;
}
