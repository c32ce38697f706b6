/**
 * Meta signs every webhook POST with the app secret:
 *   X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the raw request body>
 * Verify against the raw bytes (before JSON parsing), never a re-serialised body.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

const PREFIX = 'sha256=';
const HEX_SHA256 = /^[0-9a-f]{64}$/i;

/** The header value Meta would send for this body: "sha256=<hex>". */
export function signBody(rawBody: Buffer | string, appSecret: string): string {
  return PREFIX + createHmac('sha256', appSecret).update(rawBody).digest('hex');
}

/**
 * True only when `header` is a well-formed "sha256=<64 hex>" that matches the body's HMAC.
 * Missing, malformed or wrong-length headers are false (never throw); comparison is constant time.
 */
export function verifySignature(rawBody: Buffer, header: string | undefined, appSecret: string): boolean {
  if (typeof header !== 'string' || !appSecret) return false;
  const value = header.trim();
  if (!value.toLowerCase().startsWith(PREFIX)) return false;
  const hex = value.slice(PREFIX.length);
  if (!HEX_SHA256.test(hex)) return false;
  const given = Buffer.from(hex, 'hex');
  const expected = createHmac('sha256', appSecret).update(rawBody).digest();
  if (given.length !== expected.length) return false;
  return timingSafeEqual(given, expected);
}
