/**
 * Every route answers a failure without internals: no Prisma error text, no SQL, no file paths, no
 * stack — a stable message and the request id (the details are in the log). Each route is made to
 * fail for real: the database loses its tables under the running service, and the simulator's page
 * files disappear from the folder it was given.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type Reserva } from '../../src/app.js';
import { INTERNAL_ERROR_MESSAGE } from '../../src/http/errors.js';
import { defaultPublicDir } from '../../src/simulator/assets.js';
import { signBody } from '../../src/whatsapp/signature.js';
import { textMessage, wrapWebhook } from '../support/whatsapp-payloads.js';
import { ADMIN_SECRET, token } from '../support/admin.js';

const APP_SECRET = 'errors-app-secret';
const CAL_SECRET = 'errors-cal-secret';

/** What must never reach a client: database text, SQL, paths, stacks. */
const INTERNALS = [
  /prisma/i,
  /sqlite/i,
  /no such table/i,
  /SELECT|INSERT|UPDATE/,
  /ENOENT/,
  /node_modules/,
  /\/tmp\//,
  /\/work\//,
  /\bat .+:\d+:\d+/,
];

function expectNoInternals(body: string, dir: string) {
  for (const pattern of INTERNALS) expect(body, `body leaks ${pattern}: ${body}`).not.toMatch(pattern);
  expect(body).not.toContain(dir);
}

describe('5xx answers carry no internals, on every route', () => {
  let dir: string;
  let publicDir: string;
  let reserva: Reserva;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'reserva-errors-'));
    publicDir = join(dir, 'public');
    cpSync(defaultPublicDir(), publicDir, { recursive: true });
    reserva = await buildApp({
      env: {
        DATABASE_URL: `file:${join(dir, 'reserva.db')}`,
        BUSINESS_TIMEZONE: 'Europe/Madrid',
        WHATSAPP_APP_SECRET: APP_SECRET,
        WHATSAPP_VERIFY_TOKEN: 'errors-verify-token',
        CAL_WEBHOOK_SECRET: CAL_SECRET,
        SIMULATOR: 'on',
        ADMIN_JWT_SECRET: ADMIN_SECRET,
        DEMO_SEED: '0',
        LOG_LEVEL: 'silent',
      },
      worker: false,
      simulatorPublicDir: publicDir,
    });
    // Break the service's dependencies under it: every table gone, the page files gone.
    const tables = await reserva.db.prisma.$queryRawUnsafe<Array<{ name: string }>>(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    );
    await reserva.db.prisma.$executeRawUnsafe('PRAGMA foreign_keys = OFF');
    for (const { name } of tables) await reserva.db.prisma.$executeRawUnsafe(`DROP TABLE "${name}"`);
    rmSync(publicDir, { recursive: true, force: true });
  });

  afterAll(async () => {
    await reserva?.close().catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  });

  const inject = (opts: { method?: 'GET' | 'POST'; url: string; payload?: string; headers?: Record<string, string> }) =>
    reserva.app.inject({ method: opts.method ?? 'GET', url: opts.url, payload: opts.payload, headers: opts.headers });

  it('GET /healthz: 503, database not reachable', async () => {
    const res = await inject({ url: '/healthz' });
    expect(res.statusCode).toBe(503);
    expect(res.json()).toEqual({ status: 'unavailable', error: 'database not reachable' });
    expectNoInternals(res.body, dir);
  });

  it('POST /webhooks/whatsapp: 500 with the stable message and the request id (Meta retries)', async () => {
    const raw = JSON.stringify(wrapWebhook([textMessage({ from: '34600111222', id: 'wamid.errors-1', text: 'hola' })]));
    const res = await inject({
      method: 'POST',
      url: '/webhooks/whatsapp',
      payload: raw,
      headers: { 'content-type': 'application/json', 'x-hub-signature-256': signBody(raw, APP_SECRET) },
    });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: INTERNAL_ERROR_MESSAGE, requestId: expect.any(String) });
    expectNoInternals(res.body, dir);
  });

  it('POST /webhooks/cal: 500 with the stable message and the request id (Cal.com retries)', async () => {
    const raw = JSON.stringify({ triggerEvent: 'BOOKING_CANCELLED', payload: { uid: 'errors-1' } });
    const signature = createHmac('sha256', CAL_SECRET).update(raw).digest('hex');
    const res = await inject({
      method: 'POST',
      url: '/webhooks/cal',
      payload: raw,
      headers: { 'content-type': 'application/json', 'x-cal-signature-256': signature },
    });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: INTERNAL_ERROR_MESSAGE, requestId: expect.any(String) });
    expectNoInternals(res.body, dir);
  });

  it.each(['/simulator', '/simulator/assets/app.js'])('GET %s: 500 when the page files are gone', async (url) => {
    const res = await inject({ url });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: INTERNAL_ERROR_MESSAGE, requestId: expect.any(String) });
    expectNoInternals(res.body, dir);
  });

  it('GET /simulator/api/contacts: 500 with the stable message', async () => {
    const res = await inject({ url: '/simulator/api/contacts' });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: INTERNAL_ERROR_MESSAGE, requestId: expect.any(String) });
    expectNoInternals(res.body, dir);
  });

  it('GET /simulator/api/conversations/:phone: 500 with the stable message', async () => {
    const res = await inject({ url: '/simulator/api/conversations/34600111222' });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ error: INTERNAL_ERROR_MESSAGE, requestId: expect.any(String) });
    expectNoInternals(res.body, dir);
  });

  it('POST /simulator/api/messages and /simulator/api/read: 503, try again, no internals', async () => {
    const message = await inject({
      method: 'POST',
      url: '/simulator/api/messages',
      payload: JSON.stringify({ from: '34600111222', text: 'hola' }),
      headers: { 'content-type': 'application/json' },
    });
    expect(message.statusCode).toBe(503);
    expect(message.json()).toMatchObject({ message: 'The engine could not store the message; try again' });
    expectNoInternals(message.body, dir);

    const read = await inject({
      method: 'POST',
      url: '/simulator/api/read',
      payload: JSON.stringify({ phone: '34600111222', messageIds: ['wamid.out-1'] }),
      headers: { 'content-type': 'application/json' },
    });
    expect(read.statusCode).toBe(503);
    expect(read.json()).toMatchObject({ message: 'The engine could not store the receipts; try again' });
    expectNoInternals(read.body, dir);
  });

  it.each(['/admin/contacts', '/admin/conversations'])(
    'GET %s (admin API, its own handler): 500, no internals',
    async (url) => {
      const res = await inject({ url, headers: { authorization: `Bearer ${token('viewer')}` } });
      expect(res.statusCode).toBe(500);
      expect(res.json()).toMatchObject({ message: 'the request was not processed; try again' });
      expectNoInternals(res.body, dir);
    },
  );

  it('4xx answers keep a useful message', async () => {
    const res = await inject({
      method: 'POST',
      url: '/simulator/api/messages',
      payload: '{not json',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toMatch(/JSON/i);
    expect(res.json().requestId).toEqual(expect.any(String));
  });

  it('routes with nothing that can fail still answer (GET /webhooks/whatsapp, /simulator/api/config)', async () => {
    const verify = await inject({
      url: '/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=errors-verify-token&hub.challenge=42',
    });
    expect(verify.statusCode).toBe(200);
    expect(verify.body).toBe('42');
    expect((await inject({ url: '/simulator/api/config' })).statusCode).toBe(200);
  });
});
