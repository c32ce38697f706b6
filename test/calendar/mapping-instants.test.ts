import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { toSlots, toUtcIso } from '../../src/calendar/calcom/mapping.js';

/** What toUtcIso answered before it had a fast path: luxon's reading, or its refusal. */
const luxonUtcIso = (value: string) => {
  const dt = DateTime.fromISO(value, { setZone: true });
  return dt.isValid ? dt.toUTC().toISO()! : 'refused';
};
const ours = (value: string) => {
  try {
    return toUtcIso(value);
  } catch {
    return 'refused';
  }
};
const two = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, '0'));

describe('toUtcIso reads instants exactly as luxon does', () => {
  it('Cal.com shapes and their awkward cousins: 30 February, 24:00, odd offsets, fractions, no seconds', () => {
    for (const v of [
      '2026-11-26T10:00:00.000+01:00',
      '2026-11-26T09:00:00Z',
      '2026-11-26T09:00:00.5Z',
      '2026-11-26T09:00:00.29-03:30',
      '2026-02-30T10:00:00Z',
      '2026-04-31T10:00:00+02:00',
      '2026-01-01T24:00:00Z',
      '2026-01-01T00:30:00+14:00',
      '2026-12-31T23:30:00-12:00',
      '2026-01-01T10:00:00+01:75',
      '2026-01-01T10:00:60Z',
      '2026-01-01T10:00Z',
      '2026-01-01T10:00:00',
      '2026-01-01T10:00:00.1234Z',
      '2026-01-01',
      '0999-01-01T10:00:00Z',
      'mañana',
    ])
      expect(ours(v), v).toBe(luxonUtcIso(v));
  });

  it('on random dates, times and offsets', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1000, max: 9999 }),
        two(13),
        two(32),
        two(25),
        two(61),
        two(61),
        fc.constantFrom('', '.0', '.5', '.29', '.999', '.007'),
        fc.oneof(
          fc.constant('Z'),
          fc.tuple(fc.constantFrom('+', '-'), two(16), two(61)).map(([s, h, m]) => `${s}${h}:${m}`),
        ),
        (y, mo, d, h, mi, s, frac, off) => {
          const v = `${y}-${mo}-${d}T${h}:${mi}:${s}${frac}${off}`;
          expect(ours(v), v).toBe(luxonUtcIso(v));
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('a slot without an end ends the event length later', () => {
    const data = { '2026-11-26': [{ start: '2026-11-26T10:00:00.000+01:00' }, '2026-11-26T10:30:00+01:00'] };
    expect(toSlots(data, 45, '2026-11-26T00:00:00Z', '2026-11-27T00:00:00Z')).toEqual([
      { start: '2026-11-26T09:00:00.000Z', end: '2026-11-26T09:45:00.000Z' },
      { start: '2026-11-26T09:30:00.000Z', end: '2026-11-26T10:15:00.000Z' },
    ]);
  });
});
