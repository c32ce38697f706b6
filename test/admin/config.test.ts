/** Hand-off and admin settings: every problem reported at start, saying what to set. */
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';

const base = { LOG_LEVEL: 'silent' };

describe('hand-off configuration', () => {
  it('defaults: 12h timeout, no webhook, no Chatwoot, admin off', () => {
    const c = loadConfig(base);
    expect(c.handoff).toEqual({ timeoutMs: 12 * 3_600_000, staffTemplateName: undefined });
    expect(c.admin.jwtSecret).toBeUndefined();
  });

  it('reads every setting', () => {
    const c = loadConfig({
      ...base,
      HANDOFF_TIMEOUT: '2h',
      HANDOFF_WEBHOOK_URL: 'https://hooks.example/reserva/',
      HANDOFF_WEBHOOK_SECRET: 's3cret',
      CHATWOOT_URL: 'https://chat.example',
      CHATWOOT_API_TOKEN: 'tok',
      CHATWOOT_ACCOUNT_ID: '1',
      CHATWOOT_INBOX_ID: '5',
      CHATWOOT_WEBHOOK_SECRET: 'cw',
      STAFF_TEMPLATE_NAME: 'staff_message',
    });
    expect(c.handoff).toEqual({
      timeoutMs: 2 * 3_600_000,
      staffTemplateName: 'staff_message',
      webhook: { url: 'https://hooks.example/reserva', secret: 's3cret' },
      chatwoot: { url: 'https://chat.example', apiToken: 'tok', accountId: 1, inboxId: 5, webhookSecret: 'cw' },
    });
  });

  it('says what is missing or wrong, all at once', () => {
    let message = '';
    try {
      loadConfig({
        ...base,
        HANDOFF_TIMEOUT: 'soon',
        HANDOFF_WEBHOOK_URL: 'https://x.example',
        CHATWOOT_URL: 'https://chat.example',
        CHATWOOT_ACCOUNT_ID: 'one',
      });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/HANDOFF_TIMEOUT: "soon" is not a duration/);
    expect(message).toMatch(/HANDOFF_WEBHOOK_SECRET is required with HANDOFF_WEBHOOK_URL/);
    expect(message).toMatch(/Chatwoot needs all of .* \(missing: CHATWOOT_API_TOKEN, CHATWOOT_INBOX_ID\)/);
    expect(() =>
      loadConfig({
        ...base,
        CHATWOOT_URL: 'https://c.example',
        CHATWOOT_API_TOKEN: 't',
        CHATWOOT_ACCOUNT_ID: '1',
        CHATWOOT_INBOX_ID: '2',
      }),
    ).toThrow(/CHATWOOT_WEBHOOK_SECRET is required/);
    expect(() =>
      loadConfig({
        ...base,
        CHATWOOT_URL: 'https://c.example',
        CHATWOOT_API_TOKEN: 't',
        CHATWOOT_ACCOUNT_ID: 'x',
        CHATWOOT_INBOX_ID: '2',
        CHATWOOT_WEBHOOK_SECRET: 's',
      }),
    ).toThrow(/CHATWOOT_ACCOUNT_ID="x" must be the numeric id/);
  });
});
