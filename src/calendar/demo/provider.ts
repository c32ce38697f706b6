/**
 * The built-in demo calendar (used when no Cal.com API key is configured): one event type, a
 * Monday–Friday working-hours schedule in the business time zone, bookings and slot holds stored in
 * DemoBooking / DemoReservation in the app's own database.
 *
 * Double booking: every write that claims time (hold, book, reschedule) checks for overlaps and
 * inserts inside ONE transaction that cannot interleave with another claim on the same calendar
 * (see claimTransaction: an advisory lock on Postgres, SQLite's single writer). The loser's check
 * sees the winner's booking and answers CalendarError('slot_unavailable').
 */
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import type { Db, Tx } from '../../db/client.js';
import {
  CalendarError,
  type Attendee,
  type CalBooking,
  type CalendarProvider,
  type EventTypeInfo,
  type Slot,
} from '../types.js';
import { isScheduleStart, overlaps, scheduleHours, scheduleStarts, type Schedule } from './schedule.js';

export interface DemoCalendarOptions {
  prisma: Db;
  /** The business time zone (working hours are local to it). */
  timeZone: string;
  now?: () => Date;
  eventTypeId?: number;
  title?: string;
  lengthInMinutes?: number;
  /** Local hours, default 9–18. */
  hours?: { start: number; end: number };
  /** Luxon weekdays, default Monday–Friday. */
  days?: number[];
  /** Minutes, default 60. */
  minimumNoticeMinutes?: number;
  /** Default 5. */
  reservationMinutes?: number;
  bookingUrl?: string;
  ids?: () => string;
}

export interface DemoCalendar extends CalendarProvider {
  readonly name: 'demo';
  readonly config: Readonly<Required<Omit<DemoCalendarOptions, 'prisma' | 'now' | 'ids' | 'bookingUrl'>>> & {
    bookingUrl?: string;
  };
  getBusy(range: { from: string; to: string }): Promise<Slot[]>;
  listBookingsByAttendeeEmail(email: string): Promise<CalBooking[]>;
  updateBookingMetadata(uid: string, metadata: Record<string, string>): Promise<void>;
  markAbsent(uid: string, absent: boolean): Promise<void>;
}

export { seedDemoCalendar } from './seed.js';

export const DEMO_EVENT_TITLE = 'Cita de demostración';
/** Metadata key under which the demo keeps the attendee's no-show flag (not shown as metadata). */
const ABSENT_KEY = '__attendeeAbsent';

type Row = {
  uid: string;
  eventTypeId: number;
  title: string;
  start: Date;
  end: Date;
  status: string;
  attendeeName: string;
  attendeeEmail: string | null;
  attendeePhone: string | null;
  attendeeTimeZone: string;
  cancellationReason: string | null;
  metadata: string | null;
};

