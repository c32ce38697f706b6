import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { isRangeRequest, partOfDay, rankAlternatives } from '../../src/calendar/ranking.js';
import type { Slot } from '../../src/calendar/types.js';

const TZ = 'Europe/Madrid';
/** "2026-11-26 10:00" local → UTC ISO */
const at = (local: string) => DateTime.fromFormat(local, 'yyyy-MM-dd HH:mm', { zone: TZ }).toUTC().toISO()!;
const slot = (local: string, minutes = 30): Slot => ({
  start: at(local),
  end: DateTime.fromISO(at(local)).plus({ minutes }).toUTC().toISO()!,
});
const day = (date: string, ...times: string[]) => times.map((t) => slot(`${date} ${t}`));
const point = (local: string, grain = 'minute') => ({ start: at(local), end: at(local), grain });
const range = (from: string, to: string, grain: string) => ({ start: at(from), end: at(to), grain });
const local = (s: Slot[]) => s.map((x) => DateTime.fromISO(x.start, { zone: TZ }).toFormat('ccc HH:mm'));

describe('rankAlternatives', () => {
  const thu = '2026-11-26';
  const fri = '2026-11-27';

  const cases: Array<{ name: string; input: Parameters<typeof rankAlternatives>[0]; expected: string[] }> = [
    {
      name: 'the requested time itself comes first when free',
      input: { requested: point(`${thu} 10:00`), slots: day(thu, '09:00', '09:30', '10:00', '10:30'), timeZone: TZ },
      expected: ['Thu 10:00', 'Thu 09:30', 'Thu 10:30'],
    },
    {
      name: 'taken time → nearest on both sides, earlier first on a tie',
      input: {
        requested: point(`${thu} 10:00`),
        slots: day(thu, '09:00', '09:30', '10:30', '11:00', '15:00'),
        timeZone: TZ,
      },
      expected: ['Thu 09:30', 'Thu 10:30', 'Thu 09:00'],
    },
    {
      name: 'same day beats a nearer slot on another day',
      input: { requested: point(`${thu} 17:30`), slots: [...day(thu, '09:00'), ...day(fri, '09:00')], timeZone: TZ },
      expected: ['Thu 09:00', 'Fri 09:00'],
    },
    {
      name: 'same part of the day beats a nearer slot in another part',
      input: { requested: point(`${thu} 12:30`), slots: day(thu, '11:30', '14:00'), timeZone: TZ, limit: 1 },
      expected: ['Thu 14:00'],
    },
    {
      name: 'equal distance: the slot next to an existing booking wins (fills the gap)',
      input: {
        requested: point(`${thu} 12:00`),
        slots: day(thu, '11:00', '13:00'),
        busy: day(thu, '13:30'),
        timeZone: TZ,
        limit: 2,
      },
      expected: ['Thu 13:00', 'Thu 11:00'],
    },
    {
      name: 'gap-filling never beats a nearer slot',
      input: {
        requested: point(`${thu} 10:00`),
        slots: day(thu, '09:30', '11:00'),
        busy: day(thu, '11:30'),
        timeZone: TZ,
        limit: 2,
      },
      expected: ['Thu 09:30', 'Thu 11:00'],
    },
    {
      name: 'both sides are offered when the day has slots before and after',
      input: {
        requested: point(`${thu} 10:00`),
        slots: day(thu, '09:00', '10:30', '10:45', '10:50'),
        timeZone: TZ,
        limit: 3,
      },
      expected: ['Thu 10:30', 'Thu 10:45', 'Thu 09:00'],
    },
    {
      name: 'a day request returns that day in order',
      input: {
        requested: range(`${thu} 00:00`, `${fri} 00:00`, 'day'),
        slots: [...day(fri, '09:00'), ...day(thu, '16:00', '09:30', '12:00')],
        timeZone: TZ,
        limit: 5,
      },
      expected: ['Thu 09:30', 'Thu 12:00', 'Thu 16:00'],
    },
    {
      name: "a move to earlier (near its end): the range's last slots, in order, ending just before it",
      input: {
        requested: { ...range(`${thu} 00:00`, `${thu} 15:00`, 'part_of_day'), near: 'end' },
        slots: day(thu, '09:00', '09:30', '10:00', '13:30', '14:00', '14:30', '15:00'),
        timeZone: TZ,
      },
      expected: ['Thu 13:30', 'Thu 14:00', 'Thu 14:30'],
    },
    {
      name: 'a part-of-day request returns only that part',
      input: {
        requested: range(`${thu} 12:00`, `${thu} 20:00`, 'part_of_day'),
        slots: day(thu, '09:00', '11:30', '12:00', '17:00'),
        timeZone: TZ,
      },
      expected: ['Thu 12:00', 'Thu 17:00'],
    },
    {
      name: 'an empty range falls back to the nearest slots around it (distance to its edges)',
      input: {
        requested: range(`${thu} 00:00`, `${fri} 00:00`, 'day'),
        slots: [...day('2026-11-25', '17:30'), ...day(fri, '09:00', '09:30')],
        timeZone: TZ,
        limit: 2,
      },
      expected: ['Wed 17:30', 'Fri 09:00'],
    },
    {
      name: 'no request → chronological',
      input: { requested: null, slots: day(thu, '11:00', '09:00', '10:00'), timeZone: TZ, limit: 2 },
      expected: ['Thu 09:00', 'Thu 10:00'],
    },
    {
      name: 'duplicates are dropped and limit 0 gives nothing',
      input: { requested: null, slots: [...day(thu, '09:00'), ...day(thu, '09:00')], timeZone: TZ, limit: 0 },
      expected: [],
    },
    {
      name: 'no slots → nothing',
      input: { requested: point(`${thu} 10:00`), slots: [], timeZone: TZ },
      expected: [],
    },
  ];

  it.each(cases)('$name', ({ input, expected }) => {
    expect(local(rankAlternatives(input))).toEqual(expected);
  });

  it('is pure: does not reorder the caller’s array', () => {
    const slots = day(thu, '11:00', '09:00');
    const copy = [...slots];
    rankAlternatives({ requested: null, slots, timeZone: TZ });
    expect(slots).toEqual(copy);
  });
});

