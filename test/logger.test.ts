import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.js';

describe('logs', () => {
  it('are JSON with phone numbers, names and e-mails redacted, in fields, URLs and errors', () => {
    const lines: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, done) => (lines.push(String(chunk)), done()) });
    const log = createLogger('info', sink as never);
    log.info(
      { phone: '34600111222', name: 'Ana García', contact: { from: '34600111222', email: 'ana@example.com' } },
      'inbound',
    );
    log.info({ req: { method: 'GET', url: '/simulator/api/conversations/34600111222' } }, 'request');
    log.error({ err: new Error('recipient +34 600 111 222 refused') }, 'send failed');
    const out = lines.join('');
    for (const l of lines) expect(() => JSON.parse(l)).not.toThrow();
    expect(out).not.toMatch(/600111222|600 111 222|Ana García|ana@example\.com/);
    expect(out).toContain('[redacted]');
  });
});
