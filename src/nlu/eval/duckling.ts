/**
 * Scoring against Duckling's time corpora (../shared/corpora/duckling-time-*.json), used by the
 * benchmark and the corpus test. Pure: the caller reads the files and supplies the parser.
 */
import { DateTime } from 'luxon';

export type DucklingGrain = 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month' | 'quarter' | 'year';
export type Kind = 'instant' | 'interval' | 'open_interval';

export interface DucklingExample {
  text: string;
  expected: {
    kind: Kind;
    grain: DucklingGrain;
    value?: string;
    from?: string;
    to?: string;
    direction?: 'after' | 'before';
  };
}

export interface DucklingCorpus {
  reference: string;
  timezoneOffset: string;
  examples: DucklingExample[];
}

/** What a parser answered, as absolute instants plus a grain (part_of_day counts as hour). */
export interface Parsed {
  start: DateTime;
  end?: DateTime;
  grain: string;
  open?: 'after' | 'before';
}

const GRAIN_UNIT: Record<DucklingGrain, 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month' | 'quarter' | 'year'> =
  {
    second: 'second',
    minute: 'minute',
    hour: 'hour',
    day: 'day',
    week: 'week',
    month: 'month',
    quarter: 'quarter',
    year: 'year',
  };

/** Duckling writes month-grain values as "2013-03-00"; read those as the 1st. */
export function parseDucklingTime(iso: string, zone: string): DateTime {
  const m = /^(-?\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})/.exec(iso);
  if (!m) throw new Error(`bad Duckling time ${iso}`);
  return DateTime.fromObject(
    {
      year: +m[1]!,
      month: Math.max(1, +m[2]!),
      day: Math.max(1, +m[3]!),
      hour: +m[4]!,
      minute: +m[5]!,
      second: +m[6]!,
    },
    { zone },
  );
}

function same(a: DateTime, b: DateTime, g: DucklingGrain): boolean {
  const u = GRAIN_UNIT[g];
  return a.setZone(b.zone).startOf(u).toMillis() === b.startOf(u).toMillis();
}

/** Interval ends: Duckling itself writes both closed ("11:00") and open ("11:01") ends; accept either. */
function sameEnd(a: DateTime, b: DateTime, g: DucklingGrain): boolean {
  const u = GRAIN_UNIT[g];
  return same(a, b, g) || same(a, b.minus({ [`${u}s`]: 1 }), g) || same(a.minus({ [`${u}s`]: 1 }), b, g);
}

const grainOf = (g: string): string => (g === 'part_of_day' ? 'hour' : g);

/**
 * strict: the value(s) at the expected grain AND the parser's grain equal to the expected one.
 * loose: the value(s) at the expected grain only.
 */
export function score(ex: DucklingExample, got: Parsed | null, zone: string): { strict: boolean; loose: boolean } {
  if (!got) return { strict: false, loose: false };
  const e = ex.expected;
  let loose: boolean;
  if (e.kind === 'instant') loose = !got.open && same(got.start, parseDucklingTime(e.value!, zone), e.grain);
  else if (e.kind === 'interval')
    loose =
      !got.open &&
      !!got.end &&
      same(got.start, parseDucklingTime(e.from!, zone), e.grain) &&
      sameEnd(got.end, parseDucklingTime(e.to!, zone), e.grain);
  else {
    const v = parseDucklingTime(e.value!, zone);
    loose =
      got.open === e.direction &&
      (e.direction === 'after' ? same(got.start, v, e.grain) : !!got.end && same(got.end, v, e.grain));
  }
  return { loose, strict: loose && grainOf(got.grain) === e.grain };
}

export interface KindScore {
  total: number;
  strict: number;
  loose: number;
}

export function scoreCorpus(
  corpus: DucklingCorpus,
  zone: string,
  parse: (text: string) => Parsed | null,
  onResult?: (ex: DucklingExample, got: Parsed | null, ok: { strict: boolean; loose: boolean }) => void,
): Record<Kind | 'all', KindScore> {
  const out = {
    instant: { total: 0, strict: 0, loose: 0 },
    interval: { total: 0, strict: 0, loose: 0 },
    open_interval: { total: 0, strict: 0, loose: 0 },
    all: { total: 0, strict: 0, loose: 0 },
  };
  for (const ex of corpus.examples) {
    let got: Parsed | null;
    try {
      got = parse(ex.text);
    } catch {
      got = null;
    }
    const ok = score(ex, got, zone);
    for (const k of [ex.expected.kind, 'all'] as const) {
      out[k].total++;
      if (ok.strict) out[k].strict++;
      if (ok.loose) out[k].loose++;
    }
    onResult?.(ex, got, ok);
  }
  return out;
}

/** Duckling's fixed-offset reference zone as an IANA name ("-02:00" → "Etc/GMT+2"). */
export function zoneOf(offset: string): string {
  const m = /^([+-])(\d{2}):(\d{2})$/.exec(offset);
  if (!m || m[3] !== '00') return `UTC${offset}`;
  const h = Number(m[2]);
  if (h === 0) return 'Etc/UTC';
  return `Etc/GMT${m[1] === '-' ? '+' : '-'}${h}`;
}
