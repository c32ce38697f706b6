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
