/**
 * How many cases each property runs: a few hundred in `npm test`, 10,000 in `npm run fuzz`
 * (FUZZ_RUNS=10000). FUZZ_SEED replays a failure fast-check reported.
 */
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;

export function fuzzRuns(defaultRuns: number) {
  const runs = process.env.FUZZ_RUNS ? Math.max(1, Number(process.env.FUZZ_RUNS)) : defaultRuns;
  return {
    runs,
    params: { numRuns: runs, ...(SEED !== undefined ? { seed: SEED } : {}) },
    /** Per-test timeout that grows with the run count. */
    timeout: (msPerCase: number) => 60_000 + runs * msPerCase,
  };
}
