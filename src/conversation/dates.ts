/**
 * Dates and times as the person reads them: in the business time zone and the person's language,
 * with "hoy" / "mañana" / "today" / "tomorrow" when true.
 */
import { DateTime } from 'luxon';
import { zone } from '../time/zone.js';
import type { Language } from '../../machines/types.js';

const LOCALE: Record<Language, string> = { es: 'es-ES', en: 'en-US', pt: 'pt-BR' };
const TODAY: Record<Language, [string, string]> = {
  es: ['hoy', 'mañana'],
  en: ['today', 'tomorrow'],
  pt: ['hoje', 'amanhã'],
};
const AT: Record<Language, string> = { es: 'a las', en: 'at', pt: 'às' };

/**
 * A moment split into the parts a sentence needs, so each language's grammar can put its own
 * prepositions around them ("el jueves…", "mañana, jueves…", "on Thursday…", "na quinta-feira…")
 * instead of patching finished text.
 */
export interface DayRef {
  /** "today" / "tomorrow" when true, else null. */
  rel: 'today' | 'tomorrow' | null;
  /** The relative word in the language: "hoy", "mañana", "today", "amanhã"… (empty when rel is null). */
  relWord: string;
  /** "jueves 26 de noviembre" / "Thursday, November 26" / "quinta-feira, 26 de novembro" */
  day: string;
  /** ISO weekday, 1 = Monday … 7 = Sunday, in the business zone. */
  weekday: number;
  /** "11:00" / "11:00 AM" */
  time: string;
  /** " (hora de Madrid)" or "" — goes after the time. */
  note: string;
}

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
  /** The parts of a moment, for sentences built by a language's grammar. */
  ref(iso: string): DayRef;
  /** "Jue 26 nov · 11:00" — day and time for a row or section title (≤ 24 characters). */
  shortWithMonth(iso: string): string;
  /** Minutes between two instants. */
  minutes(startIso: string, endIso: string): number;
}

/** `zoneNote` (e.g. "(hora de Madrid)") follows every time when the person is elsewhere. */
export function dateFormatter(language: Language, timeZone: string, now: Date, zoneNote?: string): DateFormatter {
  const locale = LOCALE[language];
  const note = zoneNote ? ` ${zoneNote}` : '';
  const z = zone(timeZone);
  // One parse per instant: a reply formats the same instant several times (title, row, section).
  const parsed = new Map<string, DateTime>();
  const dt = (iso: string): DateTime => {
    let d = parsed.get(iso);
    if (!d) {
      d = DateTime.fromISO(iso, { zone: 'utc' }).setZone(z).setLocale(locale);
      parsed.set(iso, d);
    }
    return d;
  };
  const today = DateTime.fromJSDate(now).setZone(z).startOf('day');
  const fullDay = (d: DateTime) =>
    language === 'en'
      ? d.toFormat('cccc, LLLL d')
      : language === 'pt'
        ? d.toFormat("cccc, d 'de' LLLL")
        : d.toFormat("cccc d 'de' LLLL");
  const todayKey = today.toISODate();
  const tomorrowKey = today.plus({ days: 1 }).toISODate();
  const relative = (d: DateTime) => {
    const key = d.toISODate();
    return key === todayKey ? TODAY[language][0] : key === tomorrowKey ? TODAY[language][1] : undefined;
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
      return cap(
        rel ? `${rel} · ${language === 'en' ? d.toFormat('LLL d') : d.toFormat('d LLL').replace('.', '')}` : base,
      );
    },
    dayKey: (iso) => dt(iso).toISODate() ?? iso.slice(0, 10),
    ref: (iso) => {
      const d = dt(iso);
      const rel = relative(d);
      return {
        rel: rel === undefined ? null : rel === TODAY[language][0] ? 'today' : 'tomorrow',
        relWord: rel ?? '',
        day: fullDay(d),
        weekday: d.weekday,
        time: time(iso),
        note,
      };
    },
    shortWithMonth: (iso) => {
      const d = dt(iso);
      const label = language === 'en' ? d.toFormat('ccc LLL d') : d.toFormat('ccc d LLL');
      return `${cap(label.split('.').join(''))} · ${time(iso)}`;
    },
    minutes: (a, b) => Math.round((Date.parse(b) - Date.parse(a)) / 60_000),
  };
}
