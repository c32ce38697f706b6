/**
 * The worker: polls for due jobs, claims a batch atomically, runs each job's handler, and records
 * the outcome (done; or pending again after a backoff; or failed).
 *
 * Handler contract: delivery is AT LEAST ONCE. A job runs again if its worker dies between the
 * handler's side effect and the "done" write (it is reclaimed after `lockTimeoutMs`), or if a
 * handler overruns `lockTimeoutMs`. So handlers must be idempotent (e.g. dedupe the message they
 * send by job id or by the job key), must finish well within `lockTimeoutMs`, and should re-check
 * that their work is still wanted (the booking may have been cancelled meanwhile). The worker
 * marks a job done as soon as its handler resolves, which keeps the window for a rerun small.
 */
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import type { Database } from '../db/client.js';
import { exponentialBackoff, type Backoff } from './backoff.js';
import { claimDueJobs, reclaimStaleJobs, type ClaimedJob } from './claim.js';

export interface JobContext {
  id: string;
  kind: string;
  /** The payload given to scheduleJob, parsed from JSON. */
  payload: unknown;
  /** Including this one: 1 on the first run. */
  attempts: number;
  dueAt: Date;
}

export type JobHandler = (job: JobContext) => Promise<void>;

/** Pino-compatible subset. */
export interface SchedulerLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface WorkerOptions {
  db: Database;
  handlers: Record<string, JobHandler>;
  /** Recorded in Job.lockedBy. Default: "<hostname>:<pid>:<random>". */
  workerId?: string;
  now?: () => Date;
  /** Delay between polls when there was nothing (more) to do. Default 1000 ms. */
  pollMs?: number;
  /** Jobs claimed, and run concurrently, per pass. Default 10. */
  batchSize?: number;
  /** Runs before a job is failed for good. Default 5. */
  maxAttempts?: number;
  /** Delay before retry number n+1 after n attempts. Default exponentialBackoff(): 30 s doubling, 1 h cap. */
  backoff?: Backoff;
  /** A job running longer than this is considered orphaned and is run again. Default 5 min. */
  lockTimeoutMs?: number;
  logger?: SchedulerLogger;
}

export interface Worker {
  readonly workerId: string;
  /** Starts polling (timers are unref'd: the worker does not keep the process alive by itself). */
  start(): void;
  /** Stops polling and waits for the jobs being run to finish and be recorded. */
  stop(): Promise<void>;
  /** One pass: reclaim orphaned jobs, claim up to batchSize due jobs, run them. Returns how many ran. */
  runDue(): Promise<number>;
}

const consoleLogger: SchedulerLogger = {
  info: () => {},
  warn: (obj, msg) => console.warn(`[scheduler] ${msg}`, obj),
  error: (obj, msg) => console.error(`[scheduler] ${msg}`, obj),
};

