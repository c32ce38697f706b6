/**
 * Issue 16, win-back: a person who cancelled (or did not come) gets, `afterDays` later, the marketing
 * template of their A/B variant with the nearest free slots; a tap books one. Consent-gated at the
 * outbox, capped per contact, never in quiet hours (Madrid). Simulated clock; the 24-hour window
 * is long closed by then, so it is the template that goes.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createPgDatabase, pgOrSkipMessage } from '../support/postgres.js';
import type { Harness } from '../support/harness.js';
import { GROWTH_YAML, grantConsent, runAt, startGrowthHarness } from '../support/growth.js';
import { token } from '../support/admin.js';

const ANA = '34600111222';

async function bookAndCancel(h: Harness) {
  await h.say(ANA, 'Hola, quiero una cita el viernes a las 10');
  await h.say(ANA, 'sí');
  await h.say(ANA, 'quiero cancelar mi cita');
  const [done] = (await h.say(ANA, 'sí')).slice(-1);
  expect(done!.text.toLowerCase()).toContain('cancel');
  return h.reserva.db.prisma.booking.findFirstOrThrow({ where: { status: 'cancelled' } });
}

const pgOk = await pgOrSkipMessage('growth: win-back after a cancellation');

for (const provider of ['sqlite', 'postgres'] as const)
  describe.skipIf(provider === 'postgres' && !pgOk)(`win-back after a cancellation (${provider})`, () => {
    let h: Harness;
    let drop: (() => Promise<void>) | undefined;
    const start = async (o: Parameters<typeof startGrowthHarness>[0] = {}) => {
      if (provider !== 'postgres') return startGrowthHarness(o);
      const db = await createPgDatabase('reserva_growth');
      drop = db.drop;
      return startGrowthHarness({ ...o, databaseUrl: db.url });
    };
    afterEach(async () => {
      await h.close();
      await drop?.();
      drop = undefined;
    });

    it('sends the variant template with live slots after the delay, and a tap books one', async () => {
      // No upsell in this business: only the win-back is promotional here.
      h = await start({ yaml: GROWTH_YAML.replace(/offers:\n.*\n/, 'offers: []\n') });
      const prisma = h.reserva.db.prisma;
      const cancelled = await bookAndCancel(h);
      await grantConsent(h, ANA);
      h.graph.closedWindowFor(ANA);
      const before = h.graph.sent.length;

      await runAt(h, '2026-12-08T08:00:00Z'); // 13 days: not yet
      expect(h.graph.sent.length).toBe(before);
      await runAt(h, '2026-12-09T08:05:00Z'); // 14 days, 09:05 in Madrid
      expect(h.graph.sent.length).toBe(before + 1);
      const offer = await prisma.growthOffer.findFirstOrThrow({ where: { kind: 'winback' } });
      expect(offer).toMatchObject({ status: 'sent', sourceBookingUid: cancelled.uid });
      expect(['a', 'b']).toContain(offer.variant);
      const msg = h.repliesTo(ANA).at(-1)!;
      expect(msg.type).toBe('template');
      expect(msg.raw.template?.name).toBe(`winback_${offer.variant}`);
      expect(msg.text).toBe(`winback_${offer.variant}(Ana)`);
      // The nearest free slots (demo calendar: an hour's notice, so from 10:30 Madrid on Wednesday 9 December).
      expect(msg.options.map((o) => o.id)).toEqual([
        'v1:take:1:2026-12-09T09:30:00Z',
        'v1:take:1:2026-12-09T10:00:00Z',
        'v1:take:1:2026-12-09T10:30:00Z',
      ]);

      // Ana taps the second: booked in one tap.
      h.graph.openWindowFor(ANA);
      const replies = await h.say(ANA, { template: 'v1:take:1:2026-12-09T10:00:00Z', text: '11:00' });
      expect(replies.at(-1)!.text).toContain('✅');
      const rebooked = await prisma.booking.findFirstOrThrow({ where: { status: 'accepted' } });
      expect(rebooked.start.toISOString()).toBe('2026-12-09T10:00:00.000Z');
      expect(await prisma.growthOffer.findFirstOrThrow({ where: { kind: 'winback' } })).toMatchObject({
        convertedBookingUid: rebooked.uid,
      });

      const res = await fetch(`${h.url}/admin/metrics?from=2026-12-01T00:00:00Z&to=2026-12-10T00:00:00Z`, {
        headers: { authorization: `Bearer ${token('viewer')}` },
      });
      const m = (await res.json()) as { growth: { winback: Record<string, { sent: number; converted: number }> } };
      expect(m.growth.winback[offer.variant]).toMatchObject({ sent: 1, converted: 1, conversionRate: 1 });
    });

    it("keeps a refusal by Meta's per-user marketing limit (131049) as failed, and does not insist", async () => {
      h = await start({ yaml: GROWTH_YAML.replace(/offers:\n.*\n/, 'offers: []\n') });
      await bookAndCancel(h);
      await grantConsent(h, ANA);
      h.graph.failNext({
        httpStatus: 400,
        code: 131049,
        message: 'This message was not delivered to maintain healthy ecosystem engagement.',
      });
      const before = h.graph.sent.length;
      await runAt(h, '2026-12-09T08:05:00Z');
      await runAt(h, '2026-12-09T10:05:00Z');
      await runAt(h, '2026-12-10T10:05:00Z');
      expect(h.graph.sent.length).toBe(before);
      const prisma = h.reserva.db.prisma;
      expect(await prisma.growthOffer.findFirstOrThrow({ where: { kind: 'winback' } })).toMatchObject({
        status: 'failed',
        reason: 'whatsapp:131049',
      });
      expect(await prisma.job.findFirstOrThrow({ where: { kind: 'growth.winback' } })).toMatchObject({
        status: 'done',
      });
    });

    it('waits for the end of the quiet hours in the business zone', async () => {
      h = await start({
        yaml: GROWTH_YAML.replace(/offers:\n.*\n/, 'offers: []\n'),
        clock: (await import('../support/harness.js')).clockAt('2026-11-25T19:30:00Z'), // 20:30 Madrid
      });
      await bookAndCancel(h);
      await grantConsent(h, ANA);
      h.graph.closedWindowFor(ANA);
      const before = h.graph.sent.length;
      // Due 14 days later at 20:30 Madrid… the cancellation was at about that time; quiet hours start at 21:00.
      await runAt(h, '2026-12-09T20:15:00Z'); // 21:15 Madrid: quiet
      expect(h.graph.sent.length).toBe(before);
      await runAt(h, '2026-12-10T07:30:00Z'); // 08:30 Madrid: still quiet
      expect(h.graph.sent.length).toBe(before);
      await runAt(h, '2026-12-10T08:00:00Z'); // 09:00 Madrid
      expect(h.graph.sent.length).toBe(before + 1);
    });

    it('respects the frequency cap across upsell and win-back', async () => {
      h = await start({ yaml: GROWTH_YAML.replace('max: 2', 'max: 1') });
      await h.say(ANA, 'Hola, quiero una cita el viernes a las 10');
      await h.say(ANA, 'sí');
      await grantConsent(h, ANA);
      await runAt(h, '2026-11-25T08:11:00Z'); // the upsell goes (1 of 1)
      const prisma = h.reserva.db.prisma;
      expect(await prisma.growthOffer.findFirstOrThrow({ where: { kind: 'upsell' } })).toMatchObject({
        status: 'sent',
      });
      await h.say(ANA, 'quiero cancelar mi cita');
      await h.say(ANA, 'sí');
      const before = h.graph.sent.length;
      await runAt(h, '2026-12-09T08:30:00Z');
      expect(h.graph.sent.length).toBe(before);
      expect(await prisma.growthOffer.findFirstOrThrow({ where: { kind: 'winback' } })).toMatchObject({
        status: 'skipped',
        reason: 'frequency-cap',
      });
    });

    it('sends nothing without consent, after STOP, or when the person booked again', async () => {
      h = await start({ yaml: GROWTH_YAML.replace(/offers:\n.*\n/, 'offers: []\n') });
      const prisma = h.reserva.db.prisma;
      await bookAndCancel(h);
      // No consent: withheld by the gate.
      const before = h.graph.sent.length;
      await runAt(h, '2026-12-09T08:30:00Z');
      expect(h.graph.sent.length).toBe(before);
      expect(await prisma.growthOffer.findFirstOrThrow({ where: { kind: 'winback' } })).toMatchObject({
        status: 'withheld',
        reason: 'no-marketing-consent',
      });

      // Another person: consent, then STOP.
      const LUIS = '34600333444';
      h.clock.set('2026-12-10T08:00:00Z');
      await h.say(LUIS, 'Hola, quiero una cita el viernes a las 10', { name: 'Luis' });
      await h.say(LUIS, 'sí', { name: 'Luis' });
      await h.say(LUIS, 'quiero cancelar mi cita', { name: 'Luis' });
      await h.say(LUIS, 'sí', { name: 'Luis' });
      await grantConsent(h, LUIS);
      await h.say(LUIS, 'STOP', { name: 'Luis' });
      const sentToLuis = h.repliesTo(LUIS).length;
      await runAt(h, '2026-12-24T08:30:00Z');
      expect(h.repliesTo(LUIS)).toHaveLength(sentToLuis);
      const luis = await prisma.contact.findUniqueOrThrow({ where: { phone: LUIS } });
      expect(await prisma.growthOffer.findFirstOrThrow({ where: { contactId: luis.id } })).toMatchObject({
        kind: 'winback',
        status: 'withheld',
        reason: 'opted-out',
      });

      // A third: consent, but booked again before the win-back was due.
      const EVA = '34600555666';
      h.clock.set('2026-12-28T08:00:00Z');
      await h.say(EVA, 'Hola, quiero una cita el miércoles a las 10', { name: 'Eva' });
      await h.say(EVA, 'sí', { name: 'Eva' });
      await h.say(EVA, 'quiero cancelar mi cita', { name: 'Eva' });
      await h.say(EVA, 'sí', { name: 'Eva' });
      await grantConsent(h, EVA);
      await h.say(EVA, 'quiero una cita el jueves a las 11', { name: 'Eva' });
      await h.say(EVA, 'sí', { name: 'Eva' });
      const sentToEva = h.repliesTo(EVA).length;
      const eva = await prisma.contact.findUniqueOrThrow({ where: { phone: EVA } });
      expect(await prisma.booking.count({ where: { contactId: eva.id, status: 'cancelled' } })).toBe(1);
      expect(await prisma.job.count({ where: { kind: 'growth.winback', status: 'pending' } })).toBe(1);
      await runAt(h, '2027-01-12T08:30:00Z');
      expect(h.repliesTo(EVA)).toHaveLength(sentToEva);
      expect(await prisma.growthOffer.count({ where: { contactId: eva.id } })).toBe(0);
    });
  });
