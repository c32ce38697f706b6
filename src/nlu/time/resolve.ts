/**
 * Turns the Parts found in a message into one interval in the business zone (luxon, DST-safe).
 * Future-leaning; bare hours go into business hours unless in Duckling-compatible mode.
 */
import { DateTime } from 'luxon';
import type { BusinessHours, Grain } from '../types.js';
import type { Pod, Unit } from './lexicon.js';
import type { DateSpec, Located, Part } from './parts.js';
import { Wall, type WallShift } from './wall.js';

/**
 * All calendar arithmetic happens on wall-clock time held in a Wall (see wall.ts; no zone lookups, so
 * fast and free of DST jumps); `real()` is the reference in the business zone, used for shifts
 * measured in real time ("in 2 hours") and for the one conversion back at the end.
 */
export interface Ctx {
  /** Reference as wall-clock time. */
  ref: Wall;
  /** Reference in the business zone. */
  real: () => DateTime;
  /** Start of the reference's day (wall clock). */
  today: Wall;
  lang: 'es' | 'en' | 'pt';
  duckling: boolean;
  bh: BusinessHours;
}

export interface Resolved {
  start: Wall;
  end: Wall;
  grain: Grain;
  open?: 'after' | 'before';
  /** A bare hour read into business hours. */
  ambiguous?: boolean;
}

type TimePart = Extract<Part, { k: 'time' }>;
type PeriodPart = Extract<Part, { k: 'period' }>;

const UNIT_GRAIN_DUCKLING: Record<Unit, Grain> = {
  second: 'second',
  minute: 'second',
  hour: 'minute',
  day: 'hour',
  week: 'day',
  month: 'day',
  quarter: 'day',
  year: 'month',
};
const UNIT_GRAIN_CHAT: Record<Unit, Grain> = {
  second: 'minute',
  minute: 'minute',
  hour: 'minute',
  day: 'day',
  week: 'day',
  month: 'day',
  quarter: 'day',
  year: 'month',
};

/** Start of the grain period containing t. */
export function truncate(t: Wall, g: Grain): Wall {
  switch (g) {
    case 'second':
      return t.startOf('second');
    case 'minute':
      return t.startOf('minute');
    case 'hour':
    case 'part_of_day':
      return t.startOf('hour');
    case 'day':
      return t.startOf('day');
    case 'week':
      return t.startOf('week');
    case 'month':
      return t.startOf('month');
    case 'quarter':
      return t.startOf('quarter');
    case 'year':
      return t.startOf('year');
  }
}

function plusGrain(t: Wall, g: Grain, n = 1): Wall {
  const key = g === 'part_of_day' ? 'hours' : (`${g}s` as keyof WallShift);
  return t.plus({ [key]: n });
}

/** Business-zone instant → the same wall-clock reading. */
export function toWall(t: DateTime): Wall {
  return new Wall(t.toMillis() + t.offset * 60_000);
}

/** Wall-clock reading → that reading in the given zone (times skipped by DST move forward). */
export function fromWall(w: Wall, zone: string): DateTime {
  return DateTime.fromObject(
    {
      year: w.year,
      month: w.month,
      day: w.day,
      hour: w.hour,
      minute: w.minute,
      second: w.second,
      millisecond: w.millisecond,
    },
    { zone },
  );
}

/** "in 2 hours" is real time; "in 2 days" is calendar time. */
function shiftFromNow(ctx: Ctx, n: number, unit: Unit): Wall {
  if (unit === 'second' || unit === 'minute' || unit === 'hour') return toWall(shiftBy(ctx.real(), n, unit));
  return shiftBy(ctx.ref, n, unit);
}

function shiftBy<T extends { plus(s: WallShift): T }>(t: T, n: number, unit: Unit): T {
  if (Number.isInteger(n)) return t.plus({ [`${unit}s`]: n });
  const secs: Partial<Record<Unit, number>> = { second: 1, minute: 60, hour: 3600, day: 86400, week: 604800 };
  const s = secs[unit];
  return s ? t.plus({ seconds: Math.round(n * s) }) : t.plus({ [`${unit}s`]: Math.round(n) });
}

