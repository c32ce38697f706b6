/**
 * Every message Reserva sends goes through here (conversation replies, reminders, notices about
 * changes made by the business, the rating question): one row per idempotency key records the
 * intent before WhatsApp is called, so a retry never sends blindly what may already have gone.
 *
 * - Intent recorded, answer recorded: a retry finds the WhatsApp id and sends nothing.
 * - Intent recorded, no answer (the process died during the call): the message carries our row id
 *   as `biz_opaque_callback_data`; its status webhook reconciles the row. The retry waits
 *   `reconcileGraceMs` for that, and sends again only when no status came (the call never reached
 *   WhatsApp, as far as anyone can tell).
 * - Pacing: at most `perSecond` messages a second (the number's throughput tier); WhatsApp's
 *   130429 (throughput reached) pauses all sending with exponential backoff.
 * - Outside WhatsApp's 24-hour window the approved template goes instead of the free-form message
 *   (by the last inbound message, or because WhatsApp answered 131047): exactly one of them.
 */
import type { Logger } from 'pino';
import type { Db } from '../db/client.js';
import type { LeaseRelease, TurnStore } from '../db/turns.js';
import type { MessageKind } from '../privacy/gate.js';
import type { Privacy } from '../privacy/service.js';
import { WhatsAppError, type OutgoingMessage, type WhatsAppSender } from '../whatsapp/types.js';

/** WhatsApp's customer-service window: free-form messages only within 24 h of the person's last message. */
export const SERVICE_WINDOW_MS = 24 * 3_600_000;

export interface Recipient {
  phone: string;
  /** The person's last inbound message, when known; needed only with a template. */
  lastInboundAt?: Date | null;
  /** Issue 14, for the privacy gate: from the contact row the caller already holds (no second read). */
  optedOutAt?: Date | string | number | null;
  marketingConsent?: boolean | number | null;
}

export type SendOutcome =
  /** Sent now (which one: free-form or template). */
  | { status: 'sent'; which: 'free-form' | 'template' }
  /** Sent by an earlier attempt: nothing was sent now. */
  | { status: 'already-sent' }
  /** An earlier attempt may have reached WhatsApp; waiting for its status webhook. */
  | { status: 'waiting'; retryInMs: number }
  /** Not sent: the privacy gate refused it (opted out, or no marketing consent); the caller closes its row. */
  | { status: 'withheld'; reason: string };

export interface Outbound {
  send(
    to: Recipient,
    message: OutgoingMessage,
    o: {
      key: string;
      template?: OutgoingMessage | null;
      effectSeq?: number;
      /** What the message is (issue 14): the privacy gate decides by it. */
      kind: MessageKind;
      /** Issue 12: the engine's last known work for the person: recording the send gives the lease back. */
      release?: LeaseRelease;
    },
  ): Promise<SendOutcome>;
  /** Status webhooks that name our rows (callback data): the message went out. */
  reconcile(statuses: Array<{ messageId: string; callbackData?: string }>): Promise<void>;
}

export interface OutboundOptions {
  store: TurnStore;
  sender: WhatsAppSender;
  logger: Logger;
  now: () => Date;
  /** Messages per second (the number's throughput tier; Meta's default is 80). */
  perSecond?: number;
  reconcileGraceMs?: number;
  /** Issue 10: where the fallback template of a free-form message is noted (for a later 131047). */
  prisma?: Db;
  /** The privacy gate (issue 14): asked before every send. */
  privacy: Pick<Privacy, 'mayDeliver'>;
}

const CALLBACK_PREFIX = 'reserva:';

/**
 * Insights (issue 15): what the message is for, stored with it — its kind (`meta.purpose`, see
 * src/insights/kinds.ts; "other" when the sender gave none), the booking it is about and, for a
 * template, the template's name — so the figures group by stored columns, never by parsing bodies.
 */
export function insightColumns(message: OutgoingMessage): {
  purpose: string;
  bookingUid: string | null;
  template: string | null;
} {
  return {
    purpose: message.meta?.purpose ?? 'other',
    bookingUid: message.meta?.bookingUid ?? null,
    template: message.type === 'template' ? message.name : null,
  };
}

/** A token bucket: at most `perSecond` acquisitions a second, and a shared pause after 130429. */
export function createPacer(perSecond: number, clock: () => number = Date.now) {
  let tokens = perSecond;
  let last = clock();
  let pausedUntil = 0;
  let backoffMs = 0;
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
  return {
    async take(): Promise<void> {
      for (;;) {
        const now = clock();
        if (pausedUntil > now) {
          await sleep(pausedUntil - now);
          continue;
        }
        tokens = Math.min(perSecond, tokens + ((now - last) / 1000) * perSecond);
        last = now;
        if (tokens >= 1) {
          tokens -= 1;
          return;
        }
        await sleep(Math.ceil(((1 - tokens) / perSecond) * 1000));
      }
    },
    /** WhatsApp said 130429: everyone waits, longer each time (1 s, 2 s, … 60 s). */
    throttled(retryAfterMs?: number): number {
      backoffMs = Math.min(60_000, backoffMs ? backoffMs * 2 : 1000);
      const wait = Math.max(backoffMs, retryAfterMs ?? 0);
      pausedUntil = clock() + wait;
      tokens = 0;
      return wait;
    },
    ok(): void {
      backoffMs = 0;
    },
  };
}

