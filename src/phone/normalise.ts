/**
 * Phone numbers between WhatsApp and Cal.com. WhatsApp identifies people by their `wa_id` (digits,
 * country code first, no "+"), which for some countries is not the E.164 number Cal.com validates
 * with libphonenumber-js/max:
 * - Mexico: wa_ids of mobiles carry the old mobile "1" after 52 (5215512345678); E.164 is +525512345678.
 * - Argentina: wa_ids carry the mobile "9" after 54 (5491123456789), which is valid E.164 and what
 *   Cal.com accepts; a number typed on Cal.com's page may come without it (+541123456789).
 * - Brazil: older wa_ids lack the ninth digit of mobiles (551187654321); E.164 is +5511987654321.
 * `toE164` turns a wa_id into the number Cal.com accepts (or undefined); `waIdCandidates` lists the
 * wa_ids a number written anywhere may belong to, to find the contact it is.
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

const digitsOf = (s: string) => s.replace(/\D/g, '');

/** A WhatsApp business-scoped user id (BSUID), e.g. "US.13491208655302741918" or "US.ENT.1181…". */
export function isBsuid(id: string): boolean {
  return /^[A-Z]{2}\.(?:ENT\.)?[A-Za-z0-9]{1,128}$/.test(id);
}

function valid(e164: string): string | undefined {
  const p = parsePhoneNumberFromString(e164);
  return p?.isValid() ? p.number : undefined;
}

/** Variants of the same subscriber number that WhatsApp or a person may write (digits, country code first). */
function variants(d: string): string[] {
  const out = [d];
  if (d.startsWith('521') && d.length === 13) out.push(`52${d.slice(3)}`);
  else if (d.startsWith('52') && d.length === 12) out.push(`521${d.slice(2)}`);
  if (d.startsWith('549') && d.length === 13) out.push(`54${d.slice(3)}`);
  else if (d.startsWith('54') && d.length === 12) out.push(`549${d.slice(2)}`);
  // Brazil: 55 + 2-digit area + 8 digits (mobile without the ninth digit) ↔ 9 digits starting with 9.
  if (d.startsWith('55') && d.length === 12 && /[6-9]/.test(d[4] ?? '')) out.push(`${d.slice(0, 4)}9${d.slice(4)}`);
  else if (d.startsWith('55') && d.length === 13 && d[4] === '9') out.push(`${d.slice(0, 4)}${d.slice(5)}`);
  return out;
}

/**
 * The E.164 number ("+…") Cal.com accepts for a wa_id or any written number, or undefined when no
 * reading of it is a valid number (then book without a phone).
 */
export function toE164(phone: string): string | undefined {
  if (isBsuid(phone)) return undefined;
  const d = digitsOf(phone);
  if (d.length < 7 || d.length > 15) return undefined;
  for (const v of variants(d)) {
    const e = valid(`+${v}`);
    if (e) return e;
  }
  return undefined;
}

/** The wa_ids (digits) a written number may belong to, most likely first; [] when it is no number. */
export function waIdCandidates(phone: unknown): string[] {
  if (typeof phone !== 'string') return [];
  const d = digitsOf(phone);
  if (d.length < 7 || d.length > 15) return [];
  const e = toE164(phone);
  const all = [...variants(d), ...(e ? variants(digitsOf(e)) : [])];
  return [...new Set(all)];
}
