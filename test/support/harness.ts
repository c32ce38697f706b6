/**
 * End-to-end harness: the real service (buildApp) listening on 127.0.0.1, fed signed WhatsApp
 * webhooks over real HTTP, talking to a fake Graph API and a fake Cal.com (or the built-in demo
 * calendar) — all real HTTP servers. A conversation is a list of turns: `say` and read the replies.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp, type Reserva } from '../../src/app.js';
import { signBody } from '../../src/whatsapp/signature.js';
import { buttonReply, listReply, textMessage, wrapWebhook, mediaMessage, templateButton } from './whatsapp-payloads.js';
import { startFakeCalCom, type FakeCalCom, type FakeCalComOptions } from '../fakes/calcom-server.js';
import { startFakeGraph, type FakeGraph, type GraphPayload } from '../fakes/graph-server.js';

export const APP_SECRET = 'test-app-secret';
export const VERIFY_TOKEN = 'test-verify-token';

export interface Clock {
  now: Date;
  set(iso: string): void;
  advance(ms: number): void;
}

export function clockAt(iso: string): Clock {
  const c: Clock = {
    now: new Date(iso),
    set(i) {
      c.now = new Date(i);
    },
    advance(ms) {
      c.now = new Date(c.now.getTime() + ms);
    },
  };
  return c;
}

/** A Graph API message payload as the fake Graph API received it. */
export type { GraphPayload };

/** What the person sees: the body text and the options (button / row titles and ids). */
export interface Seen {
  type: string;
  text: string;
  options: Array<{ id: string; title: string }>;
  raw: GraphPayload;
}

export function seen(payload: GraphPayload): Seen {
  const raw = payload;
  if (payload.type === 'text' && payload.text) return { type: 'text', text: payload.text.body, options: [], raw };
  const template = payload.template;
  if (payload.type === 'template' && template) {
    const params = template.components?.find((c) => c.type === 'body')?.parameters ?? [];
    const buttons = (template.components ?? []).filter((c) => c.type === 'button');
    const text = `${template.name}(${params.map((p) => p.text).join(', ')})`;
    const options = buttons.map((b) => ({ id: b.parameters?.[0]?.payload ?? '', title: String(b.index ?? '') }));
    return { type: 'template', text, options, raw };
  }
  const i = payload.interactive;
  if (i?.type === 'button') {
    const options = (i.action.buttons ?? []).map((b) => ({ id: b.reply.id, title: b.reply.title }));
    return { type: 'buttons', text: i.body.text, options, raw };
  }
  if (i?.type === 'list') {
    const rows = (i.action.sections ?? []).flatMap((section) => section.rows);
    return { type: 'list', text: i.body.text, options: rows.map((r) => ({ id: r.id, title: r.title })), raw };
  }
  return { type: payload.type, text: JSON.stringify(payload), options: [], raw };
}

export interface Harness {
  reserva: Reserva;
  url: string;
  graph: FakeGraph;
  cal: FakeCalCom | null;
  clock: Clock;
  /** Posts a signed webhook with one message; resolves with the replies sent to that phone. */
  say(
    phone: string,
    what:
      | string
      | { button: string; title?: string }
      | { row: string; title?: string }
      | { media: 'audio' | 'image' }
      | { template: string; text?: string },
    /** `sentAt`: WhatsApp's send time of the message (default: the clock's now). */
    opts?: { name?: string; id?: string; sentAt?: Date },
  ): Promise<Seen[]>;
  post(body: unknown, opts?: { signature?: string | null; raw?: string }): Promise<Response>;
  repliesTo(phone: string): Seen[];
  close(): Promise<void>;
}

export interface HarnessOptions {
  provider: 'calcom' | 'demo';
  calRequireEmail?: boolean;
  clock?: Clock;
  databaseUrl?: string;
  env?: Record<string, string>;
  /** Start the background job worker (default false: call `reserva.worker.runDue()` after moving the clock). */
  worker?: boolean;
  workerPollMs?: number;
  /** Reuse fakes across a restart of the service (close() then leaves them open). */
  graph?: FakeGraph;
  cal?: FakeCalCom;
  // Issue 10: fakes that behave like the real services.
  /** More fake Cal.com behaviour (confirmation required, booking questions, limits…). */
  calOptions?: Partial<FakeCalComOptions>;
  /** The fake Cal.com delivers its webhooks to the service: before answering (direct) or racing it (queued). */
  calWebhooks?: 'direct' | 'queued';
  /** The fake Graph posts status webhooks (`sent` for every message too when 'all'). */
  graphStatuses?: 'failures' | 'all';
}

