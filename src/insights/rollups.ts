/**
 * Daily rollups of the three big sources of the insight figures — outbound messages, bookings and
 * statechart steps — so /admin/metrics sums a few rows per business day instead of every row of the
 * period (see README "Insights", Speed).
 *
 * Kept incrementally and exactly:
 * - Database triggers (migration 0090) append to `InsightDirty` on every insert and update that can
 *   change a figure, whoever writes (the engine's raw SQL, Prisma, another process): the source and a
 *   time whose business day must be recomputed. A booking's day is also marked when one of its
 *   reminders, or the answer to one (the message's `tappedAt`), changes (its reminder path).
 * - `refreshRollups` recomputes each marked day from the rows (one grouped query per day, upserted),
 *   plus the days of bookings whose appointment ended since the last refresh (`ended` depends on the
 *   clock), then removes exactly the markers it read. It runs before every /admin/metrics query and as
 *   a durable job (src/insights/service.ts), so today's still-changing day is always current.
 * - Deletions (retention, erasure) are not marked: the aggregated figures outlive the rows.
 *
 * A day is "YYYY-MM-DD" in the business time zone. Each source is one aggregate over [$1, $2) with
 * the clock as $3; the same query fills the rollup and computes the partial days at a period's ends.
 */
import type { Db } from '../db/client.js';
import { daysBetween, dayOfStored, dayStart, nextDay, type PeriodSplit } from './days.js';
import { bind, n, type Sql } from './sql.js';

export type Source = 'message' | 'booking' | 'appointment' | 'step';

export interface RollupSpec {
  source: Source;
  table: string;
  dims: string[];
  measures: string[];
  /** The aggregate over rows whose time is in [$1, $2); $3 is now. Selects dims then measures. */
  aggregate: string;
  /** The time column that places a row in a day (for the first build). */
  time: { table: string; column: string };
}

const sentAt = (a: string) => `COALESCE(${a}."sentAt", ${a}."createdAt")`;
const interactive = `o."kind" IN ('buttons', 'list', 'template')`;
/** A reminder that reached WhatsApp and did not fail. */
const REMINDER_REACHED = `m."purpose" LIKE 'reminder%' AND m."waMessageId" IS NOT NULL AND m."status" <> 'failed'`;

