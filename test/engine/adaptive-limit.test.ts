/**
 * Issue 12: in one event loop, how many people are processed at once follows the event loop's
 * lag — fewer at once as soon as webhooks would wait, more again while work waits and the loop
 * keeps up.
 */
import { describe, expect, it } from 'vitest';
import { createAdaptiveLimit, nextLimit } from '../../src/engine/adaptive-limit.js';

const base = { targetLagMs: 8, min: 1, max: 32 };

describe('processing concurrency adapted to event-loop lag', () => {
  it('shrinks by 30 % when the lag is over target, never under the minimum', () => {
    expect(nextLimit(20, { ...base, lagMs: 30, demand: true })).toBe(14);
    expect(nextLimit(1, { ...base, lagMs: 30, demand: true })).toBe(1);
  });

  it('grows by one while people wait and the loop keeps up, never over the maximum', () => {
    expect(nextLimit(4, { ...base, lagMs: 2, demand: true })).toBe(5);
    expect(nextLimit(32, { ...base, lagMs: 2, demand: true })).toBe(32);
  });

  it('stays put with nobody waiting', () => {
    expect(nextLimit(6, { ...base, lagMs: 2, demand: false })).toBe(6);
  });

  it('a target of 0 turns the adaptation off: always the maximum', () => {
    const limit = createAdaptiveLimit({ max: 32, targetLagMs: 0, demand: () => true });
    expect(limit.current()).toBe(32);
    limit.stop();
  });

  it('starts small and grows while the loop is idle and work waits', async () => {
    const limit = createAdaptiveLimit({ max: 10, targetLagMs: 10_000, windowMs: 10, demand: () => true });
    const first = limit.current();
    await new Promise((r) => setTimeout(r, 150));
    expect(limit.current()).toBeGreaterThan(first);
    limit.stop();
  });
});
