/**
 * `bench:turns -- --floor`: the least any implementation of a turn must do, to know what this
 * machine and this load generator allow. A plain node:http server (no framework, no database, no
 * NLU, no statechart) that checks the webhook's signature, parses it, answers 200, marks the
 * message read and sends a one-line text reply to Graph on a keep-alive connection — the HTTP work
 * of a full turn and nothing else. Run as its own process (`node --import tsx floor-server.ts`),
 * configured by the same environment as the service.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { Agent, createServer, request } from 'node:http';

const env = process.env;
const secret = env.WHATSAPP_APP_SECRET ?? '';
const graph = new URL(`${env.WHATSAPP_GRAPH_URL}/${env.WHATSAPP_API_VERSION}/${env.WHATSAPP_PHONE_NUMBER_ID}/messages`);
const agent = new Agent({ keepAlive: true, maxSockets: 64 });

function post(body: object): Promise<void> {
  const raw = JSON.stringify(body);
  return new Promise((resolve) => {
    const req = request(
      {
        host: graph.hostname,
        port: graph.port,
        path: graph.pathname,
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(raw),
          authorization: `Bearer ${env.WHATSAPP_ACCESS_TOKEN}`,
        },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve());
      },
    );
    req.on('error', () => resolve());
    req.end(raw);
  });
}

interface Hook {
  entry?: Array<{ changes?: Array<{ value?: { messages?: Array<{ id: string; from: string }> } }> }>;
}

const server = createServer((req, res) => {
  if (req.method === 'GET') {
    res.end('ok'); // /healthz
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const raw = Buffer.concat(chunks);
    const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`);
    const got = Buffer.from(String(req.headers['x-hub-signature-256'] ?? ''));
    if (got.length !== expected.length || !timingSafeEqual(got, expected)) {
      res.writeHead(401).end();
      return;
    }
    const hook = JSON.parse(raw.toString('utf8')) as Hook;
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"received":true}');
    for (const e of hook.entry ?? [])
      for (const c of e.changes ?? [])
        for (const m of c.value?.messages ?? []) {
          void post({ messaging_product: 'whatsapp', status: 'read', message_id: m.id }).then(() =>
            post({
              messaging_product: 'whatsapp',
              to: m.from,
              type: 'text',
              text: { body: '¡Hola! ¿En qué puedo ayudarte?' },
            }),
          );
        }
  });
});
server.listen(Number(env.PORT), env.HOST ?? '127.0.0.1', () => console.log('Reserva floor server listening'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
