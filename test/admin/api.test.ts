/**
 * The admin API over HTTP (app.inject): authentication and roles, schema validation naming the
 * field, the routes' answers, and the OpenAPI document. Off (404) without ADMIN_JWT_SECRET.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createSigner } from 'fast-jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type Reserva } from '../../src/app.js';
import { startHarness, type Harness } from '../e2e/harness.js';
import { ADMIN_SECRET, token } from './helpers.js';

const ANA = '34600111222';
const BEA = '5215512345678';

async function plainApp(env: Record<string, string>): Promise<{ reserva: Reserva; done: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'reserva-admin-'));
  const reserva = await buildApp({
    env: { DATABASE_URL: `file:${join(dir, 'db.sqlite')}`, LOG_LEVEL: 'silent', DEMO_SEED: '0', ...env },
    worker: false,
  });
  return {
    reserva,
    done: async () => {
      await reserva.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe('admin API off without ADMIN_JWT_SECRET', () => {
  it('answers 404 on every admin route and the page; OpenAPI still documents the webhooks', async () => {
    const { reserva, done } = await plainApp({});
    try {
      for (const [method, url] of [
        ['GET', '/admin'],
        ['GET', '/admin/contacts'],
        ['GET', '/admin/conversations?state=handoff'],
        ['POST', '/admin/contacts/x/handoff'],
      ] as const) {
        const res = await reserva.app.inject({ method, url, headers: { authorization: `Bearer ${token('admin')}` } });
        expect(res.statusCode, `${method} ${url}`).toBe(404);
      }
      const doc = (await reserva.app.inject({ url: '/openapi.json' })).json();
      expect(Object.keys(doc.paths)).toContain('/webhooks/whatsapp');
      expect(Object.keys(doc.paths).some((p) => p.startsWith('/admin'))).toBe(false);
    } finally {
      await done();
    }
  });

  it('refuses a short secret at start, saying what to use', async () => {
    await expect(plainApp({ ADMIN_JWT_SECRET: 'short' })).rejects.toThrow(
      /ADMIN_JWT_SECRET is too short.*openssl rand -hex 32/,
    );
  });
});

describe('admin API', () => {
  let h: Harness;
  let anaId: string;
  const inject = (method: 'GET' | 'POST' | 'DELETE', url: string, o: { bearer?: string | null; body?: unknown } = {}) =>
    h.reserva.app.inject({
      method,
      url,
      headers: o.bearer === null ? {} : { authorization: `Bearer ${o.bearer ?? token('admin')}` },
      ...(o.body !== undefined ? { payload: o.body as object } : {}),
    });

  beforeAll(async () => {
    h = await startHarness({ provider: 'demo', env: { ADMIN_JWT_SECRET: ADMIN_SECRET } });
    await h.say(ANA, 'hola', { name: 'Ana García' });
    await h.say(BEA, 'quiero hablar con una persona', { name: 'Beatriz López' });
    anaId = (await h.reserva.db.prisma.contact.findUniqueOrThrow({ where: { phone: ANA } })).id;
  });
  afterAll(async () => {
    await h.close();
  });

  it('401 without a token, with a bad, expired or expiry-less token — saying how to get one', async () => {
    const none = await inject('GET', '/admin/contacts', { bearer: null });
    expect(none.statusCode).toBe(401);
    expect(none.json().message).toMatch(/npm run admin:token/);
    expect((await inject('GET', '/admin/contacts', { bearer: 'not.a.token' })).statusCode).toBe(401);
    const otherSecret = createSigner({ key: 'another-secret-another-secret-12345', expiresIn: 60_000 })({
      role: 'admin',
      sub: 'x',
    });
    expect((await inject('GET', '/admin/contacts', { bearer: otherSecret })).statusCode).toBe(401);
    const expired = createSigner({ key: ADMIN_SECRET, expiresIn: 1 })({
      role: 'admin',
      sub: 'x',
      iat: Math.floor(Date.now() / 1000) - 100,
    });
    const res = await inject('GET', '/admin/contacts', { bearer: expired });
    expect(res.statusCode).toBe(401);
    const forever = createSigner({ key: ADMIN_SECRET })({ role: 'admin', sub: 'x' });
    expect((await inject('GET', '/admin/contacts', { bearer: forever })).statusCode).toBe(401);
    // Invalid input is not even looked at before the token.
    expect((await inject('GET', '/admin/contacts?limit=banana', { bearer: null })).statusCode).toBe(401);
  });

  it('403 for a viewer on every write route; viewers read', async () => {
    const viewer = token('viewer');
    expect((await inject('GET', '/admin/contacts', { bearer: viewer })).statusCode).toBe(200);
    expect((await inject('GET', `/admin/contacts/${anaId}`, { bearer: viewer })).statusCode).toBe(200);
    for (const [method, url, body] of [
      ['POST', `/admin/contacts/${anaId}/handoff`, undefined],
      ['DELETE', `/admin/contacts/${anaId}/handoff`, undefined],
      ['POST', `/admin/contacts/${anaId}/messages`, { text: 'hola' }],
    ] as const) {
      const res = await inject(method, url, { bearer: viewer, body });
      expect(res.statusCode, `${method} ${url}`).toBe(403);
      expect(res.json().message).toMatch(/admin role/);
    }
  });

  it('400 naming the field for invalid params, query and body', async () => {
    const cases: Array<[Parameters<typeof inject>[0], string, unknown, string]> = [
      ['GET', '/admin/contacts?limit=0', undefined, 'limit'],
      ['GET', '/admin/contacts?limit=abc', undefined, 'limit'],
      ['GET', '/admin/contacts?phone=abc', undefined, 'phone'],
      ['GET', '/admin/contacts?cursor=%20%27or', undefined, 'cursor'],
      ['GET', '/admin/conversations?state=sleeping', undefined, 'state'],
      ['GET', '/admin/contacts/bad%20id!', undefined, 'id'],
      ['POST', `/admin/contacts/${anaId}/messages`, {}, 'text'],
      ['POST', `/admin/contacts/${anaId}/messages`, { text: '' }, 'text'],
      ['POST', `/admin/contacts/${anaId}/messages`, { text: '   ' }, 'text'],
      ['POST', `/admin/contacts/${anaId}/messages`, { text: 'x'.repeat(4097) }, 'text'],
    ];
    for (const [method, url, body, field] of cases) {
      const res = await inject(method, url, { body });
      expect(res.statusCode, `${method} ${url} ${JSON.stringify(body)}`).toBe(400);
      expect(res.json().field, url).toBe(field);
      expect(res.json().message, url).toContain(field);
    }
    const notJson = await h.reserva.app.inject({
      method: 'POST',
      url: `/admin/contacts/${anaId}/messages`,
      headers: { authorization: `Bearer ${token('admin')}`, 'content-type': 'application/json' },
      payload: '{"text":',
    });
    expect(notJson.statusCode).toBe(400);
  });

  it('404 for an unknown contact', async () => {
    for (const [method, url] of [
      ['GET', '/admin/contacts/nobody'],
      ['POST', '/admin/contacts/nobody/handoff'],
      ['DELETE', '/admin/contacts/nobody/handoff'],
    ] as const) {
      const res = await inject(method, url);
      expect(res.statusCode, url).toBe(404);
      expect(res.json().field).toBe('id');
    }
  });

  it('finds contacts by phone or text, page by page', async () => {
    const byPhone = (await inject('GET', '/admin/contacts?phone=%2B34%20600')).json();
    expect(byPhone.items.map((c: { phone: string }) => c.phone)).toEqual([ANA]);
    const byName = (await inject('GET', '/admin/contacts?q=beatriz')).json();
    expect(byName.items.map((c: { phone: string }) => c.phone)).toEqual([BEA]);
    const first = (await inject('GET', '/admin/contacts?limit=1')).json();
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).toBeTruthy();
    const second = (await inject('GET', `/admin/contacts?limit=1&cursor=${first.nextCursor}`)).json();
    expect(second.items).toHaveLength(1);
    expect(second.items[0].id).not.toBe(first.items[0].id);
    expect(second.nextCursor).toBeNull();
  });

  it('shows a contact: profile, bookings, conversation state and last messages', async () => {
    const d = (await inject('GET', `/admin/contacts/${anaId}`)).json();
    expect(d.contact).toMatchObject({ id: anaId, phone: ANA, name: 'Ana García', state: 'idle' });
    expect(d.conversation).toMatchObject({ state: 'idle', handoff: null });
    expect(d.window.open).toBe(true);
    expect(d.messages[0]).toMatchObject({ direction: 'in', text: 'hola' });
    expect(d.messages.some((m: { direction: string }) => m.direction === 'out')).toBe(true);
  });

  it('lists conversations waiting for a person first; takes over and releases', async () => {
    const all = (await inject('GET', '/admin/conversations')).json();
    expect(all.items[0].contact.phone).toBe(BEA);
    expect(all.items[0].state).toBe('handoff');
    expect(all.items[0].waitingSince).toBeTruthy();
    const waiting = (await inject('GET', '/admin/conversations?state=handoff')).json();
    expect(waiting.items.map((i: { contact: { phone: string } }) => i.contact.phone)).toEqual([BEA]);

    expect((await inject('POST', `/admin/contacts/${anaId}/handoff`)).json()).toEqual({ state: 'handoff' });
    await h.reserva.engine.idle();
    expect(h.repliesTo(ANA)).toHaveLength(1); // taken over quietly
    expect((await inject('GET', '/admin/conversations?state=handoff')).json().items).toHaveLength(2);
    expect((await inject('DELETE', `/admin/contacts/${anaId}/handoff`)).json()).toEqual({ state: 'idle' });
    expect((await inject('DELETE', `/admin/contacts/${anaId}/handoff`)).statusCode).toBe(409);
  });

  it('documents every admin route in /openapi.json and serves /docs', async () => {
    const doc = (await h.reserva.app.inject({ url: '/openapi.json' })).json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const p of [
      '/admin/contacts',
      '/admin/contacts/{id}',
      '/admin/contacts/{id}/handoff',
      '/admin/contacts/{id}/messages',
      '/admin/conversations',
    ])
      expect(Object.keys(doc.paths)).toContain(p);
    expect(
      doc.paths['/admin/contacts/{id}/messages'].post.requestBody.content['application/json'].schema.required,
    ).toEqual(['text']);
    expect(doc.paths['/admin/contacts'].get.security).toEqual([{ bearer: [] }]);
    const ui = await h.reserva.app.inject({ url: '/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.body).toContain('swagger');
  });
});
