/**
 * What a Cal.com booking event means for Reserva: the local mirror, the reminders and what the
 * person is told. Fed by the signed webhook (src/http/cal-webhook.ts) and by the reconciliation job
 * (reconcile.ts), which turns differences it finds into the same events.
 *
 * Echoes: a webhook about an operation the chat itself made (operations.ts, recorded before the API
 * call) is mirrored but never announced; the same change made by the host is announced once.
 */
import type { Logger } from 'pino';
import type { Language } from '../../machines/types.js';
import type { Db } from '../db/client.js';
import type { BookingHooks } from '../engine/effects.js';
import { waIdCandidates } from '../phone/normalise.js';
import type { WhatsAppSender } from '../whatsapp/types.js';
import { tellPerson, type Notice, type NoticeTemplates } from './notify.js';
import { ownOperation } from './operations.js';

export interface CalEventsOptions {
  prisma: Db;
  hooks: BookingHooks;
  recordNoShow(uid: string, opts?: { source?: 'calcom' | 'reserva' }): Promise<boolean>;
  sender: WhatsAppSender;
  timeZone: string;
  defaultLocale: Language;
  now: () => Date;
  logger: Pick<Logger, 'info' | 'warn'>;
  noticeTemplates?: NoticeTemplates;
}

export type CalPayload = Record<string, unknown>;

const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
const text = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
const answer = (v: unknown) => (v && typeof v === 'object' && 'value' in (v as object) ? (v as { value: unknown }).value : v);

/** Cal.com's booking status, upper case ("ACCEPTED", "PENDING", …). */
const statusOf = (p: CalPayload, trigger: string) =>
  trigger === 'BOOKING_REQUESTED' ? 'PENDING' : String(p.status ?? 'ACCEPTED').toUpperCase();

