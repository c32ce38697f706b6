/** Time expressions in a message → one interval in the business zone. */
import { DateTime, IANAZone, type Zone } from 'luxon';
import type { BusinessHours, TimeParts, When } from '../types.js';
import { extractParts } from './extract.js';
import type { Located } from './parts.js';
import { resolveAll, toWall, type Resolved } from './resolve.js';
import { Wall } from './wall.js';

export interface TimeOptions {
  reference: Date | string | DateTime;
  timeZone: string;
  lang: 'es' | 'en' | 'pt';
  businessHours?: BusinessHours;
  duckling?: boolean;
}

/** Greetings that look like times ("buenas tardes", "good morning", "boa noite"). */
const GREETINGS = new RegExp(
  String.raw`\b(?:good (?:morning|afternoon|evening|night|day)|buen(?:os|as)? (?:dias|tardes|noches|dia)|buen dia|` +
    String.raw`bo[am] (?:dia|tarde|noite))\b`,
  'g',
);

interface Reference {
  /** The reference instant in the business zone (built on first use: most messages need none). */
  real: () => DateTime;
  zone: Zone;
  /** Its wall-clock reading, and the start of that day. */
  ref: Wall;
  today: Wall;
}
let lastRef: { key: unknown; zone: string; r: Reference } | null = null;

/** The reference in the business zone. Memoised on the last call: a batch shares one reference. */
export function referenceIn(reference: Date | string | DateTime, timeZone: string): DateTime {
  return reference_(reference, timeZone).real();
}

function reference_(reference: Date | string | DateTime, timeZone: string): Reference {
  const key = reference instanceof Date ? reference.getTime() : reference;
  if (lastRef && lastRef.key === key && lastRef.zone === timeZone) return lastRef.r;
  let r: Reference;
  const zone = reference instanceof Date ? IANAZone.create(timeZone) : null;
  if (reference instanceof Date && zone?.isValid) {
    // the common case in production (a Date per message): wall clock from a memoised offset
    const ms = reference.getTime();
    const ref = new Wall(ms + offsetAt(zone, ms) * 60_000);
    let real: DateTime | undefined;
    r = { real: () => (real ??= DateTime.fromMillis(ms, { zone })), zone, ref, today: ref.startOf('day') };
  } else {
    const real = parseReference(reference).setZone(timeZone);
    const ref = toWall(real);
    r = { real: () => real, zone: real.zone, ref, today: ref.startOf('day') };
  }
  lastRef = { key, zone: timeZone, r };
  return r;
}

function parseReference(reference: Date | string | DateTime): DateTime {
  const ref =
    reference instanceof DateTime
      ? reference
      : typeof reference === 'string'
        ? DateTime.fromISO(reference, { setZone: true })
        : DateTime.fromJSDate(reference);
  return ref;
}

/**
 * Portuguese text is first mapped to the Spanish words the grammar reads (see portuguese.ts), before
 * number words become digits; resolution then uses Portuguese parts of day.
 */
export { portugueseToSpanish } from './portuguese.js';

/** Resolves the time a normalised message (see normalize.forTime) talks about, or null. */
export function resolveTime(text: string, opts: TimeOptions): WallResolved | null {
  return resolveTimeWithParts(text, opts)?.resolved ?? null;
}

/** Which parts of a time the located pieces give (day, part of day, hour, minute). */
export function partsOf(located: readonly Located[]): TimeParts {
  const parts: TimeParts = { day: false, partOfDay: false, hour: false, minute: false };
  for (const { part: p } of located) {
    switch (p.k) {
      case 'date':
      case 'period':
      case 'span':
      case 'monthWeek':
        parts.day = true;
        break;
      case 'pod':
        parts.partOfDay = true;
        if (p.rel !== undefined) parts.day = true;
        break;
      case 'time':
        parts.hour = true;
        if (p.grain !== 'hour' || p.min !== 0) parts.minute = true;
        break;
      case 'now':
        parts.day = true;
        if (p.grain === 'second') parts.hour = parts.minute = true;
        break;
      case 'shift':
        parts.day = true;
        if (p.unit === 'hour' || p.unit === 'minute' || p.unit === 'second') parts.hour = parts.minute = true;
        break;
      default:
        break;
    }
  }
  // "a las 7 de la tarde": the part of day only qualifies the hour (which of 7 and 19); it is a
  // part of its own only without one ("por la tarde").
  if (parts.hour) parts.partOfDay = false;
  return parts;
}

