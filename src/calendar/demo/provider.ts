/**
 * The built-in demo calendar (used when no Cal.com API key is configured): one event type, a
 * Monday–Friday working-hours schedule in the business time zone, bookings and slot holds stored in
 * DemoBooking / DemoReservation in the app's own database.
 *
 * Double booking: every write that claims time (hold, book, reschedule) checks for overlaps and
 * inserts inside ONE serializable transaction. On Postgres, SSI aborts one of two concurrent
 * transactions that read the same free range and both insert (40001 / P2034); on SQLite writers are
 * serialized and a losing writer gets SQLITE_BUSY. Either way we retry the whole transaction a few
 * times; the retry sees the winner's booking and answers CalendarError('slot_unavailable').
 */
import { randomUUID } from 'node:crypto';
import { DateTime } from 'luxon';
import type { Db, Tx } from '../../db/client.js';
import { CalendarError, type Attendee, type CalBooking, type CalendarProvider, type EventTypeInfo, type Slot } from '../types.js';
import { isScheduleStart, overlaps, scheduleStarts, type Schedule } from './schedule.js';

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
  readonly config: Readonly<Required<Omit<DemoCalendarOptions, 'prisma' | 'now' | 'ids' | 'bookingUrl'>>> & { bookingUrl?: string };
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
  uid: string; eventTypeId: number; title: string; start: Date; end: Date; status: string;
  attendeeName: string; attendeeEmail: string | null; attendeePhone: string | null; attendeeTimeZone: string;
  cancellationReason: string | null; metadata: string | null;
};

