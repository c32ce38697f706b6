/** Test databases for the scheduler: a throw-away SQLite file, or a fresh Postgres database. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPgDatabase as createPg } from './postgres.js';
import { openDatabase, type Database } from '../../src/db/client.js';

export { PG_ADMIN_URL, postgresReachable } from './postgres.js';

export async function openTempSqlite(): Promise<{ db: Database; dispose(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'reserva-scheduler-'));
  const db = await openDatabase(`file:${join(dir, 'test.db')}`);
  return {
    db,
    dispose: async () => {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Creates reserva_test_jobs_<random>; returns its URL and a function that drops it. */
export const createPgDatabase = () => createPg('reserva_test_jobs');

/** A clock the test moves by hand. */
export function manualClock(start = new Date('2026-03-01T09:00:00.000Z')) {
  let t = start.getTime();
  return {
    now: () => new Date(t),
    advance(ms: number) {
      t += ms;
    },
    set(d: Date) {
      t = d.getTime();
    },
  };
}

export const silentLogger = { info() {}, warn() {}, error() {} };
