/**
 * Postgres for tests: is it there, and a throw-away database per suite (created fresh, dropped
 * after). TEST_POSTGRES_URL points at another server (default: 127.0.0.1:5432, user postgres).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const PG_ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

let reachable: Promise<boolean> | undefined;
export function postgresReachable(): Promise<boolean> {
  reachable ??= (async () => {
    const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 1500 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return true;
    } catch {
      return false;
    } finally {
      await client.end().catch(() => {});
    }
  })();
  return reachable;
}

/** Says once, in the test output, why a Postgres suite does not run. */
export async function pgOrSkipMessage(suite: string): Promise<boolean> {
  const ok = await postgresReachable();
  if (!ok)
    console.warn(
      `[${suite}] Postgres is not reachable at ${PG_ADMIN_URL.replace(/\/\/[^@]*@/, '//')}: ` +
        `skipping the Postgres suite (set TEST_POSTGRES_URL to run it)`,
    );
  return ok;
}

/** Creates <prefix>_<random>; returns its URL and a function that drops it. */
export async function createPgDatabase(prefix: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
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
