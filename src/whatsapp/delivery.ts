/**
 * What happens after WhatsApp accepted a message: failures arrive later as `failed` statuses, and a
 * send whose answer never came is settled by the status webhooks instead of being repeated.
 *
 * - 131047 (window closed) on a message sent with a fallback template (reminders, notices): the
 *   template goes instead, once.
 * - 131026 (cannot receive) / 131049 (held back for engagement): recorded as undeliverable, not retried.
 * - 130429 (throughput) / 131056 (pair rate limit, about one message every 6 s to one person in
 *   bursts): further sends to that person are paused and the message is re-sent after the pause.
 * - A send that timed out (OutboundMessage.uncertain) carries its row id as biz_opaque_callback_data:
 *   a status webhook with that id links and settles it; if none came within two minutes, Meta did not
 *   take it and it is sent once more (`whatsapp.reconcile`).
 * - `system` messages: the person's number (or business-scoped user id) changed: the contact follows.
 */
import type { Logger } from 'pino';
import type { Db } from '../db/client.js';
import { cancelJobs, scheduleJob, type JobHandler } from '../scheduler/index.js';
import type { OutgoingMessage, StatusUpdate, SystemEvent, WhatsAppSender } from './types.js';
import { WhatsAppError } from './types.js';

export interface DeliveryOptions {
  prisma: Db;
  sender: WhatsAppSender;
  now: () => Date;
  logger: Pick<Logger, 'info' | 'warn'>;
  /** Pause after 131056 before the same person gets another message. Default 6 s. */
  pairPauseMs?: number;
}

const UNDELIVERABLE = new Set([131026, 131049]);
const PACING = new Set([130429, 131056]);
/** A message is re-sent at most this many times in a row (pacing). */
const MAX_RESENDS = 3;

