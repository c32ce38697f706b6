/**
 * What a Cal.com booking event means for Reserva (issue 10): the local mirror, the reminders and
 * what the person is told. Fed by the signed webhook (src/http/cal-webhook.ts) and by the
 * reconciliation job (reconcile.ts), which turns the differences it finds into the same events.
 *
 * - Echoes: a webhook about an operation the chat itself made (operations.ts, recorded before the
 *   API call) is mirrored but never announced; the same change made by the host is announced once.
 * - BOOKING_REQUESTED (the host confirms each booking) is mirrored as pending, not reminded; the host
 *   accepting it (BOOKING_CREATED with ACCEPTED) or turning it down (BOOKING_REJECTED) is told.
 * - MEETING_ENDED arrives flat (no `payload`) from scheduled triggers: the caller passes either shape.
 * - Page bookings are matched to contacts by Reserva's own metadata, then by any phone in them,
 *   normalised (a Mexican number typed as +52 55… is the wa_id 521 55…).
 */
import type { Logger } from 'pino';
import type { Language } from '../../machines/types.js';
import type { Db } from '../db/client.js';
import type { Bookings } from '../engine/bookings.js';
import type { Outbound } from '../engine/outbound.js';
import { waIdCandidates } from '../phone/normalise.js';
import { tellPerson, type Notice, type NoticeTemplates } from './notify.js';
import { createOperations } from './operations.js';

export interface CalEventsOptions {
  prisma: Db;
  /** The one path for booking changes. */
  bookings: Bookings;
  recordNoShow(uid: string, opts?: { source?: 'calcom' | 'reserva' }): Promise<unknown>;
  /** The one path for outbound messages. */
  outbound: Outbound;
  timeZone: string;
  defaultLocale: Language;
  now: () => Date;
  logger: Pick<Logger, 'info' | 'warn'>;
  noticeTemplates?: NoticeTemplates;
}

/** A Cal.com webhook payload (untrusted JSON: read field by field). */
export type CalPayload = Record<string, unknown>;

const obj = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const text = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);
const answer = (v: unknown) =>
  v && typeof v === 'object' && 'value' in (v as object) ? (v as { value: unknown }).value : v;
const list = (v: unknown) => (Array.isArray(v) ? (v as unknown[]).map(obj) : []);

/** Cal.com's booking status, upper case ("ACCEPTED", "PENDING", …). */
const statusOf = (p: CalPayload, trigger: string) =>
  trigger === 'BOOKING_REQUESTED' ? 'PENDING' : String(p.status ?? 'ACCEPTED').toUpperCase();

/** A booking's place as a person can use it, from a webhook payload. */
function locationOf(p: CalPayload): string | undefined {
  const video = text(obj(p.videoCallData).url) ?? text(obj(p.metadata).videoCallUrl);
  if (video && /^https?:\/\//.test(video)) return video;
  const l = text(p.location)?.trim();
  if (!l || /^integrations?:/.test(l) || l === 'attendeeInPerson' || l === 'phone') return undefined;
  return l;
}

export function createCalEvents(opts: CalEventsOptions) {
  const { prisma } = opts;
  const ops = createOperations(prisma, opts.now);

  /** The contact a booking belongs to: our own metadata, then any phone in it, normalised. */
  async function contactFor(p: CalPayload) {
    const meta = obj(p.metadata);
    const own = text(meta.contactId);
    if (own) {
      const c = await prisma.contact.findUnique({ where: { id: own } });
      if (c) return c;
    }
    const responses = obj(p.responses);
    const written = [
      meta.whatsapp,
      ...list(p.attendees).map((a) => a.phoneNumber),
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
    await tellPerson({ outbound: opts.outbound, now: opts.now, logger: opts.logger as Logger }, contact, notice, {
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
    const accepted = status !== 'PENDING' && status !== 'AWAITING_HOST';
    // Our own create / reschedule, echoed before (or racing) the API's answer. A pending booking
    // turning accepted is the host confirming it: never ours.
    const confirmedByHost = accepted && existing?.status === 'pending';
    const ours =
      !confirmedByHost &&
      (prevUid
        ? await ops.isOwn({ kinds: ['reschedule'], acted: [prevUid], results: [uid] })
        : await ops.isOwn({ kinds: ['create'], results: [uid], contactId, start: startTime }));
    await opts.bookings.record(
      contactId,
      {
        uid,
        provider: 'calcom',
        eventTypeId: Number(p.eventTypeId ?? existing?.eventTypeId ?? 0),
        title: text(p.title) ?? existing?.title ?? null,
        start,
        end: new Date(endTime),
        // Only accepted bookings are reminded.
        status: accepted ? 'accepted' : 'pending',
        location: locationOf(p) ?? existing?.location ?? null,
      },
      { replaces: prev?.uid },
    );
    if (ours || start.getTime() <= now.getTime()) return;
    const moved = existing ? existing.start.getTime() !== start.getTime() : Boolean(prev);
    if (accepted && moved) await tell(contactId, 'rescheduledByBusiness', start, uid);
    else if (confirmedByHost) await tell(contactId, 'confirmedByBusiness', start, uid);
  }

  async function ended(trigger: string, uid: string, p: CalPayload): Promise<void> {
    const existing = await prisma.booking.findUnique({ where: { uid } });
    if (!existing || (existing.status !== 'accepted' && existing.status !== 'pending')) return;
    const now = opts.now();
    // The echo of our own cancel or move is only mirrored.
    const ours =
      trigger === 'BOOKING_CANCELLED' && (await ops.isOwn({ kinds: ['cancel', 'reschedule'], acted: [uid] }));
    const movedByUs = ours && (await ops.isOwn({ kinds: ['reschedule'], acted: [uid] }));
    await opts.bookings.retire(uid, existing.contactId, {
      status: trigger === 'BOOKING_REJECTED' ? 'rejected' : movedByUs ? 'rescheduled' : 'cancelled',
      cancellationReason: text(p.cancellationReason) ?? text(p.rejectionReason) ?? null,
    });
    if (ours || existing.start.getTime() <= now.getTime()) return;
    await tell(
      existing.contactId,
      trigger === 'BOOKING_REJECTED' ? 'rejectedByBusiness' : 'cancelledByBusiness',
      existing.start,
    );
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
          await opts.bookings.ensureFollowUps({
            uid,
            contactId: existing.contactId,
            start: existing.start,
            end: existing.end,
          });
        }
        return;
      }
      case 'BOOKING_NO_SHOW_UPDATED':
      case 'AFTER_GUESTS_CAL_VIDEO_NO_SHOW': {
        const existing = await prisma.booking.findUnique({ where: { uid } });
        if (!existing) return;
        const attendees = list(p.attendees);
        if (
          trigger === 'AFTER_GUESTS_CAL_VIDEO_NO_SHOW' ||
          attendees.some((a) => a.noShow === true || a.absent === true)
        ) {
          await opts.recordNoShow(uid, { source: 'calcom' });
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
        opts.logger.warn({ trigger }, 'Cal.com says the host did not join the video call');
        return;
      default:
        opts.logger.info({ trigger }, 'Cal.com webhook event ignored');
    }
  }

  return { handle };
}

export type CalEvents = ReturnType<typeof createCalEvents>;
