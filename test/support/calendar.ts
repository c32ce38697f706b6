/** Test harnesses giving the same CalendarProvider view over the Cal.com client + fake and the demo calendar. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createPgDatabase } from './postgres.js';
import { createCalComClient } from '../../src/calendar/calcom/client.js';
import { createDemoCalendar, type DemoCalendar } from '../../src/calendar/demo/provider.js';
import type { CalendarProvider } from '../../src/calendar/types.js';
import { openDatabase, type Database } from '../../src/db/client.js';
import { startFakeCalCom, type FakeCalCom } from '../fakes/calcom-server.js';

export const TZ = 'Europe/Madrid';
export const NOW = new Date('2026-11-24T08:00:00Z'); // Tuesday 09:00 in Madrid
export const SETTINGS = {
  timeZone: TZ,
  lengthInMinutes: 30,
  hours: { start: 9, end: 18 },
  minimumNoticeMinutes: 60,
} as const;

export interface Harness {
  provider: CalendarProvider;
  /** Someone else books `start` behind our back. */
  takeSlot(start: string): Promise<void>;
  /** Moves the shared clock. */
  setNow(d: Date): void;
  close(): Promise<void>;
}

export async function calcomHarness(): Promise<Harness> {
  let now = NOW;
  const fake: FakeCalCom = await startFakeCalCom({ ...SETTINGS, now: () => now });
  const provider = createCalComClient({
    baseUrl: fake.url,
    apiKey: fake.apiKey,
    eventTypeId: fake.eventTypeId,
    sleep: async () => {},
  });
  return {
    provider,
    takeSlot: async (start) => void fake.takeSlot(start),
    setNow: (d) => (now = d),
    close: () => fake.close(),
  };
}

export function demoHarness(db: () => Database): () => Promise<Harness> {
  return async () => {
    let now = NOW;
    const { prisma } = db();
    await prisma.demoReservation.deleteMany({});
    await prisma.demoBooking.deleteMany({});
    const provider: DemoCalendar = createDemoCalendar({ prisma, ...SETTINGS, now: () => now });
    return {
      provider,
      takeSlot: async (start) => {
        await prisma.demoBooking.create({
          data: {
            uid: `other-${randomBytes(4).toString('hex')}`,
            eventTypeId: provider.config.eventTypeId,
            title: 'Otra',
            start: new Date(start),
            end: new Date(Date.parse(start) + 30 * 60_000),
            attendeeName: 'Otra Persona',
            attendeeTimeZone: TZ,
          },
        });
      },
      setNow: (d) => (now = d),
      close: async () => {},
    };
  };
}

/** A fresh SQLite file database in a temp dir. */
export async function openSqlite(): Promise<{ db: Database; url: string; dispose(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'reserva-cal-'));
  const url = `file:${join(dir, 'test.db')}`;
  const db = await openDatabase(url);
  return {
    db,
    url,
    dispose: async () => {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export { PG_ADMIN_URL, postgresReachable } from './postgres.js';

/** A fresh Postgres database reserva_test_cal_<random>, dropped by dispose(). */
export async function openPostgres(): Promise<{ db: Database; url: string; dispose(): Promise<void> }> {
  const pg = await createPgDatabase('reserva_test_cal');
  const db = await openDatabase(pg.url);
  return {
    db,
    url: pg.url,
    dispose: async () => {
      await db.close();
      await pg.drop();
    },
  };
}
