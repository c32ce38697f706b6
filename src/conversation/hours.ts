/**
 * Opening hours as people say them: the structured OpeningInterval[] grouped into runs of days
 * with the same hours ("Monday–Friday 9:00–18:00, Saturdays 10:00–14:00"). Language-free: each
 * catalog's grammar turns the groups into words.
 */
import type { OpeningInterval } from '../../machines/types.js';

export interface TimeSpan {
  /** "9:00" (no leading zero) */
  from: string;
  to: string;
}

/** Consecutive ISO weekdays, first and last included (1 = Monday … 7 = Sunday). */
export interface DayRun {
  first: number;
  last: number;
}

/** Days that share exactly the same hours, in week order. */
export interface HoursGroup {
  runs: DayRun[];
  spans: TimeSpan[];
}

const HHMM = /^(\d{1,2}):(\d{2})$/;

/** "09:00" → "9:00"; anything that is not HH:mm is kept as the business wrote it. */
export function clock(hhmm: string): string {
  const m = HHMM.exec(hhmm.trim());
  if (!m) return hhmm.trim();
  return `${Number(m[1])}:${m[2]}`;
}

const minutesOf = (hhmm: string): number => {
  const m = HHMM.exec(hhmm.trim());
  return m ? Number(m[1]) * 60 + Number(m[2]) : Number.NaN;
};

/** Groups the week's intervals: days with identical hours together, consecutive days as runs. */
export function groupHours(hours: readonly OpeningInterval[]): HoursGroup[] {
  const byDay = new Map<number, OpeningInterval[]>();
  for (const h of hours) {
    if (!(h.weekday >= 1 && h.weekday <= 7)) continue;
    const list = byDay.get(h.weekday) ?? [];
    list.push(h);
    byDay.set(h.weekday, list);
  }
  const signature = (day: number): string => {
    const list = [...(byDay.get(day) ?? [])].sort((a, b) => minutesOf(a.from) - minutesOf(b.from));
    return list.map((h) => `${clock(h.from)}-${clock(h.to)}`).join('|');
  };
  const groups = new Map<string, HoursGroup>();
  let current: { sig: string; run: DayRun } | null = null;
  const close = () => {
    if (!current) return;
    const existing = groups.get(current.sig);
    if (existing) existing.runs.push(current.run);
    else {
      const spans = current.sig.split('|').map((s) => {
        const [from = '', to = ''] = s.split('-');
        return { from, to };
      });
      groups.set(current.sig, { runs: [current.run], spans });
    }
    current = null;
  };
  for (let day = 1; day <= 7; day++) {
    const sig = signature(day);
    if (!sig) {
      close();
      continue;
    }
    if (current && current.sig === sig) current.run.last = day;
    else {
      close();
      current = { sig, run: { first: day, last: day } };
    }
  }
  close();
  return [...groups.values()];
}

/** Is `weekday` a day with any opening hours? */
export function opensOn(hours: readonly OpeningInterval[], weekday: number): boolean {
  return hours.some((h) => h.weekday === weekday);
}
