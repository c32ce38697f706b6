/**
 * Chatwoot round trip against the fake Chatwoot (test/fakes/chatwoot-server.ts): the hand-off
 * opens a conversation in the API inbox with the history, every new message is mirrored, an
 * agent's reply comes back through the verified webhook and goes out on WhatsApp, and resolving
 * it gives the conversation back to the bot.
 */
import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startFakeChatwoot, type FakeChatwoot } from '../fakes/chatwoot-server.js';
import { startHarness, type Harness } from '../support/harness.js';
import { ADMIN_SECRET, api, token } from '../support/admin.js';

const ANA = '34600111222';
const CW_SECRET = 'chatwoot-webhook-secret';

describe('Chatwoot hand-off', () => {
  let h: Harness;
  let cw: FakeChatwoot;

  beforeEach(async () => {
    cw = await startFakeChatwoot();
    h = await startHarness({
      provider: 'demo',
      env: {
        ADMIN_JWT_SECRET: ADMIN_SECRET,
        CHATWOOT_URL: cw.url,
        CHATWOOT_API_TOKEN: cw.apiToken,
        CHATWOOT_ACCOUNT_ID: String(cw.accountId),
        CHATWOOT_INBOX_ID: String(cw.inboxId),
        CHATWOOT_WEBHOOK_SECRET: CW_SECRET,
      },
    });
    cw.setWebhook(`${h.url}/webhooks/chatwoot`, CW_SECRET);
  });
  afterEach(async () => {
    await h.close();
    await cw.close();
  });

  const runJobs = async () => {
    for (let i = 0; i < 3; i++) {
      await h.reserva.worker.runDue();
      await h.reserva.engine.idle();
    }
  };
  const state = async () => (await h.reserva.engine.inspect(ANA))?.state;
  const texts = (conversationId: number) => cw.messages.filter((m) => m.conversationId === conversationId);

  it('round trip: history, mirrored messages, agent replies out on WhatsApp, resolve releases the bot', async () => {
    await h.say(ANA, 'hola', { name: 'Ana García' });
    await h.say(ANA, 'quiero hablar con una persona');
    await runJobs();

    expect(cw.contacts).toHaveLength(1);
    expect(cw.contacts[0]).toMatchObject({ name: 'Ana García', phone_number: `+${ANA}` });
    expect(cw.conversations).toHaveLength(1);
    const conv = cw.conversations[0]!;
    expect(conv.status).toBe('open');
    expect(conv.additionalAttributes.reserva_contact_id).toBeTruthy();
    const [history] = texts(conv.id);
    expect(history).toMatchObject({ private: true });
    expect(history!.content).toContain('👤 hola');
    expect(history!.content).toContain('👤 quiero hablar con una persona');

    // New messages from the person are mirrored, in order, as incoming.
    expect((await h.say(ANA, '¿me oís?')).map((r) => r.text)).toEqual([
      expect.stringMatching(/He pasado tu mensaje al equipo/),
    ]); // once per hand-off
    expect(await h.say(ANA, { media: 'image' })).toEqual([]);
    await runJobs();
    expect(
      texts(conv.id)
        .filter((m) => m.messageType === 'incoming')
        .map((m) => m.content),
    ).toEqual(['¿me oís?', '[image]']);

    // An agent replies in Chatwoot: it goes out on WhatsApp, once.
    const reply = await cw.agentReply(conv.id, 'Hola Ana, soy Marta. ¿En qué te ayudo?');
    await runJobs();
    expect(h.repliesTo(ANA).at(-1)).toMatchObject({ type: 'text', text: 'Hola Ana, soy Marta. ¿En qué te ayudo?' });
    const sentBefore = h.repliesTo(ANA).length;
    // Redelivered by Chatwoot: not sent twice. A private note is for agents only.
    const redelivery = JSON.stringify({
      event: 'message_created',
      id: reply.id,
      content: reply.content,
      message_type: 'outgoing',
      private: false,
      conversation: { id: conv.id },
    });
    const ts = Math.floor(Date.now() / 1000);
    const again = await fetch(`${h.url}/webhooks/chatwoot`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-chatwoot-timestamp': String(ts),
        'x-chatwoot-signature': `sha256=${createHmac('sha256', CW_SECRET).update(`${ts}.${redelivery}`).digest('hex')}`,
      },
      body: redelivery,
    });
    expect(await again.json()).toMatchObject({ result: 'ignored: seen before' });
    await cw.agentReply(conv.id, 'nota interna: revisar su factura', { private: true });
    await runJobs();
    expect(h.repliesTo(ANA)).toHaveLength(sentBefore);
    expect(await state()).toBe('handoff');

    // Resolving in Chatwoot gives it back to the bot.
    await cw.resolve(conv.id);
    await runJobs();
    expect(await state()).toBe('idle');
    const after = await h.say(ANA, 'quiero una cita mañana a las 10');
    expect(after.length).toBeGreaterThan(0);
    expect((await h.reserva.db.prisma.handoff.findFirstOrThrow()).endedBy).toBe('staff');
    expect(cw.deliveries.every((d) => d.status === 200)).toBe(true);

    // A second hand-off reuses the Chatwoot contact and opens a new conversation.
    await h.say(ANA, 'quiero hablar con una persona');
    await runJobs();
    expect(cw.contacts).toHaveLength(1);
    expect(cw.conversations).toHaveLength(2);
    // Released from the Reserva inbox: Chatwoot's conversation is resolved too, with a note.
    const id = (await h.reserva.db.prisma.contact.findUniqueOrThrow({ where: { phone: ANA } })).id;
    const admin = api(h.url, token('admin'));
    expect(
      (await admin('POST', `/admin/contacts/${id}/messages`, { text: 'Te escribo desde la bandeja.' })).status,
    ).toBe(202);
    await h.reserva.engine.idle();
    await admin('DELETE', `/admin/contacts/${id}/handoff`);
    await runJobs();
    const second = cw.conversations[1]!;
    expect(second.status).toBe('resolved');
    const notes = texts(second.id)
      .filter((m) => m.private)
      .map((m) => m.content);
    expect(notes.some((n) => n.includes('Te escribo desde la bandeja.'))).toBe(true);
    expect(notes.some((n) => n.includes('back with the bot'))).toBe(true);
    // An agent writing on a released conversation is told it was not sent.
    await cw.agentReply(second.id, '¿Sigues ahí?');
    await runJobs();
    expect(h.repliesTo(ANA).map((r) => r.text)).not.toContain('¿Sigues ahí?');
    expect(texts(second.id).at(-1)?.content).toMatch(/not sent/);
  });

  it('verifies deliveries: signature when Chatwoot signs, ?token= when it does not; anything else is 401', async () => {
    const body = JSON.stringify({ event: 'conversation_typing_on', id: 1 });
    const post = (headers: Record<string, string>, query = '') =>
      fetch(`${h.url}/webhooks/chatwoot${query}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
      });
    const ts = Math.floor(Date.now() / 1000);
    const sig = (secret: string, t: number) =>
      `sha256=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
    expect((await post({})).status).toBe(401);
    expect((await post({ 'x-chatwoot-timestamp': String(ts), 'x-chatwoot-signature': sig('wrong', ts) })).status).toBe(
      401,
    );
    expect(
      (await post({ 'x-chatwoot-timestamp': String(ts - 3600), 'x-chatwoot-signature': sig(CW_SECRET, ts - 3600) }))
        .status,
    ).toBe(401);
    expect((await post({}, '?token=nope')).status).toBe(401);
    expect(
      (await post({ 'x-chatwoot-timestamp': String(ts), 'x-chatwoot-signature': sig(CW_SECRET, ts) })).status,
    ).toBe(200);
    expect((await post({}, `?token=${CW_SECRET}`)).status).toBe(200);
  });

  it('Chatwoot down: the notification is retried until it gets through (durable job)', async () => {
    cw.failNext(2, 502);
    await h.say(ANA, 'quiero hablar con una persona');
    await runJobs();
    expect(cw.conversations).toHaveLength(0);
    const job = await h.reserva.db.prisma.job.findFirstOrThrow({ where: { kind: 'handoff.chatwoot' } });
    expect(job.status).toBe('pending');
    expect(job.lastError).toMatch(/Chatwoot .* answered 502/);
    for (let i = 0; i < 2; i++) {
      h.clock.advance(10 * 60_000);
      await runJobs();
    }
    expect(cw.conversations).toHaveLength(1);
    expect(texts(cw.conversations[0]!.id).filter((m) => m.private)).toHaveLength(1);
  });
});
