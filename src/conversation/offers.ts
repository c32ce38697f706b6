/**
 * Promotional offers (issue 16) from the same catalogs as every reply, so they speak the person's
 * language and register: the add-on after a booking (upsell) and free times after a cancellation
 * or a no-show (win-back). A text the business wrote in business.yaml replaces the body (it is
 * content, like the FAQ answers); the buttons always come from the catalog.
 */
import type { ContactFacts } from '../../machines/types.js';
import type { MessageMeta, OutgoingMessage } from '../whatsapp/types.js';
import { BUTTON } from './buttons.js';
import { catalogFor } from './catalog/index.js';
import { buttons } from './messages.js';

type Voiced = Pick<ContactFacts, 'language' | 'formality'>;
type Meta = MessageMeta;

const withMeta = (m: OutgoingMessage, meta: Meta): OutgoingMessage => ({ ...m, meta });

/** "¿Quieres añadir *Peeling facial* justo después, a las 10:30? …" with "Reservar 10:30" and "No, gracias". */
export function renderUpsell(
  contact: Voiced,
  o: {
    service: string;
    time: string;
    position: 'before' | 'after';
    /** The v1:take button id of the add-on slot. */
    take: string;
    /** The business's own text, already filled in. */
    body?: string;
    meta: Meta;
  },
): OutgoingMessage {
  const c = catalogFor(contact);
  const body = o.body ?? c.texts.upsellOffer({ service: o.service, time: o.time, position: o.position });
  return withMeta(
    buttons(
      body,
      [
        { id: o.take, title: c.texts.offerBook({ time: o.time }) },
        { id: BUTTON.noThanks, title: c.labels.offerNo },
      ],
      c.labels.options,
    ),
    o.meta,
  );
}

/** "¡Hola, Ana! Tenemos horas libres estos días. …" with one button per free time (a list past three). */
export function renderWinback(
  contact: Voiced,
  o: {
    name: string;
    slots: Array<{ id: string; title: string }>;
    /** The business's own text, already filled in. */
    body?: string;
    meta: Meta;
  },
): OutgoingMessage {
  const c = catalogFor(contact);
  const body = o.body ?? c.texts.winbackOffer({ name: o.name });
  return withMeta(buttons(body, o.slots, c.labels.seeTimes), o.meta);
}
