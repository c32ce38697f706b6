/**
 * One typed HTTP wrapper for Cal.com API v2 (node:http with keep-alive, src/net/http-client.ts):
 * bearer auth, per-endpoint `cal-api-version`, a timeout per attempt, bounded retries with
 * exponential backoff on 429 / 5xx / network errors (never on other 4xx), and every failure
 * turned into a CalendarError.
 */
import { HttpFailure, nodeHttp, viaFetch, type HttpSend } from '../../net/http-client.js';
import { CalendarError, type CalendarErrorCode, type RefusalReason } from '../types.js';

/** The `cal-api-version` each endpoint family needs (checked against the OpenAPI spec in test/calendar). */
export const CAL_API_VERSIONS = {
  slots: '2024-09-04',
  bookings: '2024-08-13',
  eventTypes: '2024-06-14',
} as const;

export type Retry = 'safe' | 'unsafe';

export interface CalRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string; // e.g. /v2/slots
  version: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  /**
   * 'safe' (default): retried on 429, 5xx, timeouts and network errors.
   * 'unsafe' (creates something that must not be duplicated, e.g. a booking): retried only when
   * the request surely did not take effect — 429 and connection refused.
   */
  retry?: Retry;
}

export interface HttpOptions {
  baseUrl: string;
  apiKey: string;
  timeoutMs?: number;
  maxRetries?: number;
  /** Send through this fetch instead of node:http with a keep-alive agent. */
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
}

export type CalHttp = <T = unknown>(req: CalRequest) => Promise<T>;

const SLOT_TAKEN = new RegExp(
  '(not available|unavailable|already (has )?(a )?(booking|booked|reserved)|already reserved|is reserved|' +
    'slot.*taken|no_available_users|no available users)',
  'i',
);

/**
 * Issue 10: Cal.com's own texts for refusals the person can act on (packages/lib/errorCodes.ts,
 * isOutOfBounds.ts, the API's validation pipe), as they reach API v2's `error.message`. Checked
 * before "slot taken": a refusal is never "calendar down".
 */
const REFUSALS: Array<[RefusalReason | 'out_of_bounds', string[]]> = [
  ['in_past', ['attempting to book a meeting in the past', 'in the past']],
  ['out_of_bounds', ['booking_time_out_of_bounds_error', 'out of bounds', 'minimum booking notice']],
  ['booker_limit', ['booker_limit_exceeded_error', 'booker limit', 'maximum number of active bookings']],
  [
    'invalid_phone',
    ['invalid_phone_number', 'invalid phone number', 'phonenumber must be a valid phone number', '}invalid_number'],
  ],
  [
    'missing_fields',
    ['missing_required_field', 'missing required field', 'error_required_field', 'is required for this event type'],
  ],
];

/** The refusal a Cal.com error text names, if any. */
export function refusalOf(detail: string): RefusalReason | 'out_of_bounds' | undefined {
  const text = detail.toLowerCase();
  return REFUSALS.find(([, phrases]) => phrases.some((p) => text.includes(p)))?.[0];
}

/** "This booking has already been cancelled": a cancel that already took effect (issue 10). */
export const isAlreadyCancelled = (err: CalendarError) =>
  err.code !== 'unavailable' && /already (been )?cancel/i.test(err.message);

