/**
 * `npm run chaos:kill`, smaller: two service processes on one Postgres, one killed with SIGKILL
 * mid-stream and restarted. Every acked message is processed once, every reply sent once, no
 * duplicate or orphaned booking. (Skipped with a message without Postgres.)
 */
import { describe, expect, it } from 'vitest';
import { chaosKill, countsAreRight } from '../../scripts/chaos-kill.js';
import { pgOrSkipMessage } from '../support/postgres.js';

const pg = await pgOrSkipMessage('chaos kill -9');

describe.skipIf(!pg)('kill -9 of one of two instances', () => {
  it('processes every acked message once and sends every reply once', async () => {
    const counts = await chaosKill({
      people: 20,
      messages: 5,
      killAt: 0.4,
      leaseMs: 2000,
      entry: 'tsx',
      log: () => {},
    });
    expect(counts).toMatchObject({
      acked: 100,
      processed: 100,
      unprocessed: 0,
      failed: 0,
      duplicateSends: 0,
      duplicateBookings: 0,
      orphanBookings: 0,
    });
    expect(counts.replies).toBe(counts.expectedReplies);
    expect(counts.bookings).toBe(counts.bookers);
    expect(countsAreRight(counts)).toBe(true);
  }, 480_000);
});
