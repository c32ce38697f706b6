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
  /** Minutes since the day's midnight, in the business zone (11:30 → 690). */
  minuteOfDay: number;
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

/**
 * Instants read into a zone and locale, and their formatted parts, shared by every reply: the same
 * slots are offered to many people, and a reply formats each several times (issue 12). DateTimes
 * are immutable and toFormat is a pure function of the instant, zone, locale and pattern, so the
 * memo changes no result. Bounded: cleared when full (5,000 instants ≈ 7 MB).
 */
const MEMO_MAX = 5_000;
/** The memo key of toISODate() (not a luxon pattern: it has no letters luxon reads). */
const ISO_DATE = '#';
const instants = new Map<string, { d: DateTime; formats: Map<string, string> }>();

function instant(iso: string, timeZone: string, locale: string) {
  const key = `${timeZone}|${locale}|${iso}`;
  let hit = instants.get(key);
  if (!hit) {
    hit = { d: DateTime.fromISO(iso, { zone: 'utc' }).setZone(zone(timeZone)).setLocale(locale), formats: new Map() };
    if (instants.size >= MEMO_MAX) instants.clear();
    instants.set(key, hit);
  }
  return hit;
}

/** `zoneNote` (e.g. "(hora de Madrid)") follows every time when the person is elsewhere. */
export function dateFormatter(language: Language, timeZone: string, now: Date, zoneNote?: string): DateFormatter {
  const locale = LOCALE[language];
  const note = zoneNote ? ` ${zoneNote}` : '';
  const z = zone(timeZone);
  const dt = (iso: string): DateTime => instant(iso, timeZone, locale).d;
  /** `dt(iso).toFormat(pattern)` (or toISODate for "ISODATE"), remembered. */
  const format = (iso: string, pattern: string): string => {
    const { d, formats } = instant(iso, timeZone, locale);
    let out = formats.get(pattern);
    if (out === undefined) {
      out = pattern === ISO_DATE ? (d.toISODate() ?? '') : d.toFormat(pattern);
      formats.set(pattern, out);
    }
    return out;
  };
  const today = DateTime.fromJSDate(now).setZone(z).startOf('day');
  const fullDay = (iso: string) =>
    format(iso, language === 'en' ? 'cccc, LLLL d' : language === 'pt' ? "cccc, d 'de' LLLL" : "cccc d 'de' LLLL");
  const todayKey = today.toISODate();
  const tomorrowKey = today.plus({ days: 1 }).toISODate();
  const relative = (iso: string) => {
    const key = dt(iso).isValid ? format(iso, ISO_DATE) : null;
    return key === todayKey ? TODAY[language][0] : key === tomorrowKey ? TODAY[language][1] : undefined;
  };
  const time = (iso: string) => format(iso, language === 'en' ? 'h:mm a' : 'HH:mm');
  const day = (iso: string) => {
    const rel = relative(iso);
    return rel ? `${rel}, ${fullDay(iso)}` : fullDay(iso);
  };
  const dayOnly = day;
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  return {
    day: dayOnly,
    time,
    dayAndTime: (iso) => `${day(iso)} ${AT[language]} ${time(iso)}${note}`,
    range: (a, b) => `${dayOnly(a)}, ${time(a)}–${time(b)}${note}`,
    short: (iso) => {
      const rel = relative(iso);
      const label = rel ? cap(rel) : cap(format(iso, 'ccc d').replace('.', ''));
      return `${label} · ${time(iso)}`;
    },
    dayTitle: (iso) => {
      const rel = relative(iso);
      const base = language === 'en' ? format(iso, 'cccc, LLL d') : format(iso, "cccc d 'de' LLL").replace('.', '');
      return cap(
        rel ? `${rel} · ${language === 'en' ? format(iso, 'LLL d') : format(iso, 'd LLL').replace('.', '')}` : base,
      );
    },
    dayKey: (iso) => (dt(iso).isValid ? format(iso, ISO_DATE) : iso.slice(0, 10)),
    ref: (iso) => {
      const rel = relative(iso);
      return {
        rel: rel === undefined ? null : rel === TODAY[language][0] ? 'today' : 'tomorrow',
        relWord: rel ?? '',
        day: fullDay(iso),
        weekday: dt(iso).weekday,
        time: time(iso),
        minuteOfDay: dt(iso).hour * 60 + dt(iso).minute,
        note,
      };
    },
    shortWithMonth: (iso) => {
      const label = language === 'en' ? format(iso, 'ccc LLL d') : format(iso, 'ccc d LLL');
      return `${cap(label.split('.').join(''))} · ${time(iso)}`;
    },
    minutes: (a, b) => Math.round((Date.parse(b) - Date.parse(a)) / 60_000),
  };
}
