import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  assertValid,
  ellipsize,
  fitMessage,
  visibleLength,
  DEFAULT_LIST_BUTTON_TEXT,
  ONE_UNIT_GRAPHEMES,
} from '../../src/whatsapp/limits.js';
import type { OutgoingMessage } from '../../src/whatsapp/types.js';

describe('visibleLength / ellipsize', () => {
  it('counts graphemes, not UTF-16 units', () => {
    expect(visibleLength('👍🏽')).toBe(1);
    expect('👍🏽'.length).toBe(4);
    expect(visibleLength('👨‍👩‍👧‍👦')).toBe(1);
    expect(visibleLength('e\u0301')).toBe(1); // e + combining acute
    expect(visibleLength('Mañana 10:00')).toBe(12);
  });

  it('shortens with an ellipsis inside the limit and never splits an emoji', () => {
    expect(ellipsize('Martes 14 de octubre, 10:30', 20)).toBe('Martes 14 de…'); // word boundary
    expect(ellipsize('Consultorio2025general', 10)).toBe('Consultor…'); // no boundary: hard cut
    expect(visibleLength(ellipsize('Consultorio2025general', 10))).toBe(10);
    expect(ellipsize('abc defghijklmnopqrstuvwxyz', 20)).toBe('abc defghijklmnopqr…'); // boundary too far back
    const emoji = '📅'.repeat(25);
    const cut = ellipsize(emoji, 20);
    expect(cut).toBe('📅'.repeat(19) + '…');
    expect(ellipsize('👨‍👩‍👧‍👦👨‍👩‍👧‍👦👨‍👩‍👧‍👦', 2)).toBe('👨‍👩‍👧‍👦…');
    expect(ellipsize('short', 20)).toBe('short');
    expect(ellipsize('word word', 6)).toBe('word…'); // trailing space trimmed before "…"
  });

  it('counts accents, flags, keycaps, skin tones, ZWJ families and CR LF as the person sees them', () => {
    expect(visibleLength('¿Te va bien el miércoles, señora Núñez? — Sí: 15 €…')).toBe(51);
    expect(visibleLength('Cafe\u0301 con leche')).toBe(14); // combining acute joins its "e"
    expect(visibleLength('🇪🇸🇲🇽')).toBe(2); // regional indicator pairs
    expect(visibleLength('🇪🇸🇲')).toBe(2); // a lone indicator is its own grapheme
    expect(visibleLength('1️⃣ 2️⃣')).toBe(3); // keycap: digit + VS16 + U+20E3
    expect(visibleLength('❤️ y ❤')).toBe(5); // heart with and without VS16
    expect(visibleLength('👩🏽‍⚕️ Dra. Ruiz')).toBe(11);
    expect(visibleLength('a\r\nb\nc\r')).toBe(6); // CR LF is one grapheme, lone CR and LF one each
    expect(visibleLength('ok\u200dok')).toBe(4); // a ZWJ joins the letter before it
    expect(visibleLength('한국어')).toBe(3);
    expect(visibleLength('\u1100\u1161\u11a8')).toBe(1); // Hangul jamo L V T
    expect(ellipsize('Mañana 10:00 — ¿te va bien?', 12)).toBe('Mañana 10:0…'); // no word boundary close enough
    expect(ellipsize('Cafe\u0301 con leche', 5)).toBe('Cafe\u0301…');
    expect(ellipsize('🇪🇸🇪🇸🇪🇸', 2)).toBe('🇪🇸…');
  });

  it('the fast path (every UTF-16 unit one grapheme) holds for each code point it accepts', () => {
    const seg = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    const count = (s: string) => Array.from(seg.segment(s)).length;
    const wrong: string[] = [];
    for (let c = 0; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      if (!ONE_UNIT_GRAPHEMES.test(ch)) continue;
      // Alone, between letters, doubled, and beside a combining-free accented letter.
      if (count(`a${ch}a`) !== 3 || count(ch + ch) !== 2 || count(`${ch}ñ`) !== 2 || count(`é${ch}`) !== 2)
        wrong.push(c.toString(16));
    }
    expect(wrong).toEqual([]);
    for (const s of ['e\u0301', 'a\u200d', '\r\n', '❤\ufe0f', '👍', '\u1100\u1161', '\u0915\u094d'])
      expect(ONE_UNIT_GRAPHEMES.test(s), s).toBe(false);
  });

  it('matches Intl.Segmenter on random mixes of plain text, accents, marks, emoji and flags', () => {
    const seg = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
    const pool = [
      'a',
      'ñ',
      ' ',
      '—',
      '\r',
      '\n',
      '\u0301',
      '\u200d',
      '\ufe0f',
      '👍',
      '🏽',
      '🇪',
      '🇸',
      '❤',
      '각',
      '\u1100',
    ];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...pool), { maxLength: 12 }),
        fc.integer({ min: 0, max: 8 }),
        (parts, max) => {
          const s = parts.join('');
          const g = Array.from(seg.segment(s), (x) => x.segment);
          expect(visibleLength(s)).toBe(g.length);
          const cut = ellipsize(s, max);
          expect(visibleLength(cut)).toBeLessThanOrEqual(Math.max(0, max));
          if (g.length <= max) expect(cut).toBe(s);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('a title of exactly 20 emoji graphemes passes untouched', () => {
    const t = '👍🏽'.repeat(20);
    const m = fitMessage({ type: 'buttons', body: 'x', buttons: [{ id: 'a', title: t }] });
    expect(m.type === 'buttons' && m.buttons[0]!.title).toBe(t);
    expect(() => assertValid(m)).not.toThrow();
  });
});

describe('fitMessage', () => {
  it('shortens long button titles, header and footer', () => {
    const m = fitMessage({
      type: 'buttons',
      body: 'Confirmas tu cita?',
      header: 'H'.repeat(70),
      footer: 'F'.repeat(61),
      buttons: [
        { id: 'yes', title: 'Sí, confirmo mi cita de mañana' },
        { id: 'no', title: 'No' },
      ],
    });
    expect(m).toEqual({
      type: 'buttons',
      body: 'Confirmas tu cita?',
      header: 'H'.repeat(59) + '…',
      footer: 'F'.repeat(59) + '…',
      buttons: [
        { id: 'yes', title: 'Sí, confirmo mi…' },
        { id: 'no', title: 'No' },
      ],
    });
    expect(() => assertValid(m)).not.toThrow();
  });

  it('turns more than 3 buttons into a list, keeping ids, header and footer', () => {
    const buttons = ['09:00', '10:00', '11:00', '12:00'].map((t) => ({ id: `slot:${t}`, title: t }));
    const m = fitMessage({ type: 'buttons', body: 'Elige un horario', buttons, footer: 'Clínica' });
    expect(m).toEqual({
      type: 'list',
      body: 'Elige un horario',
      buttonText: DEFAULT_LIST_BUTTON_TEXT,
      footer: 'Clínica',
      sections: [{ rows: buttons.map((b) => ({ id: b.id, title: b.title })) }],
    });
    expect(() => assertValid(m)).not.toThrow();
    const en = fitMessage({ type: 'buttons', body: 'Pick', buttons }, { listButtonText: 'See options' });
    expect(en.type === 'list' && en.buttonText).toBe('See options');
  });

  it('keeps only the first 10 rows across sections and drops emptied sections', () => {
    const rows = (p: string, n: number) =>
      Array.from({ length: n }, (_, i) => ({ id: `${p}${i}`, title: `${p} ${i}` }));
    const m = fitMessage({
      type: 'list',
      body: 'Horarios',
      buttonText: 'Ver horarios disponibles hoy',
      sections: [
        { title: 'Mañana', rows: rows('am', 6) },
        { title: 'Tarde', rows: rows('pm', 6) },
        { title: 'Noche', rows: rows('ev', 2) },
      ],
    });
    if (m.type !== 'list') throw new Error('expected list');
    expect(m.sections.map((s) => s.rows.length)).toEqual([6, 4]);
    expect(m.sections.map((s) => s.title)).toEqual(['Mañana', 'Tarde']);
    expect(m.buttonText).toBe('Ver horarios…');
    expect(() => assertValid(m)).not.toThrow();
  });

  it('shortens row titles (24), descriptions (72) and section titles (24)', () => {
    const m = fitMessage({
      type: 'list',
      body: 'b',
      buttonText: 'Ver',
      sections: [{ title: 'S'.repeat(30), rows: [{ id: 'r', title: 'T'.repeat(30), description: 'D'.repeat(100) }] }],
    });
    if (m.type !== 'list') throw new Error('expected list');
    expect(visibleLength(m.sections[0]!.title!)).toBe(24);
    expect(visibleLength(m.sections[0]!.rows[0]!.title)).toBe(24);
    expect(visibleLength(m.sections[0]!.rows[0]!.description!)).toBe(72);
  });

  it('truncates over-long text and interactive bodies', () => {
    const t = fitMessage({ type: 'text', body: 'a'.repeat(5000) });
    expect(t.type === 'text' && visibleLength(t.body)).toBe(4096);
    const b = fitMessage({ type: 'buttons', body: 'a'.repeat(2000), buttons: [{ id: 'x', title: 'ok' }] });
    expect(b.type === 'buttons' && visibleLength(b.body)).toBe(1024);
  });

  it('cleans newlines and long runs of spaces from template parameters', () => {
    const m = fitMessage({
      type: 'template',
      name: 'reminder',
      language: 'es',
      bodyParams: ['Dr.\nPérez', 'a      b'],
      quickReplies: ['confirm:1'],
    });
    expect(m).toEqual({
      type: 'template',
      name: 'reminder',
      language: 'es',
      bodyParams: ['Dr. Pérez', 'a    b'],
      quickReplies: ['confirm:1'],
    });
    expect(() => assertValid(m)).not.toThrow();
  });

  it('does not mutate its input', () => {
    const input: OutgoingMessage = { type: 'buttons', body: 'b', buttons: [{ id: '1', title: 'x'.repeat(30) }] };
    const copy = structuredClone(input);
    fitMessage(input);
    expect(input).toEqual(copy);
  });
});

describe('assertValid', () => {
  const bad: Array<[string, OutgoingMessage, RegExp]> = [
    ['empty text', { type: 'text', body: '  ' }, /text\.body is empty/],
    ['no buttons', { type: 'buttons', body: 'b', buttons: [] }, /buttons\.buttons is empty/],
    [
      '4 buttons',
      { type: 'buttons', body: 'b', buttons: [1, 2, 3, 4].map((i) => ({ id: `${i}`, title: `${i}` })) },
      /has 4 buttons \(max 3\)/,
    ],
    [
      'long title',
      { type: 'buttons', body: 'b', buttons: [{ id: 'a', title: 'x'.repeat(21) }] },
      /buttons\.buttons\[0\]\.title is 21 characters long \(max 20\)/,
    ],
    [
      'duplicate ids',
      {
        type: 'buttons',
        body: 'b',
        buttons: [
          { id: 'a', title: 'x' },
          { id: 'a', title: 'y' },
        ],
      },
      /buttons\.buttons\[1\]\.id "a" is used twice/,
    ],
    [
      'empty id',
      { type: 'buttons', body: 'b', buttons: [{ id: '', title: 'x' }] },
      /buttons\.buttons\[0\]\.id is empty/,
    ],
    [
      'id too long',
      { type: 'buttons', body: 'b', buttons: [{ id: 'i'.repeat(257), title: 'x' }] },
      /id is 257 characters long \(max 256\)/,
    ],
    [
      'body too long',
      { type: 'buttons', body: 'b'.repeat(1025), buttons: [{ id: 'a', title: 'x' }] },
      /buttons\.body is 1025/,
    ],
    [
      '11 rows',
      {
        type: 'list',
        body: 'b',
        buttonText: 'Ver',
        sections: [{ rows: Array.from({ length: 11 }, (_, i) => ({ id: `${i}`, title: 't' })) }],
      },
      /11 rows in total \(max 10\)/,
    ],
    [
      'untitled sections',
      {
        type: 'list',
        body: 'b',
        buttonText: 'Ver',
        sections: [{ rows: [{ id: 'a', title: 't' }] }, { rows: [{ id: 'b', title: 't' }] }],
      },
      /sections\[0\]\.title is missing/,
    ],
    [
      'dup row ids across sections',
      {
        type: 'list',
        body: 'b',
        buttonText: 'Ver',
        sections: [
          { title: 'A', rows: [{ id: 'a', title: 't' }] },
          { title: 'B', rows: [{ id: 'a', title: 't' }] },
        ],
      },
      /list\.rows\[1\]\.id "a" is used twice/,
    ],
    [
      'empty section',
      { type: 'list', body: 'b', buttonText: 'Ver', sections: [{ rows: [] }] },
      /sections\[0\]\.rows is empty/,
    ],
    [
      'long list button',
      { type: 'list', body: 'b', buttonText: 'x'.repeat(21), sections: [{ rows: [{ id: 'a', title: 't' }] }] },
      /list\.buttonText is 21/,
    ],
    [
      'template name',
      { type: 'template', name: 'Recordatorio Cita', language: 'es', bodyParams: [] },
      /template\.name/,
    ],
    [
      'template language',
      { type: 'template', name: 'reminder', language: 'Spanish', bodyParams: [] },
      /template\.language/,
    ],
    [
      'template empty param',
      { type: 'template', name: 'reminder', language: 'es', bodyParams: [''] },
      /template\.bodyParams\[0\] is empty/,
    ],
    [
      'template newline',
      { type: 'template', name: 'reminder', language: 'es_MX', bodyParams: ['a\nb'] },
      /bodyParams\[0\] contains a newline/,
    ],
  ];
  for (const [name, m, re] of bad) {
    it(`rejects ${name}`, () => {
      expect(() => assertValid(m)).toThrow(re);
    });
  }

  it('names what to do in the message', () => {
    expect(() => assertValid({ type: 'buttons', body: 'b', buttons: [{ id: 'a', title: 'x'.repeat(21) }] })).toThrow(
      /fitMessage/,
    );
  });

  it('accepts what fitMessage produces from messy input', () => {
    const m = fitMessage({
      type: 'buttons',
      body: 'Elige 🦷',
      buttons: Array.from({ length: 14 }, (_, i) => ({ id: `b${i}`, title: `Opción número ${i} con nombre largo` })),
    });
    expect(() => assertValid(m)).not.toThrow();
  });
});