export const ROLLUPS: Record<Source, RollupSpec> = {
  message: {
    source: 'message',
    table: 'InsightMessageDay',
    dims: ['purpose', 'template', 'failCode', 'language'],
    measures: ['total', 'sent', 'delivered', 'read', 'failed', 'interactiveDelivered', 'clicked'],
    aggregate: `SELECT COALESCE(o."purpose", 'other') AS "purpose", COALESCE(o."template", '') AS "template",
        CASE WHEN o."status" = 'failed' THEN COALESCE(CAST(o."errorCode" AS TEXT), 'none') ELSE '' END AS "failCode",
        COALESCE(c."language", 'unknown') AS "language",
        count(*) AS "total", count(o."waMessageId") AS "sent", count(o."deliveredAt") AS "delivered",
        count(o."readAt") AS "read", sum(CASE WHEN o."status" = 'failed' THEN 1 ELSE 0 END) AS "failed",
        sum(CASE WHEN ${interactive} AND o."deliveredAt" IS NOT NULL THEN 1 ELSE 0 END) AS "interactiveDelivered",
        sum(CASE WHEN ${interactive} AND o."deliveredAt" IS NOT NULL AND o."tappedAt" IS NOT NULL
             THEN 1 ELSE 0 END) AS "clicked"
      FROM "OutboundMessage" o LEFT JOIN "Contact" c ON c."phone" = o."phone"
      WHERE ${sentAt('o')} >= $1 AND ${sentAt('o')} < $2
      GROUP BY 1, 2, 3, 4`,
    time: { table: 'OutboundMessage', column: sentAt('"OutboundMessage"') },
  },
  booking: {
    source: 'booking',
    table: 'InsightBookingDay',
    dims: ['eventTypeId', 'path', 'language'],
    measures: ['bookings', 'cancelled', 'ended', 'noShows'],
    // Bookings by the day they were made. A rescheduled booking lives on as its replacement. Each
    // booking's reminders are looked up by its uid (index), never by scanning the reminders.
    aggregate: `SELECT b."eventTypeId" AS "eventTypeId",
        CASE WHEN b."first" IS NULL THEN 'notReminded'
             WHEN b."attendeeConfirmedAt" IS NOT NULL AND b."attendeeConfirmedAt" >= b."first"
               THEN 'confirmedFromReminder'
             WHEN b."answered" > 0 THEN 'remindedOther'
             ELSE 'remindedSilent' END AS "path",
        b."language" AS "language",
        count(*) AS "bookings",
        sum(CASE WHEN b."status" = 'cancelled' THEN 1 ELSE 0 END) AS "cancelled",
        sum(CASE WHEN b."status" <> 'cancelled' AND b."end" <= $3 THEN 1 ELSE 0 END) AS "ended",
        sum(CASE WHEN b."status" <> 'cancelled' AND b."end" <= $3 AND b."noShow" THEN 1 ELSE 0 END) AS "noShows"
      FROM (SELECT x."eventTypeId", x."status", x."end", x."noShow", x."attendeeConfirmedAt",
              COALESCE(c."language", 'unknown') AS "language",
              (SELECT min(${sentAt('m')}) FROM "OutboundMessage" m
                WHERE m."bookingUid" = x."uid" AND ${REMINDER_REACHED}) AS "first",
              (SELECT count(m."tappedAt") FROM "OutboundMessage" m
                WHERE m."bookingUid" = x."uid" AND ${REMINDER_REACHED}) AS "answered"
            FROM "Booking" x LEFT JOIN "Contact" c ON c."id" = x."contactId"
            WHERE x."createdAt" >= $1 AND x."createdAt" < $2 AND x."status" <> 'rescheduled') b
      GROUP BY 1, 2, 3`,
    time: { table: 'Booking', column: '"createdAt"' },
  },
  appointment: {
    source: 'appointment',
    table: 'InsightAppointmentDay',
    dims: [],
    measures: ['appointments'],
    aggregate: `SELECT count(*) AS "appointments" FROM "Booking"
      WHERE "start" >= $1 AND "start" < $2 AND "status" NOT IN ('cancelled', 'rescheduled')
      HAVING count(*) > 0`,
    time: { table: 'Booking', column: '"start"' },
  },
  step: {
    source: 'step',
    table: 'InsightStepDay',
    dims: ['fromState', 'toState', 'event'],
    measures: ['count', 'misunderstood'],
    aggregate: `SELECT "fromState", "toState", "event", count(*) AS "count", count("text") AS "misunderstood"
      FROM "ConversationStep" WHERE "at" >= $1 AND "at" < $2 GROUP BY 1, 2, 3`,
    time: { table: 'ConversationStep', column: '"at"' },
  },
};

/** The aggregate's parameters: the range, and the clock only when it uses it (Postgres must type every one). */
function params(sql: Sql, spec: RollupSpec, from: Date, to: Date, now: Date): unknown[] {
  const p = [sql.ts(from), sql.ts(to)];
  return spec.aggregate.includes('$3') ? [...p, sql.ts(now)] : p;
}

export type RollupRow = Record<string, unknown> & { day: string };

/** Runs `$1`-style SQL on either driver. */
export function querier(prisma: Db, sql: Sql) {
  return <T>(text: string, ...params: unknown[]) => {
    const [t, p] = bind(sql.dialect, text, params);
    return prisma.$queryRawUnsafe<T[]>(t, ...p);
  };
}

/** A source's rows for a period: whole days from its rollup, partial days aggregated from the rows. */
export async function rollupRows(
  prisma: Db,
  sql: Sql,
  spec: RollupSpec,
  split: PeriodSplit,
  now: Date,
): Promise<RollupRow[]> {
  const q = querier(prisma, sql);
  const cols = [...spec.dims, ...spec.measures].map((c) => `"${c}"`).join(', ');
  const [whole, ...parts] = await Promise.all([
    split.days
      ? q<RollupRow>(
          `SELECT "day", ${cols} FROM "${spec.table}" WHERE "day" >= $1 AND "day" <= $2`,
          split.days.first,
          split.days.last,
        )
      : Promise.resolve([] as RollupRow[]),
    ...split.partials.map((p) =>
      q<Record<string, unknown>>(spec.aggregate, ...params(sql, spec, p.from, p.to, now)).then((rows) =>
        rows.map((r) => ({ ...r, day: p.day })),
      ),
    ),
  ]);
  return [...whole, ...parts.flat()];
}

