/**
 * Cal.com webhooks: booking created / rescheduled / cancelled, meeting ended, no-show. Verified with
 * X-Cal-Signature-256 (hex HMAC-SHA256 of the raw body with CAL_WEBHOOK_SECRET) before anything is
 * stored. The local booking mirror, the reminders and the person's conversation follow.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { Language } from '../../machines/types.js';
import type { Db } from '../db/client.js';
import type { Bookings } from '../engine/bookings.js';
import type { Outbound } from '../engine/outbound.js';
import type { EngineApi } from '../engine/types.js';
import type { Lifecycle } from '../lifecycle/reminders.js';
import { tellPerson, type Notice, type NoticeTemplates } from '../lifecycle/notify.js';

export interface CalWebhookOptions {
  prisma: Db;
  secret?: string;
  engine: EngineApi;
  /** The one path for booking changes. */
  bookings: Bookings;
  lifecycle: Pick<Lifecycle, 'recordNoShow'>;
  /** The one path for outbound messages. */
  outbound: Outbound;
  timeZone: string;
  defaultLocale: Language;
  now: () => Date;
  noticeTemplates?: NoticeTemplates;
}

export function verifyCalSignature(raw: Buffer, header: string | undefined, secret: string): boolean {
  if (!header) return false;
  const expected = Buffer.from(createHmac('sha256', secret).update(raw).digest('hex'));
  const given = Buffer.from(header.replace(/^sha256=/, '').trim());
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** A Cal.com attendee as its webhooks send it (untrusted JSON: only the fields read here). */
interface CalAttendee {
  phoneNumber?: unknown;
  noShow?: unknown;
  absent?: unknown;
}

/** A Cal.com webhook `payload` (untrusted JSON: only the fields read here, as Cal.com documents them). */
interface CalPayload {
  uid?: string;
  bookingUid?: string;
  rescheduleUid?: string;
  fromReschedule?: string;
  rescheduledFromUid?: string;
  attendees?: unknown;
  responses?: Record<string, unknown>;
  smsReminderNumber?: unknown;
  startTime?: string;
  endTime?: string;
  status?: unknown;
  eventTypeId?: unknown;
  title?: string | null;
  rescheduled?: unknown;
  cancellationReason?: string | null;
}

const attendeesOf = (p: CalPayload): CalAttendee[] =>
  Array.isArray(p.attendees) ? (p.attendees as CalAttendee[]) : [];

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
      if (!opts.secret)
        return reply.code(401).send({
          error: 'CAL_WEBHOOK_SECRET is not set on this server; set it to the secret of your Cal.com webhook',
        });
      const header = req.headers['x-cal-signature-256'];
      if (!verifyCalSignature(raw, Array.isArray(header) ? header[0] : header, opts.secret)) {
        return reply.code(401).send({
          error:
            'invalid or missing X-Cal-Signature-256: ' +
            'it must be the hex HMAC-SHA256 of the raw body with CAL_WEBHOOK_SECRET',
        });
      }
      let body: { triggerEvent?: string; payload?: CalPayload };
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        return reply.code(400).send({ error: 'body is not valid JSON' });
      }
      const trigger = String(body.triggerEvent ?? '');
      const p = body.payload ?? {};
      const dedupeKey = createHash('sha256').update(raw).digest('hex');
      try {
        await prisma.calWebhookEvent.create({
          data: { dedupeKey, triggerEvent: trigger || 'UNKNOWN', payload: raw.toString('utf8').slice(0, 100_000) },
        });
      } catch (err) {
        if ((err as { code?: string }).code === 'P2002') return { received: true, duplicate: true };
        throw err;
      }
      try {
        await handle(trigger, p);
      } catch (err) {
        // Not handled: forget it so Cal.com's retry is not taken for a duplicate.
        await prisma.calWebhookEvent.deleteMany({ where: { dedupeKey } }).catch(() => {});
        throw err;
      }
      return { received: true };
    });
  });

  async function contactFor(p: CalPayload) {
    const attendees = attendeesOf(p);
    const answer = (v: unknown) =>
      v && typeof v === 'object' && 'value' in (v as object) ? (v as { value: unknown }).value : v;
    const phones = [
      ...attendees.map((a) => digits(a.phoneNumber)),
      digits(answer(p.responses?.attendeePhoneNumber)),
      digits(answer(p.responses?.phone)),
      digits(p.smsReminderNumber),
    ].filter((x) => x.length >= 6);
    for (const phone of new Set(phones)) {
      const c = await prisma.contact.findUnique({ where: { phone } });
      if (c) return c;
    }
    return null;
  }

  const tell = (
    contact: { id: string; phone: string; language: string | null; lastInboundAt?: Date | null },
    notice: Notice,
    start: Date,
    uid?: string,
  ) =>
    tellPerson({ outbound: opts.outbound, now: opts.now, logger: app.log as never }, contact, notice, {
      start,
      uid,
      timeZone: opts.timeZone,
      defaultLocale: opts.defaultLocale,
      templates: opts.noticeTemplates,
    });

  async function handle(trigger: string, p: CalPayload) {
    const uid: string | undefined = p.uid ?? p.bookingUid;
    if (!uid) return;
    const existing = await prisma.booking.findUnique({ where: { uid } });
    const now = opts.now().getTime();
    switch (trigger) {
      case 'BOOKING_CREATED':
      case 'BOOKING_RESCHEDULED': {
        const prevUid: string | undefined = p.rescheduleUid ?? p.fromReschedule ?? p.rescheduledFromUid ?? undefined;
        const prev = prevUid && prevUid !== uid ? await prisma.booking.findUnique({ where: { uid: prevUid } }) : null;
        const contactId = existing?.contactId ?? prev?.contactId;
        const contact = contactId ? await prisma.contact.findUnique({ where: { id: contactId } }) : await contactFor(p);
        if (!contact) {
          app.log.info({ trigger }, 'Cal.com booking for a phone number Reserva does not know: not mirrored');
          return;
        }
        if (!p.startTime || !p.endTime) return;
        const status = String(p.status ?? 'ACCEPTED').toUpperCase();
        if (status === 'CANCELLED' || status === 'REJECTED') return;
        const start = new Date(p.startTime);
        const end = new Date(p.endTime);
        const accepted = status !== 'PENDING' && status !== 'AWAITING_HOST';
        // Idempotent: an echo of a booking we already mirrored schedules nothing new; a new
        // time replaces the old reminders.
        await opts.bookings.record(
          contact.id,
          {
            uid,
            provider: 'calcom',
            eventTypeId: Number(p.eventTypeId ?? existing?.eventTypeId ?? 0),
            title: p.title ?? existing?.title ?? null,
            start,
            end,
            status: accepted ? 'accepted' : 'pending',
          },
          { replaces: prev?.uid },
        );
        // Moved on the business side (not the echo of a reschedule made in the chat, which is
        // mirrored before Cal.com calls us): tell the person the new time.
        const moved = existing ? existing.start.getTime() !== start.getTime() : Boolean(prev);
        if (accepted && moved && start.getTime() > now) await tell(contact, 'rescheduledByBusiness', start, uid);
        return;
      }
      case 'BOOKING_CANCELLED': {
        // Already cancelled (our own cancellation, mirrored first) or moved: nothing to do.
        if (!existing || existing.status !== 'accepted') return;
        await opts.bookings.retire(uid, existing.contactId, {
          status: p.rescheduled === true ? 'rescheduled' : 'cancelled',
          cancellationReason: p.cancellationReason ?? null,
        });
        if (p.rescheduled === true || existing.start.getTime() <= now) return;
        const contact = await prisma.contact.findUniqueOrThrow({ where: { id: existing.contactId } });
        await tell(contact, 'cancelledByBusiness', existing.start);
        return;
      }
      case 'MEETING_ENDED':
        // The feedback question is already scheduled from the booking's end; make sure of it.
        if (existing && existing.status === 'accepted' && !existing.noShow) {
          await opts.bookings.ensureFollowUps({
            uid,
            contactId: existing.contactId,
            start: existing.start,
            end: existing.end,
          });
        }
        return;
      case 'BOOKING_NO_SHOW_UPDATED':
      case 'AFTER_GUESTS_CAL_VIDEO_NO_SHOW': {
        if (!existing) return;
        const attendees = attendeesOf(p);
        if (
          trigger === 'AFTER_GUESTS_CAL_VIDEO_NO_SHOW' ||
          attendees.some((a) => a.noShow === true || a.absent === true)
        ) {
          await opts.lifecycle.recordNoShow(uid, { source: 'calcom' });
        } else if (
          existing.noShow &&
          attendees.length &&
          attendees.every((a) => a.noShow === false || a.absent === false)
        ) {
          await opts.bookings.setNoShow(uid, existing.contactId, false);
        }
        return;
      }
      case 'AFTER_HOSTS_CAL_VIDEO_NO_SHOW':
        app.log.warn({ trigger }, 'Cal.com says the host did not join the video call');
        return;
      default:
        app.log.info({ trigger }, 'Cal.com webhook event ignored');
    }
  }
}

export const calWebhookPlugin = fp(calWebhook, { name: 'cal-webhook' });
