/**
 * Issue 12: runs processing in its own thread. The HTTP thread stores webhooks in the durable
 * inbox and answers at once; the processing thread (src/processing/thread.ts) takes the turns.
 * A webhook's acknowledgement then never waits behind turns being processed, and processing has
 * a core of its own.
 *
 * The host hands work over (`handOver`), asks for the processing thread's metrics and backlog,
 * and stops it (drain, then exit). A processing thread that dies takes the process with it: the
 * service is restarted by its supervisor, and leases and the inbox make that safe.
 */
import type { Logger } from 'pino';
import type { FromProcessor, ToProcessor } from './protocol.js';
import { startWorker } from './worker.js';

export interface ProcessingThread {
  handOver(phone: string, settle: boolean): Promise<void>;
  backlog(): number;
  /** Each processing thread's metrics (`getMetricsAsJSON()`), one list per thread. */
  metrics(): Promise<object[][]>;
  /** Resolves once the processing thread has started (its engine is recovering work). */
  ready: Promise<void>;
  /** Benchmarks: opens the processing thread's CPU profile window (RESERVA_PROFILE). */
  startProfile(): void;
  /** Drains and stops the processing thread. */
  close(): Promise<void>;
}

/** The worker's entry: the compiled .js next to this file, or the .ts source under tsx. */
function entry(): URL {
  const self = import.meta.url;
  return new URL(self.endsWith('.ts') ? './thread.ts' : './thread.js', self);
}

export function startProcessingThread(o: {
  logger: Logger;
  onExit?: (code: number) => void;
  /** SQLite: the HTTP thread's write-priority gate, shared with the processing thread. */
  writeGate?: Int32Array;
  /** How much lower the processing thread's priority is (nice, Linux; PROCESSING_NICE). */
  nice?: number;
  /** Which of several processing threads (names its profile file). */
  index?: number;
}): ProcessingThread {
  const workerData = { writeGate: o.writeGate, nice: o.nice ?? 0, index: o.index ?? 0 };
  const file = entry();
  const worker = startWorker(file, { workerData });
  let backlog = 0;
  let nextId = 1;
  let closing = false;
  const waiting = new Map<number, (value: unknown) => void>();
  let readyResolve!: () => void;
  let readyReject!: (err: Error) => void;
  const ready = new Promise<void>((resolve, reject) => {
    readyResolve = resolve;
    readyReject = reject;
  });
  let closedResolve!: () => void;
  const closed = new Promise<void>((resolve) => (closedResolve = resolve));
  const send = (m: ToProcessor) => worker.postMessage(m);

  worker.on('message', (m: FromProcessor) => {
    if (m.t === 'backlog') backlog = m.n;
    else if (m.t === 'ready') readyResolve();
    else if (m.t === 'settled' || m.t === 'metrics') {
      const w = waiting.get(m.id);
      waiting.delete(m.id);
      w?.(m.t === 'metrics' ? m.metrics : undefined);
    } else if (m.t === 'failed') {
      o.logger.error({ error: m.error }, 'the processing thread failed');
      readyReject(new Error(`the processing thread could not start: ${m.error}`));
    } else if (m.t === 'closed') closedResolve();
  });
  worker.on('error', (err) => {
    o.logger.error({ err }, 'the processing thread crashed');
    readyReject(err);
  });
  worker.on('exit', (code) => {
    closedResolve();
    for (const w of waiting.values()) w([]);
    waiting.clear();
    if (!closing) {
      o.logger.fatal({ code }, 'the processing thread stopped unexpectedly: stopping the service');
      o.onExit?.(code || 1);
    }
  });

  const ask = <T>(make: (id: number) => ToProcessor): Promise<T> => {
    const id = nextId++;
    return new Promise<T>((resolve) => {
      waiting.set(id, resolve as (v: unknown) => void);
      send(make(id));
    });
  };

  return {
    ready,
    backlog: () => backlog,
    async handOver(phone, settle) {
      if (closing) return; // stored: the next start takes it
      if (!settle) return send({ t: 'take', phone });
      await ask<void>((id) => ({ t: 'take', phone, id }));
    },
    startProfile: () => send({ t: 'profile' }),
    metrics: async () => (closing ? [] : [await ask<object[]>((id) => ({ t: 'metrics', id }))]),
    async close() {
      if (closing) return closed;
      closing = true;
      send({ t: 'close' });
      await closed;
      await worker.terminate().catch(() => {});
    },
  };
}

/** A person's thread: the same one every time, so their turns never move between threads. */
export function threadOf(phone: string, n: number): number {
  let h = 2166136261;
  for (let i = 0; i < phone.length; i++) h = Math.imul(h ^ phone.charCodeAt(i), 16777619);
  return (h >>> 0) % n;
}

/**
 * PROCESSING_THREADS processing threads behind one facade: each person's work goes to one of them
 * (by phone), the backlog is their sum, /metrics sums them all. Each thread is an engine with its
 * own instance id and leases, exactly as separate instances are: a person another thread holds
 * (after a restart, or found by a thread's periodic scan) is left to it until its lease expires.
 */
export function startProcessingThreads(
  n: number,
  o: Omit<Parameters<typeof startProcessingThread>[0], 'index'>,
): ProcessingThread {
  const threads = Array.from({ length: Math.max(1, n) }, (_, index) => startProcessingThread({ ...o, index }));
  if (threads.length === 1) return threads[0]!;
  return {
    ready: Promise.all(threads.map((t) => t.ready)).then(() => {}),
    handOver: (phone, settle) => threads[threadOf(phone, threads.length)]!.handOver(phone, settle),
    backlog: () => threads.reduce((sum, t) => sum + t.backlog(), 0),
    metrics: async () => (await Promise.all(threads.map((t) => t.metrics()))).flat(),
    startProfile: () => threads.forEach((t) => t.startProfile()),
    close: async () => {
      await Promise.all(threads.map((t) => t.close()));
    },
  };
}
