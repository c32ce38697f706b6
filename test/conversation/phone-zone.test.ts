import { describe, expect, it } from 'vitest';
import { zoneNote, zoneOfPhone } from '../../src/conversation/phone-zone.js';

const NOV = new Date('2026-11-25T10:00:00Z');
describe('naming the zone only when the phone suggests another one', () => {
  it.each([
    ['34600111222', 'es', undefined],
    ['5215512345678', 'es', '(hora de Madrid)'],
    ['5491155550002', 'es', '(hora de Madrid)'],
    ['447700900123', 'en', '(Madrid time)'],
    ['351912345678', 'pt', '(horário de Madrid)'],
    ['99912345', 'es', undefined],
  ] as const)('%s → %s', (phone, lang, expected) => {
    expect(zoneNote(phone, 'Europe/Madrid', NOV, lang)).toBe(expected);
  });
  it('prefers the longest calling code', () => {
    expect(zoneOfPhone('18095551234')).toBe('America/Santo_Domingo');
    expect(zoneOfPhone('12125551234')).toBe('America/New_York');
  });
});
