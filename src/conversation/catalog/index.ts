/**
 * The message catalogs, one per locale and register, and how a contact picks one: Spanish by its
 * register (tú by default, vos, usted), English and Portuguese (você) have one each.
 */
import type { ContactFacts } from '../../../machines/types.js';
import { EN } from './en.js';
import { ES_TU } from './es-tu.js';
import { ES_USTED } from './es-usted.js';
import { ES_VOS } from './es-vos.js';
import { PT } from './pt.js';
import type { Catalog, Voice } from './types.js';

export type { Catalog, Voice } from './types.js';

export const CATALOGS: Readonly<Record<Voice, Catalog>> = {
  'es-tu': ES_TU,
  'es-vos': ES_VOS,
  'es-usted': ES_USTED,
  en: EN,
  pt: PT,
};

export const VOICES = Object.keys(CATALOGS) as Voice[];

/** The catalog that speaks to this contact: its language, and in Spanish its register (tú unless known). */
export function voiceOf(contact: Pick<ContactFacts, 'language' | 'formality'>): Voice {
  switch (contact.language) {
    case 'en':
      return 'en';
    case 'pt':
      return 'pt';
    default:
      return contact.formality === 'vos' ? 'es-vos' : contact.formality === 'usted' ? 'es-usted' : 'es-tu';
  }
}

export const catalogFor = (contact: Pick<ContactFacts, 'language' | 'formality'>): Catalog =>
  CATALOGS[voiceOf(contact)];
