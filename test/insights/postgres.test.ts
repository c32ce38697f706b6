/** The scripted fortnight on Postgres: the same figures as on SQLite (the SQL differs per dialect). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from '../support/harness.js';
import { api, token } from '../support/admin.js';
import { createPgDatabase, pgOrSkipMessage } from '../support/postgres.js';
import { playFortnight, startFortnight } from '../support/fortnight.js';

const hasPostgres = await pgOrSkipMessage('insights on Postgres');

describe.skipIf(!hasPostgres)('insight figures on Postgres', () => {
  let h: Harness;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const db = await createPgDatabase('insights');
    drop = db.drop;
    h = await startFortnight({ databaseUrl: db.url });
    await playFortnight(h);
  }, 240_000);
  afterAll(async () => {
    await h?.close();
    await drop?.();
  });

  it('reminder paths, rates, funnel, misunderstood texts and time to book as on SQLite', async () => {
    const r = await api(h.url, token('viewer'))(
      'GET',
      '/admin/metrics?from=2026-11-16T00:00:00Z&to=2026-11-30T00:00:00Z&granularity=week',
    );
    expect(r.status).toBe(200);
    const m = r.json;
    expect(m.byReminderPath.remindedSilent).toEqual({
      bookings: 2,
      cancelled: 0,
      ended: 2,
      noShows: 1,
      cancellationRate: 0,
      noShowRate: 0.5,
    });
    expect(m.byReminderPath.notReminded.noShowRate).toBe(1);
    expect(m.byReminderPath.confirmedFromReminder.noShowRate).toBe(0);
    expect([m.bookings, m.noShowRate, m.cancellationRate]).toEqual([7, 0.4, 0.2857]);
    expect(m.byMessageKind.reminder24h).toMatchObject({
      sent: 6,
      delivered: 5,
      read: 4,
      failed: 1,
      clicked: 3,
      clickThroughRate: 0.6,
    });
    expect(m.failuresByErrorCode).toEqual({ '131026': 1 });
    expect(m.series.map((s: { period: string }) => s.period)).toEqual(['2026-11-16', '2026-11-23']);
    expect(m.funnel.feedback.states.find((s: { state: string }) => s.state === 'awaitingRating').dropOff).toBe(0.5);
    expect(m.unknownIntents.items.map((u: { text: string }) => u.text)).toEqual(['blorp quux zzyzx']);
    expect(m.timeToBooking).toEqual({ bookings: 7, medianMinutes: 0, meanMinutes: 0 });
    expect(m.feedback.average).toBe(4.5);
  });
});
