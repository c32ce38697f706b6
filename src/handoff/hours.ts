/**
 * The team's opening hours for the hand-off message: from the calendar provider when it knows them
 * (`openingHours()`), otherwise Monday–Friday within BUSINESS_HOURS. `openNow` in the business zone.
 */
import { DateTime } from 'luxon';
import type { OpeningInterval } from '../../machines/types.js';

export type HoursSource = { openingHours?: () => Promise<OpeningInterval[]> | OpeningInterval[] };

const pad = (h: number) => `${String(Math.min(h, 24)).padStart(2, '0')}:00`;

export function fallbackHours(businessHours: { start: number; end: number }): OpeningInterval[] {
  return ([1, 2, 3, 4, 5] as const).map((weekday) => ({
    weekday,
    from: pad(businessHours.start),
    to: pad(businessHours.end),
  }));
}

export async function openingHours(
  source: HoursSource,
  businessHours: { start: number; end: number },
): Promise<OpeningInterval[]> {
  try {
    const hours = await source.openingHours?.();
    if (hours && hours.length) return hours;
  } catch {
    // the calendar is down: the configured hours still say something true
  }
  return fallbackHours(businessHours);
}

export function isOpen(hours: OpeningInterval[], at: Date, timeZone: string): boolean {
  const local = DateTime.fromJSDate(at).setZone(timeZone);
  const hhmm = local.toFormat('HH:mm');
  return hours.some((h) => h.weekday === local.weekday && h.from <= hhmm && hhmm < (h.to === '00:00' ? '24:00' : h.to));
}
