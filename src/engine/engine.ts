/**
 * The conversation engine. Data flows one way: webhook → inbox → engine → outbox → clients.
 *
 * - `ingest` stores inbound messages in the durable inbox (group commit) and answers; processing
 *   follows in the background, at most `concurrency` people at a time, so ingest never waits
 *   behind processing.
 * - A person's work (their inbox rows, then the effects those produced) is done by one instance at
 *   a time under a lease (instance id + expiry, renewed while alive). Another instance takes a
 *   person over only once the lease has expired — at start and every `scanMs` while running.
 * - A turn is one transaction: the inbox row's status (or the effect's), the new snapshot and the
 *   new outbox rows commit together, so a crash never processes a message twice.
 * - Effects run from the outbox, one at a time per person, in order; each result is the next turn
 *   (a loop, not a recursion), bounded: at most MAX_ATTEMPTS tries per effect and MAX_CALENDAR
 *   calendar effects per chain before the machine is told the calendar failed.
 * - System events (jobs: reminders' follow-ups, retries, the rating question) enter through the
 *   inbox too, keyed so a job run twice delivers once.
 */
import { randomUUID } from 'node:crypto';
import { transition } from 'xstate';
import type { Logger } from 'pino';
import { conversationMachine, MACHINE_VERSION } from '../../machines/conversation.js';
import type { ContactFacts, ConversationEvent, Language } from '../../machines/types.js';
import type { CalendarProvider, EventTypeInfo } from '../calendar/types.js';
import type { Database } from '../db/client.js';
import type { ContactRow, StepInsert, TurnState, TurnStore } from '../db/turns.js';
import { zoneNote } from '../conversation/phone-zone.js';
import type { InboundMessage } from '../whatsapp/types.js';
import type { Bookings } from './bookings.js';
import { stepOf } from '../insights/steps.js';
import {
  handlerFor,
  isEffect,
  type EffectDeps,
  type EffectName,
  type EffectParams,
  type EffectResult,
} from './effects/index.js';
import type { Inbox } from './inbox.js';
import { isPlausibleName } from '../nlu/index.js';
import { resolveInput } from './inputs.js';
import type { StepObserver } from './inspect.js';
import type { Outbound } from './outbound.js';
import { restoreSnapshot, serialize, stateName, type ConversationSnapshot } from './snapshots.js';
import type { EngineApi } from './types.js';
import type { Knowledge } from '../knowledge/types.js';
import type { EffectPrivacy } from './effects/types.js';
import type { FloodGuard } from '../security/flood.js';
import { render } from '../conversation/copy.js';
import { createAdaptiveLimit } from './adaptive-limit.js';

export interface EngineOptions {
  db: Database;
  store: TurnStore;
  /** Where the engine's work comes from. */
  inbox: Inbox;
  calendar: CalendarProvider;
  /** Growth (issue 16): the calendar of another event type (upsell add-ons). */
  calendarFor?: EffectDeps['calendarFor'];
  outbound: Outbound;
  bookings: Bookings;
  logger: Logger;
  timeZone: string;
  defaultLocale: Language;
  businessHours: { start: number; end: number };
  sessionTimeoutMs: number;
  bookingUrl?: string;
  now?: () => Date;
  templateFor?: EffectDeps['templateFor'];
  /** The hand-off service, for its effects. */
  staff?: EffectDeps['staff'];
  /** Sees every step (live inspection, INSPECT=1); must not throw. */
  onStep?: StepObserver;
  /** The business's knowledge file (business.yaml): business questions and their answers. */
  knowledge?: Knowledge;
  /** When reminders go out before an appointment (REMINDER_OFFSETS), for the confirmation's wording. */
  reminderOffsetsMs?: number[];
  /** This instance's id in leases (default: random). */
  instanceId?: string;
  /** Lease length; renewed every third of it while the work goes on. Default 15 s. */
  leaseMs?: number;
  /** How often to look for people nobody is handling (expired leases). Default 2 s. */
  scanMs?: number;
  /** People processed at once, at most. Default 32. */
  concurrency?: number;
  /**
   * Event-loop lag (p99 per 50 ms window) the processing keeps under by processing fewer people at
   * once (src/engine/adaptive-limit.ts), so webhooks are acknowledged fast whatever the backlog.
   * 0 (default): always `concurrency`.
   */
  maxLagMs?: number;
  /** Growth (issue 16): keeps the Click-to-WhatsApp ad a message came from (its `referral`). */
  onReferral?: (contactId: string, referral: NonNullable<InboundMessage['referral']>) => Promise<void>;
  /** Marks an inbound message read (blue ticks, typing indicator); best effort. */
  markRead?: (messageId: string) => Promise<void>;
  /** Issue 14: the privacy services the effects use, and the suppression list for new contacts. */
  privacy: EffectPrivacy & { isSuppressed(phone: string): Promise<boolean> };
  /** Issue 14: per-phone flood guard (one polite note, then quiet); none: every message gets a turn. */
  flood?: FloodGuard;
  /**
   * Issue 12: processing happens elsewhere (the processing thread, src/processing/): work stored
   * here is handed over with `handOver` (resolving once done when `settle`), this engine never
   * takes a lease, and its backlog is the one `remoteBacklog` reports.
   */
  remote?: { handOver(phone: string, settle: boolean): Promise<void>; backlog(): number };
}

