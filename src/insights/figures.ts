/**
 * The insight figures (issue 15), computed from stored data: outbound messages and their statuses,
 * taps (replies naming a message as context), bookings, statechart steps, hand-offs, contacts and
 * feedback. Messages, bookings, appointments and steps come from the daily rollups (rollups.ts) by
 * business day; the rest are small indexed queries; rates are computed here. Definitions: README
 * "Insights".
 */
import type { Db } from '../db/client.js';
import { splitPeriod, weekOf } from './days.js';
import { MESSAGE_KINDS } from './kinds.js';
import { querier, rollupRows, ROLLUPS } from './rollups.js';
import { bind, n, type Sql } from './sql.js';

export type Granularity = 'day' | 'week';

export interface MessageFigures {
  total: number;
  sent: number;
  delivered: number;
  read: number;
  failed: number;
  /** Interactive messages delivered, and those answered by a tap or a reply in their context. */
  interactiveDelivered: number;
  clicked: number;
  deliveryRate: number | null;
  readRate: number | null;
  clickThroughRate: number | null;
}

export interface BookingFigures {
  bookings: number;
  cancelled: number;
  /** Appointments that have ended and were not cancelled: kept or no-show. */
  ended: number;
  noShows: number;
  cancellationRate: number | null;
  noShowRate: number | null;
}

/**
 * What happened around a booking's reminders: confirmed after one; answered one otherwise (cancel,
 * reschedule, a question); reminded but said nothing; never reached by a reminder (none sent, or failed).
 */
export type ReminderPath = 'confirmedFromReminder' | 'remindedOther' | 'remindedSilent' | 'notReminded';
export const REMINDER_PATHS: ReminderPath[] = [
  'confirmedFromReminder',
  'remindedOther',
  'remindedSilent',
  'notReminded',
];

export interface StateFunnel {
  state: string;
  entered: number;
  exited: Record<string, number>;
  timedOut: number;
  /** Share of entries that did not move on: timed out, or still there at the end of the period. */
  dropOff: number | null;
}

export interface Metrics {
  from: string;
  to: string;
  granularity: Granularity;
  deliveryRate: number | null;
  readRate: number | null;
  clickThroughRate: number | null;
  noShowRate: number | null;
  cancellationRate: number | null;
  /** Bookings made in the period (by the business day they were made), whatever their appointment date. */
  bookings: number;
  /** Appointments in the period (by the business day they start), not cancelled or moved. */
  appointments: number;
  messages: MessageFigures;
  byMessageKind: Record<string, MessageFigures>;
  byTemplate: Record<string, MessageFigures>;
  failuresByErrorCode: Record<string, number>;
  byReminderPath: Record<ReminderPath, BookingFigures>;
  byEventType: Record<string, BookingFigures>;
  /**
   * By the person's language (es, en, pt; the default locale when never set): their messages and their
   * bookings. The language is the one known when the day was last computed.
   */
  byLanguage: Record<string, { messages: MessageFigures; bookings: BookingFigures }>;
  series: Array<{
    period: string;
    sent: number;
    delivered: number;
    read: number;
    bookings: number;
    cancelled: number;
    noShows: number;
    ended: number;
    appointments: number;
    deliveryRate: number | null;
    readRate: number | null;
    cancellationRate: number | null;
    noShowRate: number | null;
  }>;
  funnel: Record<string, { states: StateFunnel[] }>;
  timeToBooking: { bookings: number; medianMinutes: number | null; meanMinutes: number | null };
  unknownIntents: { count: number; items: Array<{ at: string; text: string }> };
  handoffs: { total: number; byReason: Record<string, number>; byEnd: Record<string, number> };
  optOuts: number;
  marketingConsent: { contacts: number; consented: number; rate: number | null };
  feedback: { count: number; distribution: Record<string, number>; average: number | null };
}

const rate = (num: number, den: number): number | null => (den > 0 ? Math.round((num / den) * 10_000) / 10_000 : null);

const emptyMessages = (): MessageFigures => ({
  total: 0,
  sent: 0,
  delivered: 0,
  read: 0,
  failed: 0,
  interactiveDelivered: 0,
  clicked: 0,
  deliveryRate: null,
  readRate: null,
  clickThroughRate: null,
});
const emptyBookings = (): BookingFigures => ({
  bookings: 0,
  cancelled: 0,
  ended: 0,
  noShows: 0,
  cancellationRate: null,
  noShowRate: null,
});

function finishMessages(m: MessageFigures): MessageFigures {
  m.deliveryRate = rate(m.delivered, m.sent);
  m.readRate = rate(m.read, m.delivered);
  m.clickThroughRate = rate(m.clicked, m.interactiveDelivered);
  return m;
}
function finishBookings(b: BookingFigures): BookingFigures {
  b.cancellationRate = rate(b.cancelled, b.bookings);
  b.noShowRate = rate(b.noShows, b.ended);
  return b;
}

