/**
 * Matching a business question against the knowledge file (pure): a custom FAQ entry by phrasing
 * overlap, and whether a topic (price, parking…) has an answer in the file at all.
 */
import type { QuestionTopic } from '../../machines/types.js';
import { clean } from '../nlu/index.js';
import type { Knowledge } from './types.js';

/** Words that carry no meaning for matching ("¿dónde está el…?" ≈ "dónde está"). */
const STOP = new Set([
  'el',
  'la',
  'los',
  'las',
  'un',
  'una',
  'de',
  'del',
  'a',
  'al',
  'en',
  'y',
  'o',
  'que',
  'se',
  'me',
  'te',
  'lo',
  'le',
  'mi',
  'tu',
  'su',
  'es',
  'por',
  'para',
  'con',
  'hay',
  'puedo',
  'teneis',
  'tienen',
  'the',
  'an',
  'of',
  'to',
  'in',
  'and',
  'or',
  'is',
  'are',
  'do',
  'you',
  'i',
  'can',
  'my',
  'your',
  'it',
  'for',
  'with',
  'there',
  'o',
  'os',
  'as',
  'um',
  'uma',
  'do',
  'da',
  'no',
  'na',
  'e',
  'com',
  'voces',
  'posso',
  'tem',
]);
const words = (s: string) =>
  clean(s)
    .split(' ')
    .filter((w) => w.length > 1 && !STOP.has(w));

/**
 * The FAQ entry whose phrasings share the most meaningful words with the question (Dice
 * coefficient ≥ 0.5 over the question's and the phrasing's content words), or undefined.
 */
export function matchFaq(k: Knowledge, question: string): string | undefined {
  const q = new Set(words(question));
  if (!q.size) return undefined;
  let best: { id: string; score: number } | undefined;
  for (const entry of k.faq) {
    for (const phrasings of Object.values(entry.questions)) {
      for (const phrasing of phrasings ?? []) {
        const p = new Set(words(phrasing));
        if (!p.size) continue;
        let common = 0;
        for (const w of p) if (q.has(w)) common++;
        const score = (2 * common) / (p.size + q.size);
        if (score >= 0.5 && (!best || score > best.score)) best = { id: entry.id, score };
      }
    }
  }
  return best?.id;
}

/** Does the knowledge file say anything about this topic? */
export function answerableTopic(k: Knowledge | undefined, topic: QuestionTopic): boolean {
  if (!k) return false;
  switch (topic) {
    case 'price':
    case 'services':
      return k.services.length > 0;
    case 'address':
      return Boolean(k.address);
    case 'parking':
      return k.parking !== undefined;
    case 'payment':
      return k.payment !== undefined;
    case 'cancellation_policy':
      return k.cancellationPolicy !== undefined;
    case 'hours':
      return k.hoursText !== undefined;
    case 'other':
      return false;
  }
}
