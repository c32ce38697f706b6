/**
 * A fake of Meta's Graph API /messages endpoint: a real HTTP server on 127.0.0.1 (ephemeral port)
 * that checks payloads the way Meta does and answers with Meta-shaped JSON.
 *
 *   const graph = await startFakeGraph({ accessToken: 'tok', phoneNumberId: '123' });
 *   const sender = createCloudApiSender({
 *     graphUrl: graph.url, apiVersion: 'v23.0', phoneNumberId: '123', accessToken: 'tok',
 *   });
 *   ...; await graph.close();
 *
 * Limits are hard-coded here on purpose (not imported from src) so the fake checks our code
 * independently.
 */
import { readBody } from './read-body.js';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHmac, randomBytes } from 'node:crypto';

/** An interactive message (buttons or list) as Meta's /messages endpoint takes it. */
export interface GraphInteractive {
  type: string;
  header?: { type: string; text: string };
  body: { text: string };
  footer?: { text: string };
  action: {
    buttons?: Array<{ type: string; reply: { id: string; title: string } }>;
    button?: string;
    sections?: Array<{ title?: string; rows: Array<{ id: string; title: string; description?: string }> }>;
  };
}

/** A template message as Meta's /messages endpoint takes it. */
export interface GraphTemplate {
  name: string;
  language: { code: string };
  components?: Array<{
    type: string;
    sub_type?: string;
    index?: string | number;
    parameters?: Array<{ type: string; text?: string; payload?: string }>;
  }>;
}

/** A message payload the fake accepted: `handle` has checked every field tests rely on. */
export interface GraphPayload {
  messaging_product: 'whatsapp';
  recipient_type?: string;
  to: string;
  /** A business-scoped user id instead of `to` (issue 10). */
  recipient?: string;
  type: string;
  text?: { body: string; preview_url?: boolean };
  interactive?: GraphInteractive;
  template?: GraphTemplate;
  biz_opaque_callback_data?: string;
}

/** What a client may send before validation: every field may be missing. */
type Unchecked<T> = T extends readonly (infer E)[]
  ? Unchecked<E>[]
  : T extends object
    ? { [K in keyof T]?: Unchecked<T[K]> }
    : T;

export interface SentRecord {
  to: string;
  payload: GraphPayload;
  id: string;
  at: Date;
}

export interface RequestRecord {
  method: string;
  path: string;
  authorization: string | undefined;
  /** The parsed JSON body, or the raw text when it was not JSON. */
  body: unknown;
  status: number;
}

export interface FakeError {
  httpStatus: number;
  code: number;
  message?: string;
  details?: string;
  /** Sent as a Retry-After header (seconds). */
  retryAfterSeconds?: number;
}

export interface FakeGraph {
  url: string;
  close(): Promise<void>;
  /** Messages accepted (not reads), in order. */
  sent: SentRecord[];
  /** Mark-as-read calls accepted. */
  reads: Array<{ messageId: string; typing: boolean }>;
  /** Every POST that reached the server, accepted or not (for retry assertions). */
  requests: RequestRecord[];
  /** The next `times` (default 1) POSTs fail with this error, before any validation. */
  failNext(error: FakeError, times?: number): void;
  /** Delays the next `times` (default 1) responses by `ms` (to test client timeouts). */
  delayNext(ms: number, times?: number): void;
  /** Free-form messages (anything but templates) to this phone fail with 131047 until openWindowFor. */
  closedWindowFor(phone: string): void;
  openWindowFor(phone: string): void;
  /** Resolves once `sent.length >= n`; rejects after timeoutMs (default 2000). */
  waitForSent(n: number, timeoutMs?: number): Promise<void>;
  // Issue 10: what happens after an accepted send.
  /**
   * Status webhooks, signed like Meta's (X-Hub-Signature-256), to `url` after each accepted send:
   * `sent` for every message when `sent` is true, and `failed` ones set with failLater.
   */
  statusWebhooks(url: string, appSecret: string, o?: { sent?: boolean }): void;
  /** The next accepted message to `to` is answered 200 and later reported `failed` with `code`. */
  failLater(to: string, code: number, times?: number): void;
  /** Resolves when the status webhooks sent so far were delivered. */
  flushStatuses(): Promise<void>;
  /** Status webhooks delivered, in order. */
  statuses: Array<{ id: string; status: string; code?: number; ref?: string }>;
}

