/**
 * The same expectations for every CalendarProvider: the Cal.com client against the fake Cal.com,
 * and the demo calendar on SQLite and (when reachable) Postgres.
 */
import { DateTime } from 'luxon';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CalendarError, type Attendee } from '../../src/calendar/types.js';
import type { Database } from '../../src/db/client.js';
import {
  calcomHarness,
  demoHarness,
  NOW,
  openPostgres,
  openSqlite,
  PG_ADMIN_URL,
  postgresReachable,
  TZ,
  type Harness,
} from '../support/calendar.js';

const local = (s: string) => DateTime.fromFormat(s, 'yyyy-MM-dd HH:mm', { zone: TZ }).toUTC().toISO()!;
const ana: Attendee = {
  name: 'Ana López',
  timeZone: TZ,
  phoneNumber: '+34600111222',
  email: 'ana@example.com',
  language: 'es',
};
const bea: Attendee = {
  name: 'Bea Ruiz',
  timeZone: TZ,
  phoneNumber: '+34600333444',
  email: 'bea@example.com',
  language: 'es',
};
const day = (date: string) => ({
  from: local(`${date} 00:00`),
  to: DateTime.fromISO(local(`${date} 00:00`))
    .plus({ days: 1 })
    .toUTC()
    .toISO()!,
  timeZone: TZ,
});
const starts = (slots: Array<{ start: string }>) => slots.map((s) => Date.parse(s.start));
const codeOf = async (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e) => (e instanceof CalendarError ? e.code : `unexpected: ${String(e)}`),
  );

const pgUp = await postgresReachable();
if (!pgUp)
  console.warn(
    `[provider-conformance] Postgres not reachable at ${PG_ADMIN_URL}: the demo calendar's Postgres suite is SKIPPED.`,
  );