export { weekOf };

export const TIMEOUT_EVENTS = new Set(['SESSION_TIMEOUT', 'HANDOFF_TIMEOUT']);

/** "booking.choosing" → machine booking, state choosing; "idle" → machine conversation. */
export function splitState(path: string): { machine: string; state: string } {
  const dot = path.indexOf('.');
  return dot < 0
    ? { machine: 'conversation', state: path }
    : { machine: path.slice(0, dot), state: path.slice(dot + 1) };
}

export interface FigureOptions {
  from: Date;
  to: Date;
  granularity: Granularity;
  now: Date;
  /** The business time zone: days and weeks are its calendar days (BUSINESS_TIMEZONE). */
  timeZone: string;
  /** The language of people whose language was never set: the bot spoke to them in this one (DEFAULT_LOCALE). */
  defaultLocale?: string;
}

/**
 * The figures for [from, to). Messages, bookings and statechart steps come from the daily rollups for
 * whole business days and from the rows for partial days at the ends (src/insights/rollups.ts; run
 * `refreshRollups` first — the insights service does); the rest are small queries on the rows.
 */
export async function computeMetrics(prisma: Db, sql: Sql, o: FigureOptions): Promise<Metrics> {
  const q = querier(prisma, sql);
  const from = sql.ts(o.from);
  const to = sql.ts(o.to);
  const split = splitPeriod(o.from, o.to, o.timeZone);
  const rows = (source: keyof typeof ROLLUPS) => rollupRows(prisma, sql, ROLLUPS[source], split, o.now);

  const [msgRows, bookingRows, stepRows, appointmentRows, timeRows, unknownRows, handoffRows, optOut, consent, fbRows] =
    await Promise.all([
      rows('message'),
      rows('booking'),
      rows('step'),
      rows('appointment'),
      timeToBookingRows(prisma, sql, from, to),
      q<{ at: unknown; text: string | null }>(
        `SELECT "at", "text" FROM "ConversationStep" WHERE "text" IS NOT NULL AND "at" >= $1 AND "at" < $2
         ORDER BY "at" DESC LIMIT 100`,
        from,
        to,
      ),
      q<{ reason: string; endedBy: string | null; count: unknown }>(
        `SELECT "reason", "endedBy", count(*) AS "count" FROM "Handoff"
         WHERE "startedAt" >= $1 AND "startedAt" < $2 GROUP BY 1, 2`,
        from,
        to,
      ),
      q<{ count: unknown }>(
        `SELECT count(*) AS "count" FROM "Contact" WHERE "optedOutAt" >= $1 AND "optedOutAt" < $2`,
        from,
        to,
      ),
      q<{ contacts: unknown; consented: unknown }>(
        `SELECT count(*) AS "contacts", sum(CASE WHEN "marketingConsent" THEN 1 ELSE 0 END) AS "consented"
         FROM "Contact"`,
      ),
      q<{ rating: unknown; count: unknown }>(
        `SELECT f."rating", count(*) AS "count" FROM "Feedback" f JOIN "Booking" b ON b."id" = f."bookingId"
         WHERE b."start" >= $1 AND b."start" < $2 GROUP BY 1`,
        from,
        to,
      ),
    ]);

  const periodOf = (day: string) => (o.granularity === 'week' ? weekOf(day) : day);
  const series = new Map<string, Metrics['series'][number]>();
  const point = (day: string) => {
    const p = periodOf(day);
    let s = series.get(p);
    if (!s)
      series.set(
        p,
        (s = {
          period: p,
          sent: 0,
          delivered: 0,
          read: 0,
          bookings: 0,
          cancelled: 0,
          noShows: 0,
          ended: 0,
          appointments: 0,
          deliveryRate: null,
          readRate: null,
          cancellationRate: null,
          noShowRate: null,
        }),
      );
    return s;
  };

  const all = emptyMessages();
  // Every known kind is listed (zeros when none went out), then any other stored purpose.
  const byKind: Record<string, MessageFigures> = Object.fromEntries(MESSAGE_KINDS.map((k) => [k, emptyMessages()]));
  const byTemplate: Record<string, MessageFigures> = {};
  const failuresByErrorCode: Record<string, number> = {};
  const byLanguage: Metrics['byLanguage'] = {};
  const language = (l: unknown) => {
    const key = l === null || l === undefined || l === 'unknown' ? (o.defaultLocale ?? 'unknown') : String(l);
    return (byLanguage[key] ??= { messages: emptyMessages(), bookings: emptyBookings() });
  };
  for (const r of msgRows) {
    const add = (m: MessageFigures) => {
      m.total += n(r.total);
      m.sent += n(r.sent);
      m.delivered += n(r.delivered);
      m.read += n(r.read);
      m.failed += n(r.failed);
      m.interactiveDelivered += n(r.interactiveDelivered);
      m.clicked += n(r.clicked);
    };
    add(all);
    add((byKind[String(r.purpose)] ??= emptyMessages()));
    if (r.template) add((byTemplate[String(r.template)] ??= emptyMessages()));
    add(language(r.language).messages);
    if (r.failCode)
      failuresByErrorCode[String(r.failCode)] = (failuresByErrorCode[String(r.failCode)] ?? 0) + n(r.failed);
    const s = point(r.day);
    s.sent += n(r.sent);
    s.delivered += n(r.delivered);
    s.read += n(r.read);
  }

  const bookingsAll = emptyBookings();
  const byReminderPath = Object.fromEntries(REMINDER_PATHS.map((p) => [p, emptyBookings()])) as Record<
    ReminderPath,
    BookingFigures
  >;
  const byEventType: Record<string, BookingFigures> = {};
  for (const r of bookingRows) {
    const add = (b: BookingFigures) => {
      b.bookings += n(r.bookings);
      b.cancelled += n(r.cancelled);
      b.ended += n(r.ended);
      b.noShows += n(r.noShows);
    };
    add(bookingsAll);
    add((byReminderPath[r.path as ReminderPath] ??= emptyBookings()));
    add((byEventType[String(n(r.eventTypeId))] ??= emptyBookings()));
    add(language(r.language).bookings);
    const s = point(r.day);
    s.bookings += n(r.bookings);
    s.cancelled += n(r.cancelled);
    s.ended += n(r.ended);
    s.noShows += n(r.noShows);
  }
  let appointments = 0;
  for (const r of appointmentRows) {
    appointments += n(r.appointments);
    point(r.day).appointments += n(r.appointments);
  }

  const funnel: Metrics['funnel'] = {};
  const stateOf = (path: string) => {
    const { machine, state } = splitState(path);
    const states = (funnel[machine] ??= { states: [] }).states;
    let f = states.find((s) => s.state === state);
    if (!f) states.push((f = { state, entered: 0, exited: {}, timedOut: 0, dropOff: null }));
    return f;
  };
  let misunderstood = 0;
  for (const r of stepRows) {
    misunderstood += n(r.misunderstood);
    const fromState = String(r.fromState);
    const toState = String(r.toState);
    const event = String(r.event);
    if (fromState === toState) continue;
    const count = n(r.count);
    const src = splitState(fromState);
    const dst = splitState(toState);
    const leave = (f: StateFunnel) => {
      f.exited[event] = (f.exited[event] ?? 0) + count;
      if (TIMEOUT_EVENTS.has(event)) f.timedOut += count;
    };
    leave(stateOf(fromState));
    stateOf(toState).entered += count;
    // The flows are states of the conversation chart too: entered from outside, left to elsewhere.
    if (src.machine !== dst.machine) {
      if (dst.machine !== 'conversation') stateOf(dst.machine).entered += count;
      if (src.machine !== 'conversation') leave(stateOf(src.machine));
    }
  }
  // Drop-off: entries that did not move on — timed out, or still there at the end of the period.
  for (const m of Object.values(funnel)) {
    m.states.sort((a, b) => b.entered - a.entered || a.state.localeCompare(b.state));
    for (const s of m.states) {
      const movedOn = Object.entries(s.exited).reduce((sum, [e, c]) => sum + (TIMEOUT_EVENTS.has(e) ? 0 : c), 0);
      s.dropOff = rate(Math.max(0, s.entered - movedOn), s.entered);
    }
  }

  const handoffs = { total: 0, byReason: {} as Record<string, number>, byEnd: {} as Record<string, number> };
  for (const r of handoffRows) {
    const c = n(r.count);
    handoffs.total += c;
    handoffs.byReason[r.reason] = (handoffs.byReason[r.reason] ?? 0) + c;
    const end = r.endedBy ?? 'open';
    handoffs.byEnd[end] = (handoffs.byEnd[end] ?? 0) + c;
  }

  const distribution: Record<string, number> = { '1': 0, '2': 0, '3': 0, '4': 0, '5': 0 };
  let fbCount = 0;
  let fbSum = 0;
  for (const r of fbRows) {
    const c = n(r.count);
    distribution[String(n(r.rating))] = (distribution[String(n(r.rating))] ?? 0) + c;
    fbCount += c;
    fbSum += c * n(r.rating);
  }

  finishMessages(all);
  finishBookings(bookingsAll);
  Object.values(byKind).forEach(finishMessages);
  Object.values(byTemplate).forEach(finishMessages);
  Object.values(byReminderPath).forEach(finishBookings);
  Object.values(byEventType).forEach(finishBookings);
  for (const l of Object.values(byLanguage)) {
    finishMessages(l.messages);
    finishBookings(l.bookings);
  }
  const contacts = n(consent[0]?.contacts);
  const consented = n(consent[0]?.consented);

  return {
    from: o.from.toISOString(),
    to: o.to.toISOString(),
    granularity: o.granularity,
    deliveryRate: all.deliveryRate,
    readRate: all.readRate,
    clickThroughRate: all.clickThroughRate,
    noShowRate: bookingsAll.noShowRate,
    cancellationRate: bookingsAll.cancellationRate,
    bookings: bookingsAll.bookings,
    appointments,
    messages: all,
    byMessageKind: byKind,
    byTemplate,
    failuresByErrorCode,
    byReminderPath,
    byEventType,
    byLanguage,
    series: [...series.values()]
      .sort((a, b) => a.period.localeCompare(b.period))
      .map((p) => ({
        ...p,
        deliveryRate: rate(p.delivered, p.sent),
        readRate: rate(p.read, p.delivered),
        cancellationRate: rate(p.cancelled, p.bookings),
        noShowRate: rate(p.noShows, p.ended),
      })),
    funnel,
    timeToBooking: timeRows,
    unknownIntents: {
      count: misunderstood,
      items: unknownRows.map((r) => ({
        at: new Date(String(r.at instanceof Date ? r.at.toISOString() : r.at)).toISOString(),
        text: r.text ?? '',
      })),
    },
    handoffs,
    optOuts: n(optOut[0]?.count),
    marketingConsent: { contacts, consented, rate: rate(consented, contacts) },
    feedback: { count: fbCount, distribution, average: fbCount ? Math.round((fbSum / fbCount) * 100) / 100 : null },
  };
}