export function createDemoCalendar(opts: DemoCalendarOptions): DemoCalendar {
  const prisma = opts.prisma;
  const now = opts.now ?? (() => new Date());
  const ids = opts.ids ?? (() => randomUUID());
  if (!DateTime.local().setZone(opts.timeZone).isValid)
    throw new Error(
      `Demo calendar time zone "${opts.timeZone}" is not an IANA zone like "Europe/Madrid"; fix BUSINESS_TIME_ZONE.`,
    );
  const config = {
    timeZone: opts.timeZone,
    eventTypeId: opts.eventTypeId ?? 1,
    title: opts.title ?? DEMO_EVENT_TITLE,
    lengthInMinutes: opts.lengthInMinutes ?? 30,
    hours: opts.hours ?? { start: 9, end: 18 },
    days: opts.days ?? [1, 2, 3, 4, 5],
    minimumNoticeMinutes: opts.minimumNoticeMinutes ?? 60,
    reservationMinutes: opts.reservationMinutes ?? 5,
    bookingUrl: opts.bookingUrl,
  };
  const schedule: Schedule = {
    timeZone: config.timeZone,
    lengthInMinutes: config.lengthInMinutes,
    hours: config.hours,
    days: config.days,
  };
  const lengthMs = config.lengthInMinutes * 60_000;
  const earliest = () => now().getTime() + config.minimumNoticeMinutes * 60_000;

  const toBooking = (r: Row): CalBooking => {
    const meta = r.metadata ? (JSON.parse(r.metadata) as Record<string, string>) : {};
    const absent = meta[ABSENT_KEY] === 'true';
    delete meta[ABSENT_KEY];
    return {
      uid: r.uid,
      eventTypeId: r.eventTypeId,
      title: r.title,
      start: r.start.toISOString(),
      end: r.end.toISOString(),
      status: r.status as CalBooking['status'],
      attendees: [
        {
          name: r.attendeeName,
          email: r.attendeeEmail ?? undefined,
          phoneNumber: r.attendeePhone ?? undefined,
          timeZone: r.attendeeTimeZone,
          absent,
        },
      ],
      ...(Object.keys(meta).length ? { metadata: meta } : {}),
    };
  };

  /** Live bookings and active holds overlapping [start, end), as seen inside `tx`. */
  async function conflicts(
    tx: Tx,
    start: Date,
    end: Date,
    ignore: { bookingUid?: string; reservationUid?: string } = {},
  ) {
    // Sequential on purpose: one connection per transaction, and no parallel queries on it.
    const bookings = await tx.demoBooking.count({
      where: {
        status: { in: ['accepted', 'pending'] },
        start: { lt: end },
        end: { gt: start },
        ...(ignore.bookingUid ? { uid: { not: ignore.bookingUid } } : {}),
      },
    });
    const holds = await tx.demoReservation.count({
      where: {
        expiresAt: { gt: now() },
        start: { lt: end },
        end: { gt: start },
        ...(ignore.reservationUid ? { uid: { not: ignore.reservationUid } } : {}),
      },
    });
    return bookings + holds;
  }

  function checkOnSchedule(start: Date): void {
    const t = start.getTime();
    if (Number.isNaN(t)) throw new CalendarError('bad_request', 'The start time is not a valid ISO-8601 instant.');
    if (t < earliest())
      throw new CalendarError(
        'slot_unavailable',
        `That time is too soon: bookings need ${config.minimumNoticeMinutes} minutes' notice.`,
      );
    if (!isScheduleStart(schedule, t))
      throw new CalendarError('slot_unavailable', 'That time is outside the opening hours or not on the slot grid.');
  }

  async function requireBooking(tx: Tx | Db, uid: string): Promise<Row> {
    const row = (await tx.demoBooking.findUnique({ where: { uid } })) as Row | null;
    if (!row) throw new CalendarError('not_found', `Demo booking ${uid} does not exist.`);
    return row;
  }

  const eventType = async (): Promise<EventTypeInfo> => ({
    id: config.eventTypeId,
    title: config.title,
    lengthInMinutes: config.lengthInMinutes,
    minimumBookingNotice: config.minimumNoticeMinutes,
    bookingUrl: config.bookingUrl,
    requiresEmail: false,
  });

  return {
    name: 'demo',
    config,
    eventType,

    async openingHours() {
      return scheduleHours(schedule);
    },

    async getSlots({ from, to }): Promise<Slot[]> {
      const lo = Math.max(Date.parse(from), earliest());
      const hi = Date.parse(to);
      if (!(hi > lo)) return [];
      const [bookings, holds] = await Promise.all([
        prisma.demoBooking.findMany({
          where: {
            status: { in: ['accepted', 'pending'] },
            start: { lt: new Date(hi + lengthMs) },
            end: { gt: new Date(lo) },
          },
          select: { start: true, end: true },
        }),
        prisma.demoReservation.findMany({
          where: { expiresAt: { gt: now() }, start: { lt: new Date(hi + lengthMs) }, end: { gt: new Date(lo) } },
          select: { start: true, end: true },
        }),
      ]);
      const taken = [...bookings, ...holds].map((b) => [b.start.getTime(), b.end.getTime()] as const);
      return scheduleStarts(schedule, lo, hi)
        .filter((s) => !taken.some(([bs, be]) => overlaps(s, s + lengthMs, bs, be)))
        .map((s) => ({ start: new Date(s).toISOString(), end: new Date(s + lengthMs).toISOString() }));
    },

    async getBusy({ from, to }): Promise<Slot[]> {
      const rows = await prisma.demoBooking.findMany({
        where: { status: { in: ['accepted', 'pending'] }, start: { lt: new Date(to) }, end: { gt: new Date(from) } },
        orderBy: { start: 'asc' },
        select: { start: true, end: true },
      });
      return rows.map((r) => ({ start: r.start.toISOString(), end: r.end.toISOString() }));
    },

    async reserveSlot({ start, reservationMinutes }) {
      const s = new Date(start);
      checkOnSchedule(s);
      const e = new Date(s.getTime() + lengthMs);
      const until = new Date(now().getTime() + (reservationMinutes ?? config.reservationMinutes) * 60_000);
      const uid = ids();
      await claimTransaction(prisma, config.eventTypeId, async (tx) => {
        await tx.demoReservation.deleteMany({ where: { expiresAt: { lte: now() } } });
        if (await conflicts(tx, s, e))
          throw new CalendarError('slot_unavailable', 'That time is already booked or held by someone else.');
        await tx.demoReservation.create({
          data: { uid, eventTypeId: config.eventTypeId, start: s, end: e, expiresAt: until },
        });
      });
      return { reservationUid: uid, until: until.toISOString() };
    },

    async releaseReservation(reservationUid: string): Promise<void> {
      await prisma.demoReservation.deleteMany({ where: { uid: reservationUid } });
    },

    async createBooking({ start, attendee, reservationUid, metadata }): Promise<CalBooking> {
      const s = new Date(start);
      checkOnSchedule(s);
      const e = new Date(s.getTime() + lengthMs);
      checkAttendee(attendee);
      const uid = ids();
      const row = await claimTransaction(prisma, config.eventTypeId, async (tx) => {
        if (await conflicts(tx, s, e, { reservationUid }))
          throw new CalendarError('slot_unavailable', 'That time was just taken; offer other slots.');
        if (reservationUid) await tx.demoReservation.deleteMany({ where: { uid: reservationUid } });
        return tx.demoBooking.create({
          data: {
            uid,
            eventTypeId: config.eventTypeId,
            title: `${config.title} – ${attendee.name}`,
            start: s,
            end: e,
            status: 'accepted',
            attendeeName: attendee.name,
            attendeeEmail: attendee.email ?? null,
            attendeePhone: attendee.phoneNumber ?? null,
            attendeeTimeZone: attendee.timeZone,
            metadata: metadata && Object.keys(metadata).length ? JSON.stringify(metadata) : null,
          },
        });
      });
      return toBooking(row as Row);
    },

    async getBooking(uid: string): Promise<CalBooking> {
      return toBooking(await requireBooking(prisma, uid));
    },

    async listBookingsByAttendeeEmail(email: string): Promise<CalBooking[]> {
      const rows = await prisma.demoBooking.findMany({ where: { attendeeEmail: email }, orderBy: { start: 'asc' } });
      return (rows as Row[]).map(toBooking);
    },

    async rescheduleBooking({ uid, start, reason }): Promise<CalBooking> {
      const s = new Date(start);
      checkOnSchedule(s);
      const e = new Date(s.getTime() + lengthMs);
      const newUid = ids();
      const row = await claimTransaction(prisma, config.eventTypeId, async (tx) => {
        const old = await requireBooking(tx, uid);
        if (old.status === 'cancelled' || old.status === 'rejected')
          throw new CalendarError(
            'bad_request',
            `Booking ${uid} is ${old.status}; it cannot be rescheduled — make a new booking.`,
          );
        if (await conflicts(tx, s, e, { bookingUid: uid }))
          throw new CalendarError('slot_unavailable', 'That time was just taken; offer other slots.');
        await tx.demoBooking.update({
          where: { uid },
          data: { status: 'cancelled', cancellationReason: reason ? `Rescheduled: ${reason}` : 'Rescheduled' },
        });
        return tx.demoBooking.create({
          data: {
            uid: newUid,
            eventTypeId: old.eventTypeId,
            title: old.title,
            start: s,
            end: e,
            status: 'accepted',
            attendeeName: old.attendeeName,
            attendeeEmail: old.attendeeEmail,
            attendeePhone: old.attendeePhone,
            attendeeTimeZone: old.attendeeTimeZone,
            metadata: old.metadata,
          },
        });
      });
      return toBooking(row as Row);
    },

    async cancelBooking({ uid, reason }): Promise<void> {
      const row = await requireBooking(prisma, uid);
      if (row.status === 'cancelled') throw new CalendarError('bad_request', `Booking ${uid} is already cancelled.`);
      await prisma.demoBooking.update({
        where: { uid },
        data: { status: 'cancelled', cancellationReason: reason ?? null },
      });
    },

    async findBookingByMetadata({ start, key, value }): Promise<CalBooking | null> {
      const rows = await prisma.demoBooking.findMany({
        where: { eventTypeId: config.eventTypeId, start: new Date(start) },
      });
      const row = rows.find((r) => r.metadata && (JSON.parse(r.metadata) as Record<string, string>)[key] === value);
      return row ? toBooking(row as Row) : null;
    },

    async updateBookingMetadata(uid: string, metadata: Record<string, string>): Promise<void> {
      await claimTransaction(prisma, config.eventTypeId, async (tx) => {
        const row = await requireBooking(tx, uid);
        const merged = { ...(row.metadata ? JSON.parse(row.metadata) : {}), ...metadata };
        await tx.demoBooking.update({ where: { uid }, data: { metadata: JSON.stringify(merged) } });
      });
    },

    async markAbsent(uid: string, absent: boolean): Promise<void> {
      await claimTransaction(prisma, config.eventTypeId, async (tx) => {
        const row = await requireBooking(tx, uid);
        const merged = { ...(row.metadata ? JSON.parse(row.metadata) : {}), [ABSENT_KEY]: String(absent) };
        await tx.demoBooking.update({ where: { uid }, data: { metadata: JSON.stringify(merged) } });
      });
    },
  };
}