function mk(ref: Wall, y: number, m: number, d: number): Wall | null {
  const t = ref.set({ year: y, month: m, day: d }).startOf('day');
  return t.isValid && t.month === m && t.day === d ? t : null;
}

function podRange(pod: Pod, ctx: Ctx): [number, number] {
  if (ctx.duckling) {
    switch (pod) {
      case 'morning':
        return ctx.lang === 'es' ? [4, 12] : [0, 12];
      case 'early_morning':
        return [0, 9];
      case 'midday':
      case 'lunch':
        return [12, 14];
      case 'after_lunch':
        return [13, 17];
      case 'afternoon':
        return [12, 19];
      case 'evening':
      case 'night':
        return [18, 24];
      case 'late_night':
        return [21, 24];
      case 'after_school':
        return [15, 21];
    }
  }
  switch (pod) {
    case 'morning':
      return [9, 12];
    case 'early_morning':
      return [6, 9];
    case 'midday':
    case 'lunch':
      return [12, 14];
    case 'after_lunch':
      return [14, 17];
    case 'afternoon':
      return ctx.lang === 'es' ? [14, 19] : [12, 19];
    case 'evening':
    case 'night':
      return [18, 22];
    case 'late_night':
      return [22, 24];
    case 'after_school':
      return [15, 21];
  }
}

/** The date a DateSpec names, at the start of its day. */
function resolveDate(v: DateSpec, ctx: Ctx): Wall | null {
  const today = ctx.today;
  if (v.rel !== undefined) return today.plus({ days: v.rel });
  if (v.d !== undefined && v.m !== undefined) {
    if (v.y !== undefined) return mk(today, v.y, v.m, v.d);
    if (v.dow !== undefined) {
      for (let y = today.year; y < today.year + 30; y++) {
        const c = mk(today, y, v.m, v.d);
        if (c && c.weekday === v.dow) return c;
      }
      return null;
    }
    const c = mk(today, today.year, v.m, v.d);
    if (c && c >= today) return c;
    return mk(today, today.year + 1, v.m, v.d);
  }
  if (v.d !== undefined) {
    const base = today.startOf('month');
    if (v.monthOffset !== undefined) {
      const b = base.plus({ months: v.monthOffset });
      return mk(today, b.year, b.month, v.d);
    }
    for (let i = 0; i < 36; i++) {
      const b = base.plus({ months: i });
      const c = mk(today, b.year, b.month, v.d);
      if (!c) continue;
      if (v.dow !== undefined ? c.weekday !== v.dow : c < today) continue;
      return c;
    }
    return null;
  }
  if (v.dow !== undefined) {
    const dow = v.dow;
    if (v.week !== undefined) return today.startOf('week').plus({ weeks: v.week, days: dow - 1 });
    // "next Tuesday" (Duckling's convention, kept in English): that day of next week. "el próximo
    // martes" / "a próxima terça": the coming one. Never tomorrow: that would be "mañana".
    if (v.nextWeekMod && (ctx.duckling || ctx.lang === 'en')) {
      const d = today.startOf('week').plus({ weeks: 1, days: dow - 1 });
      return !ctx.duckling && d.equals(today.plus({ days: 1 })) ? d.plus({ weeks: 1 }) : d;
    }
    if (v.nextWeekMod) {
      const diff = (dow - today.weekday + 7) % 7 || 7;
      return today.plus({ days: diff === 1 ? 8 : diff });
    }
    if (v.nth === 0) return today.plus({ days: (dow - today.weekday + 7) % 7 });
    const n = v.nth ?? 1;
    if (n > 0) {
      const diff = (dow - today.weekday + 7) % 7 || 7;
      return today.plus({ days: diff + 7 * (n - 1) });
    }
    const diff = (today.weekday - dow + 7) % 7 || 7;
    return today.minus({ days: diff + 7 * (-n - 1) });
  }
  return null;
}

