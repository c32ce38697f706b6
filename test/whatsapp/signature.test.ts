import { describe, expect, it } from 'vitest';
import { createHmac } from 'node:crypto';
import { signBody, verifySignature } from '../../src/whatsapp/signature.js';

const secret = 'app-secret-123';
const body = Buffer.from('{"object":"whatsapp_business_account","entry":[]}');

describe('verifySignature', () => {
  it('accepts the header Meta would send (independently computed)', () => {
    const hex = createHmac('sha256', secret).update(body).digest('hex');
    expect(verifySignature(body, `sha256=${hex}`, secret)).toBe(true);
    expect(signBody(body, secret)).toBe(`sha256=${hex}`);
  });

  it('accepts upper-case hex and surrounding spaces', () => {
    const header = signBody(body, secret);
    expect(verifySignature(body, ` sha256=${header.slice(7).toUpperCase()} `, secret)).toBe(true);
  });

  it('rejects a wrong secret, a changed body and a missing header', () => {
    expect(verifySignature(body, signBody(body, 'other'), secret)).toBe(false);
    expect(verifySignature(Buffer.from(body.toString() + ' '), signBody(body, secret), secret)).toBe(false);
    expect(verifySignature(body, undefined, secret)).toBe(false);
    expect(verifySignature(body, '', secret)).toBe(false);
  });

  it('rejects malformed headers without throwing', () => {
    const hex = signBody(body, secret).slice(7);
    for (const h of [
      hex,
      `sha1=${hex}`,
      'sha256=',
      'sha256=zz' + hex.slice(2),
      `sha256=${hex}00`,
      `sha256=${hex.slice(2)}`,
      'sha256=abc',
      `sha256= ${hex}`,
    ]) {
      expect(verifySignature(body, h, secret), h).toBe(false);
    }
  });

  it('rejects when no app secret is configured', () => {
    expect(verifySignature(body, signBody(body, ''), '')).toBe(false);
  });
});

describe('signed webhook round trip (as end-to-end tests use it)', () => {
  it('builders → JSON bytes → signBody → verifySignature → parseWebhook', async () => {
    const { textMessage, wrapWebhook } = await import('../support/whatsapp-payloads.js');
    const { parseWebhook } = await import('../../src/whatsapp/parse.js');
    const raw = Buffer.from(
      JSON.stringify(wrapWebhook(textMessage({ from: '34600111222', name: 'José', text: 'Quiero cancelar 🙏' }))),
    );
    const header = signBody(raw, secret);
    expect(verifySignature(raw, header, secret)).toBe(true);
    const parsed = parseWebhook(JSON.parse(raw.toString('utf8')));
    expect(parsed.messages[0]).toMatchObject({
      from: '34600111222',
      profileName: 'José',
      content: { kind: 'text', text: 'Quiero cancelar 🙏' },
    });
    expect(parsed.errors).toEqual([]);
  });
});
