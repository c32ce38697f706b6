/** Business days: how a period splits into whole days (rollups) and partial days (rows), in Madrid. */
import { describe, expect, it } from 'vitest';
import { dayOf, splitPeriod, weekOf } from '../../src/insights/days.js';

const Z = 'Europe/Madrid';
const d = (iso: string) => new Date(iso);

describe('business days in Europe/Madrid', () => {
  it('ten past midnight in Madrid is the next day, though still the day before in UTC', () => {
    expect(dayOf(d('2026-11-22T23:10:00Z'), Z)).toBe('2026-11-23');
    expect(dayOf(d('2026-11-22T22:50:00Z'), Z)).toBe('2026-11-22');
    expect([weekOf('2026-11-22'), weekOf('2026-11-23'), weekOf('2026-11-29')]).toEqual([
      '2026-11-16',
      '2026-11-23',
      '2026-11-23',
    ]);
  });

  it('a period from Madrid midnight to Madrid midnight is whole days only', () => {
    expect(splitPeriod(d('2026-11-15T23:00:00Z'), d('2026-11-29T23:00:00Z'), Z)).toEqual({
      days: { first: '2026-11-16', last: '2026-11-29' },
      partials: [],
    });
  });

  it('a period in UTC midnights: a partial day at each end, whole days between', () => {
    expect(splitPeriod(d('2026-11-16T00:00:00Z'), d('2026-11-30T00:00:00Z'), Z)).toEqual({
      days: { first: '2026-11-17', last: '2026-11-29' },
      partials: [
        { day: '2026-11-16', from: d('2026-11-16T00:00:00Z'), to: d('2026-11-16T23:00:00Z') },
        { day: '2026-11-30', from: d('2026-11-29T23:00:00Z'), to: d('2026-11-30T00:00:00Z') },
      ],
    });
  });

  it('a few hours inside one day: one partial day, no whole day', () => {
    expect(splitPeriod(d('2026-11-23T08:00:00Z'), d('2026-11-23T12:00:00Z'), Z)).toEqual({
      days: null,
      partials: [{ day: '2026-11-23', from: d('2026-11-23T08:00:00Z'), to: d('2026-11-23T12:00:00Z') }],
    });
  });

  it('the day clocks go back (25 hours) is one whole day', () => {
    // 25 October 2026: 03:00 CEST becomes 02:00 CET; the day runs 24 Oct 22:00 UTC → 25 Oct 23:00 UTC.
    expect(splitPeriod(d('2026-10-24T22:00:00Z'), d('2026-10-25T23:00:00Z'), Z)).toEqual({
      days: { first: '2026-10-25', last: '2026-10-25' },
      partials: [],
    });
  });
});
