/**
 * Overload answers 503 with Retry-After (@fastify/under-pressure) instead of timing out, and
 * recovers once the backlog is worked off.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { textMessage, wrapWebhook } from '../support/whatsapp-payloads.js';
import { startHarness, type Harness } from '../support/harness.js';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('overload', () => {
  it('answers 503 with Retry-After while more people wait than OVERLOAD_BACKLOG, then 200 again', async () => {
    h = await startHarness({ provider: 'demo', env: { ENGINE_CONCURRENCY: '1', OVERLOAD_BACKLOG: '2' } });
    // A burst from many people: the engine takes one at a time, the rest waits.
    const post = (i: number) =>
      h!.post(
        wrapWebhook(
          textMessage({
            from: `3460066${String(i).padStart(4, '0')}`,
            name: 'Eva',
            text: 'hola',
            id: `wamid.over.${i}`,
            timestamp: h!.clock.now,
          }),
        ),
      );
    let refused: Response | undefined;
    for (let round = 0; round < 4 && !refused; round++) {
      // 100 people at once: with one turn at a time, the backlog outlives a health check.
      const answers = await Promise.all(Array.from({ length: 100 }, (_, k) => post(round * 100 + k)));
      refused = answers.find((r) => r.status === 503);
      await new Promise((res) => setTimeout(res, 600));
      if (!refused) {
        const r = await post(1000 + round);
        if (r.status === 503) refused = r;
      }
    }
    expect(refused?.status).toBe(503);
    expect(refused?.headers.get('retry-after')).toBe('10');
    await h.reserva.engine.idle();
    // The health check runs every 500 ms: once the backlog is worked off, requests are taken again.
    let calm = 503;
    for (let i = 0; i < 20 && calm !== 200; i++) {
      await new Promise((r) => setTimeout(r, 300));
      const r = await h.post(
        wrapWebhook(
          textMessage({
            from: '34600669999',
            name: 'Eva',
            text: 'hola',
            id: `wamid.over.calm.${i}`,
            timestamp: h.clock.now,
          }),
        ),
      );
      calm = r.status;
    }
    expect(calm).toBe(200);
  }, 60_000);
});
