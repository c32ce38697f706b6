/**
 * understand(): one WhatsApp message → language, intent, confidence, time, ordinal choice, formality.
 * Pure: the reference instant and the business zone come in through the options.
 */
import nlp from 'compromise';
import { DateTime } from 'luxon';
import { buttonIntent, parseButtonId } from './buttons.js';
import { detectChoice } from './choice.js';
import { detectFormality } from './formality.js';
import { classifyIntent } from './intent.js';
import { detectLanguage } from './language.js';
import { clean, forTime } from './normalize.js';
import { resolveTime, toWhen } from './time/index.js';
import type { Understanding, UnderstandOptions, When } from './types.js';

export { parseButtonId } from './buttons.js';

/** Cheap gate: most messages with no digit and none of these words carry no time at all. */
const TIME_HINT =
  /\d|\b(?:hoy|manana|ayer|anteayer|antier|pasado|tarde|noche|mediodia|medio dia|madrugada|lunes|martes|miercoles|jueves|viernes|sabado|domingo|lun|mie|jue|vie|sab|dom|semana|fin de semana|mes|ano|ahora|ahorita|ya|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre|ene|feb|mar|abr|jun|jul|ago|sep|sept|oct|nov|dic|navidad|nochevieja|nochebuena|despues|antes|hasta|entre|desde|hace|dentro|proxim\w*|siguiente|cuanto antes|today|tomorrow|tonight|yesterday|morning|afternoon|evening|night|noon|midday|midnight|lunch|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun|week|weekend|month|year|quarter|now|asap|atm|january|february|march|april|may|june|july|august|september|october|november|december|jan|apr|aug|dec|after|before|until|till|between|since|within|ago|hence|next|last|this|christmas|xmas|eo[dmy]|bo[my]|early|late|mid|beginning|end|half|quarter|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty|uno|una|dos|tres|cuatro|cinco|seis|siete|ocho|nueve|diez|once|doce|quince|veinte|treinta|cuarenta|cincuenta|first|second|third|fourth|fifth|primero|lu|ma|mi|mx|ju|vi|sa|do|momento|medianoche|segundos?|minutos?|horas?|dias?|semanas|meses|anos|veinti\w+|seconds|minutes?|hours?|days?|weeks|months|years|fortnight|sec|un|una|an?|couple|few|tonite|nite)\b/;

/**
 * English messages no rule recognised get a second chance with compromise: verbs to their
 * infinitive ("rescheduling" → "reschedule", "cancelled" → "cancel"), then the rules again.
 * Only on that rare path, so the common path stays fast.
 */
function lemmatiseEnglish(text: string): string {
  const doc = nlp(text);
  doc.verbs().toInfinitive();
  return clean(doc.text());
}

/** Stems of intent verbs; only a message holding one can gain from lemmatisation. */
const INFLECTABLE = /\b(?:cancel|book|resched|mov|chang|postpon|push|bring|brought|speak|spoke|talk|call|stop|unsubscrib|help|confirm|declin|arrang|schedul|swap|switch|shift|drop|delet|remov|want|need|wish)\w*/;

export function understand(text: string, opts: UnderstandOptions): Understanding {
  const raw = text ?? '';
  const trimmed = raw.trim();
  if (trimmed.startsWith('v1:')) {
    const b = parseButtonId(trimmed);
    if (b) {
      const u: Understanding = { language: opts.locale ?? 'es', intent: buttonIntent(b), confidence: 1, when: null, button: b };
      if (b.kind === 'slot') {
        const s = DateTime.fromISO(b.start, { zone: 'utc' }).setZone(opts.timeZone);
        u.when = { start: s.toISO({ suppressMilliseconds: true })!, end: s.plus({ minutes: 1 }).toISO({ suppressMilliseconds: true })!, grain: 'minute' };
      }
      return u;
    }
  }
  const t = clean(raw);
  const language = detectLanguage(raw, t, opts.locale);
  const lang = language === 'en' ? 'en' : 'es';
  const choice = opts.duckling ? null : detectChoice(t);
  let when: When | null = null;
  if (!(choice && choice.whole) && TIME_HINT.test(t)) {
    const r = resolveTime(forTime(t), {
      reference: opts.reference,
      timeZone: opts.timeZone,
      lang,
      businessHours: opts.businessHours,
      duckling: opts.duckling,
    });
    if (r && r.start.isValid && r.end.isValid) when = toWhen(r, !!opts.duckling);
  }
  let guess = classifyIntent(t, raw, when !== null);
  if (guess.intent === 'unknown' && lang === 'en' && INFLECTABLE.test(t)) {
    const again = classifyIntent(lemmatiseEnglish(raw), raw, when !== null);
    if (again.intent !== 'unknown') guess = { intent: again.intent, confidence: Math.min(again.confidence, 0.7) };
  }
  if (guess.intent === 'unknown' && choice) guess = { intent: 'confirm', confidence: 0.8 };
  const u: Understanding = { language, intent: guess.intent, confidence: guess.confidence, when };
  if (choice) u.choice = choice.choice;
  if (language === 'es') u.formality = detectFormality(raw, t);
  return u;
}
