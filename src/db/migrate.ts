/**
 * Applies the SQL migrations in prisma/<provider>/migrations at start-up.
 *
 * Why not `prisma migrate deploy`? With the offline (WASM, `engine: "js"`) schema engine,
 * Postgres migrations fail on Prisma 6.19 (prisma/orm#27403, "Column type 'name' could not be
 * deserialized"), and the native engine cannot be downloaded on locked-down hosts. This applier
 * runs the very files `prisma migrate diff --script` wrote, in order, each in a transaction, and
 * records them in Prisma's own `_prisma_migrations` table with Prisma's checksum, so
 * `prisma migrate status` / `deploy` keep working against the same database.
 */
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';
import { providerOf, sqlitePath, type DbProvider } from './url.js';

const projectRoot = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  '..',
  existsSync(join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'prisma')) ? '' : '..',
);

export function migrationsDir(provider: DbProvider): string {
  return join(projectRoot, 'prisma', provider, 'migrations');
}

interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function listMigrations(provider: DbProvider): Migration[] {
  const dir = migrationsDir(provider);
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'migration.sql')))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

const CREATE_TABLE: Record<DbProvider, string> = {
  sqlite: `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME,
    "migration_name" TEXT NOT NULL, "logs" TEXT, "rolled_back_at" DATETIME,
    "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`,
  postgres: `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ,
    "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ,
    "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`,
};

/** Applies pending migrations; returns the names applied. Safe to call from several processes. */
export async function applyMigrations(url: string): Promise<string[]> {
  const provider = providerOf(url);
  const migrations = listMigrations(provider);
  return provider === 'sqlite' ? applySqlite(url, migrations) : applyPostgres(url, migrations);
}

function applySqlite(url: string, migrations: Migration[]): string[] {
  const file = sqlitePath(url);
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    db.exec(CREATE_TABLE.sqlite);
    const applied: string[] = [];
    const run = db.transaction((m: Migration) => {
      const done = db
        .prepare(
          `SELECT 1 FROM "_prisma_migrations"
           WHERE migration_name = ? AND finished_at IS NOT NULL AND rolled_back_at IS NULL`,
        )
        .get(m.name);
      if (done) return;
      db.exec(m.sql);
      const now = new Date().toISOString();
      db.prepare(
        `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
         VALUES (?, ?, ?, ?, ?, 1)`,
      ).run(randomUUID(), m.checksum, now, m.name, now);
      applied.push(m.name);
    });
    for (const m of migrations) run.immediate(m);
    return applied;
  } finally {
    db.close();
  }
}

async function applyPostgres(url: string, migrations: Migration[]): Promise<string[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const applied: string[] = [];
  try {
    // One migrator at a time across instances.
    await client.query('SELECT pg_advisory_lock(72707369)');
    await client.query(CREATE_TABLE.postgres);
    for (const m of migrations) {
      const done = await client.query(
        `SELECT 1 FROM "_prisma_migrations"
         WHERE migration_name = $1 AND finished_at IS NOT NULL AND rolled_back_at IS NULL`,
        [m.name],
      );
      if (done.rowCount) continue;
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, started_at, applied_steps_count)
           VALUES ($1, $2, now(), $3, now(), 1)`,
          [randomUUID(), m.checksum, m.name],
        );
        await client.query('COMMIT');
        applied.push(m.name);
      } catch (err) {
        await client.query('ROLLBACK');
        throw new Error(
          `Migration ${m.name} failed on Postgres: ${(err as Error).message}. ` +
            'Fix the database or the migration, then start again.',
          { cause: err },
        );
      }
    }
  } finally {
    await client.query('SELECT pg_advisory_unlock(72707369)').catch(() => {});
    await client.end();
  }
  return applied;
}
