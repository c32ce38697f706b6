/**
 * Admin tokens: HS256 JWTs signed with ADMIN_JWT_SECRET, carrying a role and an expiry (always:
 * tokens are short-lived; the API refuses one without `exp`). Issued by `npm run admin:token`.
 */
import { createSigner } from 'fast-jwt';
import { parseDuration } from '../config.js';

export const ROLES = ['viewer', 'admin'] as const;
export type Role = (typeof ROLES)[number];
/** Longest lifetime a token may be issued for. */
export const MAX_TTL_MS = 30 * 86_400_000;

export interface AdminClaims {
  role: Role;
  sub: string;
}

export function issueToken(secret: string, opts: { role: Role; ttl: string; subject?: string }): string {
  if (!ROLES.includes(opts.role)) throw new Error(`--role must be viewer or admin; got "${opts.role}"`);
  const ttlMs = parseDuration(opts.ttl);
  if (ttlMs < 1000 || ttlMs > MAX_TTL_MS) throw new Error(`--ttl must be between 1s and 30d; got "${opts.ttl}"`);
  const sign = createSigner({ key: secret, algorithm: 'HS256', expiresIn: ttlMs });
  return sign({ role: opts.role, sub: opts.subject ?? 'staff' });
}
