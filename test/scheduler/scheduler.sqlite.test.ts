import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  cancelJobs,
  createWorker,
  exponentialBackoff,
  scheduleJob,
  type JobContext,
} from '../../src/scheduler/index.js';
import type { Database } from '../../src/db/client.js';
import { manualClock, openTempSqlite, silentLogger } from '../support/scheduler.js';

describe('scheduler on SQLite', () => {
  let db: Database;
  let dispose: () => Promise<void>;
  beforeEach(async () => ({ db, dispose } = await openTempSqlite()));
  afterEach(async () => dispose());

  const at = (iso: string) => new Date(iso);

  it('persists a job with its kind, due time, payload and pending status', async () => {
    const created = await scheduleJob(db.prisma, {
      kind: 'reminder',
      dueAt: at('2026-03-02T09:00:00Z'),
      payload: { bookingUid: 'b1' },
      key: 'reminder:b1:24h',
    });
    expect(created).toBe(true);
    const job = await db.prisma.job.findUniqueOrThrow({ where: { key: 'reminder:b1:24h' } });
    expect(job).toMatchObject({
      kind: 'reminder',
      status: 'pending',
      attempts: 0,
      payload: '{"bookingUid":"b1"}',
      lockedBy: null,
    });
    expect(job.dueAt.toISOString()).toBe('2026-03-02T09:00:00.000Z');
  });

  it('stores dueAt in the same format as Prisma, so the raw claim compares it correctly', async () => {
    await scheduleJob(db.prisma, { kind: 'raw', dueAt: at('2026-03-01T10:00:00Z'), payload: null, key: 'raw' });
    await db.prisma.job.create({
      data: { kind: 'prisma', dueAt: at('2026-03-01T10:00:00Z'), payload: 'null', key: 'prisma' },
    });
    const rows = await db.prisma.$queryRawUnsafe<{ key: string; dueAt: string }[]>(
      'SELECT "key", CAST("dueAt" AS TEXT) AS "dueAt" FROM "Job" ORDER BY "key"',
    );
    expect(rows).toEqual([
      { key: 'prisma', dueAt: '2026-03-01T10:00:00.000+00:00' },
      { key: 'raw', dueAt: '2026-03-01T10:00:00.000+00:00' },
    ]);
    const clock = manualClock(at('2026-03-01T09:59:59.999Z'));
    const ran: string[] = [];
    const handler = async (j: JobContext) => {
      ran.push(j.kind);
    };
    const worker = createWorker({
      db,
      handlers: { raw: handler, prisma: handler },
      now: clock.now,
      logger: silentLogger,
    });
    expect(await worker.runDue()).toBe(0);
    clock.advance(1);
    expect(await worker.runDue()).toBe(2);
    expect(ran.sort()).toEqual(['prisma', 'raw']);
  });

  it('is idempotent by key, whatever the status of the earlier job', async () => {
    const job = { kind: 'reminder', dueAt: at('2026-03-01T08:00:00Z'), payload: { n: 1 }, key: 'reminder:b2:24h' };
    expect(await scheduleJob(db.prisma, job)).toBe(true);
    expect(await scheduleJob(db.prisma, { ...job, payload: { n: 2 } })).toBe(false);
    expect(await db.prisma.job.count()).toBe(1);

    const worker = createWorker({
      db,
      handlers: { reminder: async () => {} },
      now: manualClock().now,
      logger: silentLogger,
    });
    expect(await worker.runDue()).toBe(1);
    expect(await scheduleJob(db.prisma, job)).toBe(false);
    const rows = await db.prisma.job.findMany();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'done', payload: '{"n":1}' });
    expect(await worker.runDue()).toBe(0);

    // Jobs without a key are never deduplicated.
    await scheduleJob(db.prisma, { kind: 'x', dueAt: job.dueAt, payload: {} });
    await scheduleJob(db.prisma, { kind: 'x', dueAt: job.dueAt, payload: {} });
    expect(await db.prisma.job.count({ where: { kind: 'x' } })).toBe(2);
  });

  it('runDue runs only due jobs, earliest first, marks them done with doneAt, and respects batchSize', async () => {
    const clock = manualClock(at('2026-03-01T09:00:00Z'));
    for (const [key, due] of [
      ['c', '2026-03-01T08:59:00Z'],
      ['a', '2026-03-01T08:00:00Z'],
      ['b', '2026-03-01T08:30:00Z'],
      ['later', '2026-03-01T09:00:00.001Z'],
    ] as const) {
      await scheduleJob(db.prisma, { kind: 'k', dueAt: at(due), payload: { key }, key });
    }
    const seen: JobContext[] = [];
    const worker = createWorker({
      db,
      handlers: {
        k: async (j) => {
          seen.push(j);
        },
      },
      now: clock.now,
      batchSize: 2,
      logger: silentLogger,
    });
    expect(await worker.runDue()).toBe(2);
    expect(await worker.runDue()).toBe(1);
    expect(await worker.runDue()).toBe(0);
    expect(seen.map((j) => (j.payload as { key: string }).key)).toEqual(['a', 'b', 'c']);
    expect(seen[0]).toMatchObject({ kind: 'k', attempts: 1, dueAt: at('2026-03-01T08:00:00Z') });
    const done = await db.prisma.job.findUniqueOrThrow({ where: { key: 'a' } });
    expect(done).toMatchObject({ status: 'done', attempts: 1, lockedBy: null, lockedAt: null });
    expect(done.doneAt?.toISOString()).toBe('2026-03-01T09:00:00.000Z');
    expect((await db.prisma.job.findUniqueOrThrow({ where: { key: 'later' } })).status).toBe('pending');

    clock.advance(1);
    expect(await worker.runDue()).toBe(1);
  });

  it('retries with exponential backoff, then fails for good with the last error', async () => {
    const clock = manualClock(at('2026-03-01T09:00:00Z'));
    await scheduleJob(db.prisma, { kind: 'flaky', dueAt: clock.now(), payload: {}, key: 'f' });
    let calls = 0;
    const worker = createWorker({
      db,
      now: clock.now,
      maxAttempts: 3,
      logger: silentLogger,
      backoff: exponentialBackoff({ baseMs: 1000, maxMs: 1500 }),
      handlers: {
        flaky: async () => {
          calls++;
          throw new Error(`Cal.com said 503 (call ${calls})`);
        },
      },
    });
    const job = () => db.prisma.job.findUniqueOrThrow({ where: { key: 'f' } });

    expect(await worker.runDue()).toBe(1);
    let row = await job();
    expect(row).toMatchObject({ status: 'pending', attempts: 1, lockedBy: null });
    expect(row.dueAt.toISOString()).toBe('2026-03-01T09:00:01.000Z');
    expect(row.lastError).toContain('Cal.com said 503 (call 1)');

    clock.advance(999);
    expect(await worker.runDue()).toBe(0);
    clock.advance(1);
    expect(await worker.runDue()).toBe(1);
    row = await job();
    expect(row).toMatchObject({ status: 'pending', attempts: 2 });
    expect(row.dueAt.toISOString()).toBe('2026-03-01T09:00:02.500Z'); // 2000 ms capped at 1500

    clock.advance(1500);
    expect(await worker.runDue()).toBe(1);
    row = await job();
    expect(row).toMatchObject({ status: 'failed', attempts: 3, lockedBy: null });
    expect(row.lastError).toContain('Cal.com said 503 (call 3)');
    expect(row.lastError).toContain('giving up');
    clock.advance(3_600_000);
    expect(await worker.runDue()).toBe(0);
    expect(calls).toBe(3);
  });

  it('fails a job whose kind has no handler, saying so', async () => {
    await scheduleJob(db.prisma, { kind: 'mystery', dueAt: at('2026-03-01T00:00:00Z'), payload: {}, key: 'm' });
    const worker = createWorker({ db, handlers: {}, now: manualClock().now, logger: silentLogger });
    expect(await worker.runDue()).toBe(1);
    const row = await db.prisma.job.findUniqueOrThrow({ where: { key: 'm' } });
    expect(row.status).toBe('failed');
    expect(row.lastError).toMatch(/No handler for job kind "mystery".*createWorker\(\{ handlers \}\)/);
  });

  it('cancels pending jobs by exact key prefix, kind, or payload fields', async () => {
    const due = at('2026-03-05T09:00:00Z');
    await scheduleJob(db.prisma, {
      kind: 'reminder',
      dueAt: due,
      payload: { bookingUid: 'u_1' },
      key: 'reminder:u_1:24h',
    });
    await scheduleJob(db.prisma, {
      kind: 'reminder',
      dueAt: due,
      payload: { bookingUid: 'u_1' },
      key: 'reminder:u_1:2h',
    });
    await scheduleJob(db.prisma, {
      kind: 'reminder',
      dueAt: due,
      payload: { bookingUid: 'uX1' },
      key: 'reminder:uX1:24h',
    }); // "_" is not a wildcard
    await scheduleJob(db.prisma, {
      kind: 'reminder',
      dueAt: due,
      payload: { bookingUid: 'U_1' },
      key: 'reminder:U_1:24h',
    }); // case matters
    await scheduleJob(db.prisma, { kind: 'feedback', dueAt: due, payload: { bookingUid: 'u_1' }, key: 'feedback:u_1' });

    expect(await cancelJobs(db.prisma, { keyPrefix: 'reminder:u_1:' })).toBe(2);
    expect(await cancelJobs(db.prisma, { keyPrefix: 'reminder:u_1:' })).toBe(0);
    const status = async (key: string) => (await db.prisma.job.findUniqueOrThrow({ where: { key } })).status;
    expect(await status('reminder:u_1:24h')).toBe('cancelled');
    expect(await status('reminder:u_1:2h')).toBe('cancelled');
    expect(await status('reminder:uX1:24h')).toBe('pending');
    expect(await status('reminder:U_1:24h')).toBe('pending');
    expect(await status('feedback:u_1')).toBe('pending');

    expect(await cancelJobs(db.prisma, { kind: 'feedback', payloadMatch: { bookingUid: 'nope' } })).toBe(0);
    expect(await cancelJobs(db.prisma, { kind: 'feedback', payloadMatch: { bookingUid: 'u_1' } })).toBe(1);
    await expect(cancelJobs(db.prisma, {})).rejects.toThrow(/at least one of keyPrefix, kind, payloadMatch/);

    // A cancelled job never runs, and its key stays taken.
    const ran: string[] = [];
    const worker = createWorker({
      db,
      handlers: {
        reminder: async (j) => {
          ran.push(String((j.payload as { bookingUid: string }).bookingUid));
        },
      },
      now: () => due,
      logger: silentLogger,
    });
    await worker.runDue();
    expect(ran.sort()).toEqual(['U_1', 'uX1']);
    expect(await scheduleJob(db.prisma, { kind: 'reminder', dueAt: due, payload: {}, key: 'reminder:u_1:24h' })).toBe(
      false,
    );
  });

  it('reclaims a job left running by a dead worker once lockTimeoutMs has passed', async () => {
    const clock = manualClock(at('2026-03-01T09:00:00Z'));
    await scheduleJob(db.prisma, { kind: 'k', dueAt: clock.now(), payload: {}, key: 'stuck' });
    // The "dead" worker: claims, its handler never returns (the process would have been killed).
    const dead = createWorker({
      db,
      workerId: 'dead',
      handlers: { k: () => new Promise<void>(() => {}) },
      now: clock.now,
      logger: silentLogger,
    });
    void dead.runDue();
    await waitFor(
      async () => (await db.prisma.job.findUniqueOrThrow({ where: { key: 'stuck' } })).status === 'running',
    );
    expect(await db.prisma.job.findUniqueOrThrow({ where: { key: 'stuck' } })).toMatchObject({
      lockedBy: 'dead',
      attempts: 1,
    });

    const ran: number[] = [];
    const alive = createWorker({
      db,
      workerId: 'alive',
      lockTimeoutMs: 60_000,
      handlers: {
        k: async (j) => {
          ran.push(j.attempts);
        },
      },
      now: clock.now,
      logger: silentLogger,
    });
    clock.advance(59_999);
    expect(await alive.runDue()).toBe(0);
    clock.advance(2);
    expect(await alive.runDue()).toBe(1);
    expect(ran).toEqual([2]);
    const row = await db.prisma.job.findUniqueOrThrow({ where: { key: 'stuck' } });
    expect(row).toMatchObject({ status: 'done', attempts: 2, lockedBy: null });
    expect(row.lastError).toMatch(/Reclaimed/);
  });

  it('a job reclaimed with no attempts left is failed, not rerun', async () => {
    const clock = manualClock();
    await scheduleJob(db.prisma, { kind: 'k', dueAt: clock.now(), payload: {}, key: 'poison' });
    await db.prisma.job.update({
      where: { key: 'poison' },
      data: { status: 'running', attempts: 3, lockedBy: 'dead', lockedAt: clock.now() },
    });
    clock.advance(10_000);
    const worker = createWorker({
      db,
      lockTimeoutMs: 5_000,
      maxAttempts: 3,
      handlers: {
        k: async () => {
          throw new Error('must not run');
        },
      },
      now: clock.now,
      logger: silentLogger,
    });
    expect(await worker.runDue()).toBe(0);
    const row = await db.prisma.job.findUniqueOrThrow({ where: { key: 'poison' } });
    expect(row.status).toBe('failed');
    expect(row.lastError).toMatch(/lockTimeoutMs.*No attempts left/);
  });

  it('scheduling inside a $transaction that rolls back leaves no job', async () => {
    await expect(
      db.prisma.$transaction(async (tx) => {
        await scheduleJob(tx, { kind: 'reminder', dueAt: at('2026-03-01T00:00:00Z'), payload: {}, key: 'tx:rollback' });
        expect(await tx.job.count()).toBe(1);
        throw new Error('snapshot write failed');
      }),
    ).rejects.toThrow('snapshot write failed');
    expect(await db.prisma.job.count()).toBe(0);

    await db.prisma.$transaction(async (tx) => {
      await scheduleJob(tx, { kind: 'reminder', dueAt: at('2026-03-01T00:00:00Z'), payload: {}, key: 'tx:commit' });
      expect(
        await scheduleJob(tx, { kind: 'reminder', dueAt: at('2026-03-01T00:00:00Z'), payload: {}, key: 'tx:commit' }),
      ).toBe(false);
      await cancelJobs(tx, { keyPrefix: 'tx:nothing' });
    });
    expect(await db.prisma.job.count()).toBe(1);
  });

  it('rejects bad input with a message saying what to fix', async () => {
    await expect(scheduleJob(db.prisma, { kind: 'k', dueAt: new Date('nope'), payload: {} })).rejects.toThrow(
      /dueAt must be a valid Date/,
    );
    await expect(scheduleJob(db.prisma, { kind: 'k', dueAt: new Date(), payload: undefined })).rejects.toThrow(
      /payload is undefined/,
    );
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    await expect(scheduleJob(db.prisma, { kind: 'k', dueAt: new Date(), payload: cyclic })).rejects.toThrow(
      /not JSON-serialisable/,
    );
    expect(() => createWorker({ db, handlers: {}, batchSize: 0 })).toThrow(/batchSize must be a positive number/);
  });

  it('start() polls with real timers and stop() waits for the running job to be recorded', async () => {
    await scheduleJob(db.prisma, { kind: 'slow', dueAt: new Date(Date.now() - 1000), payload: {}, key: 's' });
    let release!: () => void;
    let started!: () => void;
    const handlerStarted = new Promise<void>((r) => {
      started = r;
    });
    const worker = createWorker({
      db,
      pollMs: 20,
      logger: silentLogger,
      handlers: {
        slow: () => {
          started();
          return new Promise<void>((r) => {
            release = r;
          });
        },
      },
    });
    worker.start();
    await handlerStarted;
    const stopped = worker.stop();
    let stopResolved = false;
    void stopped.then(() => {
      stopResolved = true;
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(stopResolved).toBe(false);
    release();
    await stopped;
    expect((await db.prisma.job.findUniqueOrThrow({ where: { key: 's' } })).status).toBe('done');

    // After stop, nothing more is picked up.
    await scheduleJob(db.prisma, { kind: 'slow', dueAt: new Date(Date.now() - 1000), payload: {}, key: 's2' });
    await new Promise((r) => setTimeout(r, 80));
    expect((await db.prisma.job.findUniqueOrThrow({ where: { key: 's2' } })).status).toBe('pending');
  });
});

async function waitFor(cond: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
