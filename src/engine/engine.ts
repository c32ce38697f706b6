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
import type {
  CommitResult,
  ContactRow,
  LeaseRelease,
  StepInsert,
  TurnCommit,
  TurnState,
  TurnStore,
} from '../db/turns.js';
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
  type EffectRun,
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
import type { Privacy } from '../privacy/service.js';
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
  /** Issue 14: the privacy services the effects use, and the suppression list's key for new contacts. */
  privacy: EffectPrivacy & Pick<Privacy, 'suppressionHash'>;
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

/** One lease session's bookkeeping. */
interface Session {
  phone: string;
  /** The number's key on the suppression list (read with the state when there is no contact yet). */
  hash: string;
  /** Effects whose coming try was counted by the commit that queued them. */
  counted: Set<number>;
  calendarCalls: number;
}

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

  /**
   * One lease session: what the person has waiting, oldest first. The state is read once when the
   * lease is taken (`begin`, one statement) and carried forward: a commit returns the effects it
   * queued and the engine knows what it wrote, so it reads again only when something else may have
   * changed it (an effect that writes the contact or bookings, a version conflict, an error) or
   * before the next message. The last write of the session gives the lease back when nothing waits
   * (`releaseIfIdle`, or folded into recording the last reply).
   */
  async function work(phone: string): Promise<void> {
    const hash = opts.privacy.suppressionHash(phone);
    const begin = () => {
      // What was stored before this read is in it: a wake-up for it would find nothing to do.
      again.delete(phone);
      const t = Date.now();
      return store.begin(phone, owner, t, t + leaseMs, now(), hash);
    };
    let state: TurnState | null = await begin();
    if (!state) return; // another live instance has them
    held.add(phone);
    const session: Session = { phone, hash, counted: new Set(), calendarCalls: 0 };
    let released = false;
    try {
      for (let round = 0; round < MAX_ROUNDS; round++) {
        state ??= await begin();
        if (!state) return; // the lease went to another instance (it expired): theirs now
        // Draining: the effects of turns already taken are finished (their replies go out); no
        // new message is taken.
        const effect = state.effects[0];
        if (state.contact && effect) {
          const outcome = await runOutboxEffect(session, state);
          if (isEffect(effect.kind) && handlerFor(effect.kind).calendar) session.calendarCalls++;
          if (outcome === 'wait') return;
          if (outcome === 'released') {
            released = true;
            return;
          }
          state = outcome;
          continue;
        }
        if (state.inbox && !draining) {
          session.calendarCalls = 0;
          state = await processInbox(session, state);
          continue;
        }
        if (draining) return;
        // Nothing left that this session knows of: the lease goes back unless work came in meanwhile.
        if (await store.releaseIfIdle(phone, owner, state.contact?.id ?? null)) {
          released = true;
          return;
        }
        state = null;
      }
      if (!draining) again.add(phone); // more to do: yield to others, come back
    } finally {
      held.delete(phone);
      if (!released) await store.release(phone, owner).catch(() => {});
    }
  }

  // ---------------------------------------------------------------- turns

  type Built = {
    event: ConversationEvent;
    snapshot?: ConversationSnapshot;
    contact?: NonNullable<TurnCommit['contact']>;
  };

  /**
   * The state after a committed turn, from what it wrote: the contact facts, the new snapshot and
   * version, the effects still pending and those it queued. Null when it must be read again.
   */
  function carried(state: TurnState, c: TurnCommit, r: CommitResult): TurnState | null {
    if (!state.contact || state.moreEffects || r.effects.length !== c.effects.length) return null;
    const contact: ContactRow = { ...state.contact };
    const f = c.contact;
    if (f) {
      // As the store writes them: COALESCE(new, stored) for these, the stored name first.
      contact.language = f.language ?? contact.language;
      contact.formality = f.formality ?? contact.formality;
      contact.lastInboundAt = f.lastInboundAt ?? contact.lastInboundAt;
      contact.name = contact.name ?? f.name ?? null;
    }
    return {
      contact,
      conversation: {
        snapshot: c.snapshot,
        machineVersion: c.machineVersion,
        version: (c.expectedVersion ?? 0) + 1,
        lastActivityAt: c.at,
      },
      effects: [
        ...state.effects.filter((e) => e.seq !== c.effectSeq),
        ...c.effects.map((e, i) => ({
          seq: r.effects[i]!,
          kind: e.kind,
          payload: e.payload,
          attempts: e.attempts ?? 0,
        })),
      ],
      moreEffects: false,
      inbox: null, // a message is always taken with a state read just before
      bookings: state.bookings,
      messaged: state.messaged,
      suppressed: state.suppressed,
    };
  }

  /**
   * Commits one turn (event → snapshot + outbox), retrying on a concurrent version change. Returns
   * the state to go on with (null: read it again).
   */
  async function commitTurn(
    session: Session,
    first: TurnState,
    build: (state: TurnState, snapshot: ConversationSnapshot) => Built | Promise<Built>,
    done: { inboxSeq?: number; effectSeq?: number },
    newContact?: TurnCommit['newContact'],
  ): Promise<TurnState | null> {
    let state = first;
    for (let attempt = 0; ; attempt++) {
      // A contact this turn creates exists only in `first` (read again: it exists now).
      const creating = state === first ? newContact : undefined;
      const contact = state.contact;
      if (!contact) {
        // Erased (issue 14): the end of this person's work, not an error.
        log.info('the contact no longer exists: turn dropped');
        return null;
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
      // Effects run right after this commit, in this session: the first try of each (but a reply,
      // which counts failures only) is counted by the commit itself (no statement of its own).
      const counts = !state.moreEffects;
      const effects = actions
        .filter(
          (a) => isEffect(a.type) && !(handlerFor(a.type).skip as ((p: unknown) => boolean) | undefined)?.(a.params),
        )
        .map((a) => ({
          kind: a.type,
          payload: encodeEffect(a.params, contextFacts),
          ...(counts && a.type !== 'reply' ? { attempts: 1 } : {}),
        }));
      const commit: TurnCommit = {
        contactId: contact.id,
        expectedVersion: conv ? conv.version : null,
        snapshot: serialize(next),
        machineVersion: MACHINE_VERSION,
        at: now(),
        effects,
        ...done,
        contact: built.contact,
        steps,
        ...(creating ? { newContact: creating } : {}),
      };
      let result: CommitResult | null;
      try {
        result = await store.commit(commit);
      } catch (err) {
        // Erased while this turn ran: no snapshot is written for a person who no longer exists.
        if (!creating && (await erasedMeanwhile(contact.id))) return null;
        throw err;
      }
      if (result) {
        log.debug(
          {
            contactId: contact.id,
            event: built.event.type,
            state: stateName(next.value),
            effects: effects.map((e) => e.kind),
          },
          'conversation step',
        );
        effects.forEach((e, i) => {
          const seq = result.effects[i];
          if (e.attempts === 1 && seq !== undefined) session.counted.add(seq);
        });
        return carried(state, commit, result);
      }
      if (attempt >= 5) throw new VersionConflict(`conversation of ${contact.id} kept changing under this step`);
      state = await store.load(session.phone, now(), session.hash);
      if (done.inboxSeq !== undefined && state.inbox?.seq !== done.inboxSeq) return null; // someone else did it
      if (done.effectSeq !== undefined && state.effects[0]?.seq !== done.effectSeq) return null;
    }
  }

  function referenceTime(message: InboundMessage): Date {
    const sent = Date.parse(message.timestamp);
    const n = now().getTime();
    return Number.isFinite(sent) && sent <= n && n - sent < 7 * 86_400_000 ? new Date(sent) : now();
  }

  async function processInbox(session: Session, state: TurnState): Promise<TurnState | null> {
    const phone = session.phone;
    const row = state.inbox;
    if (!row) return null;
    let newContact: TurnCommit['newContact'];
    try {
      if (row.kind === 'event') {
        if (!state.contact) throw new Error('a system event for a person Reserva does not know');
        const event = JSON.parse(row.payload) as ConversationEvent;
        return await commitTurn(session, state, () => ({ event }), { inboxSeq: row.seq });
      }
      const message = JSON.parse(row.payload) as InboundMessage;
      // A number that said STOP (and was erased since) stays opted out as a new contact: the store
      // creates it so, reading the suppression list in the same statement.
      if (!state.contact && message.referral) {
        // The ad it came from is kept by contact id before the turn: the contact is created first.
        const { contact, created } = await store.createContact(phone, message.profileName ?? null, now(), session.hash);
        state = created
          ? { ...state, contact, conversation: null, effects: [], moreEffects: false, bookings: [] }
          : await store.load(phone, now(), session.hash);
      } else if (!state.contact) {
        // Created by this turn's commit, as the store will write it (the suppression list was read
        // with the state).
        newContact = { phone, name: message.profileName ?? null, suppressionHash: session.hash };
        const contact: ContactRow = {
          id: randomUUID(),
          phone,
          name: newContact.name,
          language: null,
          formality: null,
          email: null,
          optedOutAt: state.suppressed ? now() : null,
          marketingConsent: false,
          marketingAskedAt: null,
          lastInboundAt: null,
        };
        state = { ...state, contact, conversation: null, effects: [], moreEffects: false, bookings: [] };
      }
      // (A flooded first message gets its note without creating the contact.)
      if (await floodStopped(phone, state, row.seq)) return null;
      if (message.referral && state.contact) await opts.onReferral?.(state.contact.id, message.referral);
      if (opts.markRead) void opts.markRead(message.id).catch(() => {});
      const et = await eventType().catch((): Pick<EventTypeInfo, 'lengthInMinutes'> & { id?: number } => ({
        lengthInMinutes: 30,
      }));
      const reference = referenceTime(message);
      return await commitTurn(
        session,
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
          // Sent (WhatsApp's timestamp) or stored before this conversation's last step was
          // committed: written before the bot's last reply existed, so it cannot answer that
          // reply's question. (Two requests sent at once may be read one after the other's whole
          // turn; the send time still tells. Seconds' resolution: only an answer within a second
          // of the question would be misread, and no person answers that fast.)
          const last = current.conversation?.lastActivityAt?.getTime();
          const sent = Date.parse(message.timestamp);
          if (last && ((row.receivedAt && row.receivedAt.getTime() < last) || (Number.isFinite(sent) && sent < last)))
            input.beforeLastReply = true;
          return { event: { type: 'USER', input, bookings }, contact: update };
        },
        { inboxSeq: row.seq },
        newContact,
      );
    } catch (err) {
      if (!newContact && (await erasedMeanwhile(state.contact?.id))) {
        log.info({ seq: row.seq }, 'the contact was erased meanwhile: nothing more to do for them');
        return null;
      }
      log.error({ err, seq: row.seq }, 'inbound message processing failed');
      const attempts = await store.attempt('inbox', row.seq).catch(() => MAX_ATTEMPTS);
      if (attempts >= MAX_ATTEMPTS)
        await store.finish('inbox', row.seq, 'failed', now(), String((err as Error).message)).catch(() => {});
      return null;
    }
  }

  function parseStored(payload: string, contact: ContactRow): StoredEffect {
    const { params, facts: stored } = decodeEffect(payload);
    return { params, facts: stored ?? facts(contact) }; // a row written before facts were stored with it
  }

  /**
   * Runs a person's oldest effect and commits its result as the next turn. Returns the state to go
   * on with (null: read it again), 'wait', or 'released' (the lease went back with the last write).
   */
  async function runOutboxEffect(session: Session, state: TurnState): Promise<TurnState | null | 'wait' | 'released'> {
    const phone = session.phone;
    const effect = state.effects[0];
    const contact = state.contact;
    if (!effect || !contact) return null;
    // After this effect, if it leaves the turn's state as it was.
    const rest: TurnState = { ...state, effects: state.effects.slice(1), inbox: null };
    const kind = effect.kind;
    if (!isEffect(kind)) {
      log.warn({ effect: kind }, 'unknown effect ignored');
      await store.finish('effect', effect.seq, 'failed', now(), `unknown effect ${kind}`);
      return rest;
    }
    const handler = handlerFor(kind);
    const stored = parseStored(effect.payload, contact);
    const params = stored.params as EffectParams<EffectName>;
    // Bounds: an effect that keeps failing, or a chain of calendar calls that keeps going round.
    // The first try of an effect queued by this session was counted by the commit that queued it.
    const attempt =
      kind === 'reply'
        ? effect.attempts + 1
        : session.counted.delete(effect.seq)
          ? effect.attempts
          : await store.attempt('effect', effect.seq);
    const overBudget = handler.calendar && session.calendarCalls >= MAX_CALENDAR;
    if (attempt > MAX_ATTEMPTS || overBudget) {
      log.warn(
        { effect: kind, attempt, calendarCalls: session.calendarCalls },
        overBudget ? 'too many calendar calls for one message: chain cut' : 'effect failed too often: given up',
      );
      const giveUp = (handler.giveUp as ((p: unknown) => ConversationEvent | null) | undefined)?.(params) ?? null;
      if (giveUp) return commitTurn(session, state, () => ({ event: giveUp }), { effectSeq: effect.seq });
      await store.finish('effect', effect.seq, 'failed', now(), 'retries exhausted');
      return null; // its tries may have written anything: read again
    }
    // The person's last known work: the statement that records it gives the lease back if nothing waits.
    const release: LeaseRelease | undefined =
      state.effects.length === 1 && !state.moreEffects && !state.inbox
        ? { phone, owner, contactId: contact.id }
        : undefined;
    let result: EffectResult;
    try {
      result = await (handler.run as (p: unknown, r: EffectRun, d: EffectDeps) => Promise<EffectResult>)(
        params,
        {
          seq: effect.seq,
          attempt,
          contact: { ...contact, lastInboundAt: contact.lastInboundAt ?? null },
          facts: stored.facts,
          messagedBefore: state.messaged,
          release,
        },
        deps,
      );
    } catch (err) {
      log.error({ err, effect: kind }, 'effect failed');
      if (kind === 'reply') await store.attempt('effect', effect.seq).catch(() => {});
      return null; // retried next round, up to MAX_ATTEMPTS
    }
    if (release?.released) return 'released';
    if (result && 'wait' in result) {
      const timer = setTimeout(() => {
        waits.delete(phone);
        schedule(phone);
      }, result.wait);
      timer.unref();
      waits.set(phone, timer);
      return 'wait';
    }
    // A reply that went (or may have) recorded its message: the next one is not the first.
    const keeps = handler.keepsTurnState === true && release?.released !== false;
    if (result && 'done' in result) return keeps ? { ...rest, messaged: true } : null;
    if (result) {
      const event = result;
      const next = await commitTurn(session, state, () => ({ event }), { effectSeq: effect.seq });
      return keeps && kind !== 'reply' ? next : null;
    }
    // No result (for a reply: withheld by the gate, or not sent): the effect is done.
    await store.finish('effect', effect.seq, 'done', now(), undefined, release);
    if (release?.released) return 'released';
    return keeps && kind !== 'reply' && release?.released !== false ? rest : null;
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
