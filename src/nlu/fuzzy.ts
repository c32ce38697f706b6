/**
 * Typo tolerance for the time vocabulary only (new-user run: "mañna", "tarede", "lunse" were not
 * understood). A token of five letters or more that is no known word and is one edit away (an
 * insertion, a deletion, a substitution or two swapped neighbours) from exactly one day or
 * part-of-day word — with the same first letter — is read as that word. Everything else is left
 * alone: real words near a time word ("todas" / today, "tarda" / tarde, "vienes" / viernes,
 * "manzana" / mañana, "segundo", plurals) are listed here and never corrected.
 */

/** Day and part-of-day words (cleaned: lower case, no accents), five letters or more. */
const VOCABULARY = [
  // Spanish
  'manana',
  'tarde',
  'noche',
  'mediodia',
  'lunes',
  'martes',
  'miercoles',
  'jueves',
  'viernes',
  'sabado',
  'domingo',
  'semana',
  // English
  'today',
  'tomorrow',
  'tonight',
  'morning',
  'afternoon',
  'evening',
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
  'weekend',
  // Portuguese: its weekday names are ordinals in Spanish ("la segunda") and "manha" is one edit from
  // "manda" and from "mañna" — they are left out.
  'amanha',
];

/** Real words one edit away from a time word: never corrected (plus every time word with -s / -es). */
const REAL_WORDS = [
  'todas',
  'todos',
  'tarda',
  'tardo',
  'tardan',
  'tardas',
  'tardar',
  'vienes',
  'viene',
  'manzana',
  'manada',
  'mananas',
  'manda',
  'mando',
  'mancha',
  'noches',
  'nocha',
  'semanal',
  'semanas',
  'salado',
  'sabido',
  'jueces',
  'lunas',
  'marte',
  'mares',
  'segundo',
  'segunda',
  'evenings',
  'mornings',
  'martha',
  'tonights',
  'sundae',
  // English words and first names one edit away (found with compromise's lexicon and our corpora)
  'trade',
  'tardy',
  'lines',
  'lanes',
  'mates',
  'marts',
  'niche',
  'mourning',
  'sundry',
  'amanda',
  'frida',
  'manaia',
];

const KNOWN = new Set([...VOCABULARY, ...REAL_WORDS, ...VOCABULARY.flatMap((w) => [`${w}s`, `${w}es`])]);
const BY_FIRST = new Map<string, string[]>();
for (const w of VOCABULARY) BY_FIRST.set(w[0]!, [...(BY_FIRST.get(w[0]!) ?? []), w]);

/** One edit apart: an insertion, a deletion, a substitution, or two neighbouring letters swapped. */
export function oneEditApart(a: string, b: string): boolean {
  if (a === b) return false;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // substitution
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // swap
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

/** The time word a mistyped token stands for, or undefined (see the module comment). */
export function timeWordFor(token: string): string | undefined {
  if (token.length < 5 || KNOWN.has(token) || !/^[a-z]+$/.test(token)) return undefined;
  const near = (BY_FIRST.get(token[0]!) ?? []).filter((w) => oneEditApart(token, w));
  return near.length === 1 ? near[0] : undefined;
}
