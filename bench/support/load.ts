/**
 * What `bench:turns` and `chaos:kill` share: the fake Cal.com and fake Graph (test/fakes, real HTTP
 * servers), the service started the way `npm start` starts it (`node dist/src/main.js`, built
 * first), and a Meta-like client that posts signed webhooks (at most N in flight) and, like Meta,
 * posts a `sent` status for every message Graph accepted — with the biz_opaque_callback_data it
 * was given.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startFakeCalCom, type FakeCalCom } from '../../test/fakes/calcom-server.js';
import { startFakeGraph, type FakeGraph, type SentRecord } from '../../test/fakes/graph-server.js';
import { signBody } from '../../src/whatsapp/signature.js';
import { startWorker } from '../../src/processing/worker.js';
import { textMessage, wrapWebhook } from '../../test/support/whatsapp-payloads.js';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const APP_SECRET = 'bench-app-secret';
const GRAPH_TOKEN = 'bench-graph-token';
const PHONE_NUMBER_ID = '100000000000001';

export interface Fakes {
  graph: FakeGraph;
  cal: FakeCalCom;
  /** Called for every message Graph accepts. */
  onSent(listener: (r: SentRecord) => void): void;
  close(): Promise<void>;
}

export async function startFakes(now: () => Date = () => new Date()): Promise<Fakes> {
  const graph = await startFakeGraph({ accessToken: GRAPH_TOKEN, phoneNumberId: PHONE_NUMBER_ID });
  const cal = await startFakeCalCom({ now, timeZone: 'Europe/Madrid', requireEmail: false });
  const listeners: Array<(r: SentRecord) => void> = [];
  const push = graph.sent.push.bind(graph.sent);
  graph.sent.push = (...items: SentRecord[]) => {
    const n = push(...items);
    for (const r of items) for (const l of listeners) l(r);
    return n;
  };
  return {
    graph,
    cal,
    onSent: (l) => listeners.push(l),
    async close() {
      await graph.close();
      await cal.close();
    },
  };
}

export function serviceEnv(
  fakes: Fakes,
  o: { databaseUrl: string; port: number; extra?: Record<string, string> },
): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    PORT: String(o.port),
    HOST: '127.0.0.1',
    DATABASE_URL: o.databaseUrl,
    BUSINESS_TIMEZONE: 'Europe/Madrid',
    DEFAULT_LOCALE: 'es',
    WHATSAPP_GRAPH_URL: fakes.graph.url,
    WHATSAPP_API_VERSION: 'v23.0',
    WHATSAPP_ACCESS_TOKEN: GRAPH_TOKEN,
    WHATSAPP_PHONE_NUMBER_ID: PHONE_NUMBER_ID,
    WHATSAPP_APP_SECRET: APP_SECRET,
    WHATSAPP_VERIFY_TOKEN: 'bench',
    WHATSAPP_MESSAGES_PER_SECOND: '1000',
    CAL_API_URL: fakes.cal.url,
    CAL_API_KEY: fakes.cal.apiKey,
    CAL_EVENT_TYPE_ID: String(fakes.cal.eventTypeId),
    CAL_WEBHOOK_SECRET: 'bench-cal-secret',
    LOG_LEVEL: 'warn',
    RATE_LIMIT_PER_MINUTE: '1000000',
    // The benchmark measures how far it goes; on a shared machine a starved process shows
    // second-long event-loop delays, which would turn into 503s (Meta would redeliver later).
    OVERLOAD_BACKLOG: '10000000',
    ...o.extra,
  };
}

export interface Service {
  child: ChildProcess;
  url: string;
  /** stdout + stderr lines. */
  output: string[];
  exited: Promise<number | null>;
  /** SIGTERM, and wait for the exit. */
  stop(): Promise<number | null>;
  kill9(): Promise<void>;
}

