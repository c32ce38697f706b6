/**
 * A small harness for the privacy and edge suites: the real service (buildApp) on 127.0.0.1 with
 * the built-in demo calendar and a fake Graph API, fed signed WhatsApp webhooks, with its log
 * captured when asked. Databases: a temp SQLite file, or the Postgres URL given.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { buildApp, type Reserva } from '../../src/app.js';
import { createLogger } from '../../src/logger.js';
import { signBody } from '../../src/whatsapp/signature.js';
import { buttonReply, textMessage, wrapWebhook } from './whatsapp-payloads.js';
import { startFakeGraph, type FakeGraph } from '../fakes/graph-server.js';

export const APP_SECRET = 'test-app-secret';

export interface Clock {
  now: Date;
  advance(ms: number): void;
}

export interface PrivacyHarness {
  reserva: Reserva;
  url: string;
  graph: FakeGraph;
  clock: Clock;
  /** Every log line written so far (when `captureLog`). */
  log: string[];
  say(phone: string, what: string | { button: string; title?: string }, opts?: { name?: string }): Promise<unknown[]>;
  post(raw: string, opts?: { signature?: string | null }): Promise<Response>;
  close(): Promise<void>;
}

export async function startPrivacyHarness(
  opts: { env?: Record<string, string>; databaseUrl?: string; captureLog?: boolean; clock?: Clock } = {},
): Promise<PrivacyHarness> {
  const clock: Clock = opts.clock ?? {
    now: new Date('2026-11-25T08:00:00Z'),
    advance(ms) {
      this.now = new Date(this.now.getTime() + ms);
    },
  };
  const graph = await startFakeGraph({ accessToken: 'graph-token', phoneNumberId: '100000000000001' });
  const dir = mkdtempSync(join(tmpdir(), 'reserva-privacy-'));
  const log: string[] = [];
  const logger = opts.captureLog
    ? createLogger(
        'trace',
        new Writable({
          write(chunk: Buffer, _enc, cb) {
            log.push(...chunk.toString('utf8').split('\n').filter(Boolean));
            cb();
          },
        }),
      )
    : undefined;
  const env: Record<string, string> = {
    DATABASE_URL: opts.databaseUrl ?? `file:${join(dir, 'reserva.db')}`,
    BUSINESS_TIMEZONE: 'Europe/Madrid',
    DEFAULT_LOCALE: 'es',
    WHATSAPP_GRAPH_URL: graph.url,
    WHATSAPP_ACCESS_TOKEN: 'graph-token',
    WHATSAPP_PHONE_NUMBER_ID: '100000000000001',
    WHATSAPP_APP_SECRET: APP_SECRET,
    WHATSAPP_VERIFY_TOKEN: 'verify',
    DEMO_SEED: '0',
    LOG_LEVEL: 'silent',
    PRIVACY_HASH_SALT: 'test-salt-0123456789abcdef',
    ...opts.env,
  };
  const reserva = await buildApp({ env, now: () => clock.now, worker: false, ...(logger ? { logger } : {}) });
  const url = await reserva.app.listen({ port: 0, host: '127.0.0.1' });
  let counter = 0;
  const post = (raw: string, o: { signature?: string | null } = {}) => {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const sig = o.signature === undefined ? signBody(raw, APP_SECRET) : o.signature;
    if (sig !== null) headers['x-hub-signature-256'] = sig;
    return fetch(`${url}/webhooks/whatsapp`, { method: 'POST', headers, body: raw });
  };
  return {
    reserva,
    url,
    graph,
    clock,
    log,
    post,
    async say(phone, what, o = {}) {
      const before = graph.sent.filter((s) => s.to === phone).length;
      const base = {
        from: phone,
        name: o.name ?? 'Ana García',
        id: `wamid.privacy.${++counter}.${Date.now()}`,
        timestamp: new Date(clock.now),
      };
      const value =
        typeof what === 'string'
          ? textMessage({ ...base, text: what })
          : buttonReply({ ...base, buttonId: what.button, title: what.title ?? what.button });
      const res = await post(JSON.stringify(wrapWebhook(value)));
      if (res.status !== 200) throw new Error(`webhook answered ${res.status}: ${await res.text()}`);
      await reserva.engine.idle();
      return graph.sent
        .filter((s) => s.to === phone)
        .slice(before)
        .map((s) => s.payload);
    },
    async close() {
      await reserva.close();
      await graph.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
