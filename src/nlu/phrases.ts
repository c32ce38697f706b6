/**
 * Lists of phrases, compiled once at load into a word trie and matched token by token on cleaned text
 * (see normalize.clean: lower case, no accents, single spaces). The only syntax: a word ending in `*`
 * matches any ending ("cancel*" → cancel, cancelar, cancelled); everything else is literal.
 * A trie rather than one big regular expression: V8 tries alternatives one by one, so a regex of a
 * thousand phrases costs milliseconds per message; the trie costs the same for ten or ten thousand.
 */

export type Anchor = 'anywhere' | 'start' | 'whole';

interface Node {
  words: Map<string, Node>;
  stems: [string, Node][];
  end: boolean;
}

const node = (): Node => ({ words: new Map(), stems: [], end: false });

/** A span of tokens [start, end). */
export interface Span {
  start: number;
  end: number;
}

let lastText = '';
let lastTokens: string[] = [];
let lastCandidates: Uint8Array | null = null;

/** Tokens of cleaned text (memoised on the last text: every list reads the same message). */
export function tokens(t: string): string[] {
  if (t !== lastText) {
    lastText = t;
    lastTokens = t === '' ? [] : t.split(' ');
    lastCandidates = null;
  }
  return lastTokens;
}

/**
 * Every PhraseSet registers the words and stems its phrases can start with. One pass over a
 * message's tokens marks the sets that could match at all; the others answer "no" at once.
 */
const FIRST_WORDS = new Map<string, number[]>();
const FIRST_STEMS = new Map<string, [string, number][]>(); // keyed by the stem's first two letters
let registered = 0;

function candidates(t: string): Uint8Array {
  const toks = tokens(t);
  if (lastCandidates && lastCandidates.length === registered) return lastCandidates;
  const marks = new Uint8Array(registered);
  for (const w of toks) {
    const ids = FIRST_WORDS.get(w);
    if (ids) for (const id of ids) marks[id] = 1;
    const stems = FIRST_STEMS.get(w.slice(0, 2));
    if (stems) for (const [stem, id] of stems) if (w.startsWith(stem)) marks[id] = 1;
  }
  lastCandidates = marks;
  return marks;
}

function step(n: Node, w: string, visit: (next: Node) => void): void {
  const exact = n.words.get(w);
  if (exact) visit(exact);
  for (let k = 0; k < n.stems.length; k++) {
    const st = n.stems[k]!;
    if (w.startsWith(st[0])) visit(st[1]);
  }
}

/** Longest match from token i (exclusive end), or -1. Exact words need no recursion. */
function longest(n: Node, toks: readonly string[], i: number): number {
  let best = n.end ? i : -1;
  if (i >= toks.length) return best;
  const w = toks[i]!;
  const exact = n.words.get(w);
  if (exact) best = Math.max(best, longest(exact, toks, i + 1));
  for (let k = 0; k < n.stems.length; k++) {
    const st = n.stems[k]!;
    if (w.startsWith(st[0])) best = Math.max(best, longest(st[1], toks, i + 1));
  }
  return best;
}

function reaches(n: Node, toks: readonly string[], i: number, end: number): boolean {
  if (i === end) return n.end;
  if (i > end || i >= toks.length) return false;
  let ok = false;
  step(n, toks[i]!, (next) => {
    if (!ok && reaches(next, toks, i + 1, end)) ok = true;
  });
  return ok;
}

export class PhraseSet {
  private readonly root = node();
  private readonly id = registered++;

  constructor(
    list: readonly string[],
    private readonly anchor: Anchor = 'anywhere',
  ) {
    lastCandidates = null;
    for (const phrase of list) {
      const words = phrase
        .trim()
        .split(/\s+/)
        .filter((w) => w !== '');
      if (words.length === 0) continue;
      let n = this.root;
      for (const w of words) {
        if (w.endsWith('*')) {
          const stem = w.slice(0, -1);
          let next = n.stems.find(([s]) => s === stem)?.[1];
          if (!next) {
            next = node();
            n.stems.push([stem, next]);
          }
          n = next;
        } else {
          let next = n.words.get(w);
          if (!next) {
            next = node();
            n.words.set(w, next);
          }
          n = next;
        }
      }
      n.end = true;
    }
    for (const w of this.root.words.keys()) FIRST_WORDS.set(w, [...(FIRST_WORDS.get(w) ?? []), this.id]);
    for (const [stem] of this.root.stems) {
      if (stem.length < 2) throw new Error(`phrase stems need two letters at least: "${stem}*"`);
      const key = stem.slice(0, 2);
      FIRST_STEMS.set(key, [...(FIRST_STEMS.get(key) ?? []), [stem, this.id]]);
    }
  }

  /** The end (exclusive token index) of the longest phrase starting at token i, or -1. */
  longestAt(toks: readonly string[], i: number): number {
    return longest(this.root, toks, i);
  }

  /** Whether some phrase ends exactly at token `end`, starting at token i. */
  endsExactlyAt(toks: readonly string[], i: number, end: number): boolean {
    return reaches(this.root, toks, i, end);
  }

  /** The first (leftmost, longest) match in cleaned text, honouring the anchor. */
  find(t: string): Span | null {
    const toks = tokens(t);
    if (candidates(t)[this.id] !== 1) return null;
    if (this.anchor === 'whole')
      return reaches(this.root, toks, 0, toks.length) ? { start: 0, end: toks.length } : null;
    const last = this.anchor === 'anywhere' ? toks.length - 1 : 0;
    for (let i = 0; i <= last; i++) {
      const end = longest(this.root, toks, i);
      if (end >= 0) return { start: i, end };
    }
    return null;
  }

  /** Every non-overlapping match, left to right, longest at each start. */
  findAll(t: string): Span[] {
    const toks = tokens(t);
    const out: Span[] = [];
    if (candidates(t)[this.id] !== 1) return out;
    for (let i = 0; i < toks.length;) {
      const end = longest(this.root, toks, i);
      if (end > i) {
        out.push({ start: i, end });
        i = end;
      } else i++;
    }
    return out;
  }

  test(t: string): boolean {
    return this.find(t) !== null;
  }
}

/** A PhraseSet for a list: `anywhere` (whole words anywhere), `start` (the message starts with one), `whole`. */
export function phrases(list: readonly string[], anchor: Anchor = 'anywhere'): PhraseSet {
  return new PhraseSet(list, anchor);
}

/** Source of a regex alternation of literal phrases (longest first), for short lists used inside a regex. */
export function alternation(list: readonly string[]): string {
  const uniq = [...new Set(list.map((p) => p.trim()).filter((p) => p !== ''))];
  uniq.sort((a, b) => b.length - a.length);
  return uniq.map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+')).join('|');
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

/** A list written as one text: phrases separated by commas (line breaks are spaces). */
export function list(text: string): string[] {
  return text
    .split(',')
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p !== '');
}
