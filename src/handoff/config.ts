/**
 * Hand-off and admin settings from the environment. Problems are added to the caller's list, so
 * `loadConfig` reports every misconfiguration at once, one line each, saying what to set.
 */
import { parseDuration } from '../config.js';

export interface HandoffConfig {
  /** A hand-off not released by then is released by a durable job (HANDOFF_TIMEOUT, default 12h). */
  timeoutMs: number;
  webhook?: { url: string; secret: string };
  chatwoot?: { url: string; apiToken: string; accountId: number; inboxId: number; webhookSecret: string };
  /** Approved template ({{1}} = the staff message) for staff messages outside the 24-hour window. */
  staffTemplateName?: string;
}

export interface AdminConfig {
  /** Unset: the admin API and the staff inbox are off (404). */
  jwtSecret?: string;
}

type Str = (name: string) => string | undefined;

function httpUrl(name: string, value: string, problems: string[]): string {
  try {
    const u = new URL(value);
    if (!/^https?:$/.test(u.protocol)) throw new Error('not http');
  } catch {
    problems.push(`${name}="${value}" is not an http(s) URL`);
  }
  return value.replace(/\/+$/, '');
}

export function loadHandoffConfig(str: Str, problems: string[]): HandoffConfig {
  let timeoutMs = 12 * 3_600_000;
  try {
    timeoutMs = parseDuration(str('HANDOFF_TIMEOUT') ?? '12h');
  } catch (e) {
    problems.push(`HANDOFF_TIMEOUT: ${(e as Error).message}`);
  }
  const config: HandoffConfig = { timeoutMs, staffTemplateName: str('STAFF_TEMPLATE_NAME') };

  const hookUrl = str('HANDOFF_WEBHOOK_URL');
  const hookSecret = str('HANDOFF_WEBHOOK_SECRET');
  if (hookUrl && !hookSecret) {
    problems.push(
      'HANDOFF_WEBHOOK_SECRET is required with HANDOFF_WEBHOOK_URL: every notification is signed with it (any ' +
      'long random string; give the receiver the same one)',
    );
  } else if (!hookUrl && hookSecret) {
    problems.push(
      'HANDOFF_WEBHOOK_SECRET is set but HANDOFF_WEBHOOK_URL is not: set the URL staff notifications go to, or ' +
      'remove the secret',
    );
  } else if (hookUrl && hookSecret) {
    config.webhook = { url: httpUrl('HANDOFF_WEBHOOK_URL', hookUrl, problems), secret: hookSecret };
  }

  const names = ['CHATWOOT_URL', 'CHATWOOT_API_TOKEN', 'CHATWOOT_ACCOUNT_ID', 'CHATWOOT_INBOX_ID'] as const;
  const given = names.filter((n) => str(n));
  if (given.length > 0 && given.length < names.length) {
    problems.push(
      `Chatwoot needs all of ${names.join(', ')} (missing: ${names.filter((n) => !str(n)).join(', ')}); set them ` +
      `all, or none to run without Chatwoot`,
    );
  } else if (given.length === names.length) {
    const [url, apiToken] = [str('CHATWOOT_URL') ?? '', str('CHATWOOT_API_TOKEN') ?? ''];
    const id = (name: string) => {
      const v = Number(str(name));
      if (!Number.isInteger(v) || v < 1)
        problems.push(
          `${name}="${str(name)}" must be the numeric id shown in Chatwoot's URL (…/accounts/<id>/…, Settings → ` +
          `Inboxes → <inbox> → its URL)`,
        );
      return v;
    };
    const webhookSecret = str('CHATWOOT_WEBHOOK_SECRET');
    if (!webhookSecret) {
      problems.push(
        'CHATWOOT_WEBHOOK_SECRET is required with Chatwoot: the secret of the Chatwoot webhook to ' +
        '/webhooks/chatwoot (see README, "Connecting Chatwoot")',
      );
    }
    config.chatwoot = {
      url: httpUrl('CHATWOOT_URL', url, problems),
      apiToken,
      accountId: id('CHATWOOT_ACCOUNT_ID'),
      inboxId: id('CHATWOOT_INBOX_ID'),
      webhookSecret: webhookSecret ?? '',
    };
  }
  return config;
}

export function loadAdminConfig(str: Str, problems: string[]): AdminConfig {
  const jwtSecret = str('ADMIN_JWT_SECRET');
  if (jwtSecret && jwtSecret.length < 32) {
    problems.push(
      `ADMIN_JWT_SECRET is too short (${jwtSecret.length} characters): use at least 32 random characters, e.g. ` +
      `the output of \`openssl rand -hex 32\``,
    );
  }
  return { jwtSecret };
}
