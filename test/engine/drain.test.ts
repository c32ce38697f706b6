/**
 * SIGTERM drains: once `drain()` is called no new message is taken, and every turn already taken
 * is finished — its reply goes out. What was stored but not taken stays in the inbox for the next
 * start (or another instance), and is answered then, once.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { textMessage, wrapWebhook } from '../support/whatsapp-payloads.js';
import { startHarness, type Harness } from '../support/harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('drain', () => {
  it('finishes the turns in flight and leaves the rest in the inbox, answered once after a restart', async () => {
    h = await startHarness({ provider: 'demo', env: { ENGINE_CONCURRENCY: '2' } });
    const phones = Array.from({ length: 12 }, (_, i) => `3460055${String(i).padStart(4, '0')}`);
    const posted = await Promise.all(
      phones.map((from, i) =>
        h!.post(
          wrapWebhook(
            textMessage({ from, name: 'Eva', text: 'hola', id: `wamid.drain.${i}`, timestamp: h!.clock.now }),
          ),
        ),
      ),
    );
    expect(posted.map((r) => r.status)).toEqual(phones.map(() => 200));
    await h.reserva.engine.drain();
    const prisma = h.reserva.db.prisma;
    const processed = await prisma.inboxMessage.count({ where: { status: 'processed' } });
    const pendingEffects = await prisma.outboxEffect.count({ where: { status: 'pending' } });
    expect(pendingEffects).toBe(0); // every turn taken was finished, reply included
    expect(h.graph.sent.length).toBe(processed);
    expect(processed).toBeLessThan(phones.length); // not everything: the rest waits in the inbox

    // The next start takes the rest: everyone answered exactly once.
    const graph = h.graph;
    const url = h.reserva.config.databaseUrl;
    await h.reserva.close();
    const next = await startHarness({ provider: 'demo', databaseUrl: url, graph, clock: h.clock });
    try {
      await next.reserva.engine.recover();
      for (
        let i = 0;
        i < 50 && (await next.reserva.db.prisma.inboxMessage.count({ where: { status: 'pending' } })) > 0;
        i++
      ) {
        await new Promise((r) => setTimeout(r, 100));
      }
      await next.reserva.engine.idle();
      for (const p of phones) expect(graph.sent.filter((s) => s.to === p)).toHaveLength(1);
    } finally {
      await next.close();
      await graph.close();
      h = undefined;
    }
  }, 60_000);
});
