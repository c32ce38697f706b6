/** Insights: refresh the bookkeeping, then compute the figures for a period. One refresh at a time. */
import type { Db } from '../db/client.js';
import { computeMetrics, type Granularity, type Metrics } from './figures.js';
import { refreshInsights } from './refresh.js';
import { sqlFor, type Dialect } from './sql.js';

export interface Insights {
  metrics(q: { from: Date; to: Date; granularity: Granularity }): Promise<Metrics>;
  refresh(): Promise<void>;
}

/** More figures attached to the metrics reply, one field each (e.g. growth, issue 16). */
export type MetricsExtra = (q: { from: Date; to: Date; now: Date }) => Promise<Record<string, unknown>>;

export function createInsights(
  prisma: Db,
  o: { dialect: Dialect; now: () => Date; extras?: MetricsExtra[] },
): Insights {
  const sql = sqlFor(o.dialect);
  let running: Promise<void> | null = null;
  const refresh = () => {
    running ??= refreshInsights(prisma, sql).finally(() => {
      running = null;
    });
    return running;
  };
  return {
    refresh,
    async metrics(q) {
      await refresh();
      const m = await computeMetrics(prisma, sql, { ...q, now: o.now() });
      for (const extra of o.extras ?? []) Object.assign(m, await extra({ from: q.from, to: q.to, now: o.now() }));
      return m;
    },
  };
}