/** Meta's titles for failures reported later in status webhooks. */
const FAILURE_TITLES: Record<number, string> = {
  131047: 'Re-engagement message',
  131026: 'Message undeliverable',
  131049: 'This message was not delivered to maintain healthy ecosystem engagement.',
  130429: 'Rate limit hit',
  131056: '(Business Account, Consumer Account) pair rate limit hit',
};

class GraphError extends Error {
  constructor(
    public readonly httpStatus: number,
    public readonly code: number,
    message: string,
    public readonly details?: string,
    public readonly type = 'OAuthException',
  ) {
    super(message);
  }
}

/** A mark-as-read call (same endpoint, `status: 'read'`). */
interface ReadPayload {
  status: 'read';
  message_id: string;
  typing_indicator?: { type: string };
}

const seg = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
/** Printable ASCII, newline, Latin-1 and the common punctuation (– — ‘ ’ “ ” • …): one grapheme per unit. */
const PLAIN = /^[\n\x20-\x7E\xA0-\xFF\u2010-\u2027]*$/;
const len = (s: string) => (PLAIN.test(s) ? s.length : Array.from(seg.segment(s)).length);

const invalidValue = (details: string) =>
  new GraphError(400, 131009, '(#131009) Parameter value is not valid', details);
const invalidParam = (details: string) => new GraphError(400, 100, '(#100) Invalid parameter', details);
const missing = (details: string) => new GraphError(400, 131008, '(#131008) Required parameter is missing', details);

function str(v: unknown, field: string, max: number): string {
  if (typeof v !== 'string' || v.length === 0) throw missing(`Parameter '${field}' is required.`);
  // Never more graphemes than UTF-16 units: only a string longer than `max` units needs counting.
  if (v.length > max && len(v) > max) throw invalidValue(`Param ${field} must be at most ${max} characters long.`);
  return v;
}
function optStr(v: unknown, field: string, max: number): void {
  if (v !== undefined) str(v, field, max);
}

function validateInteractive(it: Unchecked<GraphInteractive> | undefined): void {
  if (!it || typeof it !== 'object') throw missing(`Parameter 'interactive' is required.`);
  if (it.header !== undefined) {
    if (it.header.type !== 'text')
      throw invalidParam(`Param interactive['header']['type'] must be one of {text, image, video, document}.`);
    str(it.header.text, "interactive['header']['text']", 60);
  }
  str(it.body?.text, "interactive['body']['text']", 1024);
  if (it.footer !== undefined) str(it.footer.text, "interactive['footer']['text']", 60);
  if (it.type === 'button') {
    const buttons = it.action?.buttons;
    if (!Array.isArray(buttons) || buttons.length === 0)
      throw missing(`Parameter interactive['action']['buttons'] is required.`);
    if (buttons.length > 3)
      throw invalidValue(`Param interactive['action']['buttons'] must contain at most 3 elements.`);
    const ids = new Set<string>();
    buttons.forEach((b, i) => {
      if (b?.type !== 'reply')
        throw invalidParam(`Param interactive['action']['buttons'][${i}]['type'] must be 'reply'.`);
      const id = str(b.reply?.id, `interactive['action']['buttons'][${i}]['reply']['id']`, 256);
      str(b.reply?.title, `interactive['action']['buttons'][${i}]['reply']['title']`, 20);
      if (ids.has(id)) throw invalidValue('Button IDs must be unique.');
      ids.add(id);
    });
    return;
  }
  if (it.type === 'list') {
    str(it.action?.button, "interactive['action']['button']", 20);
    const sections = it.action?.sections;
    if (!Array.isArray(sections) || sections.length === 0)
      throw missing(`Parameter interactive['action']['sections'] is required.`);
    if (sections.length > 10)
      throw invalidValue(`Param interactive['action']['sections'] must contain at most 10 elements.`);
    let rows = 0;
    const ids = new Set<string>();
    sections.forEach((s, si) => {
      if (sections.length > 1 || s.title !== undefined)
        str(s.title, `interactive['action']['sections'][${si}]['title']`, 24);
      if (!Array.isArray(s.rows) || s.rows.length === 0)
        throw missing(`Parameter interactive['action']['sections'][${si}]['rows'] is required.`);
      s.rows.forEach((r, ri) => {
        rows++;
        const at = `interactive['action']['sections'][${si}]['rows'][${ri}]`;
        const id = str(r.id, `${at}['id']`, 200);
        str(r.title, `${at}['title']`, 24);
        optStr(r.description, `${at}['description']`, 72);
        if (ids.has(id)) throw invalidValue('Row IDs must be unique.');
        ids.add(id);
      });
    });
    if (rows > 10) throw invalidValue('Total row count exceed max allowed count: 10');
    return;
  }
  throw invalidParam(`Param interactive['type'] must be one of {button, list, product, product_list, cta_url, flow}.`);
}

