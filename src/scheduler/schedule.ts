/**
 * Writing and cancelling jobs. Both functions take either the client or an interactive
 * transaction, so the engine can schedule a reminder in the same transaction as the snapshot
 * that decided it: if that transaction rolls back, the job never existed.
 */
import { randomUUID } from 'node:crypto';
import type { Db, Tx } from '../db/client.js';

export interface NewJob {
  /** Which handler runs it, e.g. "reminder", "hold-expiry", "feedback-request". */
  kind: string;
  dueAt: Date;
  /** Anything JSON can hold; handlers receive it parsed. */
  payload: unknown;
  /**
   * Idempotency key, e.g. "reminder:<bookingUid>:24h". While a job with this key exists, in any
   * status, scheduling another does nothing. Keys are never reused.
   */
  key?: string;
}

export interface ScheduleOptions {
  now?: () => Date;
  newId?: () => string;
}

/**
 * Persists a job. Idempotent by `key`: `INSERT … ON CONFLICT ("key") DO NOTHING`, which both
 * SQLite and Postgres understand, is race-free, and (unlike a failed insert or Prisma's
 * find-then-create upsert) never aborts an enclosing Postgres transaction.
 * Resolves to true when a row was written, false when the key already existed.
 */
export async function scheduleJob(client: Tx | Db, job: NewJob, opts: ScheduleOptions = {}): Promise<boolean> {
  if (!job.kind)
    throw new Error('scheduleJob: `kind` is empty; pass the name of a handler registered with createWorker');
  if (!(job.dueAt instanceof Date) || Number.isNaN(job.dueAt.getTime())) {
    throw new Error(`scheduleJob(${job.kind}): dueAt must be a valid Date, got ${String(job.dueAt)}`);
  }
  if (job.key !== undefined && job.key === '')
    throw new Error(`scheduleJob(${job.kind}): key is an empty string; omit it or pass a unique key`);
  let payload: string | undefined;
  try {
    payload = JSON.stringify(job.payload);
  } catch (err) {
    throw new Error(
      `scheduleJob(${job.kind}): payload is not JSON-serialisable (${(err as Error).message}); ` +
        'pass plain data such as ids',
      {
        cause: err,
      },
    );
  }
  if (payload === undefined)
    throw new Error(
      `scheduleJob(${job.kind}): payload is undefined or a function; pass plain data (null or {} if nothing)`,
    );
  const now = (opts.now ?? (() => new Date()))();
  const id = (opts.newId ?? randomUUID)();
  const written = await client.$executeRaw`
    INSERT INTO "Job" ("id", "key", "kind", "payload", "dueAt", "status", "attempts", "createdAt", "updatedAt")
    VALUES (${id}, ${job.key ?? null}, ${job.kind}, ${payload}, ${job.dueAt}, 'pending', 0, ${now}, ${now})
    ON CONFLICT ("key") DO NOTHING`;
  return written > 0;
}

export interface CancelWhere {
  /** Exact, case-sensitive key prefix, e.g. "reminder:<bookingUid>:". */
  keyPrefix?: string;
  kind?: string;
  /** Top-level payload fields that must be equal (JSON equality), e.g. { bookingUid }. */
  payloadMatch?: Record<string, unknown>;
}

/**
 * Cancels pending jobs matching every given criterion; returns how many. Jobs already running
 * are left alone (their handler is under way), so handlers should re-check that their work is
 * still wanted.
 */
export async function cancelJobs(client: Tx | Db, where: CancelWhere): Promise<number> {
  const { keyPrefix, kind, payloadMatch } = where;
  if (keyPrefix === undefined && kind === undefined && payloadMatch === undefined) {
    throw new Error(
      'cancelJobs: give at least one of keyPrefix, kind, payloadMatch; ' +
        'cancelling every job is almost certainly a mistake',
    );
  }
  if (keyPrefix === '') throw new Error('cancelJobs: keyPrefix is empty; it would match every keyed job');
  const candidates = await client.job.findMany({
    where: {
      status: 'pending',
      ...(kind !== undefined ? { kind } : {}),
      // LIKE narrows the scan; the exact (case-sensitive) check is below, since SQLite LIKE ignores case.
      ...(keyPrefix !== undefined ? { key: { startsWith: keyPrefix } } : {}),
    },
    select: { id: true, key: true, payload: true },
  });
  const ids = candidates
    .filter((c) => keyPrefix === undefined || (c.key ?? '').startsWith(keyPrefix))
    .filter((c) => payloadMatch === undefined || matches(c.payload, payloadMatch))
    .map((c) => c.id);
  let cancelled = 0;
  for (let i = 0; i < ids.length; i += 500) {
    const { count } = await client.job.updateMany({
      where: { id: { in: ids.slice(i, i + 500) }, status: 'pending' },
      data: { status: 'cancelled', lockedBy: null, lockedAt: null },
    });
    cancelled += count;
  }
  return cancelled;
}

function matches(payloadJson: string, fields: Record<string, unknown>): boolean {
  let payload: unknown;
  try {
    payload = JSON.parse(payloadJson);
  } catch {
    return false;
  }
  if (payload === null || typeof payload !== 'object') return false;
  const record = payload as Record<string, unknown>;
  return Object.entries(fields).every(([k, v]) => JSON.stringify(record[k]) === JSON.stringify(v));
}
