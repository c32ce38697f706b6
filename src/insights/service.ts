/**
 * Insights: refresh the bookkeeping (taps, daily rollups), then compute the figures for a period.
 * One refresh at a time per process; a durable job (`insights.refresh`, every
 * INSIGHTS_REFRESH_MINUTES) keeps the rollups current between requests so a request has little to do
 * (refreshMinutes 0 turns the job off: only for tests and benches that refresh by hand).
 *
 * Extension point — more figures in the same output: a module with figures of its own (e.g. growth's
 * upsell / win-back conversion per A/B variant, issue 16) registers a `FigureProvider` with
 * `insights.addFigures(provider)` (in src/app.ts, where the services are composed). /admin/metrics
 * then carries its result as one extra field named `provider.field`, computed for the same period,
 * granularity, clock and time zone, and /admin/metrics.csv gets its lines (section = the field).
 * A provider reads with its own queries (keep each under the 200 ms budget: `npm run bench:insights`).
 */
import type { Db } from '../db/client.js';
import { scheduleJob, type JobHandler } from '../scheduler/index.js';
import { computeMetrics, type Granularity, type Metrics } from './figures.js';
import { refreshInsights } from './refresh.js';
import { sqlFor, type Dialect, type Sql } from './sql.js';

/** What a figure provider is asked for: the period and the handles to read it. */
export interface FigureQuery {
  prisma: Db;
  sql: Sql;
  from: Date;
  to: Date;
  granularity: Granularity;
  now: Date;
  timeZone: string;
}

/** Extra figures attached to /admin/metrics as one field (see the module comment). */
export interface FigureProvider<T = unknown> {
  /** The JSON field it fills, e.g. "growth"; not one of the built-in fields. */
  field: string;
  compute(q: FigureQuery): Promise<T>;
  /** Its CSV lines as [key, figure, value]; default: every scalar in it, keyed by its path. */
  csv?(value: T): Array<[key: string, figure: string, value: unknown]>;
}

export type MetricsWithExtras = Metrics & Record<string, unknown>;

export interface Insights {
  metrics(q: { from: Date; to: Date; granularity: Granularity }): Promise<MetricsWithExtras>;
  refresh(): Promise<void>;
  addFigures(provider: FigureProvider): void;
  readonly providers: readonly FigureProvider[];
  /** The refresh job's handler, for the worker. */
  readonly jobHandlers: Record<string, JobHandler>;
  /** Schedules the next refresh job (idempotent: every instance may call it at start). */
  start(): Promise<void>;
}

export const REFRESH_JOB = 'insights.refresh';

const BUILT_IN = new Set<string>([
  'from',
  'to',
  'granularity',
  'deliveryRate',
  'readRate',
  'clickThroughRate',
  'noShowRate',
  'cancellationRate',
  'bookings',
  'appointments',
  'messages',
  'byMessageKind',
  'byTemplate',
  'failuresByErrorCode',
  'byReminderPath',
  'byEventType',
  'byLanguage',
  'series',
  'funnel',
  'timeToBooking',
  'unknownIntents',
  'handoffs',
  'optOuts',
  'marketingConsent',
  'feedback',
]);

export function createInsights(
  prisma: Db,
  o: { dialect: Dialect; now: () => Date; timeZone: string; defaultLocale?: string; refreshMinutes?: number },
): Insights {
  const sql = sqlFor(o.dialect);
  const providers: FigureProvider[] = [];
  const everyMs = (o.refreshMinutes ?? 10) * 60_000;
  let running: Promise<void> | null = null;
  const refresh = () => {
    running ??= refreshInsights(prisma, sql, { timeZone: o.timeZone, now: o.now() }).finally(() => {
      running = null;
    });
    return running;
  };
  /** The refresh slot after `at` (keys are per slot, so instances agree on one job per slot). */
  const nextSlot = (at: Date) => new Date((Math.floor(at.getTime() / everyMs) + 1) * everyMs);
  const schedule = (dueAt: Date) =>
    scheduleJob(
      prisma,
      { kind: REFRESH_JOB, key: `${REFRESH_JOB}:${dueAt.toISOString()}`, dueAt, payload: {} },
      {
        now: o.now,
      },
    );
  return {
    refresh,
    providers,
    addFigures(p) {
      if (BUILT_IN.has(p.field) || providers.some((x) => x.field === p.field))
        throw new Error(`insights: a figure provider named "${p.field}" would replace an existing field; pick another`);
      providers.push(p);
    },
    async metrics(q) {
      await refresh();
      const now = o.now();
      const base = await computeMetrics(prisma, sql, {
        ...q,
        now,
        timeZone: o.timeZone,
        defaultLocale: o.defaultLocale,
      });
      const extras = await Promise.all(
        providers.map(async (p) => [p.field, await p.compute({ prisma, sql, ...q, now, timeZone: o.timeZone })]),
      );
      return { ...base, ...Object.fromEntries(extras) } as MetricsWithExtras;
    },
    jobHandlers: {
      [REFRESH_JOB]: async () => {
        await refresh();
        if (everyMs > 0) await schedule(nextSlot(o.now()));
      },
    },
    async start() {
      if (everyMs > 0) await schedule(nextSlot(o.now()));
    },
  };
}
