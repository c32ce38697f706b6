/**
 * Signatures on the hand-off webhooks, both directions.
 *
 * Ours (HANDOFF_WEBHOOK_URL): `X-Reserva-Signature: sha256=<hex HMAC-SHA256 of the raw body>` with
 * HANDOFF_WEBHOOK_SECRET, and `X-Reserva-Timestamp: <unix seconds>`, which is also the body's
 * `timestamp` field — inside the signed bytes, so it can't be changed: receivers reject a delivery
 * whose signature doesn't match, whose header and body timestamps differ, or that is older than
 * five minutes, and ignore a delivery `id` they have seen.
 *
 * Chatwoot's (to /webhooks/chatwoot): versions that sign send `X-Chatwoot-Timestamp` and
 * `X-Chatwoot-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>">` with the webhook's
 * secret. Versions that don't sign are verified by the same secret as `?token=` in the URL.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-reserva-signature';
export const TIMESTAMP_HEADER = 'x-reserva-timestamp';
/** Deliveries older (or newer) than this are refused as replays. */
export const TOLERANCE_SECONDS = 300;

const hmacHex = (secret: string, data: Buffer | string) => createHmac('sha256', secret).update(data).digest('hex');

function sameHex(a: string, b: string): boolean {
  if (!/^[0-9a-f]{64}$/i.test(a) || !/^[0-9a-f]{64}$/i.test(b)) return false;
  return timingSafeEqual(Buffer.from(a.toLowerCase(), 'hex'), Buffer.from(b.toLowerCase(), 'hex'));
}

export function signWebhook(rawBody: string, secret: string): string {
  return `sha256=${hmacHex(secret, rawBody)}`;
}

/** What a receiver of our notifications does (also used by our tests). */
export function verifyWebhook(
  rawBody: Buffer | string,
  headers: Record<string, string | undefined>,
  secret: string,
  nowMs = Date.now(),
): boolean {
  const sig = headers[SIGNATURE_HEADER]?.trim() ?? '';
  const ts = Number(headers[TIMESTAMP_HEADER]);
  if (!sig.startsWith('sha256=') || !Number.isInteger(ts)) return false;
  if (Math.abs(nowMs / 1000 - ts) > TOLERANCE_SECONDS) return false;
  if (!sameHex(sig.slice(7), hmacHex(secret, rawBody))) return false;
  try {
    return (JSON.parse(rawBody.toString()) as { timestamp?: unknown }).timestamp === ts;
  } catch {
    return false;
  }
}

export function signChatwoot(rawBody: string, secret: string, timestamp: number): string {
  return `sha256=${hmacHex(secret, `${timestamp}.${rawBody}`)}`;
}

export type ChatwootVerdict = { ok: true } | { ok: false; reason: string };

/** Checks a Chatwoot delivery: its signature when it carries one, otherwise `?token=`. */
export function verifyChatwoot(
  rawBody: Buffer,
  input: { signature?: string; timestamp?: string; token?: string },
  secret: string,
  nowMs = Date.now(),
): ChatwootVerdict {
  if (!secret) return { ok: false, reason: 'CHATWOOT_WEBHOOK_SECRET is not set on this server' };
  if (input.signature) {
    const ts = Number(input.timestamp);
    if (!Number.isInteger(ts)) return { ok: false, reason: 'X-Chatwoot-Timestamp is missing or not a unix time' };
    if (Math.abs(nowMs / 1000 - ts) > TOLERANCE_SECONDS)
      return { ok: false, reason: 'X-Chatwoot-Timestamp is more than 5 minutes off: replayed or clock skew' };
    const sig = input.signature.trim();
    const expected = createHmac('sha256', secret).update(`${ts}.`).update(rawBody).digest('hex');
    if (!sig.startsWith('sha256=') || !sameHex(sig.slice(7), expected))
      return {
        ok: false,
        reason:
          "X-Chatwoot-Signature does not match: check CHATWOOT_WEBHOOK_SECRET against the webhook's secret in Chatwoot",
      };
    return { ok: true };
  }
  if (input.token) {
    const a = Buffer.from(input.token);
    const b = Buffer.from(secret);
    if (a.length === b.length && timingSafeEqual(a, b)) return { ok: true };
    return { ok: false, reason: 'the token in the URL does not match CHATWOOT_WEBHOOK_SECRET' };
  }
  return {
    ok: false,
    reason:
      'unsigned: configure a webhook secret in Chatwoot, or add ?token=<CHATWOOT_WEBHOOK_SECRET> to the webhook URL',
  };
}
