import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.js';
import { createWorker, exponentialBackoff, scheduleJob } from '../../src/scheduler/index.js';
import { createPgDatabase, manualClock, postgresReachable, PG_ADMIN_URL, silentLogger } from '../support/scheduler.js';

const pgReachable = await postgresReachable();
if (!pgReachable)
  console.warn(
    `[scheduler tests] Postgres not reachable at ${PG_ADMIN_URL}: ` +
      `skipping the Postgres scheduler tests (set TEST_POSTGRES_URL to run them).`,
  );

const here = dirname(fileURLToPath(import.meta.url));
const projectRoot = join(here, '..', '..');
const workerScript = join(here, '..', 'support', 'worker-process.ts');

describe.skipIf(!pgReachable)('scheduler on Postgres', () => {
  let url: string;
  let drop: () => Promise<void>;
  let db: Database;
  const children = new Set<ChildProcess>();

  beforeAll(async () => {
    ({ url, drop } = await createPgDatabase());
    db = await openDatabase(url);
    await db.prisma.$executeRawUnsafe('CREATE TABLE job_runs (job_id TEXT NOT NULL, worker TEXT NOT NULL)');
    await db.prisma.$executeRawUnsafe('CREATE TABLE job_effects (job_id TEXT PRIMARY KEY, worker TEXT NOT NULL)');
  });

  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await db?.close();
    await drop?.();
  });

  async function reset(): Promise<void> {
    await db.prisma.$executeRawUnsafe('TRUNCATE "Job", job_runs, job_effects');
  }

  async function insertDueJobs(n: number): Promise<void> {
    const dueAt = new Date(Date.now() - 60_000);
    await db.prisma.job.createMany({
      data: Array.from({ length: n }, (_, i) => ({
        kind: 'send',
        key: `send:${i}`,
        payload: JSON.stringify({ i }),
        dueAt,
      })),
    });
  }

  /** Spawns test/support/worker-process.ts and resolves once it has connected. */
  async function spawnWorker(env: Record<string, string>): Promise<ChildProcess> {
    const child = spawn(process.execPath, ['--import', 'tsx', workerScript], {
      cwd: projectRoot,
      env: { ...process.env, DATABASE_URL: url, ...env },
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    children.add(child);
    let out = '';
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('ready\n')) resolve();
      });
      child.once('exit', (code, signal) =>
        reject(new Error(`worker ${env.WORKER_ID} exited before ready (code ${code}, signal ${signal})`)),
      );
    });
    return child;
  }

  async function count(sql: string): Promise<number> {
    const rows = await db.prisma.$queryRawUnsafe<{ n: bigint | number }[]>(sql);
    return Number(rows[0]!.n);
  }

  async function waitFor(cond: () => Promise<boolean>, what: string, timeoutMs = 30_000): Promise<void> {
    const end = Date.now() + timeoutMs;
    while (!(await cond())) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  async function terminate(child: ChildProcess): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
  }

  it('two worker processes, 1,000 due jobs: each runs exactly once', async () => {
    await reset();
    await insertDueJobs(1000);
    const a = await spawnWorker({ WORKER_ID: 'worker-a', BATCH_SIZE: '10', POLL_MS: '20' });
    const b = await spawnWorker({ WORKER_ID: 'worker-b', BATCH_SIZE: '10', POLL_MS: '20' });
    a.stdin!.write('go\n');
    b.stdin!.write('go\n');
    await waitFor(
      async () => (await count(`SELECT count(*) AS n FROM "Job" WHERE status = 'done'`)) === 1000,
      '1,000 jobs done',
    );
    await Promise.all([terminate(a), terminate(b)]);

    expect(await count('SELECT count(*) AS n FROM job_runs')).toBe(1000);
    expect(await count('SELECT count(DISTINCT job_id) AS n FROM job_runs')).toBe(1000);
    expect(await count(`SELECT count(*) AS n FROM job_runs r JOIN "Job" j ON j.id = r.job_id`)).toBe(1000);
    expect(
      await count(`SELECT count(*) AS n FROM "Job" WHERE status = 'done' AND attempts = 1 AND "doneAt" IS NOT NULL`),
    ).toBe(1000);
    const perWorker = await db.prisma.$queryRawUnsafe<{ worker: string; n: bigint }[]>(
      'SELECT worker, count(*) AS n FROM job_runs GROUP BY worker ORDER BY worker',
    );
    console.log(
      '[scheduler tests] jobs run per worker:',
      Object.fromEntries(perWorker.map((r) => [r.worker, Number(r.n)])),
    );
    // Both really competed for the same rows.
    expect(perWorker.map((r) => r.worker)).toEqual(['worker-a', 'worker-b']);
  }, 45_000);

  it('killed while jobs are due: after restart, each due job runs to done, its effect recorded once', async () => {
    await reset();
    await insertDueJobs(20);
    // First worker claims 5 jobs, records their effect, then hangs in the handler and is killed.
    const doomed = await spawnWorker({ WORKER_ID: 'doomed', BATCH_SIZE: '5', HANDLER_SLEEP_MS: '60000' });
    doomed.stdin!.write('go\n');
    await waitFor(
      async () => (await count('SELECT count(*) AS n FROM job_effects')) === 5,
      'the first worker to start 5 jobs',
    );
    const killed = once(doomed, 'exit');
    doomed.kill('SIGKILL');
    await killed;
    expect(await count(`SELECT count(*) AS n FROM "Job" WHERE status = 'running' AND "lockedBy" = 'doomed'`)).toBe(5);
    expect(await count(`SELECT count(*) AS n FROM "Job" WHERE status = 'pending'`)).toBe(15);

    // Restart with a short lock timeout: the orphaned jobs are reclaimed and everything runs.
    const restarted = await spawnWorker({
      WORKER_ID: 'restarted',
      BATCH_SIZE: '10',
      POLL_MS: '50',
      LOCK_TIMEOUT_MS: '1000',
    });
    restarted.stdin!.write('go\n');
    await waitFor(
      async () => (await count(`SELECT count(*) AS n FROM "Job" WHERE status = 'done'`)) === 20,
      'all 20 jobs done',
      20_000,
    );
    await terminate(restarted);

    expect(await count(`SELECT count(*) AS n FROM "Job" WHERE status <> 'done'`)).toBe(0);
    // Idempotent handler: one effect per job, despite the reruns.
    expect(await count('SELECT count(*) AS n FROM job_effects')).toBe(20);
    expect(await count('SELECT count(DISTINCT job_id) AS n FROM job_effects')).toBe(20);
    // At least once: the 5 interrupted jobs ran twice (attempt 2), the others once.
    expect(await count('SELECT count(*) AS n FROM job_runs')).toBe(25);
    expect(await count(`SELECT count(*) AS n FROM "Job" WHERE attempts = 2 AND "lastError" LIKE 'Reclaimed%'`)).toBe(5);
    expect(await count(`SELECT count(*) AS n FROM "Job" WHERE attempts = 1`)).toBe(15);
  }, 45_000);

  it('concurrent transactions scheduling the same key neither fail nor duplicate it', async () => {
    await reset();
    const job = {
      kind: 'reminder',
      dueAt: new Date('2026-03-02T09:00:00Z'),
      payload: { bookingUid: 'b' },
      key: 'reminder:b:24h',
    };
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        db.prisma.$transaction(async (tx) => {
          const created = await scheduleJob(tx, job);
          await tx.job.count(); // the transaction is still usable after a duplicate
          return created;
        }),
      ),
    );
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await db.prisma.job.count()).toBe(1);

    await expect(
      db.prisma.$transaction(async (tx) => {
        await scheduleJob(tx, { ...job, key: 'reminder:rolled-back' });
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    expect(await db.prisma.job.count({ where: { key: 'reminder:rolled-back' } })).toBe(0);
  });

  it('runDue on Postgres: only due jobs, retry with backoff, dates exact whatever the time zone', async () => {
    await reset();
    const clock = manualClock(new Date('2026-03-01T09:00:00.000Z'));
    await scheduleJob(db.prisma, {
      kind: 'flaky',
      dueAt: new Date('2026-03-01T09:00:00.000Z'),
      payload: {},
      key: 'due',
    });
    await scheduleJob(db.prisma, {
      kind: 'flaky',
      dueAt: new Date('2026-03-01T09:00:00.001Z'),
      payload: {},
      key: 'not-yet',
    });
    const worker = createWorker({
      db,
      now: clock.now,
      maxAttempts: 2,
      logger: silentLogger,
      backoff: exponentialBackoff({ baseMs: 1000 }),
      handlers: {
        flaky: async () => {
          throw new Error('upstream down');
        },
      },
    });
    expect(await worker.runDue()).toBe(1);
    const row = await db.prisma.job.findUniqueOrThrow({ where: { key: 'due' } });
    expect(row).toMatchObject({ status: 'pending', attempts: 1 });
    expect(row.dueAt.toISOString()).toBe('2026-03-01T09:00:01.000Z');
    clock.advance(1000);
    expect(await worker.runDue()).toBe(2);
    expect((await db.prisma.job.findUniqueOrThrow({ where: { key: 'due' } })).status).toBe('failed');
  });
});
