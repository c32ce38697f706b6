/**
 * Business days: the insight figures count by the calendar day in the business's time zone
 * (BUSINESS_TIMEZONE), not UTC — a booking made at 00:30 in Madrid belongs to that day, even though
 * it is still the day before in UTC. Days are "YYYY-MM-DD" labels; weeks start on Monday.
 */
import { DateTime } from 'luxon';

/** The business day (YYYY-MM-DD) of an instant. */
export function dayOf(at: Date, zone: string): string {
  return DateTime.fromJSDate(at, { zone }).toISODate()!;
}

/** When a business day starts (its local midnight, or the first instant after it on a DST day). */
export function dayStart(day: string, zone: string): Date {
  return DateTime.fromISO(day, { zone }).startOf('day').toJSDate();
}

/** The calendar day after a YYYY-MM-DD day. */
export function nextDay(day: string): string {
  return DateTime.fromISO(day, { zone: 'UTC' }).plus({ days: 1 }).toISODate()!;
}

/** The Monday of a YYYY-MM-DD day (weeks start on Monday). */
export function weekOf(day: string): string {
  const d = DateTime.fromISO(day, { zone: 'UTC' });
  return d.minus({ days: d.weekday - 1 }).toISODate()!;
}

/** The business day of a stored timestamp read back from either driver (Date or text). */
export function dayOfStored(v: unknown, zone: string): string {
  if (v instanceof Date) return dayOf(v, zone);
  const s = String(v).replace(' ', 'T');
  // Postgres TIMESTAMP (no zone) holds UTC.
  return dayOf(new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(s) ? s : `${s}Z`), zone);
}

export interface PeriodSplit {
  /** Whole business days inside the period, first and last (inclusive); null when there are none. */
  days: { first: string; last: string } | null;
  /** The parts of the period that cover only part of a business day (at most two), with that day. */
  partials: Array<{ day: string; from: Date; to: Date }>;
}

/**
 * Splits [from, to) into whole business days (read from the rollups) and the partial days at its ends
 * (computed from the rows). A day that is still going on (today) counts as whole when the period
 * covers it to its end: the rollup for today is kept up to date by the refresh.
 */
export function splitPeriod(from: Date, to: Date, zone: string): PeriodSplit {
  const partials: PeriodSplit['partials'] = [];
  let day = dayOf(from, zone);
  let start = dayStart(day, zone);
  if (start.getTime() < from.getTime()) {
    const next = dayStart(nextDay(day), zone);
    partials.push({ day, from, to: next.getTime() < to.getTime() ? next : to });
    day = nextDay(day);
    start = next;
  }
  let first: string | null = null;
  let last: string | null = null;
  while (start.getTime() < to.getTime()) {
    const next = dayStart(nextDay(day), zone);
    if (next.getTime() > to.getTime()) {
      partials.push({ day, from: start, to });
      break;
    }
    first ??= day;
    last = day;
    day = nextDay(day);
    start = next;
  }
  return { days: first && last ? { first, last } : null, partials };
}

/** Every business day from the day of `from` to the day of `to`, inclusive. */
export function daysBetween(from: Date, to: Date, zone: string): string[] {
  const out: string[] = [];
  const last = dayOf(to, zone);
  for (let d = dayOf(from, zone); d <= last; d = nextDay(d)) out.push(d);
  return out;
}
