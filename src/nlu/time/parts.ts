/** The pieces the time grammar recognises in a message, before they are combined and resolved. */
import type { Pod, Unit } from './lexicon.js';

export interface DateSpec {
  /** Days from today: hoy 0, mañana 1, ayer -1. */
  rel?: number;
  dow?: number; // 1 = Monday
  /** Which occurrence of dow: 1 the next, 2 the one after, -1 the last; 0 = this week's/current-or-next. */
  nth?: number;
  /** "next Tuesday": 1 = in next week (Duckling), coming occurrence otherwise. */
  nextWeekMod?: boolean;
  /** dow within a week: 0 this week, 1 next week, -1 last week. */
  week?: number;
  d?: number;
  m?: number;
  y?: number;
  /** "20 of next month": month offset from the reference month. */
  monthOffset?: number;
  /** Whether an explicit past was asked ("el martes pasado"). */
  past?: boolean;
}

export type PeriodUnit = 'week' | 'month' | 'year' | 'quarter' | 'weekend';

export type Part =
  | { k: 'date'; v: DateSpec }
  | {
      k: 'time';
      h: number;
      min: number;
      sec?: number;
      grain: 'hour' | 'minute' | 'second';
      ap?: 'am' | 'pm';
      fixed?: boolean;
      nextDay?: boolean;
    }
  | { k: 'pod'; pod: Pod; rel?: number }
  | { k: 'shift'; n: number; unit: Unit; dir: 1 | -1; exact?: boolean; within?: boolean }
  | { k: 'now'; grain: 'second' | 'day' }
  | { k: 'period'; unit: PeriodUnit; offset?: number; value?: number; y?: number; nth?: number }
  | { k: 'span'; n: number; unit: Unit; dir: 1 | -1; upcoming?: boolean }
  | { k: 'open'; dir: 'after' | 'before' | 'by' | 'between' | 'asap' }
  | { k: 'tz'; offset: number }
  | { k: 'edge'; which: 'begin' | 'end' | 'early' | 'mid' | 'late' }
  | { k: 'dur'; n: number; unit: Unit }
  /** "la primera semana de diciembre": nth week (1..4, -1 last) of a month (m, or monthOffset from now). */
  | { k: 'monthWeek'; nth: number; m?: number; y?: number; monthOffset?: number }
  /** A bare number: only meaningful next to a range connector ("3-4pm", "August 27th - 29th"). */
  | { k: 'bare'; n: number };

export interface Located {
  part: Part;
  s: number;
  e: number;
}
