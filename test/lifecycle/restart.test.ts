/**
 * Issue #5 acceptance 4 at the lifecycle level: reminders that fell due while the service was
 * down are sent once when it starts again if the appointment is still ahead, skipped otherwise;
 * never two for the same booking and offset (also across another restart, and when a job runs a
 * second time because its "done" was lost). On SQLite, and on Postgres when it is reachable.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clockAt, startHarness, type Harness } from '../support/harness.js';
import { startFakeCalCom, type FakeCalCom } from '../fakes/calcom-server.js';
import { startFakeGraph, type FakeGraph } from '../fakes/graph-server.js';
import { createPgDatabase, pgOrSkipMessage } from '../support/postgres.js';

const ANA = '34600111222'; // Friday 10:00 Madrid: 24 h reminder due while down, appointment ahead → sent
// A valid UK mobile (Cal.com validates attendee phones with libphonenumber-js/max).
// Thursday 12:00: both reminders due while down, appointment over → skipped (rating asked)
const JOHN = '447911123456';
// Thursday 17:30: both reminders due while down, appointment ahead → only the closer (1 h) one.
const CARLA = '34622333444';

const pgOk = await pgOrSkipMessage('lifecycle restart tests');

for (const provider of ['sqlite', 'postgres'] as const) {
  describe.skipIf(provider === 'postgres' && !pgOk)(`reminders across a restart (${provider})`, () => {
    let databaseUrl: string;
    let dispose: () => Promise<void>;
    beforeAll(async () => {
      if (provider === 'sqlite') {
        const dir = mkdtempSync(join(tmpdir(), 'reserva-restart-'));
        databaseUrl = `file:${join(dir, 'reserva.db')}`;
        dispose = async () => rmSync(dir, { recursive: true, force: true });
      } else {
        const pg = await createPgDatabase('reserva_test_lifecycle');
        databaseUrl = pg.url;
        dispose = pg.drop;
      }
    });
    afterAll(async () => {
      await dispose?.();
    });

    it('sends the overdue reminders still useful once on start, skips the others, and never twice', async () => {
      const clock = clockAt('2026-11-25T08:00:00Z');
      const graph: FakeGraph = await startFakeGraph({ accessToken: 'graph-token', phoneNumberId: '100000000000001' });
      const cal: FakeCalCom = await startFakeCalCom({
        now: () => clock.now,
        timeZone: 'Europe/Madrid',
        requireEmail: false,
      });
      const start = (o: { worker: boolean }) =>
        startHarness({ provider: 'calcom', clock, databaseUrl, graph, cal, worker: o.worker, workerPollMs: 20 });
      let h: Harness | undefined;
      try {
        h = await start({ worker: false });
        for (const [phone, text] of [
          [ANA, 'Quiero una cita el viernes a las 10'],
          [JOHN, 'Quiero una cita mañana a las 12'],
          [CARLA, 'Quiero una cita mañana a las 17:30'],
        ]) {
          await h.say(phone!, text!);
          const [done] = await h.say(phone!, 'sí');
          expect(done!.text).toContain('✅');
        }
        const uidOf = async (phone: string) =>
          (await h!.reserva.db.prisma.booking.findFirstOrThrow({ where: { contact: { phone } } })).uid;
        const uids = { ana: await uidOf(ANA), john: await uidOf(JOHN), carla: await uidOf(CARLA) };
        await h.close();
        h = undefined;

        // Down from Wednesday 09:00 until Thursday 17:15 Madrid.
        clock.set('2026-11-26T16:15:00Z');
        const before = graph.sent.length;
        h = await start({ worker: true });
        await graph.waitForSent(before + 3, 5000);
        await new Promise((r) => setTimeout(r, 200));
        await h.reserva.worker.runDue();
        const after = graph.sent.slice(before).map((s) => [s.to, s.payload.template?.name ?? s.payload.type]);
        // Everyone wrote more than 24 h ago: templates. JOHN's appointment is over: no reminder,
        // but the rating question (its feedback job fell due too).
        expect(after.sort()).toEqual(
          [
            [ANA, 'appointment_reminder'],
            [CARLA, 'appointment_reminder'],
            [JOHN, 'appointment_feedback'],
          ].sort(),
        );
        const prisma = h.reserva.db.prisma;
        const ledger = (await prisma.job.findMany({ where: { kind: 'sent' } })).map((j) => j.key!.split('@')[0]).sort();
        expect(ledger).toEqual(
          [`sent:reminder:${uids.ana}:24h`, `sent:reminder:${uids.carla}:1h`, `sent:feedback:${uids.john}`].sort(),
        );
        // JOHN's and CARLA's 24 h ran and were skipped; ANA's 1 h is still to come.
        const status = async (uid: string) =>
          (
            await prisma.job.findMany({ where: { key: { startsWith: `reminder:${uid}:` } }, orderBy: { dueAt: 'asc' } })
          ).map((j) => j.status);
        expect(await status(uids.ana)).toEqual(['done', 'pending']);
        expect(await status(uids.john)).toEqual(['done', 'done']);
        expect(await status(uids.carla)).toEqual(['done', 'done']);

        // A job whose "done" was lost (a crash right after sending) runs again: nothing is resent.
        await prisma.job.updateMany({
          where: { key: { startsWith: `reminder:${uids.ana}:24h` } },
          data: { status: 'pending' },
        });
        await h.reserva.worker.runDue();
        expect(graph.sent.length).toBe(before + 3);
        await h.close();
        h = undefined;

        // Another restart a minute later: nothing more.
        clock.advance(60_000);
        h = await start({ worker: true });
        await new Promise((r) => setTimeout(r, 300));
        await h.reserva.worker.runDue();
        expect(graph.sent.length).toBe(before + 3);
      } finally {
        await h?.close();
        await graph.close();
        await cal.close();
      }
    });
  });
}