function checkAttendee(a: Attendee): void {
  if (!a.name?.trim()) throw new CalendarError('bad_request', 'The attendee needs a name.');
  if (!DateTime.local().setZone(a.timeZone).isValid)
    throw new CalendarError(
      'bad_request',
      `Attendee time zone "${a.timeZone}" is not an IANA zone like "Europe/Madrid".`,
    );
}

const CLAIM_LOCK = 72707370; // pg advisory lock namespace for demo-calendar claims ("RES" + 0)

/**
 * Runs a claim (overlap check + insert) so that two can never interleave:
 * - Postgres: READ COMMITTED plus `pg_advisory_xact_lock(namespace, eventTypeId)` as the first
 *   statement, so claims on one calendar run one after another and each check sees the previous
 *   claim's commit. (Why not SERIALIZABLE + retry? SSI reports many conflicts at COMMIT, and
 *   @prisma/adapter-pg 6.19 then never releases the pool connection: the pool drains and
 *   `$disconnect` hangs. Reproduced in test/calendar/demo-provider.test.ts's two-pool race.)
 * - SQLite: a serializable transaction (the only level it has); writers are serialized by the
 *   database, and a loser that sees SQLITE_BUSY is retried.
 * Deadlocks / busy errors are retried a few times with a short backoff.
 */
