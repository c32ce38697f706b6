/**
 * Issue 12: the processing thread (a `worker_threads` Worker started by src/processing/host.ts).
 * It builds Reserva in the `processor` role — turns, effects, jobs, leases — on its own database
 * connection, so a backlog of turns never delays a webhook's acknowledgement on the HTTP thread.
 */
import { parentPort } from 'node:worker_threads';
import { buildApp } from '../app.js';
import type { FromProcessor, ToProcessor } from './protocol.js';

const port = parentPort;
if (!port) throw new Error('src/processing/thread.ts runs as a worker thread (started by src/processing/host.ts)');
const say = (m: FromProcessor) => port.postMessage(m);

try {
  const reserva = await buildApp({ role: 'processor' });
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
    } else if (m.t === 'close') {
      clearInterval(backlog);
      void reserva
        .close()
        .catch((err: unknown) => say({ t: 'failed', error: (err as Error).message }))
        .finally(() => {
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