/** The hour of day a clock time means, or null when it stays ambiguous (Duckling mode decides later). */
function hourOf(t: TimePart, pod: Pod | undefined, ctx: Ctx): { h: number; nextDay: boolean } | null {
  const h = t.h;
  if (t.ap) return { h: t.ap === 'pm' ? (h % 12) + 12 : h % 12, nextDay: false };
  if (t.fixed) return { h, nextDay: !!t.nextDay };
  if (pod) {
    switch (pod) {
      case 'morning':
      case 'early_morning':
        return h === 12 && ctx.duckling ? { h: 0, nextDay: true } : { h, nextDay: false };
      case 'midday':
      case 'lunch':
      case 'after_lunch':
        return { h: h <= 6 ? h + 12 : h, nextDay: false };
      default:
        if (h === 12 && (t.min === 0 || pod !== 'afternoon')) return { h: 0, nextDay: true };
        if (h === 12) return { h: 12, nextDay: false };
        if (pod === 'late_night' && h < 5) return { h, nextDay: true };
        return { h: h < 12 ? h + 12 : h, nextDay: false };
    }
  }
  if (ctx.duckling) return null;
  if (h === 12) return { h: 12, nextDay: false };
  const { start, end } = ctx.bh;
  const inB = (x: number): boolean => x >= start && x < end;
  if (inB(h)) return { h, nextDay: false };
  if (inB(h + 12)) return { h: h + 12, nextDay: false };
  return { h: h <= 7 ? h + 12 : h, nextDay: false };
}

interface Group {
  date?: DateSpec;
  time?: TimePart;
  pod?: Pod;
  podRel?: number;
  shift?: Extract<Part, { k: 'shift' }>;
  now?: Extract<Part, { k: 'now' }>;
  period?: PeriodPart;
  span?: Extract<Part, { k: 'span' }>;
  tz?: number;
  edge?: Extract<Part, { k: 'edge' }>['which'];
  dur?: Extract<Part, { k: 'dur' }>;
  monthWeek?: Extract<Part, { k: 'monthWeek' }>;
  opens: Set<string>;
  bare?: number;
}

function gather(parts: Part[]): Group {
  const g: Group = { opens: new Set() };
  for (const p of parts) {
    switch (p.k) {
      case 'date':
        g.date = { ...p.v, ...g.date };
        break;
      case 'time':
        g.time ??= p;
        break;
      case 'pod':
        g.pod ??= p.pod;
        if (p.rel !== undefined) g.podRel ??= p.rel;
        break;
      case 'shift':
        g.shift ??= p;
        break;
      case 'now':
        g.now ??= p;
        break;
      case 'period':
        if (g.period && p.unit === 'year' && g.period.y === undefined && g.period.unit !== 'year')
          g.period = { ...g.period, y: p.y };
        else if (g.period?.unit === 'year' && p.unit !== 'year' && p.y === undefined)
          g.period = { ...p, y: g.period.y };
        else g.period ??= p;
        break;
      case 'span':
        g.span ??= p;
        break;
      case 'tz':
        g.tz ??= p.offset;
        break;
      case 'edge':
        g.edge ??= p.which;
        break;
      case 'dur':
        g.dur ??= p;
        break;
      case 'monthWeek':
        g.monthWeek ??= p;
        break;
      case 'open':
        g.opens.add(p.dir);
        break;
      case 'bare':
        g.bare ??= p.n;
        break;
    }
  }
  if (g.shift && g.date?.rel === 0 && !g.time) delete g.date;
  // fold periods into the date where they qualify it: "wednesday of next week", "20 of next month"
  if (g.date && g.period) {
    const per = g.period;
    if (per.unit === 'week' && g.date.dow !== undefined && g.date.week === undefined && per.offset !== undefined) {
      g.date = { ...g.date, week: per.offset };
      delete g.period;
    } else if (per.unit === 'month' && g.date.d !== undefined && per.nth === undefined) {
      if (per.value !== undefined) g.date = { ...g.date, m: per.value, y: per.y ?? g.date.y };
      else if (per.offset !== undefined) g.date = { ...g.date, monthOffset: per.offset };
      delete g.period;
    } else if (per.unit === 'year' && per.y !== undefined && g.date.m !== undefined) {
      g.date = { ...g.date, y: per.y };
      delete g.period;
    }
  }
  return g;
}

function hasContent(g: Group): boolean {
  return !!(g.date || g.time || g.pod || g.shift || g.now || g.period || g.span || g.monthWeek);
}

