/**
 * Counts database statements when RESERVA_QUERY_STATS=1 (benchmarks: queries per turn). Off by
 * default: nothing is counted and nothing is printed.
 */
export const queryStatsEnabled = process.env.RESERVA_QUERY_STATS === '1';
export const queryStats = { queries: 0, prisma: 0, driver: 0 };

export function countDriver(n = 1): void {
  if (!queryStatsEnabled) return;
  queryStats.queries += n;
  queryStats.driver += n;
}

export function countPrisma(): void {
  if (!queryStatsEnabled) return;
  queryStats.queries++;
  queryStats.prisma++;
}
