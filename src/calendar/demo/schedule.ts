/** Working-hours slot grid of the demo calendar (pure). */
import { DateTime } from 'luxon';

export interface Schedule {
  timeZone: string;
  lengthInMinutes: number;
  hours: { start: number; end: number };
  /** Luxon weekdays, 1 = Monday … 7 = Sunday. */
  days: number[];
}

/** Slot starts (UTC epoch ms) of the schedule with start in [from, to). */
export function scheduleStarts(s: Schedule, from: number, to: number): number[] {
  const out: number[] = [];
  let day = DateTime.fromMillis(from, { zone: s.timeZone }).startOf('day');
  const lastDay = DateTime.fromMillis(to, { zone: s.timeZone }).endOf('day');
  while (day <= lastDay) {
    if (s.days.includes(day.weekday)) {
      const close = day.set({ hour: s.hours.end }).toMillis();
      for (
        let t = day.set({ hour: s.hours.start });
        t.toMillis() + s.lengthInMinutes * 60_000 <= close;
        t = t.plus({ minutes: s.lengthInMinutes })
      ) {
        const ms = t.toMillis();
        if (ms >= from && ms < to) out.push(ms);
      }
    }
    day = day.plus({ days: 1 });
  }
  return out;
}

export function isScheduleStart(s: Schedule, start: number): boolean {
  return scheduleStarts(s, start, start + 1).length === 1;
}

export const overlaps = (aStart: number, aEnd: number, bStart: number, bEnd: number) => aStart < bEnd && bStart < aEnd;

/** The schedule as opening hours: one interval per open weekday, "HH:mm" bounds. */
export function scheduleHours(s: Schedule): Array<{ weekday: 1 | 2 | 3 | 4 | 5 | 6 | 7; from: string; to: string }> {
  const hhmm = (h: number) =>
    `${String(Math.floor(h)).padStart(2, '0')}:${String(Math.round((h % 1) * 60)).padStart(2, '0')}`;
  return [...s.days]
    .sort((a, b) => a - b)
    .filter((d): d is 1 | 2 | 3 | 4 | 5 | 6 | 7 => d >= 1 && d <= 7)
    .map((weekday) => ({ weekday, from: hhmm(s.hours.start), to: hhmm(s.hours.end) }));
}
