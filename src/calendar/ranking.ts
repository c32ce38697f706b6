/**
 * Which free slots to offer, given what the person asked for. Pure: no clock, no I/O.
 *
 * A point in time (grain "minute" / "hour" / "second" / "time", or a request shorter than an hour
 * whose grain is unknown): the nearest free slots, ordered by
 *   1. same local day as the request, 2. close to what was asked: the same part of the day (morning
 *   < 12:00 ≤ afternoon < 20:00 ≤ evening) on any day (on the range's day for an empty range), or
 *   within 30 minutes of the requested time — so for "mañana a las 12" 11:30 ranks right after
 *   12:30, and a Saturday-morning request gets a morning before Friday 17:30, 3. distance from the
 *   requested start, 4. on equal distance the same part of the day first, then slots that touch an
 *   existing booking (start = a busy end, or end = a busy start: they fill gaps), 5. earlier first.
 * The picks then include both sides of the request when the same day has slots on both sides:
 * if all picks fall after (or before) the requested time, the last pick is swapped for the
 * best-ranked slot on the other side. A slot exactly at the requested start is always first.
 *
 * Nothing free on the requested day (closed, or full): the best-ranked slots on both sides of it,
 * half each when both sides have some, listed in calendar order.
 *
 * A range (grain "day", "part_of_day", "week", … or anything longer than an hour): the range's
 * slots in chronological order (distance is 0 for all of them, so gap-filling does not reorder
 * them). When the range has no free slot, the nearest slots around it are ranked as for a point,
 * measuring distance to the range's edges.
 *
 * A range marked `near: 'end'` ("antes" / "earlier": the times just before what was on the table):
 * the range's last slots, still in chronological order, so the list ends just before that time.
 *
 * `requested: null` → slots in chronological order. `limit` defaults to 3.
 */
import { DateTime } from 'luxon';
import { zone as luxonZone } from '../time/zone.js';
import type { Slot } from './types.js';

export interface RankInput {
  /** `near: 'end'` (a move to earlier): of a range's slots, the last `limit` (those just before its end). */
  requested: { start: string; end: string; grain: string; near?: 'end' } | null;
  slots: Slot[];
  busy?: Slot[];
  timeZone: string;
  limit?: number;
}

const POINT_GRAINS = new Set(['minute', 'hour', 'second', 'time', 'instant']);
const HOUR = 3_600_000;

export type PartOfDay = 'morning' | 'afternoon' | 'evening';

export function partOfDay(hour: number): PartOfDay {
  return hour < 12 ? 'morning' : hour < 20 ? 'afternoon' : 'evening';
}

export function isRangeRequest(r: { start: string; end: string; grain: string }): boolean {
  // A clock time is a point unless it spans more than an hour ("antes de las 16:30"): the test below.
  if (['day', 'part_of_day', 'partOfDay', 'week', 'month', 'range', 'weekend'].includes(r.grain)) return true;
  return Date.parse(r.end) - Date.parse(r.start) > HOUR;
}

export function rankAlternatives(input: RankInput): Slot[] {
  const limit = input.limit ?? 3;
  const unique = dedupe(input.slots).sort((a, b) => Date.parse(a.start) - Date.parse(b.start));
  if (limit <= 0 || !unique.length) return [];
  const req = input.requested;
  if (!req) return unique.slice(0, limit);

  const lo = Date.parse(req.start);
  const hi = isRangeRequest(req) ? Math.max(lo, Date.parse(req.end)) : lo;
  if (hi > lo) {
    const inside = unique.filter((s) => Date.parse(s.start) >= lo && Date.parse(s.start) < hi);
    // "antes de las 16:30" (a clock time's stretch from the day's start) is near its end too:
    // 16:00, 15:30… not 09:00.
    const nearEnd = req.near === 'end' || beforeClockTime(req, lo, input.timeZone);
    if (inside.length) return nearEnd ? inside.slice(-limit) : inside.slice(0, limit);
  }
  return nearest(unique, lo, hi, input.busy ?? [], input.timeZone, limit);
}

/** A range of a clock time's grain that starts at the day's midnight: "antes de las 16:30". */
function beforeClockTime(req: { grain: string }, lo: number, timeZone: string): boolean {
  if (!POINT_GRAINS.has(req.grain)) return false;
  return (
    DateTime.fromMillis(lo, { zone: luxonZone(timeZone) })
      .startOf('day')
      .toMillis() === lo
  );
}

function nearest(slots: Slot[], lo: number, hi: number, busy: Slot[], timeZone: string, limit: number): Slot[] {
  const zone = luxonZone(timeZone);
  const anchor = DateTime.fromMillis(lo, { zone });
  const anchorDay = anchor.toISODate();
  const anchorPart = partOfDay(anchor.hour);
  const busyEnds = new Set(busy.map((b) => Date.parse(b.end)));
  const busyStarts = new Set(busy.map((b) => Date.parse(b.start)));

  const scored = slots.map((s) => {
    const start = Date.parse(s.start);
    const local = DateTime.fromMillis(start, { zone });
    const distance = start < lo ? lo - start : start >= hi ? start - hi : 0;
    const sameDay = local.toISODate() === anchorDay;
    const samePart = partOfDay(local.hour) === anchorPart;
    return {
      slot: s,
      start,
      side: start < lo ? 'before' : 'after',
      sameDay,
      // For a point, the same part of the day on any day; for an empty range, only on its day.
      close: (hi === lo ? samePart : sameDay && samePart) || distance <= HOUR / 2,
      samePart,
      distance,
      fillsGap: busyEnds.has(start) || busyStarts.has(Date.parse(s.end)),
    };
  });
  type Scored = (typeof scored)[number];
  const order = (a: Scored, b: Scored) =>
    Number(b.sameDay) - Number(a.sameDay) ||
    Number(b.close) - Number(a.close) ||
    a.distance - b.distance ||
    Number(b.samePart && b.sameDay) - Number(a.samePart && a.sameDay) ||
    Number(b.fillsGap) - Number(a.fillsGap) ||
    a.start - b.start;
  scored.sort(order);

  // Nothing on the day asked for (a closed day, a full day): the nearest on both sides of it, half
  // each when both have slots, then in calendar order — "Friday 15:00 … Monday 9:00", never
  // running backwards in time from the asked-for day.
  if (!scored.some((s) => s.sameDay)) {
    const before = scored.filter((s) => s.side === 'before');
    const after = scored.filter((s) => s.side === 'after');
    const nAfter = Math.min(after.length, Math.max(Math.ceil(limit / 2), limit - before.length));
    const nBefore = Math.min(before.length, limit - nAfter);
    return [...before.slice(0, nBefore), ...after.slice(0, nAfter)]
      .sort((a, b) => a.start - b.start)
      .map((p) => p.slot);
  }

  const picks = scored.slice(0, limit);
  if (picks.length >= 2 && picks[0]!.distance !== 0) {
    for (const side of ['before', 'after'] as const) {
      if (picks.some((p) => p.side === side)) continue;
      const other = scored.slice(limit).find((s) => s.side === side && s.sameDay);
      if (other) picks[picks.length - 1] = other;
    }
    picks.sort(order);
  }
  return picks.map((p) => p.slot);
}

function dedupe(slots: Slot[]): Slot[] {
  const seen = new Map<number, Slot>();
  for (const s of slots) if (!seen.has(Date.parse(s.start))) seen.set(Date.parse(s.start), s);
  return [...seen.values()];
}