function validateTemplate(t: Unchecked<GraphTemplate> | undefined): void {
  if (!t || typeof t !== 'object') throw missing(`Parameter 'template' is required.`);
  str(t.name, "template['name']", 512);
  str(t.language?.code, "template['language']['code']", 15);
  for (const [i, c] of (t.components ?? []).entries()) {
    if (c.type === 'body') {
      for (const [j, p] of (c.parameters ?? []).entries()) {
        if (p.type !== 'text') continue;
        const text = str(p.text, `template['components'][${i}]['parameters'][${j}]['text']`, 1024);
        if (/[\n\t]| {5,}/.test(text))
          throw new GraphError(
            400,
            132018,
            '(#132018) There was an issue with the parameters in your template.',
            'Param text cannot have new-line/tab characters or more than 4 consecutive spaces',
          );
      }
    } else if (c.type === 'button') {
      if (c.sub_type !== 'quick_reply' && c.sub_type !== 'url')
        throw invalidParam(`Param template['components'][${i}]['sub_type'] is invalid.`);
      if (typeof c.index !== 'string' && typeof c.index !== 'number')
        throw missing(`Parameter template['components'][${i}]['index'] is required.`);
      const p = c.parameters?.[0];
      if (c.sub_type === 'quick_reply' && (p?.type !== 'payload' || typeof p.payload !== 'string'))
        throw invalidParam(`Param template['components'][${i}]['parameters'][0] must be {type: 'payload', payload}.`);
    } else if (c.type !== 'header') {
      throw invalidParam(`Param template['components'][${i}]['type'] must be one of {header, body, button}.`);
    }
  }
}