describe('helpers', () => {
  it.each([
    [8, 'morning'],
    [11, 'morning'],
    [12, 'afternoon'],
    [19, 'afternoon'],
    [20, 'evening'],
  ] as const)('partOfDay(%i) = %s', (h, p) => expect(partOfDay(h)).toBe(p));

  it.each([
    [{ start: '2026-11-26T10:00:00Z', end: '2026-11-26T10:00:00Z', grain: 'minute' }, false],
    [{ start: '2026-11-26T10:00:00Z', end: '2026-11-26T11:00:00Z', grain: 'hour' }, false],
    [{ start: '2026-11-26T00:00:00Z', end: '2026-11-27T00:00:00Z', grain: 'day' }, true],
    [{ start: '2026-11-26T08:00:00Z', end: '2026-11-26T12:00:00Z', grain: 'whatever' }, true],
  ])('isRangeRequest(%j) = %s', (r, expected) => expect(isRangeRequest(r)).toBe(expected));
});

describe('ranking by distance from what was asked (issue 9)', () => {
  const TZ2 = 'Europe/Madrid';
  const at = (local: string) => ({
    start: new Date(`${local}:00+01:00`).toISOString(),
    end: new Date(Date.parse(`${local}:00+01:00`) + 30 * 60_000).toISOString(),
  });
  const label = (s: { start: string }) => new Date(s.start).toISOString();
  it('"mañana a las 12" with 12:00 taken: 12:30 first, 11:30 right after, not last', () => {
    const slots = ['11:30', '12:30', '13:00', '13:30', '14:00', '16:00'].map((t) => at(`2026-11-26T${t}`));
    const ranked = rankAlternatives({
      requested: { start: '2026-11-26T12:00:00+01:00', end: '2026-11-26T12:01:00+01:00', grain: 'minute' },
      slots,
      timeZone: TZ2,
      limit: 6,
    }).map(label);
    expect(ranked[0]).toBe(label(at('2026-11-26T12:30')));
    expect(ranked[1]).toBe(label(at('2026-11-26T11:30')));
  });
  it('a Saturday-morning request gets a morning before Friday 17:30', () => {
    const slots = ['2026-11-27T17:30', '2026-11-27T11:00', '2026-11-30T09:00'].map(at);
    const ranked = rankAlternatives({
      requested: { start: '2026-11-28T09:00:00+01:00', end: '2026-11-28T09:00:00+01:00', grain: 'minute' },
      slots,
      timeZone: TZ2,
      limit: 3,
    }).map(label);
    expect(ranked[0]).not.toBe(label(at('2026-11-27T17:30')));
    // Saturday is closed: both sides of it, in calendar order.
    expect(ranked).toEqual(['2026-11-27T11:00', '2026-11-27T17:30', '2026-11-30T09:00'].map((x) => label(at(x))));
  });

  it('a closed day: the nearest on both sides, half each, in calendar order (never backwards in time)', () => {
    const days = ['2026-11-26', '2026-11-27', '2026-11-30', '2026-12-01'];
    const times = ['09:00', '09:30', '10:00', '10:30', '11:00', '11:30', '16:00', '16:30', '17:00', '17:30'];
    const slots = days.flatMap((d) => times.map((t) => at(`${d}T${t}`)));
    const ranked = rankAlternatives({
      requested: { start: '2026-11-29T11:00:00+01:00', end: '2026-11-29T11:00:00+01:00', grain: 'minute' },
      slots,
      timeZone: TZ2,
      limit: 10,
    }).map(label);
    expect(ranked).toEqual([...ranked].sort());
    expect(ranked.filter((l) => l.startsWith(label(at('2026-11-27T09:00')).slice(0, 10))).length).toBe(5);
    expect(ranked.filter((l) => l.startsWith(label(at('2026-11-30T09:00')).slice(0, 10))).length).toBe(5);
    // the mornings (same part of the day as 11:00) come before the afternoons on each side
    expect(ranked.some((l) => l.includes('T15:') || l.includes('T16:'))).toBe(false); // UTC: 16:00–17:30 Madrid
  });
});
