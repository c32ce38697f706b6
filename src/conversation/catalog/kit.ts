/** Small language-free helpers the grammars share. */
import type { Language } from '../../../machines/types.js';
import type { DayRun, HoursGroup, TimeSpan } from '../hours.js';

const LOCALE: Record<Language, string> = { es: 'es-ES', en: 'en-US', pt: 'pt-BR' };

/** "A, B y C" / "A, B, and C" / "A, B e C" (Intl.ListFormat). */
export function listOf(language: Language, items: string[]): string {
  return new Intl.ListFormat(LOCALE[language], { style: 'long', type: 'conjunction' }).format(items);
}

/** A reminder offset in the largest whole unit: 24 h → 1 day, 90 min → 90 minutes. */
export function offsetUnit(ms: number): { unit: 'day' | 'hour' | 'minute'; n: number } {
  const minutes = Math.max(1, Math.round(ms / 60_000));
  if (minutes % 1440 === 0) return { unit: 'day', n: minutes / 1440 };
  if (minutes % 60 === 0) return { unit: 'hour', n: minutes / 60 };
  return { unit: 'minute', n: minutes };
}

/** Offsets largest first, without duplicates. */
export const sortedOffsets = (offsetsMs: number[]): number[] => [...new Set(offsetsMs)].sort((a, b) => b - a);

/** Is the whole week one run (open every day with the same hours)? */
export const everyDay = (groups: HoursGroup[]): boolean =>
  groups.length === 1 && groups[0]?.runs.length === 1 && groups[0].runs[0]?.first === 1 && groups[0].runs[0].last === 7;

/** Run pieces: a run of 3+ days is a range, shorter runs are their days one by one. */
export function runPieces(runs: DayRun[]): Array<{ range: [number, number] } | { day: number }> {
  const out: Array<{ range: [number, number] } | { day: number }> = [];
  for (const r of runs) {
    if (r.last - r.first >= 2) out.push({ range: [r.first, r.last] });
    else for (let d = r.first; d <= r.last; d++) out.push({ day: d });
  }
  return out;
}

/** The spans of a group through one formatter, joined by the language's "and". */
export function spansOf(language: Language, spans: TimeSpan[], one: (s: TimeSpan) => string): string {
  return listOf(language, spans.map(one));
}

/** Weekday names indexed 1 (Monday) … 7 (Sunday). */
export type WeekNames = readonly [string, string, string, string, string, string, string];
export const nameOf = (names: WeekNames, isoWeekday: number): string => names[(isoWeekday - 1 + 7) % 7] ?? '';

/** First letter upper-case. */
export const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
