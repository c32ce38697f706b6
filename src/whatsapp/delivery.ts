/**
 * What happens after WhatsApp accepted a message (issue 10): failures arrive later as `failed`
 * statuses. Sends go through the one outbound path (src/engine/outbound.ts) again, with their own
 * idempotency keys, so a status webhook delivered twice never sends twice.
 *
 * - 131047 (the 24-hour window closed) on a message sent with a fallback template (reminders,
 *   notices): the template goes instead, once.
 * - 131026 (cannot receive) / 131049 (held back for ecosystem engagement): recorded as
 *   undeliverable, never retried.
 * - 130429 (throughput) / 131056 (pair rate limit: about one message every 6 s to one person in
 *   bursts): the message is re-sent after a pause that doubles each time (WHATSAPP_PAIR_PAUSE, then
 *   ×2, ×4), at most three times; 130429 also pauses every send (the outbound pacer).
 * - `system` messages: the person's number (or business-scoped user id) changed: the contact follows.
 * A send that timed out is not repeated here: the outbound ledger waits for its status webhook
 * (biz_opaque_callback_data) before sending again (outbound.ts).
 */
import type { Logger } from 'pino';
import type { Db } from '../db/client.js';
import type { Outbound } from '../engine/outbound.js';
import { cancelJobs, scheduleJob, type JobHandler } from '../scheduler/index.js';
import type { OutgoingMessage, StatusUpdate, SystemEvent } from './types.js';
import type { MessageKind } from '../privacy/gate.js';

export interface DeliveryOptions {
  prisma: Db;
  outbound: Pick<Outbound, 'send'>;
  now: () => Date;
  logger: Pick<Logger, 'info' | 'warn'>;
  /** The pause before the first re-send after 131056 / 130429. Default 6 s. */
  pairPauseMs?: number;
}

export const RESEND_KIND = 'whatsapp.resend';
const UNDELIVERABLE = new Set([131026, 131049]);
const PACING = new Set([130429, 131056]);
/** A message is re-sent at most this many times in a row (pacing). */
export const MAX_RESENDS = 3;
const CALLBACK_PREFIX = 'reserva:';

/** The re-send number n of a key ("…:resend:2" → 2), 0 for an original. */
const resendsOf = (key: string | null) => Number(/:resend:(\d+)$/.exec(key ?? '')?.[1] ?? 0);
const baseKey = (key: string) => key.replace(/:resend:\d+$/, '');

/** Pause before re-send n (1-based): the pair pause, doubled each time (6 s, 12 s, 24 s). */
export const resendPause = (pairPauseMs: number, n: number, code: number) =>
  Math.max(pairPauseMs, code === 130429 ? 30_000 : 0) * 2 ** (n - 1);

/**
 * The privacy gate's kind of a stored message, from its insight purpose (src/insights/kinds.ts):
 * replies stay replies, promotions stay promotions, anything else is a utility message that an
 * opt-out stops (a reminder's rules).
 */
export function gateKindOf(purpose: string | null): MessageKind {
  if (!purpose || purpose.startsWith('reply.')) return 'reply';
  if (purpose === 'upsell') return 'upsell';
  if (purpose === 'winBack') return 'winback';
  if (purpose === 'feedbackQuestion') return 'feedback';
  if (purpose === 'changeNotice' || purpose === 'noShowNotice') return 'change';
  return 'reminder';
}

