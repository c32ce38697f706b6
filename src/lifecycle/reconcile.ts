/**
 * Reconciliation with Cal.com (issue 10). Cal.com's direct webhook delivery is not retried: a
 * delivery our handler failed (or never received) is lost. This durable job (kind
 * `calcom.reconcile`, every CAL_RECONCILE_INTERVAL, first run one interval after start) pages
 * through the upcoming bookings on Cal.com (GET /v2/bookings, upcoming + unconfirmed) and compares
 * them with the local mirror; each difference goes through the webhook's own event handling
 * (cal-events.ts), so the person hears exactly what a webhook would have told them, once:
 * - on Cal.com, not mirrored (or at another time / status) → BOOKING_CREATED / BOOKING_REQUESTED
 *   (or BOOKING_RESCHEDULED when it replaces a booking we mirror);
 * - mirrored as upcoming, gone from Cal.com's list → read by uid: moved, cancelled or rejected only
 *   when Cal.com SAYS so. A booking Cal.com answers 404 for is never announced (it may never have
 *   been Cal.com's: another event type, another calendar, a test row); it is logged and left.
 * Only mirror rows that came from Cal.com (provider "calcom", this event type) are compared. A
 * webhook racing the comparison is harmless: both go through the same event handling, the chat's
 * own operations are recognised by the ledger (operations.ts), and a notice has one idempotency key
 * per change (notify.ts), so nobody is told twice.
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
  events: Pick<CalEvents, 'handle'>;
  intervalMs: number;
  now: () => Date;
  logger: Pick<Logger, 'info' | 'warn'>;
  /** Page size of GET /v2/bookings. Default 100. */
  pageSize?: number;
}

export const RECONCILE_KIND = 'calcom.reconcile';
const MAX_PAGES = 50;

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

  /**
   * The next run, one interval from `from` — never at boot (a restart must not hit Cal.com's
   * bookings list at once); keyed by its time slot, so instances starting together schedule it once.
   */
  async function scheduleNext(from: Date = opts.now()): Promise<void> {
    const dueAt = new Date(from.getTime() + opts.intervalMs);
    const slot = Math.floor(dueAt.getTime() / opts.intervalMs) * opts.intervalMs;
    await scheduleJob(
      prisma,
      { kind: RECONCILE_KIND, key: `${RECONCILE_KIND}@${new Date(slot).toISOString()}`, dueAt, payload: {} },
      { now: opts.now },
    );
  }

  /** One comparison; resolves to how many differences were caught up. */
  async function reconcile(): Promise<number> {
    if (!calendar.listUpcoming) return 0;
    const now = opts.now();
    const eventTypeId = await calendar
      .eventType()
      .then((et) => et.id)
      .catch(() => undefined);
    const remote = new Map<string, CalBooking>();
    let complete = false;
    for (let skip = 0, page = 0; page < MAX_PAGES; page++, skip += take) {
      const r = await calendar.listUpcoming({ skip, take });
      for (const b of r.bookings) remote.set(b.uid, b);
      if (!r.hasMore || r.bookings.length === 0) {
        complete = true;
        break;
      }
    }
    let fixed = 0;
    for (const b of remote.values()) {
      if (Date.parse(b.end) <= now.getTime()) continue;
      if (b.status !== 'accepted' && b.status !== 'pending') continue;
      const mirror = await prisma.booking.findUnique({ where: { uid: b.uid } });
      if (mirror && mirror.start.toISOString() === b.start && mirror.status === b.status) continue;
      const from =
        !mirror && b.rescheduledFromUid
          ? await prisma.booking.findUnique({ where: { uid: b.rescheduledFromUid } })
          : null;
      if (from && (from.status === 'accepted' || from.status === 'pending')) {
        await events.handle('BOOKING_RESCHEDULED', payloadOf(b, { rescheduleUid: from.uid }));
      } else {
        await events.handle(b.status === 'pending' ? 'BOOKING_REQUESTED' : 'BOOKING_CREATED', payloadOf(b));
      }
      fixed++;
    }
    // Missing from an incomplete list proves nothing.
    if (!complete) {
      opts.logger.warn({ pages: MAX_PAGES }, 'Cal.com listed more upcoming bookings than one reconciliation reads');
      return fixed;
    }
    const upcoming = await prisma.booking.findMany({
      where: {
        provider: 'calcom',
        status: { in: ['accepted', 'pending'] },
        start: { gt: now },
        ...(eventTypeId ? { eventTypeId: { in: [eventTypeId, 0] } } : {}),
      },
      take: 1000,
    });
    for (const mine of upcoming) {
      if (remote.has(mine.uid)) continue;
      let there: CalBooking;
      try {
        there = await calendar.getBooking(mine.uid);
      } catch (err) {
        if (err instanceof CalendarError && err.code === 'not_found') {
          // Never announce a booking Cal.com does not have: it may never have been Cal.com's.
          opts.logger.warn({ uid: mine.uid }, 'a mirrored booking is unknown to Cal.com: left as it is, nobody told');
          continue;
        }
        throw err;
      }
      if (there.rescheduledToUid) {
        const moved = await calendar.getBooking(there.rescheduledToUid);
        await events.handle('BOOKING_RESCHEDULED', payloadOf(moved, { rescheduleUid: mine.uid }));
      } else if (there.status === 'cancelled') {
        await events.handle('BOOKING_CANCELLED', { uid: mine.uid, status: 'CANCELLED' });
      } else if (there.status === 'rejected') {
        await events.handle('BOOKING_REJECTED', { uid: mine.uid, status: 'REJECTED' });
      } else {
        continue; // still upcoming there (listed under another filter, or changed meanwhile): next run
      }
      fixed++;
    }
    if (fixed) opts.logger.info({ fixed }, 'reconciliation caught up with Cal.com');
    return fixed;
  }

  const handler: JobHandler = async () => {
    try {
      await reconcile();
      // The echo ledger is only needed for minutes: older rows go.
      await prisma.calOperation.deleteMany({
        where: { createdAt: { lt: new Date(opts.now().getTime() - 86_400_000) } },
      });
    } finally {
      await scheduleNext(opts.now());
    }
  };

  return { reconcile, scheduleNext, handlers: { [RECONCILE_KIND]: handler } };
}

export type Reconciler = ReturnType<typeof createReconciler>;
