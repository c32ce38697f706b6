/**
 * Never a silent turn: a message that would break a Cloud API limit degrades to one WhatsApp
 * accepts (fitMessage), instead of failing to send.
 */
import { describe, expect, it } from 'vitest';
import { assertValid, fitMessage } from '../../src/whatsapp/limits.js';
import type { OutgoingMessage } from '../../src/whatsapp/types.js';

const sendable = (m: OutgoingMessage) => {
  const fitted = fitMessage(m);
  expect(() => assertValid(fitted)).not.toThrow();
  return fitted;
};

describe('fitMessage degrades what WhatsApp would refuse', () => {
  it('buttons with no buttons → plain text with the body', () => {
    expect(sendable({ type: 'buttons', body: 'Las 17:00 ya están ocupadas.', buttons: [] })).toEqual({
      type: 'text',
      body: 'Las 17:00 ya están ocupadas.',
    });
  });
  it('buttons without title or id are dropped; more than three become a list', () => {
    const m = sendable({
      type: 'buttons',
      body: 'b',
      buttons: [
        { id: 'a', title: ' ' },
        { id: '', title: 'x' },
        { id: 'c', title: 'C' },
      ],
    });
    expect(m).toEqual({ type: 'buttons', body: 'b', buttons: [{ id: 'c', title: 'C' }] });
    const list = sendable({
      type: 'buttons',
      body: 'b',
      buttons: ['1', '2', '3', '4'].map((id) => ({ id, title: id })),
    });
    expect(list.type).toBe('list');
  });
  it('a list without rows → text; untitled sections are merged; an empty body gets "…"', () => {
    expect(sendable({ type: 'list', body: 'Horas', buttonText: 'Ver', sections: [{ rows: [] }] }).type).toBe('text');
    const merged = sendable({
      type: 'list',
      body: '',
      buttonText: 'Ver',
      sections: [{ rows: [{ id: 'a', title: 'A' }] }, { title: 'Viernes', rows: [{ id: 'b', title: 'B' }] }],
    });
    expect(merged.type === 'list' && merged.sections).toEqual([
      {
        rows: [
          { id: 'a', title: 'A' },
          { id: 'b', title: 'B' },
        ],
      },
    ]);
    expect(merged.type === 'list' && merged.body).toBe('…');
  });
  it('a repeated id is still our bug, named by assertValid', () => {
    const m = fitMessage({
      type: 'buttons',
      body: 'b',
      buttons: [
        { id: 'a', title: 'x' },
        { id: 'a', title: 'y' },
      ],
    });
    expect(() => assertValid(m)).toThrow(/used twice/);
  });
});
