import { describe, expect, it } from 'vitest';
import { isBsuid, toE164, waIdCandidates } from '../../src/phone/normalise.js';

describe('phone normalisation (wa_id ↔ E.164 that Cal.com accepts)', () => {
  it.each([
    ['5215512345678', '+525512345678'], // Mexico: the old mobile 1 goes
    ['525512345678', '+525512345678'],
    ['5491123456789', '+5491123456789'], // Argentina: mobile 9 kept (valid, what Cal.com accepts)
    ['551187654321', '+5511987654321'], // Brazil: the ninth digit comes back
    ['5511987654321', '+5511987654321'],
    ['34600111222', '+34600111222'],
    ['+34 600 11 12 22', '+34600111222'],
  ])('%s → %s', (waId, e164) => {
    expect(toE164(waId)).toBe(e164);
  });

  it('gives nothing for what is not a valid number, or a username id', () => {
    expect(toE164('123')).toBeUndefined();
    expect(toE164('34000000000')).toBeUndefined();
    expect(toE164('US.13491208655302741918')).toBeUndefined();
    expect(isBsuid('US.13491208655302741918')).toBe(true);
    expect(isBsuid('34600111222')).toBe(false);
  });

  it('a number typed on the Cal.com page finds the wa_id it belongs to', () => {
    expect(waIdCandidates('+52 55 1234 5678')).toContain('5215512345678');
    expect(waIdCandidates('+54 11 2345-6789')).toContain('5491123456789');
    expect(waIdCandidates('+55 11 98765-4321')).toContain('551187654321');
    expect(waIdCandidates('+34600111222')).toEqual(['34600111222']);
    expect(waIdCandidates(undefined)).toEqual([]);
  });
});
