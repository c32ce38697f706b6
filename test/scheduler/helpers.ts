/** Test databases for the scheduler: a throw-away SQLite file, or a fresh Postgres database. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/db/client.js';

export const PG_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export async function openTempSqlite(): Promise<{ db: Database; dispose(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'reserva-scheduler-'));
  const db = await openDatabase(`file:${join(dir, 'test.db')}`);
  return { db, dispose: async () => { await db.close(); rmSync(dir, { recursive: true, force: true }); } };
}

export async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** Creates reserva_test_jobs_<random>; returns its URL and a function that drops it. */
export async function createPgDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `reserva_test_jobs_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

/** A clock the test moves by hand. */
export function manualClock(start = new Date('2026-03-01T09:00:00.000Z')) {
  let t = start.getTime();
  return {
    now: () => new Date(t),
    advance(ms: number) { t += ms; },
    set(d: Date) { t = d.getTime(); },
  };
}

export const silentLogger = { info() {}, warn() {}, error() {} };
