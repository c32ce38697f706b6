/**
 * Group commit for the durable inbox: messages arriving in the same tick are stored with one
 * INSERT … ON CONFLICT ("waMessageId") DO NOTHING RETURNING statement (SQLite ≥ 3.35 and
 * Postgres), so the webhook answers 200 as soon as its rows are durable, without one database
 * round-trip per request. A message id seen before returns no row: it is a duplicate.
 */
import { Prisma } from '../generated/sqlite/client.js';
import type BetterSqlite3 from 'better-sqlite3';
import type { Db } from '../db/client.js';
import type { InboundMessage } from '../whatsapp/types.js';

interface Pending {
  message: InboundMessage;
  resolve: (seq: number | null) => void;
  reject: (err: unknown) => void;
}

/** DateTime as Prisma stores it in SQLite, so Prisma reads our rows back unchanged. */
const sqliteDate = (d: Date) => d.toISOString().replace('Z', '+00:00');

type Insert = (rows: InboundMessage[], at: Date) => Promise<Map<string, number>>;

function sqliteInsert(db: BetterSqlite3.Database): Insert {
  const stmt = db.prepare(
    `INSERT INTO "InboxMessage" ("waMessageId", "phone", "payload", "status", "attempts", "receivedAt")
     VALUES (?, ?, ?, 'pending', 0, ?) ON CONFLICT ("waMessageId") DO NOTHING RETURNING "seq"`,
  );
  // One transaction (one WAL sync) for the whole batch.
  const run = db.transaction((rows: InboundMessage[], at: string) => {
    const seqs = new Map<string, number>();
    for (const m of rows) {
      const r = stmt.get(m.id, m.from, JSON.stringify(m), at) as { seq: number } | undefined;
      if (r) seqs.set(m.id, Number(r.seq));
    }
    return seqs;
  });
  return async (rows, at) => run.immediate(rows, sqliteDate(at));
}

function prismaInsert(prisma: Db): Insert {
  return async (rows, at) => {
    const result = await prisma.$queryRaw<Array<{ seq: number | bigint; waMessageId: string }>>`
      INSERT INTO "InboxMessage" ("waMessageId", "phone", "payload", "status", "attempts", "receivedAt")
      VALUES ${Prisma.join(rows.map((m) => Prisma.sql`(${m.id}, ${m.from}, ${JSON.stringify(m)}, 'pending', 0, ${at})`))}
      ON CONFLICT ("waMessageId") DO NOTHING
      RETURNING "seq", "waMessageId"`;
    return new Map(result.map((r) => [r.waMessageId, Number(r.seq)]));
  };
}

export function createInboxWriter(prisma: Db, now: () => Date, opts: { sqlite?: BetterSqlite3.Database; maxBatch?: number } = {}) {
  const maxBatch = opts.maxBatch ?? 200;
  const insert = opts.sqlite ? sqliteInsert(opts.sqlite) : prismaInsert(prisma);
  let queue: Pending[] = [];
  let scheduled = false;

  async function flush() {
    scheduled = false;
    const batch = queue.splice(0, maxBatch);
    if (queue.length) schedule();
    // The same id twice in one batch: only the first is inserted.
    const firstById = new Map<string, Pending>();
    for (const p of batch) if (!firstById.has(p.message.id)) firstById.set(p.message.id, p);
    const unique = [...firstById.values()];
    try {
      const seqById = await insert(unique.map((p) => p.message), now());
      for (const p of batch) {
        const seq = firstById.get(p.message.id) === p ? seqById.get(p.message.id) ?? null : null;
        p.resolve(seq);
      }
    } catch (err) {
      for (const p of batch) p.reject(err);
    }
  }

  function schedule() {
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => void flush());
  }

  return {
    /** Resolves with the inbox sequence number, or null when the message id was stored before. */
    store(message: InboundMessage): Promise<number | null> {
      return new Promise((resolve, reject) => {
        queue.push({ message, resolve, reject });
        schedule();
      });
    },
  };
}
