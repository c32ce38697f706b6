/**
 * The conversation engine. For each inbound message: load the person's snapshot, compute the next
 * snapshot and its effects with XState's pure `transition()`, persist both in one transaction
 * (optimistic version check; effects as an outbox), then carry the effects out — their results come
 * back to the machine as events, through the same path.
 */
import { transition } from 'xstate';
import type { Logger } from 'pino';
import { conversationMachine, MACHINE_VERSION } from '../../machines/conversation.js';
import type { BookingSummary, ContactFacts, ConversationEvent, Language } from '../../machines/types.js';
import type { CalendarProvider, EventTypeInfo } from '../calendar/types.js';
import type { Database, Db, Tx } from '../db/client.js';
import type { InboundMessage, WhatsAppSender } from '../whatsapp/types.js';
import { runEffect, type BookingHooks, type ContactRow, type Effect } from './effects.js';
import { resolveInput } from './inputs.js';
import { createInboxWriter } from './inbox-writer.js';
import type { StepObserver } from './inspect.js';
import { KeyedQueue } from './keyed-queue.js';
import { zoneNote } from '../conversation/phone-zone.js';
import { restoreSnapshot, serialize, stateName, type ConversationSnapshot } from './snapshots.js';
import { recordStatuses } from './statuses.js';
import type { EngineApi } from './types.js';
import type { Knowledge } from '../knowledge/types.js';

export interface EngineOptions {
  db: Database;
  calendar: CalendarProvider;
  sender: WhatsAppSender;
  logger: Logger;
  timeZone: string;
  defaultLocale: Language;
  businessHours: { start: number; end: number };
  sessionTimeoutMs: number;
  bookingUrl?: string;
  now?: () => Date;
  hooks?: BookingHooks;
  /** Sees every step (live inspection, INSPECT=1); must not throw. */
  onStep?: StepObserver;
  /** The business's knowledge file (business.yaml): business questions and their answers. */
  knowledge?: Knowledge;
}

export interface Engine extends EngineApi {
  /** Feeds a system event (from a durable job) to a contact's conversation. */
  deliver(contactId: string, event: ConversationEvent): Promise<void>;
  /** Processes what a previous run left: unprocessed inbox rows and pending outbox effects. */
  recover(): Promise<void>;
  /** Stores inbound messages without processing them (benchmarks, maintenance). */
  pauseProcessing(): void;
}

class VersionConflict extends Error {}

const noHooks: BookingHooks = { onBooked: async () => {}, onCancelled: async () => {} };

