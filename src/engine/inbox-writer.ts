/**
 * Group commit for the durable inbox: messages arriving in the same tick are stored with one
 * INSERT … ON CONFLICT ("waMessageId") DO NOTHING RETURNING statement (SQLite ≥ 3.35 and
 * Postgres), so the webhook answers 200 as soon as its rows are durable, without one database
 * round-trip per request. A message id seen before returns no row: it is a duplicate.
 */
import { Prisma } from '../generated/sqlite/client.js';
import type { Db } from '../db/client.js';
import type { InboundMessage } from '../whatsapp/types.js';

interface Pending {
  message: InboundMessage;
  resolve: (seq: number | null) => void;
  reject: (err: unknown) => void;
}

export function createInboxWriter(prisma: Db, now: () => Date, maxBatch = 200) {
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
      const at = now();
      const rows = await prisma.$queryRaw<Array<{ seq: number | bigint; waMessageId: string }>>`
        INSERT INTO "InboxMessage" ("waMessageId", "phone", "payload", "status", "attempts", "receivedAt")
        VALUES ${Prisma.join(unique.map((p) => Prisma.sql`(${p.message.id}, ${p.message.from}, ${JSON.stringify(p.message)}, 'pending', 0, ${at})`))}
        ON CONFLICT ("waMessageId") DO NOTHING
        RETURNING "seq", "waMessageId"`;
      const seqById = new Map(rows.map((r) => [r.waMessageId, Number(r.seq)]));
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
