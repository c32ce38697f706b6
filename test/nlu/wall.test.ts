import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { Wall, type WallShift, type WallUnit } from '../../src/nlu/time/wall.js';

/** Wall does the resolver's calendar arithmetic on numbers; it must agree with luxon on UTC DateTimes. */
describe('Wall agrees with luxon (UTC)', () => {
  let seed = 7;
  const rand = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const starts = Array.from({ length: 400 }, () =>
    Date.UTC(1990 + rand(60), rand(12), 1 + rand(31), rand(24), rand(60), rand(60), rand(1000)),
  );
  const same = (w: Wall, d: DateTime): void => expect(w.toMillis()).toBe(d.toMillis());

  it('plus and minus, calendar and fixed units, day clamped to the month', () => {
    const shifts: WallShift[] = [
      { days: 1 },
      { days: -40 },
      { weeks: 3, days: 2 },
      { months: 1 },
      { months: -13 },
      { years: 1 },
      { quarters: 2 },
      { years: 1, months: 2, days: 3, hours: 4 },
      { hours: 30, minutes: -5 },
      { seconds: 3601 },
    ];
    for (const ms of starts) {
      const w = new Wall(ms);
      const d = DateTime.fromMillis(ms, { zone: 'utc' });
      for (const s of shifts) {
        same(w.plus(s), d.plus(s));
        same(w.minus(s), d.minus(s));
      }
    }
  });

  it('set, startOf, endOf and the calendar fields', () => {
    const units: WallUnit[] = ['second', 'minute', 'hour', 'day', 'week', 'month', 'quarter', 'year'];
    for (const ms of starts) {
      const w = new Wall(ms);
      const d = DateTime.fromMillis(ms, { zone: 'utc' });
      for (const u of units) {
        same(w.startOf(u), d.startOf(u));
        same(w.endOf(u), d.endOf(u));
      }
      same(
        w.set({ hour: 9, minute: 30, second: 0, millisecond: 0 }),
        d.set({ hour: 9, minute: 30, second: 0, millisecond: 0 }),
      );
      same(w.set({ month: 2 }), d.set({ month: 2 }));
      same(w.set({ year: 2028, month: 2, day: 1 }), d.set({ year: 2028, month: 2, day: 1 }));
      same(w.set({ day: 11 }), d.set({ day: 11 }));
      expect([w.year, w.month, w.day, w.hour, w.minute, w.second, w.weekday]).toEqual([
        d.year,
        d.month,
        d.day,
        d.hour,
        d.minute,
        d.second,
        d.weekday,
      ]);
    }
  });
});