/** The period a Group names with no time of day (week, month, weekend, "next 3 days"...). */
function resolvePeriod(g: Group, ctx: Ctx): Resolved | null {
  const { ref } = ctx;
  const today = ctx.today;
  if (g.monthWeek) return resolveMonthWeek(g.monthWeek, ctx);
  if (g.span) {
    const { n, unit, dir, upcoming } = g.span;
    const grain = unit as Grain;
    const cur = truncate(ref, grain);
    if (upcoming) {
      const s = shiftBy(cur, n, unit);
      return { start: s, end: plusGrain(s, grain), grain };
    }
    if (dir > 0) {
      const s = plusGrain(cur, grain, 1);
      return { start: s, end: shiftBy(s, n, unit), grain };
    }
    return { start: shiftBy(cur, -n, unit), end: cur, grain };
  }
  const p = g.period;
  if (!p) return null;
  switch (p.unit) {
    case 'week': {
      const s = today.startOf('week').plus({ weeks: p.offset ?? 0 });
      if (p.nth === -7) {
        if (g.edge === 'late') return { start: today, end: s.plus({ days: 6 }), grain: 'day' };
        return { start: s, end: s.plus({ days: 6 }), grain: 'day' };
      }
      if (g.edge === 'begin' || g.edge === 'early') return { start: s, end: s.plus({ days: 3 }), grain: 'day' };
      if (g.edge === 'end' || g.edge === 'late')
        return { start: s.plus({ days: 4 }), end: s.plus({ days: 7 }), grain: 'day' };
      return { start: s, end: s.plus({ weeks: 1 }), grain: 'week' };
    }
    case 'month': {
      let s: Wall;
      if (p.value !== undefined) {
        const y =
          p.y ?? (p.value >= ref.month || (p.nth !== undefined && p.value >= ref.month) ? ref.year : ref.year + 1);
        s = today.set({ year: y, month: p.value, day: 1 });
        if (p.offset) s = s.plus({ months: p.offset });
      } else s = today.startOf('month').plus({ months: p.offset ?? 0 });
      if (p.nth !== undefined) {
        let d: Wall;
        if (p.nth === -1) d = s.endOf('month').startOf('day');
        else if (p.nth < 0) {
          const dow = -p.nth - 10;
          const last = s.endOf('month').startOf('day');
          d = last.minus({ days: (last.weekday - dow + 7) % 7 });
        } else {
          const dow = p.nth % 10;
          const k = Math.floor(p.nth / 10);
          d = s.plus({ days: ((dow - s.weekday + 7) % 7) + 7 * (k - 1) });
        }
        return { start: d, end: d.plus({ days: 1 }), grain: 'day' };
      }
      const e = s.plus({ months: 1 });
      if (g.edge === 'begin' || g.edge === 'early') return { start: s, end: s.set({ day: 11 }), grain: 'day' };
      if (g.edge === 'mid') return { start: s.set({ day: 11 }), end: s.set({ day: 21 }), grain: 'day' };
      if (g.edge === 'end' || g.edge === 'late') return { start: s.set({ day: 21 }), end: e, grain: 'day' };
      return { start: s, end: e, grain: 'month' };
    }
    case 'year': {
      const s =
        p.y !== undefined
          ? today.set({ year: p.y, month: 1, day: 1 })
          : today.startOf('year').plus({ years: p.offset ?? 0 });
      if (g.edge === 'begin' || g.edge === 'early') return { start: s, end: s.plus({ months: 3 }), grain: 'month' };
      if (g.edge === 'end' || g.edge === 'late')
        return { start: s.set({ month: 9 }), end: s.plus({ years: 1 }), grain: 'month' };
      return { start: s, end: s.plus({ years: 1 }), grain: 'year' };
    }
    case 'quarter': {
      let s: Wall;
      if (p.value !== undefined) s = today.set({ year: p.y ?? ref.year, month: (p.value - 1) * 3 + 1, day: 1 });
      else s = today.startOf('quarter').plus({ quarters: p.offset ?? 0 });
      return { start: s, end: s.plus({ months: 3 }), grain: 'quarter' };
    }
    case 'weekend': {
      let sat: Wall;
      if (p.value !== undefined) {
        const y = p.y ?? (p.value >= ref.month ? ref.year : ref.year + 1);
        const last = today.set({ year: y, month: p.value, day: 1 }).endOf('month').startOf('day');
        sat = last.minus({ days: (last.weekday - 6 + 7) % 7 });
        if (sat.plus({ days: 1 }).month !== p.value) sat = sat.minus({ weeks: 1 });
      } else {
        const thisSat = today.startOf('week').plus({ days: 5 });
        let off = p.offset ?? 0;
        if (!ctx.duckling && off === 1 && today.weekday <= 4) off = 0;
        sat = thisSat.plus({ weeks: off });
      }
      if (ctx.duckling) return { start: sat.minus({ hours: 6 }), end: sat.plus({ days: 2 }), grain: 'hour' };
      return { start: sat, end: sat.plus({ days: 2 }), grain: 'day' };
    }
  }
}

