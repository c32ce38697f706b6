/**
 * Dates and times as the person reads them: in the business time zone and the person's language,
 * with "hoy" / "mañana" / "today" / "tomorrow" when true.
 */
import { DateTime } from 'luxon';
import type { Language } from '../../machines/types.js';

const LOCALE: Record<Language, string> = { es: 'es-ES', en: 'en-US', pt: 'pt-BR' };
const TODAY: Record<Language, [string, string]> = { es: ['hoy', 'mañana'], en: ['today', 'tomorrow'], pt: ['hoje', 'amanhã'] };
const AT: Record<Language, string> = { es: 'a las', en: 'at', pt: 'às' };

export interface DateFormatter {
  /** "jueves 26 de noviembre" / "mañana" */
  day(iso: string): string;
  /** "11:00" / "11:00 AM" */
  time(iso: string): string;
  /** "jueves 26 de noviembre a las 11:00" / "mañana a las 11:00" */
  dayAndTime(iso: string): string;
  /** "jueves 26 de noviembre, 11:00–11:30" */
  range(startIso: string, endIso: string): string;
  /** "jue 26 · 11:00" (short, for buttons) */
  short(iso: string): string;
  /** "Jueves 26 de noviembre" (capitalised, for list sections) */
  dayTitle(iso: string): string;
  /** yyyy-mm-dd in the business zone, to group slots by day */
  dayKey(iso: string): string;
}

/** `zoneNote` (e.g. "(hora de Madrid)") follows every time when the person is elsewhere. */
export function dateFormatter(language: Language, timeZone: string, now: Date, zoneNote?: string): DateFormatter {
  const locale = LOCALE[language];
  const note = zoneNote ? ` ${zoneNote}` : '';
  const dt = (iso: string) => DateTime.fromISO(iso, { zone: 'utc' }).setZone(timeZone).setLocale(locale);
  const today = DateTime.fromJSDate(now).setZone(timeZone).startOf('day');
  const fullDay = (d: DateTime) =>
    language === 'en' ? d.toFormat('cccc, LLLL d') : language === 'pt' ? d.toFormat("cccc, d 'de' LLLL") : d.toFormat("cccc d 'de' LLLL");
  const relative = (d: DateTime) => {
    const diff = Math.round(d.startOf('day').diff(today, 'days').days);
    return diff === 0 ? TODAY[language][0] : diff === 1 ? TODAY[language][1] : undefined;
  };
  const time = (iso: string) => (language === 'en' ? dt(iso).toFormat('h:mm a') : dt(iso).toFormat('HH:mm'));
  const day = (iso: string) => {
    const rel = relative(dt(iso));
    return rel ? `${rel}, ${fullDay(dt(iso))}` : fullDay(dt(iso));
  };
  const dayOnly = day;
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  return {
    day: dayOnly,
    time,
    dayAndTime: (iso) => `${day(iso)} ${AT[language]} ${time(iso)}${note}`,
    range: (a, b) => `${dayOnly(a)}, ${time(a)}–${time(b)}${note}`,
    short: (iso) => {
      const d = dt(iso);
      const rel = relative(d);
      const label = rel ? cap(rel) : cap(d.toFormat('ccc d').replace('.', ''));
      return `${label} · ${time(iso)}`;
    },
    dayTitle: (iso) => {
      const d = dt(iso);
      const rel = relative(d);
      const base = language === 'en' ? d.toFormat('cccc, LLL d') : d.toFormat("cccc d 'de' LLL").replace('.', '');
      return cap(rel ? `${rel} · ${language === 'en' ? d.toFormat('LLL d') : d.toFormat('d LLL').replace('.', '')}` : base);
    },
    dayKey: (iso) => dt(iso).toISODate()!,
  };
}
