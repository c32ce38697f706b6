/**
 * Issue 16: nothing promotional reaches a person without marketing consent or after STOP — on every
 * path. The outbound path itself (kinds 'upsell' / 'winback', whatever the caller), the upsell and
 * win-back jobs after a cancellation and after a no-show, and STOP followed by START (consent does
 * not come back by itself). Real service, demo calendar, fake Graph API, simulated clock.
 */
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { sqliteTurnStore } from '../../src/db/turns.js';
import { createOutbound } from '../../src/engine/outbound.js';
import type { Harness } from '../support/harness.js';
import { grantConsent, runAt, startGrowthHarness } from '../support/growth.js';

const ANA = '34600111222';

describe('the outbox gate on every promotional path', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it('the outbound path refuses upsell and win-back without consent and after STOP, recording nothing', async () => {
    h = await startGrowthHarness();
    const prisma = h.reserva.db.prisma;
    await h.say(ANA, 'Hola');
    const outbound = createOutbound({
      store: sqliteTurnStore(h.reserva.db.sqlite!),
      sender: h.reserva.sender,
      privacy: h.reserva.privacy,
      logger: pino({ level: 'silent' }),
      now: () => h.clock.now,
    });
    const contact = () => prisma.contact.findUniqueOrThrow({ where: { phone: ANA } });
    const message = { type: 'text' as const, body: 'Oferta' };
    const before = h.graph.sent.length;
    let n = 0;
    const send = async (kind: 'upsell' | 'winback' | 'reply') =>
      outbound.send(await contact(), message, { key: `test:${++n}`, kind });

    // No consent yet.
    expect(await send('upsell')).toEqual({ status: 'withheld', reason: 'no-marketing-consent' });
    expect(await send('winback')).toEqual({ status: 'withheld', reason: 'no-marketing-consent' });
    // Nothing recorded either: the gate comes before the intent row.
    expect(await prisma.outboundMessage.count({ where: { idempotencyKey: { startsWith: 'test:' } } })).toBe(0);

    // With consent: it goes.
    await grantConsent(h, ANA);
    expect(await send('upsell')).toMatchObject({ status: 'sent' });

    // STOP: refused, and consent is gone (START does not bring it back).
    await h.say(ANA, 'STOP');
    expect(await send('winback')).toEqual({ status: 'withheld', reason: 'opted-out' });
    await h.say(ANA, 'START');
    expect(await send('upsell')).toEqual({ status: 'withheld', reason: 'no-marketing-consent' });
    expect((await contact()).marketingConsent).toBe(false);

    // An answer to the person's own message still goes.
    expect(await send('reply')).toMatchObject({ status: 'sent' });
    expect(h.graph.sent.length - before).toBeGreaterThanOrEqual(2);
  });

  it('win-back after a no-show: withheld after STOP then START (consent does not come back)', async () => {
    h = await startGrowthHarness();
    const prisma = h.reserva.db.prisma;
    await h.say(ANA, 'Hola, quiero una cita el viernes a las 10');
    await h.say(ANA, 'sí');
    const booking = await prisma.booking.findFirstOrThrow({ where: { status: 'accepted' } });
    await grantConsent(h, ANA);
    await runAt(h, '2026-11-25T08:11:00Z'); // the upsell (consented): sent
    expect(await prisma.growthOffer.findFirstOrThrow({ where: { kind: 'upsell' } })).toMatchObject({ status: 'sent' });

    // Friday: Ana did not come.
    h.clock.set('2026-11-27T10:00:00Z');
    await h.reserva.lifecycle.recordNoShow(booking.uid);
    // She says STOP, later START: her consent does not come back with START.
    await h.say(ANA, 'STOP');
    await h.say(ANA, 'START');
    const before = h.graph.sent.length;
    await runAt(h, '2026-12-11T10:30:00Z'); // 14 days after the no-show was noted
    expect(h.graph.sent.length).toBe(before);
    expect(await prisma.growthOffer.findFirstOrThrow({ where: { kind: 'winback' } })).toMatchObject({
      sourceBookingUid: booking.uid,
      status: 'withheld',
      reason: 'no-marketing-consent',
    });
  });

  it('win-back after a no-show reaches a person who still consents', async () => {
    h = await startGrowthHarness();
    const prisma = h.reserva.db.prisma;
    await h.say(ANA, 'Hola, quiero una cita el viernes a las 10');
    await h.say(ANA, 'sí');
    const booking = await prisma.booking.findFirstOrThrow({ where: { status: 'accepted' } });
    await grantConsent(h, ANA);
    h.clock.set('2026-11-27T10:00:00Z');
    await h.reserva.lifecycle.recordNoShow(booking.uid);
    h.graph.closedWindowFor(ANA);
    await runAt(h, '2026-12-11T10:30:00Z'); // 14 days after the no-show was noted
    const offer = await prisma.growthOffer.findFirstOrThrow({ where: { kind: 'winback' } });
    expect(offer).toMatchObject({ status: 'sent', sourceBookingUid: booking.uid });
    expect(h.repliesTo(ANA).at(-1)!.raw.template?.name).toBe(`winback_${offer.variant}`);
  });
});
