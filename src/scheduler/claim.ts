/**
 * The two statements that make the scheduler safe with several workers on one database.
 *
 * Claiming is one UPDATE … RETURNING. On Postgres the inner SELECT takes row locks with
 * `FOR UPDATE SKIP LOCKED`, so concurrent workers pick disjoint rows without waiting on each other.
 * On SQLite there is a single writer, so the same conditional UPDATE is atomic by itself (RETURNING
 * needs SQLite >= 3.35; better-sqlite3 bundles a newer one).
 *
 * Dates are bound as parameters, never formatted by hand: Prisma's adapters store DateTime in
 * SQLite as ISO-8601 text ("2026-01-01T10:00:00.000+00:00") and bind Date parameters the same
 * way, so the text comparison `"dueAt" <= ?` orders correctly; on Postgres they are TIMESTAMP(3) in UTC.
 */
import type { Database } from '../db/client.js';

export interface ClaimedJob {
  id: string;
  kind: string;
  payload: string;
  attempts: number;
  dueAt: Date;
}

interface RawRow {
  id: string;
  kind: string;
  payload: string;
  attempts: number | bigint | string;
  dueAt: Date | string;
}

/**
 * Marks up to `limit` due pending jobs as running for `workerId`, increments attempts, and returns
 * them, earliest first.
 */
export async function claimDueJobs(db: Database, workerId: string, now: Date, limit: number): Promise<ClaimedJob[]> {
  const rows: RawRow[] =
    db.provider === 'postgres'
      ? await db.prisma.$queryRaw<RawRow[]>`
        UPDATE "Job" SET "status" = 'running', "lockedBy" = ${workerId}, "lockedAt" = ${now},
               "attempts" = "attempts" + 1, "updatedAt" = ${now}
        WHERE "id" IN (
          SELECT "id" FROM "Job"
          WHERE "status" = 'pending' AND "dueAt" <= ${now}
          ORDER BY "dueAt"
          LIMIT ${limit}
          FOR UPDATE SKIP LOCKED)
        RETURNING "id", "kind", "payload", "attempts", "dueAt"`
      : await db.prisma.$queryRaw<RawRow[]>`
        UPDATE "Job" SET "status" = 'running', "lockedBy" = ${workerId}, "lockedAt" = ${now},
               "attempts" = "attempts" + 1, "updatedAt" = ${now}
        WHERE "status" = 'pending' AND "id" IN (
          SELECT "id" FROM "Job"
          WHERE "status" = 'pending' AND "dueAt" <= ${now}
          ORDER BY "dueAt"
          LIMIT ${limit})
        RETURNING "id", "kind", "payload", "attempts", "dueAt"`;
  return rows
    .map((r) => ({
      id: r.id,
      kind: r.kind,
      payload: r.payload,
      attempts: Number(r.attempts),
      dueAt: new Date(r.dueAt),
    }))
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}

/**
 * Jobs left in `running` by a worker that died (or overran `lockTimeoutMs`): back to pending so
 * another worker runs them, or failed when they have used up their attempts.
 * Returns how many were put back and how many were failed.
 */
export async function reclaimStaleJobs(
  db: Database,
  now: Date,
  lockTimeoutMs: number,
  maxAttempts: number,
): Promise<{ requeued: number; failed: number }> {
  const cutoff = new Date(now.getTime() - lockTimeoutMs);
  const stale = { status: 'running', lockedAt: { lt: cutoff } };
  const failed = await db.prisma.job.updateMany({
    where: { ...stale, attempts: { gte: maxAttempts } },
    data: {
      status: 'failed',
      lockedBy: null,
      lockedAt: null,
      lastError:
        `Its worker did not finish it within lockTimeoutMs (${lockTimeoutMs} ms): it crashed or the handler hung. ` +
        `No attempts left (max ${maxAttempts}); reschedule it if it is still wanted.`,
    },
  });
  const requeued = await db.prisma.job.updateMany({
    where: stale,
    data: {
      status: 'pending',
      lockedBy: null,
      lockedAt: null,
      lastError:
        `Reclaimed: its worker did not finish it within lockTimeoutMs (${lockTimeoutMs} ms), ` +
        'probably crashed. Runs again.',
    },
  });
  return { requeued: requeued.count, failed: failed.count };
}