/**
 * The nth week of a month. Duckling's convention (Duckling mode): weeks Monday–Sunday lying wholly in
 * the month. For booking: days 1–7 are the first week, 8–14 the second…, the last seven days the last.
 */
function resolveMonthWeek(w: Extract<Part, { k: 'monthWeek' }>, ctx: Ctx): Resolved {
  const { ref, today } = ctx;
  let s: Wall;
  if (w.m !== undefined) {
    const y = w.y ?? (w.m >= ref.month ? ref.year : ref.year + 1);
    s = today.set({ year: y, month: w.m, day: 1 });
  } else s = today.startOf('month').plus({ months: w.monthOffset ?? 0 });
  const e = s.plus({ months: 1 });
  if (ctx.duckling) {
    const firstMonday = s.plus({ days: (8 - s.weekday) % 7 });
    let start = firstMonday.plus({ weeks: Math.max(0, w.nth - 1) });
    if (w.nth < 0) {
      const lastDay = e.minus({ days: 1 });
      start = lastDay.minus({ days: lastDay.weekday - 1 });
      if (start.plus({ weeks: 1 }) > e) start = start.minus({ weeks: 1 });
    }
    return { start, end: start.plus({ weeks: 1 }), grain: 'week' };
  }
  if (w.nth < 0) return { start: e.minus({ days: 7 }), end: e, grain: 'week' };
  const start = s.plus({ days: 7 * (w.nth - 1) });
  const end = start.plus({ days: 7 }) < e ? start.plus({ days: 7 }) : e;
  return { start, end, grain: 'week' };
}

function shiftGrain(unit: Unit, ctx: Ctx): Grain {
  return (ctx.duckling ? UNIT_GRAIN_DUCKLING : UNIT_GRAIN_CHAT)[unit];
}

