/**
 * npm run bench:insights — every /admin/metrics query on Postgres with 1 M outbound messages and
 * 100 k bookings (plus 300 k statechart steps, 150 k taps, 20 k contacts): seeded with
 * generate_series in a throw-away database, the daily rollups built (and one incremental refresh
 * timed), then each query timed (median of 5 runs, after one warm-up) for a 28-day and a 90-day
 * period ending at midnight UTC (01:00 in Madrid, the business zone: partial days at both ends).
 * Target: every query under 200 ms. Stops by itself: the whole run is bounded by BENCH_TIMEOUT_MS
 * (default 10 min), and the database is dropped.
 *
 * Options (env): TEST_POSTGRES_URL (admin connection), BENCH_MESSAGES (1000000), BENCH_BOOKINGS (100000),
 * BENCH_KEEP_DB=1 (keep the database and print its URL, to profile queries; drop it yourself).
 */
import { performance } from 'node:perf_hooks';
import pino from 'pino';
import { openDatabase } from '../src/db/client.js';
import { computeMetrics } from '../src/insights/figures.js';
import { refreshInsights } from '../src/insights/refresh.js';
import { sqlFor } from '../src/insights/sql.js';
import { createPgDatabase, postgresReachable, PG_ADMIN_URL } from '../test/support/postgres.js';

const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 1_000_000);
const BOOKINGS = Number(process.env.BENCH_BOOKINGS ?? 100_000);
const CONTACTS = 20_000;
const STEPS = 300_000;
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_MS ?? 600_000);
const DAYS = 120; // the data spans 120 days ending at NOW
const NOW = new Date('2026-11-30T00:00:00Z');
const TARGET_MS = 200;
const ZONE = 'Europe/Madrid';

const log = pino({ level: 'warn' });

