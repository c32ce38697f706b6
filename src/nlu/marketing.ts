/**
 * Issue 14: revoking marketing consent in the chat — "no quiero ofertas", "no more offers", "não
 * quero promoções". Only offers and publicity: messages about one's appointments keep going (that is
 * STOP, intent opt_out). Phrases on cleaned text (normalize.clean: lower case, no accents).
 */
import { expand, phrases } from './phrases.js';

const OFFERS_ES = ['ofertas', 'promociones', 'publicidad', 'novedades', 'descuentos', 'promos'];
const OFFERS_EN = ['offers', 'promotions', 'promos', 'deals', 'marketing', 'newsletters', 'ads'];
const OFFERS_PT = ['ofertas', 'promocoes', 'publicidade', 'novidades', 'descontos', 'promos'];

export const MARKETING_OPT_OUT = phrases([
  ...expand(
    ['no quiero', 'no quiero recibir', 'no deseo', 'no deseo recibir', 'no quiere', 'no me mandes', 'no me envies'],
    ['mas'],
    OFFERS_ES,
  ),
  ...expand(['no quiero', 'no quiero recibir', 'no deseo recibir', 'no me mandes', 'no me envies'], OFFERS_ES),
  ...expand(['no me manden', 'no me envien', 'no me mande', 'no me envie', 'no me mandeis'], ['mas'], OFFERS_ES),
  ...expand(['no me manden', 'no me envien', 'no me mande', 'no me envie', 'no me mandeis'], OFFERS_ES),
  ...expand(['sin', 'basta de', 'stop', 'baja de las', 'baja de'], OFFERS_ES),
  ...expand(['no more', 'no', 'stop', 'stop sending', 'stop sending me', 'unsubscribe from'], OFFERS_EN),
  ...expand(
    ["don't send me", 'dont send me', 'do not send me', "i don't want", 'i dont want', 'i do not want'],
    OFFERS_EN,
  ),
  ...expand(
    ["don't send me", 'dont send me', 'do not send me', "i don't want", 'i dont want', 'i do not want'],
    ['any', 'more'],
    OFFERS_EN,
  ),
  ...expand(['nao quero', 'nao quero receber', 'nao me mande', 'nao me envie', 'chega de', 'sem'], OFFERS_PT),
  ...expand(['nao quero', 'nao quero receber', 'nao me mande', 'nao me envie'], ['mais'], OFFERS_PT),
]);

/** "no quiero ofertas" and the like: marketing consent revoked (appointment messages go on). */
export const revokesMarketing = (cleaned: string): boolean => MARKETING_OPT_OUT.test(cleaned);
