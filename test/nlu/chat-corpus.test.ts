import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scoreChat, type ChatCorpus } from '../../src/nlu/eval/chat.js';
import { understand } from '../../src/nlu/index.js';
import type { Intent } from '../../src/nlu/types.js';

const corpus = JSON.parse(readFileSync(resolve(import.meta.dirname, 'chat-corpus.json'), 'utf8')) as ChatCorpus;

describe('labelled chat corpus (test/nlu/chat-corpus.json)', () => {
  const results = scoreChat(corpus, understand);

  it('has at least 300 messages covering every intent in both languages and four Spanish regions', () => {
    expect(corpus.examples.length).toBeGreaterThanOrEqual(300);
    const intents: Intent[] = [
      'book',
      'reschedule',
      'cancel',
      'confirm',
      'decline',
      'greeting',
      'thanks',
      'help',
      'human',
      'opt_out',
      'unknown',
    ];
    for (const lang of ['es', 'en'] as const)
      for (const intent of intents)
        expect(
          corpus.examples.some((e) => e.language === lang && e.intent === intent),
          `${lang}/${intent}`,
        ).toBe(true);
    for (const region of ['ES', 'MX', 'AR', 'CO', 'EN'])
      expect(corpus.examples.some((e) => e.region === region)).toBe(true);
  });

  it('gets intent and time both right on ≥ 97 % of messages', () => {
    const ok = results.filter((r) => r.intentOk && r.whenOk);
    const misses = results
      .filter((r) => !(r.intentOk && r.whenOk))
      .map((r) => `${r.example.text} → ${r.got.intent} ${JSON.stringify(r.got.when)}`);
    expect(ok.length / results.length, misses.join('\n')).toBeGreaterThanOrEqual(0.97);
  });

  it('detects the language of ≥ 97 % of messages', () => {
    expect(results.filter((r) => r.languageOk).length / results.length).toBeGreaterThanOrEqual(0.97);
  });
});
