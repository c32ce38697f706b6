/**
 * The engine's hot path on the database driver directly (better-sqlite3 / pg), one module for both:
 * the durable inbox, per-person leases, loading everything a turn needs in one go, and committing a
 * turn — snapshot, new outbox rows, the inbox row's or effect's status and contact facts — in one
 * transaction (one statement on Postgres). Prisma stays for everything else; the rows written here
 * are in the format Prisma reads back (ids, DateTime as Prisma stores them).
 *
 * Profile first: Prisma costs ~1–2 ms of CPU per query (query compiler + client + adapter); a turn
 * used ~12 of them. Here a lease session starts with one statement (`begin`: the lease and
 * everything the turn reads), each turn is one write (a transaction of a few statements on SQLite,
 * one statement on Postgres) that returns what the engine needs to go on without reading it back,
 * and the session ends with `releaseIfIdle` (or that release folded into the last write).
 */
import { randomUUID } from 'node:crypto';
import type BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { orderedId } from './ordered-id.js';
import { countDriver, queryStatsEnabled } from './query-stats.js';

export interface ContactRow {
  id: string;
  phone: string;
  name: string | null;
  language: string | null;
  formality: string | null;
  email: string | null;
  /** Issue 14: what the outbox gate and the consent question need (dates as the driver returns them). */
  optedOutAt?: Date | string | number | null;
  marketingConsent?: boolean | number | null;
  marketingAskedAt?: Date | string | number | null;
  /** The person's last message (WhatsApp's 24-hour window: free-form reply or template). */
  lastInboundAt?: Date | null;
}

/**
 * The contact columns a turn reads (issue 14 added opt-out and consent, for the gate and the
 * consent question; issue 12 the last inbound message, for the reply's 24-hour window).
 */
const CONTACT_FIELDS = [
  'id',
  'phone',
  'name',
  'language',
  'formality',
  'email',
  'optedOutAt',
  'marketingConsent',
  'marketingAskedAt',
  'lastInboundAt',
] as const;
const CONTACT_COLUMNS = CONTACT_FIELDS.map((f) => `"${f}"`).join(', ');

export interface ConversationRow {
  snapshot: string;
  machineVersion: number;
  version: number;
  lastActivityAt: Date;
}

export interface WorkRow {
  seq: number;
  kind: string;
  payload: string;
  attempts: number;
  /** Inbox rows: when the message was stored (our clock, ms). */
  receivedAt?: Date | null;
}

export interface BookingRow {
  uid: string;
  start: string;
  end: string;
  title: string | null;
}

/** Pending effects read at once; with more, `moreEffects` says so (the engine reads again after them). */
export const EFFECTS_LOADED = 16;

/** Everything one turn needs, read at once. */
export interface TurnState {
  contact: ContactRow | null;
  conversation: ConversationRow | null;
  /** The person's pending outbox effects, oldest first (effects run before the next message). */
  effects: WorkRow[];
  /** More pending effects than `effects` holds. */
  moreEffects: boolean;
  /** The person's oldest unprocessed inbox row. */
  inbox: WorkRow | null;
  /** Upcoming accepted bookings (at most 10), soonest first. */
  bookings: BookingRow[];
  /** A message was ever recorded for this phone (issue 14: the first one links the privacy notice). */
  messaged: boolean;
  /**
   * The number is on the suppression list (an opt-out that survived erasure): read only when the
   * caller gave the number's hash (src/privacy: `suppressionHash`), false otherwise.
   */
  suppressed: boolean;
}

/** A lease given back by the statement that writes the session's last known work, when nothing is waiting. */
export interface LeaseRelease {
  phone: string;
  owner: string;
  contactId: string;
  /** Set by the store once written: true when the lease was given back, false when work was waiting. */
  released?: boolean;
}

/** What a committed turn wrote that the engine goes on with (no reading back). */
export interface CommitResult {
  /** The seqs of the effects inserted, in the order given. */
  effects: number[];
}

export interface InboxInsert {
  key: string;
  phone: string;
  kind: 'message' | 'event';
  payload: string;
}

export interface TurnCommit {
  contactId: string;
  /** The version read, or null when the conversation did not exist. */
  expectedVersion: number | null;
  snapshot: string;
  machineVersion: number;
  at: Date;
  /** `attempts`: 1 for an effect the engine tries right after this commit (its first try, counted here). */
  effects: Array<{ kind: string; payload: string; attempts?: number }>;
  /** The inbox row this turn processed, or the effect whose result it was. */
  inboxSeq?: number;
  effectSeq?: number;
  contact?: { language?: string; formality?: string; lastInboundAt?: Date; name?: string };
  /** Statechart steps of this turn (insights, issue 15): one ConversationStep row each, at `at`. */
  steps?: StepInsert[];
  /**
   * The person's first message: the contact (`contactId`) is created with this turn, with the
   * `contact` facts; opted out when `suppressionHash` is on the suppression list. Nothing is
   * written when the phone has a contact already (null, like a version conflict).
   */
  newContact?: { phone: string; name: string | null; suppressionHash?: string };
}

export interface StepInsert {
  fromState: string;
  toState: string;
  event: string;
  intent: string | null;
  text: string | null;
}

export interface StatusRow {
  waMessageId: string;
  status: string;
  timestamp: Date;
  errorCode: number | null;
  errorTitle: string | null;
}

export interface TurnStore {
  readonly provider: 'sqlite' | 'postgres';
  /** Stores inbound rows; a key seen before returns no seq (duplicate). */
  insertInbox(rows: InboxInsert[], at: Date): Promise<Map<string, number>>;
  /** Takes the person's lease when free, expired or already ours. */
  acquire(phone: string, owner: string, nowMs: number, untilMs: number): Promise<boolean>;
  /**
   * `acquire` and `load` in one statement: the person's state once the lease is ours, null when
   * another live instance holds it. `suppressionHash`: the number's key on the suppression list.
   */
  begin(
    phone: string,
    owner: string,
    nowMs: number,
    untilMs: number,
    now: Date,
    suppressionHash?: string,
  ): Promise<TurnState | null>;
  renew(owner: string, phones: string[], untilMs: number): Promise<void>;
  release(phone: string, owner: string): Promise<void>;
  /**
   * Gives the lease back unless the person has work waiting (an unprocessed inbox row or a pending
   * effect): false then, or when the lease is no longer ours.
   */
  releaseIfIdle(phone: string, owner: string, contactId: string | null): Promise<boolean>;
  /** People with unfinished work and no live lease (another instance died, or nobody took it). */
  orphans(nowMs: number, limit: number): Promise<string[]>;
  load(phone: string, now: Date, suppressionHash?: string): Promise<TurnState>;
  /**
   * Creates the contact (or finds the one a concurrent turn created). A number on the suppression
   * list (`suppressionHash`) is created opted out, in the same statement.
   */
  createContact(
    phone: string,
    name: string | null,
    at: Date,
    suppressionHash?: string,
  ): Promise<{ contact: ContactRow; created: boolean }>;
  /** Null when the conversation's version moved (nothing was written). */
  commit(c: TurnCommit): Promise<CommitResult | null>;
  /** Counts an attempt at an inbox row or effect before it is tried; returns the new count. */
  attempt(table: 'inbox' | 'effect', seq: number): Promise<number>;
  /** Ends an inbox row or effect without a turn (failed for good, or an effect without result). */
  finish(
    table: 'inbox' | 'effect',
    seq: number,
    status: 'done' | 'processed' | 'failed',
    at: Date,
    error?: string,
    release?: LeaseRelease,
  ): Promise<void>;
  /**
   * Records the intent to send before calling WhatsApp: one row per key. Returns the row; `fresh`
   * is false when a previous attempt recorded it (it may have been sent: see its status).
   */
  intent(i: IntentInsert): Promise<IntentRow>;
  /**
   * The call answered: the row gets WhatsApp's id; the effect that sent it (if any) is done,
   * atomically — and the lease given back when `release` says this was the session's last work.
   */
  sent(id: string, waMessageId: string, at: Date, effectSeq?: number, release?: LeaseRelease): Promise<void>;
  failedSend(id: string, code: number | null, title: string): Promise<void>;
  /** A status webhook names our row (biz_opaque_callback_data): the message was sent, whatever we recorded. */
  reconcile(rows: Array<{ id: string; waMessageId: string }>): Promise<void>;
  /** Stores status webhooks in one statement; returns those not seen before (per message and status). */
  insertStatuses(rows: StatusRow[], at: Date): Promise<StatusRow[]>;
  /**
   * Moves outbound messages' statuses forward only (sent < delivered < read; a failure keeps its
   * code and never undoes a delivery), in the order given, in one transaction (SQLite) or one
   * statement per round (Postgres: the n-th status of each message in round n).
   */
  applyStatuses(rows: StatusRow[], at: Date): Promise<void>;
  close(): Promise<void>;
}

