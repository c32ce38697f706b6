/**
 * `npm run bench:webhook`: signed-webhook ingest throughput (verify signature, parse, store in the
 * durable inbox, answer 200) next to a no-op Fastify POST route, measured in the same run, same
 * process, same HTTP client. Processing of the stored messages is paused, so the figure is what
 * Meta waits for. Target: ≥ 50 % of the no-op route.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request, Agent } from 'node:http';
import Fastify from 'fastify';
import { buildApp } from '../src/app.js';
import { signBody } from '../src/whatsapp/signature.js';
import { textMessage, wrapWebhook } from '../test/support/whatsapp-payloads.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const SECRET = 'bench-secret';

function post(
  agent: Agent,
  port: number,
  path: string,
  body: Buffer,
  headers: Record<string, string>,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': String(body.length), ...headers },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function measure(
  name: string,
  port: number,
  path: string,
  makeBody: (i: number) => { body: Buffer; headers: Record<string, string> },
) {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  let i = 0;
  let ok = 0;
  let bad = 0;
  const until = Date.now() + SECONDS * 1000;
  const worker = async () => {
    while (Date.now() < until) {
      const { body, headers } = makeBody(i++);
      const status = await post(agent, port, path, body, headers);
      if (status === 200) ok++;
      else bad++;
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const secs = (performance.now() - t0) / 1000;
  agent.destroy();
  const rps = ok / secs;
  const detail = `${ok} ok, ${bad} not 200, ${secs.toFixed(1)} s, ${CONCURRENCY} concurrent`;
  console.log(`${name.padEnd(34)} ${rps.toFixed(0).padStart(7)} req/s  (${detail})`);
  return rps;
}

const noop = Fastify();
noop.post('/noop', async () => ({ received: true })); // parses the same JSON body, does nothing with it
const noopAddress = new URL(await noop.listen({ port: 0, host: '127.0.0.1' }));

const dir = mkdtempSync(join(tmpdir(), 'reserva-bench-'));
const reserva = await buildApp({
  env: {
    DATABASE_URL: `file:${join(dir, 'bench.db')}`,
    WHATSAPP_APP_SECRET: SECRET,
    WHATSAPP_VERIFY_TOKEN: 'x',
    LOG_LEVEL: 'silent',
    DEMO_SEED: '0',
    SIMULATOR: '0',
  },
  worker: false,
});
// Measure ingest only: keep stored messages pending instead of processing them during the run.
reserva.engine.pauseProcessing();
const appAddress = new URL(await reserva.app.listen({ port: 0, host: '127.0.0.1' }));

// Bodies are built and signed before the clock starts, so both routes get the same client work
// and the same bytes: a real WhatsApp delivery, each with its own message id.
const POOL = Number(process.env.BENCH_POOL ?? 200_000);
const deliveries = Array.from({ length: POOL }, (_, i) => {
  const body = Buffer.from(
    JSON.stringify(
      wrapWebhook(
        textMessage({
          from: `3460${String(i % 5000).padStart(7, '0')}`,
          name: 'Bench',
          text: 'hola, ¿tenéis hueco mañana?',
          id: `wamid.bench.${i}`,
        }),
      ),
    ),
  );
  return { body, headers: { 'x-hub-signature-256': signBody(body, SECRET) } };
});
console.log(`Reserva webhook ingest benchmark (${SECONDS} s each, ${CONCURRENCY} concurrent, database: SQLite file)`);
const base = await measure('no-op Fastify POST route', Number(noopAddress.port), '/noop', (i) => deliveries[i % POOL]!);
const ours = await measure(
  'signed WhatsApp webhook → inbox',
  Number(appAddress.port),
  '/webhooks/whatsapp',
  (i) => deliveries[i % POOL]!,
);
const share = (ours / base) * 100;
console.log(`ingest / no-op = ${share.toFixed(1)} %  (target ≥ 50 %) ${share >= 50 ? 'MET' : 'NOT MET'}`);
console.log(`messages stored: ${await reserva.db.prisma.inboxMessage.count()}`);
await noop.close();
await reserva.close();
rmSync(dir, { recursive: true, force: true });
