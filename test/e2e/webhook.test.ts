/**
 * The WhatsApp webhook as Meta uses it: verification, signatures, at-least-once deliveries,
 * restarts and concurrent messages of one person.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { textMessage, wrapWebhook, statusUpdate } from '../support/whatsapp-payloads.js';
import { signBody } from '../../src/whatsapp/signature.js';
import { startHarness, VERIFY_TOKEN, type Harness } from '../support/harness.js';

const ANA = '34600111222';
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('WhatsApp webhook', () => {
  it('answers Meta’s verification challenge, and refuses a wrong token', async () => {
    h = await startHarness({ provider: 'demo' });
    const ok = await fetch(
      `${h.url}/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=${VERIFY_TOKEN}&hub.challenge=1158201444`,
    );
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('1158201444');
    const bad = await fetch(`${h.url}/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1`);
    expect(bad.status).toBe(403);
  });

  it('rejects a wrong or missing signature with 401 and stores nothing', async () => {
    h = await startHarness({ provider: 'demo' });
    const body = wrapWebhook(textMessage({ from: ANA, name: 'Ana', text: 'hola', timestamp: h.clock.now }));
    expect((await h.post(body, { signature: 'sha256=' + '0'.repeat(64) })).status).toBe(401);
    expect((await h.post(body, { signature: null })).status).toBe(401);
    expect((await h.post(body, { signature: signBody(JSON.stringify(body), 'another-secret') })).status).toBe(401);
    await h.reserva.engine.idle();
    expect(await h.reserva.db.prisma.inboxMessage.count()).toBe(0);
    expect(await h.reserva.db.prisma.contact.count()).toBe(0);
    expect(h.graph.sent).toHaveLength(0);
  });

  it('answers malformed JSON, huge bodies and unknown shapes without crashing', async () => {
    h = await startHarness({ provider: 'demo' });
    expect((await h.post(null, { raw: '{"object": "whatsapp_business_account", ' })).status).toBe(400);
    expect((await h.post({ hello: 'world' })).status).toBe(200);
    const huge = 'x'.repeat(2 * 1024 * 1024);
    const res = await h.post(null, { raw: JSON.stringify({ big: huge }) });
    expect(res.status).toBe(413);
    const [reply] = await h.say(ANA, '😀😀😀');
    expect(reply!.options.length).toBeGreaterThan(0);
    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
  });

  it('a delivery repeated 10 times makes one booking and one reply', async () => {
    h = await startHarness({ provider: 'calcom' });
    await h.say(ANA, 'Quiero una cita mañana a las 17:00');
    const before = h.graph.sent.length;
    const body = wrapWebhook(
      textMessage({ from: ANA, name: 'Ana', text: 'sí', id: 'wamid.dup.1', timestamp: h.clock.now }),
    );
    const results = await Promise.all(Array.from({ length: 10 }, () => h!.post(body)));
    expect(results.every((r) => r.status === 200)).toBe(true);
    await h.reserva.engine.idle();
    // The confirmation and the marketing question that follows a first booking (issue 14), once each.
    expect(h.graph.sent.length - before).toBe(2);
    expect([...h.cal!.bookings.values()].filter((b) => b.status === 'accepted')).toHaveLength(1);
    expect(await h.reserva.db.prisma.inboxMessage.count({ where: { waMessageId: 'wamid.dup.1' } })).toBe(1);
    // Stored by the group-commit writer, read back by Prisma unchanged.
    const row = await h.reserva.db.prisma.inboxMessage.findUniqueOrThrow({ where: { waMessageId: 'wamid.dup.1' } });
    expect(row.receivedAt.toISOString()).toBe(h.clock.now.toISOString());
    expect(row.status).toBe('processed');
  });

  it('two messages of one person sent at once are handled in order', async () => {
    h = await startHarness({ provider: 'demo' });
    const a = wrapWebhook(
      textMessage({
        from: ANA,
        name: 'Ana',
        text: 'Quiero una cita mañana a las 17:00',
        id: 'wamid.order.1',
        timestamp: h.clock.now,
      }),
    );
    const b = wrapWebhook(
      textMessage({ from: ANA, name: 'Ana', text: 'sí', id: 'wamid.order.2', timestamp: h.clock.now }),
    );
    const [ra, rb] = await Promise.all([h.post(a), h.post(b)]);
    expect([ra.status, rb.status]).toEqual([200, 200]);
    await h.reserva.engine.idle();
    const replies = h.repliesTo(ANA);
    // The confirmation, then the marketing question that follows a first booking (issue 14).
    expect(replies.at(-2)!.text).toContain('✅');
    expect(replies.at(-1)!.text).toMatch(/ofertas/);
    expect(await h.reserva.db.prisma.booking.count()).toBe(1);
  });

  it('after a restart, messages stored but not processed are processed once', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'reserva-restart-'));
    const databaseUrl = `file:${join(dir, 'r.db')}`;
    h = await startHarness({ provider: 'demo', databaseUrl });
    // The previous process stored the message and died before processing it.
    const msg = {
      id: 'wamid.restart.1',
      from: ANA,
      profileName: 'Ana',
      timestamp: h.clock.now.toISOString(),
      content: { kind: 'text', text: 'hola' },
    };
    await h.reserva.db.prisma.inboxMessage.create({
      data: { waMessageId: msg.id, phone: ANA, payload: JSON.stringify(msg), status: 'processing' },
    });
    await h.close();
    h = await startHarness({ provider: 'demo', databaseUrl });
    await h.reserva.engine.idle();
    expect(h.repliesTo(ANA)).toHaveLength(1);
    const row = await h.reserva.db.prisma.inboxMessage.findUniqueOrThrow({ where: { waMessageId: msg.id } });
    expect(row.status).toBe('processed');
    // Recovering again does nothing more.
    await h.reserva.engine.recover();
    await h.reserva.engine.idle();
    expect(h.repliesTo(ANA)).toHaveLength(1);
  });

  it('marks each message as read with the typing indicator, and stores statuses monotonically', async () => {
    h = await startHarness({ provider: 'demo' });
    await h.say(ANA, 'hola', { id: 'wamid.read.1' });
    expect(h.graph.reads).toContainEqual({ messageId: 'wamid.read.1', typing: true });
    const out = h.graph.sent.at(-1)!;
    const st = (status: 'sent' | 'delivered' | 'read') =>
      statusUpdate({ messageId: out.id, recipient: ANA, status, timestamp: h!.clock.now } as never);
    await h.post(wrapWebhook([st('read')]));
    await h.post(wrapWebhook([st('delivered')]));
    await h.post(wrapWebhook([st('read')]));
    const row = await h.reserva.db.prisma.outboundMessage.findUniqueOrThrow({ where: { waMessageId: out.id } });
    expect(row.status).toBe('read');
    expect(await h.reserva.db.prisma.messageStatusEvent.count({ where: { waMessageId: out.id } })).toBe(2);
  });

  it('rate-limits other routes per IP, but never Meta’s webhook deliveries', async () => {
    h = await startHarness({ provider: 'demo', env: { RATE_LIMIT_PER_MINUTE: '5' } });
    const codes: number[] = [];
    for (let i = 0; i < 7; i++) codes.push((await fetch(`${h.url}/healthz`)).status);
    expect(codes.slice(0, 5).every((c) => c === 200)).toBe(true);
    expect(codes.at(-1)).toBe(429);
    for (let i = 0; i < 8; i++) {
      const res = await h.post(
        wrapWebhook(textMessage({ from: ANA, name: 'Ana', text: 'hola', id: `wamid.rl.${i}`, timestamp: h.clock.now })),
      );
      expect(res.status).toBe(200);
    }
  });
});