export function createCalHttp(opts: HttpOptions): CalHttp {
  if (!opts.apiKey)
    throw new Error(
      'Cal.com API key is empty: set CAL_API_KEY to an API key from Cal.com → Settings → Developer → API keys.',
    );
  const base = opts.baseUrl.replace(/\/+$/, '');
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const maxRetries = opts.maxRetries ?? 2;
  const send: HttpSend = opts.fetch ? viaFetch(opts.fetch) : nodeHttp;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));

  return async function request<T>(req: CalRequest): Promise<T> {
    const url = new URL(base + req.path);
    for (const [k, v] of Object.entries(req.query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    const what = `${req.method} ${req.path}`;
    const headers: Record<string, string> = {
      authorization: `Bearer ${opts.apiKey}`,
      'cal-api-version': req.version,
      accept: 'application/json',
    };
    if (req.body !== undefined) headers['content-type'] = 'application/json';
    const body = req.body === undefined ? undefined : JSON.stringify(req.body);
    let attempt = 0;
    for (;;) {
      let outcome: { error: CalendarError; retryable: boolean; waitMs?: number };
      try {
        const res = await send(url, { method: req.method, headers, body, timeoutMs });
        const text = res.text;
        const json = parseJson(text);
        if (res.status >= 200 && res.status <= 299) {
          if (json === undefined && text)
            throw new CalendarError(
              'unavailable',
              `Cal.com ${what} answered ${res.status} with a body that is not JSON.`,
              res.status,
            );
          return json as T;
        }
        outcome = classify(res.status, json, text, what, req.retry ?? 'safe', res.header('retry-after'));
      } catch (err) {
        if (err instanceof CalendarError) throw err;
        outcome = networkFailure(err, what, req.retry ?? 'safe', timeoutMs);
      }
      if (!outcome.retryable || attempt >= maxRetries) throw outcome.error;
      const backoff = Math.min(8_000, 250 * 2 ** attempt) + Math.floor(Math.random() * 100);
      await sleep(Math.max(backoff, Math.min(outcome.waitMs ?? 0, 30_000)));
      attempt++;
    }
  };
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The human message inside Cal.com's error envelope `{ status: "error", error: { code, message } }`. */
export function errorMessageOf(json: unknown, text: string): string {
  const j = json as { error?: { message?: unknown; code?: unknown }; message?: unknown } | undefined;
  const m = j?.error?.message ?? j?.message;
  const msg = Array.isArray(m) ? m.join('; ') : typeof m === 'string' ? m : '';
  const code = typeof j?.error?.code === 'string' ? j.error.code : '';
  return [code, msg].filter(Boolean).join(': ') || text.slice(0, 300);
}

function classify(status: number, json: unknown, text: string, what: string, retry: Retry, retryAfter: string | null) {
  const detail = errorMessageOf(json, text);
  const fail = (code: CalendarErrorCode, hint: string, retryable: boolean, waitMs?: number) => ({
    error: new CalendarError(
      code,
      `Cal.com ${what} failed with ${status}${detail ? ` (${detail})` : ''}: ${hint}`,
      status,
    ),
    retryable,
    waitMs,
  });
  if (status === 429) {
    const secs = Number(retryAfter);
    return fail(
      'rate_limited',
      'rate limited; wait and try again.',
      true,
      Number.isFinite(secs) ? secs * 1000 : undefined,
    );
  }
  if (status >= 500) return fail('unavailable', 'Cal.com is having trouble; try again later.', retry === 'safe');
  if (status === 401 || status === 403)
    return fail(
      'unauthorized',
      'check CAL_API_KEY (a Cal.com API key, "cal_…") and that it owns the event type.',
      false,
    );
  if (status === 404) return fail('not_found', 'it does not exist (wrong uid or event type id?).', false);
  const refusal = status === 400 || status === 422 ? refusalOf(detail) : undefined;
  if (refusal) {
    const error = new CalendarError(
      'refused',
      `Cal.com ${what} refused with ${status} (${detail}): tell the person why and offer the next step.`,
      status,
      false,
      refusal,
    );
    return { error, retryable: false, waitMs: undefined };
  }
  if (status === 409 || ((status === 400 || status === 422) && SLOT_TAKEN.test(detail))) {
    return fail('slot_unavailable', 'that time is no longer free; offer other slots.', false);
  }
  return fail('bad_request', 'Cal.com rejected the request; see the message above.', false);
}

function networkFailure(err: unknown, what: string, retry: Retry, timeoutMs: number) {
  const e = err instanceof HttpFailure ? err : new HttpFailure(String((err as Error)?.message ?? err), false);
  const refused = e.code === 'ECONNREFUSED';
  const reason = e.timedOut ? `no answer within ${timeoutMs} ms` : (e.code ?? e.message);
  return {
    error: new CalendarError(
      'unavailable',
      `Cal.com ${what} could not be reached (${reason}); check the network / CAL_API_URL and try again.`,
      undefined,
      true,
      undefined,
      !refused, // a timeout or a dropped connection may have taken effect
    ),
    retryable: retry === 'safe' || refused,
  };
}
