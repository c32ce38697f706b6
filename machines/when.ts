/**
 * What a follow-up message means given what is already on the table (pure; no clock).
 *
 * `completeRequest` fills the parts of a time the message did not give from the table: the day
 * asked for, the day of the slots offered, the day of the booking being moved. "a las 5" after
 * "¿puedo cambiar mi cita al viernes?" is Friday 17:00, never today. `shiftRequest` turns "más
 * tarde", "antes", "otro día", "la semana que viene" and "ver más" into a new request that keeps the
 * day unless the shift itself leaves it.
 *
 * The NLU (src/nlu) says which parts a message gave (`UserInput.parts`) and the shift; the zone is
 * the business zone the NLU resolved the time in (`ContactFacts.timeZone`).
 */
import { DateTime } from 'luxon';
import { completeWhen } from '../src/nlu/complete.js';
import { zone as luxonZone } from '../src/time/zone.js';
import type { ConversationContext, OpeningInterval, SlotOption, TimeParts, TimeShift, When } from './types.js';

const POINT = new Set(['minute', 'hour']);
/**
 * A time of day ("a las 10", "10:30"), not a stretch of it: "antes de las 11:30" has the grain of
 * its clock time but runs from the day's start to 11:30, so it is a stretch (an hour at most).
 */
export const isPoint = (w: When | null | undefined): boolean =>
  Boolean(w && POINT.has(w.grain) && !(Date.parse(w.end) - Date.parse(w.start) > 3_600_000));

const zoneOf = (context: ConversationContext) => context.contact.timeZone ?? 'UTC';
const local = (iso: string, zone: string) => DateTime.fromISO(iso, { setZone: true }).setZone(luxonZone(zone));
const iso = (dt: DateTime) => dt.toISO({ suppressMilliseconds: true }) ?? dt.toUTC().toString();

/** The day on the table: asked for, offered, or the booking being moved — in that order. */
export function dayOnTable(context: ConversationContext): DateTime | null {
  const zone = zoneOf(context);
  const from = context.request?.start ?? context.offered[0]?.start ?? context.selected?.start ?? context.target?.start;
  return from ? local(from, zone).startOf('day') : null;
}

/**
 * Completes a time that gave only some of its parts (e.g. the hour) from the day on the table.
 * A message that named its day, or gave no time, is taken as it is.
 */
export function completeRequest(
  context: ConversationContext,
  when: When | null,
  parts: TimeParts | undefined,
): When | null {
  if (!when || !parts) return when;
  if (parts.day) return sameTimeOnDay(context, when, parts);
  const day = dayOnTable(context)?.toISODate();
  if (!day) return when;
  // The NLU's own completion (pure, luxon only): the wall-clock time rebuilt on that day, DST-safe.
  return completeWhen(when, parts, { day }, { timeZone: zoneOf(context) });
}

/**
 * "actually, another day - friday?" after asking for a time: the new day at that time (3 PM on
 * Friday), as a person would read it — only a bare day, after a time of day that was asked for.
 */
function sameTimeOnDay(context: ConversationContext, when: When, parts: TimeParts): When {
  const asked = context.request;
  if (parts.hour || parts.partOfDay || parts.minute || when.grain !== 'day' || !asked || !isPoint(asked)) return when;
  const zone = zoneOf(context);
  const time = local(asked.start, zone);
  const day = local(when.start, zone);
  const start = day.set({ hour: time.hour, minute: time.minute, second: 0, millisecond: 0 });
  const span = Date.parse(asked.end) - Date.parse(asked.start);
  return { start: iso(start), end: iso(start.plus({ milliseconds: span })), grain: asked.grain };
}

/** A range request [from, to) of grain `part_of_day` (so it lists the range's slots in order). */
const range = (from: DateTime, to: DateTime, grain = 'part_of_day'): When => ({
  start: iso(from),
  end: iso(to),
  grain,
});

/** The earliest time on the table that day: the slot proposed, else the slots offered on it or the time asked for. */
function earliestOnDay(context: ConversationContext, day: DateTime): DateTime | undefined {
  const zone = zoneOf(context);
  const proposed = context.selected ? local(context.selected.start, zone) : null;
  if (proposed?.hasSame(day, 'day')) return proposed;
  const onDay = context.offered.map((s) => local(s.start, zone)).filter((t) => t.hasSame(day, 'day'));
  const asked = context.request ? local(context.request.start, zone) : null;
  if (asked && asked.hasSame(day, 'day') && isPoint(context.request)) onDay.push(asked);
  return onDay.sort((a, b) => a.toMillis() - b.toMillis())[0];
}

