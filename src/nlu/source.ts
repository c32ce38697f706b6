/**
 * Which booking a move or a cancellation names, apart from where it goes (issue 9, session 3).
 *
 * "cambiar mi cita del jueves al miércoles", "cámbiame la del lunes al martes a las 5", "move my monday
 * appointment to wednesday", "mudar a do dia 3 para o dia 5": the day after "de / del / mi cita del"
 * (en "my Thursday appointment", "from Thursday"; pt "do / da / de") names the booking; the rest of the
 * message (the day after "a / al / para / to / pra") is the target. Pure, on cleaned text.
 */
import { phrases } from './phrases.js';
import type { Language } from './types.js';

/** A day as people name a booking by it: weekday, today / tomorrow, "día 3", "el 3", "3/12". */
const WEEKDAYS = [
  'lunes|martes|miercoles|jueves|viernes|sabado|domingo',
  'monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun',
  'segunda|terca|quarta|quinta|sexta',
  'hoy|manana|today|tomorrows?|hoje|amanha',
].join('|');
const DAY =
  '(?:(?:el|la|o|a|this|next|the)\\s+)?' +
  `(?:${WEEKDAYS}|(?:dia|day)\\s+\\d{1,2}|\\d{1,2}(?:/\\d{1,2})?(?:st|nd|rd|th)?)(?:\\s+feira)?(?:s)?`;
/** An hour that narrows the booking: "la del lunes de las 10", "my 3pm on monday". */
const HOUR = '(?:\\s+(?:de\\s+las|de\\s+la|das|da|at)\\s+\\d{1,2}(?::\\d{2})?(?:\\s*[ap]m)?)?';

/** "(mi cita | la | el) del jueves", "do dia 3", "da segunda", "de mañana" — not "de la mañana". */
const ES_PT = new RegExp(
  `(?:^|\\s)(?:del|de|do|da)\\s+(?!la\\s+manana|la\\s+tarde|la\\s+noche)(${DAY}${HOUR})(?=\\s|$)`,
  'g',
);
/** "my monday appointment", "the thursday one", "monday's booking". */
const OWNED_DAY = DAY.replace('(?:(?:el|la|o|a|this|next|the)\\s+)?', '');
const EN_OWNED = new RegExp(
  `(?:^|\\s)(?:my|the|our)\\s+(${OWNED_DAY}s?)\\s+` +
    '(?:appointment|appt|booking|one|session|slot|visit|reservation)s?(?=\\s|$)',
  'g',
);
/** "from monday", "appointment on monday" (followed by a target: "to / for"). */
const EN_FROM = new RegExp(`(?:^|\\s)(?:from|(?:appointment|booking|appt|one)\\s+on)\\s+(${DAY}${HOUR})(?=\\s|$)`, 'g');

/** Words before "del …" that make it a time, not a booking: "a partir del lunes", "después del 5". */
const NOT_SOURCE = new Set([
  'partir',
  'despues',
  'antes',
  'cerca',
  'alrededor',
  'principios',
  'finales',
  'mediados',
  'fin',
  'semana',
  'depois',
  'volta',
  'horas',
  'hora',
  'ate',
  'hasta',
  'desde',
]);
/** "me quedo con el del miércoles", "keep the wednesday one": the booking kept, not the one meant. */
const KEEP = phrases([
  'me quedo con',
  'quedo con',
  'mantengo',
  'dejo',
  'keep',
  'keeping',
  'fico com',
  'mantenho',
  'deixo',
]);

export interface SourceSplit {
  /** The words naming the booking ("jueves", "dia 3 de las 10"). */
  source: string;
  /** The message without them: what is left names the target, if anything. */
  rest: string;
}

function keptBefore(t: string, index: number): boolean {
  const before = t.slice(0, index).split(' ').slice(-5).join(' ');
  return KEEP.test(before);
}

/** The first phrase naming an existing booking by its day (and hour), or null. */
export function splitSource(t: string, language: Language): SourceSplit | null {
  let best: { index: number; match: string; day: string } | null = null;
  for (const re of language === 'en' ? [EN_OWNED, EN_FROM] : [ES_PT]) {
    re.lastIndex = 0;
    for (let m = re.exec(t); m; m = re.exec(t)) {
      const prev = t.slice(0, m.index).trim().split(' ').pop() ?? '';
      if (NOT_SOURCE.has(prev)) continue;
      if (keptBefore(t, m.index)) continue;
      if (!best || m.index < best.index) best = { index: m.index, match: m[0], day: m[1]! };
      break;
    }
  }
  if (!best) return null;
  const rest = (t.slice(0, best.index) + ' ' + t.slice(best.index + best.match.length)).replace(/\s+/g, ' ').trim();
  return { source: best.day.trim(), rest };
}

/** Verbs of changing a booking: "así cambio el del lunes", "to move my monday one". */
export const CHANGE_VERB = phrases([
  'cambi*',
  'mover',
  'muev*',
  'mov*',
  'pasar',
  'pasa',
  'pasame',
  'pasala',
  'pasalo',
  'passa*',
  'mud*',
  'troc*',
  'chang*',
  'switch*',
  'swap*',
  'reschedul*',
  'reprogram*',
  'reagend*',
  'remarc*',
]);
