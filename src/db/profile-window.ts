/**
 * Benchmarks only (RESERVA_PROFILE=<file>): SIGUSR2 starts a CPU profile and zeroes the query and
 * CPU counters, so the profile covers the steady state, not start-up; `stop()` (at shutdown) writes
 * the profile and prints the counters of that window as one JSON line on stderr.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { queryStats } from './query-stats.js';

export function profileWindow(file: string | undefined) {
  if (!file) return { stop: async () => {} };
  const session = new Session();
  let started = false;
  let cpu0 = process.cpuUsage();
  let q0 = { ...queryStats };
  process.on('SIGUSR2', () => {
    if (started) return;
    started = true;
    session.connect();
    void session
      .post('Profiler.enable')
      .then(() => session.post('Profiler.setSamplingInterval', { interval: 500 }))
      .then(() => session.post('Profiler.start'));
    cpu0 = process.cpuUsage();
    q0 = { ...queryStats };
  });
  return {
    async stop() {
      if (!started) return;
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(file, JSON.stringify(profile));
      const cpu = process.cpuUsage(cpu0);
      const window = {
        queries: queryStats.queries - q0.queries,
        prisma: queryStats.prisma - q0.prisma,
        driver: queryStats.driver - q0.driver,
        cpuMicros: cpu.user + cpu.system,
      };
      console.error(JSON.stringify({ queryStats: window }));
    },
  };
}
