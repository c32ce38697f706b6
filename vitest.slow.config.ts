import { defineConfig } from 'vitest/config';
import base, { SLOW_TESTS } from './vitest.config.js';

/** `npm run test:slow`: the real-clock smoke tests left out of `npm test`. */
export default defineConfig({
  test: { ...base.test, include: SLOW_TESTS, exclude: [], testTimeout: 180_000 },
});