export interface IntentInsert {
  key: string;
  phone: string;
  kind: string;
  body: string;
  at: Date;
  /** Insights (issue 15): what the message is for, its booking and template (src/engine/outbound.ts). */
  purpose?: string | null;
  bookingUid?: string | null;
  template?: string | null;
}

export interface IntentRow {
  id: string;
  fresh: boolean;
  status: string;
  waMessageId: string | null;
  createdAt: Date;
}

/**
 * The SET list that moves an outbound message's status forward only, by one status event
 * (`st` its status, `t` its time): sent < delivered < read; `failed` records its code, and
 * becomes the status unless the message was already delivered or read; a later sent / delivered
 * / read after a failure moves it on. Each time column is set once. The same SQL for both
 * databases (placeholders or a record's columns are passed in).
 */
function APPLY_STATUS_SET(st: string, t: string, code: string, title: string, at: string, o = ''): string {
  const rank = (x: string) => `(CASE ${x} WHEN 'sent' THEN 1 WHEN 'delivered' THEN 2 WHEN 'read' THEN 3 ELSE 0 END)`;
  const cur = `(CASE WHEN ${o}"status" = 'failed' THEN -1 ELSE ${rank(`${o}"status"`)} END)`;
  return `"status" = CASE
      WHEN ${st} = 'failed' THEN (CASE WHEN ${rank(`${o}"status"`)} >= 2 THEN ${o}"status" ELSE 'failed' END)
      WHEN ${rank(st)} > ${cur} THEN ${st} ELSE ${o}"status" END,
    "errorCode" = CASE WHEN ${st} = 'failed' THEN ${code} ELSE ${o}"errorCode" END,
    "errorTitle" = CASE WHEN ${st} = 'failed' THEN ${title} ELSE ${o}"errorTitle" END,
    "sentAt" = CASE WHEN ${st} = 'sent' THEN COALESCE(${o}"sentAt", ${t}) ELSE ${o}"sentAt" END,
    "deliveredAt" = CASE WHEN ${st} IN ('delivered', 'read') THEN COALESCE(${o}"deliveredAt", ${t})
      ELSE ${o}"deliveredAt" END,
    "readAt" = CASE WHEN ${st} = 'read' THEN COALESCE(${o}"readAt", ${t}) ELSE ${o}"readAt" END,
    "updatedAt" = ${at}`;
}

/** Rows in slices of `size`, with a macrotask between slices (the event loop serves others). */
async function* slices<T>(rows: T[], size = 200): AsyncGenerator<T[]> {
  for (let i = 0; i < rows.length; i += size) {
    if (i > 0) await new Promise((r) => setImmediate(r));
    yield rows.slice(i, i + size);
  }
}

/** DateTime as Prisma stores it in SQLite, so Prisma reads our rows back unchanged. */
const sqliteDate = (d: Date) => d.toISOString().replace('Z', '+00:00');
const parseDate = (v: unknown): Date =>
  v instanceof Date ? v : new Date(typeof v === 'string' && !/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? `${v}Z` : String(v));
const iso = (v: unknown): string => parseDate(v).toISOString();

/**
 * Counts each run/get/all of a prepared statement (only when query stats are on). The methods are
 * wrapped once on the statement (no Proxy trap on every access): the profile that counts them
 * measures the store, not the counting.
 */
function counted(stmt: BetterSqlite3.Statement): BetterSqlite3.Statement {
  if (!queryStatsEnabled) return stmt;
  const own = stmt as unknown as Record<'run' | 'get' | 'all', (...a: unknown[]) => unknown>;
  for (const m of ['run', 'get', 'all'] as const) {
    const f = own[m].bind(stmt);
    own[m] = (...a: unknown[]) => {
      countDriver();
      return f(...a);
    };
  }
  return stmt;
}

/**
 * SQLite: the store shares Prisma's connection. Prisma's interactive transactions stay open across
 * awaits on it; the store's work (synchronous, one transaction at a time) waits for them to end so
 * it never joins one. Waiting is asynchronous: the event loop keeps answering webhooks.
 */
async function free(db: BetterSqlite3.Database): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (db.inTransaction) {
    if (Date.now() > deadline)
      throw new Error('SQLite: a transaction stayed open for 30 s; the turn was not written (it will be retried)');
    await new Promise((r) => setImmediate(r));
  }
}

/** Writes one group commit takes at most: the write lock is held for all of them (webhook inserts wait). */
const GROUP_MAX = 16;

/**
 * Group commit for the processing side's writes on SQLite (issue 12): the writes that arrive in the
 * same turn of the event loop — different people's turns, sends and leases — run in one
 * transaction, each as a savepoint of its own, so a write that fails is undone alone and its caller
 * alone gets the error. Every caller's promise settles after the shared COMMIT: what was durable
 * before a caller went on (a send's intent before the call, a turn before its effects) still is.
 * One BEGIN IMMEDIATE … COMMIT, one lock and one page-cache refresh serve them all, instead of one
 * each (the other thread's inserts make SQLite drop a connection's page cache at every transaction).
 */
function groupCommit(db: BetterSqlite3.Database, ready: () => Promise<void>) {
  interface Job {
    run: () => unknown;
    resolve: (v: unknown) => void;
    reject: (e: unknown) => void;
  }
  const queue: Job[] = [];
  let scheduled = false;
  type Outcome = { ok: true; value: unknown } | { ok: false; error: unknown };
  const one = db.transaction((run: () => unknown) => run());
  const all = db.transaction((jobs: Job[]): Outcome[] =>
    jobs.map((job) => {
      try {
        return { ok: true as const, value: one(job.run) };
      } catch (error) {
        // An error SQLite answers by rolling back the whole transaction (disk full, I/O): the
        // writes before it are gone too, so the group fails as a whole.
        if (!db.inTransaction) throw error;
        return { ok: false as const, error };
      }
    }),
  );
  async function flush() {
    let jobs: Job[] = [];
    try {
      await ready();
      jobs = queue.splice(0, GROUP_MAX);
      scheduled = false;
      if (queue.length) schedule();
      const outcomes = all.immediate(jobs);
      outcomes.forEach((o, i) => (o.ok ? jobs[i]!.resolve(o.value) : jobs[i]!.reject(o.error)));
    } catch (err) {
      scheduled = false;
      if (!jobs.length) jobs = queue.splice(0);
      for (const job of jobs) job.reject(err);
      if (queue.length) schedule();
    }
  }
  function schedule() {
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => void flush());
  }
  return <T>(run: () => T): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      queue.push({ run, resolve: resolve as (v: unknown) => void, reject });
      schedule();
    });
}

/** Dates the drivers return (strings on SQLite and inside JSON, Date on pg) as Date. */
const dateOrNull = (v: unknown): Date | null => (v === null || v === undefined ? null : parseDate(v));

