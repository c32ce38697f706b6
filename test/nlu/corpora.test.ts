/**
 * The second-wave corpus (tuned on) and the held-out sets (written first, never tuned on), scored
 * separately: the held-out figures are the honest estimate of how the rules generalise.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fullyRight, scoreChat, type ChatCorpus } from '../../src/nlu/eval/chat.js';
import { extractName, understand } from '../../src/nlu/index.js';
import type { Intent, Language } from '../../src/nlu/types.js';

const load = <T>(file: string): T => JSON.parse(readFileSync(resolve(import.meta.dirname, file), 'utf8')) as T;
const misses = (corpus: ChatCorpus): string =>
  scoreChat(corpus, understand)
    .filter((r) => !(r.intentOk && r.whenOk && r.extrasOk))
    .map(
      (r) =>
        `${r.example.text} → ${r.got.intent} ${r.got.shift ?? ''} ${r.got.topic ?? ''} ${JSON.stringify(r.got.when)}`,
    )
    .join('\n');

describe('second-wave chat corpus (test/nlu/chat-corpus-2.json, tuned on)', () => {
  const corpus = load<ChatCorpus>('chat-corpus-2.json');

  it('has ≥ 300 messages: every new intent in es, en and pt, moves, parts, names, ranges, five regions', () => {
    expect(corpus.examples.length).toBeGreaterThanOrEqual(300);
    const intents: Intent[] = [
      'my_bookings',
      'question',
      'privacy_access',
      'privacy_erase',
      'update_details',
      'opt_in',
    ];
    intents.push('resume_bot', 'opt_out', 'human', 'cancel', 'reschedule', 'book');
    for (const language of ['es', 'en', 'pt'] as const)
      for (const intent of intents)
        expect(
          corpus.examples.some((e) => e.language === language && e.intent === intent),
          `${language}/${intent}`,
        ).toBe(true);
    for (const shift of ['later', 'earlier', 'another_day', 'next_week', 'more'])
      expect(
        corpus.examples.some((e) => e.shift === shift),
        shift,
      ).toBe(true);
    expect(corpus.examples.filter((e) => e.parts).length).toBeGreaterThanOrEqual(15);
    expect(corpus.examples.filter((e) => e.name).length).toBeGreaterThanOrEqual(10);
    for (const region of ['ES', 'MX', 'AR', 'CO', 'EN', 'BR', 'PT'])
      expect(corpus.examples.some((e) => e.region === region)).toBe(true);
  });

  it('gets intent, time and the stated extras all right on ≥ 97 %', () => {
    expect(fullyRight(scoreChat(corpus, understand)), misses(corpus)).toBeGreaterThanOrEqual(0.97);
  });
});

describe('held-out sets (written before the rules, never tuned on)', () => {
  it('messages (test/nlu/held-out-corpus.json): ≥ 90 % fully right', () => {
    const corpus = load<ChatCorpus>('held-out-corpus.json');
    expect(corpus.examples.length).toBeGreaterThanOrEqual(100);
    expect(fullyRight(scoreChat(corpus, understand)), misses(corpus)).toBeGreaterThanOrEqual(0.9);
  });

  it('names (test/nlu/held-out-names.json): ≥ 90 % right', () => {
    const names = load<{ examples: { text: string; lang: Language; name: string | null }[] }>('held-out-names.json');
    const wrong = names.examples.filter((e) => extractName(e.text, e.lang) !== e.name).map((e) => e.text);
    expect(1 - wrong.length / names.examples.length, wrong.join('\n')).toBeGreaterThanOrEqual(0.9);
  });
});

describe('NLU code habits (issue 11 item 5)', () => {
  const root = resolve(import.meta.dirname, '../../src/nlu');
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'));

  it('no source line over 120 characters and no `any` in src/nlu', () => {
    const long: string[] = [];
    for (const f of files) {
      const lines = readFileSync(resolve(root, f), 'utf8').split('\n');
      lines.forEach((l, i) => {
        if (l.length > 120) long.push(`${f}:${i + 1}`);
        if (/:\s*any\b|<any>|\bas any\b/.test(l)) long.push(`${f}:${i + 1} any`);
      });
    }
    expect(long).toEqual([]);
  });
});
