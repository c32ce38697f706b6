/** Quiet hours in the business time zone: pure. A promotional message due inside them waits until they end. */
import { DateTime } from 'luxon';

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** When the quiet hours that contain `at` end, or null when `at` is outside them. */
export function quietUntil(at: Date, quiet: { from: string; to: string }, timeZone: string): Date | null {
  const local = DateTime.fromJSDate(at, { zone: timeZone });
  const m = local.hour * 60 + local.minute;
  const from = minutes(quiet.from);
  const to = minutes(quiet.to);
  if (from === to) return null;
  const inside = from < to ? m >= from && m < to : m >= from || m < to;
  if (!inside) return null;
  let end = local.startOf('day').plus({ minutes: to });
  if (end <= local) end = end.plus({ days: 1 });
  return end.toJSDate();
}
