/** Time expressions in a message → one interval in the business zone. */
import { DateTime } from 'luxon';
import type { BusinessHours, When } from '../types.js';
import { extractParts } from './extract.js';
import { resolveAll, type Resolved } from './resolve.js';

export interface TimeOptions {
  reference: Date | string | DateTime;
  timeZone: string;
  lang: 'es' | 'en';
  businessHours?: BusinessHours;
  duckling?: boolean;
}

const GREETINGS = /\b(?:good (?:morning|afternoon|evening|night|day)|buen(?:os|as)? (?:dias|tardes|noches|dia)|buen dia)\b/g;

export function referenceIn(reference: Date | string | DateTime, timeZone: string): DateTime {
  const ref =
    reference instanceof DateTime
      ? reference
      : typeof reference === 'string'
        ? DateTime.fromISO(reference, { setZone: true })
        : DateTime.fromJSDate(reference);
  return ref.setZone(timeZone);
}

/** Resolves the time a normalised message (see normalize.forTime) talks about, or null. */
export function resolveTime(text: string, opts: TimeOptions): Resolved | null {
  const t = text.replace(GREETINGS, ' ');
  const located = extractParts(t, opts.lang);
  if (located.length === 0) return null;
  const ref = referenceIn(opts.reference, opts.timeZone);
  return resolveAll(located, t, {
    ref,
    lang: opts.lang,
    duckling: !!opts.duckling,
    bh: opts.businessHours ?? { start: 9, end: 18 },
  });
}

const ISO = { suppressMilliseconds: true } as const;

export function toWhen(r: Resolved, duckling: boolean): When {
  let grain = r.grain;
  if (!duckling) grain = grain === 'second' ? 'minute' : grain === 'quarter' || grain === 'year' ? 'month' : grain;
  const w: When = { start: r.start.toISO(ISO)!, end: r.end.toISO(ISO)!, grain };
  if (r.open) w.open = r.open;
  return w;
}
