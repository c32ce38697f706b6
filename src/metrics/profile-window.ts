/**
 * Benchmarks only (RESERVA_PROFILE=<file>): SIGUSR2 starts a CPU profile and zeroes the query and
 * CPU counters, so the profile covers the steady state, not start-up; `stop()` (at shutdown) writes
 * the profile and prints the counters of that window as one JSON line on stderr. A thread other
 * than the main one (the processing thread, issue 12) gets no signals: its window is opened by
 * `start()` when the main thread relays SIGUSR2 (`onStart`).
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { isMainThread } from 'node:worker_threads';
import { queryStats } from '../db/query-stats.js';

export function profileWindow(file: string | undefined, o: { thread?: string; onStart?: () => void } = {}) {
  if (!file) return { start: () => {}, stop: async () => {} };
  const session = new Session();
  let started = false;
  let cpu0 = process.cpuUsage();
  let q0 = { ...queryStats };
  const start = () => {
    if (started) return;
    started = true;
    session.connect();
    void session
      .post('Profiler.enable')
      .then(() => session.post('Profiler.setSamplingInterval', { interval: 500 }))
      .then(() => session.post('Profiler.start'));
    cpu0 = process.cpuUsage();
    q0 = { ...queryStats };
    o.onStart?.();
  };
  if (isMainThread) process.on('SIGUSR2', start);
  return {
    start,
    async stop() {
      if (!started) return;
      const { profile } = await session.post('Profiler.stop');
      writeFileSync(file, JSON.stringify(profile));
      const cpu = process.cpuUsage(cpu0);
      const window = {
        queries: queryStats.queries - q0.queries,
        prisma: queryStats.prisma - q0.prisma,
        driver: queryStats.driver - q0.driver,
        // The whole process's CPU (every thread): the bench reads it from the main thread's line.
        cpuMicros: cpu.user + cpu.system,
      };
      console.error(JSON.stringify({ queryStats: window, thread: o.thread ?? 'main' }));
    },
  };
}