/**
 * Issue 10: WhatsApp may report 131047 (window closed) only later, in a `failed` status; the
 * template to send then is kept on the message's row (src/whatsapp/delivery.ts reads it).
 */
async function rememberFallback(prisma: Db | undefined, key: string, template: OutgoingMessage): Promise<void> {
  if (!prisma) return;
  await prisma.outboundMessage.updateMany({
    where: { idempotencyKey: key, fallback: null },
    data: { fallback: JSON.stringify(template) },
  });
}

/** A send without an answer (timeout, dropped connection): WhatsApp may have the message. */
const uncertainSend = (err: unknown) => err instanceof WhatsAppError && err.info.uncertain === true;

export function createOutbound(opts: OutboundOptions): Outbound {
  const { store, sender, logger, now, privacy } = opts;
  const graceMs = opts.reconcileGraceMs ?? 30_000;
  const pacer = createPacer(opts.perSecond ?? 80);

  async function sendOnce(
    phone: string,
    message: OutgoingMessage,
    key: string,
    effectSeq?: number,
    release?: LeaseRelease,
  ): Promise<SendOutcome> {
    const intent = await store.intent({
      key,
      phone,
      kind: message.type,
      body: JSON.stringify(message),
      at: now(),
      ...insightColumns(message),
    });
    if (intent.waMessageId) {
      if (effectSeq !== undefined) await store.finish('effect', effectSeq, 'done', now(), undefined, release);
      return { status: 'already-sent' };
    }
    if (!intent.fresh && intent.status === 'sending') {
      const age = now().getTime() - intent.createdAt.getTime();
      if (age >= 0 && age < graceMs) return { status: 'waiting', retryInMs: graceMs - age };
      logger.warn(
        { outboundId: intent.id },
        'no status ever came for a message whose send was interrupted: sending it again',
      );
    }
    for (let attempt = 0; ; attempt++) {
      await pacer.take();
      try {
        const { messageId } = await sender.send(phone, message, { callbackData: `${CALLBACK_PREFIX}${intent.id}` });
        pacer.ok();
        await store.sent(intent.id, messageId, now(), effectSeq, release);
        return { status: 'sent', which: message.type === 'template' ? 'template' : 'free-form' };
      } catch (err) {
        if (err instanceof WhatsAppError && err.code === 130429 && attempt < 5) {
          const wait = pacer.throttled(err.info.retryAfterMs);
          logger.warn({ waitMs: wait }, 'WhatsApp throughput limit reached (130429): pausing sends');
          continue;
        }
        // Issue 10: no answer (timeout): the row stays "sending"; its status webhook settles it.
        if (uncertainSend(err)) {
          logger.warn({ outboundId: intent.id }, 'WhatsApp did not answer: waiting for the status webhook');
          // Unless its status webhook came first (Meta took it before our timeout fired).
          await opts.prisma?.outboundMessage.updateMany({
            where: { id: intent.id, waMessageId: null },
            data: { uncertain: true },
          });
          throw err;
        }
        const code = err instanceof WhatsAppError ? (err.code ?? null) : null;
        await store.failedSend(intent.id, code, (err as Error).message);
        throw err;
      }
    }
  }

  return {
    async send(to, message, o) {
      const decision = await privacy.mayDeliver(to /* phone, optedOutAt, marketingConsent */, o.kind);
      if (!decision.allowed) {
        logger.info({ kind: o.kind, reason: decision.reason }, 'message withheld by the privacy gate');
        return { status: 'withheld', reason: decision.reason }; // the caller closes its outbox row as done
      }
      const template = o.template ?? null;
      if (!template) return sendOnce(to.phone, message, o.key, o.effectSeq, o.release);
      const last = to.lastInboundAt?.getTime();
      const open = last !== undefined && now().getTime() - last < SERVICE_WINDOW_MS;
      if (open) {
        try {
          const sent = await sendOnce(to.phone, message, o.key, o.effectSeq, o.release);
          if (template !== message) await rememberFallback(opts.prisma, o.key, template);
          return sent;
        } catch (err) {
          if (!(err instanceof WhatsAppError && err.windowClosed)) throw err;
        }
      }
      return sendOnce(to.phone, template, `${o.key}:template`, o.effectSeq, o.release);
    },

    async reconcile(statuses) {
      const rows = statuses
        .filter((s) => s.callbackData?.startsWith(CALLBACK_PREFIX))
        .map((s) => ({ id: s.callbackData!.slice(CALLBACK_PREFIX.length), waMessageId: s.messageId }));
      await store.reconcile(rows);
    },
  };
}