export function createEngine(opts: EngineOptions): Engine {
  const prisma = opts.db.prisma;
  const now = opts.now ?? (() => new Date());
  const log = opts.logger;
  const queue = new KeyedQueue();
  const inbox = createInboxWriter(prisma, now, { sqlite: opts.db.sqlite });
  let eventTypeCache: Promise<EventTypeInfo> | null = null;
  const eventType = () => {
    eventTypeCache ??= opts.calendar.eventType().then((et) => {
      emailRequired = Boolean(et.requiresEmail);
      return et;
    }).catch((err) => {
      eventTypeCache = null;
      throw err;
    });
    return eventTypeCache;
  };
  const effectDeps = {
    prisma,
    calendar: opts.calendar,
    sender: opts.sender,
    timeZone: opts.timeZone,
    now,
    logger: log,
    eventType,
    bookingUrl: opts.bookingUrl,
    hooks: opts.hooks ?? noHooks,
    knowledge: opts.knowledge,
  };
  const onError = (err: unknown) => log.error({ err }, 'conversation processing failed');

  let emailRequired = false;
  function facts(contact: { phone: string; name: string | null; language: string | null; formality: string | null; email: string | null }): ContactFacts {
    const language = (contact.language as Language | null) ?? opts.defaultLocale;
    return {
      zoneNote: zoneNote(contact.phone, opts.timeZone, now(), language),
      email: contact.email ?? undefined,
      emailRequired,
      name: contact.name ?? undefined,
      language: (contact.language as Language | null) ?? opts.defaultLocale,
      formality: (contact.formality as ContactFacts['formality']) ?? undefined,
      bookingUrl: opts.bookingUrl,
      timeZone: opts.timeZone,
    };
  }

  async function upcomingBookings(db: Tx, contactId: string): Promise<BookingSummary[]> {
    const rows = await db.booking.findMany({ where: { contactId, status: 'accepted', start: { gt: now() } }, orderBy: { start: 'asc' }, take: 10 });
    return rows.map((b) => ({ uid: b.uid, start: b.start.toISOString(), end: b.end.toISOString(), title: b.title ?? undefined }));
  }

  /**
   * One step: event in → snapshot + outbox out, atomically. `build` computes the event from the
   * current snapshot (an inbound message is resolved against what we offered last), reading and
   * writing through the step's transaction.
   */
  async function step(contactId: string, build: (snapshot: ConversationSnapshot, tx: Tx) => ConversationEvent | Promise<ConversationEvent>): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await prisma.$transaction(async (tx) => {
          const contact = await tx.contact.findUniqueOrThrow({ where: { id: contactId } });
          const row = await tx.conversation.findUnique({ where: { contactId } });
          const contactFacts = facts(contact);
          // Restored with the contact facts known now (name, language, formality).
          let { snapshot, restarted } = restoreSnapshot(row, contactFacts);
          if (restarted) log.info({ contactId }, 'stored conversation did not fit this machine version: restarted at idle');
          const actions: Effect[] = [];
          // An idle conversation restarts at the greeting, keeping language and bookings.
          if (row && now().getTime() - row.lastActivityAt.getTime() > opts.sessionTimeoutMs && stateName(snapshot.value) !== 'idle') {
            [snapshot] = transition(conversationMachine, snapshot, { type: 'SESSION_TIMEOUT' });
          }
          const event = await build(snapshot, tx as unknown as Tx);
          const [next, effects] = transition(conversationMachine, snapshot, event);
          opts.onStep?.(contactId, snapshot, event);
          for (const a of effects) actions.push({ type: a.type, params: a.params });
          const data = { snapshot: serialize(next), machineVersion: MACHINE_VERSION, lastActivityAt: now() };
          if (row) {
            const updated = await tx.conversation.updateMany({ where: { id: row.id, version: row.version }, data: { ...data, version: row.version + 1 } });
            if (updated.count !== 1) throw new VersionConflict();
          } else {
            await tx.conversation.create({ data: { contactId, ...data, version: 1 } });
          }
          for (const a of actions) {
            await tx.outboxEffect.create({ data: { contactId, kind: a.type, payload: JSON.stringify(a.params ?? null) } });
          }
          log.debug({ contactId, event: event.type, state: stateName(next.value), effects: actions.map((a) => a.type) }, 'conversation step');
        });
        break;
      } catch (err) {
        if (err instanceof VersionConflict && attempt < 5) continue;
        throw err;
      }
    }
    await drainOutbox(contactId);
  }

  /** Carries out the contact's pending effects in order; each result is the next step's event. */
  async function drainOutbox(contactId: string): Promise<void> {
    for (;;) {
      const effect = await prisma.outboxEffect.findFirst({ where: { contactId, status: 'pending' }, orderBy: { seq: 'asc' } });
      if (!effect) return;
      const claimed = await prisma.outboxEffect.updateMany({ where: { seq: effect.seq, status: 'pending' }, data: { status: 'running', attempts: { increment: 1 } } });
      if (claimed.count !== 1) continue;
      const conv = await prisma.conversation.findUnique({ where: { contactId } });
      const contact = await prisma.contact.findUniqueOrThrow({ where: { id: contactId } });
      // The contact facts in it are the stored ones, merged with what was said in the chat.
      const ctx = restoreSnapshot(conv, facts(contact)).snapshot.context;
      let result: ConversationEvent | null = null;
      try {
        result = await runEffect(effectDeps, contact as ContactRow, ctx, { type: effect.kind, params: JSON.parse(effect.payload) });
        await prisma.outboxEffect.update({ where: { seq: effect.seq }, data: { status: 'done', doneAt: now() } });
      } catch (err) {
        log.error({ err, effect: effect.kind }, 'effect failed');
        await prisma.outboxEffect.update({ where: { seq: effect.seq }, data: { status: 'failed', error: String((err as Error).message).slice(0, 500) } });
      }
      if (result) {
        const ev = result;
        await step(contactId, () => ev);
      }
    }
  }

  async function upsertContact(m: InboundMessage): Promise<{ id: string }> {
    const existing = await prisma.contact.findUnique({ where: { phone: m.from } });
    if (existing) {
      if (!existing.name && m.profileName) await prisma.contact.update({ where: { id: existing.id }, data: { name: m.profileName } });
      return existing;
    }
    try {
      return await prisma.contact.create({ data: { phone: m.from, name: m.profileName ?? null, language: null } });
    } catch {
      return prisma.contact.findUniqueOrThrow({ where: { phone: m.from } });
    }
  }

  async function processInboxRow(seq: number): Promise<void> {
    const row = await prisma.inboxMessage.findUnique({ where: { seq } });
    if (!row || row.status !== 'pending') return;
    const claimed = await prisma.inboxMessage.updateMany({ where: { seq, status: 'pending' }, data: { status: 'processing', attempts: { increment: 1 } } });
    if (claimed.count !== 1) return;
    try {
      const message = JSON.parse(row.payload) as InboundMessage;
      const contact = await upsertContact(message);
      await prisma.contact.update({ where: { id: contact.id }, data: { lastInboundAt: new Date(Math.min(Date.parse(message.timestamp) || now().getTime(), now().getTime())) } });
      void opts.sender.markRead(message.id, { typing: true }).catch((err) => log.debug({ err: (err as Error).message }, 'mark-as-read failed'));
      const eventTypeInfo = await eventType().catch(() => ({ lengthInMinutes: 30 }) as EventTypeInfo);
      const sent = Date.parse(message.timestamp);
      const reference = Number.isFinite(sent) && sent <= now().getTime() && now().getTime() - sent < 7 * 86_400_000 ? new Date(sent) : now();
      await step(contact.id, async (snapshot, tx) => {
        const { input, understanding } = resolveInput(message, {
          reference,
          timeZone: opts.timeZone,
          businessHours: opts.businessHours,
          lengthMinutes: eventTypeInfo.lengthInMinutes,
          context: snapshot.context,
          knowledge: opts.knowledge,
        });
        if (understanding) {
          // The conversation's language follows the person's; formality is mirrored. This very
          // message is answered in them by the machine itself (input.language / input.formality).
          const update: { language?: string; formality?: string } = {};
          if (input.language && input.language !== snapshot.context.contact.language) update.language = input.language;
          if (input.formality) update.formality = input.formality;
          if (Object.keys(update).length) await tx.contact.update({ where: { id: contact.id }, data: update });
        }
        return { type: 'USER', input, bookings: await upcomingBookings(tx, contact.id) };
      });
      await prisma.inboxMessage.update({ where: { seq }, data: { status: 'processed', processedAt: now() } });
    } catch (err) {
      log.error({ err, seq }, 'inbound message processing failed');
      await prisma.inboxMessage.update({ where: { seq }, data: { status: row.attempts >= 2 ? 'failed' : 'pending', error: String((err as Error).message).slice(0, 500) } }).catch(() => {});
      throw err;
    }
  }

  /**
   * Processes a person's unprocessed messages strictly in arrival order. If an earlier message is
   * being processed (by this or another instance sharing the database), it stops: whoever holds
   * that one continues with the rest, so two instances never interleave one person's messages.
   */
  async function processPhone(phone: string): Promise<void> {
    for (let guard = 0; guard < 1000; guard++) {
      const next = await prisma.inboxMessage.findFirst({ where: { phone, status: { in: ['pending', 'processing'] } }, orderBy: { seq: 'asc' }, select: { seq: true, status: true } });
      if (!next || next.status === 'processing') return;
      try {
        await processInboxRow(next.seq);
      } catch {
        // logged in processInboxRow; the row is pending again (or failed after 3 attempts)
      }
    }
  }

  let paused = false;
  function scheduleInbox(phone: string, _seq: number) {
    if (paused) return; // stays pending in the inbox; recover() picks it up
    void queue.push(phone, () => processPhone(phone), onError);
  }

  return {
    async ingest({ messages, statuses }) {
      let stored = 0;
      let duplicates = 0;
      const toProcess: Array<{ phone: string; seq: number }> = [];
      const seqs = await Promise.all(messages.map((m) => inbox.store(m)));
      seqs.forEach((seq, i) => {
        if (seq === null) duplicates++;
        else {
          stored++;
          toProcess.push({ phone: messages[i]!.from, seq });
        }
      });
      if (statuses.length) await recordStatuses(prisma, statuses);
      for (const p of toProcess) scheduleInbox(p.phone, p.seq);
      return { stored, duplicates };
    },

    async inspect(phone) {
      const contact = await prisma.contact.findUnique({ where: { phone }, include: { conversation: true } });
      if (!contact?.conversation) return null;
      const persisted = JSON.parse(contact.conversation.snapshot) as { value: unknown; context: unknown };
      return { state: persisted.value, context: persisted.context, machineVersion: contact.conversation.machineVersion, updatedAt: contact.conversation.updatedAt.toISOString() };
    },

    idle: () => queue.idle(),

    pauseProcessing() {
      paused = true;
    },

    async deliver(contactId, event) {
      const contact = await prisma.contact.findUnique({ where: { id: contactId } });
      if (!contact) return;
      await queue.push(contact.phone, () => step(contactId, () => event), (err) => {
        onError(err);
        throw err;
      });
    },

    async recover() {
      await prisma.inboxMessage.updateMany({ where: { status: 'processing' }, data: { status: 'pending' } });
      await prisma.outboxEffect.updateMany({ where: { status: 'running' }, data: { status: 'pending' } });
      const pendingEffects = await prisma.outboxEffect.findMany({ where: { status: 'pending' }, distinct: ['contactId'], select: { contactId: true } });
      for (const { contactId } of pendingEffects) {
        const c = await prisma.contact.findUnique({ where: { id: contactId } });
        if (c) void queue.push(c.phone, () => drainOutbox(contactId), onError);
      }
      const rows = await prisma.inboxMessage.findMany({ where: { status: 'pending' }, orderBy: { seq: 'asc' }, select: { seq: true, phone: true } });
      for (const r of rows) scheduleInbox(r.phone, r.seq);
      if (rows.length || pendingEffects.length) log.info({ inbox: rows.length, outbox: pendingEffects.length }, 'recovering unprocessed work from the previous run');
    },
  };
}

export type { Db };