/** One group of parts (no range connector inside) → an interval. */
export function resolveGroup(parts: Part[], ctx: Ctx, after?: Resolved): Resolved | null {
  const g = gather(parts);
  if (!hasContent(g)) {
    if (g.edge && g.opens.has('by')) return null;
    return null;
  }
  const { ref } = ctx;
  const today = ctx.today;
  let r: Resolved | null = null;

  if (g.now) {
    if (g.now.grain === 'day') r = { start: today, end: today.plus({ days: 1 }), grain: 'day' };
    else {
      const grain: Grain = ctx.duckling ? 'second' : 'minute';
      const s = truncate(ref, grain);
      r = { start: s, end: plusGrain(s, grain), grain };
    }
  } else if (g.shift && !g.date && !g.time) {
    const { n, unit, dir, exact } = g.shift;
    const target = shiftFromNow(ctx, n * dir, unit);
    if (g.shift.within && (ctx.duckling || (g.shift.within && ctx.lang === 'en'))) {
      const gr = shiftGrain(unit, ctx);
      return {
        start: truncate(ref, ctx.duckling ? 'second' : 'minute'),
        end: gr === 'second' ? target : truncate(target, gr === 'hour' ? 'day' : gr),
        grain: ctx.duckling ? 'second' : 'minute',
      };
    }
    const fine = !Number.isInteger(n) && (unit === 'hour' || unit === 'minute');
    const grain: Grain = exact || fine ? (ctx.duckling ? 'second' : 'minute') : shiftGrain(unit, ctx);
    const s = truncate(target, grain);
    r = { start: s, end: plusGrain(s, grain), grain };
  } else if (!g.date && !g.time && !g.pod && (g.period || g.span || g.monthWeek)) {
    r = resolvePeriod(g, ctx);
  } else {
    // a day, maybe with a time of day or a part of the day
    let day: Wall | null = null;
    let explicitDay = false;
    if (g.date) {
      day = resolveDate(g.date, ctx);
      if (!day) return null;
      explicitDay = true;
    } else if (g.shift) {
      day = shiftFromNow(ctx, g.shift.n * g.shift.dir, g.shift.unit).startOf('day');
      explicitDay = true;
    } else if (g.period) {
      const pr = resolvePeriod(g, ctx);
      if (pr) {
        day = pr.start.startOf('day');
        explicitDay = true;
      }
    }
    if (g.podRel !== undefined && !g.date) {
      day = today.plus({ days: g.podRel });
      explicitDay = true;
    }
    if (g.time) r = applyTime(g, day, explicitDay, ctx, after);
    else if (g.pod) {
      if (ctx.duckling && g.pod === 'midday' && !explicitDay) {
        const s = today.set({ hour: 12 });
        r = { start: s, end: s.plus({ hours: 1 }), grain: 'hour' };
      } else {
        const [a, b] = podRange(g.pod, ctx);
        let d = day ?? today;
        if (!explicitDay && !ctx.duckling && d.plus({ hours: b }) <= ref) d = d.plus({ days: 1 });
        r = { start: d.plus({ hours: a }), end: d.plus({ hours: b }), grain: ctx.duckling ? 'hour' : 'part_of_day' };
      }
    } else if (day) r = { start: day, end: day.plus({ days: 1 }), grain: 'day' };
  }
  if (!r) return null;
  if (g.dur) {
    const grain: Grain = g.dur.unit === 'minute' || g.dur.unit === 'hour' || g.dur.unit === 'second' ? 'minute' : 'day';
    const end = shiftBy(r.start, g.dur.n, g.dur.unit);
    return { start: r.start, end: ctx.duckling ? plusGrain(end, grain) : end, grain };
  }
  if (g.opens.has('by')) {
    const bound = g.edge === 'end' || (g.period && !g.time && !g.date) ? r.end : r.start;
    return {
      start: truncate(ref, ctx.duckling ? 'second' : 'minute'),
      end: bound,
      grain: ctx.duckling ? 'second' : 'minute',
    };
  }
  if (g.opens.has('asap')) return { ...r, end: r.start.plus({ days: 1 }).startOf('day'), open: 'after' };
  if (g.opens.has('after') && !g.opens.has('before'))
    return { ...r, open: 'after', end: r.grain === 'year' ? r.end : r.start.startOf('day').plus({ days: 1 }) };
  if (g.opens.has('before') && !g.opens.has('after')) {
    const bound = r.start;
    let s = ctx.duckling
      ? bound.startOf('day')
      : bound.startOf('day') < ref && bound > ref
        ? truncate(ref, 'minute')
        : bound.startOf('day');
    if (r.grain === 'year') s = bound.minus({ years: 1 });
    return { start: s, end: bound, grain: r.grain, open: 'before' };
  }
  return r;
}