export interface Engine extends EngineApi {
  /** Feeds a system event to a contact's conversation through the inbox; `key` makes it once-only. */
  deliver(contactId: string, event: ConversationEvent, key?: string): Promise<void>;
  /** Starts taking over work nobody holds (left by a previous run or a dead instance), now and periodically. */
  recover(): Promise<void>;
  /** Stores inbound messages without processing them (benchmarks, maintenance). */
  pauseProcessing(): void;
  /** Stops taking new work and resolves once the turns in flight are finished. */
  drain(): Promise<void>;
  /** drain(), then gives up this instance's leases and closes the store. */
  close(): Promise<void>;
  readonly instanceId: string;
  /** People with work waiting for a turn on this instance (overload signal). */
  backlog(): number;
  /** Work was stored for this person elsewhere (the HTTP thread): take it; resolves once done when `settle`. */
  take(phone: string, settle?: boolean): Promise<void>;
}

/** Tries of one effect (a crash or an error mid-effect) before the machine is told it failed. */
const MAX_ATTEMPTS = 3;
/** Calendar effects in one chain of results (one message or event) before the chain is cut. */
const MAX_CALENDAR = 8;
/** Steps per lease session before yielding to other people. */
const MAX_ROUNDS = 50;

class VersionConflict extends Error {}

interface StoredEffect {
  params: unknown;
  facts: ContactFacts;
}

/**
 * An outbox row's payload: the action's params as the machine gave them (readable as is by staff
 * tools and tests), with the contact facts of that moment under `$facts` (rendering a reply needs
 * them; the drain reads nothing else). Params that are not an object go under `$params`.
 */
function encodeEffect(params: unknown, contactFacts: ContactFacts): string {
  const plain = params !== null && typeof params === 'object' && !Array.isArray(params);
  return JSON.stringify(
    plain ? { ...(params as object), $facts: contactFacts } : { $params: params ?? null, $facts: contactFacts },
  );
}

function decodeEffect(payload: string): { params: unknown; facts: ContactFacts | null } {
  const parsed = JSON.parse(payload) as unknown;
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed) || !('$facts' in parsed))
    return { params: parsed, facts: null };
  const { $facts, $params, ...rest } = parsed as { $facts: ContactFacts; $params?: unknown };
  return { params: '$params' in parsed ? $params : rest, facts: $facts };
}

