/**
 * Every change to Reserva's mirror of a person's bookings goes through here — made in the chat
 * (effects), by the business (Cal.com webhooks) or noted by Reserva (no-shows) — together with what
 * follows from it (reminders and the feedback question, via the lifecycle hooks), in one
 * transaction each.
 */
import type { Db } from '../db/client.js';

/** Lifecycle hooks (reminders, feedback): called inside the transaction that changes the booking. */
export interface BookingHooks {
  onBooked(prisma: Db, booking: { uid: string; contactId: string; start: Date; end: Date }): Promise<void>;
  onCancelled(prisma: Db, booking: { uid: string; contactId: string }): Promise<void>;
}

export interface MirroredBooking {
  uid: string;
  provider: string;
  eventTypeId: number;
  title: string | null;
  start: Date;
  end: Date;
  status: 'accepted' | 'pending' | 'cancelled';
  /** Where it happens (issue 10): kept when a later update does not say. */
  location?: string | null;
}

export interface Bookings {
  /**
   * Stores (or updates) a booking; an accepted one gets its reminders, others lose them.
   * `replaces` is retired as moved.
   */
  record(contactId: string, b: MirroredBooking, o?: { replaces?: string }): Promise<void>;
  /** The booking stops being upcoming (moved or cancelled), and its reminders go with it. */
  retire(
    uid: string,
    contactId: string,
    data: { status: 'rescheduled' | 'cancelled' | 'rejected'; cancellationReason?: string | null },
  ): Promise<void>;
  confirmAttendance(uid: string, at: Date): Promise<void>;
  /** No-show noted (true: reminders and feedback cancelled) or withdrawn. */
  setNoShow(uid: string, contactId: string, noShow: boolean): Promise<void>;
  /** Makes sure the follow-ups of an accepted booking are scheduled (idempotent). */
  ensureFollowUps(b: { uid: string; contactId: string; start: Date; end: Date }): Promise<void>;
}

const noHooks: BookingHooks = { onBooked: async () => {}, onCancelled: async () => {} };

/**
 * `now`: the app's clock, for when a booking was made (`createdAt`: insights count bookings by the day
 * they were made); default the wall clock.
 */
export function createBookings(prisma: Db, hooks: BookingHooks = noHooks, o: { now?: () => Date } = {}): Bookings {
  const now = o.now ?? (() => new Date());
  const tx = <T>(fn: (db: Db) => Promise<T>) => prisma.$transaction((t) => fn(t as unknown as Db));
  return {
    record: (contactId, b, o = {}) =>
      tx(async (db) => {
        if (o.replaces && o.replaces !== b.uid) {
          const prev = await db.booking.findUnique({ where: { uid: o.replaces } });
          if (prev && (prev.status === 'accepted' || prev.status === 'pending')) {
            await db.booking.update({ where: { uid: prev.uid }, data: { status: 'rescheduled' } });
            await hooks.onCancelled(db, { uid: prev.uid, contactId });
          }
        }
        const data = {
          contactId,
          provider: b.provider,
          eventTypeId: b.eventTypeId,
          title: b.title,
          start: b.start,
          end: b.end,
          status: b.status,
          ...(b.location ? { location: b.location } : {}),
        };
        await db.booking.upsert({
          where: { uid: b.uid },
          create: { uid: b.uid, ...data, createdAt: now() },
          update: data,
        });
        if (b.status === 'accepted') await hooks.onBooked(db, { uid: b.uid, contactId, start: b.start, end: b.end });
        else await hooks.onCancelled(db, { uid: b.uid, contactId });
      }),
    retire: (uid, contactId, data) =>
      tx(async (db) => {
        await db.booking.updateMany({ where: { uid }, data });
        await hooks.onCancelled(db, { uid, contactId });
      }),
    async confirmAttendance(uid, at) {
      await prisma.booking.updateMany({ where: { uid }, data: { attendeeConfirmedAt: at } });
    },
    setNoShow: (uid, contactId, noShow) =>
      tx(async (db) => {
        await db.booking.update({ where: { uid }, data: { noShow } });
        if (noShow) await hooks.onCancelled(db, { uid, contactId });
      }),
    ensureFollowUps: (b) => tx((db) => hooks.onBooked(db, b)),
  };
}