export async function claimTransaction<T>(
  prisma: Db,
  lockId: number,
  fn: (tx: Tx) => Promise<T>,
  attempts = 6,
): Promise<T> {
  const postgres = isPostgres(prisma);
  for (let i = 1; ; i++) {
    try {
      return await prisma.$transaction(
        async (tx) => {
          if (postgres)
            await tx.$executeRawUnsafe('SELECT pg_advisory_xact_lock($1::int, $2::int)', CLAIM_LOCK, lockId);
          return fn(tx);
        },
        // `Db` is typed as the SQLite client, whose only level is Serializable; Postgres takes ReadCommitted.
        {
          isolationLevel: (postgres ? 'ReadCommitted' : 'Serializable') as 'Serializable',
          maxWait: 10_000,
          timeout: 15_000,
        },
      );
    } catch (err) {
      if (i >= attempts || !isRetryableTxError(err)) throw err;
      await new Promise((r) => setTimeout(r, 5 * 2 ** i + Math.random() * 20));
    }
  }
}

function isPostgres(prisma: Db): boolean {
  const p = (prisma as unknown as { _activeProvider?: string })._activeProvider;
  return p === 'postgresql' || p === 'postgres';
}

export function isRetryableTxError(err: unknown): boolean {
  if (err instanceof CalendarError) return false;
  const e = err as {
    code?: string;
    message?: string;
    meta?: unknown;
    cause?: { kind?: string; originalCode?: string };
  };
  if (e?.code === 'P2034' || e?.cause?.kind === 'TransactionWriteConflict') return true;
  const text = `${e?.message ?? ''} ${e?.cause?.originalCode ?? ''} ${JSON.stringify(e?.meta ?? '')}`;
  return /40001|40P01|could not serialize|deadlock|write ?conflict|SQLITE_BUSY|database is locked/i.test(text);
}
