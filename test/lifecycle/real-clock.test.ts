/**
 * Issue #5 acceptance 2, on the real clock with the background worker running (slow: ~61 s; `npm run test:slow`;
 * the same on the simulated clock runs by default: soon-booking.test.ts).
 * A booking created 61 minutes ahead (here on the Cal.com page, by a person Reserva knows) gets
 * only the 1 h reminder, within a minute of its due time.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { seen, startHarness, type Clock, type Harness } from '../support/harness.js';
import { calEvent, jobsOf, postCal } from '../support/lifecycle.js';

const ANA = '34600111222';

const realClock: Clock = {
  get now() {
    return new Date();
  },
  set() {
    throw new Error('the real clock cannot be set');
  },
  advance() {
    throw new Error('the real clock cannot be moved');
  },
};

describe('reminders on the real clock (acceptance 2)', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
  });

  it(
    'a booking 61 minutes ahead gets only the 1 h reminder, within a minute of its due time',
    { timeout: 120_000 },
    async () => {
      h = await startHarness({ provider: 'calcom', clock: realClock, worker: true, workerPollMs: 250 });
      await h.say(ANA, 'hola');
      const start = new Date(Math.ceil((Date.now() + 61 * 60_000) / 1000) * 1000);
      const end = new Date(start.getTime() + 30 * 60_000);
      const res = await postCal(
        h,
        calEvent('BOOKING_CREATED', {
          uid: 'soon-1',
          startTime: start.toISOString(),
          endTime: end.toISOString(),
          status: 'ACCEPTED',
          attendees: [
            { name: 'Ana García', email: 'ana@example.com', timeZone: 'Europe/Madrid', phoneNumber: `+${ANA}` },
          ],
        }),
      );
      expect(res.status).toBe(200);
      const dueAt = start.getTime() - 3_600_000;
      expect((await jobsOf(h, 'soon-1')).map((j) => [j.key.split('@')[0], j.dueAt])).toEqual([
        ['reminder:soon-1:1h', new Date(dueAt).toISOString()],
        ['feedback:soon-1', new Date(end.getTime() + 3_600_000).toISOString()],
      ]);

      const before = h.graph.sent.length;
      await h.graph.waitForSent(before + 1, 75_000);
      const arrived = h.graph.sent[before]!;
      expect(arrived.at.getTime()).toBeGreaterThanOrEqual(dueAt);
      expect(arrived.at.getTime() - dueAt).toBeLessThan(60_000);
      // Ana wrote a minute ago: an interactive message with the three quick replies.
      expect(arrived.payload.type).toBe('interactive');
      expect(seen(arrived.payload).options.map((o) => o.id)).toEqual([
        'v1:attend:soon-1',
        'v1:reschedule:soon-1',
        'v1:cancel:soon-1',
      ]);
      // …and only that one.
      await new Promise((r) => setTimeout(r, 1000));
      expect(h.graph.sent.length).toBe(before + 1);
    },
  );
});