export function createDelivery(opts: DeliveryOptions) {
  const { prisma, logger } = opts;
  const pairPause = opts.pairPauseMs ?? 6_000;

  async function rowOf(s: StatusUpdate) {
    const id = s.callbackData?.startsWith(CALLBACK_PREFIX) ? s.callbackData.slice(CALLBACK_PREFIX.length) : null;
    return (
      (id ? await prisma.outboundMessage.findUnique({ where: { id } }) : null) ??
      (await prisma.outboundMessage.findUnique({ where: { waMessageId: s.messageId } }))
    );
  }

  /** Failed statuses of messages WhatsApp had accepted. */
  async function onStatuses(statuses: StatusUpdate[]): Promise<void> {
    for (const s of statuses) {
      // A send that timed out and was accepted after all is settled by the outbound ledger's
      // reconcile (the status names our row); only failures need more.
      if (s.status !== 'failed' || s.errorCode === undefined) continue;
      const row = await rowOf(s);
      if (!row?.idempotencyKey) continue;
      const code = s.errorCode;
      if (code === 131047 && row.fallback) {
        logger.info({ outboundId: row.id }, 'window closed (131047 reported later): sending the approved template');
        const template = JSON.parse(row.fallback) as OutgoingMessage;
        await opts.outbound
          .send(await recipientOf(row.phone), template, {
            key: `${row.idempotencyKey}:fallback`,
            kind: gateKindOf(row.purpose),
          })
          .catch((err: Error) => logger.warn({ err: err.message }, 'the template could not be sent either'));
      } else if (UNDELIVERABLE.has(code)) {
        // The status itself is recorded as `failed` with its code (src/engine/statuses.ts, insights
        // count it); a re-send already planned for this message is dropped.
        await cancelJobs(prisma, { keyPrefix: `${RESEND_KIND}:${row.id}` });
        logger.warn({ outboundId: row.id, code }, 'WhatsApp cannot deliver this message: recorded, not retried');
      } else if (PACING.has(code)) {
        const n = resendsOf(row.idempotencyKey) + 1;
        if (n > MAX_RESENDS) {
          logger.warn({ outboundId: row.id }, 'rate-limited again after several re-sends: giving up on this message');
          continue;
        }
        const wait = resendPause(pairPause, n, code);
        await scheduleJob(
          prisma,
          {
            kind: RESEND_KIND,
            key: `${RESEND_KIND}:${row.id}`,
            dueAt: new Date(opts.now().getTime() + wait),
            payload: { outboundId: row.id, n },
          },
          { now: opts.now },
        );
        logger.info({ outboundId: row.id, code, waitMs: wait }, 'WhatsApp rate limit: re-sending after a pause');
      }
    }
  }

  /** `system` messages: the person's number (or user id) changed; the contact follows. */
  async function onSystem(events: SystemEvent[]): Promise<void> {
    for (const e of events) {
      const contact = await prisma.contact.findUnique({ where: { phone: e.from } });
      if (!contact) continue;
      const next = e.kind === 'number_changed' ? e.newPhone : e.newUserId;
      if (await prisma.contact.findUnique({ where: { phone: next } })) {
        logger.warn(
          { contactId: contact.id },
          'the person changed number to one that already has a contact: both kept',
        );
        continue;
      }
      await prisma.contact.update({ where: { id: contact.id }, data: { phone: next } });
      logger.info({ contactId: contact.id, kind: e.kind }, 'the person changed number: contact updated');
    }
  }

  /**
   * A re-send passes the privacy gate like the first send did (issue 14): as the contact stands now
   * (an opt-out since then holds) and as the kind the stored purpose says it was.
   */
  async function recipientOf(phone: string) {
    const contact = await prisma.contact.findUnique({
      where: { phone },
      select: { phone: true, lastInboundAt: true, optedOutAt: true, marketingConsent: true },
    });
    return contact ?? { phone };
  }

  const resend: JobHandler = async (job) => {
    const { outboundId, n } = job.payload as { outboundId: string; n: number };
    const row = await prisma.outboundMessage.findUnique({ where: { id: outboundId } });
    if (!row?.idempotencyKey || (row.errorCode !== null && UNDELIVERABLE.has(row.errorCode))) return;
    const resendOf = row.id;
    await opts.outbound.send(await recipientOf(row.phone), JSON.parse(row.body) as OutgoingMessage, {
      key: `${baseKey(row.idempotencyKey)}:resend:${n}`,
      kind: gateKindOf(row.purpose),
    });
    await prisma.outboundMessage.updateMany({
      where: { idempotencyKey: `${baseKey(row.idempotencyKey)}:resend:${n}` },
      data: { resendOf },
    });
  };

  return { onStatuses, onSystem, handlers: { [RESEND_KIND]: resend } };
}

export type Delivery = ReturnType<typeof createDelivery>;
