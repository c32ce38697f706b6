/**
 * Moves relative to what is on the table: "¿no hay nada más tarde?" (later), "más temprano" (earlier),
 * "otro día" (another day), "¿y la semana que viene?" (next week), "ver más" (more).
 */
import * as L from './lexicon.js';
import { phrases, tokens, type PhraseSet } from './phrases.js';
import type { TimeShift } from './types.js';

const LATER = phrases(L.SHIFT_LATER);
const LATER_WHOLE = phrases(L.LATER_WHOLE, 'whole');
const EARLIER = phrases(L.SHIFT_EARLIER);
const EARLIER_ALONE = phrases(L.EARLIER_ALONE);
const ANOTHER_DAY = phrases(L.SHIFT_ANOTHER_DAY);
const NEXT_WEEK = phrases(L.SHIFT_NEXT_WEEK);
const MORE = phrases(L.SHIFT_MORE);
const MORE_WHOLE = phrases(L.SHIFT_MORE_WHOLE, 'whole');
/** "2 horas más tarde", "3 days later": a duration, not a move. */
const UNITS = new Set([
  'hora',
  'horas',
  'minuto',
  'minutos',
  'hour',
  'hours',
  'minute',
  'minutes',
  'dia',
  'dias',
  'day',
  'days',
  'semana',
  'semanas',
  'week',
  'weeks',
  'h',
]);
/** "antes de las 11", "antes del lunes", "cuanto antes": a bound or "as soon as possible", not a move. */
const ANTES_NOT_MOVE = /\bantes\s+(?:de|del|das|dos|do|da|que|posible|possivel)\b|\b(?:cuanto|quanto|lo|o)\s+antes\b/;

function found(set: PhraseSet, t: string): boolean {
  const m = set.find(t);
  if (!m) return false;
  const before = tokens(t)[m.start - 1];
  return !(before !== undefined && UNITS.has(before) && /\d/.test(tokens(t)[m.start - 2] ?? ''));
}

/**
 * The move a message asks for, if any. `weekOnly`: the only time the message gave is next week as a
 * whole; `booking`: it also asks for a booking in its own words ("quiero cita la semana que viene"
 * is a request, "¿y la semana que viene?" a move).
 */
export function detectShift(t: string, weekOnly: boolean, booking: boolean): TimeShift | undefined {
  if (found(LATER, t) || LATER_WHOLE.test(t)) return 'later';
  if (found(EARLIER, t)) return 'earlier';
  if (EARLIER_ALONE.test(t) && !ANTES_NOT_MOVE.test(t) && t.split(' ').length <= 6) return 'earlier';
  if (ANOTHER_DAY.test(t)) return 'another_day';
  if (MORE.test(t) || MORE_WHOLE.test(t)) return 'more';
  if (weekOnly && !booking && NEXT_WEEK.test(t)) return 'next_week';
  return undefined;
}
