/**
 * Every reply rendered for arbitrary names and e-mails (long, emoji, RTL marks, control characters,
 * lone surrogates), in every language and register, stays within WhatsApp's limits as rendered.
 * (Event titles come from the business's calendar, not the person: realistic ones here.)
 */
import { existsSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BookingSummary, ContactFacts, ReplySpec } from '../../machines/types.js';
import { render } from '../../src/conversation/copy.js';
import { assertValid } from '../../src/whatsapp/limits.js';
import { fuzzRuns } from './runs.js';

const { runs: RUNS, params: fcParams, timeout } = fuzzRuns(200);

const NOW = new Date('2026-11-25T08:00:00Z');
const slot = { start: '2026-11-26T16:00:00.000Z', end: '2026-11-26T16:30:00.000Z' };
const when = { start: '2026-11-26T17:00:00+01:00', end: '2026-11-26T17:01:00+01:00', grain: 'minute' };
const bookingWith = (title?: string): BookingSummary => ({
  uid: 'bk-1',
  start: '2026-11-27T09:00:00.000Z',
  end: '2026-11-27T09:30:00.000Z',
  ...(title ? { title } : {}),
});
const TEN = Array.from({ length: 10 }, (_, i) => ({
  start: new Date(Date.parse(slot.start) + i * 1_800_000).toISOString(),
  end: new Date(Date.parse(slot.end) + i * 1_800_000).toISOString(),
}));

/** Every reply, with the person's name and e-mail wherever a reply can carry them. */
function specs(name: string, email: string, title: string): ReplySpec[] {
  const b = bookingWith(title);
  return [
    { key: 'greeting' },
    { key: 'help' },
    { key: 'thanks' },
    { key: 'acknowledged' },
    { key: 'human' },
    { key: 'optedOut' },
    { key: 'mediaNotSupported' },
    { key: 'expiredOption' },
    { key: 'didntUnderstand', misses: 1 },
    { key: 'didntUnderstand', misses: 2 },
    { key: 'offerSlots', requested: when, options: TEN, taken: true, widened: false, purpose: 'book' },
    {
      key: 'offerSlots',
      requested: null,
      options: TEN.slice(0, 3),
      taken: false,
      widened: true,
      purpose: 'reschedule',
    },
    { key: 'noSlots', requested: when },
    { key: 'confirmSlot', slot },
    { key: 'askName' },
    { key: 'askEmail', retry: true },
    { key: 'booked', booking: b },
    { key: 'bookingAbandoned' },
    { key: 'calendarDown' },
    { key: 'noBookings', purpose: 'cancel' },
    {
      key: 'chooseBooking',
      bookings: Array.from({ length: 10 }, (_, i) => ({ ...b, uid: `bk-${i}` })),
      purpose: 'reschedule',
    },
    { key: 'confirmReschedule', from: b, to: slot },
    { key: 'rescheduled', booking: b },
    { key: 'confirmCancel', booking: b },
    { key: 'cancelled', booking: b },
    { key: 'keptBooking', booking: b },
    { key: 'attendanceConfirmed', booking: b },
    { key: 'askRating', booking: b },
    { key: 'askComment' },
    { key: 'feedbackThanks' },
    { key: 'myBookings', bookings: [b, { ...b, uid: 'bk-2' }] },
    { key: 'nameUpdated', name },
    { key: 'emailUpdated', email },
  ];
}

const hostile = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 80 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.constantFrom(
    'María José de los Ángeles Fernández-Villaverde y Ortega de la Santísima Trinidad',
    '👩🏽‍⚕️👨‍👩‍👧‍👦'.repeat(30),
    '\u202eevil\u202c',
    '*_~`',
    'a'.repeat(1000),
    '',
  ),
);
const emailish = fc.oneof(
  fc.emailAddress(),
  hostile.map((s) => `${s}@example.com`),
);

// The renderer before the per-locale catalog (issue 9 item 7) puts names in unclipped: a
// 1,000-character name makes the greeting's body too long. The property runs once the catalog,
// which clips names and e-mails, is in the tree.
const catalogInTree = existsSync(new URL('../../src/conversation/catalog/index.ts', import.meta.url));
if (!catalogInTree)
  console.warn(
    '[replies fuzz] skipped: src/conversation/catalog is not in this tree yet (the old copy.ts fails this ' +
      'property: long names overflow)',
  );

describe.skipIf(!catalogInTree)(`replies for arbitrary names and e-mails (${RUNS} cases)`, () => {
  it(
    'every reply in es/en/pt × tú/vos/usted fits WhatsApp limits as rendered',
    () => {
      fc.assert(
        fc.property(
          hostile,
          emailish,
          fc.constantFrom('Cita de 30 minutos', 'Corte y peinado – Ana'),
          fc.constantFrom('es', 'en', 'pt'),
          fc.constantFrom('tu', 'vos', 'usted', undefined),
          (name, email, title, language, formality) => {
            const contact: ContactFacts = {
              language: language as ContactFacts['language'],
              name,
              email,
              formality: formality as ContactFacts['formality'],
              bookingUrl: 'https://cal.example/demo/30min',
            };
            for (const spec of specs(name, email, title)) {
              const message = render(spec, {
                contact,
                timeZone: 'Europe/Madrid',
                now: NOW,
                eventTitle: title || 'Cita',
                lengthMinutes: 30,
                bookingUrl: contact.bookingUrl,
              });
              try {
                assertValid(message);
              } catch (err) {
                throw new Error(
                  `${spec.key} (${language}/${String(formality)}) with name ${JSON.stringify(name)}: ` +
                    (err as Error).message,
                  { cause: err },
                );
              }
              expect(JSON.stringify(message)).not.toMatch(/undefined|NaN|Invalid DateTime|\[object Object\]/);
            }
          },
        ),
        fcParams,
      );
    },
    timeout(150),
  );
});