function applyTime(g: Group, day: Wall | null, explicitDay: boolean, ctx: Ctx, after?: Resolved): Resolved | null {
  const t = g.time!;
  const { ref } = ctx;
  const today = ctx.today;
  const grain: Grain = t.grain;
  const at = (d: Wall, h: number): Wall => d.set({ hour: h, minute: t.min, second: t.sec ?? 0, millisecond: 0 });

  if (g.tz !== undefined) {
    // wall time in the named zone, then into the business zone
    const hh = hourOf(t, g.pod, { ...ctx, duckling: true });
    // wall time in the named zone → real instant → wall time in the business zone
    const wallThere = at(day ?? today, hh ? hh.h : t.h);
    let s = toWall(DateTime.fromMillis(wallThere.toMillis() - g.tz * 60_000, { zone: ctx.real().zone }));
    if (!hh && !explicitDay && s.plus({ hours: 1 }) <= ref) s = s.plus({ hours: 12 });
    return { start: s, end: s.plus({ minutes: 1 }), grain: 'minute' };
  }

  const hh = hourOf(t, g.pod, ctx);
  let start: Wall;
  if (hh) {
    const d = (day ?? today).plus({ days: hh.nextDay ? 1 : 0 });
    start = at(d, hh.h);
    if (after && !t.ap && !t.fixed && start <= after.start && hh.h < 12) start = start.plus({ hours: 12 });
    if (!explicitDay && !after) {
      const passed = ctx.duckling ? start.startOf('hour').plus({ hours: 1 }) <= ref : start < ref;
      if (passed) start = start.plus({ days: 1 });
    }
  } else {
    // Duckling mode, ambiguous 12-hour clock: the first reading whose hour has not ended yet
    const d = day ?? today;
    const cands =
      t.h === 12
        ? [at(d, 12), at(d.plus({ days: 1 }), 0)]
        : [at(d, t.h), at(d, t.h + 12), at(d.plus({ days: 1 }), t.h)];
    if (after) start = cands.find((c) => c > after.start) ?? cands[0]!;
    else if (explicitDay) start = cands[0]!;
    else start = cands.find((c) => c.startOf('hour').plus({ hours: 1 }) > ref) ?? cands[0]!;
  }
  const r: Resolved = { start, end: plusGrain(start, grain), grain };
  if (hh && !t.ap && !t.fixed && !g.pod && !ctx.duckling) r.ambiguous = true;
  return r;
}

const RANGE_CONN = /^(?:-|–|a|al|to|y|and|\/|or)$/;