export function createDemoCalendar(opts: DemoCalendarOptions): DemoCalendar {
  const prisma = opts.prisma;
  const now = opts.now ?? (() => new Date());
  const ids = opts.ids ?? (() => randomUUID());
  if (!DateTime.local().setZone(opts.timeZone).isValid) throw new Error(`Demo calendar time zone "${opts.timeZone}" is not an IANA zone like "Europe/Madrid"; fix BUSINESS_TIME_ZONE.`);
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
  const schedule: Schedule = { timeZone: config.timeZone, lengthInMinutes: config.lengthInMinutes, hours: config.hours, days: config.days };
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
      attendees: [{ name: r.attendeeName, email: r.attendeeEmail ?? undefined, phoneNumber: r.attendeePhone ?? undefined, timeZone: r.attendeeTimeZone, absent }],
      ...(Object.keys(meta).length ? { metadata: meta } : {}),
    };
  };

  /** Live bookings and active holds overlapping [start, end), as seen inside `tx`. */
  async function conflicts(tx: Tx, start: Date, end: Date, ignore: { bookingUid?: string; reservationUid?: string } = {}) {
    const [bookings, holds] = await Promise.all([
      tx.demoBooking.count({
        where: { status: { in: ['accepted', 'pending'] }, start: { lt: end }, end: { gt: start }, ...(ignore.bookingUid ? { uid: { not: ignore.bookingUid } } : {}) },
      }),
      tx.demoReservation.count({
        where: { expiresAt: { gt: now() }, start: { lt: end }, end: { gt: start }, ...(ignore.reservationUid ? { uid: { not: ignore.reservationUid } } : {}) },
      }),
    ]);
    return bookings + holds;
  }

  function checkOnSchedule(start: Date): void {
    const t = start.getTime();
    if (Number.isNaN(t)) throw new CalendarError('bad_request', 'The start time is not a valid ISO-8601 instant.');
    if (t < earliest()) throw new CalendarError('slot_unavailable', `That time is too soon: bookings need ${config.minimumNoticeMinutes} minutes' notice.`);
    if (!isScheduleStart(schedule, t)) throw new CalendarError('slot_unavailable', 'That time is outside the opening hours or not on the slot grid.');
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

    async getSlots({ from, to }): Promise<Slot[]> {
      const lo = Math.max(Date.parse(from), earliest());
      const hi = Date.parse(to);
      if (!(hi > lo)) return [];
      const [bookings, holds] = await Promise.all([
        prisma.demoBooking.findMany({ where: { status: { in: ['accepted', 'pending'] }, start: { lt: new Date(hi + lengthMs) }, end: { gt: new Date(lo) } }, select: { start: true, end: true } }),
        prisma.demoReservation.findMany({ where: { expiresAt: { gt: now() }, start: { lt: new Date(hi + lengthMs) }, end: { gt: new Date(lo) } }, select: { start: true, end: true } }),
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
      await serializable(prisma, async (tx) => {
        await tx.demoReservation.deleteMany({ where: { expiresAt: { lte: now() } } });
        if (await conflicts(tx, s, e)) throw new CalendarError('slot_unavailable', 'That time is already booked or held by someone else.');
        await tx.demoReservation.create({ data: { uid, eventTypeId: config.eventTypeId, start: s, end: e, expiresAt: until } });
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
      const row = await serializable(prisma, async (tx) => {
        if (await conflicts(tx, s, e, { reservationUid })) throw new CalendarError('slot_unavailable', 'That time was just taken; offer other slots.');
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
      const row = await serializable(prisma, async (tx) => {
        const old = await requireBooking(tx, uid);
        if (old.status === 'cancelled' || old.status === 'rejected') throw new CalendarError('bad_request', `Booking ${uid} is ${old.status}; it cannot be rescheduled — make a new booking.`);
        if (await conflicts(tx, s, e, { bookingUid: uid })) throw new CalendarError('slot_unavailable', 'That time was just taken; offer other slots.');
        await tx.demoBooking.update({ where: { uid }, data: { status: 'cancelled', cancellationReason: reason ? `Rescheduled: ${reason}` : 'Rescheduled' } });
        return tx.demoBooking.create({
          data: {
            uid: newUid, eventTypeId: old.eventTypeId, title: old.title, start: s, end: e, status: 'accepted',
            attendeeName: old.attendeeName, attendeeEmail: old.attendeeEmail, attendeePhone: old.attendeePhone,
            attendeeTimeZone: old.attendeeTimeZone, metadata: old.metadata,
          },
        });
      });
      return toBooking(row as Row);
    },

    async cancelBooking({ uid, reason }): Promise<void> {
      const row = await requireBooking(prisma, uid);
      if (row.status === 'cancelled') throw new CalendarError('bad_request', `Booking ${uid} is already cancelled.`);
      await prisma.demoBooking.update({ where: { uid }, data: { status: 'cancelled', cancellationReason: reason ?? null } });
    },

    async updateBookingMetadata(uid: string, metadata: Record<string, string>): Promise<void> {
      await serializable(prisma, async (tx) => {
        const row = await requireBooking(tx, uid);
        const merged = { ...(row.metadata ? JSON.parse(row.metadata) : {}), ...metadata };
        await tx.demoBooking.update({ where: { uid }, data: { metadata: JSON.stringify(merged) } });
      });
    },

    async markAbsent(uid: string, absent: boolean): Promise<void> {
      await serializable(prisma, async (tx) => {
        const row = await requireBooking(tx, uid);
        const merged = { ...(row.metadata ? JSON.parse(row.metadata) : {}), [ABSENT_KEY]: String(absent) };
        await tx.demoBooking.update({ where: { uid }, data: { metadata: JSON.stringify(merged) } });
      });
    },
  };
}

function checkAttendee(a: Attendee): void {
  if (!a.name?.trim()) throw new CalendarError('bad_request', 'The attendee needs a name.');
  if (!DateTime.local().setZone(a.timeZone).isValid) throw new CalendarError('bad_request', `Attendee time zone "${a.timeZone}" is not an IANA zone like "Europe/Madrid".`);
}

/** Runs `fn` in a serializable transaction, retrying on serialization failures / busy SQLite. */
export async function serializable<T>(prisma: Db, fn: (tx: Tx) => Promise<T>, attempts = 6): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await prisma.$transaction(fn, { isolationLevel: 'Serializable', maxWait: 10_000, timeout: 15_000 });
    } catch (err) {
      if (i >= attempts || !isRetryableTxError(err)) throw err;
      await new Promise((r) => setTimeout(r, 5 * 2 ** i + Math.random() * 20));
    }
  }
}

export function isRetryableTxError(err: unknown): boolean {
  if (err instanceof CalendarError) return false;
  const e = err as { code?: string; message?: string; meta?: unknown };
  if (e?.code === 'P2034') return true;
  const text = `${e?.message ?? ''} ${JSON.stringify(e?.meta ?? '')}`;
  return /40001|40P01|could not serialize|deadlock|write conflict|SQLITE_BUSY|database is locked/i.test(text);
}
