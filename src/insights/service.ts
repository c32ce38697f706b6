/** Insights: refresh the bookkeeping, then compute the figures for a period. One refresh at a time. */
import type { Db } from '../db/client.js';
import { computeMetrics, type Granularity, type Metrics } from './figures.js';
import { refreshInsights } from './refresh.js';
import { sqlFor, type Dialect } from './sql.js';

export interface Insights {
  metrics(q: { from: Date; to: Date; granularity: Granularity }): Promise<Metrics>;
  refresh(): Promise<void>;
}

export function createInsights(prisma: Db, o: { dialect: Dialect; now: () => Date }): Insights {
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
      return computeMetrics(prisma, sql, { ...q, now: o.now() });
    },
  };
}