/** resolveTime() plus which parts the message gave. */
export function resolveTimeWithParts(
  text: string,
  opts: TimeOptions,
): { resolved: WallResolved; parts: TimeParts } | null {
  const t = text.replace(GREETINGS, ' ');
  const located = extractParts(t, opts.lang === 'en' ? 'en' : 'es');
  if (located.length === 0) return null;
  const { real, zone, ref, today } = reference_(opts.reference, opts.timeZone);
  const r = resolveAll(located, t, {
    ref,
    today,
    real,
    lang: opts.lang,
    duckling: !!opts.duckling,
    bh: opts.businessHours ?? { start: 9, end: 18 },
  });
  if (!r) return null;
  return { resolved: { ...r, zone }, parts: partsOf(located) };
}

/** A resolved interval in wall-clock time (UTC DateTimes) and the zone it is read in. */
export interface WallResolved extends Resolved {
  zone: Zone;
}

/** Real instants of a wall-clock result (for callers that want DateTimes rather than ISO text). */
export function inZone(r: WallResolved): { start: DateTime; end: DateTime } {
  return {
    start: DateTime.fromISO(wallIso(r.start, r.zone), { setZone: true }),
    end: DateTime.fromISO(wallIso(r.end, r.zone), { setZone: true }),
  };
}

const offsetCache = new Map<string, number>();

/** The zone's UTC offset (minutes) at an instant; offsets change on quarter hours, so memoised per quarter hour. */
function offsetAt(zone: Zone, ts: number): number {
  const key = `${zone.name}|${Math.floor(ts / 900_000)}`;
  let o = offsetCache.get(key);
  if (o === undefined) {
    o = zone.offset(ts);
    if (offsetCache.size > 50_000) offsetCache.clear();
    offsetCache.set(key, o);
  }
  return o;
}

const pad = (n: number, w = 2): string => String(Math.abs(n)).padStart(w, '0');

/**
 * ISO text of a wall-clock reading in a zone. A reading skipped by a DST jump moves forward
 * (02:30 on a spring-forward night reads 03:30), as luxon does; a repeated one takes the first.
 */
export function wallIso(w: Wall, zone: Zone): string {
  const local = w.toMillis();
  // luxon's own local → UTC fix-up (DateTime.fromObject), on memoised offsets
  const o = offsetAt(zone, local);
  let ts = local - o * 60_000;
  let off = o;
  const o2 = offsetAt(zone, ts);
  if (o2 !== o) {
    ts -= (o2 - o) * 60_000;
    const o3 = offsetAt(zone, ts);
    if (o2 === o3) off = o2;
    else {
      ts = local - Math.min(o2, o3) * 60_000;
      off = Math.max(o2, o3);
    }
  }
  const d = new Date(ts + off * 60_000);
  const y = d.getUTCFullYear();
  const sec = d.getUTCSeconds();
  const ys = y < 0 || y > 9999 ? `${y < 0 ? '-' : '+'}${pad(y, 6)}` : pad(y, 4);
  const date = `${ys}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const time = `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(sec)}`;
  return `${date}T${time}${off < 0 ? '-' : '+'}${pad(Math.trunc(off / 60))}:${pad(off % 60)}`;
}

export function toWhen(r: WallResolved, duckling: boolean): When {
  let grain = r.grain;
  if (!duckling) grain = grain === 'second' ? 'minute' : grain === 'quarter' || grain === 'year' ? 'month' : grain;
  const w: When = { start: wallIso(r.start, r.zone), end: wallIso(r.end, r.zone), grain };
  if (r.open) w.open = r.open;
  if (r.ambiguous) w.ambiguousHour = true;
  return w;
}
