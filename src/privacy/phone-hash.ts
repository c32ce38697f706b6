/**
 * The suppression list never holds a number, only HMAC-SHA256(salt, normalised number): enough to
 * recognise a number that opted out when it writes again, useless to list who wrote.
 */
import { createHmac } from 'node:crypto';

/**
 * Digits only, without "+" or an international "00" prefix: "+34 611-22-33-44" and "0034611223344"
 * hash like WhatsApp's "34611223344". Returns "" when there are no digits.
 */
export function normalisePhone(phone: string): string {
  // A business-scoped user id (BSUID, "US.1349…") is kept as it is: it is no number.
  if (/^[A-Z]{2}\./.test(phone.trim())) return phone.trim();
  const digits = phone.replace(/\D/g, '');
  return digits.startsWith('00') ? digits.slice(2) : digits;
}

export function hashPhone(salt: string, phone: string): string {
  return createHmac('sha256', salt).update(normalisePhone(phone)).digest('hex');
}