/**
 * Minutes from a person's first message (their first recorded step) to their first booking (the
 * first BOOKED step), for first bookings made in the period.
 */
async function timeToBookingRows(
  prisma: Db,
  sql: Sql,
  from: Date | string,
  to: Date | string,
): Promise<Metrics['timeToBooking']> {
  // First bookings in the period (no BOOKED step before it), and the person's first step (index lookups).
  const pairs = `SELECT f."contactId", f."booked",
      (SELECT min(s."at") FROM "ConversationStep" s WHERE s."contactId" = f."contactId") AS "first"
    FROM (SELECT b."contactId", min(b."at") AS "booked" FROM "ConversationStep" b
          WHERE b."event" = 'BOOKED' AND b."at" >= $1 AND b."at" < $2
            AND NOT EXISTS (SELECT 1 FROM "ConversationStep" e
                            WHERE e."contactId" = b."contactId" AND e."event" = 'BOOKED' AND e."at" < $1)
          GROUP BY b."contactId") f`;
  if (sql.dialect === 'postgres') {
    const rows = await prisma.$queryRawUnsafe<Array<{ count: unknown; median: unknown; mean: unknown }>>(
      `SELECT count(*) AS "count",
         percentile_cont(0.5) WITHIN GROUP (ORDER BY EXTRACT(EPOCH FROM (p."booked" - p."first")) / 60) AS "median",
         avg(EXTRACT(EPOCH FROM (p."booked" - p."first")) / 60) AS "mean"
       FROM (${pairs}) p`,
      from,
      to,
    );
    const r = rows[0];
    const count = n(r?.count);
    return {
      bookings: count,
      medianMinutes: count ? Math.round(n(r?.median) * 10) / 10 : null,
      meanMinutes: count ? Math.round(n(r?.mean) * 10) / 10 : null,
    };
  }
  const [text, params] = bind(
    sql.dialect,
    `SELECT (julianday(p."booked") - julianday(p."first")) * 1440 AS "minutes" FROM (${pairs}) p ORDER BY 1`,
    [from, to],
  );
  const rows = await prisma.$queryRawUnsafe<Array<{ minutes: unknown }>>(text, ...params);
  const mins = rows.map((r) => n(r.minutes));
  if (!mins.length) return { bookings: 0, medianMinutes: null, meanMinutes: null };
  const mid = Math.floor(mins.length / 2);
  const median = mins.length % 2 ? (mins[mid] ?? 0) : ((mins[mid - 1] ?? 0) + (mins[mid] ?? 0)) / 2;
  const mean = mins.reduce((a, b) => a + b, 0) / mins.length;
  return {
    bookings: mins.length,
    medianMinutes: Math.round(median * 10) / 10,
    meanMinutes: Math.round(mean * 10) / 10,
  };
}
