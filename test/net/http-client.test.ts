import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpFailure, nodeHttp, viaFetch, type HttpSend } from '../../src/net/http-client.js';

let servers: Server[] = [];
afterEach(async () => {
  for (const s of servers) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
  servers = [];
});

async function serve(handler: Parameters<typeof createServer>[1]): Promise<{ url: string; connections: () => number }> {
  const server = createServer(handler);
  let connections = 0;
  server.on('connection', () => connections++);
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, connections: () => connections };
}

const failureOf = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a failure');
    },
    (e: unknown) => e as HttpFailure,
  );

const clients: Array<[string, HttpSend]> = [
  ['node:http', nodeHttp],
  ['a given fetch', viaFetch(fetch)],
];

describe.each(clients)('HTTP client (%s)', (_name, send) => {
  it('sends method, headers and body; answers status, headers and text for any status', async () => {
    const { url } = await serve((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (c: string) => (body += c));
      req.on('end', () => {
        res.writeHead(req.url === '/missing' ? 404 : 201, { 'content-type': 'application/json', 'retry-after': '7' });
        res.end(JSON.stringify({ method: req.method, path: req.url, auth: req.headers.authorization, body }));
      });
    });
    const r = await send(`${url}/v2/things?x=1`, {
      method: 'POST',
      headers: { authorization: 'Bearer k', 'content-type': 'application/json' },
      body: '{"name":"Núñez 👍"}',
      timeoutMs: 2000,
    });
    expect([r.status, r.header('Retry-After'), r.header('x-none')]).toEqual([201, '7', null]);
    expect(JSON.parse(r.text)).toEqual({
      method: 'POST',
      path: '/v2/things?x=1',
      auth: 'Bearer k',
      body: '{"name":"Núñez 👍"}',
    });
    const missing = await send(`${url}/missing`, { method: 'GET', headers: {}, timeoutMs: 2000 });
    expect([missing.status, missing.statusText]).toEqual([404, 'Not Found']);
  });

  it('a server that never answers: a timeout, reported as such', async () => {
    const { url } = await serve(() => {
      /* never answers */
    });
    const started = Date.now();
    const err = await failureOf(send(url, { method: 'POST', headers: {}, body: 'x', timeoutMs: 100 }));
    expect(err).toBeInstanceOf(HttpFailure);
    expect([err.timedOut, err.message]).toEqual([true, 'no answer within 100 ms']);
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it('a body that stops half-way: a timeout too (the whole exchange is timed)', async () => {
    const { url } = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
      res.write('{"messages":');
    });
    const err = await failureOf(send(url, { method: 'POST', headers: {}, body: 'x', timeoutMs: 150 }));
    expect(err.timedOut).toBe(true);
  });

  it('nothing listening: a failure with code ECONNREFUSED (surely not delivered)', async () => {
    const { url } = await serve(() => {});
    servers[0]!.close();
    await new Promise((r) => setTimeout(r, 20));
    const err = await failureOf(send(url, { method: 'POST', headers: {}, body: 'x', timeoutMs: 2000 }));
    expect([err instanceof HttpFailure, err.timedOut, err.code]).toEqual([true, false, 'ECONNREFUSED']);
  });
});

describe('HTTP client on node:http', () => {
  it('keeps the connection alive across requests', async () => {
    const { url, connections } = await serve((_req, res) => res.end('{}'));
    for (let i = 0; i < 20; i++) await nodeHttp(url, { method: 'POST', headers: {}, body: '{}', timeoutMs: 2000 });
    expect(connections()).toBe(1);
  });

  it('a connection dropped mid-answer is a failure with a code, not a timeout (it may have arrived)', async () => {
    const { url } = await serve((req, res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('{"messages":');
      setTimeout(() => req.socket.destroy(), 10);
    });
    const err = await failureOf(nodeHttp(url, { method: 'POST', headers: {}, body: 'x', timeoutMs: 2000 }));
    expect([err instanceof HttpFailure, err.timedOut, typeof err.code]).toEqual([true, false, 'string']);
    expect(err.code).not.toBe('ECONNREFUSED');
  });

  it('a server closing idle connections early does not break the next request', async () => {
    const { url, connections } = await serve((_req, res) => res.end('{}'));
    servers[0]!.keepAliveTimeout = 50;
    await nodeHttp(url, { method: 'GET', headers: {}, timeoutMs: 2000 });
    await new Promise((r) => setTimeout(r, 150));
    const r = await nodeHttp(url, { method: 'GET', headers: {}, timeoutMs: 2000 });
    expect([r.status, connections()]).toEqual([200, 2]);
  });
});
