/**
 * Privacy settings from the environment (validated once at start, like src/config.ts).
 *
 * - `PRIVACY_HASH_SALT`: secret salt of the suppression list's number hashes. Set it in production
 *   and keep it out of the database (a dump alone then cannot test numbers against the list). When
 *   unset, a random salt is generated once and kept in the PrivacySetting table so opt-outs survive
 *   restarts (see salt.ts). Changing it later makes existing entries unmatchable.
 * - `RETENTION_DAYS` (default 365): message bodies older than this are purged by a daily job.
 * - `PRIVACY_URL`: the privacy notice linked in the chat; default `<PUBLIC_URL>/privacy`.
 * - `PUBLIC_URL`: how people reach this service (export links); default http://HOST:PORT.
 */
import { ConfigError } from '../config.js';

export interface PrivacyConfig {
  hashSalt?: string;
  retentionDays: number;
  /** Link to the privacy notice used in the chat. */
  privacyUrl: string;
  /** Base of export links, without a trailing slash. */
  publicUrl: string;
  /** How long an export link works. */
  exportTtlMs: number;
}

const DAY_MS = 86_400_000;

export function loadPrivacyConfig(env: NodeJS.ProcessEnv = process.env): PrivacyConfig {
  const problems: string[] = [];
  const str = (name: string) => {
    const v = env[name]?.trim();
    return v ? v : undefined;
  };
  const httpUrl = (name: string, value: string) => {
    try {
      const u = new URL(value);
      if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new Error('not http(s)');
    } catch {
      problems.push(`${name}="${value}" is not an http(s) URL; write it like https://reserva.example.com`);
    }
    return value.replace(/\/+$/, '');
  };

  const hashSalt = str('PRIVACY_HASH_SALT');
  if (hashSalt !== undefined && hashSalt.length < 16) {
    problems.push(
      'PRIVACY_HASH_SALT must be at least 16 characters of random text (e.g. the output of `openssl rand -hex 32`)',
    );
  }
  const daysText = str('RETENTION_DAYS') ?? '365';
  const retentionDays = Number(daysText);
  if (!Number.isInteger(retentionDays) || retentionDays < 1 || retentionDays > 36_500) {
    problems.push(`RETENTION_DAYS="${daysText}" must be a whole number of days between 1 and 36500 (default 365)`);
  }
  const host = str('HOST') ?? '127.0.0.1';
  const port = str('PORT') ?? '3000';
  const tls = Boolean(str('TLS_CERT_FILE') && str('TLS_KEY_FILE'));
  const publicUrl = httpUrl(
    'PUBLIC_URL',
    str('PUBLIC_URL') ?? `${tls ? 'https' : 'http'}://${host === '0.0.0.0' ? 'localhost' : host}:${port}`,
  );
  const privacyUrl = httpUrl('PRIVACY_URL', str('PRIVACY_URL') ?? `${publicUrl}/privacy`);
  if (problems.length) throw new ConfigError(problems);
  return { hashSalt, retentionDays, privacyUrl, publicUrl, exportTtlMs: DAY_MS };
}
