import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CORPORA_DIR, chronoParser, loadDuckling, ourParser } from '../../bench/nlu.js';
import { scoreCorpus, zoneOf } from '../../src/nlu/eval/duckling.js';

// ../shared is reference material outside the repository; skip (saying so) when it is absent.
const present =
  existsSync(resolve(CORPORA_DIR, 'duckling-time-es.json')) &&
  existsSync(resolve(CORPORA_DIR, 'duckling-time-en.json'));
if (!present)
  console.warn(`[nlu] Duckling corpora not found at ${CORPORA_DIR}: skipping the public-corpus accuracy tests`);

describe.skipIf(!present)('Duckling time corpora (Duckling-compatible mode, strict: value and grain)', () => {
  const targets = { es: 0.9, en: 0.85 } as const;
  for (const lang of ['es', 'en'] as const) {
    it(`${lang}: instants ≥ ${targets[lang] * 100} %, and ahead of chrono-node on every kind`, () => {
      const corpus = loadDuckling(lang)!;
      const zone = zoneOf(corpus.timezoneOffset);
      const ours = scoreCorpus(corpus, zone, ourParser(lang, corpus));
      const chrono = scoreCorpus(corpus, zone, chronoParser(lang, corpus));
      expect(ours.instant.strict / ours.instant.total).toBeGreaterThanOrEqual(targets[lang]);
      for (const kind of ['instant', 'interval', 'open_interval'] as const) {
        if (ours[kind].total === 0) continue;
        expect(ours[kind].strict, kind).toBeGreaterThan(chrono[kind].strict);
        expect(ours[kind].loose, kind).toBeGreaterThan(chrono[kind].loose);
      }
    });
  }
});
