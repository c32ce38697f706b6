/** Demo-calendar specifics: cross-connection double-booking safety, holds, metadata, seeding. */
import { DateTime } from 'luxon';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createDemoCalendar, DEMO_EVENT_TITLE, seedDemoCalendar } from '../../src/calendar/demo/provider.js';
import { CalendarError, type Attendee } from '../../src/calendar/types.js';
import { openDatabase, type Database } from '../../src/db/client.js';
import { NOW, openPostgres, openSqlite, PG_ADMIN_URL, postgresReachable, SETTINGS, TZ } from '../support/calendar.js';

const local = (s: string) => DateTime.fromFormat(s, 'yyyy-MM-dd HH:mm', { zone: TZ }).toUTC().toISO()!;
const ana: Attendee = { name: 'Ana', timeZone: TZ, phoneNumber: '+34600111222' };
const codeOf = async (p: Promise<unknown>) =>
  p.then(
    () => 'ok',
    (e) => (e instanceof CalendarError ? e.code : `unexpected: ${String(e)}`),
  );

const pgUp = await postgresReachable();
if (!pgUp) console.warn(`[demo-provider] Postgres not reachable at ${PG_ADMIN_URL}: Postgres cases are SKIPPED.`);

function suite(open: () => Promise<{ db: Database; url: string; dispose(): Promise<void> }>) {
  let handle: Awaited<ReturnType<typeof open>>;
  let second: Database; // another connection pool on the same database, as a second app process would have
  beforeAll(async () => {
    handle = await open();
    second = await openDatabase(handle.url, { migrate: false });
  });
  afterAll(async () => {
    await second?.close();
    await handle?.dispose();
  });
  beforeEach(async () => {
    await handle.db.prisma.demoReservation.deleteMany({});
    await handle.db.prisma.demoBooking.deleteMany({});
  });
  const cal = (db: Database) => createDemoCalendar({ prisma: db.prisma, ...SETTINGS, now: () => NOW });

  it('two processes booking the same slot at once: exactly one wins', async () => {
    const a = cal(handle.db);
    const b = cal(second);
    for (const time of ['2026-11-26 09:00', '2026-11-26 09:30', '2026-11-26 10:00']) {
      const start = local(time);
      const results = await Promise.all(
        [a, b, a, b, a, b].map((p) => codeOf(p.createBooking({ start, attendee: ana }))),
      );
      expect(results.sort()).toEqual([
        'ok',
        'slot_unavailable',
        'slot_unavailable',
        'slot_unavailable',
        'slot_unavailable',
        'slot_unavailable',
      ]);
    }
    expect(await handle.db.prisma.demoBooking.count()).toBe(3);
  });

  it('a hold blocks other bookings but not the holder', async () => {
    const p = cal(handle.db);
    const start = local('2026-11-25 12:00');
    const hold = await p.reserveSlot({ start });
    expect(await codeOf(p.createBooking({ start, attendee: ana }))).toBe('slot_unavailable');
    expect(await codeOf(p.reserveSlot({ start }))).toBe('slot_unavailable');
    expect(await codeOf(p.createBooking({ start, attendee: ana, reservationUid: hold.reservationUid }))).toBe('ok');
    expect(await handle.db.prisma.demoReservation.count()).toBe(0); // consumed by the booking
  });

  it('holds expire after 5 minutes by default', async () => {
    const p = cal(handle.db);
    const hold = await p.reserveSlot({ start: local('2026-11-25 12:00') });
    expect(Date.parse(hold.until) - NOW.getTime()).toBe(5 * 60_000);
  });

  it('rejects starts off the grid or outside opening hours', async () => {
    const p = cal(handle.db);
    expect(await codeOf(p.createBooking({ start: local('2026-11-25 10:10'), attendee: ana }))).toBe('slot_unavailable');
    expect(await codeOf(p.createBooking({ start: local('2026-11-25 18:00'), attendee: ana }))).toBe('slot_unavailable');
    expect(await codeOf(p.createBooking({ start: local('2026-11-28 10:00'), attendee: ana }))).toBe('slot_unavailable');
  });

  it('uses the demo title and keeps metadata', async () => {
    const p = cal(handle.db);
    expect((await p.eventType()).title).toBe(DEMO_EVENT_TITLE);
    const b = await p.createBooking({ start: local('2026-11-25 10:00'), attendee: ana, metadata: { a: '1' } });
    await p.updateBookingMetadata(b.uid, { confirmedAt: '2026-11-24T10:00:00Z' });
    await p.markAbsent(b.uid, false);
    const got = await p.getBooking(b.uid);
    expect(got.metadata).toEqual({ a: '1', confirmedAt: '2026-11-24T10:00:00Z' });
    expect(got.attendees[0]!.absent).toBe(false);
  });

  it('seeds taken times in the next business days, idempotently', async () => {
    const p = cal(handle.db);
    const first = await seedDemoCalendar(p, NOW);
    expect(first.created).toContain(local('2026-11-25 10:00')); // tomorrow 10:00
    expect(first.created).toContain(local('2026-11-25 12:00'));
    expect(first.created.length).toBeGreaterThanOrEqual(6);
    const again = await seedDemoCalendar({ prisma: handle.db.prisma, timeZone: TZ }, NOW);
    expect(again.created).toEqual([]);
    expect(await handle.db.prisma.demoBooking.count()).toBe(first.created.length);
    const slots = (
      await p.getSlots({ from: local('2026-11-25 00:00'), to: local('2026-11-26 00:00'), timeZone: TZ })
    ).map((s) => s.start);
    expect(slots).not.toContain(local('2026-11-25 10:00'));
  });

  it('seeding on a Friday skips the weekend', async () => {
    const friday = new Date('2026-11-27T08:00:00Z');
    const p = createDemoCalendar({ prisma: handle.db.prisma, ...SETTINGS, now: () => friday });
    const r = await seedDemoCalendar(p, friday);
    expect(r.created[0]).toBe(local('2026-11-30 10:00')); // Monday
  });
}

describe('demo calendar on SQLite (file, two connections)', () => suite(openSqlite));
describe.skipIf(!pgUp)('demo calendar on Postgres (two pools)', () => suite(openPostgres));
