/**
 * The NLU on any string: never throws, always a valid intent, a confidence in [0, 1], a language
 * we speak, and a time that is either null or a real interval.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Intent } from '../../machines/types.js';
import { understand } from '../../src/nlu/index.js';
import { fuzzRuns } from './runs.js';

const { runs: RUNS, params: fcParams, timeout } = fuzzRuns(500);

const INTENTS: Record<Intent, true> = {
  book: true,
  reschedule: true,
  cancel: true,
  confirm: true,
  decline: true,
  greeting: true,
  thanks: true,
  help: true,
  human: true,
  opt_out: true,
  my_bookings: true,
  question: true,
  privacy_access: true,
  privacy_erase: true,
  update_details: true,
  opt_in: true,
  resume_bot: true,
  marketing_opt_out: true,
  marketing_opt_in: true,
  keep: true,
  unknown: true,
};

const WORDS = [
  'mañana',
  'a las 5',
  'cita',
  'cancelar',
  'borra mis datos',
  'STOP',
  'ALTA',
  'me llamo',
  'mi correo es',
  'v1:slot:',
  'v1:',
  '17:00',
  '31/02',
  'next week',
  'amanhã',
  '¿qué datos tenéis de mí?',
  '🙂',
  '\u0000',
  '\ud800',
  '\u202e',
  'ñ',
  '   ',
  '\n',
];
const messy = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc
    .array(
      fc.oneof(
        fc.constantFrom(...WORDS),
        fc.string({ maxLength: 12 }),
        fc.integer({ min: -99999, max: 99999 }).map(String),
      ),
      { maxLength: 20 },
    )
    .map((p) => p.join(' ')),
  fc.string({ unit: 'binary', minLength: 2000, maxLength: 5000 }),
);

describe(`NLU on arbitrary text (${RUNS} cases)`, () => {
  it(
    'never throws and always answers with a valid understanding',
    () => {
      fc.assert(
        fc.property(
          messy,
          fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
          fc.constantFrom('es', 'en', 'pt', undefined),
          (text, reference, locale) => {
            const u = understand(text, {
              reference,
              timeZone: 'Europe/Madrid',
              locale: locale as 'es' | 'en' | 'pt' | undefined,
            });
            expect(INTENTS[u.intent], `intent ${String(u.intent)} for ${JSON.stringify(text)}`).toBe(true);
            expect(u.confidence).toBeGreaterThanOrEqual(0);
            expect(u.confidence).toBeLessThanOrEqual(1);
            expect(['es', 'en', 'pt']).toContain(u.language);
            if (u.when) {
              const s = Date.parse(u.when.start);
              const e = Date.parse(u.when.end);
              expect(Number.isFinite(s) && Number.isFinite(e) && e > s, JSON.stringify(u.when)).toBe(true);
            }
          },
        ),
        fcParams,
      );
    },
    timeout(5),
  );
});
