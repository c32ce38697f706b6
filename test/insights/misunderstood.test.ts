/**
 * Issue 15: every message the bot could not act on reaches `unknownIntents` — not only the idle
 * "no te he entendido", but a miss in the middle of a flow (the list or the question asked again)
 * and the second miss that offers a person. Seen in a new-user run: four misses, `count: 0`.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { api, ADMIN_SECRET, token } from '../support/admin.js';
import { clockAt, startHarness, type Harness } from '../support/harness.js';

const ANA = '34600111222';

describe('misunderstood messages are counted wherever they happen', () => {
  let h: Harness | undefined;
  afterEach(async () => {
    await h?.close();
    h = undefined;
  });

  it('idle, while choosing a slot, at the confirmation, and the second miss in a row', async () => {
    h = await startHarness({
      provider: 'demo',
      clock: clockAt('2026-11-24T08:00:00Z'),
      env: { ADMIN_JWT_SECRET: ADMIN_SECRET },
    });
    await h.say(ANA, 'blorp quux zzyzx', { name: 'Ana García' });
    await h.say(ANA, '¿Tienes hueco mañana por la mañana?', { name: 'Ana García' });
    await h.say(ANA, 'asdfgh qwerty', { name: 'Ana García' });
    await h.say(ANA, 'mañana a las 10', { name: 'Ana García' });
    await h.say(ANA, 'plonk wibble', { name: 'Ana García' });
    await h.say(ANA, 'frobnicate zork', { name: 'Ana García' });
    const r = await api(h.url, token('viewer'))(
      'GET',
      '/admin/metrics?from=2026-11-23T00:00:00Z&to=2026-11-25T00:00:00Z',
    );
    expect(r.status).toBe(200);
    const texts = (r.json.unknownIntents.items as Array<{ text: string }>).map((u) => u.text);
    expect(texts).toEqual(
      expect.arrayContaining(['blorp quux zzyzx', 'asdfgh qwerty', 'plonk wibble', 'frobnicate zork']),
    );
    expect(r.json.unknownIntents.count).toBe(texts.length);
    // Understood messages never appear.
    expect(texts.some((t) => /mañana/.test(t))).toBe(false);
  });
});
