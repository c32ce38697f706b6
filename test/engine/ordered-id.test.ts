/** Outbound message ids sort in the order they were made, even within one millisecond (simulator transcript order). */
import { describe, expect, it } from 'vitest';
import { orderedId } from '../../src/db/ordered-id.js';

describe('orderedId', () => {
  it('sorts in creation order on the same millisecond, across milliseconds and when the clock goes back', () => {
    const made = [
      orderedId(1_000),
      orderedId(1_000),
      orderedId(1_000),
      orderedId(1_001),
      orderedId(999),
      orderedId(5_000),
    ];
    expect([...made].sort()).toEqual(made);
    expect(new Set(made).size).toBe(made.length);
  });
});