/** Recomputes one business day of a source's rollup from its rows (idempotent; safe to run twice at once). */
export async function recomputeDay(prisma: Db, sql: Sql, spec: RollupSpec, day: string, zone: string, now: Date) {
  const from = dayStart(day, zone);
  const to = dayStart(nextDay(day), zone);
  const cols = [...spec.dims, ...spec.measures].map((c) => `"${c}"`).join(', ');
  const keys = ['day', ...spec.dims].map((c) => `"${c}"`).join(', ');
  const updates = spec.measures.map((m) => `"${m}" = excluded."${m}"`).join(', ');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`not a YYYY-MM-DD day: ${JSON.stringify(day)}`);
  const del = bind(sql.dialect, `DELETE FROM "${spec.table}" WHERE "day" = $1`, [day]);
  const ins = bind(
    sql.dialect,
    `INSERT INTO "${spec.table}" ("day", ${cols})
       SELECT '${day}', a.* FROM (${spec.aggregate}) a WHERE true
       ON CONFLICT (${keys}) DO UPDATE SET ${updates}`,
    params(sql, spec, from, to, now),
  );
  await prisma.$transaction([prisma.$executeRawUnsafe(del[0], ...del[1]), prisma.$executeRawUnsafe(ins[0], ...ins[1])]);
}

const MARK_BUILT = 'built';
const MARK_ENDED = 'endedUntil';
const BATCH = 20_000;

/**
 * Brings the rollups up to date: the first time, every day that has rows; then the days marked since
 * the last refresh, and those of bookings that ended since then. Returns how many days it recomputed.
 */
export async function refreshRollups(prisma: Db, sql: Sql, zone: string, now: Date): Promise<number> {
  const q = querier(prisma, sql);
  const dirty: Record<Source, Set<string>> = {
    message: new Set(),
    booking: new Set(),
    appointment: new Set(),
    step: new Set(),
  };
  const marks = await prisma.insightMark.findMany();
  const mark = (name: string) => marks.find((m) => m.name === name)?.at ?? null;

  if (!mark(MARK_BUILT)) {
    for (const spec of Object.values(ROLLUPS)) {
      const [r] = await q<{ lo: unknown; hi: unknown }>(
        `SELECT min(${spec.time.column}) AS "lo", max(${spec.time.column}) AS "hi" FROM "${spec.time.table}"`,
      );
      if (r?.lo && r.hi) {
        const lo = new Date(dayStart(dayOfStored(r.lo, zone), zone));
        const hi = new Date(dayStart(dayOfStored(r.hi, zone), zone));
        for (const d of daysBetween(lo, hi, zone)) dirty[spec.source].add(d);
      }
    }
  }

  const queued = await q<{ seq: unknown; source: string; at: unknown }>(
    `SELECT "seq", "source", "at" FROM "InsightDirty" ORDER BY "seq" LIMIT ${BATCH}`,
  );
  for (const r of queued) dirty[r.source as Source]?.add(dayOfStored(r.at, zone));

  // Bookings whose appointment ended between the last refresh and now: their `ended` changed.
  const endedUntil = mark(MARK_ENDED);
  if (endedUntil && endedUntil.getTime() !== now.getTime()) {
    const [lo, hi] = endedUntil < now ? [endedUntil, now] : [now, endedUntil];
    const rows = await q<{ createdAt: unknown }>(
      `SELECT DISTINCT "createdAt" FROM "Booking" WHERE "end" > $1 AND "end" <= $2`,
      sql.ts(lo),
      sql.ts(hi),
    );
    for (const r of rows) dirty.booking.add(dayOfStored(r.createdAt, zone));
  }

  let days = 0;
  for (const source of Object.keys(dirty) as Source[]) {
    for (const day of [...dirty[source]].sort()) {
      await recomputeDay(prisma, sql, ROLLUPS[source], day, zone, now);
      days++;
    }
  }
  // Exactly the markers read (a marker committed meanwhile stays for the next refresh).
  const seqs = queued.map((r) => n(r.seq));
  for (let i = 0; i < seqs.length; i += 1000) {
    const chunk = seqs.slice(i, i + 1000);
    await prisma.$executeRawUnsafe(`DELETE FROM "InsightDirty" WHERE "seq" IN (${chunk.join(', ')})`);
  }
  const setMark = (name: string) =>
    prisma.insightMark.upsert({ where: { name }, create: { name, at: now }, update: { at: now } });
  if (!mark(MARK_BUILT)) await setMark(MARK_BUILT);
  await setMark(MARK_ENDED);
  // More markers than one batch: go on.
  if (queued.length === BATCH) days += await refreshRollups(prisma, sql, zone, now);
  return days;
}
