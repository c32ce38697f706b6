/**
 * Sends one promotional offer through the one outbound path (kind 'upsell' / 'winback': the
 * privacy gate refuses it without marketing consent or after STOP) and settles its offer row.
 */
import type { Logger } from 'pino';
import type { Outbound } from '../engine/outbound.js';
import type { Db } from '../db/client.js';
import { WhatsAppError, type OutgoingMessage } from '../whatsapp/types.js';
import { settleOffer, type OfferKind } from './offers.js';

export const SERVICE_WINDOW_MS = 24 * 3_600_000;

export interface OfferContact {
  id: string;
  phone: string;
  lastInboundAt: Date | null;
  optedOutAt: Date | null;
  marketingConsent: boolean;
}

export async function sendOffer(
  deps: { prisma: Db; outbound: Outbound; now: () => Date; logger: Logger },
  o: {
    offerId: string;
    kind: OfferKind;
    contact: OfferContact;
    message: OutgoingMessage;
    template: OutgoingMessage | null;
    slots: string[];
  },
): Promise<'sent' | 'withheld' | 'skipped' | 'failed'> {
  const now = deps.now();
  const open = o.contact.lastInboundAt && now.getTime() - o.contact.lastInboundAt.getTime() < SERVICE_WINDOW_MS;
  if (!open && !o.template) {
    await settleOffer(deps.prisma, o.offerId, { status: 'skipped', reason: 'window-closed-no-template', now });
    deps.logger.info({ kind: o.kind }, 'offer skipped: outside the 24-hour window and no marketing template set');
    return 'skipped';
  }
  let out;
  try {
    out = await deps.outbound.send(o.contact, o.message, {
      key: `growth:${o.offerId}`,
      kind: o.kind,
      template: o.template,
    });
  } catch (err) {
    // E.g. 131049 (Meta's per-user marketing limit): not retried — an offer is not worth insisting.
    const code = err instanceof WhatsAppError ? err.code : undefined;
    await settleOffer(deps.prisma, o.offerId, { status: 'failed', reason: `whatsapp:${code ?? 'error'}`, now });
    deps.logger.warn({ kind: o.kind, code }, 'offer not delivered by WhatsApp; not retried');
    return 'failed';
  }
  if (out.status === 'waiting') return 'sent'; // an earlier attempt reached WhatsApp: its status settles it
  if (out.status === 'withheld') {
    await settleOffer(deps.prisma, o.offerId, { status: 'withheld', reason: out.reason, now });
    return 'withheld';
  }
  await settleOffer(deps.prisma, o.offerId, { status: 'sent', slots: o.slots, now });
  return 'sent';
}
