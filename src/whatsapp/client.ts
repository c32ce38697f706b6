/**
 * WhatsApp Cloud API sender: POST {graphUrl}/{apiVersion}/{phoneNumberId}/messages.
 *
 * - Messages go through fitMessage + assertValid before leaving (bad input throws a plain Error).
 * - Graph errors become WhatsAppError; transient ones (rate limits, 5xx, network, timeout) are
 *   retried with exponential backoff + full jitter, honouring Retry-After.
 * - 131047 (24-hour window closed) is never retried: `err.windowClosed` tells the caller to
 *   send an approved template instead.
 */
import { HttpFailure, nodeHttp, viaFetch, type HttpReply } from '../net/http-client.js';
import { isBsuid } from '../phone/normalise.js';
import { assertValid, fitMessage, type FitOptions } from './limits.js';
import { WhatsAppError, type OutgoingMessage, type WhatsAppSender } from './types.js';

export interface CloudApiSenderOptions {
  /** e.g. "https://graph.facebook.com" (no trailing slash needed). */
  graphUrl: string;
  /** e.g. "v23.0". */
  apiVersion: string;
  phoneNumberId: string;
  accessToken: string;
  /** Per-attempt timeout. Default 10 000 ms. */
  timeoutMs?: number;
  /** Retries after the first attempt, for retryable errors only. Default 3. */
  maxRetries?: number;
  /** First backoff step; doubles each retry (full jitter). Default 500 ms. */
  baseDelayMs?: number;
  /** Cap for any single wait, including Retry-After. Default 30 000 ms. */
  maxDelayMs?: number;
  /** Send through this fetch instead of node:http with a keep-alive agent (src/net/http-client.ts). */
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  /** Jitter source in [0, 1). Default Math.random. */
  random?: () => number;
  fit?: FitOptions;
}

/** Graph error codes worth retrying (throughput, pair rate, generic and availability errors). */
export const RETRYABLE_CODES: ReadonlySet<number> = new Set([
  1, // API Unknown (possible server error)
  2, // API Service: temporary downtime / overload
  4, // Too many API calls (app level)
  80007, // Rate limit issue (WABA level)
  130429, // Cloud API throughput reached
  131000, // Something went wrong
  131016, // Service unavailable
  131056, // (Business, Consumer) pair rate limit hit
  133004, // Server temporarily unavailable
]);

/** Codes that are never retried even if the HTTP status looks transient. */
const NEVER_RETRY: ReadonlySet<number> = new Set([
  131047, 131048, 131049, 131026, 190, 100, 131008, 131009, 132000, 132001,
]);

const HINTS: Record<number, string> = {
  0: 'Authentication failed: check the access token.',
  190: 'The access token is invalid or expired: generate a new (system user) token and update the configuration.',
  10: 'Permission denied: the token needs whatsapp_business_messaging for this phone number.',
  100: 'Invalid parameter: the payload or phone number id is wrong (see details).',
  131008: 'A required parameter is missing (see details).',
  131009: 'A parameter value is not valid (see details): check limits and ids.',
  131026: 'The recipient cannot receive this message (not on WhatsApp, old app, or has not accepted terms).',
  131047: 'More than 24 hours since the customer last wrote: only an approved template can be sent now.',
  131048:
    'Spam rate limit hit: too many messages were blocked or reported; slow down and check quality in WhatsApp Manager.',
  131049: 'Meta chose not to deliver this marketing message to keep engagement healthy; do not retry right away.',
  131056: 'Too many messages to this same person in a short time; wait before sending again.',
  130429: 'Cloud API throughput limit reached; slow down.',
  132000: 'The number of template parameters does not match the approved template.',
  132001: 'The template does not exist in that language (or is not approved yet).',
  132018: 'Template parameters cannot contain newlines, tabs or more than 4 spaces in a row.',
};

const defaultSleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

type Json = Record<string, unknown>;

function textParams(list: string[]) {
  return list.map((text) => ({ type: 'text', text }));
}

/**
 * The Graph API JSON for sending `message` to `to`. Pure mapping: it does not fit or validate
 * (the sender does that first).
 */
