/** Scoring of the labelled chat corpus (test/nlu/chat-corpus.json): intent and time both right. */
import { DateTime } from 'luxon';
import type { Understanding, UnderstandOptions } from '../types.js';

export interface ChatExample {
  text: string;
  region: string;
  language: 'es' | 'en';
  intent: Understanding['intent'];
  /** Wall-clock times in the corpus zone, [start, end). */
  when: { start: string; end: string; grain: string; open?: 'after' | 'before' } | null;
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
}

function sameInstant(a: string, b: string, zone: string): boolean {
  return DateTime.fromISO(a, { zone }).toMillis() === DateTime.fromISO(b, { zone }).toMillis();
}

export function scoreChat(corpus: ChatCorpus, understand: (text: string, opts: UnderstandOptions) => Understanding): ChatResult[] {
  const base: UnderstandOptions = { reference: corpus.reference, timeZone: corpus.timeZone, businessHours: corpus.businessHours };
  return corpus.examples.map((ex) => {
    // scored as mid-conversation messages: the conversation's language is the tie-breaker
    const got = understand(ex.text, { ...base, locale: ex.language });
    const w = got.when;
    const e = ex.when;
    const whenOk =
      e === null
        ? w === null
        : w !== null && sameInstant(w.start, e.start, corpus.timeZone) && sameInstant(w.end, e.end, corpus.timeZone) && w.grain === e.grain && (w.open ?? null) === (e.open ?? null);
    return { example: ex, got, intentOk: got.intent === ex.intent, whenOk, languageOk: got.language === ex.language };
  });
}
