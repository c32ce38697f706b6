/** Retry delays for failed jobs. */

/** Milliseconds to wait before the next try, given the number of attempts made so far (1 after the first failure). */
export type Backoff = (attempts: number) => number;

/**
 * Exponential backoff with a cap: base, 2·base, 4·base, … never more than `maxMs`.
 * Defaults: 30 s, 1 min, 2 min, 4 min, … capped at 1 h.
 */
export function exponentialBackoff(opts: { baseMs?: number; maxMs?: number } = {}): Backoff {
  const base = opts.baseMs ?? 30_000;
  const max = opts.maxMs ?? 3_600_000;
  if (!(base > 0) || !(max >= base)) {
    throw new Error(`exponentialBackoff needs 0 < baseMs <= maxMs (got baseMs=${base}, maxMs=${max})`);
  }
  return (attempts) => Math.min(max, base * 2 ** Math.max(0, attempts - 1));
}