export async function startHarness(opts: HarnessOptions): Promise<Harness> {
  const clock = opts.clock ?? clockAt('2026-11-25T08:00:00Z'); // Wednesday 09:00 in Madrid
  const graph = opts.graph ?? (await startFakeGraph({ accessToken: 'graph-token', phoneNumberId: '100000000000001' }));
  const cal =
    opts.provider === 'calcom'
      ? (opts.cal ??
        (await startFakeCalCom({
          now: () => clock.now,
          timeZone: 'Europe/Madrid',
          requireEmail: opts.calRequireEmail ?? false,
          ...opts.calOptions,
        })))
      : null;
  const dir = mkdtempSync(join(tmpdir(), 'reserva-e2e-'));
  const env: Record<string, string> = {
    DATABASE_URL: opts.databaseUrl ?? `file:${join(dir, 'reserva.db')}`,
    BUSINESS_TIMEZONE: 'Europe/Madrid',
    DEFAULT_LOCALE: 'es',
    WHATSAPP_GRAPH_URL: graph.url,
    WHATSAPP_API_VERSION: 'v23.0',
    WHATSAPP_ACCESS_TOKEN: 'graph-token',
    WHATSAPP_PHONE_NUMBER_ID: '100000000000001',
    WHATSAPP_APP_SECRET: APP_SECRET,
    WHATSAPP_VERIFY_TOKEN: VERIFY_TOKEN,
    CAL_BOOKING_URL: 'https://cal.example/demo/30min',
    CAL_WEBHOOK_SECRET: 'cal-secret',
    DEMO_SEED: '0',
    LOG_LEVEL: 'silent',
    ...(cal ? { CAL_API_URL: cal.url, CAL_API_KEY: cal.apiKey, CAL_EVENT_TYPE_ID: String(cal.eventTypeId) } : {}),
    ...opts.env,
  };
  const reserva = await buildApp({
    env,
    now: () => clock.now,
    worker: opts.worker ?? false,
    workerPollMs: opts.workerPollMs,
  });
  const address = await reserva.app.listen({ port: 0, host: '127.0.0.1' });
  if (cal && opts.calWebhooks) cal.setWebhook(`${address}/webhooks/cal`, 'cal-secret', opts.calWebhooks);
  if (opts.graphStatuses)
    graph.statusWebhooks(`${address}/webhooks/whatsapp`, APP_SECRET, { sent: opts.graphStatuses === 'all' });
  let counter = 0;
  const seenCount = new Map<string, number>();

  const post = async (body: unknown, o: { signature?: string | null; raw?: string } = {}) => {
    const raw = o.raw ?? JSON.stringify(body);
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    const sig = o.signature === undefined ? signBody(raw, APP_SECRET) : o.signature;
    if (sig !== null) headers['x-hub-signature-256'] = sig;
    return fetch(`${address}/webhooks/whatsapp`, { method: 'POST', headers, body: raw });
  };
  const repliesTo = (phone: string) => graph.sent.filter((s) => s.to === phone).map((s) => seen(s.payload));

  return {
    reserva,
    url: address,
    graph,
    cal,
    clock,
    post,
    repliesTo,
    async say(phone, what, o = {}) {
      const base = {
        from: phone,
        name: o.name ?? 'Ana García',
        id: o.id ?? `wamid.test.${Date.now()}.${++counter}`,
        timestamp: o.sentAt ?? new Date(clock.now),
      };
      const value =
        typeof what === 'string'
          ? textMessage({ ...base, text: what })
          : 'button' in what
            ? buttonReply({ ...base, buttonId: what.button, title: what.title ?? what.button })
            : 'row' in what
              ? listReply({ ...base, rowId: what.row, title: what.title ?? what.row })
              : 'template' in what
                ? templateButton({ ...base, payload: what.template, text: what.text ?? what.template })
                : mediaMessage({ ...base, mediaType: what.media });
      const res = await post(wrapWebhook(value));
      if (res.status !== 200) throw new Error(`webhook answered ${res.status}: ${await res.text()}`);
      await reserva.engine.idle();
      // Issue 10: webhooks racing the answers (queued Cal.com, Graph statuses) land before we look.
      if (opts.calWebhooks || opts.graphStatuses) {
        await cal?.flushWebhooks();
        await graph.flushStatuses();
        await reserva.engine.idle();
      }
      const all = repliesTo(phone);
      const from = seenCount.get(phone) ?? 0;
      seenCount.set(phone, all.length);
      return all.slice(from);
    },
    async close() {
      await reserva.close();
      if (!opts.graph) await graph.close();
      if (!opts.cal) await cal?.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
