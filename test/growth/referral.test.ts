/**
 * Issue 16, Click-to-WhatsApp ads and the preparation text: the `referral` of a first message is
 * kept with the contact (first touch), and /admin/metrics breaks bookings, no-shows and revenue
 * (the service's price in business.yaml) per ad. The 24 h reminder brings the "how to prepare" text.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { parseWebhook } from '../../src/whatsapp/parse.js';
import type { Harness } from '../support/harness.js';
import { token } from '../support/admin.js';
import { runAt, startGrowthHarness, startGrowthHarnessOn } from '../support/growth.js';
import { pgOrSkipMessage } from '../support/postgres.js';

const pgOk = await pgOrSkipMessage('growth: ad referrals');
import { textMessage, wrapWebhook } from '../support/whatsapp-payloads.js';

const AD = {
  source_url: 'https://fb.me/3cr4Wqqkz',
  source_id: '120212345678901234',
  source_type: 'ad',
  headline: 'Consulta a 40 €',
  body: 'Reserva por WhatsApp',
  media_type: 'image',
  image_url: 'https://scontent.example/ad.jpg',
  ctwa_clid: 'ARAkLkA8rmlFeiCktEJQ-QTwRiyYHAFDLMNDBH0CD3qpjd0HR4irJ6LEkR7JwFF4XvnO2E4Nx0-eM-GABDLOPaOdRMv-_zfUQ2a',
};

async function sayFromAd(h: Harness, phone: string, text: string, name: string, referral = AD) {
  const value = textMessage({ from: phone, name, text, timestamp: new Date(h.clock.now) });
  (value.messages![0] as Record<string, unknown>).referral = referral;
  const res = await h.post(wrapWebhook(value));
  expect(res.status).toBe(200);
  await h.reserva.engine.idle();
}

for (const provider of ['sqlite', 'postgres'] as const)
  describe.skipIf(provider === 'postgres' && !pgOk)(`the ad a contact came from (${provider})`, () => {
    let h: Harness | undefined;
    afterEach(async () => {
      await h?.close();
      h = undefined;
    });

    it('parses WhatsApp referral fields and ignores an empty one', () => {
      const value = textMessage({ from: '34600111222', text: 'Hola' });
      (value.messages![0] as Record<string, unknown>).referral = AD;
      expect(parseWebhook(wrapWebhook(value)).messages[0]!.referral).toEqual({
        sourceId: AD.source_id,
        sourceType: 'ad',
        sourceUrl: AD.source_url,
        headline: AD.headline,
        ctwaClid: AD.ctwa_clid,
      });
      (value.messages![0] as Record<string, unknown>).referral = { source_id: '' };
      expect(parseWebhook(wrapWebhook(value)).messages[0]!.referral).toBeUndefined();
    });

    it('is kept with the contact and breaks bookings, no-shows and revenue per ad in the metrics', async () => {
      h = await startGrowthHarnessOn(provider);
      const prisma = h.reserva.db.prisma;
      await sayFromAd(h, '34600111222', 'Hola, quiero una cita el viernes a las 10', 'Ana García');
      await h.say('34600111222', 'sí');
      await sayFromAd(h, '34600333444', 'Hola, quiero una cita el viernes a las 12', 'Luis Pérez');
      await h.say('34600333444', 'sí', { name: 'Luis Pérez' });
      // A later ad does not replace the first one (first touch).
      await sayFromAd(h, '34600111222', 'gracias', 'Ana García', { ...AD, source_id: '999', headline: 'Otra' });
      // Someone who came without an ad.
      await h.say('34600555666', 'Hola, quiero una cita el viernes a las 16', { name: 'Eva' });
      await h.say('34600555666', 'sí', { name: 'Eva' });

      const ana = await prisma.contact.findUniqueOrThrow({ where: { phone: '34600111222' } });
      expect(await prisma.contactReferral.findUniqueOrThrow({ where: { contactId: ana.id } })).toMatchObject({
        sourceId: AD.source_id,
        headline: AD.headline,
        ctwaClid: AD.ctwa_clid,
        sourceType: 'ad',
        sourceUrl: AD.source_url,
      });

      // Ana comes; Luis does not.
      h.clock.set('2026-11-27T14:00:00Z');
      const luisBooking = await prisma.booking.findFirstOrThrow({ where: { contact: { phone: '34600333444' } } });
      await h.reserva.lifecycle.recordNoShow(luisBooking.uid);

      const res = await fetch(`${h.url}/admin/metrics?from=2026-11-20T00:00:00Z&to=2026-11-28T00:00:00Z`, {
        headers: { authorization: `Bearer ${token('viewer')}` },
      });
      const m = (await res.json()) as { growth: { byAd: Record<string, unknown> } };
      expect(m.growth.byAd).toEqual({
        [AD.source_id]: {
          headline: AD.headline,
          sourceType: 'ad',
          sourceUrl: AD.source_url,
          contacts: 2,
          bookings: 2,
          noShows: 1,
          revenue: 40,
        },
      });

      // Erasure takes the ad (and score, offers) with the person.
      await h.reserva.privacy.eraseContact(ana.id);
      expect(await prisma.contactReferral.count({ where: { contactId: ana.id } })).toBe(0);
      expect(await prisma.contactScore.count({ where: { contactId: ana.id } })).toBe(0);
    });
  });

describe('how to prepare, with the 24 h reminder', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it('follows the 24 h reminder inside the window, in the person’s language, once', async () => {
    h = await startGrowthHarness();
    await h.say('34600111222', 'Hola, quiero una cita el viernes a las 10');
    await h.say('34600111222', 'sí');
    // Thursday 10:00 Madrid, Ana wrote again this morning: the window is open.
    h.clock.set('2026-11-26T07:00:00Z');
    await h.say('34600111222', 'una pregunta: ¿hay parking?');
    const before = h.repliesTo('34600111222').length;
    await runAt(h, '2026-11-26T09:00:00Z');
    const sent = h.repliesTo('34600111222').slice(before);
    expect(sent.map((m) => m.type)).toEqual(['buttons', 'text']);
    expect(sent[1]!.text).toBe('📋 Cómo prepararte: Ven 10 minutos antes y trae tu informe.');
    await runAt(h, '2026-11-26T09:05:00Z');
    expect(h.repliesTo('34600111222').length).toBe(before + 2);
    // The 1 h reminder (a template by then: the window has closed) does not repeat it.
    await runAt(h, '2026-11-27T08:00:00Z');
    expect(
      h
        .repliesTo('34600111222')
        .slice(before + 2)
        .map((m) => m.type),
    ).toEqual(['template']);
  });
});
