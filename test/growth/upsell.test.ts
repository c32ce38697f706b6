/**
 * Issue 16, upsell: after a confirmed booking, the add-on (another event type of business.yaml)
 * right after the appointment, offered once, booked in one tap — and never without marketing
 * consent. Demo calendar, fake Graph API over signed webhooks, simulated clock
 * (Wednesday 25 November 2026, 09:00 in Madrid).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createPgDatabase, pgOrSkipMessage } from '../support/postgres.js';
import type { Harness } from '../support/harness.js';
import { GROWTH_YAML, grantConsent, runAt, startGrowthHarness } from '../support/growth.js';

const ANA = '34600111222';

async function bookFriday(h: Harness) {
  await h.say(ANA, 'Hola, quiero una cita el viernes a las 10');
  const [done] = await h.say(ANA, 'sí');
  expect(done!.text).toContain('✅');
  return h.reserva.db.prisma.booking.findFirstOrThrow({ where: { status: 'accepted' } });
}

const pgOk = await pgOrSkipMessage('growth: upsell after a confirmed booking');

for (const provider of ['sqlite', 'postgres'] as const)
  describe.skipIf(provider === 'postgres' && !pgOk)(`upsell after a confirmed booking (${provider})`, () => {
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

    it('offers the add-on right after the appointment once, and one tap books it', async () => {
      h = await start();
      const prisma = h.reserva.db.prisma;
      const booking = await bookFriday(h);
      expect(booking.eventTypeId).toBe(1);
      await grantConsent(h, ANA);

      await runAt(h, '2026-11-25T08:05:00Z');
      expect(h.repliesTo(ANA).filter((m) => m.text.includes('Peeling'))).toHaveLength(0); // not before the delay
      await runAt(h, '2026-11-25T08:11:00Z');
      const offer = h.repliesTo(ANA).at(-1)!;
      expect(offer.type).toBe('buttons');
      expect(offer.text).toBe(
        '¿Quieres añadir *Peeling facial* justo después, a las 10:30? Toca el botón y queda reservado.',
      );
      expect(offer.options).toEqual([
        { id: 'v1:take:2:2026-11-27T09:30:00Z', title: 'Reservar 10:30' },
        { id: 'v1:thanks', title: 'No, gracias' },
      ]);
      const stored = await prisma.outboundMessage.findFirstOrThrow({
        where: { idempotencyKey: { startsWith: 'growth:' } },
      });
      expect(JSON.parse(stored.body).meta).toEqual({ purpose: 'upsell', bookingUid: booking.uid });

      // One tap: booked, no "shall I?" step.
      const replies = await h.say(ANA, { button: 'v1:take:2:2026-11-27T09:30:00Z', title: 'Reservar 10:30' });
      expect(replies.at(-1)!.text).toContain('✅');
      expect(replies.at(-1)!.text).toContain('Peeling');
      const addOn = await prisma.booking.findFirstOrThrow({ where: { eventTypeId: 2 } });
      expect(addOn.start.toISOString()).toBe('2026-11-27T09:30:00.000Z');
      expect(addOn.status).toBe('accepted');
      const row = await prisma.growthOffer.findFirstOrThrow({ where: { kind: 'upsell' } });
      expect(row).toMatchObject({ status: 'sent', variant: 'peeling', convertedBookingUid: addOn.uid });

      // At most once per booking, and nothing for the add-on itself.
      const sent = h.repliesTo(ANA).length;
      await runAt(h, '2026-11-25T09:00:00Z');
      await runAt(h, '2026-11-25T12:00:00Z');
      expect(h.repliesTo(ANA)).toHaveLength(sent);
      expect(await prisma.growthOffer.count()).toBe(1);

      // Conversion in the metrics, per variant.
      const { token } = await import('../support/admin.js');
      const res = await fetch(`${h.url}/admin/metrics?from=2026-11-24T00:00:00Z&to=2026-11-26T00:00:00Z`, {
        headers: { authorization: `Bearer ${token('viewer')}` },
      });
      expect(res.status).toBe(200);
      const m = (await res.json()) as { growth: { upsell: Record<string, unknown> } };
      expect(m.growth.upsell.peeling).toEqual({
        sent: 1,
        withheld: 0,
        skipped: 0,
        failed: 0,
        converted: 1,
        conversionRate: 1,
      });
    });

    it('sends nothing without marketing consent (withheld at the outbox)', async () => {
      h = await start();
      await bookFriday(h);
      const before = h.graph.sent.length;
      // The consent question asked after the booking is still open: the offer waits for the answer…
      await runAt(h, '2026-11-25T08:11:00Z');
      expect(h.graph.sent.length).toBe(before);
      expect(await h.reserva.db.prisma.growthOffer.count()).toBe(0);
      // …and, unanswered, the gate withholds it.
      await runAt(h, '2026-11-25T08:31:00Z');
      expect(h.graph.sent.length).toBe(before);
      const row = await h.reserva.db.prisma.growthOffer.findFirstOrThrow({ where: { kind: 'upsell' } });
      expect(row).toMatchObject({ status: 'withheld', reason: 'no-marketing-consent' });
      // Consent given afterwards does not bring the offer back: once per booking.
      await grantConsent(h, ANA);
      await runAt(h, '2026-11-25T09:00:00Z');
      expect(h.graph.sent.length).toBe(before);
    });

    it('offers the add-on after the person says yes to offers in the chat, right after booking', async () => {
      h = await start();
      await bookFriday(h);
      const question = h.repliesTo(ANA).at(-1)!;
      expect(question.text).toMatch(/avisemos de ofertas/);
      const [thanks] = await h.say(ANA, 'sí');
      expect(thanks!.text).not.toMatch(/Peeling/);
      expect((await h.reserva.db.prisma.contact.findUniqueOrThrow({ where: { phone: ANA } })).marketingConsent).toBe(
        true,
      );
      await runAt(h, '2026-11-25T08:11:00Z');
      const offer = h.repliesTo(ANA).at(-1)!;
      expect(offer.text).toBe(
        '¿Quieres añadir *Peeling facial* justo después, a las 10:30? Toca el botón y queda reservado.',
      );
      // A second booking: consent is on record, so no question this time (asked once).
      const before = h.repliesTo(ANA).length;
      await h.say(ANA, 'quiero otra cita el lunes a las 12');
      const replies = await h.say(ANA, 'sí');
      expect(replies.at(-1)!.text).toContain('✅');
      expect(
        h
          .repliesTo(ANA)
          .slice(before)
          .some((m) => /avisemos de ofertas/.test(m.text)),
      ).toBe(false);
    });

    it('sends nothing after STOP, even with consent given before', async () => {
      h = await start();
      await bookFriday(h);
      await grantConsent(h, ANA);
      await h.say(ANA, 'STOP');
      const before = h.graph.sent.length;
      await runAt(h, '2026-11-25T08:11:00Z');
      expect(h.graph.sent.length).toBe(before);
      const row = await h.reserva.db.prisma.growthOffer.findFirstOrThrow({ where: { kind: 'upsell' } });
      expect(row.status).toBe('withheld');
    });

    it('offers the slot right before when the business configured "either" and after is taken', async () => {
      h = await start({ yaml: GROWTH_YAML.replace('position: after', 'position: either') });
      await bookFriday(h);
      await grantConsent(h, ANA);
      await h.reserva.db.prisma.demoBooking.create({
        data: {
          uid: 'other-after',
          eventTypeId: 2,
          title: 'Peeling',
          start: new Date('2026-11-27T09:30:00Z'),
          end: new Date('2026-11-27T10:00:00Z'),
          attendeeName: 'Luis',
          attendeeTimeZone: 'Europe/Madrid',
        },
      });
      await runAt(h, '2026-11-25T08:11:00Z');
      const offer = h.repliesTo(ANA).at(-1)!;
      expect(offer.text).toBe(
        '¿Quieres añadir *Peeling facial* justo antes, a las 09:30? Toca el botón y queda reservado.',
      );
      expect(offer.options[0]).toEqual({ id: 'v1:take:2:2026-11-27T08:30:00Z', title: 'Reservar 09:30' });
    });

    it('goes as the marketing template when WhatsApp says the window is closed, same one-tap payload', async () => {
      h = await start();
      await bookFriday(h);
      await grantConsent(h, ANA);
      h.graph.closedWindowFor(ANA);
      await runAt(h, '2026-11-25T08:11:00Z');
      const offer = h.repliesTo(ANA).at(-1)!;
      expect(offer.type).toBe('template');
      expect(offer.text).toBe('addon_offer(Ana, Peeling facial, viernes 27 de noviembre a las 10:30)');
      expect(offer.options.map((o) => o.id)).toEqual(['v1:take:2:2026-11-27T09:30:00Z', 'v1:thanks']);
      h.graph.openWindowFor(ANA);
      const replies = await h.say(ANA, { template: 'v1:take:2:2026-11-27T09:30:00Z', text: 'Reservar' });
      expect(replies.at(-1)!.text).toContain('✅');
    });

    it('says so when the add-on slot was taken between the offer and the tap', async () => {
      h = await start();
      await bookFriday(h);
      await grantConsent(h, ANA);
      await runAt(h, '2026-11-25T08:11:00Z');
      expect(h.repliesTo(ANA).at(-1)!.options[0]!.id).toBe('v1:take:2:2026-11-27T09:30:00Z');
      await h.reserva.db.prisma.demoBooking.create({
        data: {
          uid: 'faster',
          eventTypeId: 2,
          title: 'Peeling',
          start: new Date('2026-11-27T09:30:00Z'),
          end: new Date('2026-11-27T10:00:00Z'),
          attendeeName: 'Luis',
          attendeeTimeZone: 'Europe/Madrid',
        },
      });
      const replies = await h.say(ANA, { button: 'v1:take:2:2026-11-27T09:30:00Z', title: 'Reservar 10:30' });
      expect(replies.at(-1)!.text).toBe('Esa opción ya no está disponible. ¿Busco los horarios libres de ahora?');
      expect(await h.reserva.db.prisma.booking.count({ where: { eventTypeId: 2 } })).toBe(0);
    });

    it('offers nothing when the slot after the appointment is taken', async () => {
      h = await start();
      await bookFriday(h);
      await grantConsent(h, ANA);
      // Someone else takes 10:30 on the add-on's calendar.
      await h.reserva.db.prisma.demoBooking.create({
        data: {
          uid: 'other',
          eventTypeId: 2,
          title: 'Peeling',
          start: new Date('2026-11-27T09:30:00Z'),
          end: new Date('2026-11-27T10:00:00Z'),
          attendeeName: 'Luis',
          attendeeTimeZone: 'Europe/Madrid',
        },
      });
      const before = h.graph.sent.length;
      await runAt(h, '2026-11-25T08:11:00Z');
      expect(h.graph.sent.length).toBe(before);
      expect(await h.reserva.db.prisma.growthOffer.findFirstOrThrow()).toMatchObject({
        status: 'skipped',
        reason: 'no-free-slot',
      });
    });
  });
