/**
 * Retention: bodies older than RETENTION_DAYS are purged by the durable daily job; rows, counts,
 * statuses and times stay; newer bodies are untouched; each run is recorded and schedules the next.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PURGED, RETENTION_JOB } from '../../src/privacy/retention.js';
import { createPgDatabase, pgOrSkipMessage } from '../support/postgres.js';
import { startPrivacyHarness, type PrivacyHarness } from '../support/privacy.js';

const DAY = 86_400_000;

const pgOk = await pgOrSkipMessage('retention');

for (const provider of ['sqlite', 'postgres'] as const) {
  describe.skipIf(provider === 'postgres' && !pgOk)(`retention job (${provider})`, () => {
    let h: PrivacyHarness;
    let drop: (() => Promise<void>) | undefined;
    beforeAll(async () => {
      let databaseUrl: string | undefined;
      if (provider === 'postgres') ({ url: databaseUrl, drop } = await createPgDatabase('reserva_retention'));
      h = await startPrivacyHarness({ databaseUrl, env: { RETENTION_DAYS: '30' } });
    });
    afterAll(async () => {
      await h.close();
      await drop?.();
    });

    it('purges bodies older than RETENTION_DAYS via the scheduler, keeping counts; reschedules itself', async () => {
      const prisma = h.reserva.db.prisma;
      await h.say('34600999001', 'Hola, quiero una cita mañana a las 17:00');
      await h.say('34600999001', 'sí');
      // Sent rows are stamped by the database's clock, not the test's: date them at the test's "now".
      await prisma.outboundMessage.updateMany({ data: { createdAt: h.clock.now } });
      const before = { inbox: await prisma.inboxMessage.count(), outbound: await prisma.outboundMessage.count() };
      expect(before.outbound).toBeGreaterThan(0);

      // Today's run is already scheduled (at start) and finds nothing old.
      expect(await prisma.job.count({ where: { kind: RETENTION_JOB, status: 'pending' } })).toBe(1);
      await h.reserva.worker.runDue();
      expect(await prisma.inboxMessage.count({ where: { payload: PURGED } })).toBe(0);

      // 31 days later, a new message arrives, then tomorrow's run is due.
      h.clock.advance(31 * DAY);
      await h.say('34600999001', 'hola de nuevo');
      h.clock.advance(DAY);
      await h.reserva.worker.runDue();

      expect(await prisma.inboxMessage.count()).toBe(before.inbox + 1);
      expect(await prisma.inboxMessage.count({ where: { payload: PURGED } })).toBe(before.inbox);
      const fresh = await prisma.inboxMessage.findFirstOrThrow({ orderBy: { seq: 'desc' } });
      expect(fresh.payload).toContain('hola de nuevo');
      const old = await prisma.outboundMessage.findMany({
        where: { createdAt: { lt: new Date(h.clock.now.getTime() - 30 * DAY) } },
      });
      expect(old.length).toBe(before.outbound);
      expect(old.every((m) => m.body === PURGED && m.status)).toBe(true);
      const runs = await prisma.retentionRun.findMany({ orderBy: { ranAt: 'asc' } });
      expect(runs.at(-1)).toMatchObject({ inboxPurged: before.inbox, outboundPurged: before.outbound });
      expect(await prisma.job.count({ where: { kind: RETENTION_JOB, status: 'pending' } })).toBe(1);

      // A second pass purges nothing twice.
      h.clock.advance(DAY);
      await h.reserva.worker.runDue();
      expect((await prisma.retentionRun.findMany({ orderBy: { ranAt: 'asc' } })).at(-1)).toMatchObject({
        inboxPurged: 0,
        outboundPurged: 0,
      });
    });
  });
}
