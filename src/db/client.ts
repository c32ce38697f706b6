/**
 * Opens the database: a Prisma client on a driver adapter (better-sqlite3 or pg), after applying
 * pending migrations. Both generated clients have the same models; the SQLite one's type is used
 * as the shared `Db` type.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient as SqliteClient } from '../generated/sqlite/client.js';
import { PrismaClient as PostgresClient } from '../generated/postgres/client.js';
import { applyMigrations } from './migrate.js';
import { countPrisma, queryStatsEnabled } from './query-stats.js';
import { providerOf, sqlitePath, type DbProvider } from './url.js';

export type Db = SqliteClient;
/** The client handed to a `$transaction(async (tx) => …)` callback. */
export type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];

export interface Database {
  prisma: Db;
  /** SQLite only: a direct better-sqlite3 connection to the same file, for the webhook's hot path. */
  sqlite?: BetterSqlite3.Database;
  provider: DbProvider;
  url: string;
  close(): Promise<void>;
}

export async function openDatabase(url: string, opts: { migrate?: boolean } = {}): Promise<Database> {
  const provider = providerOf(url);
  if (opts.migrate !== false) await applyMigrations(url);
  let prisma: Db;
  let sqlite: BetterSqlite3.Database | undefined;
  if (provider === 'sqlite') {
    const file = sqlitePath(url);
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    const adapter = new PrismaBetterSQLite3({ url: file, timeout: 5000 } as never);
    prisma = new SqliteClient({ adapter, ...(queryStatsEnabled ? { log: [{ emit: 'event' as const, level: 'query' as const }] } : {}) });
    await prisma.$executeRawUnsafe('PRAGMA journal_mode = WAL').catch(() => {});
    await prisma.$executeRawUnsafe('PRAGMA busy_timeout = 5000').catch(() => {});
    if (file !== ':memory:') {
      sqlite = new BetterSqlite3(file);
      sqlite.pragma('journal_mode = WAL');
      sqlite.pragma('busy_timeout = 5000');
    }
  } else {
    const adapter = new PrismaPg({ connectionString: url, max: 10 });
    prisma = new PostgresClient({ adapter, ...(queryStatsEnabled ? { log: [{ emit: 'event' as const, level: 'query' as const }] } : {}) }) as unknown as Db;
  }
  if (queryStatsEnabled) (prisma as unknown as { $on(e: 'query', cb: () => void): void }).$on('query', countPrisma);
  await prisma.$connect();
  return {
    prisma,
    sqlite,
    provider,
    url,
    async close() {
      sqlite?.close();
      await prisma.$disconnect();
    },
  };
}
