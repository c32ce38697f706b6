/** Shared by the hand-off and admin tests: a receiver for the signed webhook, tokens, API calls. */
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { issueToken, type Role } from '../../src/admin/token.js';
import { readBody } from '../fakes/read-body.js';

export const ADMIN_SECRET = 'test-admin-secret-0123456789abcdef0123';
export const HOOK_SECRET = 'test-handoff-webhook-secret';

export const token = (role: Role, ttl = '1h') => issueToken(ADMIN_SECRET, { role, ttl, subject: `test-${role}` });

export interface Receiver {
  url: string;
  received: Array<{
    headers: Record<string, string | undefined>;
    raw: string;
    body: {
      id: string;
      type: string;
      timestamp: number;
      contact: { id: string; phone: string };
      message?: { text: string };
    };
  }>;
  /** Answer this status to the next N deliveries. */
  failNext(n: number, status?: number): void;
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const received: Receiver['received'] = [];
  let failing = { n: 0, status: 500 };
  const server = createServer((req: IncomingMessage, res) => {
    void readBody(req).then((raw) => {
      if (failing.n > 0) {
        failing.n--;
        res.writeHead(failing.status).end();
        return;
      }
      const headers: Record<string, string | undefined> = {};
      for (const [k, v] of Object.entries(req.headers)) headers[k] = Array.isArray(v) ? v[0] : v;
      received.push({ headers, raw, body: JSON.parse(raw) });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/reserva`,
    received,
    failNext(n, status = 500) {
      failing = { n, status };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A JSON answer, read loosely by the tests (they assert on its shape). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read API answers as plain JSON
type Json = any;

/** Calls the admin API of a running service. */
export function api(base: string, bearer?: string) {
  return async (method: string, path: string, body?: unknown): Promise<{ status: number; json: Json }> => {
    const headers: Record<string, string> = {};
    if (bearer) headers.authorization = `Bearer ${bearer}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(base + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let json: Json = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = text;
    }
    return { status: res.status, json };
  };
}