/** A booking's place as a person can use it, from a webhook payload. */
function locationOf(p: CalPayload): string | undefined {
  const video = text(obj(p.videoCallData).url) ?? text(obj(obj(p.metadata)).videoCallUrl);
  if (video && /^https?:\/\//.test(video)) return video;
  const l = text(p.location)?.trim();
  if (!l || /^integrations?:/.test(l)) return undefined;
  return l;
}

export function createCalEvents(opts: CalEventsOptions) {
  const { prisma } = opts;

  /** The contact a booking belongs to: our own metadata, then any phone in it, normalised. */
  async function contactFor(p: CalPayload) {
    const meta = obj(p.metadata);
    const own = text(meta.contactId);
    if (own) {
      const c = await prisma.contact.findUnique({ where: { id: own } });
      if (c) return c;
    }
    const responses = obj(p.responses);
    const attendees = Array.isArray(p.attendees) ? (p.attendees as unknown[]).map(obj) : [];
    const written = [
      meta.whatsapp,
      ...attendees.map((a) => a.phoneNumber),
      answer(responses.attendeePhoneNumber),
      answer(responses.phone),
      p.smsReminderNumber,
    ];
    for (const phone of written) {
      const candidates = waIdCandidates(phone);
      if (!candidates.length) continue;
      const c = await prisma.contact.findFirst({ where: { phone: { in: candidates } } });
      if (c) return c;
    }
    return null;
  }

  async function tell(contactId: string, notice: Notice, start: Date, uid?: string) {
    const contact = await prisma.contact.findUnique({ where: { id: contactId } });
    if (!contact) return;
    await tellPerson({ prisma, sender: opts.sender, now: opts.now, logger: opts.logger as Logger }, contact, notice, {
      start,
      uid,
      timeZone: opts.timeZone,
      defaultLocale: opts.defaultLocale,
      templates: opts.noticeTemplates,
    });
  }

  async function booked(trigger: string, uid: string, p: CalPayload): Promise<void> {
    const now = opts.now();
    const existing = await prisma.booking.findUnique({ where: { uid } });
    const prevUid = text(p.rescheduleUid) ?? text(p.fromReschedule) ?? text(p.rescheduledFromUid);
    const prev = prevUid && prevUid !== uid ? await prisma.booking.findUnique({ where: { uid: prevUid } }) : null;
    const contactId = existing?.contactId ?? prev?.contactId ?? (await contactFor(p))?.id;
    if (!contactId) {
      opts.logger.info({ trigger }, 'Cal.com booking for a phone number Reserva does not know: not mirrored');
      return;
    }
    const startTime = text(p.startTime);
    const endTime = text(p.endTime);
    if (!startTime || !endTime) return;
    const status = statusOf(p, trigger);
    if (status === 'CANCELLED' || status === 'REJECTED') return;
    const start = new Date(startTime);
    const end = new Date(endTime);
    const accepted = status !== 'PENDING' && status !== 'AWAITING_HOST';
    // Our own create / reschedule, echoed before (or racing) the API's answer. A pending booking
    // turning accepted is the host confirming it: never ours.
    const confirmedByHost = accepted && existing?.status === 'pending';
    const ours =
      !confirmedByHost &&
      (prevUid
        ? await ownOperation(prisma, { kinds: ['reschedule'], acted: [prevUid], results: [uid] }, now)
        : await ownOperation(prisma, { kinds: ['create'], results: [uid], contactId, start: startTime }, now));
    await prisma.$transaction(async (tx) => {
      if (prev && (prev.status === 'accepted' || prev.status === 'pending')) {
        await tx.booking.update({ where: { uid: prev.uid }, data: { status: 'rescheduled' } });
        await opts.hooks.onCancelled(tx as unknown as Db, { uid: prev.uid, contactId });
      }
      const data = {
        contactId,
        provider: 'calcom',
        eventTypeId: Number(p.eventTypeId ?? existing?.eventTypeId ?? 0),
        title: text(p.title) ?? existing?.title ?? null,
        start,
        end,
        status: accepted ? 'accepted' : 'pending',
        location: locationOf(p) ?? existing?.location ?? null,
      };
      await tx.booking.upsert({ where: { uid }, create: { uid, ...data }, update: data });
      // Idempotent: an unchanged booking schedules nothing new; a new time replaces the reminders.
      // Only accepted bookings are reminded.
      if (accepted) await opts.hooks.onBooked(tx as unknown as Db, { uid, contactId, start, end });
      else await opts.hooks.onCancelled(tx as unknown as Db, { uid, contactId });
    });
    if (ours || start.getTime() <= now.getTime()) return;
    const moved = existing ? existing.start.getTime() !== start.getTime() : Boolean(prev);
    if (accepted && moved) await tell(contactId, 'rescheduledByBusiness', start, uid);
    else if (confirmedByHost) await tell(contactId, 'confirmedByBusiness', start, uid);
  }

  async function ended(trigger: string, uid: string, p: CalPayload): Promise<void> {
    const existing = await prisma.booking.findUnique({ where: { uid } });
    if (!existing || (existing.status !== 'accepted' && existing.status !== 'pending')) return;
    const now = opts.now();
    // Rejected by the host, or cancelled; the echo of our own cancel or move is only mirrored.
    const ours = trigger === 'BOOKING_CANCELLED' && (await ownOperation(prisma, { kinds: ['cancel', 'reschedule'], acted: [uid] }, now));
    const movedByUs = ours && (await ownOperation(prisma, { kinds: ['reschedule'], acted: [uid] }, now));
    const status = trigger === 'BOOKING_REJECTED' ? 'rejected' : movedByUs ? 'rescheduled' : 'cancelled';
    await prisma.$transaction(async (tx) => {
      await tx.booking.update({ where: { uid }, data: { status, cancellationReason: text(p.cancellationReason) ?? text(p.rejectionReason) ?? null } });
      await opts.hooks.onCancelled(tx as unknown as Db, { uid, contactId: existing.contactId });
    });
    if (ours || existing.start.getTime() <= now.getTime()) return;
    await tell(existing.contactId, trigger === 'BOOKING_REJECTED' ? 'rejectedByBusiness' : 'cancelledByBusiness', existing.start);
  }

  async function handle(trigger: string, p: CalPayload): Promise<void> {
    const uid = text(p.uid) ?? text(p.bookingUid);
    if (!uid) return;
    switch (trigger) {
      case 'BOOKING_CREATED':
      case 'BOOKING_REQUESTED':
      case 'BOOKING_RESCHEDULED':
        return booked(trigger, uid, p);
      case 'BOOKING_CANCELLED':
      case 'BOOKING_REJECTED':
        return ended(trigger, uid, p);
      case 'MEETING_ENDED': {
        // The feedback question is already scheduled from the booking's end; make sure of it.
        const existing = await prisma.booking.findUnique({ where: { uid } });
        if (existing && existing.status === 'accepted' && !existing.noShow) {
          await prisma.$transaction((tx) => opts.hooks.onBooked(tx as unknown as Db, { uid, contactId: existing.contactId, start: existing.start, end: existing.end }));
        }
        return;
      }
      case 'BOOKING_NO_SHOW_UPDATED':
      case 'AFTER_GUESTS_CAL_VIDEO_NO_SHOW': {
        const existing = await prisma.booking.findUnique({ where: { uid } });
        if (!existing) return;
        const attendees = Array.isArray(p.attendees) ? (p.attendees as unknown[]).map(obj) : [];
        if (trigger === 'AFTER_GUESTS_CAL_VIDEO_NO_SHOW' || attendees.some((a) => a.noShow === true || a.absent === true)) {
          await opts.recordNoShow(uid, { source: 'calcom' });
        } else if (existing.noShow && attendees.length && attendees.every((a) => a.noShow === false || a.absent === false)) {
          await prisma.booking.update({ where: { uid }, data: { noShow: false } });
        }
        return;
      }
      case 'AFTER_HOSTS_CAL_VIDEO_NO_SHOW':
        opts.logger.warn({ trigger }, 'Cal.com says the host did not join the video call');
        return;
      default:
        opts.logger.info({ trigger }, 'Cal.com webhook event ignored');
    }
  }

  return { handle };
}

export type CalEvents = ReturnType<typeof createCalEvents>;
