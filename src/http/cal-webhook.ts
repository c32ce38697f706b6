/**
 * Cal.com webhooks: booking created / rescheduled / cancelled, meeting ended, no-show. Verified with
 * X-Cal-Signature-256 (hex HMAC-SHA256 of the raw body with CAL_WEBHOOK_SECRET) before anything is
 * stored. The local booking mirror, the reminders and the person's conversation follow.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { Language } from '../../machines/types.js';
import { BUTTON } from '../conversation/buttons.js';
import { dateFormatter } from '../conversation/dates.js';
import type { Db } from '../db/client.js';
import { sendReply, type BookingHooks } from '../engine/effects.js';
import type { EngineApi } from '../engine/types.js';
import type { WhatsAppSender } from '../whatsapp/types.js';

export interface CalWebhookOptions {
  prisma: Db;
  secret?: string;
  engine: EngineApi;
  hooks: BookingHooks;
  sender: WhatsAppSender;
  timeZone: string;
  defaultLocale: Language;
  now: () => Date;
}

export function verifyCalSignature(raw: Buffer, header: string | undefined, secret: string): boolean {
  if (!header) return false;
  const expected = Buffer.from(createHmac('sha256', secret).update(raw).digest('hex'));
  const given = Buffer.from(header.replace(/^sha256=/, '').trim());
  return given.length === expected.length && timingSafeEqual(given, expected);
}

const digits = (phone: unknown) => (typeof phone === 'string' ? phone.replace(/\D/g, '') : '');

async function calWebhook(app: FastifyInstance, opts: CalWebhookOptions) {
  const { prisma } = opts;
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 1024 * 1024 }, (req, body, done) => {
      req.rawBody = body as Buffer;
      done(null, undefined);
    });
    scope.post('/webhooks/cal', async (req, reply) => {
      const raw = req.rawBody ?? Buffer.alloc(0);
      if (!opts.secret) return reply.code(401).send({ error: 'CAL_WEBHOOK_SECRET is not set on this server; set it to the secret of your Cal.com webhook' });
      const header = req.headers['x-cal-signature-256'];
      if (!verifyCalSignature(raw, Array.isArray(header) ? header[0] : header, opts.secret)) {
        return reply.code(401).send({ error: 'invalid or missing X-Cal-Signature-256: it must be the hex HMAC-SHA256 of the raw body with CAL_WEBHOOK_SECRET' });
      }
      let body: { triggerEvent?: string; payload?: Record<string, any> };
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        return reply.code(400).send({ error: 'body is not valid JSON' });
      }
      const trigger = String(body.triggerEvent ?? '');
      const p = body.payload ?? {};
      const dedupeKey = createHash('sha256').update(raw).digest('hex');
      try {
        await prisma.calWebhookEvent.create({ data: { dedupeKey, triggerEvent: trigger || 'UNKNOWN', payload: raw.toString('utf8').slice(0, 100_000) } });
      } catch (err) {
        if ((err as { code?: string }).code === 'P2002') return { received: true, duplicate: true };
        throw err;
      }
      await handle(trigger, p);
      return { received: true };
    });
  });

  async function contactFor(p: Record<string, any>) {
    const attendees: Array<Record<string, any>> = Array.isArray(p.attendees) ? p.attendees : [];
    const phones = [
      ...attendees.map((a) => digits(a.phoneNumber)),
      digits(p.responses?.attendeePhoneNumber?.value),
      digits(p.smsReminderNumber),
    ].filter((x) => x.length >= 6);
    for (const phone of phones) {
      const c = await prisma.contact.findUnique({ where: { phone } });
      if (c) return c;
    }
    return null;
  }

  async function handle(trigger: string, p: Record<string, any>) {
    const uid: string | undefined = p.uid ?? p.bookingUid;
    if (!uid) return;
    const existing = await prisma.booking.findUnique({ where: { uid } });
    switch (trigger) {
      case 'BOOKING_CREATED':
      case 'BOOKING_RESCHEDULED': {
        const contact = existing ? await prisma.contact.findUnique({ where: { id: existing.contactId } }) : await contactFor(p);
        if (!contact || !p.startTime || !p.endTime) return;
        const start = new Date(p.startTime);
        const end = new Date(p.endTime);
        await prisma.$transaction(async (tx) => {
          const prev = p.rescheduleUid ?? p.fromReschedule;
          if (trigger === 'BOOKING_RESCHEDULED' && prev && prev !== uid) {
            await tx.booking.updateMany({ where: { uid: prev }, data: { status: 'rescheduled' } });
            await opts.hooks.onCancelled(tx as unknown as Db, { uid: prev, contactId: contact.id });
          }
          const data = { contactId: contact.id, provider: 'calcom', eventTypeId: Number(p.eventTypeId ?? 0), title: p.title ?? null, start, end, status: 'accepted' };
          await tx.booking.upsert({ where: { uid }, create: { uid, ...data }, update: data });
          await opts.hooks.onCancelled(tx as unknown as Db, { uid, contactId: contact.id });
          await opts.hooks.onBooked(tx as unknown as Db, { uid, contactId: contact.id, start, end });
        });
        return;
      }
      case 'BOOKING_CANCELLED': {
        if (!existing || existing.status === 'cancelled') return;
        await prisma.$transaction(async (tx) => {
          await tx.booking.update({ where: { uid }, data: { status: 'cancelled', cancellationReason: p.cancellationReason ?? null } });
          await opts.hooks.onCancelled(tx as unknown as Db, { uid, contactId: existing.contactId });
        });
        if (existing.start.getTime() <= opts.now().getTime()) return;
        const contact = await prisma.contact.findUniqueOrThrow({ where: { id: existing.contactId } });
        const lang = ((contact.language as Language | null) ?? opts.defaultLocale) as Language;
        const d = dateFormatter(lang, opts.timeZone, opts.now());
        const when = d.dayAndTime(existing.start.toISOString());
        const body =
          lang === 'en'
            ? `Sorry, your appointment on ${when} has been cancelled by the business. Would you like to book another time?`
            : lang === 'pt'
              ? `Desculpe, seu horário de ${when} foi cancelado pelo estabelecimento. Quer agendar outro horário?`
              : `Lo sentimos, tu cita del ${when} ha sido cancelada por el negocio. ¿Quieres reservar otra hora?`;
        await sendReply({ prisma, sender: opts.sender, now: opts.now, logger: app.log } as never, contact, {
          type: 'buttons',
          body,
          buttons: [{ id: BUTTON.book, title: lang === 'en' ? 'Book again' : lang === 'pt' ? 'Agendar de novo' : 'Reservar otra' }],
        }).catch((err: Error) => app.log.warn({ err: err.message }, 'could not tell the person about the cancellation'));
        return;
      }
      case 'MEETING_ENDED':
        return;
      case 'BOOKING_NO_SHOW_UPDATED':
      case 'AFTER_HOSTS_CAL_VIDEO_NO_SHOW':
      case 'AFTER_GUESTS_CAL_VIDEO_NO_SHOW': {
        if (!existing) return;
        const attendees: Array<Record<string, any>> = Array.isArray(p.attendees) ? p.attendees : [];
        const absent = trigger === 'AFTER_GUESTS_CAL_VIDEO_NO_SHOW' || attendees.some((a) => a.noShow === true || a.absent === true);
        if (!absent) return;
        await prisma.$transaction(async (tx) => {
          await tx.booking.update({ where: { uid }, data: { noShow: true } });
          await opts.hooks.onCancelled(tx as unknown as Db, { uid, contactId: existing.contactId });
        });
        const contact = await prisma.contact.findUniqueOrThrow({ where: { id: existing.contactId } });
        const lang = ((contact.language as Language | null) ?? opts.defaultLocale) as Language;
        const body = lang === 'en' ? 'We missed you at your appointment. Would you like to book a new time?' : lang === 'pt' ? 'Sentimos sua falta no seu horário. Quer agendar um novo?' : 'Te echamos de menos en tu cita. ¿Quieres reservar una nueva hora?';
        await sendReply({ prisma, sender: opts.sender, now: opts.now, logger: app.log } as never, contact, {
          type: 'buttons',
          body,
          buttons: [{ id: BUTTON.book, title: lang === 'en' ? 'Book again' : lang === 'pt' ? 'Agendar de novo' : 'Reservar otra' }],
        }).catch(() => {});
        return;
      }
      default:
        app.log.info({ trigger }, 'Cal.com webhook event ignored');
    }
  }
}

export const calWebhookPlugin = fp(calWebhook, { name: 'cal-webhook' });
