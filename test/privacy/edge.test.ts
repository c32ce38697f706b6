/**
 * The hardened edge: security headers on pages without breaking the simulator (its own CSP, its
 * SSE stream), body limits per route group, per-IP rate limits per group (admin and export count
 * apart from the public pages; the WhatsApp webhook is never IP-limited), TRUST_PROXY, HTTPS
 * straight from TLS_CERT_FILE / TLS_KEY_FILE with a certificate made here, and the configuration
 * errors that say what to set.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEdgeConfig, routeGroup } from '../../src/security/edge.js';
import { loadPrivacyConfig } from '../../src/privacy/config.js';
import { startPrivacyHarness, type PrivacyHarness } from '../support/privacy.js';

describe('edge headers, limits and groups', () => {
  let h: PrivacyHarness;
  beforeAll(async () => {
    h = await startPrivacyHarness({
      env: { SIMULATOR: 'on', RATE_LIMIT_PER_MINUTE: '40', EXPORT_RATE_LIMIT_PER_MINUTE: '3' },
    });
  });
  afterAll(async () => h.close());

  it('the privacy notice: three languages, what is stored, for how long, each right; strict headers', async () => {
    const res = await fetch(`${h.url}/privacy`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const html = await res.text();
    for (const s of [
      'Qué guardamos',
      'What we store',
      'O que guardamos',
      '365 días',
      'borra mis datos',
      'BAJA',
      'ALTA',
      'STOP',
      'START',
      '24 horas',
    ])
      expect(html).toContain(s);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    // The Portuguese section is Brazilian, like the chat (new-user run): no European-only words.
    const pt = html.slice(html.indexOf('<section id="pt"'));
    expect(pt).not.toMatch(/marcaç|registo|«|apaguem|o meu nome|gerir/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('strict-transport-security')).toBeNull(); // plain HTTP, no proxy
  });

  it('the simulator keeps its own CSP (scripts and SSE from self) and its event stream still flows', async () => {
    const page = await fetch(`${h.url}/simulator`);
    expect(page.status).toBe(200);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    const ac = new AbortController();
    const sse = await fetch(`${h.url}/simulator/api/events`, { signal: ac.signal });
    expect(sse.status).toBe(200);
    expect(sse.headers.get('content-type')).toMatch(/text\/event-stream/);
    expect(sse.headers.get('x-content-type-options')).toBe('nosniff');
    const reader = sse.body!.getReader();
    const first = await reader.read();
    expect(first.done).toBe(false);
    ac.abort();
  });

  it('body limits: 64 KiB on the simulator API (413), the WhatsApp webhook still takes 1 MiB', async () => {
    const big = JSON.stringify({ phone: '34600111222', text: 'x'.repeat(70 * 1024) });
    const res = await fetch(`${h.url}/simulator/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: big,
    });
    expect(res.status).toBe(413);
    const webhook = await h.post(
      JSON.stringify({ object: 'whatsapp_business_account', entry: [], pad: 'x'.repeat(500 * 1024) }),
    );
    expect(webhook.status).toBe(200);
  });

  it('groups count apart: a spent export group leaves pages open; the WhatsApp webhook is never limited', async () => {
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) codes.push((await fetch(`${h.url}/privacy/export/${'a'.repeat(43)}`)).status);
    expect(codes).toEqual([404, 404, 404, 429, 429]);
    expect((await fetch(`${h.url}/privacy`)).status).toBe(200);
    const webhookCodes = new Set<number>();
    for (let i = 0; i < 45; i++)
      webhookCodes.add((await h.post('{"object":"whatsapp_business_account","entry":[]}')).status);
    expect([...webhookCodes]).toEqual([200]);
  });

  it('groups by URL', () => {
    expect(
      [
        '/webhooks/whatsapp',
        '/webhooks/cal',
        '/privacy/export/:token',
        '/admin/contacts/:id',
        '/admin',
        '/docs/json',
        '/openapi.json',
        '/privacy',
        '/simulator/api/messages',
        '/healthz',
      ].map(routeGroup),
    ).toEqual(['webhook', 'webhook', 'export', 'admin', 'admin', 'admin', 'admin', 'public', 'public', 'public']);
  });
});

describe('TRUST_PROXY', () => {
  let h: PrivacyHarness;
  beforeAll(async () => {
    h = await startPrivacyHarness({ env: { TRUST_PROXY: '127.0.0.1', EXPORT_RATE_LIMIT_PER_MINUTE: '2' } });
  });
  afterAll(async () => h.close());

  it('behind a trusted proxy each client (X-Forwarded-For) has its own bucket', async () => {
    const get = (ip: string) =>
      fetch(`${h.url}/privacy/export/${'b'.repeat(43)}`, { headers: { 'x-forwarded-for': ip } }).then((r) => r.status);
    expect([await get('203.0.113.1'), await get('203.0.113.1'), await get('203.0.113.1')]).toEqual([404, 404, 429]);
    expect(await get('203.0.113.2')).toBe(404);
    const res = await fetch(`${h.url}/privacy`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=/);
  });
});

describe('HTTPS from TLS_CERT_FILE / TLS_KEY_FILE', () => {
  let h: PrivacyHarness;
  let dir: string;
  let cert: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'reserva-tls-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=127.0.0.1',
        '-addext',
        'subjectAltName=IP:127.0.0.1',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    cert = (await import('node:fs')).readFileSync(join(dir, 'cert.pem'), 'utf8');
    h = await startPrivacyHarness({
      env: { TLS_CERT_FILE: join(dir, 'cert.pem'), TLS_KEY_FILE: join(dir, 'key.pem') },
    });
  });
  afterAll(async () => {
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves HTTPS with the certificate, with HSTS, and links the notice over https', async () => {
    expect(h.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const { status, headers } = await new Promise<{ status: number; headers: Record<string, unknown> }>(
      (resolve, reject) => {
        request(`${h.url}/healthz`, { ca: cert }, (res) => {
          res.resume();
          resolve({ status: res.statusCode ?? 0, headers: res.headers });
        })
          .on('error', reject)
          .end();
      },
    );
    expect(status).toBe(200);
    expect(String(headers['strict-transport-security'])).toMatch(/max-age=15552000/);
    expect(h.reserva.privacy.privacyUrl).toMatch(/^https:\/\//);
  });
});

describe('edge and privacy configuration', () => {
  it('explains each mistake', () => {
    expect(() => loadEdgeConfig({ TLS_CERT_FILE: '/nope.pem' })).toThrow(
      /TLS_CERT_FILE and TLS_KEY_FILE go together.*missing: TLS_KEY_FILE/,
    );
    expect(() => loadEdgeConfig({ TLS_CERT_FILE: '/nope.pem', TLS_KEY_FILE: '/nope.key' })).toThrow(
      /could not be read \(ENOENT\)/,
    );
    expect(() => loadEdgeConfig({ TRUST_PROXY: 'maybe please' })).toThrow(
      /TRUST_PROXY="maybe please" must be true, a number of proxy hops/,
    );
    expect(loadEdgeConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadEdgeConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadEdgeConfig({}).inspectHost).toBe('127.0.0.1');
    expect(loadEdgeConfig({ INSPECT_HOST: '0.0.0.0' }).inspectHost).toBe('0.0.0.0');
    expect(() => loadPrivacyConfig({ RETENTION_DAYS: 'forever' })).toThrow(
      /RETENTION_DAYS="forever" must be a whole number of days/,
    );
    expect(() => loadPrivacyConfig({ PRIVACY_HASH_SALT: 'short' })).toThrow(/at least 16 characters/);
    expect(() => loadPrivacyConfig({ PRIVACY_URL: 'not a url' })).toThrow(
      /PRIVACY_URL="not a url" is not an http\(s\) URL/,
    );
    expect(loadPrivacyConfig({ PRIVACY_URL: 'https://clinic.example/privacidad/' }).privacyUrl).toBe(
      'https://clinic.example/privacidad',
    );
    expect(loadPrivacyConfig({ PUBLIC_URL: 'https://r.example' }).privacyUrl).toBe('https://r.example/privacy');
  });
});
