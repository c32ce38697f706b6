/**
 * Found by fuzzing: a status whose id holds a lone UTF-16 surrogate (JSON text "\ud800") made the
 * status insert throw and the webhook answer 500 after the body's messages were stored, so Meta
 * would redeliver the body for days. Now: everything storable is stored, the webhook answers 200,
 * and a redelivery of the same body stores nothing twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sanitizeJson, toWellFormedText } from '../../src/security/sanitize.js';
import { statusUpdate, textMessage, wrapWebhook } from '../support/whatsapp-payloads.js';
import { createPgDatabase, pgOrSkipMessage } from '../support/postgres.js';
import { startPrivacyHarness, type PrivacyHarness } from '../support/privacy.js';

const pgOk = await pgOrSkipMessage('lone surrogates');

describe('sanitizeJson', () => {
  it('replaces lone high and low surrogates, in values and keys, and keeps real pairs', () => {
    const { value, replaced } = sanitizeJson({
      a: 'x\ud800y',
      ['k\udc00']: ['\ud83d\ude00 ok', 5, null, { b: '\udbff' }],
    });
    expect(value).toEqual({ a: 'x\ufffdy', ['k\ufffd']: ['\ud83d\ude00 ok', 5, null, { b: '\ufffd' }] });
    expect(replaced).toBe(3);
    expect(toWellFormedText('\ude00\ud83d')).toBe('\ufffd\ufffd');
  });
});

for (const provider of ['sqlite', 'postgres'] as const) {
  describe.skipIf(provider === 'postgres' && !pgOk)(`lone surrogates at the webhook (${provider})`, () => {
    let h: PrivacyHarness;
    let drop: (() => Promise<void>) | undefined;
    beforeAll(async () => {
      let databaseUrl: string | undefined;
      if (provider === 'postgres') ({ url: databaseUrl, drop } = await createPgDatabase('reserva_surrogate'));
      h = await startPrivacyHarness({ databaseUrl });
    });
    afterAll(async () => {
      await h.close();
      await drop?.();
    });

    it('status id and message text with "\\ud800": 200, messages stored once, status stored sanitised', async () => {
      const body = JSON.stringify(
        wrapWebhook([
          textMessage({ from: '34600888001', id: 'wamid.sur.1', name: 'Eva', text: 'hola SURROGATE' }),
          textMessage({ from: '34600888002', id: 'wamid.sur.2', name: 'Leo', text: 'quiero una cita' }),
          statusUpdate({ messageId: 'wamid.STATUS', recipient: '34600888001', status: 'delivered' }),
        ]),
      )
        .replace('SURROGATE', '\\ud800')
        .replace('wamid.STATUS', 'wamid.\\ud800x');
      expect(body).toContain('\\ud800');
      const res = await h.post(body);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ received: true, stored: 2 });
      await h.reserva.engine.idle();
      const inbox = await h.reserva.db.prisma.inboxMessage.findMany({ orderBy: { seq: 'asc' } });
      expect(inbox.map((m) => m.waMessageId)).toEqual(['wamid.sur.1', 'wamid.sur.2']);
      expect(inbox[0]!.payload).toContain('hola \ufffd');
      const events = await h.reserva.db.prisma.messageStatusEvent.findMany();
      expect(events.map((e) => e.waMessageId)).toEqual(['wamid.\ufffdx']);

      const again = await h.post(body);
      expect(again.status).toBe(200);
      expect(await again.json()).toMatchObject({ stored: 0, duplicates: 2 });
      expect(await h.reserva.db.prisma.messageStatusEvent.count()).toBe(1);
    });
  });
}

describe.skipIf(!pgOk)('lone surrogates in JSON bodies of other routes (postgres)', () => {
  let h: PrivacyHarness;
  let drop: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const db = await createPgDatabase('reserva_surrogate_sim');
    drop = db.drop;
    h = await startPrivacyHarness({ databaseUrl: db.url, env: { SIMULATOR: 'on' } });
  });
  afterAll(async () => {
    await h.close();
    await drop?.();
  });

  it('the simulator API repairs a lone surrogate in a message text before storing it', async () => {
    const raw = '{"from":"34600888003","name":"Eva","text":"hola \\ud800"}';
    const res = await fetch(`${h.url}/simulator/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: raw,
    });
    expect(res.status).toBe(202);
    const row = await h.reserva.db.prisma.inboxMessage.findFirstOrThrow({ where: { phone: '34600888003' } });
    expect(row.payload).toContain('hola \ufffd');
  });
});
