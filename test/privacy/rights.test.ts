/**
 * Access, rectification and erasure as services (the chat flows and the admin API call them), on
 * SQLite and — when reachable — Postgres: a person books through the signed webhook, rates, gets
 * delivery statuses; then the export holds all of it, the single-use link works once, a correction
 * is validated, and erasure leaves nothing about the person but the suppression hash.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { statusUpdate, wrapWebhook } from '../support/whatsapp-payloads.js';
import { createPgDatabase, pgOrSkipMessage } from '../support/postgres.js';
import { startPrivacyHarness, type PrivacyHarness } from '../support/privacy.js';

const ANA = '34600777001';
const OTHER = '34600777999';

const pgOk = await pgOrSkipMessage('privacy rights');

for (const provider of ['sqlite', 'postgres'] as const) {
  describe.skipIf(provider === 'postgres' && !pgOk)(`privacy rights (${provider})`, () => {
    let h: PrivacyHarness;
    let drop: (() => Promise<void>) | undefined;
    beforeAll(async () => {
      let databaseUrl: string | undefined;
      if (provider === 'postgres') ({ url: databaseUrl, drop } = await createPgDatabase('reserva_privacy'));
      h = await startPrivacyHarness({ databaseUrl, env: { PUBLIC_URL: 'https://reserva.example' } });
    });
    afterAll(async () => {
      await h.close();
      await drop?.();
    });
    const prisma = () => h.reserva.db.prisma;

    /** Ana books tomorrow 17:00 in the chat, her replies get delivered and read, she rates. */
    async function anaBooksAndRates() {
      await h.say(ANA, 'Hola, quiero una cita mañana a las 17:00', { name: 'Ana García' });
      await h.say(ANA, 'sí');
      const contact = await prisma().contact.findUniqueOrThrow({ where: { phone: ANA } });
      await prisma().contact.update({ where: { id: contact.id }, data: { email: 'ana@example.com' } });
      const sent = await prisma().outboundMessage.findMany({ where: { phone: ANA } });
      const statuses = sent
        .filter((m) => m.waMessageId)
        .map((m) => statusUpdate({ messageId: m.waMessageId!, recipient: ANA, status: 'read' }));
      expect((await h.post(JSON.stringify(wrapWebhook(statuses)))).status).toBe(200);
      const booking = await prisma().booking.findFirstOrThrow({ where: { contactId: contact.id } });
      await prisma().feedback.create({ data: { bookingId: booking.id, rating: 5, comment: 'Muy bien, gracias' } });
      await h.say(OTHER, 'hola', { name: 'Otra Persona' });
      return contact.id;
    }

    let anaId = '';
    it('export: everything stored about the person, nobody else', async () => {
      anaId = await anaBooksAndRates();
      await h.reserva.privacy.recordMarketingConsent(anaId, {
        granted: true,
        source: 'chat:button',
        textVersion: 'marketing-consent-es-v1',
      });
      const data = await h.reserva.privacy.exportContact(anaId);
      expect(data.format).toBe('reserva.contact-export.v1');
      expect(data.contact).toMatchObject({
        phone: ANA,
        name: 'Ana García',
        email: 'ana@example.com',
        marketingConsent: true,
      });
      expect(data.conversation?.state).toBeTruthy();
      expect(data.bookings).toHaveLength(1);
      expect(data.feedback).toEqual([expect.objectContaining({ rating: 5, comment: 'Muy bien, gracias' })]);
      expect(data.messagesIn.length).toBe(2);
      expect(JSON.stringify(data.messagesIn)).toContain('quiero una cita');
      expect(data.messagesOut.length).toBeGreaterThanOrEqual(2);
      expect(data.statuses.length).toBe(data.messagesOut.filter((m) => m.id).length);
      expect(data.consent).toEqual([
        expect.objectContaining({
          purpose: 'marketing',
          granted: true,
          source: 'chat:button',
          textVersion: 'marketing-consent-es-v1',
        }),
      ]);
      expect(JSON.stringify(data)).not.toContain(OTHER);
    });

    it('summary: facts for the catalog to phrase, the number masked', async () => {
      const s = await h.reserva.privacy.summarise(anaId);
      expect(s).toMatchObject({
        name: 'Ana García',
        email: 'ana@example.com',
        phoneMasked: '+34 ••• •• 01',
        bookings: { upcoming: 1, past: 0 },
        feedback: 1,
        marketingConsent: true,
        optedOut: false,
        retentionDays: 365,
      });
      expect(s.messages.received).toBe(2);
    });

    it('export link: once within 24 h; used → 410, expired → 410, unknown → 404, each said clearly', async () => {
      const link = await h.reserva.privacy.createExportLink(anaId);
      expect(link.url).toMatch(/^https:\/\/reserva\.example\/privacy\/export\/[A-Za-z0-9_-]{43}$/);
      expect(link.expiresAt.getTime() - h.clock.now.getTime()).toBe(24 * 3_600_000);
      const path = new URL(link.url).pathname;
      const stored = await prisma().exportToken.findMany({ where: { contactId: anaId } });
      expect(stored.map((t) => t.tokenHash)).not.toContain(path.split('/').pop());

      const first = await fetch(h.url + path);
      expect(first.status).toBe(200);
      expect(first.headers.get('content-disposition')).toMatch(/attachment/);
      expect(first.headers.get('cache-control')).toBe('no-store');
      expect(((await first.json()) as { contact: { phone: string } }).contact.phone).toBe(ANA);

      const again = await fetch(h.url + path);
      expect(again.status).toBe(410);
      expect(((await again.json()) as { error: string }).error).toMatch(
        /already been used.*Ask again in the WhatsApp chat/,
      );

      const late = await h.reserva.privacy.createExportLink(anaId);
      h.clock.advance(24 * 3_600_000 + 1000);
      const expired = await fetch(h.url + new URL(late.url).pathname);
      expect(expired.status).toBe(410);
      expect(((await expired.json()) as { error: string }).error).toMatch(/expired/);
      h.clock.advance(-(24 * 3_600_000 + 1000));

      const unknown = await fetch(`${h.url}/privacy/export/${'x'.repeat(43)}`);
      expect(unknown.status).toBe(404);
      expect(((await unknown.json()) as { error: string }).error).toMatch(/not valid/);
      expect((await fetch(`${h.url}/privacy/export/short`)).status).toBe(404);
    });

    it('rectification: name and e-mail validated and kept normalised; nothing else touched', async () => {
      const p = h.reserva.privacy;
      expect(
        await p.rectifyContact(anaId, { name: '  Ana   María\u0000 García ', email: 'Ana.Garcia@Example.COM ' }),
      ).toEqual({ changed: ['name', 'email'] });
      const c = await prisma().contact.findUniqueOrThrow({ where: { id: anaId } });
      expect([c.name, c.email]).toEqual(['Ana María García', 'ana.garcia@example.com']);
      await expect(p.rectifyContact(anaId, { email: 'ana at example' })).rejects.toThrow(
        /not an e-mail address; write it like ana@example.com/,
      );
      await expect(p.rectifyContact(anaId, { name: '   ' })).rejects.toThrow(/name is empty/);
      await expect(p.rectifyContact(anaId, {})).rejects.toThrow(/nothing to change/);
      await expect(p.rectifyContact('nobody', { name: 'X' })).rejects.toThrow(/no contact with id "nobody"/);
      expect(await p.rectifyContact(anaId, { name: 'Ana María García' })).toEqual({ changed: [] });
    });

    it('erasure: every row about the person, one transaction; others untouched; no opt-out → no hash', async () => {
      const other = await prisma().contact.findUniqueOrThrow({ where: { phone: OTHER } });
      const otherBefore = await h.reserva.privacy.exportContact(other.id);
      const report = await h.reserva.privacy.eraseContact(anaId);
      expect(report.keptOnSuppressionList).toBe(false);
      expect(report.counts).toMatchObject({
        contact: 1,
        booking: 1,
        feedback: 1,
        conversation: 1,
        consentRecord: 1,
        inboxMessage: 2,
      });

      const db = prisma();
      expect(await db.contact.count({ where: { phone: ANA } })).toBe(0);
      expect(await db.conversation.count({ where: { contactId: anaId } })).toBe(0);
      expect(await db.booking.count({ where: { contactId: anaId } })).toBe(0);
      expect(await db.feedback.count()).toBe(0);
      expect(await db.inboxMessage.count({ where: { phone: ANA } })).toBe(0);
      expect(await db.outboundMessage.count({ where: { phone: ANA } })).toBe(0);
      expect(await db.outboxEffect.count({ where: { contactId: anaId } })).toBe(0);
      expect(await db.consentRecord.count({ where: { contactId: anaId } })).toBe(0);
      expect(await db.exportToken.count({ where: { contactId: anaId } })).toBe(0);
      expect(await db.suppressedNumber.count()).toBe(0);
      const jobs = await db.job.findMany();
      expect(jobs.filter((j) => j.payload.includes(anaId))).toEqual([]);
      const demo = await db.demoBooking.findMany();
      expect(JSON.stringify(demo)).not.toMatch(/Ana|ana@|600777001/);
      // The status events of her messages went with them.
      const events = await db.messageStatusEvent.findMany();
      expect(events).toEqual([]);
      expect(await h.reserva.privacy.exportContact(other.id)).toEqual({
        ...otherBefore,
        exportedAt: expect.any(String),
      });
      await expect(h.reserva.privacy.exportContact(anaId)).rejects.toThrow(/no contact/);
    });
  });
}