function conformance(make: () => Promise<Harness>) {
  let h: Harness;
  beforeEach(async () => {
    h = await make();
  });
  afterEach(async () => {
    await h.close();
  });

  it('describes its event type', async () => {
    const et = await h.provider.eventType();
    expect(et.lengthInMinutes).toBe(30);
    expect(et.minimumBookingNotice).toBe(60);
    expect(et.title).toBeTruthy();
  });

  it('offers 30-minute slots inside working hours, none on weekends', async () => {
    const wed = await h.provider.getSlots(day('2026-11-25'));
    expect(wed).toHaveLength(18);
    expect(wed[0]).toEqual({ start: local('2026-11-25 09:00'), end: local('2026-11-25 09:30') });
    expect(wed.at(-1)!.start).toBe(local('2026-11-25 17:30'));
    expect(await h.provider.getSlots(day('2026-11-28'))).toEqual([]);
  });

  it('respects the minimum notice', async () => {
    const today = await h.provider.getSlots(day('2026-11-24')); // now = 09:00 local, notice 60 min
    expect(today[0]!.start).toBe(local('2026-11-24 10:00'));
    // Cal.com names it (booking_time_out_of_bounds_error → refused, too soon); the demo says taken.
    expect(['slot_unavailable', 'refused']).toContain(
      await codeOf(h.provider.createBooking({ start: local('2026-11-24 09:30'), attendee: ana })),
    );
  });

  it('leaves booked and taken slots out', async () => {
    await h.provider.createBooking({ start: local('2026-11-25 10:00'), attendee: ana });
    await h.takeSlot(local('2026-11-25 11:00'));
    const wed = starts(await h.provider.getSlots(day('2026-11-25')));
    expect(wed).not.toContain(Date.parse(local('2026-11-25 10:00')));
    expect(wed).not.toContain(Date.parse(local('2026-11-25 11:00')));
    expect(wed).toContain(Date.parse(local('2026-11-25 10:30')));
    expect(wed).toHaveLength(16);
  });

  it('holds a slot, then books it', async () => {
    const start = local('2026-11-25 12:00');
    const hold = await h.provider.reserveSlot({ start });
    expect(Date.parse(hold.until)).toBeGreaterThan(NOW.getTime());
    expect(starts(await h.provider.getSlots(day('2026-11-25')))).not.toContain(Date.parse(start));
    const b = await h.provider.createBooking({
      start,
      attendee: ana,
      reservationUid: hold.reservationUid,
      metadata: { contactId: 'c1' },
    });
    expect(b).toMatchObject({
      start,
      end: local('2026-11-25 12:30'),
      status: 'accepted',
      metadata: { contactId: 'c1' },
    });
    expect(b.attendees[0]).toMatchObject({ name: 'Ana López', phoneNumber: '+34600111222', email: 'ana@example.com' });
    expect(await h.provider.getBooking(b.uid)).toMatchObject({ uid: b.uid, start, status: 'accepted' });
  });

  it('frees a released hold', async () => {
    const start = local('2026-11-25 12:00');
    const hold = await h.provider.reserveSlot({ start });
    await h.provider.releaseReservation(hold.reservationUid);
    expect(starts(await h.provider.getSlots(day('2026-11-25')))).toContain(Date.parse(start));
  });

  it('frees an expired hold', async () => {
    const start = local('2026-11-25 12:00');
    await h.provider.reserveSlot({ start, reservationMinutes: 5 });
    h.setNow(new Date(NOW.getTime() + 6 * 60_000));
    expect(starts(await h.provider.getSlots(day('2026-11-25')))).toContain(Date.parse(start));
  });

  it('answers slot_unavailable for a slot taken between offer and booking', async () => {
    const start = local('2026-11-25 15:00');
    expect(starts(await h.provider.getSlots(day('2026-11-25')))).toContain(Date.parse(start));
    await h.takeSlot(start);
    expect(await codeOf(h.provider.createBooking({ start, attendee: ana }))).toBe('slot_unavailable');
    expect(await codeOf(h.provider.reserveSlot({ start }))).toBe('slot_unavailable');
  });

  it('lets only one of several concurrent bookings of the same slot succeed', async () => {
    const start = local('2026-11-26 09:00');
    const results = await Promise.all(
      [ana, bea, ana, bea, ana].map((attendee) => codeOf(h.provider.createBooking({ start, attendee }))),
    );
    expect(results.filter((r) => r === 'ok')).toHaveLength(1);
    expect(results.filter((r) => r === 'slot_unavailable')).toHaveLength(4);
  });

  it('reschedules into a new booking and cancels the old one', async () => {
    const old = await h.provider.createBooking({ start: local('2026-11-25 10:00'), attendee: ana });
    const moved = await h.provider.rescheduleBooking({
      uid: old.uid,
      start: local('2026-11-26 16:00'),
      reason: 'Cambio de planes',
    });
    expect(moved.uid).not.toBe(old.uid);
    expect(moved).toMatchObject({ start: local('2026-11-26 16:00'), status: 'accepted' });
    expect(moved.attendees[0]!.name).toBe('Ana López');
    expect((await h.provider.getBooking(old.uid)).status).toBe('cancelled');
    expect(starts(await h.provider.getSlots(day('2026-11-25')))).toContain(Date.parse(local('2026-11-25 10:00')));
  });

  it('will not reschedule onto a taken slot', async () => {
    const old = await h.provider.createBooking({ start: local('2026-11-25 10:00'), attendee: ana });
    await h.takeSlot(local('2026-11-26 16:00'));
    expect(await codeOf(h.provider.rescheduleBooking({ uid: old.uid, start: local('2026-11-26 16:00') }))).toBe(
      'slot_unavailable',
    );
    expect((await h.provider.getBooking(old.uid)).status).toBe('accepted');
  });

  it('cancels, freeing the slot', async () => {
    const b = await h.provider.createBooking({ start: local('2026-11-25 10:00'), attendee: ana });
    await h.provider.cancelBooking({ uid: b.uid, reason: 'No puedo ir' });
    expect((await h.provider.getBooking(b.uid)).status).toBe('cancelled');
    expect(starts(await h.provider.getSlots(day('2026-11-25')))).toContain(Date.parse(local('2026-11-25 10:00')));
  });

  it('lists bookings by attendee e-mail and busy times', async () => {
    const b = await h.provider.createBooking({ start: local('2026-11-25 10:00'), attendee: ana });
    await h.provider.createBooking({ start: local('2026-11-25 11:00'), attendee: bea });
    const mine = await h.provider.listBookingsByAttendeeEmail!('ana@example.com');
    expect(mine.map((x) => x.uid)).toEqual([b.uid]);
    const busy = await h.provider.getBusy!({ from: local('2026-11-25 00:00'), to: local('2026-11-26 00:00') });
    expect(busy.map((x) => x.start)).toEqual([local('2026-11-25 10:00'), local('2026-11-25 11:00')]);
  });

  it('marks the attendee absent', async () => {
    const b = await h.provider.createBooking({ start: local('2026-11-25 10:00'), attendee: ana });
    await h.provider.markAbsent!(b.uid, true);
    expect((await h.provider.getBooking(b.uid)).attendees[0]!.absent).toBe(true);
  });

  it('answers not_found for an unknown booking', async () => {
    expect(await codeOf(h.provider.getBooking('does-not-exist'))).toBe('not_found');
  });
}

describe('Cal.com client + fake Cal.com', () => {
  conformance(calcomHarness);
});

describe('demo calendar on SQLite', () => {
  let handle: Awaited<ReturnType<typeof openSqlite>>;
  beforeAll(async () => {
    handle = await openSqlite();
  });
  afterAll(async () => {
    await handle?.dispose();
  });
  conformance(demoHarness((): Database => handle.db));
});

describe.skipIf(!pgUp)('demo calendar on Postgres', () => {
  let handle: Awaited<ReturnType<typeof openPostgres>>;
  beforeAll(async () => {
    handle = await openPostgres();
  });
  afterAll(async () => {
    await handle?.dispose();
  });
  conformance(demoHarness((): Database => handle.db));
});
