/**
 * Scoring of a labelled chat corpus (test/nlu/chat-corpus.json and the others): intent and time both
 * right, and — where an example states them — move (shift), question topic, time parts, name, e-mail.
 */
import { DateTime } from 'luxon';
import type { Language, QuestionTopic, TimeParts, TimeShift, Understanding, UnderstandOptions } from '../types.js';

export interface ChatExample {
  text: string;
  region: string;
  language: Language;
  intent: Understanding['intent'];
  /** Wall-clock times in the corpus zone, [start, end). */
  when: { start: string; end: string; grain: string; open?: 'after' | 'before' } | null;
  /** Checked when present; null = no move expected. */
  shift?: TimeShift | null;
  topic?: QuestionTopic;
  parts?: TimeParts;
  name?: string;
  email?: string;
}

export interface ChatCorpus {
  reference: string;
  timeZone: string;
  businessHours: { start: number; end: number };
  examples: ChatExample[];
}

export interface ChatResult {
  example: ChatExample;
  got: Understanding;
  intentOk: boolean;
  whenOk: boolean;
  languageOk: boolean;
  /** Shift, topic, parts, name and e-mail, where the example states them. */
  extrasOk: boolean;
}

function sameInstant(a: string, b: string, zone: string): boolean {
  return DateTime.fromISO(a, { zone }).toMillis() === DateTime.fromISO(b, { zone }).toMillis();
}

function extrasOk(ex: ChatExample, got: Understanding): boolean {
  if ('shift' in ex && (ex.shift ?? undefined) !== got.shift) return false;
  if (ex.topic !== undefined && ex.topic !== got.topic) return false;
  if (ex.name !== undefined && ex.name !== got.name) return false;
  if (ex.email !== undefined && ex.email !== got.email) return false;
  if (ex.parts !== undefined) {
    const p = got.parts;
    if (!p) return false;
    for (const k of ['day', 'partOfDay', 'hour', 'minute'] as const) if (p[k] !== ex.parts[k]) return false;
  }
  return true;
}

export function scoreChat(
  corpus: ChatCorpus,
  understand: (text: string, opts: UnderstandOptions) => Understanding,
): ChatResult[] {
  const base: UnderstandOptions = {
    reference: corpus.reference,
    timeZone: corpus.timeZone,
    businessHours: corpus.businessHours,
  };
  return corpus.examples.map((ex) => {
    // scored as mid-conversation messages: the conversation's language is kept unless the message is clear
    const got = understand(ex.text, { ...base, locale: ex.language });
    const w = got.when;
    const e = ex.when;
    const whenOk =
      e === null
        ? w === null
        : w !== null &&
          sameInstant(w.start, e.start, corpus.timeZone) &&
          sameInstant(w.end, e.end, corpus.timeZone) &&
          w.grain === e.grain &&
          (w.open ?? null) === (e.open ?? null);
    return {
      example: ex,
      got,
      intentOk: got.intent === ex.intent,
      whenOk,
      languageOk: got.language === ex.language,
      extrasOk: extrasOk(ex, got),
    };
  });
}

/** Share of examples with intent, time and the stated extras all right. */
export function fullyRight(results: readonly ChatResult[]): number {
  if (results.length === 0) return 1;
  return results.filter((r) => r.intentOk && r.whenOk && r.extrasOk).length / results.length;
}