export function createDelivery(opts: DeliveryOptions) {
  const { prisma, logger } = opts;
  const pairPause = opts.pairPauseMs ?? 6_000;

  /** Claims the single resend of `rowId` (a unique job key written as done); false when taken. */
  async function claimResend(rowId: string): Promise<boolean> {
    try {
      const now = opts.now();
      await prisma.job.create({ data: { key: `resent:${rowId}`, kind: 'sent', payload: '{}', dueAt: now, status: 'done', doneAt: now } });
      return true;
    } catch (err) {
      if ((err as { code?: string }).code === 'P2002') return false;
      throw err;
    }
  }

  async function depth(rowId: string): Promise<number> {
    let n = 0;
    let id: string | null = rowId;
    while (id && n <= MAX_RESENDS) {
      const row: { resendOf: string | null } | null = await prisma.outboundMessage.findUnique({ where: { id }, select: { resendOf: true } });
      id = row?.resendOf ?? null;
      if (id) n++;
    }
    return n;
  }

  /** Sends `message` as a new row that re-sends `of`. */
  async function resend(of: { id: string; phone: string }, message: OutgoingMessage): Promise<void> {
    const row = await prisma.outboundMessage.create({ data: { phone: of.phone, kind: message.type, body: JSON.stringify(message), status: 'queued', resendOf: of.id } });
    try {
      const { messageId } = await opts.sender.send(of.phone, message, { ref: row.id });
      await prisma.outboundMessage.update({ where: { id: row.id }, data: { waMessageId: messageId, status: 'sent', sentAt: opts.now() } });
    } catch (err) {
      const uncertain = err instanceof WhatsAppError && err.info.uncertain;
      await prisma.outboundMessage.update({
        where: { id: row.id },
        data: { status: uncertain ? 'uncertain' : 'failed', uncertain: Boolean(uncertain), errorCode: err instanceof WhatsAppError ? (err.code ?? null) : null, errorTitle: (err as Error).message.slice(0, 500) },
      });
      if (!uncertain) throw err;
    }
  }

  async function onStatuses(statuses: StatusUpdate[]): Promise<void> {
    for (const s of statuses) {
      let row = s.ref ? await prisma.outboundMessage.findUnique({ where: { id: s.ref } }) : null;
      row ??= await prisma.outboundMessage.findUnique({ where: { waMessageId: s.messageId } });
      if (!row) continue;
      if (!row.waMessageId) {
        // The send that timed out did reach Meta: link it; nothing is sent again.
        await prisma.outboundMessage.update({
          where: { id: row.id },
          data: { waMessageId: s.messageId, uncertain: false, status: s.status, ...(s.status === 'failed' ? { errorCode: s.errorCode ?? null, errorTitle: s.errorTitle ?? null } : { sentAt: new Date(s.timestamp) }) },
        });
        await cancelJobs(prisma, { keyPrefix: `whatsapp.reconcile:${row.id}` });
        logger.info({ outboundId: row.id }, 'a send that timed out was accepted by WhatsApp after all');
      }
      if (s.status !== 'failed' || s.errorCode === undefined) continue;
      if (s.errorCode === 131047 && row.fallback) {
        if (!(await claimResend(row.id))) continue;
        logger.info({ outboundId: row.id }, 'window closed (131047 reported later): sending the approved template instead');
        await resend(row, JSON.parse(row.fallback) as OutgoingMessage).catch((err: Error) => logger.warn({ err: err.message }, 'the template could not be sent either'));
      } else if (UNDELIVERABLE.has(s.errorCode)) {
        await prisma.outboundMessage.update({ where: { id: row.id }, data: { status: 'undeliverable', errorCode: s.errorCode, errorTitle: s.errorTitle ?? null } });
        await cancelJobs(prisma, { keyPrefix: `whatsapp.resend:${row.id}` });
        logger.warn({ outboundId: row.id, code: s.errorCode }, 'WhatsApp cannot deliver this message: recorded, not retried');
      } else if (PACING.has(s.errorCode)) {
        const pause = s.errorCode === 131056 ? pairPause : Math.max(pairPause, 30_000);
        opts.sender.pause?.(row.phone, pause);
        if ((await depth(row.id)) >= MAX_RESENDS) {
          logger.warn({ outboundId: row.id }, 'rate-limited again after several re-sends: giving up on this message');
          continue;
        }
        await scheduleJob(prisma, { kind: 'whatsapp.resend', key: `whatsapp.resend:${row.id}`, dueAt: new Date(opts.now().getTime() + pause), payload: { outboundId: row.id } }, { now: opts.now });
      }
    }
  }

  async function onSystem(events: SystemEvent[]): Promise<void> {
    for (const e of events) {
      const contact = await prisma.contact.findUnique({ where: { phone: e.from } });
      if (!contact) continue;
      const next = e.kind === 'number_changed' ? e.newPhone : e.newUserId;
      const taken = await prisma.contact.findUnique({ where: { phone: next } });
      if (taken) {
        logger.warn({ contactId: contact.id }, 'the person changed number to one that already has a contact: both kept');
        continue;
      }
      await prisma.contact.update({ where: { id: contact.id }, data: { phone: next } });
      logger.info({ contactId: contact.id, kind: e.kind }, 'the person changed number: contact updated');
    }
  }

  const resendJob: JobHandler = async (job) => {
    const { outboundId } = job.payload as { outboundId: string };
    const row = await prisma.outboundMessage.findUnique({ where: { id: outboundId } });
    if (!row || row.status === 'undeliverable' || !(await claimResend(row.id))) return;
    await resend(row, JSON.parse(row.body) as OutgoingMessage);
  };

  const reconcileJob: JobHandler = async (job) => {
    const { outboundId } = job.payload as { outboundId: string };
    const row = await prisma.outboundMessage.findUnique({ where: { id: outboundId } });
    // Settled by a status webhook meanwhile: it was sent.
    if (!row || !row.uncertain || row.waMessageId) return;
    if (!(await claimResend(row.id))) return;
    logger.info({ outboundId: row.id }, 'no status ever came for a send that timed out: WhatsApp did not take it, sending it once more');
    await prisma.outboundMessage.update({ where: { id: row.id }, data: { status: 'failed', uncertain: false } });
    await resend(row, JSON.parse(row.body) as OutgoingMessage);
  };

  return { onStatuses, onSystem, handlers: { 'whatsapp.resend': resendJob, 'whatsapp.reconcile': reconcileJob } };
}

export type Delivery = ReturnType<typeof createDelivery>;
