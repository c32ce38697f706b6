/**
 * The HTTP client the outbound API clients (WhatsApp Cloud API, Cal.com) share: one request, a
 * whole text body back, a timeout per request — on node:http / node:https with keep-alive agents.
 *
 * Why not global `fetch`: undici's fetch builds WHATWG streams, a Request/Response pair and an
 * AbortSignal per call — about 1 ms of CPU per request on the bench machine, and a turn makes
 * two to four of them. The same request through `http.request` on a kept-alive socket costs a
 * fraction of that (bench/cpu-micro.ts measures both).
 *
 * No answer (refused, reset, DNS, timeout) rejects with an HttpFailure: `timedOut`, or the
 * socket error's `code` (ECONNREFUSED tells "surely not sent" from "may have arrived"). Any HTTP
 * status resolves; the callers map statuses to their own errors.
 */
import http from 'node:http';
import https from 'node:https';

export interface HttpRequest {
  method: string;
  headers: Record<string, string>;
  body?: string;
  /** The whole exchange (connect, send, read the body) must end within this. */
  timeoutMs: number;
}

export interface HttpReply {
  status: number;
  statusText: string;
  /** A header's value (names are case-insensitive), or null. */
  header(name: string): string | null;
  text: string;
}

/** No HTTP answer: timed out, or the connection failed (`code`: ECONNREFUSED, ECONNRESET, ENOTFOUND…). */
export class HttpFailure extends Error {
  constructor(
    message: string,
    readonly timedOut: boolean,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'HttpFailure';
  }
}

export type HttpSend = (url: string | URL, req: HttpRequest) => Promise<HttpReply>;

// Idle sockets are closed after 4 s (undici's default too), before a server's usual 5 s
// keep-alive timeout closes them under a request; node also honours a shorter Keep-Alive hint.
const AGENT_OPTIONS = { keepAlive: true, timeout: 4_000 };
const agents = { http: new http.Agent(AGENT_OPTIONS), https: new https.Agent(AGENT_OPTIONS) };

/** One request over node:http(s) with a keep-alive agent. */
export const nodeHttp: HttpSend = (url, r) =>
  new Promise<HttpReply>((resolve, reject) => {
    const u = typeof url === 'string' ? new URL(url) : url;
    const secure = u.protocol === 'https:';
    if (!secure && u.protocol !== 'http:') {
      reject(new HttpFailure(`unsupported protocol "${u.protocol}" in ${u.origin}`, false));
      return;
    }
    const headers =
      r.body === undefined ? r.headers : { ...r.headers, 'content-length': String(Buffer.byteLength(r.body)) };
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      fn();
    };
    const req = (secure ? https : http).request(
      {
        protocol: u.protocol,
        hostname: u.hostname.replace(/^\[(.*)\]$/, '$1'),
        port: u.port,
        path: u.pathname + u.search,
        method: r.method,
        headers,
        agent: secure ? agents.https : agents.http,
      },
      (res) => {
        res.setEncoding('utf8');
        let text = '';
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () =>
          settle(() =>
            resolve({
              status: res.statusCode ?? 0,
              statusText: res.statusMessage ?? '',
              header(name) {
                const v = res.headers[name.toLowerCase()];
                return v === undefined ? null : Array.isArray(v) ? v.join(', ') : v;
              },
              text,
            }),
          ),
        );
        res.on('error', (e: NodeJS.ErrnoException) =>
          settle(() => reject(new HttpFailure(e.message, false, e.code ?? 'ECONNRESET'))),
        );
      },
    );
    const timer = setTimeout(() => {
      settle(() => reject(new HttpFailure(`no answer within ${r.timeoutMs} ms`, true)));
      req.destroy();
    }, r.timeoutMs);
    req.on('error', (e: NodeJS.ErrnoException) => settle(() => reject(new HttpFailure(e.message, false, e.code))));
    req.end(r.body);
  });

/** The same interface over a `fetch` (one given in the options, e.g. to go through a proxy library). */
export function viaFetch(doFetch: typeof fetch): HttpSend {
  return async (url, r) => {
    const ctrl = new AbortController();
    const timer = setTimeout(() => ctrl.abort(), r.timeoutMs);
    try {
      const res = await doFetch(url, { method: r.method, headers: r.headers, body: r.body, signal: ctrl.signal });
      const text = await res.text();
      return { status: res.status, statusText: res.statusText, header: (n) => res.headers.get(n), text };
    } catch (e) {
      if (ctrl.signal.aborted) throw new HttpFailure(`no answer within ${r.timeoutMs} ms`, true);
      const code = (e as { cause?: { code?: string } }).cause?.code;
      throw new HttpFailure((e as Error).message, false, code);
    } finally {
      clearTimeout(timer);
    }
  };
}