export function createEngine(opts: EngineOptions): Engine {
  const { store, logger: log } = opts;
  const prisma = opts.db.prisma;
  const now = opts.now ?? (() => new Date());
  const owner = opts.instanceId ?? `${process.pid}-${randomUUID().slice(0, 8)}`;
  const leaseMs = opts.leaseMs ?? 15_000;
  const scanMs = opts.scanMs ?? 2_000;
  const concurrency = opts.concurrency ?? 32;
  const inbox = opts.inbox;

  let emailRequired = false;
  let eventTypeCache: Promise<EventTypeInfo> | null = null;
  const eventType = () => {
    eventTypeCache ??= opts.calendar
      .eventType()
      .then((et) => {
        emailRequired = Boolean(et.requiresEmail);
        return et;
      })
      .catch((err: unknown) => {
        eventTypeCache = null;
        throw err;
      });
    return eventTypeCache;
  };
  const deps: EffectDeps = {
    prisma,
    calendar: opts.calendar,
    calendarFor: opts.calendarFor,
    outbound: opts.outbound,
    bookings: opts.bookings,
    timeZone: opts.timeZone,
    now,
    logger: log,
    eventType,
    bookingUrl: opts.bookingUrl,
    knowledge: opts.knowledge,
    reminderOffsetsMs: opts.reminderOffsetsMs,
    templateFor: opts.templateFor,
    staff: opts.staff,
    privacy: opts.privacy,
  };

  function facts(
    contact: Pick<
      ContactRow,
      'phone' | 'name' | 'language' | 'formality' | 'email' | 'optedOutAt' | 'marketingConsent' | 'marketingAskedAt'
    >,
  ): ContactFacts {
    const language = (contact.language as Language | null) ?? opts.defaultLocale;
    return {
      zoneNote: zoneNote(contact.phone, opts.timeZone, now(), language),
      email: contact.email ?? undefined,
      emailRequired,
      // a name only when plausible (not a profile name like "📱" or "gracias"): else the flow asks for one
      name: contact.name && isPlausibleName(contact.name, language) ? contact.name : undefined,
      language,
      formality: (contact.formality as ContactFacts['formality']) ?? undefined,
      bookingUrl: opts.bookingUrl,
      timeZone: opts.timeZone,
      marketingAsked: Boolean(contact.marketingAskedAt) || Boolean(contact.marketingConsent),
      optedOut: Boolean(contact.optedOutAt),
    };
  }

  /** Issue 14: a contact erased meanwhile (in the chat or by the admin API) ends that person's work. */
  async function erasedMeanwhile(contactId: string | undefined): Promise<boolean> {
    if (!contactId) return false;
    const row = await prisma.contact.findUnique({ where: { id: contactId }, select: { id: true } }).catch(() => 1);
    return row === null;
  }

  /**
   * Issue 14, the flood guard: over the limit, no turn — one polite note (catalog `slowDown`), then
   * quiet until the flood is over. The message itself is already stored (the webhook did that).
   */
  async function floodStopped(phone: string, state: TurnState, seq: number): Promise<boolean> {
    const contact = state.contact;
    if (!opts.flood || !contact) return false;
    const verdict = opts.flood.admit(phone, now());
    if (verdict === 'process') return false;
    if (verdict === 'notify') {
      const f = facts(contact);
      const message = render(
        { key: 'slowDown' },
        { contact: f, timeZone: opts.timeZone, now: now(), eventTitle: '', lengthMinutes: 30 },
      );
      await opts.outbound
        .send(contact, message, { key: `flood:${seq}`, kind: 'reply' })
        .catch((err: unknown) => log.warn({ err: (err as Error).message }, 'could not send the flood note'));
      log.warn({ contactId: contact.id }, 'inbound flood: one note sent, further messages stored without a reply');
    }
    await store.finish('inbox', seq, 'processed', now(), verdict === 'notify' ? 'flood: noted' : 'flood: quiet');
    return true;
  }

  // ---------------------------------------------------------------- scheduling and leases

  const ready = new Set<string>();
  const running = new Map<string, Promise<void>>();
  const limit = createAdaptiveLimit({
    max: concurrency,
    targetLagMs: opts.maxLagMs ?? 0,
    demand: () => ready.size > 0,
  });
  const again = new Set<string>();
  const held = new Set<string>();
  const waits = new Map<string, NodeJS.Timeout>();
  const idleWaiters: Array<() => void> = [];
  let paused = false;
  let draining = false;
  let scanTimer: NodeJS.Timeout | null = null;
  let renewTimer: NodeJS.Timeout | null = null;

  // Resolves once this instance has done the person's work (at once when another instance has them).
  async function take(phone: string, settle = false): Promise<void> {
    schedule(phone);
    if (!settle) return;
    while (running.has(phone) || ready.has(phone)) await (running.get(phone) ?? new Promise((r) => setImmediate(r)));
  }
  const remote = opts.remote;
  inbox.subscribe((phone, settle) => (remote ? remote.handOver(phone, settle) : take(phone, settle)));

  function schedule(phone: string) {
    if (paused || draining || remote) return;
    if (running.has(phone)) {
      again.add(phone);
      return;
    }
    ready.add(phone);
    pump();
  }

  function pump() {
    const cap = limit.current();
    for (const phone of ready) {
      if (running.size >= cap) break;
      ready.delete(phone);
      if (running.has(phone)) {
        again.add(phone);
        continue;
      }
      const p = work(phone)
        .catch((err: unknown) => log.error({ err }, 'conversation processing failed'))
        .finally(() => {
          running.delete(phone);
          if (again.delete(phone) && !draining && !paused) ready.add(phone);
          pump();
          if (!running.size && !ready.size) for (const w of idleWaiters.splice(0)) w();
        });
      running.set(phone, p);
    }
  }

  function idle(): Promise<void> {
    return running.size === 0 && ready.size === 0
      ? Promise.resolve()
      : new Promise((resolve) => idleWaiters.push(resolve));
  }

  function startTimers() {
    renewTimer ??= setInterval(
      () => {
        if (!held.size) return;
        const until = Date.now() + leaseMs;
        store
          .renew(owner, [...held], until)
          .catch((err: unknown) => log.warn({ err: (err as Error).message }, 'lease renewal failed'));
      },
      Math.max(100, Math.floor(leaseMs / 3)),
    );
    renewTimer.unref();
    scanTimer ??= setInterval(() => void scan(), scanMs);
    scanTimer.unref();
  }

  async function scan(): Promise<number> {
    if (paused || draining) return 0;
    try {
      const phones = await store.orphans(Date.now(), 1000);
      for (const p of phones) if (!running.has(p) && !waits.has(p)) schedule(p);
      return phones.length;
    } catch (err) {
      log.warn({ err: (err as Error).message }, 'could not look for unfinished work');
      return 0;
    }
  }

  /** Does a person's pending work while holding their lease. */
  async function work(phone: string): Promise<void> {
    const t = Date.now();
    if (!(await store.acquire(phone, owner, t, t + leaseMs))) return; // another live instance has them
    held.add(phone);
    try {
      let calendarCalls = 0;
      for (let round = 0; round < MAX_ROUNDS; round++) {
        const state = await store.load(phone, now());
        // Draining: the effects of turns already taken are finished (their replies go out); no
        // new message is taken.
        if (state.contact && state.effect) {
          const handler = state.effect.kind;
          const outcome = await runOutboxEffect(phone, state, calendarCalls);
          if (isEffect(handler) && handlerFor(handler).calendar) calendarCalls++;
          if (outcome === 'wait') return;
          continue;
        }
        if (state.inbox && !draining) {
          calendarCalls = 0;
          await processInbox(phone, state);
          continue;
        }
        return;
      }
      if (!draining) again.add(phone); // more to do: yield to others, come back
    } finally {
      held.delete(phone);
      await store.release(phone, owner).catch(() => {});
    }
  }

  // ---------------------------------------------------------------- turns

  /** Commits one turn (event → snapshot + outbox), retrying on a concurrent version change. */
  async function commitTurn(
    phone: string,
    first: TurnState,
    build: (
      state: TurnState,
      snapshot: ConversationSnapshot,
    ) =>
      | {
          event: ConversationEvent;
          snapshot?: ConversationSnapshot;
          contact?: NonNullable<Parameters<TurnStore['commit']>[0]['contact']>;
        }
      | Promise<{
          event: ConversationEvent;
          snapshot?: ConversationSnapshot;
          contact?: NonNullable<Parameters<TurnStore['commit']>[0]['contact']>;
        }>,
    done: { inboxSeq?: number; effectSeq?: number },
  ): Promise<void> {
    let state = first;
    for (let attempt = 0; ; attempt++) {
      const contact = state.contact;
      if (!contact) {
        // Erased (issue 14): the end of this person's work, not an error.
        log.info('the contact no longer exists: turn dropped');
        return;
      }
      const steps: StepInsert[] = [];
      const restored = restoreSnapshot(state.conversation, facts(contact));
      const restarted = restored.restarted;
      let snapshot = restored.snapshot;
      if (restarted)
        log.info({ contactId: contact.id }, 'stored conversation did not fit this machine version: restarted at idle');
      // An idle conversation restarts at the greeting, keeping language and bookings.
      const conv = state.conversation;
      if (
        conv &&
        now().getTime() - conv.lastActivityAt.getTime() > opts.sessionTimeoutMs &&
        stateName(snapshot.value) !== 'idle'
      ) {
        const timedOut: ConversationEvent = { type: 'SESSION_TIMEOUT' };
        const [atIdle, timeoutActions] = transition(conversationMachine, snapshot, timedOut);
        steps.push(stepOf(snapshot, timedOut, atIdle, timeoutActions));
        snapshot = atIdle;
      }
      const built = await build(state, snapshot);
      const before = built.snapshot ?? snapshot;
      const [next, actions] = transition(conversationMachine, before, built.event);
      opts.onStep?.(contact.id, before, built.event);
      steps.push(stepOf(before, built.event, next, actions));
      const contextFacts = next.context.contact;
      const effects = actions
        .filter((a) => isEffect(a.type))
        .map((a) => ({
          kind: a.type,
          payload: encodeEffect(a.params, contextFacts),
        }));
      let ok: boolean;
      try {
        ok = await store.commit({
          contactId: contact.id,
          expectedVersion: conv ? conv.version : null,
          snapshot: serialize(next),
          machineVersion: MACHINE_VERSION,
          at: now(),
          effects,
          ...done,
          contact: built.contact,
          steps,
        });
      } catch (err) {
        // Erased while this turn ran: no snapshot is written for a person who no longer exists.
        if (await erasedMeanwhile(contact.id)) return;
        throw err;
      }
      if (ok) {
        log.debug(
          {
            contactId: contact.id,
            event: built.event.type,
            state: stateName(next.value),
            effects: effects.map((e) => e.kind),
          },
          'conversation step',
        );
        return;
      }
      if (attempt >= 5) throw new VersionConflict(`conversation of ${contact.id} kept changing under this step`);
      state = await store.load(phone, now());
      if (done.inboxSeq !== undefined && state.inbox?.seq !== done.inboxSeq) return; // someone else did it
      if (done.effectSeq !== undefined && state.effect?.seq !== done.effectSeq) return;
    }
  }

  function referenceTime(message: InboundMessage): Date {
    const sent = Date.parse(message.timestamp);
    const n = now().getTime();
    return Number.isFinite(sent) && sent <= n && n - sent < 7 * 86_400_000 ? new Date(sent) : now();
  }

  async function processInbox(phone: string, state: TurnState): Promise<void> {
    const row = state.inbox;
    if (!row) return;
    try {
      if (row.kind === 'event') {
        if (!state.contact) throw new Error('a system event for a person Reserva does not know');
        const event = JSON.parse(row.payload) as ConversationEvent;
        await commitTurn(phone, state, () => ({ event }), { inboxSeq: row.seq });
        return;
      }
      const message = JSON.parse(row.payload) as InboundMessage;
      if (!state.contact) {
        const created = await store.createContact(phone, message.profileName ?? null, now());
        // A number that said STOP (and was erased since) stays opted out as a new contact.
        if (await opts.privacy.isSuppressed(phone))
          await prisma.contact.update({ where: { id: created.id }, data: { optedOutAt: now() } });
        state = await store.load(phone, now());
      }
      if (await floodStopped(phone, state, row.seq)) return;
      if (message.referral && state.contact) await opts.onReferral?.(state.contact.id, message.referral);
      if (opts.markRead) void opts.markRead(message.id).catch(() => {});
      const et = await eventType().catch((): Pick<EventTypeInfo, 'lengthInMinutes'> & { id?: number } => ({
        lengthInMinutes: 30,
      }));
      const reference = referenceTime(message);
      await commitTurn(
        phone,
        state,
        (current, snapshot) => {
          const contact = current.contact;
          if (!contact) throw new Error(`no contact for ${phone}`);
          const bookings = current.bookings.map((b) => ({
            uid: b.uid,
            start: b.start,
            end: b.end,
            title: b.title ?? undefined,
          }));
          const { input, understanding } = resolveInput(message, {
            bookings,
            reference,
            timeZone: opts.timeZone,
            businessHours: opts.businessHours,
            lengthMinutes: et.lengthInMinutes,
            eventTypeId: et.id,
            context: snapshot.context,
            knowledge: opts.knowledge,
            languageKnown: contact.language !== null,
          });
          const update: { language?: string; formality?: string; lastInboundAt: Date; name?: string } = {
            lastInboundAt: reference,
          };
          if (message.profileName && !contact.name) update.name = message.profileName;
          // The conversation's language follows the person's; formality is mirrored. This very
          // message is answered in them by the machine itself (the USER event carries
          // input.language / input.formality); the engine never changes the machine's context.
          if (input.language && input.language !== snapshot.context.contact.language) update.language = input.language;
          if (input.formality) update.formality = input.formality;
          // issue 9/14 (session 3): the language and register the conversation is held in, stored once known.
          // (input.language is set only on a switch; the NLU's confident language says it on the first message.)
          const heard =
            input.language ??
            (understanding?.language && /\p{L}+\s+\p{L}/u.test(input.text) ? understanding.language : undefined);
          if (!contact.language && heard) update.language = heard;
          if (!contact.formality && !update.formality && (update.language ?? contact.language) === 'es')
            update.formality = snapshot.context.contact.formality ?? 'tu';
          return { event: { type: 'USER', input, bookings }, contact: update };
        },
        { inboxSeq: row.seq },
      );
    } catch (err) {
      if (await erasedMeanwhile(state.contact?.id)) {
        log.info({ seq: row.seq }, 'the contact was erased meanwhile: nothing more to do for them');
        return;
      }
      log.error({ err, seq: row.seq }, 'inbound message processing failed');
      const attempts = await store.attempt('inbox', row.seq).catch(() => MAX_ATTEMPTS);
      if (attempts >= MAX_ATTEMPTS)
        await store.finish('inbox', row.seq, 'failed', now(), String((err as Error).message)).catch(() => {});
    }
  }

  function parseStored(payload: string, contact: ContactRow): StoredEffect {
    const { params, facts: stored } = decodeEffect(payload);
    return { params, facts: stored ?? facts(contact) }; // a row written before facts were stored with it
  }

  /** Runs a person's oldest effect and commits its result as the next turn. */
  async function runOutboxEffect(phone: string, state: TurnState, calendarCalls: number): Promise<'ok' | 'wait'> {
    const effect = state.effect;
    const contact = state.contact;
    if (!effect || !contact) return 'ok';
    const kind = effect.kind;
    if (!isEffect(kind)) {
      log.warn({ effect: kind }, 'unknown effect ignored');
      await store.finish('effect', effect.seq, 'failed', now(), `unknown effect ${kind}`);
      return 'ok';
    }
    const handler = handlerFor(kind);
    const stored = parseStored(effect.payload, contact);
    const params = stored.params as EffectParams<EffectName>;
    // Bounds: an effect that keeps failing, or a chain of calendar calls that keeps going round.
    const attempt = kind === 'reply' ? effect.attempts + 1 : await store.attempt('effect', effect.seq);
    const overBudget = handler.calendar && calendarCalls >= MAX_CALENDAR;
    if (attempt > MAX_ATTEMPTS || overBudget) {
      log.warn(
        { effect: kind, attempt, calendarCalls },
        overBudget ? 'too many calendar calls for one message: chain cut' : 'effect failed too often: given up',
      );
      const giveUp = (handler.giveUp as ((p: unknown) => ConversationEvent | null) | undefined)?.(params) ?? null;
      if (giveUp) await commitTurn(phone, state, () => ({ event: giveUp }), { effectSeq: effect.seq });
      else await store.finish('effect', effect.seq, 'failed', now(), 'retries exhausted');
      return 'ok';
    }
    let result: EffectResult;
    try {
      const lastInboundAt = kind === 'reply' ? await lastInbound(contact.id) : null;
      result = await (handler.run as (p: unknown, r: unknown, d: EffectDeps) => Promise<EffectResult>)(
        params,
        { seq: effect.seq, attempt, contact: { ...contact, lastInboundAt }, facts: stored.facts },
        deps,
      );
    } catch (err) {
      log.error({ err, effect: kind }, 'effect failed');
      if (kind === 'reply') await store.attempt('effect', effect.seq).catch(() => {});
      return 'ok'; // retried next round, up to MAX_ATTEMPTS
    }
    if (result && 'wait' in result) {
      const timer = setTimeout(() => {
        waits.delete(phone);
        schedule(phone);
      }, result.wait);
      timer.unref();
      waits.set(phone, timer);
      return 'wait';
    }
    if (result && 'done' in result) return 'ok';
    if (result) {
      const event = result;
      await commitTurn(phone, state, () => ({ event }), { effectSeq: effect.seq });
    } else {
      await store.finish('effect', effect.seq, 'done', now());
    }
    return 'ok';
  }

  async function lastInbound(contactId: string): Promise<Date | null> {
    if (!opts.templateFor) return null;
    const row = await prisma.contact.findUnique({ where: { id: contactId }, select: { lastInboundAt: true } });
    return row?.lastInboundAt ?? null;
  }

  // ---------------------------------------------------------------- API

  let statusQueue: Promise<void> = Promise.resolve();

  async function drain(): Promise<void> {
    draining = true;
    ready.clear();
    for (const t of waits.values()) clearTimeout(t);
    waits.clear();
    await Promise.allSettled([...running.values()]);
    await statusQueue;
  }

  return {
    instanceId: owner,
    backlog: () => (remote ? remote.backlog() : ready.size + running.size),
    take,

    async ingest({ messages, statuses }) {
      let stored = 0;
      let duplicates = 0;
      const [seqs, , fresh] = await Promise.all([
        inbox.storeMessages(messages),
        // Statuses naming our rows (callback data) reconcile interrupted sends before the ack: a
        // retry must not send again what WhatsApp says it has.
        statuses.length ? opts.outbound.reconcile(statuses) : Promise.resolve(),
        statuses.length
          ? store.insertStatuses(
              statuses.map((s) => ({
                waMessageId: s.messageId,
                status: s.status,
                timestamp: new Date(Date.parse(s.timestamp) || now().getTime()),
                errorCode: s.errorCode ?? null,
                errorTitle: s.errorTitle ?? null,
              })),
              now(),
            )
          : Promise.resolve([]),
      ]);
      seqs.forEach((seq, i) => {
        const m = messages[i];
        if (seq === null || !m) duplicates++;
        else stored++;
      });
      if (statuses.length) {
        // Off the webhook's path: the events are stored; applying them may follow.
        statusQueue = statusQueue
          .then(() => new Promise((r) => setImmediate(r))) // after this webhook's answer
          .then(() => store.applyStatuses(fresh, now()))
          .catch((err: unknown) => log.warn({ err: (err as Error).message }, 'could not apply WhatsApp statuses'));
      }
      return { stored, duplicates };
    },

    async inspect(phone) {
      const contact = await prisma.contact.findUnique({ where: { phone }, include: { conversation: true } });
      if (!contact?.conversation) return null;
      const persisted = JSON.parse(contact.conversation.snapshot) as { value: unknown; context: unknown };
      return {
        state: persisted.value,
        context: persisted.context,
        machineVersion: contact.conversation.machineVersion,
        updatedAt: contact.conversation.updatedAt.toISOString(),
      };
    },

    async idle() {
      await idle();
      await statusQueue;
    },

    pauseProcessing() {
      paused = true;
    },

    async deliver(contactId, event, key) {
      await inbox.storeEvent(contactId, event, key);
    },

    async recover() {
      if (remote) return; // the processing thread recovers
      startTimers();
      const n = await scan();
      if (n) log.info({ people: n }, 'taking over unfinished work nobody holds');
    },

    drain,

    async close() {
      await drain();
      if (scanTimer) clearInterval(scanTimer);
      if (renewTimer) clearInterval(renewTimer);
      limit.stop();
      scanTimer = renewTimer = null;
      await store.close();
    },
  };
}