export function createWorker(opts: WorkerOptions): Worker {
  const { db, handlers } = opts;
  const workerId = opts.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const now = opts.now ?? (() => new Date());
  const pollMs = positive('pollMs', opts.pollMs ?? 1000);
  const batchSize = positive('batchSize', opts.batchSize ?? 10);
  const maxAttempts = positive('maxAttempts', opts.maxAttempts ?? 5);
  const lockTimeoutMs = positive('lockTimeoutMs', opts.lockTimeoutMs ?? 5 * 60_000);
  const backoff = opts.backoff ?? exponentialBackoff();
  const log = opts.logger ?? consoleLogger;

  const passes = new Set<Promise<number>>();
  let running = false;
  let timer: NodeJS.Timeout | undefined;

  async function pass(): Promise<number> {
    const reclaimed = await reclaimStaleJobs(db, now(), lockTimeoutMs, maxAttempts);
    if (reclaimed.requeued || reclaimed.failed)
      log.warn({ workerId, ...reclaimed, lockTimeoutMs }, 'reclaimed jobs left running by a dead or slow worker');
    const jobs = await claimDueJobs(db, workerId, now(), batchSize);
    await Promise.all(jobs.map(runOne));
    return jobs.length;
  }

  function runDue(): Promise<number> {
    const p = pass();
    passes.add(p);
    const forget = () => passes.delete(p);
    p.then(forget, forget);
    return p;
  }

  async function runOne(job: ClaimedJob): Promise<void> {
    const handler = Object.hasOwn(handlers, job.kind) ? handlers[job.kind] : undefined;
    if (!handler) {
      await finish(
        job,
        'failed',
        `No handler for job kind "${job.kind}" in worker ${workerId}. ` +
          `Register one in createWorker({ handlers }) and reschedule the job.`,
      );
      return;
    }
    let payload: unknown;
    try {
      payload = JSON.parse(job.payload);
    } catch (err) {
      await finish(
        job,
        'failed',
        `Payload is not valid JSON (${(err as Error).message}); jobs must be written with scheduleJob.`,
      );
      return;
    }
    try {
      await handler({ id: job.id, kind: job.kind, payload, attempts: job.attempts, dueAt: job.dueAt });
    } catch (err) {
      const message = describe(err);
      if (job.attempts >= maxAttempts) {
        log.error(
          { workerId, jobId: job.id, kind: job.kind, attempts: job.attempts, err: message },
          'job failed for good',
        );
        await finish(job, 'failed', `${message} (attempt ${job.attempts} of ${maxAttempts}; giving up)`);
      } else {
        const delay = backoff(job.attempts);
        log.warn(
          { workerId, jobId: job.id, kind: job.kind, attempts: job.attempts, retryInMs: delay, err: message },
          'job failed; will retry',
        );
        await finish(
          job,
          'retry',
          `${message} (attempt ${job.attempts} of ${maxAttempts}; retrying in ${delay} ms)`,
          new Date(now().getTime() + delay),
        );
      }
      return;
    }
    await finish(job, 'done');
  }

  async function finish(
    job: ClaimedJob,
    outcome: 'done' | 'failed' | 'retry',
    lastError?: string,
    retryAt?: Date,
  ): Promise<void> {
    const data =
      outcome === 'done'
        ? { status: 'done', doneAt: now() }
        : outcome === 'failed'
          ? { status: 'failed', lastError: truncate(lastError) }
          : { status: 'pending', dueAt: retryAt, lastError: truncate(lastError) };
    try {
      // Only if still ours: a job reclaimed after lockTimeoutMs, or cancelled, is not overwritten.
      const { count } = await db.prisma.job.updateMany({
        where: { id: job.id, status: 'running', lockedBy: workerId },
        data: { ...data, lockedBy: null, lockedAt: null },
      });
      if (count === 0) {
        log.warn(
          { workerId, jobId: job.id, kind: job.kind, outcome, lockTimeoutMs },
          'job was reclaimed by another worker before it finished; raise lockTimeoutMs if handlers are this slow',
        );
      } else {
        log.info({ workerId, jobId: job.id, kind: job.kind, outcome }, 'job finished');
      }
    } catch (err) {
      // The job stays running and is reclaimed after lockTimeoutMs: it runs again (at least once).
      log.error(
        { workerId, jobId: job.id, kind: job.kind, outcome, err: describe(err) },
        'could not record job outcome; it will be retried after lockTimeoutMs',
      );
    }
  }

  function loop(): void {
    if (!running) return;
    const p = runDue();
    p.then(
      (ran) => schedule(ran >= batchSize ? 0 : pollMs),
      (err) => {
        log.error({ workerId, err: describe(err) }, 'scheduler pass failed; retrying after pollMs');
        schedule(pollMs);
      },
    );
  }

  function schedule(ms: number): void {
    if (!running) return;
    timer = setTimeout(loop, ms);
    timer.unref();
  }

  return {
    workerId,
    start() {
      if (running) return;
      running = true;
      schedule(0);
    },
    async stop() {
      running = false;
      if (timer) clearTimeout(timer);
      timer = undefined;
      await Promise.allSettled([...passes]);
    },
    runDue,
  };
}

function positive(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`createWorker: ${name} must be a positive number, got ${value}`);
  return value;
}

function describe(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}`;
  return String(err);
}

function truncate(s: string | undefined): string | undefined {
  return s && s.length > 2000 ? `${s.slice(0, 2000)}…` : s;
}
