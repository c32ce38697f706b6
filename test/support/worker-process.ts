/**
 * A scheduler worker in its own process, for the multi-process Postgres tests.
 * Run: node --import tsx test/support/worker-process.ts
 * Env: DATABASE_URL, WORKER_ID, BATCH_SIZE, POLL_MS, LOCK_TIMEOUT_MS, HANDLER_SLEEP_MS.
 * Prints "ready" once connected, starts working when it reads "go" on stdin, stops cleanly on SIGTERM.
 *
 * Every job kind "send" records two side effects, then sleeps HANDLER_SLEEP_MS:
 *  - job_runs: a plain insert per execution, so a job run twice shows up twice;
 *  - job_effects: keyed by job id, ON CONFLICT DO NOTHING: the idempotent effect handlers must have.
 */
import { createInterface } from 'node:readline';
import { openDatabase } from '../../src/db/client.js';
import { createWorker } from '../../src/scheduler/index.js';

const env = (name: string, fallback?: string): string => {
  const v = process.env[name] ?? fallback;
  if (v === undefined) throw new Error(`worker-process: set ${name}`);
  return v;
};

const workerId = env('WORKER_ID');
const sleepMs = Number(env('HANDLER_SLEEP_MS', '0'));
const db = await openDatabase(env('DATABASE_URL'), { migrate: false });

const worker = createWorker({
  db,
  workerId,
  batchSize: Number(env('BATCH_SIZE', '10')),
  pollMs: Number(env('POLL_MS', '50')),
  lockTimeoutMs: Number(env('LOCK_TIMEOUT_MS', '600000')),
  logger: { info() {}, warn() {}, error: (obj, msg) => console.error(msg, obj) },
  handlers: {
    send: async (job) => {
      await db.prisma.$executeRaw`INSERT INTO job_runs (job_id, worker) VALUES (${job.id}, ${workerId})`;
      await db.prisma.$executeRaw`INSERT INTO job_effects (job_id, worker) VALUES (${job.id}, ${workerId})
        ON CONFLICT (job_id) DO NOTHING`;
      if (sleepMs > 0) await new Promise((r) => setTimeout(r, sleepMs));
    },
  },
});

process.on('SIGTERM', () => {
  void worker
    .stop()
    .then(() => db.close())
    .then(() => process.exit(0));
});

const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  if (line.trim() === 'go') worker.start();
});
process.stdout.write('ready\n');
