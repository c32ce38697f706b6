/**
 * Insights by business day (Europe/Madrid), kept by daily rollups: bookings count on the day they were
 * made in Madrid — not in UTC, not on the appointment's day — and the rollups follow later changes.
 *
 * Sunday 22 November 2026: Ana books at 23:50 in Madrid (22:50 UTC); Bea books ten minutes after
 * midnight in Madrid, Monday the 23rd — still Sunday in UTC. Both appointments are on Wednesday 25th.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clockAt, startHarness, type Harness } from '../support/harness.js';
import { statusUpdate, wrapWebhook } from '../support/whatsapp-payloads.js';
import { ADMIN_SECRET, api, token } from '../support/admin.js';
import { createPgDatabase, pgOrSkipMessage } from '../support/postgres.js';
import { REFRESH_JOB } from '../../src/insights/service.js';

const hasPostgres = await pgOrSkipMessage('insights by business day on Postgres');
const DATABASES = [{ db: 'SQLite' }, ...(hasPostgres ? [{ db: 'Postgres' }] : [])];

const metrics = async (h: Harness, query: string) => {
  const r = await api(h.url, token('viewer'))('GET', `/admin/metrics?${query}`);
  expect(r.status).toBe(200);
  return r.json;
};
const series = (m: { series: Array<Record<string, unknown>> }) =>
  m.series.map((s) => [s.period, s.bookings, s.cancelled, s.appointments]);

async function book(h: Harness, phone: string, name: string, when: string) {
  await h.say(phone, `Hola, soy ${name}, quiero una cita el ${when}`, { name });
  const replies = await h.say(phone, 'sí', { name });
  if (!replies.some((r) => r.text.includes('✅')))
    throw new Error(`${name} did not book: ${JSON.stringify(replies.map((r) => r.text))}`);
}

describe.each(DATABASES)(
  'insights count by business day (Madrid), from daily rollups kept up to date ($db)',
  ({ db }) => {
    let h: Harness;
    let drop: (() => Promise<void>) | undefined;
    let anaSunday: string[] = [];
    // Madrid's Sunday 22nd and Monday 23rd (midnight there is 23:00 UTC the day before).
    const TWO_DAYS = 'from=2026-11-21T23:00:00Z&to=2026-11-23T23:00:00Z';

    beforeAll(async () => {
      const pg = db === 'Postgres' ? await createPgDatabase('insights_days') : null;
      drop = pg?.drop;
      h = await startHarness({
        provider: 'calcom',
        databaseUrl: pg?.url,
        clock: clockAt('2026-11-22T22:50:00Z'),
        env: { REMINDER_OFFSETS: '24h', ADMIN_JWT_SECRET: ADMIN_SECRET },
      });
      await book(h, '34600000011', 'Ana', 'miércoles a las 10');
      anaSunday = h.graph.sent.filter((m) => m.to === '34600000011').map((m) => m.id);
      h.clock.set('2026-11-22T23:10:00Z');
      await book(h, '34600000012', 'Bea', 'miércoles a las 11');
    }, 120_000);
    afterAll(async () => {
      await h?.close();
      await drop?.();
    });

    it('a booking made ten minutes after midnight in Madrid belongs to Monday and its week', async () => {
      const byDay = await metrics(h, `${TWO_DAYS}&granularity=day`);
      expect(series(byDay)).toEqual([
        ['2026-11-22', 1, 0, 0],
        ['2026-11-23', 1, 0, 0],
      ]);
      const byWeek = await metrics(h, 'from=2026-11-15T23:00:00Z&to=2026-11-29T23:00:00Z&granularity=week');
      expect(series(byWeek)).toEqual([
        ['2026-11-16', 1, 0, 0],
        ['2026-11-23', 1, 0, 2],
      ]);
      expect([byWeek.bookings, byWeek.appointments]).toEqual([2, 2]);
    });

    it('bookings count by the day they were made: the appointments (Wednesday) are a separate figure', async () => {
      const wednesday = await metrics(h, 'from=2026-11-24T23:00:00Z&to=2026-11-25T23:00:00Z');
      expect([wednesday.bookings, wednesday.appointments]).toEqual([0, 2]);
      expect(series(wednesday)).toEqual([['2026-11-25', 0, 0, 2]]);
    });

    it('a period starting mid-day counts only what happened after its start (partial day from the rows)', async () => {
      const m = await metrics(h, 'from=2026-11-22T23:05:00Z&to=2026-11-23T23:00:00Z');
      expect([m.bookings, m.byMessageKind.confirmation?.total]).toEqual([1, 1]);
    });

    it('a later change to a day already rolled up shows at once: Ana cancels on Monday', async () => {
      h.clock.set('2026-11-23T09:00:00Z');
      await h.say('34600000011', 'quiero cancelar mi cita', { name: 'Ana' });
      await h.say('34600000011', 'sí', { name: 'Ana' });
      const m = await metrics(h, `${TWO_DAYS}&granularity=day`);
      expect(series(m)).toEqual([
        ['2026-11-22', 1, 1, 0],
        ['2026-11-23', 1, 0, 0],
      ]);
      expect(m.cancellationRate).toBe(0.5);
      // The refresh also runs as a durable job, so requests find little to do.
      const jobs = await h.reserva.db.prisma.job.findMany({ where: { kind: REFRESH_JOB, status: 'pending' } });
      expect(jobs.length).toBeGreaterThanOrEqual(1);
    });

    it('read receipts that come the next day count on the day the messages went out', async () => {
      const day = (m: { series: Array<Record<string, unknown>> }) =>
        m.series.find((p) => p.period === '2026-11-22') as Record<string, number>;
      const before = day(await metrics(h, `${TWO_DAYS}&granularity=day`));
      expect([before.sent, before.delivered, before.read]).toEqual([anaSunday.length, 0, 0]);
      for (const messageId of anaSunday)
        for (const status of ['delivered', 'read'] as const) {
          const value = statusUpdate({ messageId, recipient: '34600000011', status, timestamp: h.clock.now });
          expect((await h.post(wrapWebhook(value))).status).toBe(200);
        }
      await h.reserva.engine.idle();
      const after = day(await metrics(h, `${TWO_DAYS}&granularity=day`));
      expect([after.sent, after.delivered, after.read, after.readRate]).toEqual([
        anaSunday.length,
        anaSunday.length,
        anaSunday.length,
        1,
      ]);
    });

    it('extra figures from another module ride along as one field, in JSON and CSV', async () => {
      h.reserva.insights.addFigures({
        field: 'example',
        compute: async (q) => ({
          days: Math.round((q.to.getTime() - q.from.getTime()) / 86_400_000),
          zone: q.timeZone,
        }),
      });
      expect(() => h.reserva.insights.addFigures({ field: 'bookings', compute: async () => 1 })).toThrow(/bookings/);
      const m = await metrics(h, TWO_DAYS);
      expect(m.example).toEqual({ days: 2, zone: 'Europe/Madrid' });
      const res = await fetch(`${h.url}/admin/metrics.csv?${TWO_DAYS}`, {
        headers: { authorization: `Bearer ${token('viewer')}` },
      });
      const csv = await res.text();
      expect(csv).toContain('example,all,days,2\r\n');
      expect(csv).toContain('example,all,zone,Europe/Madrid\r\n');
    });
  },
);
