/**
 * The business's own offer texts (business.yaml `growth.upsell.offers[].text`,
 * `growth.winback.variants[].text`: content, like the FAQ answers): picked per language and filled.
 * The default texts and the button titles are in the typed catalogs (src/conversation/offers.ts).
 */
import type { Language } from '../../machines/types.js';
import type { LocalizedText } from '../knowledge/types.js';

export function pickText(t: LocalizedText | undefined, lang: Language): string | undefined {
  if (t === undefined) return undefined;
  if (typeof t === 'string') return t;
  return t[lang] ?? t.es ?? t.en ?? t.pt;
}

/** Fills {name}, {service}, {time}; an empty name drops the comma before it. */
export function fill(text: string, vars: Record<string, string>): string {
  return text
    .replace(/(,?\s*)\{name\}/g, (_m, pre: string) => (vars.name ? `${pre}${vars.name}` : ''))
    .replace(/\{(\w+)\}/g, (m, k: string) => vars[k] ?? m)
    .trim();
}