/** The inbox row with its receipt time as a Date (a string as the drivers' JSON gives it). */
function inboxOf(row: WorkRow | null | undefined): WorkRow | null {
  return row ? { ...row, receivedAt: dateOrNull(row.receivedAt) } : null;
}

/** The contact row with its last inbound message as a Date. */
function contactOf(row: ContactRow | null | undefined): ContactRow | null {
  if (!row) return null;
  return { ...row, lastInboundAt: dateOrNull(row.lastInboundAt) };
}

/** Pending effects as read (one more than kept, to know there are more). */
function effectsOf(rows: WorkRow[] | null | undefined): { effects: WorkRow[]; moreEffects: boolean } {
  const all = rows ?? [];
  return { effects: all.slice(0, EFFECTS_LOADED), moreEffects: all.length > EFFECTS_LOADED };
}

const PENDING_INBOX = `"status" IN ('pending', 'processing')`;
/**
 * Takes a person's lease when it is free, expired or already `owner`'s (both databases; the
 * placeholders or expressions are passed in). With RETURNING, a row means the lease is ours.
 */
const LEASE_UPSERT = (phone: string, owner: string, until: string, nowMs: string) =>
  `INSERT INTO "PersonLease" ("phone", "owner", "untilMs") VALUES (${phone}, ${owner}, ${until})
   ON CONFLICT ("phone") DO UPDATE SET "owner" = excluded."owner", "untilMs" = excluded."untilMs"
   WHERE "PersonLease"."owner" = excluded."owner" OR "PersonLease"."untilMs" < ${nowMs}`;
const PENDING_EFFECT = `"status" IN ('pending', 'running')`;

/**
 * SQLite: everything a turn reads, as the columns of one row (named parameters @phone, @now,
 * @hash): the contact with its conversation, pending effects and upcoming bookings (JSON), the
 * snapshot apart (no JSON escaping of the largest column), the oldest inbox row, whether the phone
 * was ever sent a message and whether it is on the suppression list.
 */
const SQLITE_STATE = `
  (SELECT json_object(${CONTACT_FIELDS.map((f) => `'${f}', c."${f}"`).join(', ')},
     'conversation', CASE WHEN v."contactId" IS NULL THEN NULL ELSE json_object('machineVersion', v."machineVersion",
       'version', v."version", 'lastActivityAt', v."lastActivityAt") END,
     'effects', json((SELECT json_group_array(json_object('seq', e."seq", 'kind', e."kind", 'payload', e."payload",
       'attempts', e."attempts")) FROM (SELECT "seq", "kind", "payload", "attempts" FROM "OutboxEffect"
         WHERE "contactId" = c."id" AND ${PENDING_EFFECT} ORDER BY "seq" LIMIT ${EFFECTS_LOADED + 1}) e)),
     'bookings', json((SELECT json_group_array(json_object('uid', b."uid", 'start', b."start", 'end', b."end",
       'title', b."title")) FROM (SELECT "uid", "start", "end", "title" FROM "Booking" WHERE "contactId" = c."id"
         AND "status" = 'accepted' AND "start" > @now ORDER BY "start" LIMIT 10) b)))
   FROM "Contact" c LEFT JOIN "Conversation" v ON v."contactId" = c."id" WHERE c."phone" = @phone) AS person,
  (SELECT v."snapshot" FROM "Contact" c JOIN "Conversation" v ON v."contactId" = c."id"
    WHERE c."phone" = @phone) AS snapshot,
  (SELECT json_object('seq', "seq", 'kind', "kind", 'payload', "payload", 'attempts', "attempts",
    'receivedAt', "receivedAt") FROM "InboxMessage"
    WHERE "phone" = @phone AND ${PENDING_INBOX} ORDER BY "seq" LIMIT 1) AS inbox,
  EXISTS (SELECT 1 FROM "OutboundMessage" WHERE "phone" = @phone) AS messaged,
  (@hash IS NOT NULL AND EXISTS (SELECT 1 FROM "SuppressedNumber" WHERE "phoneHash" = @hash)) AS suppressed`;

interface SqliteStateRow {
  person: string | null;
  snapshot: string | null;
  inbox: string | null;
  messaged: number;
  suppressed: number;
}

function sqliteState(r: SqliteStateRow): TurnState {
  const person = r.person
    ? (JSON.parse(r.person) as ContactRow & {
        conversation: (Omit<ConversationRow, 'snapshot' | 'lastActivityAt'> & { lastActivityAt: string }) | null;
        effects: WorkRow[];
        bookings: BookingRow[];
      })
    : null;
  const inbox = inboxOf(r.inbox ? (JSON.parse(r.inbox) as WorkRow) : null);
  const facts = { inbox, messaged: Boolean(r.messaged), suppressed: Boolean(r.suppressed) };
  if (!person) return { contact: null, conversation: null, effects: [], moreEffects: false, bookings: [], ...facts };
  const { conversation: conv, effects, bookings, ...contact } = person;
  return {
    contact: contactOf(contact),
    conversation:
      conv && r.snapshot !== null
        ? { ...conv, snapshot: r.snapshot, lastActivityAt: parseDate(conv.lastActivityAt) }
        : null,
    ...effectsOf(effects),
    bookings: bookings.map((b) => ({ ...b, start: iso(b.start), end: iso(b.end) })),
    ...facts,
  };
}

/**
 * Issue 12, SQLite with processing in its own thread: both threads write the one database file,
 * and SQLite's lock is not fair — a writer that finds it busy sleeps (1, 2, 5, 10 … ms) while the
 * other keeps taking it, so a webhook's insert could wait behind a stream of turns. The gate (a
 * shared counter) gives the HTTP thread priority: it raises the gate while it writes, and the
 * processing thread does not start a write while the gate is up.
 */
export interface WriteGate {
  cell: Int32Array;
  /** True on the HTTP thread (webhooks first), false on the processing thread. */
  priority: boolean;
}

