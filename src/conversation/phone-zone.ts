/**
 * Does the person's phone suggest another time zone than the business's? Then we name the zone
 * next to every time we show ("11:00 (hora de Madrid)"). One representative zone per country
 * calling code for the markets Reserva talks to; numbers we can't place get no note.
 */
import { DateTime } from 'luxon';
import type { Language } from '../../machines/types.js';
import { zone } from '../time/zone.js';

// Longest prefix first when matching. Countries spanning several zones map to their most
// populated one: the note is a courtesy, not a conversion.
const ZONES: Record<string, string> = {
  '34': 'Europe/Madrid',
  '351': 'Europe/Lisbon',
  '44': 'Europe/London',
  '33': 'Europe/Paris',
  '49': 'Europe/Berlin',
  '39': 'Europe/Rome',
  '52': 'America/Mexico_City',
  '54': 'America/Argentina/Buenos_Aires',
  '57': 'America/Bogota',
  '56': 'America/Santiago',
  '51': 'America/Lima',
  '58': 'America/Caracas',
  '593': 'America/Guayaquil',
  '591': 'America/La_Paz',
  '595': 'America/Asuncion',
  '598': 'America/Montevideo',
  '502': 'America/Guatemala',
  '503': 'America/El_Salvador',
  '504': 'America/Tegucigalpa',
  '505': 'America/Managua',
  '506': 'America/Costa_Rica',
  '507': 'America/Panama',
  '53': 'America/Havana',
  '55': 'America/Sao_Paulo',
  '1': 'America/New_York',
  '1787': 'America/Puerto_Rico',
  '1809': 'America/Santo_Domingo',
  '1829': 'America/Santo_Domingo',
  '1849': 'America/Santo_Domingo',
};

export function zoneOfPhone(phone: string): string | undefined {
  const digits = phone.replace(/\D/g, '');
  for (let len = 4; len >= 1; len--) {
    const zone = ZONES[digits.slice(0, len)];
    if (zone) return zone;
  }
  return undefined;
}

/**
 * The language a phone's country suggests, for a first message whose words do not tell ("yo", "ok",
 * "👋"): +1 / +44 English, +55 / +351 Portuguese, Spain and Latin America Spanish (new-user run: "yo"
 * from a +1 number got a Spanish greeting). Puerto Rico and the Dominican Republic (+1 787 / 809 / 829
 * / 849) are Spanish; numbers we can't place give undefined.
 */
export function languageOfPhone(phone: string): Language | undefined {
  const digits = phone.replace(/\D/g, '');
  if (/^1(?:787|939|809|829|849)/.test(digits)) return 'es';
  if (/^(?:1|44|353|61|64)/.test(digits)) return 'en';
  if (/^(?:55|351)/.test(digits)) return 'pt';
  if (/^(?:34|5[1-8]|59[1-8]|50[2-7])/.test(digits)) return 'es';
  return undefined;
}

/** "(hora de Madrid)" when the phone's zone has another UTC offset than the business's now. */
export function zoneNote(phone: string, businessZone: string, now: Date, language: Language): string | undefined {
  const theirs = zoneOfPhone(phone);
  if (!theirs) return undefined;
  const at = DateTime.fromJSDate(now);
  if (at.setZone(zone(theirs)).offset === at.setZone(zone(businessZone)).offset) return undefined;
  const city = businessZone.split('/').pop()!.replace(/_/g, ' ');
  return language === 'en' ? `(${city} time)` : language === 'pt' ? `(horário de ${city})` : `(hora de ${city})`;
}
