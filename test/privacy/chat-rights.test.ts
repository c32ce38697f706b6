/**
 * Privacy rights and consent in the chat (issue 14), as conversations: signed WhatsApp webhooks in,
 * the fake Graph API and the fake Cal.com out, the real engine and database (SQLite and, when
 * reachable, Postgres). Access, rectification, erasure with and without upcoming bookings, changing
 * one's mind, STOP and START, marketing consent yes / no / revoke, and the privacy notice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_SECRET, api, token } from '../support/admin.js';
import { startHarness, type Harness } from '../support/harness.js';
import { createPgDatabase, pgOrSkipMessage } from '../support/postgres.js';

const PUBLIC = 'https://reserva.example';
const pgOk = await pgOrSkipMessage('privacy rights in the chat');
const THU = (hhmm: string) => new Date(`2026-11-26T${hhmm}:00+01:00`).toISOString();

for (const provider of ['sqlite', 'postgres'] as const) {
  describe.skipIf(provider === 'postgres' && !pgOk)(`privacy rights in the chat (${provider})`, () => {
    let h: Harness;
    let drop: (() => Promise<void>) | undefined;
    let admin: ReturnType<typeof api>;
    let n = 0;
    const person = () => `3460088${String(++n).padStart(4, '0')}`;
    beforeAll(async () => {
      let databaseUrl: string | undefined;
      if (provider === 'postgres') ({ url: databaseUrl, drop } = await createPgDatabase('reserva_chat_rights'));
      h = await startHarness({
        provider: 'calcom',
        databaseUrl,
        env: { ADMIN_JWT_SECRET: ADMIN_SECRET, PUBLIC_URL: PUBLIC, PRIVACY_HASH_SALT: 'test-salt-0123456789abcdef' },
      });
      admin = api(h.url, token('admin'));
    });
    afterAll(async () => {
      await h?.close();
      await drop?.();
    });
    const prisma = () => h.reserva.db.prisma;
    const contactOf = (phone: string) => prisma().contact.findUnique({ where: { phone } });
    const state = async (phone: string) => JSON.stringify((await h.reserva.engine.inspect(phone))?.state ?? null);
    /** Books tomorrow at `time` from idle; returns the replies to the confirmation. */
    async function books(phone: string, time: string) {
      await h.say(phone, `Quiero una cita mañana a las ${time}`);
      return h.say(phone, { button: 'v1:confirm', title: 'Confirmar' });
    }

    it('the first message to a new contact links the privacy notice; later ones do not', async () => {
      const p = person();
      const [first] = await h.say(p, 'Hola');
      expect(first!.text).toContain(`${PUBLIC}/privacy`);
      expect(first!.options.length).toBeGreaterThan(0); // the greeting keeps its buttons
      const [second] = await h.say(p, 'Hola');
      expect(second!.text).not.toContain('/privacy');
    });

    it('access: a short summary and a single-use export link that works once', async () => {
      const p = person();
      await h.say(p, 'Hola', { name: 'Rosa Díaz' });
      const [summary] = await h.say(p, '¿Qué datos tenéis de mí?');
      expect(summary!.text).toContain('Rosa Díaz');
      expect(summary!.text).toContain(`+34 ••• •• ${p.slice(-2)}`);
      expect(summary!.text).not.toContain(p); // the number is masked
      const link = /https:\/\/reserva\.example\/privacy\/export\/[A-Za-z0-9_-]+/.exec(summary!.text)?.[0];
      expect(link, summary!.text).toBeTruthy();
      expect(await state(p)).toBe('"idle"');
      const local = link!.replace(PUBLIC, h.url);
      const res = await fetch(local);
      expect(res.status).toBe(200);
      const data = (await res.json()) as { format: string; contact: { phone: string; name: string } };
      expect(data).toMatchObject({ format: 'reserva.contact-export.v1', contact: { phone: p, name: 'Rosa Díaz' } });
      expect((await fetch(local)).status).toBe(410); // single use
    });

    it('access in English and Portuguese answers in that language', async () => {
      const en = person();
      await h.say(en, 'Hello');
      const [a] = await h.say(en, 'What data do you have about me?');
      expect(a!.text).toMatch(/^Here is what I keep about you/);
      const pt = person();
      await h.say(pt, 'Olá');
      const [b] = await h.say(pt, 'Quais dados vocês têm sobre mim?');
      expect(b!.text).toMatch(/^Isso é o que guardo sobre você/);
    });

    it('rectification: "me llamo …" and "mi correo es …" update the contact and say what changed', async () => {
      const p = person();
      await h.say(p, 'Hola', { name: 'Ana' });
      const [name] = await h.say(p, 'Me llamo Ana Pérez Gil');
      expect(name!.text).toContain('Ana Pérez Gil');
      const [mail] = await h.say(p, 'mi correo es Ana.Perez@Example.com');
      expect(mail!.text.toLowerCase()).toContain('ana.perez@example.com');
      expect(await contactOf(p)).toMatchObject({ name: 'Ana Pérez Gil', email: 'ana.perez@example.com' });
    });

    it('erasure without bookings: confirm with buttons; "no" leaves everything; "sí" erases it all', async () => {
      const p = person();
      await h.say(p, 'Hola', { name: 'Luis Gómez' });
      const [ask] = await h.say(p, 'Borra mis datos');
      expect(ask!.options.map((o) => o.id)).toEqual(['v1:confirm', 'v1:decline']);
      expect(await state(p)).toBe('{"erasure":"confirming"}');
      const [kept] = await h.say(p, 'mejor no');
      expect(kept!.text).toMatch(/no he borrado nada/);
      expect(await contactOf(p)).not.toBeNull();
      expect(await state(p)).toBe('"idle"');

      await h.say(p, 'Borra mis datos');
      const [gone] = await h.say(p, { button: 'v1:confirm', title: 'Sí, borrar' });
      expect(gone!.text).toMatch(/he borrado tus datos/);
      expect(await contactOf(p)).toBeNull();
      expect(await prisma().inboxMessage.count({ where: { phone: p } })).toBe(0);
      expect(await prisma().outboundMessage.count({ where: { phone: p } })).toBe(0);
      const found = await admin('GET', `/admin/contacts?phone=${p}`);
      expect(found.status).toBe(200);
      expect(found.json.items).toEqual([]);
      // Writing again starts from scratch, with the privacy notice.
      const [again] = await h.say(p, 'Hola');
      expect(again!.text).toContain(`${PUBLIC}/privacy`);
    });

    it('erasure with an upcoming booking: asked, "no" keeps all; "sí" cancels it on Cal.com, then erases', async () => {
      const p = person();
      const [booked, consent] = await books(p, '10:00');
      expect(booked!.text).toContain('✅');
      expect(consent!.options.map((o) => o.id)).toEqual(['v1:offers:yes', 'v1:offers:no']);
      await h.say(p, { button: 'v1:offers:no', title: 'No, gracias' });
      const uid = (await prisma().booking.findFirstOrThrow({ where: { contact: { phone: p } } })).uid;

      await h.say(p, 'borra mis datos');
      const [which] = await h.say(p, 'sí');
      expect(which!.text).toMatch(/Tienes una cita próxima/);
      expect(await state(p)).toBe('{"erasure":"askingBookings"}');
      const [kept] = await h.say(p, 'no');
      expect(kept!.text).toMatch(/no he borrado nada/);
      expect(h.cal!.bookings.get(uid)?.status).toBe('accepted');
      expect(await contactOf(p)).not.toBeNull();

      await h.say(p, 'borra mis datos');
      await h.say(p, 'sí');
      const [gone] = await h.say(p, { button: 'v1:confirm', title: 'Cancelar y borrar' });
      expect(gone!.text).toMatch(/he borrado tus datos/);
      expect(h.cal!.bookings.get(uid)).toMatchObject({ status: 'cancelled' });
      expect(h.cal!.bookings.get(uid)?.cancellationReason).toMatch(/erase their data/);
      expect(await contactOf(p)).toBeNull();
      expect(await prisma().booking.count({ where: { uid } })).toBe(0);
      expect((await admin('GET', `/admin/contacts?phone=${p}`)).json.items).toEqual([]);
    });

    it('in the middle of a booking, a privacy request ends the flow and is handled', async () => {
      const p = person();
      await h.say(p, 'Quiero una cita mañana a las 18:00');
      expect(await state(p)).toMatch(/^\{"booking"/);
      const [summary] = await h.say(p, '¿Qué datos tenéis de mí?');
      expect(summary!.text).toMatch(/Esto es lo que guardo de ti/);
      expect(await state(p)).toBe('"idle"');
      await h.say(p, 'Quiero una cita mañana a las 18:00');
      const [ask] = await h.say(p, 'borra mis datos');
      expect(ask!.options.map((o) => o.id)).toEqual(['v1:confirm', 'v1:decline']);
      expect(await state(p)).toBe('{"erasure":"confirming"}');
      const [gone] = await h.say(p, 'borra mis datos'); // said again: that is a yes
      expect(gone!.text).toMatch(/he borrado tus datos/);
      expect(await contactOf(p)).toBeNull();
      expect([...h.cal!.bookings.values()].some((b) => b.start === THU('18:00'))).toBe(false); // nothing was booked
    });

    it('erasure with two upcoming bookings cancels both', async () => {
      const p = person();
      await books(p, '11:00');
      await h.say(p, 'no'); // no offers
      await books(p, '11:30');
      const uids = [THU('11:00'), THU('11:30')].map(
        (start) => [...h.cal!.bookings.values()].find((b) => b.start === start && b.status === 'accepted')!.uid,
      );
      await h.say(p, 'quiero borrar mis datos');
      const [which] = await h.say(p, 'sí');
      expect(which!.text).toMatch(/Tienes 2 citas próximas/);
      await h.say(p, 'sí');
      for (const uid of uids) expect(h.cal!.bookings.get(uid)?.status).toBe('cancelled');
      expect(await contactOf(p)).toBeNull();
    });

    it('STOP: nothing unasked goes out (reminders included), the reply says how to undo; START undoes it', async () => {
      const p = person();
      await books(p, '16:00');
      await h.say(p, 'no');
      const [stop] = await h.say(p, 'STOP');
      expect(stop!.text).toMatch(/ALTA/);
      expect((await contactOf(p))?.optedOutAt).toBeTruthy();
      // The reminder is due: the gate withholds it.
      const before = h.repliesTo(p).length;
      h.clock.set('2026-11-25T15:00:00Z'); // the day before, 16:00 Madrid
      await h.reserva.worker.runDue();
      await h.reserva.engine.idle();
      const uid = (await prisma().booking.findFirstOrThrow({ where: { contact: { phone: p } } })).uid;
      const reminder = await prisma().job.findFirst({
        where: { key: { startsWith: `reminder:${uid}:` } },
        orderBy: { dueAt: 'asc' },
      });
      expect(reminder?.status).toBe('done'); // it ran…
      expect(h.repliesTo(p).length).toBe(before); // …and sent nothing
      // The person's own questions are still answered.
      const [answer] = await h.say(p, '¿qué citas tengo?');
      expect(answer!.text).toMatch(/cita/);
      const [start] = await h.say(p, 'ALTA');
      expect(start!.text).toMatch(/STOP/);
      expect((await contactOf(p))?.optedOutAt).toBeNull();
      h.clock.set('2026-11-25T08:00:00Z');
    });

    it('an opted-out number stays suppressed after erasure: a new contact from it is opted out', async () => {
      const p = person();
      await h.say(p, 'Hola');
      await h.say(p, 'BAJA');
      await h.say(p, 'borra mis datos');
      await h.say(p, 'sí');
      expect(await contactOf(p)).toBeNull();
      expect(await h.reserva.privacy.isSuppressed(p)).toBe(true);
      await h.say(p, 'Hola');
      expect((await contactOf(p))?.optedOutAt).toBeTruthy();
      await h.say(p, 'ALTA');
      expect(await h.reserva.privacy.isSuppressed(p)).toBe(false);
    });

    it('marketing question: "👍" then an old "Confirmar" never get the same message twice in a row', async () => {
      const p = person();
      const [, ask] = await books(p, '14:30');
      expect(ask!.text).toMatch(/ofertas/);
      const [again] = await h.say(p, '👍');
      expect(again!.text).toMatch(/^Perdona, no me ha quedado claro/);
      const [next] = await h.say(p, { button: 'v1:confirm', title: 'Confirmar' });
      expect(next?.text).not.toBe(again!.text);
      expect((await contactOf(p))!.marketingConsent).toBe(false);
    });

    it('marketing consent: asked once after a first booking; yes kept with time, source and text version', async () => {
      const p = person();
      const [, ask] = await books(p, '12:00');
      expect(ask!.text).toMatch(/ofertas/);
      expect(await state(p)).toBe('"marketing"');
      // An old "Confirmar" tapped on the booking message is no answer to this question (seen in a new-user run).
      const [again] = await h.say(p, { button: 'v1:confirm', title: 'Confirmar' });
      expect(again!.options.map((o) => o.id)).toEqual(['v1:offers:yes', 'v1:offers:no']);
      expect(again!.text).toMatch(/^Perdona, no me ha quedado claro\. ¿Quieres que te avisemos/); // not verbatim
      expect(await state(p)).toBe('"marketing"');
      expect((await contactOf(p))!.marketingConsent).toBe(false);
      const [yes] = await h.say(p, { button: 'v1:offers:yes', title: 'Sí, quiero ofertas' });
      expect(yes!.text).toMatch(/te avisaremos de ofertas/);
      const contact = (await contactOf(p))!;
      expect(contact.marketingConsent).toBe(true);
      expect(contact.marketingAskedAt).toBeTruthy();
      const records = await prisma().consentRecord.findMany({ where: { contactId: contact.id } });
      expect(records).toEqual([
        expect.objectContaining({
          purpose: 'marketing',
          granted: true,
          source: 'chat:question',
          textVersion: 'marketing-consent-es-tu-v1',
          createdAt: h.clock.now,
        }),
      ]);
      // A second booking does not ask again.
      const replies = await books(p, '12:30');
      expect(replies).toHaveLength(1);
      // Revoked in the chat.
      const [revoked] = await h.say(p, 'No quiero ofertas');
      expect(revoked!.text).toMatch(/no te enviaremos más ofertas/);
      expect((await contactOf(p))?.marketingConsent).toBe(false);
      expect(await prisma().consentRecord.count({ where: { contactId: contact.id, granted: false } })).toBe(1);
    });

    it('marketing consent: "no" is recorded as refused; anything else is handled as usual', async () => {
      const p = person();
      await books(p, '13:00');
      await h.say(p, 'No, gracias');
      const c = (await contactOf(p))!;
      expect(c.marketingConsent).toBe(false);
      expect(await prisma().consentRecord.findMany({ where: { contactId: c.id } })).toEqual([
        expect.objectContaining({ granted: false, source: 'chat:question' }),
      ]);
      const q = person();
      await books(q, '13:30');
      const [answer] = await h.say(q, '¿qué citas tengo?');
      expect(answer!.text).toMatch(/Tienes una cita/);
      expect(await state(q)).toBe('"idle"');
      const qc = (await contactOf(q))!;
      expect(await prisma().consentRecord.count({ where: { contactId: qc.id } })).toBe(0);
    });
  });
}