export function sqliteTurnStore(db: BetterSqlite3.Database, o: { gate?: WriteGate } = {}): TurnStore {
  const gate = o.gate;
  async function ready(): Promise<void> {
    await free(db);
    if (!gate) return;
    if (gate.priority) {
      // Up until the statement that follows (same macrotask) has run.
      Atomics.add(gate.cell, 0, 1);
      setImmediate(() => Atomics.sub(gate.cell, 0, 1));
      return;
    }
    while (Atomics.load(gate.cell, 0) > 0) await new Promise((r) => setImmediate(r));
    await free(db);
  }
  const write = groupCommit(db, ready);
  const prepare = (sql: string) => counted(db.prepare(sql).safeIntegers(false));
  const s = {
    insert: prepare(
      `INSERT INTO "InboxMessage" ("waMessageId", "phone", "payload", "kind", "status", "attempts", "receivedAt")
       VALUES (?, ?, ?, ?, 'pending', 0, ?) ON CONFLICT ("waMessageId") DO NOTHING RETURNING "seq"`,
    ),
    acquire: prepare(`${LEASE_UPSERT('?', '?', '?', '?')} RETURNING "phone"`),
    renew: prepare(`UPDATE "PersonLease" SET "untilMs" = ? WHERE "phone" = ? AND "owner" = ?`),
    release: prepare(`DELETE FROM "PersonLease" WHERE "phone" = ? AND "owner" = ?`),
    orphanInbox: prepare(
      `SELECT DISTINCT i."phone" AS phone FROM "InboxMessage" i LEFT JOIN "PersonLease" l ON l."phone" = i."phone"
       WHERE i."status" IN ('pending', 'processing') AND (l."phone" IS NULL OR l."untilMs" < ?) LIMIT ?`,
    ),
    orphanOutbox: prepare(
      `SELECT DISTINCT c."phone" AS phone FROM "OutboxEffect" o JOIN "Contact" c ON c."id" = o."contactId"
       LEFT JOIN "PersonLease" l ON l."phone" = c."phone"
       WHERE o."status" IN ('pending', 'running') AND (l."phone" IS NULL OR l."untilMs" < ?) LIMIT ?`,
    ),
    contact: prepare(`SELECT ${CONTACT_COLUMNS} FROM "Contact" WHERE "phone" = ?`),
    state: prepare(`SELECT ${SQLITE_STATE}`),
    begin: prepare(`${LEASE_UPSERT('@phone', '@owner', '@until', '@nowMs')} RETURNING ${SQLITE_STATE}`),
    releaseIdle: prepare(
      `DELETE FROM "PersonLease" WHERE "phone" = @phone AND "owner" = @owner
        AND NOT EXISTS (SELECT 1 FROM "InboxMessage" WHERE "phone" = @phone AND ${PENDING_INBOX})
        AND NOT EXISTS (SELECT 1 FROM "OutboxEffect" WHERE "contactId" = @contactId AND ${PENDING_EFFECT})`,
    ),
    createContact: prepare(
      `INSERT INTO "Contact" ("id", "phone", "name", "marketingConsent", "optedOutAt", "createdAt", "updatedAt")
       VALUES (@id, @phone, @name, 0, CASE WHEN @hash IS NOT NULL AND EXISTS (SELECT 1 FROM "SuppressedNumber"
         WHERE "phoneHash" = @hash) THEN @at END, @at, @at)
       ON CONFLICT ("phone") DO NOTHING RETURNING ${CONTACT_COLUMNS}`,
    ),
    insertConversation: prepare(
      `INSERT INTO "Conversation" ("id", "contactId", "machineVersion", "snapshot", "version", "lastActivityAt",
        "createdAt", "updatedAt")
       VALUES (?, ?, ?, ?, 1, ?, ?, ?) ON CONFLICT ("contactId") DO NOTHING`,
    ),
    insertContact: prepare(
      `INSERT INTO "Contact" ("id", "phone", "name", "language", "formality", "marketingConsent", "lastInboundAt",
        "optedOutAt", "createdAt", "updatedAt")
       VALUES (@id, @phone, @name, @language, @formality, 0, @last, CASE WHEN @hash IS NOT NULL AND EXISTS (SELECT 1
         FROM "SuppressedNumber" WHERE "phoneHash" = @hash) THEN @at END, @at, @at)
       ON CONFLICT ("phone") DO NOTHING`,
    ),
    updateConversation: prepare(
      `UPDATE "Conversation" SET "snapshot" = ?, "machineVersion" = ?, "version" = "version" + 1,
        "lastActivityAt" = ?, "updatedAt" = ?
       WHERE "contactId" = ? AND "version" = ?`,
    ),
    insertEffect: prepare(
      `INSERT INTO "OutboxEffect" ("contactId", "kind", "payload", "status", "attempts", "createdAt") VALUES (?, ?,
        ?, 'pending', ?, ?) RETURNING "seq"`,
    ),
    // Several effects (or steps) of one turn: one statement, rows from a JSON array in its order.
    insertEffects: prepare(
      `INSERT INTO "OutboxEffect" ("contactId", "kind", "payload", "status", "attempts", "createdAt")
       SELECT ?, e.value ->> 'kind', e.value ->> 'payload', 'pending', coalesce(e.value ->> 'attempts', 0), ?
       FROM json_each(?) e ORDER BY e.key RETURNING "seq"`,
    ),
    // The same, the first row being the effect this turn is the result of (it exists: the
    // conflict on its seq marks it done); the others have no seq (new rows, autoincrement).
    endAndQueueEffects: prepare(
      `INSERT INTO "OutboxEffect" ("seq", "contactId", "kind", "payload", "status", "attempts", "createdAt")
       SELECT e.value ->> 'seq', ?, coalesce(e.value ->> 'kind', ''), coalesce(e.value ->> 'payload', ''), 'pending',
         coalesce(e.value ->> 'attempts', 0), ?
       FROM json_each(?) e WHERE true ORDER BY e.key
       ON CONFLICT ("seq") DO UPDATE SET "status" = 'done', "doneAt" = excluded."createdAt", "error" = NULL
       RETURNING "seq"`,
    ),
    insertStep: prepare(
      `INSERT INTO "ConversationStep" ("id", "contactId", "at", "fromState", "toState", "event", "intent", "text")
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertSteps: prepare(
      `INSERT INTO "ConversationStep" ("id", "contactId", "at", "fromState", "toState", "event", "intent", "text")
       SELECT s.value ->> 'id', ?, ?, s.value ->> 'fromState', s.value ->> 'toState', s.value ->> 'event',
         s.value ->> 'intent', s.value ->> 'text'
       FROM json_each(?) s ORDER BY s.key`,
    ),
    inboxDone: prepare(`UPDATE "InboxMessage" SET "status" = ?, "processedAt" = ?, "error" = ? WHERE "seq" = ?`),
    effectDone: prepare(`UPDATE "OutboxEffect" SET "status" = ?, "doneAt" = ?, "error" = ? WHERE "seq" = ?`),
    inboxAttempt: prepare(`UPDATE "InboxMessage" SET "attempts" = "attempts" + 1 WHERE "seq" = ? RETURNING "attempts"`),
    effectAttempt: prepare(
      `UPDATE "OutboxEffect" SET "attempts" = "attempts" + 1 WHERE "seq" = ? RETURNING "attempts"`,
    ),
    contactFacts: prepare(
      `UPDATE "Contact" SET "language" = COALESCE(?, "language"), "formality" = COALESCE(?, "formality"),
       "lastInboundAt" = COALESCE(?, "lastInboundAt"), "name" = COALESCE("name", ?), "updatedAt" = ? WHERE "id" = ?`,
    ),
    statusInsert: prepare(
      `INSERT INTO "MessageStatusEvent" ("id", "waMessageId", "status", "timestamp", "errorCode", "errorTitle",
        "createdAt")
       VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT ("waMessageId", "status") DO NOTHING`,
    ),
    intentInsert: prepare(
      `INSERT INTO "OutboundMessage" ("id", "phone", "kind", "body", "status", "idempotencyKey", "createdAt",
        "updatedAt", "purpose", "bookingUid", "template")
       VALUES (?, ?, ?, ?, 'sending', ?, ?, ?, ?, ?, ?) ON CONFLICT ("idempotencyKey") DO NOTHING`,
    ),
    intentGet: prepare(
      `SELECT "id", "status", "waMessageId", "createdAt" FROM "OutboundMessage" WHERE "idempotencyKey" = ?`,
    ),
    sent: prepare(
      `UPDATE "OutboundMessage" SET "waMessageId" = COALESCE("waMessageId", ?),
        "status" = CASE WHEN "status" IN ('sending', 'queued') THEN 'sent' ELSE "status" END,
       "sentAt" = COALESCE("sentAt", ?), "updatedAt" = ? WHERE "id" = ?`,
    ),
    failedSend: prepare(
      `UPDATE "OutboundMessage" SET "status" = 'failed', "errorCode" = ?, "errorTitle" = ?, "updatedAt" = ?
        WHERE "id" = ? AND "waMessageId" IS NULL`,
    ),
    reconcile: prepare(
      `UPDATE "OutboundMessage" SET "waMessageId" = ?, "status" = CASE WHEN "status" IN ('sending', 'queued',
        'failed') THEN 'sent' ELSE "status" END, "uncertain" = 0, "updatedAt" = ?
       WHERE "id" = ? AND "waMessageId" IS NULL`,
    ),
    applyStatus: prepare(`UPDATE "OutboundMessage" SET ${APPLY_STATUS_SET('@st', '@t', '@code', '@title', '@at')}
       WHERE "waMessageId" = @wa`),
  };
  const applyTx = db.transaction((rows: StatusRow[], at: string) => {
    for (const r of rows)
      s.applyStatus.run({
        st: r.status,
        t: sqliteDate(r.timestamp),
        code: r.errorCode,
        title: r.errorTitle,
        at,
        wa: r.waMessageId,
      });
  });
  const releaseIdle = (r: LeaseRelease) => {
    r.released = s.releaseIdle.run({ phone: r.phone, owner: r.owner, contactId: r.contactId }).changes === 1;
  };
  const sentTx = db.transaction((id: string, wa: string, at: string, effectSeq?: number, release?: LeaseRelease) => {
    s.sent.run(wa, at, at, id);
    if (effectSeq !== undefined) s.effectDone.run('done', at, null, effectSeq);
    if (release) releaseIdle(release);
  });
  const finishTx = db.transaction(
    (table: 'inbox' | 'effect', seq: number, status: string, at: string, error: string | null, r?: LeaseRelease) => {
      (table === 'inbox' ? s.inboxDone : s.effectDone).run(status, at, error, seq);
      if (r) releaseIdle(r);
    },
  );
  const reconcileTx = db.transaction((rows: Array<{ id: string; waMessageId: string }>, at: string) => {
    for (const r of rows) {
      try {
        s.reconcile.run(r.waMessageId, at, r.id);
      } catch {
        // that WhatsApp id is already on another row: nothing to reconcile
      }
    }
  });
  const statusTx = db.transaction((rows: StatusRow[], at: string) =>
    rows.filter(
      (r) =>
        s.statusInsert.run(
          randomUUID(),
          r.waMessageId,
          r.status,
          sqliteDate(r.timestamp),
          r.errorCode,
          r.errorTitle,
          at,
        ).changes === 1,
    ),
  );
  const insertMany = db.transaction((rows: InboxInsert[], at: string) => {
    const seqs = new Map<string, number>();
    for (const r of rows) {
      const got = s.insert.get(r.key, r.phone, r.payload, r.kind, at) as { seq: number } | undefined;
      if (got) seqs.set(r.key, Number(got.seq));
    }
    return seqs;
  });
  const commitTx = db.transaction((c: TurnCommit): CommitResult | null => {
    const at = sqliteDate(c.at);
    const created = c.newContact;
    if (created) {
      const f = c.contact;
      const r = s.insertContact.run({
        id: c.contactId,
        phone: created.phone,
        name: created.name ?? f?.name ?? null,
        language: f?.language ?? null,
        formality: f?.formality ?? null,
        last: f?.lastInboundAt ? sqliteDate(f.lastInboundAt) : null,
        hash: created.suppressionHash ?? null,
        at,
      });
      if (r.changes !== 1) return null;
    }
    if (c.expectedVersion === null) {
      const r = s.insertConversation.run(randomUUID(), c.contactId, c.machineVersion, c.snapshot, at, at, at);
      if (r.changes !== 1) return null;
    } else {
      const r = s.updateConversation.run(c.snapshot, c.machineVersion, at, at, c.contactId, c.expectedVersion);
      if (r.changes !== 1) return null;
    }
    let seqs: number[] = [];
    // The effect whose result this turn is ends in the statement that queues what follows.
    const ended = c.effectSeq !== undefined && c.effects.length > 0;
    if (ended) {
      const rows = [{ seq: c.effectSeq }, ...c.effects];
      const got = s.endAndQueueEffects.all(c.contactId, at, JSON.stringify(rows)) as Array<{ seq: number }>;
      seqs = got
        .map((r) => Number(r.seq))
        .filter((seq) => seq !== c.effectSeq)
        .sort((a, b) => a - b);
    } else if (c.effects.length === 1) {
      const e = c.effects[0]!;
      seqs = [(s.insertEffect.get(c.contactId, e.kind, e.payload, e.attempts ?? 0, at) as { seq: number }).seq];
    } else if (c.effects.length > 1) {
      const rows = s.insertEffects.all(c.contactId, at, JSON.stringify(c.effects)) as Array<{ seq: number }>;
      seqs = rows.map((r) => Number(r.seq)).sort((a, b) => a - b); // autoincrement: in insertion order
    }
    const steps = c.steps ?? [];
    if (steps.length === 1) {
      const st = steps[0]!;
      s.insertStep.run(randomUUID(), c.contactId, at, st.fromState, st.toState, st.event, st.intent, st.text);
    } else if (steps.length > 1) {
      s.insertSteps.run(c.contactId, at, JSON.stringify(steps.map((st) => ({ id: randomUUID(), ...st }))));
    }
    if (c.inboxSeq !== undefined) s.inboxDone.run('processed', at, null, c.inboxSeq);
    if (c.effectSeq !== undefined && !ended) s.effectDone.run('done', at, null, c.effectSeq);
    if (c.contact && !created) {
      const last = c.contact.lastInboundAt ? sqliteDate(c.contact.lastInboundAt) : null;
      s.contactFacts.run(
        c.contact.language ?? null,
        c.contact.formality ?? null,
        last,
        c.contact.name ?? null,
        at,
        c.contactId,
      );
    }
    return { effects: seqs };
  });
  const recordIntent = (i: IntentInsert): IntentRow => {
    const at = sqliteDate(i.at);
    const id = orderedId();
    const fresh =
      s.intentInsert.run(
        id,
        i.phone,
        i.kind,
        i.body,
        i.key,
        at,
        at,
        i.purpose ?? null,
        i.bookingUid ?? null,
        i.template ?? null,
      ).changes === 1;
    // Recorded now: the row is what was just written (no reading back).
    if (fresh) return { id, fresh, status: 'sending', waMessageId: null, createdAt: parseDate(at) };
    const row = s.intentGet.get(i.key) as {
      id: string;
      status: string;
      waMessageId: string | null;
      createdAt: string;
    };
    return { ...row, fresh, createdAt: parseDate(row.createdAt) };
  };
  return {
    provider: 'sqlite',
    async insertInbox(rows, at) {
      await ready();
      return insertMany.immediate(rows, sqliteDate(at));
    },
    acquire(phone, owner, nowMs, untilMs) {
      return write(() => s.acquire.get(phone, owner, untilMs, nowMs) !== undefined);
    },
    renew(owner, phones, untilMs) {
      return write(() => {
        for (const p of phones) s.renew.run(untilMs, p, owner);
      });
    },
    release(phone, owner) {
      return write(() => void s.release.run(phone, owner));
    },
    async orphans(nowMs, limit) {
      await ready();
      const a = s.orphanInbox.all(nowMs, limit) as Array<{ phone: string }>;
      const b = s.orphanOutbox.all(nowMs, limit) as Array<{ phone: string }>;
      return [...new Set([...a, ...b].map((r) => r.phone))];
    },
    begin(phone, owner, nowMs, untilMs, now, suppressionHash) {
      return write(() => {
        const r = s.begin.get({
          phone,
          owner,
          until: untilMs,
          nowMs,
          now: sqliteDate(now),
          hash: suppressionHash ?? null,
        }) as SqliteStateRow | undefined;
        return r ? sqliteState(r) : null;
      });
    },
    releaseIfIdle(phone, owner, contactId) {
      return write(() => s.releaseIdle.run({ phone, owner, contactId }).changes === 1);
    },
    async load(phone, now, suppressionHash) {
      await ready();
      return sqliteState(s.state.get({ phone, now: sqliteDate(now), hash: suppressionHash ?? null }) as SqliteStateRow);
    },
    createContact(phone, name, at, suppressionHash) {
      return write(() => {
        const when = sqliteDate(at);
        const row = s.createContact.get({ id: randomUUID(), phone, name, at: when, hash: suppressionHash ?? null }) as
          ContactRow | undefined;
        if (row) return { contact: contactOf(row)!, created: true };
        return { contact: contactOf(s.contact.get(phone) as ContactRow)!, created: false };
      });
    },
    commit(c) {
      return write(() => commitTx(c));
    },
    attempt(table, seq) {
      return write(() => {
        const r = (table === 'inbox' ? s.inboxAttempt : s.effectAttempt).get(seq) as { attempts: number } | undefined;
        return r?.attempts ?? 0;
      });
    },
    finish(table, seq, status, at, error, release) {
      const why = error?.slice(0, 500) ?? null;
      return write(() => {
        if (release) finishTx(table, seq, status, sqliteDate(at), why, release);
        else (table === 'inbox' ? s.inboxDone : s.effectDone).run(status, sqliteDate(at), why, seq);
      });
    },
    intent(i) {
      return write(() => recordIntent(i));
    },
    sent(id, waMessageId, at, effectSeq, release) {
      return write(() => sentTx(id, waMessageId, sqliteDate(at), effectSeq, release));
    },
    failedSend(id, code, title) {
      return write(() => void s.failedSend.run(code, title.slice(0, 500), sqliteDate(new Date()), id));
    },
    // Big batches (Meta sends hundreds of statuses in one webhook) in slices, each its own
    // transaction, yielding in between: other webhooks are answered meanwhile (issue 12).
    async reconcile(rows) {
      for await (const part of slices(rows)) {
        await ready();
        reconcileTx.immediate(part, sqliteDate(new Date()));
      }
    },
    async insertStatuses(rows, at) {
      const fresh: StatusRow[] = [];
      for await (const part of slices(rows)) {
        await ready();
        fresh.push(...statusTx.immediate(part, sqliteDate(at)));
      }
      return fresh;
    },
    async applyStatuses(rows, at) {
      for await (const part of slices(rows)) {
        await ready();
        applyTx.immediate(part, sqliteDate(at));
      }
    },
    async close() {},
  };
}

/** `timestamp(3)` columns hold UTC (Prisma's convention): read them as UTC whatever the process's zone. */
const pgTypes = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === 1114
      ? (v: string) => new Date(`${v.replace(' ', 'T')}Z`)
      : pg.types.getTypeParser(oid, format as never)) as typeof pg.types.getTypeParser,
};

export function postgresTurnStore(url: string, opts: { max?: number } = {}): TurnStore {
  const pool = new pg.Pool({ connectionString: url, max: opts.max ?? 10, types: pgTypes });
  pool.on('error', () => {}); // an idle client dropped by the server: the pool replaces it
  const q = <R extends pg.QueryResultRow>(name: string, text: string, values: unknown[]) => {
    countDriver();
    return pool.query<R>({ name, text, values });
  };
  const ts = (d: Date) => d.toISOString();

  /** Everything a turn reads, as the columns of one row; `c` is the contact CTE, $phone/$now/$hash its parameters. */
  const stateColumns = (phone: string, now: string, hash: string) => `
      (SELECT row_to_json(c) FROM c) AS contact,
      (SELECT row_to_json(v) FROM (SELECT "snapshot", "machineVersion", "version", "lastActivityAt" FROM "Conversation"
         WHERE "contactId" = (SELECT "id" FROM c)) v) AS conversation,
      (SELECT json_agg(e) FROM (SELECT "seq", "kind", "payload", "attempts" FROM "OutboxEffect"
         WHERE "contactId" = (SELECT "id" FROM c) AND ${PENDING_EFFECT}
           ORDER BY "seq" LIMIT ${EFFECTS_LOADED + 1}) e) AS effects,
      (SELECT row_to_json(i) FROM (SELECT "seq", "kind", "payload", "attempts", "receivedAt" FROM "InboxMessage"
         WHERE "phone" = ${phone} AND ${PENDING_INBOX} ORDER BY "seq" LIMIT 1) i) AS inbox,
      (SELECT json_agg(b) FROM (SELECT "uid", "start", "end", "title" FROM "Booking"
         WHERE "contactId" = (SELECT "id" FROM c) AND "status" = 'accepted' AND "start" > ${now}::timestamp
           ORDER BY "start" LIMIT 10) b) AS bookings,
      EXISTS (SELECT 1 FROM "OutboundMessage" WHERE "phone" = ${phone}) AS messaged,
      (${hash}::text IS NOT NULL AND EXISTS (SELECT 1 FROM "SuppressedNumber" WHERE "phoneHash" = ${hash}::text))
        AS suppressed`;
  const LOAD = `
    WITH c AS (SELECT ${CONTACT_COLUMNS} FROM "Contact" WHERE "phone" = $1)
    SELECT ${stateColumns('$1', '$2', '$3')}`;
  // The lease and the state in one round trip. The state is read with the statement's snapshot,
  // taken before the lease was won: when the lease was another live instance's at that snapshot
  // (it gave it back meanwhile), its last writes may be missing, so the state is read again.
  const BEGIN = `
    WITH prior AS (SELECT "owner", "untilMs" FROM "PersonLease" WHERE "phone" = $1),
    lease AS (
      ${LEASE_UPSERT('$1', '$2', '$3', '$4')} RETURNING "phone"
    ), c AS (SELECT ${CONTACT_COLUMNS} FROM "Contact" WHERE "phone" = $1)
    SELECT (SELECT count(*) FROM lease)::int AS acquired,
      COALESCE((SELECT "owner" <> $2 AND "untilMs" >= $4 FROM prior), false) AS contested,
      ${stateColumns('$1', '$5', '$6')}`;
  const RELEASE_IDLE = (phone: string, owner: string, contactId: string, except: string) => `
    DELETE FROM "PersonLease" WHERE "phone" = ${phone} AND "owner" = ${owner}
      AND NOT EXISTS (SELECT 1 FROM "InboxMessage" WHERE "phone" = ${phone} AND ${PENDING_INBOX})
      AND NOT EXISTS (SELECT 1 FROM "OutboxEffect" WHERE "contactId" = ${contactId} AND ${PENDING_EFFECT}
        AND "seq" IS DISTINCT FROM ${except}::int)
    RETURNING "phone"`;
  type PgState = {
    contact: ContactRow | null;
    conversation: (ConversationRow & { lastActivityAt: string }) | null;
    effects: WorkRow[] | null;
    inbox: WorkRow | null;
    bookings: BookingRow[] | null;
    messaged: boolean;
    suppressed: boolean;
  };
  const pgState = (row: PgState): TurnState => ({
    contact: contactOf(row.contact),
    conversation: row.conversation
      ? { ...row.conversation, lastActivityAt: parseDate(row.conversation.lastActivityAt) }
      : null,
    ...effectsOf(row.effects),
    inbox: inboxOf(row.inbox),
    bookings: (row.bookings ?? []).map((b) => ({ ...b, start: iso(b.start), end: iso(b.end) })),
    messaged: row.messaged,
    suppressed: row.suppressed,
  });

  // One statement: atomic on its own, one round trip. Nothing but the conversation is written
  // when its version moved (every other part joins on `conv`); nothing at all when a new contact's
  // phone has one already (`conv` waits for `nc`).
  const COMMIT = `
    WITH nc AS (
      INSERT INTO "Contact" ("id", "phone", "name", "language", "formality", "marketingConsent", "lastInboundAt",
        "optedOutAt", "createdAt", "updatedAt")
      SELECT $2, $16, COALESCE($17, $14), $10, $11, false, $12::timestamp, CASE WHEN $18::text IS NOT NULL
        AND EXISTS (SELECT 1 FROM "SuppressedNumber" WHERE "phoneHash" = $18::text) THEN $5::timestamp END,
        $5::timestamp, $5::timestamp
      WHERE $16::text IS NOT NULL
      ON CONFLICT ("phone") DO NOTHING RETURNING "id"
    ), conv AS (
      INSERT INTO "Conversation" ("id", "contactId", "machineVersion", "snapshot", "version", "lastActivityAt",
        "createdAt", "updatedAt")
      SELECT $1, $2, $3, $4, 1, $5::timestamp, $5::timestamp, $5::timestamp
      WHERE $16::text IS NULL OR EXISTS (SELECT 1 FROM nc)
      ON CONFLICT ("contactId") DO UPDATE SET "snapshot" = EXCLUDED."snapshot",
        "machineVersion" = EXCLUDED."machineVersion",
        "version" = "Conversation"."version" + 1, "lastActivityAt" = EXCLUDED."lastActivityAt",
          "updatedAt" = EXCLUDED."updatedAt"
      WHERE "Conversation"."version" = $6
      RETURNING "version"
    ), eff AS (
      INSERT INTO "OutboxEffect" ("contactId", "kind", "payload", "status", "attempts", "createdAt")
      SELECT $2, e.value->>'kind', e.value->>'payload', 'pending', COALESCE((e.value->>'attempts')::int, 0),
        $5::timestamp
      FROM conv, json_array_elements($7::json) WITH ORDINALITY AS e(value, n) ORDER BY e.n
      RETURNING "seq"
    ), inb AS (
      UPDATE "InboxMessage" SET "status" = 'processed', "processedAt" = $5::timestamp
      WHERE "seq" = $8 AND EXISTS (SELECT 1 FROM conv) RETURNING "seq"
    ), done AS (
      UPDATE "OutboxEffect" SET "status" = 'done', "doneAt" = $5::timestamp
      WHERE "seq" = $9 AND EXISTS (SELECT 1 FROM conv) RETURNING "seq"
    ), ct AS (
      UPDATE "Contact" SET "language" = COALESCE($10, "language"), "formality" = COALESCE($11, "formality"),
        "lastInboundAt" = COALESCE($12::timestamp, "lastInboundAt"), "name" = COALESCE("name", $14),
          "updatedAt" = $5::timestamp
      WHERE "id" = $2 AND $13::boolean AND EXISTS (SELECT 1 FROM conv) RETURNING "id"
    ), st AS (
      INSERT INTO "ConversationStep" ("id", "contactId", "at", "fromState", "toState", "event", "intent", "text")
      SELECT s.value->>'id', $2, $5::timestamp, s.value->>'fromState', s.value->>'toState', s.value->>'event',
        s.value->>'intent', s.value->>'text'
      FROM conv, json_array_elements($15::json) AS s(value)
      RETURNING "id"
    )
    SELECT (SELECT count(*) FROM conv)::int AS ok, (SELECT json_agg("seq" ORDER BY "seq") FROM eff) AS effects,
      (SELECT count(*) FROM inb)::int AS inbox,
      (SELECT count(*) FROM done)::int AS done, (SELECT count(*) FROM ct)::int AS contact`;

  const load = async (phone: string, now: Date, suppressionHash?: string): Promise<TurnState> => {
    const r = await q<PgState>('turn_load', LOAD, [phone, ts(now), suppressionHash ?? null]);
    return pgState(r.rows[0]!);
  };

  return {
    provider: 'postgres',
    async insertInbox(rows, at) {
      if (!rows.length) return new Map();
      countDriver();
      const r = await pool.query<{ seq: number; waMessageId: string }>(
        `INSERT INTO "InboxMessage" ("waMessageId", "phone", "payload", "kind", "status", "attempts", "receivedAt")
         SELECT r->>'key', r->>'phone', r->>'payload', r->>'kind', 'pending', 0, $2::timestamp
           FROM json_array_elements($1::json) r
         ON CONFLICT ("waMessageId") DO NOTHING RETURNING "seq", "waMessageId"`,
        [JSON.stringify(rows), ts(at)],
      );
      return new Map(r.rows.map((x) => [x.waMessageId, Number(x.seq)]));
    },
    async acquire(phone, owner, nowMs, untilMs) {
      const r = await q('lease_acquire', `${LEASE_UPSERT('$1', '$2', '$3', '$4')} RETURNING "phone"`, [
        phone,
        owner,
        untilMs,
        nowMs,
      ]);
      return r.rowCount === 1;
    },
    async renew(owner, phones, untilMs) {
      if (!phones.length) return;
      await q(
        'lease_renew',
        `UPDATE "PersonLease" SET "untilMs" = $1 WHERE "owner" = $2 AND "phone" = ANY($3::text[])`,
        [untilMs, owner, phones],
      );
    },
    async release(phone, owner) {
      await q('lease_release', `DELETE FROM "PersonLease" WHERE "phone" = $1 AND "owner" = $2`, [phone, owner]);
    },
    async orphans(nowMs, limit) {
      const r = await q<{ phone: string }>(
        'orphans',
        `SELECT phone FROM (
           SELECT i."phone" AS phone FROM "InboxMessage" i WHERE i."status" IN ('pending', 'processing')
           UNION SELECT c."phone" FROM "OutboxEffect" o JOIN "Contact" c ON c."id" = o."contactId"
             WHERE o."status" IN ('pending', 'running')
         ) w WHERE NOT EXISTS (SELECT 1 FROM "PersonLease" l WHERE l."phone" = w.phone AND l."untilMs" >= $1) LIMIT $2`,
        [nowMs, limit],
      );
      return r.rows.map((x) => x.phone);
    },
    async begin(phone, owner, nowMs, untilMs, now, suppressionHash) {
      const r = await q<PgState & { acquired: number; contested: boolean }>('turn_begin', BEGIN, [
        phone,
        owner,
        untilMs,
        nowMs,
        ts(now),
        suppressionHash ?? null,
      ]);
      const row = r.rows[0]!;
      if (row.acquired !== 1) return null;
      return row.contested ? load(phone, now, suppressionHash) : pgState(row);
    },
    async releaseIfIdle(phone, owner, contactId) {
      const r = await q('lease_release_idle', RELEASE_IDLE('$1', '$2', '$3', '$4'), [phone, owner, contactId, null]);
      return r.rowCount === 1;
    },
    load,
    async createContact(phone, name, at, suppressionHash) {
      const r = await q<ContactRow & { created: boolean }>(
        'contact_create',
        `WITH ins AS (
           INSERT INTO "Contact" ("id", "phone", "name", "marketingConsent", "optedOutAt", "createdAt", "updatedAt")
           VALUES ($1, $2, $3, false, CASE WHEN $5::text IS NOT NULL AND EXISTS (SELECT 1 FROM "SuppressedNumber"
             WHERE "phoneHash" = $5::text) THEN $4::timestamp END, $4::timestamp, $4::timestamp)
           ON CONFLICT ("phone") DO NOTHING RETURNING ${CONTACT_COLUMNS})
         SELECT *, true AS created FROM ins UNION ALL SELECT ${CONTACT_COLUMNS}, false
           FROM "Contact" WHERE "phone" = $2 LIMIT 1`,
        [randomUUID(), phone, name, ts(at), suppressionHash ?? null],
      );
      const { created, ...row } = r.rows[0]!;
      return { contact: contactOf(row)!, created };
    },
    async commit(c) {
      const contact = c.contact;
      const r = await q<{ ok: number; effects: number[] | null }>('turn_commit', COMMIT, [
        randomUUID(),
        c.contactId,
        c.machineVersion,
        c.snapshot,
        ts(c.at),
        c.expectedVersion ?? -1,
        JSON.stringify(c.effects),
        c.inboxSeq ?? null,
        c.effectSeq ?? null,
        contact?.language ?? null,
        contact?.formality ?? null,
        contact?.lastInboundAt ? ts(contact.lastInboundAt) : null,
        Boolean(contact) && !c.newContact, // a new contact is inserted with its facts
        contact?.name ?? null,
        JSON.stringify((c.steps ?? []).map((st) => ({ id: randomUUID(), ...st }))),
        c.newContact?.phone ?? null,
        c.newContact?.name ?? null,
        c.newContact?.suppressionHash ?? null,
      ]);
      const row = r.rows[0];
      return row?.ok === 1 ? { effects: (row.effects ?? []).map(Number) } : null;
    },
    async attempt(table, seq) {
      const t = table === 'inbox' ? 'InboxMessage' : 'OutboxEffect';
      const r = await q<{ attempts: number }>(
        `attempt_${table}`,
        `UPDATE "${t}" SET "attempts" = "attempts" + 1 WHERE "seq" = $1 RETURNING "attempts"`,
        [seq],
      );
      return r.rows[0]?.attempts ?? 0;
    },
    async finish(table, seq, status, at, error, release) {
      const t = table === 'inbox' ? 'InboxMessage' : 'OutboxEffect';
      const col = table === 'inbox' ? 'processedAt' : 'doneAt';
      const values = [status, ts(at), error?.slice(0, 500) ?? null, seq];
      const update = `UPDATE "${t}" SET "status" = $1, "${col}" = $2::timestamp, "error" = $3 WHERE "seq" = $4`;
      if (!release) {
        await q(`finish_${table}`, update, values);
        return;
      }
      // The lease goes back in the same statement when nothing else waits (this effect excepted:
      // the statement's snapshot does not see it done yet).
      const idle = RELEASE_IDLE('$5', '$6', '$7', table === 'effect' ? '$4' : 'NULL');
      const r = await q<{ released: number }>(
        `finish_${table}_release`,
        `WITH f AS (${update} RETURNING "seq"), r AS (${idle})
         SELECT (SELECT count(*) FROM r)::int AS released, (SELECT count(*) FROM f)::int AS finished`,
        [...values, release.phone, release.owner, release.contactId],
      );
      release.released = r.rows[0]?.released === 1;
    },
    async intent(i) {
      const r = await q<{ id: string; status: string; waMessageId: string | null; createdAt: Date; fresh: boolean }>(
        'outbound_intent',
        `WITH ins AS (
           INSERT INTO "OutboundMessage" ("id", "phone", "kind", "body", "status", "idempotencyKey", "createdAt",
             "updatedAt", "purpose", "bookingUid", "template")
           VALUES ($1, $2, $3, $4, 'sending', $5, $6::timestamp, $6::timestamp, $7, $8, $9)
             ON CONFLICT ("idempotencyKey") DO NOTHING
           RETURNING "id", "status", "waMessageId", "createdAt", true AS fresh)
         SELECT * FROM ins UNION ALL
         SELECT "id", "status", "waMessageId", "createdAt", false FROM "OutboundMessage"
           WHERE "idempotencyKey" = $5 LIMIT 1`,
        [
          orderedId(),
          i.phone,
          i.kind,
          i.body,
          i.key,
          ts(i.at),
          i.purpose ?? null,
          i.bookingUid ?? null,
          i.template ?? null,
        ],
      );
      const row = r.rows[0]!;
      return { ...row, createdAt: parseDate(row.createdAt) };
    },
    async sent(id, waMessageId, at, effectSeq, release) {
      const r = await q<{ released: number }>(
        release ? 'outbound_sent_release' : 'outbound_sent',
        `WITH m AS (
           UPDATE "OutboundMessage" SET "waMessageId" = COALESCE("waMessageId", $1),
             "status" = CASE WHEN "status" IN ('sending', 'queued') THEN 'sent' ELSE "status" END,
             "sentAt" = COALESCE("sentAt", $2::timestamp), "updatedAt" = $2::timestamp WHERE "id" = $3 RETURNING "id"
         ), e AS (
           UPDATE "OutboxEffect" SET "status" = 'done', "doneAt" = $2::timestamp WHERE "seq" = $4 RETURNING "seq"
         )${release ? `, r AS (${RELEASE_IDLE('$5', '$6', '$7', '$4')})` : ''}
         SELECT ${release ? '(SELECT count(*) FROM r)::int' : '0'} AS released, (SELECT count(*) FROM m)::int AS sent,
           (SELECT count(*) FROM e)::int AS done`,
        [
          waMessageId,
          ts(at),
          id,
          effectSeq ?? null,
          ...(release ? [release.phone, release.owner, release.contactId] : []),
        ],
      );
      if (release) release.released = r.rows[0]?.released === 1;
    },
    async failedSend(id, code, title) {
      await q(
        'outbound_failed',
        `UPDATE "OutboundMessage" SET "status" = 'failed', "errorCode" = $1, "errorTitle" = $2,
          "updatedAt" = (now() AT TIME ZONE 'UTC') WHERE "id" = $3 AND "waMessageId" IS NULL`,
        [code, title.slice(0, 500), id],
      );
    },
    async reconcile(rows) {
      if (!rows.length) return;
      countDriver();
      await pool.query(
        `UPDATE "OutboundMessage" o SET "waMessageId" = r."waMessageId",
           "status" = CASE WHEN o."status" IN ('sending', 'queued', 'failed') THEN 'sent' ELSE o."status" END,
          "uncertain" = false, "updatedAt" = (now() AT TIME ZONE 'UTC')
         FROM json_to_recordset($1::json) AS r("id" text, "waMessageId" text)
         WHERE o."id" = r."id" AND o."waMessageId" IS NULL
           AND NOT EXISTS (SELECT 1 FROM "OutboundMessage" x WHERE x."waMessageId" = r."waMessageId")`,
        [JSON.stringify(rows)],
      );
    },
    async insertStatuses(rows, at) {
      if (!rows.length) return [];
      countDriver();
      const r = await pool.query<{ waMessageId: string; status: string }>(
        `INSERT INTO "MessageStatusEvent" ("id", "waMessageId", "status", "timestamp", "errorCode", "errorTitle",
          "createdAt")
         SELECT gen_random_uuid()::text, r."waMessageId", r."status", r."timestamp"::timestamp, r."errorCode",
           r."errorTitle", $2::timestamp
         FROM json_to_recordset($1::json) AS r("waMessageId" text, "status" text, "timestamp" text, "errorCode" int,
           "errorTitle" text)
         ON CONFLICT ("waMessageId", "status") DO NOTHING RETURNING "waMessageId", "status"`,
        [JSON.stringify(rows.map((x) => ({ ...x, timestamp: ts(x.timestamp) }))), ts(at)],
      );
      const fresh = new Set(r.rows.map((x) => `${x.waMessageId}\u0000${x.status}`));
      return rows.filter((x) => fresh.delete(`${x.waMessageId}\u0000${x.status}`));
    },
    async applyStatuses(rows, at) {
      // Round n holds the n-th status of each message: one UPDATE … FROM changes a row once.
      const rounds: StatusRow[][] = [];
      const seen = new Map<string, number>();
      for (const r of rows) {
        const n = seen.get(r.waMessageId) ?? 0;
        seen.set(r.waMessageId, n + 1);
        (rounds[n] ??= []).push(r);
      }
      for (const round of rounds) {
        countDriver();
        await pool.query(
          `UPDATE "OutboundMessage" o SET ${APPLY_STATUS_SET(
            'r."status"',
            'r."timestamp"::timestamp',
            'r."errorCode"',
            'r."errorTitle"',
            '$2::timestamp',
            'o.',
          )}
           FROM json_to_recordset($1::json) AS r("waMessageId" text, "status" text, "timestamp" text,
             "errorCode" int, "errorTitle" text)
           WHERE o."waMessageId" = r."waMessageId"`,
          [JSON.stringify(round.map((x) => ({ ...x, timestamp: ts(x.timestamp) }))), ts(at)],
        );
      }
    },
    async close() {
      await pool.end();
    },
  };
}