export function toGraphPayload(to: string, message: OutgoingMessage): Json {
  // Issue 10: a person known only by their business-scoped user id (username, number withheld).
  const base = isBsuid(to)
    ? { messaging_product: 'whatsapp', recipient_type: 'individual', recipient: to }
    : { messaging_product: 'whatsapp', recipient_type: 'individual', to };
  switch (message.type) {
    case 'text':
      return { ...base, type: 'text', text: { preview_url: false, body: message.body } };

    case 'buttons':
    case 'list': {
      const interactive: Json = { type: message.type === 'buttons' ? 'button' : 'list' };
      if (message.header) interactive.header = { type: 'text', text: message.header };
      interactive.body = { text: message.body };
      if (message.footer) interactive.footer = { text: message.footer };
      interactive.action =
        message.type === 'buttons'
          ? { buttons: message.buttons.map((b) => ({ type: 'reply', reply: { id: b.id, title: b.title } })) }
          : {
              button: message.buttonText,
              sections: message.sections.map((s) => ({
                ...(s.title ? { title: s.title } : {}),
                rows: s.rows.map((r) => ({
                  id: r.id,
                  title: r.title,
                  ...(r.description ? { description: r.description } : {}),
                })),
              })),
            };
      return { ...base, type: 'interactive', interactive };
    }

    case 'template': {
      const components: Json[] = [];
      if (message.bodyParams.length > 0) components.push({ type: 'body', parameters: textParams(message.bodyParams) });
      (message.quickReplies ?? []).forEach((payload, i) =>
        components.push({
          type: 'button',
          sub_type: 'quick_reply',
          index: String(i),
          parameters: [{ type: 'payload', payload }],
        }),
      );
      const template: Json = { name: message.name, language: { code: message.language } };
      if (components.length > 0) template.components = components;
      return { ...base, type: 'template', template };
    }
  }
}

/** Graph JSON marking an inbound message read, optionally showing "typing…" (up to 25 s). */
export function toReadPayload(messageId: string, typing = false): Json {
  const p: Json = { messaging_product: 'whatsapp', status: 'read', message_id: messageId };
  if (typing) p.typing_indicator = { type: 'text' };
  return p;
}

/** Retry-After as seconds or HTTP date → ms; undefined when absent/unparseable. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const secs = Number(header);
  if (Number.isFinite(secs) && secs >= 0) return secs * 1000;
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Builds a WhatsAppError from a non-2xx Graph response. */
export function errorFromResponse(httpStatus: number, body: unknown, retryAfterMs?: number): WhatsAppError {
  const e = typeof body === 'object' && body !== null ? (body as Json).error : undefined;
  const err = typeof e === 'object' && e !== null ? (e as Json) : {};
  const code = typeof err.code === 'number' ? err.code : undefined;
  const subcode = typeof err.error_subcode === 'number' ? err.error_subcode : undefined;
  const data = err.error_data as Json | string | undefined;
  const details = typeof data === 'string' ? data : typeof data?.details === 'string' ? data.details : undefined;
  const fbtraceId = typeof err.fbtrace_id === 'string' ? err.fbtrace_id : undefined;
  const graphMessage = typeof err.message === 'string' ? err.message : 'no error message in response';

  const retryable =
    code !== undefined && NEVER_RETRY.has(code)
      ? false
      : (code !== undefined && RETRYABLE_CODES.has(code)) || httpStatus === 429 || httpStatus >= 500;

  const hint = code !== undefined ? HINTS[code] : undefined;
  const text =
    `WhatsApp Cloud API refused the request (HTTP ${httpStatus}${code !== undefined ? `, code ${code}` : ''}): ` +
    graphMessage +
    (details && details !== graphMessage ? ` — ${details}` : '') +
    (hint ? ` ${hint}` : '') +
    (fbtraceId ? ` [fbtrace_id ${fbtraceId}]` : '');

  const info: WhatsAppError['info'] = {};
  if (subcode !== undefined) info.subcode = subcode;
  if (details !== undefined) info.details = details;
  if (fbtraceId !== undefined) info.fbtraceId = fbtraceId;
  if (retryAfterMs !== undefined) info.retryAfterMs = retryAfterMs;
  return new WhatsAppError(text, code, httpStatus, retryable, info);
}

const PHONE = /^\d{7,15}$/;

