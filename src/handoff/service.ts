/**
 * Hand-off to a person: the effects the `handoff` state asks for, the durable jobs that notify
 * staff (signed webhook, Chatwoot), and the staff actions (take over, write, release), which are
 * events to the conversation statechart so that staff messages follow the bot's path — same
 * outbox, same 24-hour-window rules.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from 'pino';
import type { ContactFacts, ConversationEvent, HandoffEndedBy, ReplySpec } from '../../machines/types.js';
import type { Db } from '../db/client.js';
import { cancelJobs, scheduleJob, type JobHandler } from '../scheduler/index.js';
import type { OutgoingMessage } from '../whatsapp/types.js';
import { createChatwootClient, type ChatwootClient } from './chatwoot-client.js';
import type { HandoffConfig } from './config.js';
import { describeInbound, inboundMessageOf, inboundToHistory, loadHistory } from './history.js';
import { isOpen, openingHours, type HoursSource } from './hours.js';
import { signWebhook, SIGNATURE_HEADER, TIMESTAMP_HEADER } from './signature.js';

/** WhatsApp's customer-service window. */
const WINDOW_MS = 24 * 3_600_000;

export interface HandoffDeps {
  prisma: Db;
  config: HandoffConfig;
  timeZone: string;
  businessHours: { start: number; end: number };
  /** The calendar provider: its `openingHours()` when it has one. */
  hours: HoursSource;
  templateLanguages: Record<string, string>;
  now: () => Date;
  logger: Logger;
  /** Feeds an event to a contact's conversation (the engine's way in). */
  deliver: (contactId: string, event: ConversationEvent) => Promise<void>;
  chatwoot?: ChatwootClient;
  fetch?: typeof fetch;
}

export type WebhookEventType = 'handoff.started' | 'handoff.message' | 'handoff.ended';

export class StaffMessageRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StaffMessageRefused';
  }
}

export interface HandoffService {
  /** Carries out a hand-off effect; undefined when `type` is not one of them. */
  runEffect(
    contact: { id: string; phone: string },
    effect: { type: string; params: unknown },
  ): Promise<ConversationEvent | null> | undefined;
  /** Job handlers for the scheduler worker. */
  handlers: Record<string, JobHandler>;
  /** The approved template for a staff message outside the 24-hour window (STAFF_TEMPLATE_NAME), or null. */
  templateFor(spec: ReplySpec, contact: ContactFacts): OutgoingMessage | null;
  takeOver(contactId: string, by?: string): Promise<void>;
  release(contactId: string, by?: string): Promise<void>;
  /** Refuses (StaffMessageRefused) when WhatsApp's window is closed and no template is configured. */
  sendStaffMessage(contactId: string, text: string, opts: { by?: string; via: 'admin' | 'chatwoot' }): Promise<void>;
  windowState(contactId: string): Promise<{ open: boolean; lastInboundAt: string | null; template: boolean }>;
  /** A verified Chatwoot webhook delivery: what was done with it. */
  acceptChatwootEvent(payload: unknown): Promise<string>;
  chatwoot: ChatwootClient | null;
}

interface ChatwootJob {
  handoffId: string;
  note?: { key: string; text: string };
}

