/**
 * Pre-appointment reinforcement (issue 16): the "how to prepare" text of business.yaml (the booked
 * service's `prepare`, or `growth.prepare`), sent right after the 24 h reminder. A utility message
 * (kind 'reminder': stops at an opt-out); inside WhatsApp's 24-hour window only (a free-form text
 * cannot go outside it), once per booking and time (its key).
 */
import type { Logger } from 'pino';
import type { Language } from '../../machines/types.js';
import type { Outbound, Recipient } from '../engine/outbound.js';
import type { Knowledge } from '../knowledge/types.js';
import { pickText } from './messages.js';
import { SERVICE_WINDOW_MS } from './send.js';

export function prepareText(k: Knowledge | undefined, eventTypeId: number, lang: Language): string | undefined {
  if (!k) return undefined;
  const service = k.services.find((s) => s.calEventTypeId === eventTypeId);
  return pickText(service?.prepare ?? k.growth?.prepare, lang);
}

export async function sendPreparation(
  deps: { outbound: Outbound; knowledge?: Knowledge; now: () => Date; logger: Logger },
  contact: Recipient & { language: string | null },
  booking: { uid: string; eventTypeId: number; start: Date },
  o: { offset?: string; defaultLocale: Language },
): Promise<void> {
  if (o.offset !== '24h') return;
  const lang = ((contact.language as Language | null) ?? o.defaultLocale) as Language;
  const text = prepareText(deps.knowledge, booking.eventTypeId, lang);
  if (!text) return;
  const last = contact.lastInboundAt?.getTime();
  if (last === undefined || deps.now().getTime() - last >= SERVICE_WINDOW_MS) {
    deps.logger.info('preparation text not sent: outside the 24-hour window');
    return;
  }
  const head = lang === 'en' ? '📋 How to prepare:' : lang === 'pt' ? '📋 Como se preparar:' : '📋 Cómo prepararte:';
  await deps.outbound.send(
    contact,
    { type: 'text', body: `${head} ${text}`, meta: { purpose: 'preparation', bookingUid: booking.uid } },
    { key: `prepare:${booking.uid}@${booking.start.toISOString()}`, kind: 'reminder' },
  );
}