export async function startFakeGraph(opts: { accessToken?: string; phoneNumberId?: string } = {}): Promise<FakeGraph> {
  const accessToken = opts.accessToken ?? 'test-token';
  const phoneNumberId = opts.phoneNumberId ?? '100000000000001';
  const sent: SentRecord[] = [];
  const reads: FakeGraph['reads'] = [];
  const requests: RequestRecord[] = [];
  const failures: FakeError[] = [];
  const delays: number[] = [];
  const closed = new Set<string>();
  const waiters = new Set<() => void>();
  let counter = 0;
  let hook: { url: string; appSecret: string; sent: boolean } | undefined;
  const later = new Map<string, number[]>();
  const inFlight = new Set<Promise<void>>();
  const statuses: FakeGraph['statuses'] = [];

  /** Meta's status webhook for one message (statuses[] of a `messages` change), signed. */
  function postStatus(
    id: string,
    recipient: string,
    status: 'sent' | 'failed',
    ref: string | undefined,
    code?: number,
  ) {
    if (!hook) return;
    const h = hook;
    const title = code ? (FAILURE_TITLES[code] ?? 'Failure') : '';
    const st: Record<string, unknown> = {
      id,
      status,
      timestamp: String(Math.floor(Date.now() / 1000)),
      recipient_id: recipient,
      ...(ref ? { biz_opaque_callback_data: ref } : {}),
      ...(code ? { errors: [{ code, title, message: title, error_data: { details: title } }] } : {}),
    };
    const body = JSON.stringify({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: 'WABA',
          changes: [
            {
              field: 'messages',
              value: {
                messaging_product: 'whatsapp',
                metadata: { display_phone_number: '34900000000', phone_number_id: phoneNumberId },
                statuses: [st],
              },
            },
          ],
        },
      ],
    });
    const signature = 'sha256=' + createHmac('sha256', h.appSecret).update(body).digest('hex');
    const p = new Promise<void>((r) => setTimeout(r, 5))
      .then(() =>
        fetch(h.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-hub-signature-256': signature },
          body,
        }),
      )
      .then(() => {
        statuses.push({ id, status, ...(code ? { code } : {}), ...(ref ? { ref } : {}) });
      })
      .catch(() => {});
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p));
  }

  const reply = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    if (res.destroyed) return;
    res.writeHead(status, { 'content-type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };
  const errorBody = (code: number, message: string, details?: string, type = 'OAuthException') => ({
    error: {
      message,
      type,
      code,
      ...(details ? { error_data: { messaging_product: 'whatsapp', details } } : {}),
      fbtrace_id: 'Fake' + randomBytes(8).toString('hex'),
    },
  });

  /** `json`: the body parsed once, undefined when it is not JSON. */
  function handle(
    req: IncomingMessage,
    json: { value: unknown } | undefined,
  ): { status: number; body: unknown; headers?: Record<string, string> } {
    const path = (req.url ?? '').split('?')[0]!;
    const m = /^\/(v\d+\.\d+)\/([^/]+)\/messages$/.exec(path);
    if (req.method !== 'POST' || !m) {
      return { status: 400, body: errorBody(100, `Unknown path components: ${path}`, undefined, 'OAuthException') };
    }
    const failure = failures.shift();
    if (failure) {
      const headers: Record<string, string> =
        failure.retryAfterSeconds !== undefined ? { 'retry-after': String(failure.retryAfterSeconds) } : {};
      return {
        status: failure.httpStatus,
        body: errorBody(failure.code, failure.message ?? `(#${failure.code}) Simulated failure`, failure.details),
        headers,
      };
    }
    if (req.headers.authorization !== `Bearer ${accessToken}`) {
      return { status: 401, body: errorBody(190, 'Invalid OAuth access token - Cannot parse access token') };
    }
    if (m[2] !== phoneNumberId) {
      return {
        status: 400,
        body: errorBody(
          100,
          `Unsupported post request. Object with ID '${m[2]}' does not exist, ` +
            'cannot be loaded due to missing permissions, or does not support this operation.',
          undefined,
          'GraphMethodException',
        ),
      };
    }
    if (!json) throw invalidParam('The request body is not valid JSON.');
    const p = json.value as Unchecked<GraphPayload & ReadPayload> | null;
    if (p?.messaging_product !== 'whatsapp')
      throw invalidParam(`The parameter messaging_product is required and must be 'whatsapp'.`);

    if (p.status === 'read') {
      if (typeof p.message_id !== 'string' || !p.message_id) throw missing(`Parameter 'message_id' is required.`);
      if (p.typing_indicator !== undefined && p.typing_indicator?.type !== 'text')
        throw invalidParam(`Param typing_indicator['type'] must be 'text'.`);
      reads.push({ messageId: p.message_id, typing: p.typing_indicator !== undefined });
      return { status: 200, body: { success: true } };
    }

    // A user with a username may be addressed by business-scoped user id (`recipient`) instead of `to`.
    const bsuid =
      typeof p.recipient === 'string' && /^[A-Z]{2}\.(?:ENT\.)?[A-Za-z0-9]{1,128}$/.test(p.recipient)
        ? p.recipient
        : undefined;
    if (!bsuid && (typeof p.to !== 'string' || !/^\+?\d{7,15}$/.test(p.to)))
      throw invalidValue(`Param 'to' is not a valid WhatsApp phone number.`);
    if (p.recipient_type !== undefined && p.recipient_type !== 'individual')
      throw invalidParam(`Param recipient_type must be 'individual'.`);
    if (
      p.biz_opaque_callback_data !== undefined &&
      (typeof p.biz_opaque_callback_data !== 'string' || p.biz_opaque_callback_data.length > 512)
    )
      throw invalidValue('Param biz_opaque_callback_data must be a string of at most 512 characters.');
    const to: string = bsuid ?? p.to!.replace(/^\+/, '');
    switch (p.type) {
      case 'text':
        str(p.text?.body, "text['body']", 4096);
        break;
      case 'interactive':
        validateInteractive(p.interactive);
        break;
      case 'template':
        validateTemplate(p.template);
        break;
      default:
        throw invalidParam(
          'Param type must be one of {text, interactive, template, image, audio, video, document, sticker, ' +
            'location, contacts, reaction}.',
        );
    }
    if (p.type !== 'template' && closed.has(to)) {
      throw new GraphError(
        400,
        131047,
        'Re-engagement message',
        'Message failed to send because more than 24 hours have passed since the customer last replied to this number.',
      );
    }
    const id = `wamid.FAKE${String(++counter).padStart(6, '0')}${randomBytes(6).toString('hex')}`;
    // Every field a test reads was checked above (`to`, `type` and the part for that type).
    sent.push({ to, payload: p as GraphPayload, id, at: new Date() });
    for (const w of [...waiters]) w();
    // Accepted now, reported later: a `failed` status (failLater) or a `sent` one (issue 10).
    const failing = later.get(to);
    const code = failing?.shift();
    if (failing && !failing.length) later.delete(to);
    if (code) postStatus(id, to, 'failed', p.biz_opaque_callback_data, code);
    else if (hook?.sent) postStatus(id, to, 'sent', p.biz_opaque_callback_data);
    const body: Record<string, unknown> = {
      messaging_product: 'whatsapp',
      contacts: [bsuid ? { input: bsuid, user_id: bsuid } : { input: p.to, wa_id: to }],
      messages: [p.type === 'template' ? { id, message_status: 'accepted' } : { id }],
    };
    return { status: 200, body };
  }

  const server = createServer(async (req, res) => {
    const raw = await readBody(req);
    let json: { value: unknown } | undefined;
    try {
      json = { value: JSON.parse(raw) };
    } catch {
      json = undefined;
    }
    const parsed = json ? json.value : raw;
    let out: { status: number; body: unknown; headers?: Record<string, string> };
    try {
      out = handle(req, json);
    } catch (e) {
      out =
        e instanceof GraphError
          ? { status: e.httpStatus, body: errorBody(e.code, e.message, e.details, e.type) }
          : { status: 500, body: errorBody(1, `fake Graph crashed: ${(e as Error).message}`) };
    }
    requests.push({
      method: req.method ?? '',
      path: req.url ?? '',
      authorization: req.headers.authorization,
      body: parsed,
      status: out.status,
    });
    const delay = delays.shift();
    if (delay) await new Promise((r) => setTimeout(r, delay));
    reply(res, out.status, out.body, out.headers);
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    sent,
    reads,
    requests,
    failNext(error, times = 1) {
      for (let i = 0; i < times; i++) failures.push(error);
    },
    delayNext(ms, times = 1) {
      for (let i = 0; i < times; i++) delays.push(ms);
    },
    statuses,
    statusWebhooks(url, appSecret, o = {}) {
      hook = { url, appSecret, sent: o.sent ?? false };
    },
    failLater(to, code, times = 1) {
      const list = later.get(to) ?? [];
      for (let i = 0; i < times; i++) list.push(code);
      later.set(to, list);
    },
    async flushStatuses() {
      while (inFlight.size) await Promise.all([...inFlight]);
    },
    closedWindowFor(phone) {
      closed.add(phone.replace(/^\+/, ''));
    },
    openWindowFor(phone) {
      closed.delete(phone.replace(/^\+/, ''));
    },
    waitForSent(n, timeoutMs = 2000) {
      if (sent.length >= n) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const check = () => {
          if (sent.length >= n) {
            clearTimeout(timer);
            waiters.delete(check);
            resolve();
          }
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`fake Graph: expected ${n} sent message(s) within ${timeoutMs} ms, got ${sent.length}`));
        }, timeoutMs);
        waiters.add(check);
      });
    },
    close() {
      return new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      });
    },
  };
}
