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
  /**
   * SQLite only: Prisma's own better-sqlite3 connection, for the engine's hot path (src/db/turns.ts).
   * One connection, so a Prisma transaction held across awaits never makes the hot path wait on a
   * lock with the event loop blocked; the hot path waits (asynchronously) while one is open.
   */
  sqlite?: BetterSqlite3.Database;
  provider: DbProvider;
  url: string;
  close(): Promise<void>;
}

export async function openDatabase(
  url: string,
  opts: {
    migrate?: boolean;
    /**
     * SQLite, when another thread writes the same file (processing threads, issue 12): Prisma's
     * transactions take the write lock first (BEGIN IMMEDIATE). Not within one thread: two of its
     * connections would then wait on each other with the event loop blocked.
     */
    immediateTransactions?: boolean;
  } = {},
): Promise<Database> {
  const provider = providerOf(url);
  if (opts.migrate !== false) await applyMigrations(url);
  let prisma: Db;
  let sqlite: BetterSqlite3.Database | undefined;
  if (provider === 'sqlite') {
    const file = sqlitePath(url);
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    const adapter = new PrismaBetterSQLite3({ url: file, timeout: 5000 } as never);
    // Keep hold of the connection the adapter opens (the factory does not expose it otherwise).
    const connect = adapter.connect.bind(adapter);
    adapter.connect = async () => {
      const connected = await connect();
      const client = (connected as unknown as { client: BetterSqlite3.Database }).client;
      // Prisma opens its transactions with a deferred BEGIN: one that reads and then writes fails
      // at once (SQLITE_BUSY, no wait) when another connection wrote in between — and with
      // processing threads the HTTP thread writes the inbox on its own connection meanwhile
      // (issue 12). BEGIN IMMEDIATE takes the write lock first, waiting up to busy_timeout.
      if (opts.immediateTransactions) {
        const prepare = client.prepare.bind(client);
        client.prepare = ((sql: string) =>
          prepare(sql === 'BEGIN' ? 'BEGIN IMMEDIATE' : sql)) as BetterSqlite3.Database['prepare'];
      }
      sqlite = client;
      return connected;
    };
    prisma = new SqliteClient({
      adapter,
      ...(queryStatsEnabled ? { log: [{ emit: 'event' as const, level: 'query' as const }] } : {}),
    });
    await prisma.$executeRawUnsafe('PRAGMA journal_mode = WAL').catch(() => {});
    await prisma.$executeRawUnsafe('PRAGMA busy_timeout = 5000').catch(() => {});
  } else {
    const adapter = new PrismaPg({ connectionString: url, max: 10 });
    prisma = new PostgresClient({
      adapter,
      ...(queryStatsEnabled ? { log: [{ emit: 'event' as const, level: 'query' as const }] } : {}),
    }) as unknown as Db;
  }
  if (queryStatsEnabled) (prisma as unknown as { $on(e: 'query', cb: () => void): void }).$on('query', countPrisma);
  await prisma.$connect();
  if (provider === 'sqlite') {
    await prisma.$executeRawUnsafe('PRAGMA journal_mode = WAL').catch(() => {});
    // WAL + NORMAL: a commit survives the process being killed (kill -9, crash); only a power loss
    // or OS crash may lose the last commits. SQLITE_SYNCHRONOUS=FULL fsyncs every commit instead
    // (~7 ms each on our CI disk, which caps a turn rate at a few dozen per second).
    const sync = /^(full|extra)$/i.test(process.env.SQLITE_SYNCHRONOUS ?? '')
      ? process.env.SQLITE_SYNCHRONOUS!.toUpperCase()
      : 'NORMAL';
    await prisma.$executeRawUnsafe(`PRAGMA synchronous = ${sync}`).catch(() => {});
    if (!sqlite) throw new Error('the SQLite driver adapter did not open its connection');
  }
  return {
    prisma,
    sqlite,
    provider,
    url,
    async close() {
      await prisma.$disconnect();
    },
  };
}