/** Splits located parts at a range connector and resolves the whole message to one interval. */
export function resolveAll(located: Located[], text: string, ctx: Ctx): Resolved | null {
  if (located.length === 0) return null;
  const parts = located.map((l) => l.part);
  const hasBetween = parts.some((p) => p.k === 'open' && p.dir === 'between');
  let split = -1;
  let skip = 0;
  for (let i = 0; i + 1 < located.length; i++) {
    const a = located[i]!;
    const b = located[i + 1]!;
    if (a.e > b.s) continue; // same match, several parts
    const gap = text.slice(a.e, b.s).trim();
    if (
      RANGE_CONN.test(gap) &&
      ((gap !== 'y' && gap !== 'and') || hasBetween) &&
      a.part.k !== 'open' &&
      b.part.k !== 'open'
    ) {
      split = i;
      break;
    }
    if (gap === '' && b.part.k === 'open' && b.part.dir === 'before' && i + 2 < located.length && a.part.k !== 'open') {
      split = i;
      skip = 1;
      break;
    }
    if (gap === 'but' && b.part.k === 'open' && b.part.dir === 'before' && i + 2 < located.length) {
      split = i;
      skip = 1;
      break;
    }
  }
  if (split < 0) {
    const main = parts.filter((p) => p.k !== 'bare');
    return resolveGroup(main, ctx);
  }
  let left = parts.slice(0, split + 1);
  let right = parts.slice(split + 1 + skip);
  // a bare number takes the kind of the other side: "3-4pm", "August 27th - 29th"
  const kindOf = (ps: Part[]): 'time' | 'day' | null =>
    ps.some((p) => p.k === 'time') ? 'time' : ps.some((p) => p.k === 'date' && p.v.d !== undefined) ? 'day' : null;
  const fromBare = (ps: Part[], other: Part[]): Part[] => {
    const bare = ps.find((p) => p.k === 'bare');
    if (!bare || bare.k !== 'bare' || kindOf(ps)) return ps.filter((p) => p.k !== 'bare');
    const rest = ps.filter((p) => p.k !== 'bare');
    const k = kindOf(other);
    if (k === 'time') {
      const ot = other.find((p) => p.k === 'time');
      const p: Part = { k: 'time', h: bare.n, min: 0, grain: 'hour' };
      if (ot && ot.k === 'time' && ot.ap && bare.n <= 12) p.ap = bare.n <= ot.h || bare.n === 12 ? ot.ap : 'am';
      return [...rest, p];
    }
    if (k === 'day') return [...rest, { k: 'date', v: { d: bare.n } }];
    return rest;
  };
  // "de 4 a 6", "from 3 to 4": two bare numbers around a connector are hours
  if (!kindOf(left) && !kindOf(right) && left.some((p) => p.k === 'bare') && right.some((p) => p.k === 'bare')) {
    const lb = left.find((p) => p.k === 'bare') as { n: number };
    left = [...left.filter((p) => p.k !== 'bare'), { k: 'time', h: lb.n, min: 0, grain: 'hour' }];
  }
  left = fromBare(left, right);
  right = fromBare(right, left).map((p) => p);
  const rb = parts.slice(split + 1 + skip).find((p) => p.k === 'bare');
  if (rb && !parts.slice(split + 1 + skip).some((p) => p.k === 'time'))
    right = right.map((p) => (p.k === 'time' && p.ap && p.h === (rb as { n: number }).n ? { ...p, ap: undefined } : p));
  // shared context: the date (and part of day, zone) said once applies to both ends
  const ctxKinds = (p: Part): boolean =>
    p.k === 'date' || p.k === 'pod' || p.k === 'tz' || (p.k === 'period' && p.unit !== 'year');
  const leftHasDay = left.some((p) => p.k === 'date' || p.k === 'period' || (p.k === 'pod' && p.rel !== undefined));
  const rightHasDay = right.some((p) => p.k === 'date' || p.k === 'period' || (p.k === 'pod' && p.rel !== undefined));
  const lDate = left.find((p) => p.k === 'date');
  const rDate = right.find((p) => p.k === 'date');
  if (lDate && rDate && lDate.k === 'date' && rDate.k === 'date') {
    const lv = lDate.v;
    const rv = rDate.v;
    if (lv.d !== undefined && lv.m === undefined && rv.m !== undefined)
      left = left.map((p) => (p === lDate ? { k: 'date', v: { ...lv, m: rv.m, y: rv.y } } : p));
    if (rv.d !== undefined && rv.m === undefined && lv.m !== undefined)
      right = right.map((p) => (p === rDate ? { k: 'date', v: { ...rv, m: lv.m, y: lv.y } } : p));
  }
  if (!rightHasDay) right = [...right, ...left.filter(ctxKinds)];
  if (!leftHasDay) left = [...left, ...right.filter(ctxKinds)];
  const rightTime = right.find((p) => p.k === 'time');
  const leftTime = left.find((p) => p.k === 'time');
  if (
    rightTime &&
    leftTime &&
    rightTime.k === 'time' &&
    leftTime.k === 'time' &&
    rightTime.ap &&
    !leftTime.ap &&
    !leftTime.fixed &&
    leftTime.h <= 12
  ) {
    left = left.map((p) =>
      p === leftTime ? { ...leftTime, ap: leftTime.h <= rightTime.h || leftTime.h === 12 ? rightTime.ap : 'am' } : p,
    );
  }
  const l = resolveGroup(left, ctx);
  if (!l)
    return resolveGroup(
      parts.filter((p) => p.k !== 'bare'),
      ctx,
    );
  let r = resolveGroup(right, ctx, l);
  if (!r) return l;
  // "entre el martes y el jueves" said on a Wednesday: the Thursday after that Tuesday
  const rightDow = right.some((p) => p.k === 'date' && p.v.dow !== undefined && p.v.week === undefined);
  if (rightDow && r.start <= l.start && !ctx.duckling)
    r = { ...r, start: r.start.plus({ weeks: 1 }), end: r.end.plus({ weeks: 1 }) };
  const order: Grain[] = ['second', 'minute', 'hour', 'part_of_day', 'day', 'week', 'month', 'quarter', 'year'];
  const grain = order.indexOf(l.grain) <= order.indexOf(r.grain) ? l.grain : r.grain;
  const timeLike = r.grain === 'second' || r.grain === 'minute' || r.grain === 'hour';
  const end = timeLike && !ctx.duckling ? r.start : plusGrain(truncate(r.start, grain), grain);
  if (end <= l.start) return l;
  return { start: l.start, end, grain };
}