async function main() {
  const killer = setTimeout(() => {
    console.error(`bench:insights: gave up after ${TIMEOUT_MS} ms (BENCH_TIMEOUT_MS)`);
    process.exit(2);
  }, TIMEOUT_MS);
  killer.unref();
  if (!(await postgresReachable())) {
    console.log(
      `bench:insights: Postgres not reachable at ${PG_ADMIN_URL.replace(/\/\/[^@]*@/, '//')}; ` +
        'set TEST_POSTGRES_URL. Skipped.',
    );
    return;
  }
  const pgdb = await createPgDatabase('bench_insights');
  const db = await openDatabase(pgdb.url);
  try {
    const t0 = performance.now();
    await seed(db.prisma);
    console.log(
      `seeded ${MESSAGES} messages, ${BOOKINGS} bookings, ${STEPS} steps ` +
        `in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
    );
    const sql = sqlFor('postgres');
    // First refresh: taps, then every day of the rollups built from the rows.
    const r0 = performance.now();
    await refreshInsights(db.prisma, sql, { timeZone: ZONE, now: NOW });
    const built = performance.now() - r0;
    // An incremental refresh after a burst of today's activity: 2,000 status updates, 200 bookings.
    await db.prisma.$executeRawUnsafe(`UPDATE "OutboundMessage" SET "readAt" = "deliveredAt", "status" = 'read'
      WHERE "id" IN (SELECT "id" FROM "OutboundMessage" WHERE "readAt" IS NULL AND "deliveredAt" IS NOT NULL
                     ORDER BY COALESCE("sentAt", "createdAt") DESC LIMIT 2000)`);
    await db.prisma.$executeRawUnsafe(`UPDATE "Booking" SET "noShow" = true
      WHERE "id" IN (SELECT "id" FROM "Booking" ORDER BY "createdAt" DESC LIMIT 200)`);
    const r1 = performance.now();
    await refreshInsights(db.prisma, sql, { timeZone: ZONE, now: new Date(NOW.getTime() + 60_000) });
    const incremental = performance.now() - r1;
    console.log(
      `rollups built from the rows in ${(built / 1000).toFixed(1)} s; ` +
        `incremental refresh after 2,000 status updates and 200 booking changes: ${incremental.toFixed(0)} ms`,
    );

    // Each query of computeMetrics, timed on its own (the route runs them concurrently).
    const timed = new Map<string, number[]>();
    const original = db.prisma.$queryRawUnsafe.bind(db.prisma);
    (db.prisma as unknown as { $queryRawUnsafe: typeof original }).$queryRawUnsafe = (async (
      q: string,
      ...params: unknown[]
    ) => {
      const start = performance.now();
      const r = await original(q, ...params);
      const label = labelOf(q);
      const list = timed.get(label) ?? [];
      list.push(performance.now() - start);
      timed.set(label, list);
      return r;
    }) as typeof original;

    const rows: Array<[string, string, number]> = [];
    let worst = 0;
    for (const days of [28, 90]) {
      const from = new Date(NOW.getTime() - days * 86_400_000);
      const opts = { from, to: NOW, granularity: 'day' as const, now: NOW, timeZone: ZONE };
      // Sequential, one query at a time, so each time is the query's own.
      await computeSequential(db.prisma, sql, opts, original);
      timed.clear();
      const totals: number[] = [];
      for (let i = 0; i < 5; i++) {
        const s = performance.now();
        await computeSequential(db.prisma, sql, opts, original);
        totals.push(performance.now() - s);
      }
      for (const [label, list] of timed) {
        const med = median(list);
        worst = Math.max(worst, med);
        rows.push([`${days} d`, label, med]);
      }
      const whole: number[] = [];
      for (let i = 0; i < 5; i++) {
        const s = performance.now();
        await computeMetrics(db.prisma, sql, opts);
        whole.push(performance.now() - s);
      }
      rows.push([`${days} d`, 'whole /admin/metrics (concurrent queries)', median(whole)]);
      rows.push([`${days} d`, 'sum of the queries, one at a time', median(totals)]);
    }
    console.log('\nperiod | query | median ms');
    console.log('--- | --- | ---:');
    for (const [p, q, ms] of rows) console.log(`${p} | ${q} | ${ms.toFixed(1)}`);
    console.log(
      `\nslowest single query: ${worst.toFixed(1)} ms (target < ${TARGET_MS} ms): ${worst < TARGET_MS ? 'OK' : 'OVER'}`,
    );
    void log;
  } finally {
    await db.close();
    if (process.env.BENCH_KEEP_DB) console.log(`kept the database for EXPLAIN ANALYZE: ${pgdb.url}`);
    else await pgdb.drop();
  }
}

/** computeMetrics with its queries run one after another (a shim that awaits each in turn). */
async function computeSequential(
  prisma: Parameters<typeof computeMetrics>[0],
  sql: ReturnType<typeof sqlFor>,
  opts: Parameters<typeof computeMetrics>[2],
  _original: unknown,
) {
  let chain: Promise<unknown> = Promise.resolve();
  const wrapped = prisma.$queryRawUnsafe;
  (prisma as unknown as { $queryRawUnsafe: unknown }).$queryRawUnsafe = (q: string, ...p: unknown[]) => {
    const next = chain.then(() => wrapped(q, ...p));
    chain = next.catch(() => {});
    return next;
  };
  try {
    await computeMetrics(prisma, sql, opts);
  } finally {
    (prisma as unknown as { $queryRawUnsafe: unknown }).$queryRawUnsafe = wrapped;
  }
}

function labelOf(q: string): string {
  const s = q.replace(/\s+/g, ' ');
  if (s.includes('percentile_cont')) return 'time to booking';
  if (s.includes('FROM "InsightMessageDay"')) return 'messages: whole days (rollup)';
  if (s.includes('FROM "InsightBookingDay"')) return 'bookings: whole days (rollup)';
  if (s.includes('FROM "InsightStepDay"')) return 'funnel: whole days (rollup)';
  if (s.includes('"OutboundMessage" o LEFT JOIN "Contact"')) return 'messages: partial days (rows)';
  if (s.includes('FROM (SELECT x."eventTypeId"')) return 'bookings: partial days (rows)';
  if (s.includes('FROM "InsightAppointmentDay"')) return 'appointments: whole days (rollup)';
  if (s.includes('AS "appointments" FROM "Booking"')) return 'appointments: partial days (rows)';
  if (s.includes('"fromState", "toState"')) return 'funnel: partial days (rows)';
  if (s.includes('"text" FROM "ConversationStep"')) return 'misunderstood texts';
  if (s.includes('"Handoff"')) return 'hand-offs';
  if (s.includes('"optedOutAt"')) return 'opt-outs';
  if (s.includes('"marketingConsent"')) return 'marketing consent';
  if (s.includes('"Feedback"')) return 'feedback scores';
  return s.slice(0, 40);
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
};

async function seed(prisma: Awaited<ReturnType<typeof openDatabase>>['prisma']) {
  const now = `'${NOW.toISOString().slice(0, 19).replace('T', ' ')}'::timestamp`;
  const span = `(random() * ${DAYS} * 86400)::int * interval '1 second'`;
  const exec = (q: string) => prisma.$executeRawUnsafe(q);
  // Bulk seeding: the rollup triggers stay off (the first refresh builds every day from the rows).
  const tables = ['OutboundMessage', 'Booking', 'MessageTap', 'ConversationStep'];
  for (const t of tables) await exec(`ALTER TABLE "${t}" DISABLE TRIGGER USER`);
  await exec(`INSERT INTO "Contact" ("id", "phone", "marketingConsent", "createdAt", "updatedAt", "optedOutAt")
    SELECT 'c' || i, (34600000000 + i)::text, random() < 0.3, ${now} - ${span}, ${now},
      CASE WHEN random() < 0.02 THEN ${now} - ${span} END
    FROM generate_series(1, ${CONTACTS}) i`);
  await exec(`INSERT INTO "Booking" ("id", "uid", "contactId", "provider", "eventTypeId", "start", "end", "status",
      "attendeeConfirmedAt", "noShow", "createdAt", "updatedAt")
    SELECT 'b' || i, 'uid' || i, 'c' || (1 + i % ${CONTACTS}), 'calcom', 1000 + i % 3, s, s + interval '30 minutes',
      CASE WHEN r < 0.12 THEN 'cancelled' ELSE 'accepted' END,
      CASE WHEN r >= 0.12 AND r < 0.6 THEN s - interval '20 hours' END,
      r >= 0.9, s - interval '3 days', s - interval '3 days'
    FROM (SELECT i, ${now} - ${span} + interval '10 days' AS s, random() AS r
          FROM generate_series(1, ${BOOKINGS}) i) x
    ORDER BY s`);
  // Rows go in in time order, as they do in production (appended as things happen).
  // Messages: one 24 h reminder per booking for 80 % of them; the rest replies and notices.
  const reminders = Math.floor(BOOKINGS * 0.8);
  await exec(`INSERT INTO "OutboundMessage" ("id", "waMessageId", "phone", "kind", "body", "status", "errorCode",
      "sentAt", "deliveredAt", "readAt", "createdAt", "updatedAt", "purpose", "bookingUid", "template", "tappedAt")
    SELECT 'm' || i, 'wamid.' || i, (34600000000 + i % ${CONTACTS})::text,
      CASE WHEN i <= ${reminders} THEN 'template' WHEN i % 3 = 0 THEN 'buttons' ELSE 'text' END,
      '{}', CASE WHEN r < 0.03 THEN 'failed' WHEN r < 0.5 THEN 'read' ELSE 'delivered' END,
      CASE WHEN r < 0.03 THEN (ARRAY[131047, 131026, 130429, 131056])[1 + (i % 4)] END,
      t, CASE WHEN r >= 0.03 THEN t + interval '5 seconds' END,
      CASE WHEN r >= 0.03 AND r < 0.5 THEN t + interval '5 minutes' END,
      t, t,
      CASE WHEN i <= ${reminders} THEN 'reminder24h' WHEN i % 7 = 0 THEN 'confirmation'
           WHEN i % 11 = 0 THEN 'feedbackQuestion' ELSE 'reply.offerSlots' END,
      CASE WHEN i <= ${reminders} THEN 'uid' || i END,
      CASE WHEN i <= ${reminders} THEN 'appointment_reminder' END,
      CASE WHEN i % 7 = 0 THEN t + interval '10 minutes' END
    FROM (SELECT i, ${now} - ${span} AS t, random() AS r FROM generate_series(1, ${MESSAGES}) i) x
    ORDER BY t`);
  await exec(`INSERT INTO "MessageTap" ("waMessageId", "at", "inboxSeq")
    SELECT 'wamid.' || i, ${now} - ${span}, i FROM generate_series(1, ${MESSAGES}) i WHERE i % 7 = 0`);
  const states =
    "(ARRAY['idle','booking.searching','booking.choosing','booking.holding','booking.confirming'," +
    "'feedback.awaitingRating'])";
  await exec(`INSERT INTO "ConversationStep"
      ("id", "contactId", "at", "fromState", "toState", "event", "intent", "text")
    SELECT 's' || i, 'c' || (1 + i % ${CONTACTS}), t, ${states}[1 + i % 6], ${states}[1 + (i + 1) % 6],
      (ARRAY['USER','SLOTS_LOADED','HOLD_OK','BOOKED','SESSION_TIMEOUT'])[1 + i % 5],
      CASE WHEN i % 5 = 0 THEN (ARRAY['book','unknown','confirm'])[1 + i % 3] END,
      CASE WHEN i % 97 = 0 THEN 'texto no entendido ' || i END
    FROM (SELECT i, ${now} - ${span} AS t FROM generate_series(1, ${STEPS}) i) x
    ORDER BY t`);
  await exec(`INSERT INTO "InsightWatermark" ("name", "value") VALUES ('inbox', 0)`);
  for (const t of tables) await exec(`ALTER TABLE "${t}" ENABLE TRIGGER USER`);
  await exec('ANALYZE');
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
