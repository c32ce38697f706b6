/**
 * The words of promotional messages. The offer texts are the business's own (business.yaml
 * `growth.upsell.offers[].text`, `growth.winback.variants[].text`: content, like the FAQ answers);
 * these are the defaults and the button titles, per language and register (tú / vos / usted).
 */
import type { Language } from '../../machines/types.js';
import type { LocalizedText } from '../knowledge/types.js';

export type Formality = 'tu' | 'vos' | 'usted';

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

export function upsellDefault(lang: Language, f: Formality | undefined, position: 'before' | 'after'): string {
  const after = position === 'after';
  if (lang === 'en')
    return `Would you like to add *{service}* ${after ? 'right after' : 'right before'}, at {time}? One tap books it.`;
  if (lang === 'pt')
    return `Quer incluir *{service}* ${after ? 'logo depois' : 'logo antes'}, às {time}? Com um toque fica agendado.`;
  const when = after ? 'justo después' : 'justo antes';
  const verb = f === 'usted' ? '¿Desea añadir' : f === 'vos' ? '¿Querés sumar' : '¿Quieres añadir';
  return `${verb} *{service}* ${when}, a las {time}? Con un toque queda reservado.`;
}

export function winbackDefault(lang: Language, f: Formality | undefined): string {
  if (lang === 'en') return 'Hi, {name}! We have free times coming up. Want one? One tap books it.';
  if (lang === 'pt')
    return 'Olá, {name}! Temos horários livres nos próximos dias. Quer um? Com um toque fica agendado.';
  if (f === 'usted')
    return '¡Hola, {name}! Tenemos horas libres estos días. ¿Le reservo una? Con un toque queda hecha.';
  if (f === 'vos') return '¡Hola, {name}! Tenemos horas libres estos días. ¿Te reservo una? Con un toque queda hecha.';
  return '¡Hola, {name}! Tenemos horas libres estos días. ¿Te reservo una? Con un toque queda hecha.';
}

/** "Reservar 10:30" (≤ 20 characters: WhatsApp's button limit). */
export function bookButton(lang: Language, time: string): string {
  const word = lang === 'en' ? 'Book' : lang === 'pt' ? 'Agendar' : 'Reservar';
  return `${word} ${time}`.slice(0, 20);
}

export function noThanksButton(lang: Language): string {
  return lang === 'en' ? 'No, thanks' : lang === 'pt' ? 'Não, obrigado' : 'No, gracias';
}
