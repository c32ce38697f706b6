/**
 * completeWhen(): a follow-up that gives only a time of day ("a las 5", "por la tarde", "mejor a las
 * 12:30") is put on the day already on the table (the day asked for, the slot offered, the booking
 * being moved) instead of the message's own day. Pure and DST-safe: wall-clock readings are rebuilt
 * in the business zone; a reading skipped by a spring-forward jump moves forward, as luxon does.
 */
import { DateTime } from 'luxon';
import type { BusinessHours, TimeParts, When } from './types.js';

/** What is on the table: an interval (its start's day is used) or a day as ISO ("2026-11-27"). */
export type OnTable = Pick<When, 'start'> | { day: string };

export interface CompleteOptions {
  timeZone: string;
  /** That day's opening hours: an hour said without am/pm is re-read into them ("a las 5" → 17:00). */
  businessHours?: BusinessHours;
}

function dayOf(onTable: OnTable, zone: string): DateTime | null {
  const iso = 'day' in onTable ? onTable.day : onTable.start;
  const d = /^\d{4}-\d{2}-\d{2}$/.test(iso)
    ? DateTime.fromISO(iso, { zone })
    : DateTime.fromISO(iso, { setZone: true }).setZone(zone);
  return d.isValid ? d.startOf('day') : null;
}

/** Wall-clock minutes between two instants read in their own offsets. */
function wallMinutes(a: DateTime, b: DateTime): number {
  return (b.toMillis() + b.offset * 60_000 - (a.toMillis() + a.offset * 60_000)) / 60_000;
}

function at(day: DateTime, hour: number, minute: number, second: number, zone: string): DateTime {
  return DateTime.fromObject({ year: day.year, month: day.month, day: day.day, hour, minute, second }, { zone });
}

function iso(t: DateTime): string {
  return t.toISO({ suppressMilliseconds: true }) ?? '';
}

/** Whether a message's time needs the day on the table: it gave an hour or part of day but no day. */
export function needsDay(parts: TimeParts | undefined): boolean {
  return !!parts && !parts.day && (parts.hour || parts.partOfDay);
}

/**
 * The partial time put on the day on the table. Returns `partial` unchanged when the message gave its
 * own day (or gave no time of day at all), or when the table's day cannot be read.
 */
export function completeWhen<W extends { start: string; end: string; open?: When['open']; ambiguousHour?: boolean }>(
  partial: W,
  parts: TimeParts | undefined,
  onTable: OnTable,
  opts: CompleteOptions,
): W {
  if (!needsDay(parts)) return partial;
  const zone = opts.timeZone;
  const day = dayOf(onTable, zone);
  const s = DateTime.fromISO(partial.start, { setZone: true }).setZone(zone);
  const e = DateTime.fromISO(partial.end, { setZone: true }).setZone(zone);
  if (!day || !s.isValid || !e.isValid) return partial;
  let hour: number = s.hour;
  const bh = opts.businessHours;
  if (partial.ambiguousHour && bh) {
    const inHours = (h: number): boolean => h >= bh.start && h < bh.end;
    const other = hour < 12 ? hour + 12 : hour - 12;
    if (!inHours(hour) && inHours(other)) hour = other;
  }
  if (partial.open === 'before') {
    const end = at(day, e.hour, e.minute, e.second, zone);
    return { ...partial, start: iso(day), end: iso(end) };
  }
  const length = wallMinutes(s, e);
  const start = at(day, hour, s.minute, s.second, zone);
  const endWall = DateTime.fromObject(
    { year: day.year, month: day.month, day: day.day, hour, minute: s.minute, second: s.second },
    { zone: 'utc' },
  ).plus({ minutes: partial.open === 'after' ? 0 : length });
  const end =
    partial.open === 'after'
      ? day.plus({ days: 1 })
      : DateTime.fromObject(
          { year: endWall.year, month: endWall.month, day: endWall.day, hour: endWall.hour, minute: endWall.minute },
          { zone },
        );
  return { ...partial, start: iso(start), end: iso(end) };
}