export function createCloudApiSender(opts: CloudApiSenderOptions): WhatsAppSender {
  const httpSend = opts.fetch ? viaFetch(opts.fetch) : nodeHttp;
  const sleep = opts.sleep ?? defaultSleep;
  const random = opts.random ?? Math.random;
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const maxRetries = Math.max(0, opts.maxRetries ?? 3);
  const baseDelay = opts.baseDelayMs ?? 500;
  const maxDelay = opts.maxDelayMs ?? 30_000;
  for (const k of ['graphUrl', 'apiVersion', 'phoneNumberId', 'accessToken'] as const) {
    if (!opts[k]) throw new Error(`createCloudApiSender: "${k}" is empty; set it from the WhatsApp app configuration.`);
  }
  const url = `${opts.graphUrl.replace(/\/+$/, '')}/${opts.apiVersion}/${opts.phoneNumberId}/messages`;

  let target: URL | string = url;
  try {
    target = new URL(url); // parsed once, not per request
  } catch {
    // A graphUrl that is no URL fails each send, as it always did ("Could not reach …").
  }
  const headers = { authorization: `Bearer ${opts.accessToken}`, 'content-type': 'application/json' };

  async function attempt(payload: Json): Promise<Json> {
    let res: HttpReply;
    try {
      res = await httpSend(target, { method: 'POST', headers, body: JSON.stringify(payload), timeoutMs });
    } catch (e) {
      const timedOut = e instanceof HttpFailure && e.timedOut;
      // Issue 10: refused → surely not sent, retried. Timed out or dropped → Meta may have it: not
      // repeated here; the status webhooks (biz_opaque_callback_data) settle it (src/engine/outbound.ts).
      const refused = e instanceof HttpFailure && e.code === 'ECONNREFUSED';
      throw new WhatsAppError(
        timedOut
          ? `WhatsApp Cloud API did not answer within ${timeoutMs} ms (${url}); ` +
              'the message may or may not have been sent.'
          : `Could not reach the WhatsApp Cloud API at ${url}: ${(e as Error).message}. ` +
              'Check network/DNS and graphUrl.',
        undefined,
        undefined,
        refused,
        refused ? {} : { uncertain: true },
      );
    }
    const text = res.text;
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    if (res.status < 200 || res.status > 299) {
      throw errorFromResponse(
        res.status,
        body ?? { error: { message: text.slice(0, 200) || res.statusText } },
        parseRetryAfter(res.header('retry-after')),
      );
    }
    if (typeof body !== 'object' || body === null) {
      throw new WhatsAppError(
        `WhatsApp Cloud API answered HTTP ${res.status} with a non-JSON body: ${text.slice(0, 200)}`,
        undefined,
        res.status,
        false,
      );
    }
    return body as Json;
  }

  async function post(payload: Json): Promise<Json> {
    for (let n = 0; ; n++) {
      try {
        return await attempt(payload);
      } catch (e) {
        if (!(e instanceof WhatsAppError)) throw e;
        if (!e.retryable || n >= maxRetries) {
          (e.info as { attempts?: number }).attempts = n + 1;
          throw e;
        }
        const backoff = Math.floor(random() * Math.min(maxDelay, baseDelay * 2 ** n));
        const wait = Math.min(maxDelay, Math.max(backoff, e.info.retryAfterMs ?? 0));
        await sleep(wait);
      }
    }
  }

  return {
    name: 'cloud',

    async send(
      to: string,
      message: OutgoingMessage,
      sendOpts?: { callbackData?: string },
    ): Promise<{ messageId: string }> {
      const digits = to.replace(/^\+/, '');
      const bsuid = isBsuid(to);
      if (!bsuid && !PHONE.test(digits))
        throw new Error(
          `WhatsApp recipient "${to}" is not a phone number: use digits only with country code ` +
            '(E.164 without "+"), or a business-scoped user id like "US.1349…".',
        );
      const fitted = fitMessage(message, opts.fit);
      assertValid(fitted);
      const payload = toGraphPayload(bsuid ? to : digits, fitted);
      if (sendOpts?.callbackData) payload.biz_opaque_callback_data = sendOpts.callbackData.slice(0, 512);
      const body = await post(payload);
      const messages = body.messages;
      const id =
        Array.isArray(messages) && typeof messages[0]?.id === 'string' ? (messages[0].id as string) : undefined;
      if (!id)
        throw new WhatsAppError(
          'WhatsApp Cloud API accepted the message but returned no messages[0].id: ' +
            JSON.stringify(body).slice(0, 200),
          undefined,
          200,
          false,
        );
      return { messageId: id };
    },

    async markRead(messageId: string, o?: { typing?: boolean }): Promise<void> {
      if (!messageId) throw new Error('markRead: messageId is empty; pass the wamid of the inbound message.');
      await post(toReadPayload(messageId, o?.typing ?? false));
    },
  };
}
