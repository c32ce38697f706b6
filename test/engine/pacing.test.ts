/**
 * WhatsApp's 130429 (throughput reached) and 131056 (pair rate limit): sending pauses and backs off
 * (issues 10 and 12). Fake timers stand in for the clock: what is checked is that nothing goes out
 * before the pause is over, not how fast anything runs.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPacer } from '../../src/engine/outbound.js';
import { MAX_RESENDS, resendPause } from '../../src/whatsapp/delivery.js';

describe('pacing after WhatsApp rate limits', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  async function settlesAfter(p: Promise<void>, ms: number): Promise<void> {
    let done = false;
    void p.then(() => (done = true));
    await vi.advanceTimersByTimeAsync(ms - 1);
    expect(done, `still waiting just before ${ms} ms`).toBe(false);
    await vi.advanceTimersByTimeAsync(2);
    expect(done, `sent once ${ms} ms passed`).toBe(true);
  }

  it('130429 pauses every send, 1 s then 2 s then 4 s…, and a success resets the back-off', async () => {
    const pacer = createPacer(80);
    await pacer.take(); // the bucket is full: no wait
    expect(pacer.throttled()).toBe(1000);
    await settlesAfter(pacer.take(), 1000);
    expect(pacer.throttled()).toBe(2000);
    await settlesAfter(pacer.take(), 2000);
    expect(pacer.throttled()).toBe(4000);
    await settlesAfter(pacer.take(), 4000);
    pacer.ok();
    expect(pacer.throttled()).toBe(1000);
  });

  it('a Retry-After longer than the back-off is honoured; the back-off never exceeds a minute', async () => {
    const pacer = createPacer(80);
    expect(pacer.throttled(5000)).toBe(5000);
    await settlesAfter(pacer.take(), 5000);
    let wait = 0;
    for (let i = 0; i < 10; i++) wait = pacer.throttled();
    expect(wait).toBe(60_000);
  });

  it('the throughput tier is honoured: the 81st message of a second waits', async () => {
    const pacer = createPacer(80);
    for (let i = 0; i < 80; i++) await pacer.take();
    let done = false;
    void pacer.take().then(() => (done = true));
    await vi.advanceTimersByTimeAsync(5);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(20);
    expect(done).toBe(true);
  });

  it('a message refused later for the rate limit is re-sent after a pause that doubles, at most three times', () => {
    expect([1, 2, 3].map((n) => resendPause(6000, n, 131056))).toEqual([6000, 12_000, 24_000]);
    expect(resendPause(6000, 1, 130429)).toBe(30_000);
    expect(MAX_RESENDS).toBe(3);
  });
});
