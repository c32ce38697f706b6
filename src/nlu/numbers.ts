/**
 * Number words → digits, for Spanish and English. English tables are generated once, at load time,
 * by compromise (its number model is the project's pick for English); Spanish tables are listed.
 */
import nlp from 'compromise';

const ES_UNITS: Record<string, number> = {
  cero: 0,
  un: 1,
  uno: 1,
  una: 1,
  dos: 2,
  tres: 3,
  cuatro: 4,
  cinco: 5,
  seis: 6,
  siete: 7,
  ocho: 8,
  nueve: 9,
  diez: 10,
  once: 11,
  doce: 12,
  trece: 13,
  catorce: 14,
  quince: 15,
  dieciseis: 16,
  diecisiete: 17,
  dieciocho: 18,
  diecinueve: 19,
  veinte: 20,
  veintiun: 21,
  veintiuno: 21,
  veintiuna: 21,
  veintidos: 22,
  veintitres: 23,
  veinticuatro: 24,
  veinticinco: 25,
  veintiseis: 26,
  veintisiete: 27,
  veintiocho: 28,
  veintinueve: 29,
  treinta: 30,
  cuarenta: 40,
  cincuenta: 50,
};

/** The slice of compromise's number plugin used here (its typings omit toText). */
interface NumberView {
  toText(): NumberView;
  toOrdinal(): NumberView;
  text(): string;
}
const numbersOf = (s: string): NumberView => nlp(s).numbers() as unknown as NumberView;

function buildEnglish(): { cardinals: Record<string, number>; ordinals: Record<string, number> } {
  const cardinals: Record<string, number> = {};
  const ordinals: Record<string, number> = {};
  for (let n = 0; n <= 59; n++) {
    const word = numbersOf(String(n)).toText().text().toLowerCase().replace(/-/g, ' ');
    if (word && !word.includes(' ')) cardinals[word] = n;
  }
  for (let n = 1; n <= 31; n++) {
    const word = numbersOf(String(n)).toOrdinal().toText().text().toLowerCase().replace(/-/g, ' ');
    if (word) ordinals[word] = n;
  }
  return { cardinals, ordinals };
}

const EN = buildEnglish();
// compromise spells 0 as "zero"; "oh" as in "nine oh five" is spoken usage, added here.
EN.cardinals.oh = 0;

const TENS = new Set([20, 30, 40, 50]);

/** English ordinal words ("first", "twenty first") → 1..31. */
export const EN_ORDINALS: Readonly<Record<string, number>> = EN.ordinals;

/**
 * Replaces number words in a normalised (lower-case, accent-free, space-separated) string with
 * digits: "las once y cuarenta y cinco" → "las 11 y 45", "twenty three" → "23".
 * English ordinals become "21st" style tokens, except "second" used as a unit.
 */
export function numberWordsToDigits(s: string): string {
  const toks = s.split(' ');
  const out: string[] = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i]!;
    let v: number | undefined = ES_UNITS[t] ?? EN.cardinals[t];
    if (v !== undefined) {
      if (TENS.has(v)) {
        // "cuarenta y cinco", "twenty three", "twenty first"
        const a = toks[i + 1];
        const b = toks[i + 2];
        if (a === 'y' && b !== undefined && ES_UNITS[b] !== undefined && ES_UNITS[b]! < 10 && ES_UNITS[b]! > 0) {
          v += ES_UNITS[b]!;
          i += 2;
        } else if (a !== undefined && EN.cardinals[a] !== undefined && EN.cardinals[a]! < 10 && EN.cardinals[a]! > 0) {
          v += EN.cardinals[a]!;
          i += 1;
        } else if (a !== undefined && EN.ordinals[a] !== undefined && EN.ordinals[a]! < 10) {
          out.push(ordinalToken(v + EN.ordinals[a]!));
          i += 1;
          continue;
        }
      }
      out.push(String(v));
      continue;
    }
    const o = EN.ordinals[t];
    if (o !== undefined) {
      // "in a second", "one second from now": the unit, not the ordinal.
      const prev = toks[i - 1];
      if (
        t === 'second' &&
        (i === toks.length - 1 || prev === 'a' || prev === '1' || prev === 'one' || prev === 'per')
      ) {
        out.push(t);
        continue;
      }
      out.push(ordinalToken(o));
      continue;
    }
    out.push(t);
  }
  return out.join(' ');
}

function ordinalToken(n: number): string {
  const rem100 = n % 100;
  const rem10 = n % 10;
  const suffix =
    rem100 >= 11 && rem100 <= 13 ? 'th' : rem10 === 1 ? 'st' : rem10 === 2 ? 'nd' : rem10 === 3 ? 'rd' : 'th';
  return `${n}${suffix}`;
}
