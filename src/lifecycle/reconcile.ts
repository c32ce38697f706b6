/**
 * Reconciliation with Cal.com. Cal.com's direct webhook delivery is not retried: a delivery our
 * handler failed (or never received) is lost. This durable job (kind `calcom.reconcile`, every
 * CAL_RECONCILE_INTERVAL) pages through the upcoming bookings on Cal.com (GET /v2/bookings,
 * status upcoming + unconfirmed) and compares them with the local mirror; each difference is fed
 * to the webhook's own event handling (cal-events.ts), so the person hears exactly what a webhook
 * would have told them, once:
 * - on Cal.com, not mirrored (or at another time / status) → BOOKING_CREATED / BOOKING_REQUESTED;
 * - mirrored as upcoming, gone from Cal.com's list → read by uid: moved (BOOKING_RESCHEDULED with
 *   the new booking), cancelled (BOOKING_CANCELLED) or rejected (BOOKING_REJECTED).
 */
import type { Logger } from 'pino';
import type { CalBooking, CalendarProvider } from '../calendar/types.js';
import { CalendarError } from '../calendar/types.js';
import type { Db } from '../db/client.js';
import { scheduleJob, type JobHandler } from '../scheduler/index.js';
import type { CalEvents, CalPayload } from './cal-events.js';

export interface ReconcileOptions {
  prisma: Db;
  calendar: CalendarProvider;
  events: CalEvents;
  intervalMs: number;
  now: () => Date;
  logger: Pick<Logger, 'info' | 'warn'>;
  /** Page size of GET /v2/bookings. Default 100. */
  pageSize?: number;
}

export const RECONCILE_KIND = 'calcom.reconcile';

/** The webhook payload Cal.com would have sent for this booking. */
function payloadOf(b: CalBooking, extra: CalPayload = {}): CalPayload {
  return {
    uid: b.uid,
    title: b.title,
    eventTypeId: b.eventTypeId,
    startTime: b.start,
    endTime: b.end,
    status: b.status.toUpperCase(),
    attendees: b.attendees,
    metadata: b.metadata ?? {},
    ...(b.location ? { location: b.location } : {}),
    ...extra,
  };
}

export function createReconciler(opts: ReconcileOptions) {
  const { prisma, calendar, events } = opts;
  const take = opts.pageSize ?? 100;

  /** The next run's job (idempotent per time slot: several instances schedule it once). */
  async function scheduleNext(from: Date): Promise<void> {
    const slot = Math.floor(from.getTime() / opts.intervalMs) * opts.intervalMs + opts.intervalMs;
    const dueAt = new Date(slot);
    await scheduleJob(prisma, { kind: RECONCILE_KIND, key: `${RECONCILE_KIND}@${dueAt.toISOString()}`, dueAt, payload: {} }, { now: opts.now });
  }

  /** One comparison; resolves to how many differences were caught up. */
  async function reconcile(): Promise<number> {
    if (!calendar.listUpcoming) return 0;
    const now = opts.now();
    const remote = new Map<string, CalBooking>();
    for (let skip = 0, page = 0; page < 50; page++, skip += take) {
      const r = await calendar.listUpcoming({ skip, take });
      for (const b of r.bookings) remote.set(b.uid, b);
      if (!r.hasMore || r.bookings.length === 0) break;
    }
    let fixed = 0;
    for (const b of remote.values()) {
      if (Date.parse(b.end) <= now.getTime()) continue;
      const mirror = await prisma.booking.findUnique({ where: { uid: b.uid } });
      const status = b.status === 'pending' ? 'pending' : 'accepted';
      if (mirror && mirror.start.toISOString() === b.start && mirror.status === status) continue;
      if (mirror && mirror.status !== 'accepted' && mirror.status !== 'pending' && mirror.status !== status) {
        // Cancelled or moved here but upcoming there: Cal.com is the truth.
        await prisma.booking.update({ where: { uid: b.uid }, data: { status } });
      }
      // The replacement of a booking we mirror: a move, told as such.
      const from = !mirror && b.rescheduledFromUid ? await prisma.booking.findUnique({ where: { uid: b.rescheduledFromUid } }) : null;
      if (from && (from.status === 'accepted' || from.status === 'pending')) {
        await events.handle('BOOKING_RESCHEDULED', payloadOf(b, { rescheduleUid: from.uid }));
      } else {
        await events.handle(status === 'pending' ? 'BOOKING_REQUESTED' : 'BOOKING_CREATED', payloadOf(b));
      }
      fixed++;
    }
    const upcoming = await prisma.booking.findMany({ where: { provider: 'calcom', status: { in: ['accepted', 'pending'] }, start: { gt: now } }, take: 1000 });
    for (const mine of upcoming) {
      if (remote.has(mine.uid)) continue;
      let there: CalBooking | null = null;
      try {
        there = await calendar.getBooking(mine.uid);
      } catch (err) {
        if (!(err instanceof CalendarError && err.code === 'not_found')) throw err;
      }
      if (there?.rescheduledToUid) {
        const moved = await calendar.getBooking(there.rescheduledToUid);
        await events.handle('BOOKING_RESCHEDULED', payloadOf(moved, { rescheduleUid: mine.uid }));
      } else if (!there || there.status === 'cancelled') {
        await events.handle('BOOKING_CANCELLED', { uid: mine.uid, status: 'CANCELLED', ...(there ? {} : { cancellationReason: 'not found on Cal.com' }) });
      } else if (there.status === 'rejected') {
        await events.handle('BOOKING_REJECTED', { uid: mine.uid, status: 'REJECTED' });
      } else {
        continue; // listed elsewhere (e.g. another page changed meanwhile): next run
      }
      fixed++;
    }
    if (fixed) opts.logger.info({ fixed }, 'reconciliation caught up with Cal.com');
    return fixed;
  }

  const handler: JobHandler = async () => {
    try {
      await reconcile();
    } finally {
      await scheduleNext(opts.now());
    }
  };

  return { reconcile, scheduleNext, handlers: { [RECONCILE_KIND]: handler } };
}