/** Starts `node dist/src/main.js` (what `npm start` runs after building) and waits until it answers. */
export async function startService(
  env: Record<string, string>,
  o: { nodeArgs?: string[]; entry?: 'dist' | 'tsx' | 'floor' } = {},
): Promise<Service> {
  const main =
    o.entry === 'tsx'
      ? join(ROOT, 'src', 'main.ts')
      : o.entry === 'floor'
        ? join(ROOT, 'bench', 'support', 'floor-server.ts')
        : join(ROOT, 'dist', 'src', 'main.js');
  const child = spawn(process.execPath, [...(o.nodeArgs ?? []), main], {
    env,
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const collect = (b: Buffer) => output.push(...b.toString('utf8').split('\n').filter(Boolean));
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = `http://127.0.0.1:${env.PORT}`;
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`the service exited at start (${child.exitCode}):\n${output.slice(-20).join('\n')}`);
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline)
      throw new Error(`the service did not answer /healthz within 120 s:\n${output.slice(-20).join('\n')}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    child,
    url,
    output,
    exited,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
    async kill9() {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** A Meta-like webhook client: signed bodies, keep-alive, at most `inFlight` requests at once. */
export function inThreadWebhookClient(urls: string[], inFlight: number) {
  const agents = urls.map(() => new Agent({ keepAlive: true, maxSockets: inFlight }));
  let active = 0;
  const queue: Array<() => void> = [];
  let rr = 0;
  const acquire = () =>
    new Promise<void>((resolve) => {
      if (active < inFlight) {
        active++;
        resolve();
      } else queue.push(resolve);
    });
  const releaseSlot = () => {
    const next = queue.shift();
    if (next) next();
    else active--;
  };
  function postOnce(target: number, raw: string): Promise<{ status: number; ms: number }> {
    const u = new URL(urls[target] ?? urls[0] ?? '');
    const body = Buffer.from(raw);
    const t0 = performance.now();
    return new Promise((resolve) => {
      const req = request(
        {
          host: u.hostname,
          port: u.port,
          path: '/webhooks/whatsapp',
          method: 'POST',
          agent: agents[target],
          timeout: 10_000,
          headers: {
            'content-type': 'application/json',
            'content-length': String(body.length),
            'x-hub-signature-256': signBody(raw, APP_SECRET),
          },
        },
        (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: performance.now() - t0 }));
        },
      );
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', () => resolve({ status: 0, ms: performance.now() - t0 }));
      req.end(body);
    });
  }
  return {
    /** Posts to the instances in turn; a refused connection (instance down) goes to the next one. */
    async post(raw: string): Promise<{ status: number; ms: number }> {
      await acquire();
      try {
        const first = rr++ % urls.length;
        for (let i = 0; i < urls.length; i++) {
          const r = await postOnce((first + i) % urls.length, raw);
          if (r.status !== 0) return r;
        }
        return { status: 0, ms: 0 };
      } finally {
        releaseSlot();
      }
    },
    close() {
      for (const a of agents) a.destroy();
    },
  };
}

/**
 * The same client in a thread of its own (bench/support/webhook-client-thread.ts), so the acks it
 * times are not delayed by this process's own event loop (which also runs the fake Graph and
 * Cal.com under load).
 */
export function webhookClient(urls: string[], inFlight: number) {
  const worker = startWorker(new URL('./webhook-client-thread.ts', import.meta.url), {
    workerData: { urls, inFlight },
  });
  worker.unref();
  let nextId = 1;
  const waiting = new Map<number, (r: { status: number; ms: number }) => void>();
  worker.on('message', (m: { id: number; status: number; ms: number }) => {
    waiting.get(m.id)?.({ status: m.status, ms: m.ms });
    waiting.delete(m.id);
  });
  return {
    post(raw: string): Promise<{ status: number; ms: number }> {
      const id = nextId++;
      return new Promise((resolve) => {
        waiting.set(id, resolve);
        worker.postMessage({ id, raw });
      });
    },
    close() {
      void worker.terminate();
    },
  };
}

export function textWebhook(o: { from: string; name: string; text: string; id: string; at: Date }): string {
  return JSON.stringify(
    wrapWebhook(textMessage({ from: o.from, name: o.name, text: o.text, id: o.id, timestamp: o.at })),
  );
}

/** A `sent` status webhook as Meta posts it, echoing biz_opaque_callback_data. */
export function statusWebhook(records: Array<{ id: string; to: string; callback?: string }>, at: Date): string {
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: 'bench',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550000000', phone_number_id: PHONE_NUMBER_ID },
              statuses: records.map((r) => ({
                id: r.id,
                status: 'sent',
                timestamp: String(Math.floor(at.getTime() / 1000)),
                recipient_id: r.to,
                ...(r.callback ? { biz_opaque_callback_data: r.callback } : {}),
              })),
            },
          },
        ],
      },
    ],
  });
}

export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}
