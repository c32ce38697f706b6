/**
 * Lists of phrases → one regular expression, compiled once at load. Phrases are written on cleaned
 * text (see normalize.clean: lower case, no accents). The only syntax: a word ending in `*` matches
 * any ending ("cancel*" → cancel, cancelar, cancelled); everything else is literal.
 */

export type Anchor = 'anywhere' | 'start' | 'whole';

function escapeWord(word: string): string {
  const stem = word.endsWith('*');
  const body = (stem ? word.slice(0, -1) : word).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return stem ? `${body}\\w*` : body;
}

/** Source of an alternation of the phrases, longest first (so "no quiero mas" wins over "no"). */
export function alternation(list: readonly string[]): string {
  const uniq = [...new Set(list.map((p) => p.trim()).filter((p) => p !== ''))];
  uniq.sort((a, b) => b.length - a.length);
  return uniq.map((p) => p.split(/\s+/).map(escapeWord).join('\\s+')).join('|');
}

/**
 * One RegExp for a list of phrases: `anywhere` (whole words anywhere), `start` (at the start of the
 * message) or `whole` (the message is exactly one of them).
 */
export function phrases(list: readonly string[], anchor: Anchor = 'anywhere'): RegExp {
  const alt = alternation(list);
  if (anchor === 'whole') return new RegExp(`^(?:${alt})$`);
  if (anchor === 'start') return new RegExp(`^(?:${alt})\\b`);
  return new RegExp(`\\b(?:${alt})\\b`);
}

/** Cartesian product of word choices: expand(['mis', 'mi'], ['cita*', 'reserva*']) → "mis cita*", … */
export function expand(...slots: readonly (readonly string[])[]): string[] {
  let out: string[] = [''];
  for (const slot of slots) {
    const next: string[] = [];
    for (const head of out) for (const w of slot) next.push(w === '' ? head : head === '' ? w : `${head} ${w}`);
    out = next;
  }
  return out.map((s) => s.trim()).filter((s) => s !== '');
}
