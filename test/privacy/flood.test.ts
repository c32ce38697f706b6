/** The per-phone flood guard the engine asks for each inbound message (see src/security/flood.ts). */
import { describe, expect, it } from 'vitest';
import { createFloodGuard } from '../../src/security/flood.js';

const at = (s: number) => new Date(Date.UTC(2026, 10, 25, 9, 0, 0) + s * 1000);

describe('flood guard', () => {
  it('one polite note when the limit is passed, then quiet; normal again once the person slows down', () => {
    const g = createFloodGuard({ maxPerWindow: 5, windowMs: 60_000 });
    const burst = Array.from({ length: 9 }, (_, i) => g.admit('34600111222', at(i)));
    expect(burst).toEqual(['process', 'process', 'process', 'process', 'process', 'notify', 'quiet', 'quiet', 'quiet']);
    // Another person is not affected.
    expect(g.admit('34600333444', at(9))).toBe('process');
    // Still flooding a minute later (messages kept coming): quiet, no second note.
    expect(g.admit('34600111222', at(50))).toBe('quiet');
    // Two quiet minutes later: processed again, and a later flood gets one note again.
    expect(g.admit('34600111222', at(200))).toBe('process');
    const again = Array.from({ length: 6 }, (_, i) => g.admit('34600111222', at(201 + i)));
    expect(again).toEqual(['process', 'process', 'process', 'process', 'notify', 'quiet']);
  });

  it('tracks a bounded number of phones', () => {
    const g = createFloodGuard({ maxPhones: 100 });
    for (let i = 0; i < 1000; i++) g.admit(`3460000${i}`, at(i));
    expect(g.size()).toBe(100);
  });
});

describe('flood guard in the engine (signed webhooks, real service)', () => {
  it('one polite note, then quiet; every message stored once; answered again once the flood is over', async () => {
    const { startHarness } = await import('../support/harness.js');
    const { textMessage, wrapWebhook } = await import('../support/whatsapp-payloads.js');
    const h = await startHarness({ provider: 'demo', env: { INBOUND_FLOOD_PER_MINUTE: '3' } });
    try {
      const phone = '34600555111';
      // Six messages in one webhook body, as a flood arrives.
      const body = wrapWebhook(
        Array.from({ length: 6 }, (_, i) =>
          textMessage({ from: phone, name: 'Flo', id: `wamid.flood.${i}`, timestamp: h.clock.now, text: `hola ${i}` }),
        ),
      );
      expect((await h.post(body)).status).toBe(200);
      await h.reserva.engine.idle();
      const replies = h.repliesTo(phone);
      expect(replies.filter((r) => /muchos mensajes seguidos/.test(r.text))).toHaveLength(1);
      expect(replies).toHaveLength(4); // three turns answered, one note, then quiet
      const rows = await h.reserva.db.prisma.inboxMessage.findMany({ where: { phone } });
      expect(rows).toHaveLength(6);
      expect(rows.every((r) => r.status === 'processed')).toBe(true);
      // Redelivered by Meta: still stored once.
      expect((await h.post(body)).status).toBe(200);
      expect(await h.reserva.db.prisma.inboxMessage.count({ where: { phone } })).toBe(6);
      // Two minutes later the person is answered as usual.
      h.clock.advance(120_000);
      const [again] = await h.say(phone, 'hola');
      expect(again!.text).not.toMatch(/muchos mensajes/);
    } finally {
      await h.close();
    }
  });
});