/** The request a shift leads to, keeping the day on the table unless the shift leaves it. */
export function shiftRequest(context: ConversationContext, shift: TimeShift, today?: string): When | null {
  const zone = zoneOf(context);
  const day = dayOnTable(context) ?? (today ? local(today, zone).startOf('day') : null);
  if (!day) return null;
  const sameDay = (s: SlotOption) => local(s.start, zone).hasSame(day, 'day');
  const onDay = context.offered.filter(sameDay).map((s) => local(s.start, zone));
  const asked = context.request ? local(context.request.start, zone) : null;
  const askedOnDay = asked && asked.hasSame(day, 'day') && isPoint(context.request) ? asked : null;
  switch (shift) {
    case 'later':
    case 'more': {
      const latest = [...onDay, ...(askedOnDay ? [askedOnDay] : [])].sort((a, b) => b.toMillis() - a.toMillis())[0];
      const from = latest ? latest.plus({ minutes: 1 }) : day;
      // issue 9/14 (session 3): nothing opens later that day: the next days, in order.
      if (shift === 'later' && closedAfter(lastEnd(context, day, from), context.hours)) {
        const next = day.plus({ days: 1 });
        return range(next, next.plus({ days: 7 }), 'week');
      }
      const end =
        shift === 'more' && context.request && !isPoint(context.request)
          ? local(context.request.end, zone)
          : day.endOf('day');
      return range(from, end > from ? end : day.endOf('day'));
    }
    case 'earlier': {
      // The times just before what is on the table (near: 'end'), not the day's first ones; before
      // the day's first open time, the last free times of the days before (new-user run).
      const earliest = earliestOnDay(context, day);
      if (earliest && closedBefore(earliest, context.hours))
        return { ...range(day.minus({ days: 7 }), day, 'week'), near: 'end' };
      return { ...range(day, earliest ?? day.endOf('day')), near: 'end' };
    }
    case 'another_day': {
      const next = day.plus({ days: 1 });
      return range(next, next.plus({ days: 7 }), 'week');
    }
    case 'next_week': {
      const monday = day.startOf('week').plus({ weeks: 1 });
      return range(monday, monday.plus({ weeks: 1 }), 'week');
    }
  }
}

/** issue 9/14 (session 3): no opening interval that day ends after `from` (known hours only). */
function closedAfter(from: DateTime, hours: OpeningInterval[]): boolean {
  if (!hours.length) return false;
  const minutes = from.hour * 60 + from.minute;
  return !hours.some((h) => h.weekday === from.weekday && toMinutes(h.to) > minutes);
}

/** No opening interval that day starts before `to` (known hours only): nothing can be earlier. */
function closedBefore(to: DateTime, hours: OpeningInterval[]): boolean {
  if (!hours.length) return false;
  const minutes = to.hour * 60 + to.minute;
  return !hours.some((h) => h.weekday === to.weekday && toMinutes(h.from) < minutes);
}

/** "antes" before the day's first open time: the earliest time on the table (ISO), else null. */
export function earlierThan(context: ConversationContext): string | null {
  const day = dayOnTable(context);
  const earliest = day ? earliestOnDay(context, day) : undefined;
  return earliest && closedBefore(earliest, context.hours) ? iso(earliest) : null;
}

/**
 * issue 9/14 (session 3): the last time on the table when "más tarde" goes past the day's opening
 * hours ("nothing later than 17:30 that day"), else null.
 */
export function laterThan(context: ConversationContext): string | null {
  const zone = zoneOf(context);
  const day = dayOnTable(context);
  if (!day) return null;
  const onDay = context.offered.map((s) => local(s.start, zone)).filter((t) => t.hasSame(day, 'day'));
  const asked = context.request ? local(context.request.start, zone) : null;
  if (asked && asked.hasSame(day, 'day') && isPoint(context.request)) onDay.push(asked);
  const latest = onDay.sort((a, b) => b.toMillis() - a.toMillis())[0];
  return latest && closedAfter(lastEnd(context, day, latest.plus({ minutes: 1 })), context.hours) ? iso(latest) : null;
}

/** When the last slot offered that day ends (a 17:30 slot of 30 min: 18:00), or `from` when later. */
function lastEnd(context: ConversationContext, day: DateTime, from: DateTime): DateTime {
  const zone = zoneOf(context);
  const ends = context.offered
    .filter((s) => local(s.start, zone).hasSame(day, 'day'))
    .map((s) => local(s.end, zone))
    .sort((a, b) => b.toMillis() - a.toMillis());
  const end = ends[0];
  return end && end > from ? end : from;
}

/** Is the asked time inside the opening hours? (A day request: is the business open that day?) */
export function isOpenAt(when: When, hours: OpeningInterval[], zone: string): boolean {
  if (!hours.length || !['minute', 'hour', 'day', 'part_of_day'].includes(when.grain)) return true;
  const start = local(when.start, zone);
  const ofDay = hours.filter((h) => h.weekday === start.weekday);
  if (!ofDay.length) return false;
  if (!isPoint(when)) {
    // A range (a day, a part of the day): open when any opening interval overlaps it.
    const end = local(when.end, zone);
    const midnight = start.startOf('day');
    return ofDay.some((h) => {
      const from = midnight.plus({ minutes: toMinutes(h.from) });
      const to = midnight.plus({ minutes: toMinutes(h.to) });
      return from < end && start < to;
    });
  }
  const minutes = start.hour * 60 + start.minute;
  return ofDay.some((h) => minutes >= toMinutes(h.from) && minutes < toMinutes(h.to));
}

/** "HH:mm" → minutes since midnight. */
export function toMinutes(s: string): number {
  const [h, m] = s.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}
