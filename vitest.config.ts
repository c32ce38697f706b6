import { configDefaults, defineConfig } from 'vitest/config';

/** Tests that wait on the real clock: `npm run test:slow` (vitest.slow.config.ts), not the default run. */
export const SLOW_TESTS = ['test/lifecycle/real-clock.test.ts'];

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: [...configDefaults.exclude, ...SLOW_TESTS],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    reporters: ['default'],
  },
});
