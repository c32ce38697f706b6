/**
 * New-user run, what the machines receive (resolveInput): FAQ questions worded differently reach
 * their entry, a one-word first message takes the phone's country language, a yes with an e-mail or
 * a question carries both. Wednesday 25 November 2026, 10:00 in Madrid.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { initialContext } from '../../machines/setup.js';
import type { Language } from '../../machines/types.js';
import { languageOfPhone } from '../../src/conversation/phone-zone.js';
import { resolveInput } from '../../src/engine/inputs.js';
import { parseKnowledge } from '../../src/knowledge/load.js';

const knowledge = parseKnowledge(readFileSync(new URL('../../demo/business.yaml', import.meta.url), 'utf8'));
const NOW = new Date('2026-11-25T09:00:00Z');

const SLOT = { start: '2026-11-26T09:00:00.000Z', end: '2026-11-26T09:30:00.000Z' };

function read(
  text: string,
  opts: { from?: string; language?: Language; languageKnown?: boolean; onTable?: boolean } = {},
) {
  return resolveInput(
    { id: 'wamid.x', from: opts.from ?? '34600111222', timestamp: NOW.toISOString(), content: { kind: 'text', text } },
    {
      reference: NOW,
      timeZone: 'Europe/Madrid',
      businessHours: { start: 9, end: 18 },
      lengthMinutes: 30,
      context: {
        ...initialContext({ language: opts.language ?? 'es' }),
        ...(opts.onTable ? { offered: [SLOT], selected: SLOT } : {}),
      },
      knowledge,
      languageKnown: opts.languageKnown,
    },
  ).input;
}

describe('4. FAQ questions worded differently reach their entry', () => {
  it.each([
    ['pero puedo ir con mi hijo??', 'es'],
    ['vcs atendem criança? posso levar minha filha de 4 anos?', 'pt'],
    ['¿puedo traer a mi hija?', 'es'],
    ['can I come with my son?', 'en'],
    ['is it ok to bring my daughter?', 'en'],
    ['posso ir com meu filho?', 'pt'],
  ] as const)('%s → the children entry', (text, language) => {
    const input = read(text, { language });
    expect([input.intent, input.faqId]).toEqual(['question', 'children']);
  });

  it('can I get there in a wheelchair? → the wheelchair entry', () => {
    expect(read('can I get there in a wheelchair?', { language: 'en' }).faqId).toBe('wheelchair');
  });

  it.each([
    ['¿puedo reservar para mi hijo?', 'book'],
    ['quiero ir con mi hija mañana', 'book'],
    ['¿puedo llevar acompañante?', 'question'],
  ] as const)('%s is no FAQ answer (%s)', (text, intent) => {
    const input = read(text);
    expect(input.intent).toBe(intent);
    expect(input.faqId).toBeUndefined();
  });
});

describe("5. a first message whose words do not tell the language takes the phone's", () => {
  it.each([
    ['yo', '15551234567', 'en'],
    ['ok', '447700900123', 'en'],
    ['yo', '5511987654321', 'pt'],
    ['👋', '5511987654321', 'pt'],
    ['yo', '34600111222', undefined],
    ['ok', '5491122334455', undefined],
    ['yo', '17875551234', undefined], // Puerto Rico: Spanish, as the default
  ] as const)('%s from +%s → %s', (text, from, language) => {
    expect(read(text, { from, languageKnown: false }).language).toBe(language);
  });

  it.each([
    ['hola', '15551234567', undefined], // Spanish words say Spanish, whatever the phone
    ['hello', '34600111222', 'en'],
    ['oi, tudo bem?', '15551234567', 'pt'],
  ] as const)('%s from +%s → %s (the words decide)', (text, from, language) => {
    expect(read(text, { from, languageKnown: false }).language).toBe(language);
  });

  it('a known conversation language is kept: "yo" from +1 in a Spanish conversation stays Spanish', () => {
    expect(read('yo', { from: '15551234567', languageKnown: true }).language).toBeUndefined();
  });

  it('languageOfPhone', () => {
    expect(
      ['+1 555 123 4567', '+44 7700', '+55 11 9', '+351 91', '+34 600', '+52 55', '+54 9', '+49 30'].map(
        languageOfPhone,
      ),
    ).toEqual(['en', 'en', 'pt', 'pt', 'es', 'es', 'es', undefined]);
  });
});

describe('6. a yes with an e-mail or a question keeps both', () => {
  it('pode ser! meu email é … (a slot on the table) → confirm with the e-mail', () => {
    const input = read('pode ser! meu email é ana.paula@gmail.com caso precise', { language: 'pt', onTable: true });
    expect([input.intent, input.email]).toEqual(['confirm', 'ana.paula@gmail.com']);
  });

  it('with nothing on the table, a yes with an e-mail is the e-mail (no attendance is confirmed)', () => {
    const input = read('sí, mi correo es lu.gomez@hotmail.com');
    expect([input.intent, input.email]).toEqual(['update_details', 'lu.gomez@hotmail.com']);
  });

  it('ok. puedo ir con mi hijo de 8 años? → the question, answered from the FAQ', () => {
    const input = read('ok. puedo ir con mi hijo de 8 años?');
    expect([input.intent, input.faqId]).toEqual(['question', 'children']);
  });
});
