/**
 * The knowledge file: the demo's business.yaml loads; mistakes are reported with where they are
 * and what to write; questions match FAQ entries by phrasing overlap and topics by what the file says.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { answerableTopic, matchFaq } from '../../src/knowledge/match.js';
import { KnowledgeFileError, loadKnowledge, parseKnowledge } from '../../src/knowledge/load.js';

const demo = readFileSync(new URL('../../demo/business.yaml', import.meta.url), 'utf8');

describe('knowledge file', () => {
  it('loads the demo business.yaml', () => {
    const k = parseKnowledge(demo);
    expect(k.name).toBe('Clínica Demo');
    expect(k.services.map((s) => s.id)).toEqual(['consulta', 'revision']);
    expect(k.faq.map((f) => f.id)).toEqual(['children', 'wheelchair']);
  });

  it('names the field and the fix for each mistake', () => {
    const bad = [
      'name: ""',
      'services:',
      '  - id: Consulta Larga',
      '    name: Consulta',
      '    durationMinutes: -5',
      'address:',
      '  text: Calle 1',
      '  mapUrl: not a link',
      'surprise: 1',
    ].join('\n');
    let error: unknown;
    try {
      parseKnowledge(bad, 'mine.yaml');
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(KnowledgeFileError);
    const message = (error as Error).message;
    expect(message).toContain('mine.yaml');
    expect(message).toMatch(/name: must not be empty/);
    expect(message).toMatch(/services\.0\.id: must be lowercase/);
    expect(message).toMatch(/services\.0\.durationMinutes/);
    expect(message).toMatch(/address\.mapUrl: must be a full https:\/\/ link/);
    expect(message).toMatch(/surprise/);
  });

  it('reports invalid YAML with its line, duplicate ids, and an unreadable path', () => {
    expect(() => parseKnowledge('name: x\n  bad: [', 'b.yaml')).toThrow(/not valid YAML/);
    expect(() =>
      parseKnowledge(
        ['name: x', 'faq:', '  - id: a', '    questions: { es: ["¿a?"] }', '    answer: A', '  - id: a']
          .concat(['    questions: { es: ["¿b?"] }', '    answer: B'])
          .join('\n'),
      ),
    ).toThrow(/"a" is used twice/);
    expect(() => loadKnowledge('/nonexistent/business.yaml')).toThrow(/can't be read.*BUSINESS_FILE/);
  });

  it('matches FAQ phrasings by overlap, not by exact text', () => {
    const k = parseKnowledge(demo);
    expect(matchFaq(k, 'hola, ¿atendéis también a niños pequeños?')).toBe('children');
    expect(matchFaq(k, 'is the clinic wheelchair accessible?')).toBe('wheelchair');
    expect(matchFaq(k, '¿tenéis wifi?')).toBeUndefined();
    expect(answerableTopic(k, 'parking')).toBe(true);
    expect(answerableTopic(parseKnowledge('name: x\n'), 'parking')).toBe(false);
  });

  it('matches a question worded differently: word forms, synonyms, chat spellings (new-user run)', () => {
    const k = parseKnowledge(demo);
    for (const q of [
      'pero puedo ir con mi hijo??',
      'vcs atendem criança? posso levar minha filha de 4 anos?',
      // variants
      '¿puedo traer a mi hija?',
      'se puede ir con niños?',
      'hola! una pregunta: ¿puedo venir con mis hijos? gracias',
      'q edad tienen q tener los niños para atender?',
      'can I come with my son?',
      'do you treat kids?',
      'is it ok to bring my daughter?',
      'posso ir com meu filho?',
      'atendem criancas pequenas?',
    ])
      expect(matchFaq(k, q), q).toBe('children');
    expect(matchFaq(k, 'can I get there in a wheelchair?')).toBe('wheelchair');
  });

  it('does not match a question that only shares a verb or an everyday word with a phrasing', () => {
    const k = parseKnowledge(demo);
    for (const q of [
      '¿atienden los sábados?',
      '¿puedo ir mañana a las 5?',
      'do you see patients on sundays?',
      'posso levar o carro? tem estacionamento?',
      '¿puedo llevar acompañante?',
      '¿es caro?',
      'can I bring a friend?',
      'vocês atendem por convênio?',
    ])
      expect(matchFaq(k, q), q).toBeUndefined();
  });
});