export function createHandoffService(deps: HandoffDeps): HandoffService {
  const { prisma, config, logger } = deps;
  const doFetch = deps.fetch ?? fetch;
  const chatwoot = deps.chatwoot ?? (config.chatwoot ? createChatwootClient(config.chatwoot) : null);
  const locks = new Map<string, Promise<void>>();

  /** One Chatwoot sync at a time per hand-off in this process (the ledger covers the rest). */
  async function locked(key: string, task: () => Promise<void>): Promise<void> {
    const prev = locks.get(key) ?? Promise.resolve();
    const next = prev.catch(() => {}).then(task);
    locks.set(key, next);
    try {
      await next;
    } finally {
      if (locks.get(key) === next) locks.delete(key);
    }
  }

  const openHandoff = (contactId: string) =>
    prisma.handoff.findFirst({ where: { contactId, endedAt: null }, orderBy: { startedAt: 'desc' } });

  async function notify(tx: Db, handoffId: string, type: WebhookEventType, seq?: number, note?: ChatwootJob['note']) {
    const suffix = type === 'handoff.message' ? `msg:${seq ?? randomUUID()}` : type;
    const dueAt = deps.now();
    if (config.webhook)
      await scheduleJob(
        tx,
        {
          kind: 'handoff.webhook',
          key: `handoff.webhook:${handoffId}:${suffix}`,
          dueAt,
          payload: { handoffId, type, seq },
        },
        { now: deps.now },
      );
    if (chatwoot)
      await scheduleJob(
        tx,
        {
          kind: 'handoff.chatwoot',
          key: `handoff.chatwoot:${handoffId}:${note?.key ?? suffix}`,
          dueAt,
          payload: { handoffId, note } satisfies ChatwootJob,
        },
        { now: deps.now },
      );
  }

  async function start(contactId: string, reason: 'asked' | 'staff'): Promise<ConversationEvent> {
    const now = deps.now();
    // An effect may run twice (at-least-once): an open hand-off is the same one.
    const existing = await openHandoff(contactId);
    const handoff =
      existing ??
      (await prisma.$transaction(async (tx) => {
        const h = await tx.handoff.create({ data: { contactId, reason, startedAt: now } });
        await scheduleJob(
          tx as unknown as Db,
          {
            kind: 'conversation.event',
            key: `handoff-timeout:${h.id}`,
            dueAt: new Date(now.getTime() + config.timeoutMs),
            payload: { contactId, event: { type: 'HANDOFF_TIMEOUT', since: now.toISOString() } },
          },
          { now: deps.now },
        );
        await notify(tx as unknown as Db, h.id, 'handoff.started');
        return h;
      }));
    logger.info({ contactId, handoffId: handoff.id, reason }, 'conversation handed off to a person');
    const hours = await openingHours(deps.hours, deps.businessHours);
    return {
      type: 'HANDOFF_STARTED',
      since: handoff.startedAt.toISOString(),
      hours,
      openNow: isOpen(hours, now, deps.timeZone),
    };
  }

  async function end(contactId: string, by: HandoffEndedBy): Promise<void> {
    const handoff = await openHandoff(contactId);
    if (!handoff) return;
    await prisma.$transaction(async (tx) => {
      const closed = await tx.handoff.updateMany({
        where: { id: handoff.id, endedAt: null },
        data: { endedAt: deps.now(), endedBy: by },
      });
      if (closed.count !== 1) return;
      await cancelJobs(tx as unknown as Db, { keyPrefix: `handoff-timeout:${handoff.id}` });
      await notify(tx as unknown as Db, handoff.id, 'handoff.ended');
    });
    logger.info({ contactId, handoffId: handoff.id, by }, 'conversation back with the bot');
  }

  async function forward(contact: { id: string; phone: string }): Promise<void> {
    const handoff = await openHandoff(contact.id);
    if (!handoff) return;
    // The message being forwarded: the person's latest in the inbox (system events skipped).
    const recent = await prisma.inboxMessage.findMany({
      where: { phone: contact.phone },
      orderBy: { seq: 'desc' },
      take: 5,
      select: { seq: true, payload: true },
    });
    const last = recent.find((r) => inboundMessageOf(r.payload));
    await notify(prisma, handoff.id, 'handoff.message', last?.seq);
  }

  // ── jobs ────────────────────────────────────────────────────────────────────────────────────
  const webhookJob: JobHandler = async (job) => {
    if (!config.webhook) return;
    const { handoffId, type, seq } = job.payload as { handoffId: string; type: WebhookEventType; seq?: number };
    const handoff = await prisma.handoff.findUnique({ where: { id: handoffId }, include: { contact: true } });
    if (!handoff) return;
    const row = seq !== undefined ? await prisma.inboxMessage.findUnique({ where: { seq } }) : null;
    const message = row ? inboundToHistory(row) : null;
    const timestamp = Math.floor(Date.now() / 1000);
    const body = JSON.stringify({
      id: `${handoffId}:${type}${seq !== undefined ? `:${seq}` : ''}`,
      type,
      timestamp,
      contact: { id: handoff.contactId, phone: `+${handoff.contact.phone}`, name: handoff.contact.name },
      handoff: {
        id: handoff.id,
        reason: handoff.reason,
        startedAt: handoff.startedAt.toISOString(),
        endedAt: handoff.endedAt?.toISOString() ?? null,
        endedBy: handoff.endedBy,
        timeoutAt: new Date(handoff.startedAt.getTime() + config.timeoutMs).toISOString(),
      },
      ...(message ? { message: { text: message.text, at: message.at } } : {}),
    });
    let res: Response;
    try {
      res = await doFetch(config.webhook.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [SIGNATURE_HEADER]: signWebhook(body, config.webhook.secret),
          [TIMESTAMP_HEADER]: String(timestamp),
          'user-agent': 'Reserva-Handoff/1',
        },
        body,
        signal: AbortSignal.timeout(10_000),
      });
    } catch (err) {
      throw new Error(
        `hand-off webhook ${config.webhook.url} did not answer (${(err as Error).message}); it will be retried`,
      );
    }
    if (!res.ok)
      throw new Error(`hand-off webhook answered ${res.status}; it will be retried (the receiver must answer 2xx)`);
  };

  /** Claims a ledger key; false when it was taken already. */
  async function claim(key: string, handoffId: string | null): Promise<boolean> {
    try {
      await prisma.chatwootMessage.create({ data: { key, handoffId } });
      return true;
    } catch {
      return false;
    }
  }

  async function post(
    key: string,
    handoffId: string,
    conversationId: number,
    content: string,
    kind: 'incoming' | 'note',
  ) {
    if (!chatwoot || !(await claim(key, handoffId))) return;
    try {
      const m = await chatwoot.createMessage(conversationId, { content, kind });
      await prisma.chatwootMessage.update({ where: { key }, data: { chatwootMessageId: m.id } });
    } catch (err) {
      await prisma.chatwootMessage.delete({ where: { key } }).catch(() => {});
      throw err;
    }
  }

  async function syncChatwoot(handoffId: string, note?: ChatwootJob['note']): Promise<void> {
    if (!chatwoot) return;
    const cw = chatwoot;
    await locked(handoffId, async () => {
      const handoff = await prisma.handoff.findUnique({ where: { id: handoffId }, include: { contact: true } });
      if (!handoff) return;
      let conversationId = handoff.chatwootConversationId;
      if (!conversationId) {
        if (handoff.endedAt) return; // over before Chatwoot heard of it
        let link = await prisma.chatwootContact.findUnique({ where: { contactId: handoff.contactId } });
        if (!link) {
          const ref = await cw.ensureContact({
            phone: handoff.contact.phone,
            name: handoff.contact.name,
            identifier: `reserva:${handoff.contactId}`,
          });
          link = await prisma.chatwootContact.upsert({
            where: { contactId: handoff.contactId },
            create: { contactId: handoff.contactId, chatwootId: ref.id, sourceId: ref.sourceId },
            update: {},
          });
        }
        const conv = await cw.createConversation({
          contactId: link.chatwootId,
          sourceId: link.sourceId,
          reserva: { reserva_contact_id: handoff.contactId, reserva_handoff_id: handoff.id },
        });
        conversationId = conv.id;
        await prisma.handoff.update({ where: { id: handoff.id }, data: { chatwootConversationId: conversationId } });
        // The history so far, as one note for the agents; the person's messages in it are not mirrored again.
        const history = await loadHistory(prisma, handoff.contact.phone, { limit: 30 });
        for (const m of history) if (m.seq !== undefined) await claim(`in:${handoff.id}:${m.seq}`, handoff.id);
        const lines = history.map((m) => `${m.direction === 'in' ? '👤' : '🤖'} ${m.text}`);
        const intro =
          handoff.reason === 'asked' ? 'Reserva: this person asked for a person.' : 'Reserva: taken over by staff.';
        await post(
          `history:${handoff.id}`,
          handoff.id,
          conversationId,
          `${intro} Replies written here go out on WhatsApp; resolve the conversation to give it back to the ` +
          `bot.\n\n${lines.join('\n')}`,
          'note',
        );
      }
      // Every message the person sent since, in order.
      const inbound = await prisma.inboxMessage.findMany({
        where: { phone: handoff.contact.phone, receivedAt: { gte: handoff.startedAt } },
        orderBy: { seq: 'asc' },
      });
      for (const row of inbound) {
        const m = inboundMessageOf(row.payload);
        if (!m) continue;
        const text = describeInbound(m);
        await post(`in:${handoff.id}:${row.seq}`, handoff.id, conversationId, text || '(empty message)', 'incoming');
      }
      if (note) await post(`note:${note.key}`, handoff.id, conversationId, note.text, 'note');
      if (handoff.endedAt && (await claim(`resolved:${handoff.id}`, handoff.id))) {
        try {
          await cw.createMessage(conversationId, {
            content: `Reserva: the conversation is back with the bot (${handoff.endedBy ?? 'ended'}).`,
            kind: 'note',
          });
          await cw.setStatus(conversationId, 'resolved');
        } catch (err) {
          await prisma.chatwootMessage.delete({ where: { key: `resolved:${handoff.id}` } }).catch(() => {});
          throw err;
        }
      }
    });
  }

  const chatwootJob: JobHandler = async (job) => {
    const { handoffId, note } = job.payload as ChatwootJob;
    await syncChatwoot(handoffId, note);
  };

  async function windowState(contactId: string) {
    const c = await prisma.contact.findUnique({ where: { id: contactId }, select: { lastInboundAt: true } });
    const last = c?.lastInboundAt ?? null;
    return {
      open: last !== null && deps.now().getTime() - last.getTime() < WINDOW_MS,
      lastInboundAt: last?.toISOString() ?? null,
      template: Boolean(config.staffTemplateName),
    };
  }

  async function refuseOutsideWindow(contactId: string): Promise<void> {
    const w = await windowState(contactId);
    if (w.open || w.template) return;
    throw new StaffMessageRefused(
      `WhatsApp's 24-hour window is closed (the person last wrote ${w.lastInboundAt ?? 'never'}): a free-form ` +
      `message would not be delivered. ` +
        'Wait for the person to write, or set STAFF_TEMPLATE_NAME to an approved template whose body is {{1}}.',
    );
  }

  async function sendStaffMessage(contactId: string, text: string, opts: { by?: string; via: 'admin' | 'chatwoot' }) {
    await refuseOutsideWindow(contactId);
    await deps.deliver(contactId, { type: 'STAFF_MESSAGE', text, by: opts.by, via: opts.via });
    if (opts.via === 'admin' && chatwoot) {
      const handoff = await openHandoff(contactId);
      if (handoff) {
        const key = randomUUID();
        await scheduleJob(
          prisma,
          {
            kind: 'handoff.chatwoot',
            key: `handoff.chatwoot:${handoff.id}:${key}`,
            dueAt: deps.now(),
            payload: {
              handoffId: handoff.id,
              note: { key, text: `Sent from the Reserva inbox${opts.by ? ` by ${opts.by}` : ''}: ${text}` },
            } satisfies ChatwootJob,
          },
          { now: deps.now },
        );
      }
    }
  }

  /** An agent's reply in Chatwoot, sent on to the person (job: retried if the engine is busy). */
  const staffFromChatwoot: JobHandler = async (job) => {
    const { handoffId, text, by } = job.payload as { handoffId: string; text: string; by?: string };
    const handoff = await prisma.handoff.findUnique({ where: { id: handoffId } });
    if (!handoff) return;
    const tell = async (message: string) => {
      if (handoff.chatwootConversationId && chatwoot)
        await chatwoot
          .createMessage(handoff.chatwootConversationId, { content: message, kind: 'note' })
          .catch(() => {});
    };
    if (handoff.endedAt) {
      await tell(
        'Reserva: not sent — this conversation is back with the bot. Take it over again from the Reserva inbox ' +
        '(/admin) to write to the person.',
      );
      return;
    }
    try {
      await sendStaffMessage(handoff.contactId, text, { by, via: 'chatwoot' });
    } catch (err) {
      if (err instanceof StaffMessageRefused) await tell(`Reserva: not sent — ${err.message}`);
      else throw err;
    }
  };

  /** Resolved in Chatwoot: the bot answers again (only if that hand-off is still the open one). */
  const releaseFromChatwoot: JobHandler = async (job) => {
    const { handoffId } = job.payload as { handoffId: string };
    const handoff = await prisma.handoff.findUnique({ where: { id: handoffId } });
    if (!handoff || handoff.endedAt) return;
    await deps.deliver(handoff.contactId, { type: 'STAFF_RELEASED', via: 'chatwoot' });
  };

  async function acceptChatwootEvent(raw: unknown): Promise<string> {
    const p = (raw ?? {}) as Record<string, unknown>;
    const event = String(p.event ?? '');
    const conversation = (p.conversation ?? {}) as Record<string, unknown>;
    if (event === 'message_created') {
      const type = p.message_type;
      if (type !== 'outgoing' && type !== 1) return 'ignored: not an agent message';
      if (p.private === true) return 'ignored: private note';
      const content = typeof p.content === 'string' ? p.content.trim() : '';
      const conversationId = Number(conversation.id);
      const handoff = Number.isInteger(conversationId)
        ? await prisma.handoff.findFirst({ where: { chatwootConversationId: conversationId } })
        : null;
      if (!handoff) return 'ignored: not a Reserva hand-off conversation';
      if (!(await claim(`agent:${String(p.id)}`, handoff.id))) return 'ignored: seen before';
      if (!content) {
        if (chatwoot)
          await chatwoot
            .createMessage(conversationId, {
              content: 'Reserva: only text can be sent on to WhatsApp; attachments were not sent.',
              kind: 'note',
            })
            .catch(() => {});
        return 'ignored: no text';
      }
      const sender = (p.sender ?? {}) as Record<string, unknown>;
      await scheduleJob(
        prisma,
        {
          kind: 'handoff.staff',
          key: `handoff.staff:${String(p.id)}`,
          dueAt: deps.now(),
          payload: {
            handoffId: handoff.id,
            text: content.slice(0, 4096),
            by: typeof sender.name === 'string' ? sender.name : undefined,
          },
        },
        { now: deps.now },
      );
      return 'queued: agent reply';
    }
    if (
      event === 'conversation_status_changed' ||
      event === 'conversation_updated' ||
      event === 'conversation_resolved'
    ) {
      const status = p.status ?? conversation.status;
      const conversationId = Number(p.id ?? conversation.id);
      if (status !== 'resolved' || !Number.isInteger(conversationId)) return 'ignored: not resolved';
      const handoff = await prisma.handoff.findFirst({
        where: { chatwootConversationId: conversationId, endedAt: null },
      });
      if (!handoff) return 'ignored: no open hand-off for this conversation';
      await scheduleJob(
        prisma,
        {
          kind: 'handoff.release',
          key: `handoff.release:${handoff.id}`,
          dueAt: deps.now(),
          payload: { handoffId: handoff.id },
        },
        { now: deps.now },
      );
      return 'queued: release';
    }
    return `ignored: event ${event || '(none)'}`;
  }

  return {
    runEffect(contact, effect) {
      const params = (effect.params ?? {}) as Record<string, unknown>;
      switch (effect.type) {
        case 'handoff':
          return start(contact.id, params.reason === 'staff' ? 'staff' : 'asked');
        case 'endHandoff':
          return end(contact.id, (params.by as HandoffEndedBy) ?? 'staff').then(() => null);
        case 'forwardToStaff':
          return forward(contact).then(() => null);
        default:
          return undefined;
      }
    },
    handlers: {
      'handoff.webhook': webhookJob,
      'handoff.chatwoot': chatwootJob,
      'handoff.staff': staffFromChatwoot,
      'handoff.release': releaseFromChatwoot,
    },
    templateFor(spec, contact) {
      if (spec.key !== 'staffMessage' || !config.staffTemplateName) return null;
      return {
        type: 'template',
        name: config.staffTemplateName,
        language: deps.templateLanguages[contact.language] ?? contact.language,
        bodyParams: [spec.text.slice(0, 1024)],
        preview: spec.text,
      };
    },
    takeOver: (contactId, by) => deps.deliver(contactId, { type: 'STAFF_TOOK_OVER', by }),
    release: (contactId, by) => deps.deliver(contactId, { type: 'STAFF_RELEASED', by, via: 'admin' }),
    sendStaffMessage,
    windowState,
    acceptChatwootEvent,
    chatwoot,
  };
}
