/**
 * Group commit for the durable inbox: rows arriving in the same tick are stored with one
 * INSERT … ON CONFLICT DO NOTHING statement (SQLite and Postgres, src/db/turns.ts), so the webhook
 * answers as soon as its rows are durable, without one database round trip per request. A key seen
 * before returns no seq: it is a duplicate.
 */
import type { InboxInsert } from '../db/turns.js';

interface Pending {
  row: InboxInsert;
  resolve: (seq: number | null) => void;
  reject: (err: unknown) => void;
}

export type InboxInsertFn = (rows: InboxInsert[], at: Date) => Promise<Map<string, number>>;

export function createInboxWriter(insert: InboxInsertFn, now: () => Date, opts: { maxBatch?: number } = {}) {
  const maxBatch = opts.maxBatch ?? 500;
  const queue: Pending[] = [];
  let scheduled = false;

  async function flush() {
    scheduled = false;
    const batch = queue.splice(0, maxBatch);
    if (queue.length) schedule();
    // The same key twice in one batch: only the first is inserted.
    const firstByKey = new Map<string, Pending>();
    for (const p of batch) if (!firstByKey.has(p.row.key)) firstByKey.set(p.row.key, p);
    try {
      const seqByKey = await insert(
        [...firstByKey.values()].map((p) => p.row),
        now(),
      );
      for (const p of batch) p.resolve(firstByKey.get(p.row.key) === p ? (seqByKey.get(p.row.key) ?? null) : null);
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
    /** Resolves with the inbox sequence number, or null when the key was stored before. */
    store(row: InboxInsert): Promise<number | null> {
      return new Promise((resolve, reject) => {
        queue.push({ row, resolve, reject });
        schedule();
      });
    },
  };
}
