/** The masked number in "what data do you keep": the calling code as it is (session 5: "+12 ••• •• 08" for +1 212). */
import { describe, expect, it } from 'vitest';
import { maskPhone } from '../../src/privacy/export.js';

describe('maskPhone', () => {
  it.each([
    ['34600111244', '+34 ••• •• 44'],
    ['12125550108', '+1 ••• •• 08'],
    ['447911123456', '+44 ••• •• 56'],
    ['351912345678', '+351 ••• •• 78'],
    ['+55 11 98765-4321', '+55 ••• •• 21'],
    ['123', '••••'],
  ])('%s → %s', (phone, masked) => expect(maskPhone(phone)).toBe(masked));
});
