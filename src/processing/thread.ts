/**
 * Issue 12: the processing thread (a `worker_threads` Worker started by src/processing/host.ts).
 * It builds Reserva in the `processor` role — turns, effects, jobs, leases — on its own database
 * connection, so a backlog of turns never delays a webhook's acknowledgement on the HTTP thread.
 */
import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import { buildApp } from '../app.js';
import { profileWindow } from '../metrics/profile-window.js';
import { queryStats, queryStatsEnabled } from '../db/query-stats.js';
import type { FromProcessor, ToProcessor } from './protocol.js';

const port = parentPort;
if (!port) throw new Error('src/processing/thread.ts runs as a worker thread (started by src/processing/host.ts)');
const say = (m: FromProcessor) => port.postMessage(m);

// Webhooks first: on a busy machine the kernel gives a core to the HTTP thread before this one
// (Linux: this thread's own id from /proc/thread-self, PROCESSING_NICE above the HTTP thread's).
const { writeGate, nice, index } = (workerData ?? {}) as { writeGate?: Int32Array; nice?: number; index?: number };
try {
  const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
  if (Number.isInteger(tid) && nice) setPriority(tid, Math.min(19, getPriority(tid) + nice));
} catch {
  // not Linux, or not allowed: same priority as the HTTP thread
}

// Benchmarks: this thread's own profile, next to the main thread's.
const profileFile = process.env.RESERVA_PROFILE?.replace(/(\.cpuprofile)?$/, `.processing-${index ?? 0}.cpuprofile`);
const profiling = profileWindow(profileFile, { thread: 'processing' });

try {
  const reserva = await buildApp({ role: 'processor', writeGate });
  const backlog = setInterval(() => say({ t: 'backlog', n: reserva.engine.backlog() }), 250);
  backlog.unref();
  port.on('message', (m: ToProcessor) => {
    if (m.t === 'take') {
      const done = reserva.engine.take(m.phone, m.id !== undefined);
      if (m.id !== undefined) {
        const id = m.id;
        void done.finally(() => say({ t: 'settled', id }));
      }
    } else if (m.t === 'metrics') {
      void reserva.metrics.registry
        .getMetricsAsJSON()
        .then((metrics) => say({ t: 'metrics', id: m.id, metrics }))
        .catch(() => say({ t: 'metrics', id: m.id, metrics: [] }));
    } else if (m.t === 'profile') {
      profiling.start();
    } else if (m.t === 'close') {
      clearInterval(backlog);
      void reserva
        .close()
        .catch((err: unknown) => say({ t: 'failed', error: (err as Error).message }))
        .then(() => profiling.stop())
        .finally(() => {
          if (queryStatsEnabled && !profileFile) console.error(JSON.stringify({ queryStats, thread: 'processing' }));
          say({ t: 'closed' });
          port.close();
        });
    }
  });
  say({ t: 'ready', instanceId: reserva.engine.instanceId });
} catch (err) {
  say({ t: 'failed', error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  port.close();
}
