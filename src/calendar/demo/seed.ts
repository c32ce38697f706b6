/**
 * Seeds the demo calendar with a few bookings in the next business days (tomorrow-or-next 10:00
 * and 12:00, and a few more), so that "that time is taken → here are the nearest" shows in a demo.
 * Idempotent: a planned time that already overlaps a live booking is skipped, as is one that is
 * not bookable (too soon, outside the opening hours). Uses only the provider's public API.
 */
import { DateTime } from 'luxon';
import { CalendarError } from '../types.js';
import { createDemoCalendar, type DemoCalendar, type DemoCalendarOptions } from './provider.js';

/** [business-day offset, local "HH:mm"] */
export const DEMO_SEED_PLAN: ReadonlyArray<readonly [number, string]> = [
  [0, '10:00'],
  [0, '12:00'],
  [1, '09:30'],
  [1, '11:00'],
  [1, '16:00'],
  [2, '10:30'],
  [2, '13:00'],
];

export const DEMO_SEED_ATTENDEES = [
  'Lucía Fernández',
  'Carlos Ruiz',
  'Marta Gómez',
  'Javier Torres',
  'Elena Navarro',
  'Pablo Martín',
  'Sofía Romero',
];

export async function seedDemoCalendar(
  target: DemoCalendar | DemoCalendarOptions,
  now: Date = new Date(),
): Promise<{ created: string[]; skipped: string[] }> {
  const cal = 'getSlots' in target ? target : createDemoCalendar({ ...target, now: target.now ?? (() => now) });
  const { timeZone, days, lengthInMinutes } = cal.config;
  // The next business days after today, in the business time zone.
  const businessDays: DateTime[] = [];
  for (
    let d = DateTime.fromJSDate(now, { zone: timeZone }).startOf('day').plus({ days: 1 });
    businessDays.length < 3;
    d = d.plus({ days: 1 })
  ) {
    if (days.includes(d.weekday)) businessDays.push(d);
  }
  const created: string[] = [];
  const skipped: string[] = [];
  for (const [i, [offset, hhmm]] of DEMO_SEED_PLAN.entries()) {
    const [h, m] = hhmm.split(':').map(Number);
    const start = businessDays[offset]!.set({ hour: h, minute: m });
    const startIso = start.toUTC().toISO()!;
    const endIso = start.plus({ minutes: lengthInMinutes }).toUTC().toISO()!;
    const busy = await cal.getBusy({ from: startIso, to: endIso });
    if (busy.length) {
      skipped.push(startIso);
      continue;
    }
    try {
      await cal.createBooking({
        start: startIso,
        attendee: { name: DEMO_SEED_ATTENDEES[i % DEMO_SEED_ATTENDEES.length]!, timeZone, language: 'es' },
        metadata: { seed: 'demo' },
      });
      created.push(startIso);
    } catch (err) {
      if (err instanceof CalendarError && (err.code === 'slot_unavailable' || err.code === 'bad_request'))
        skipped.push(startIso);
      else throw err;
    }
  }
  return { created, skipped };
}
