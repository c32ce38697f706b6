/**
 * The turn store's session statements (issue 12), on SQLite and Postgres: `begin` takes the lease
 * and reads the state in one statement; a commit creates a new contact (opted out when its number
 * is on the suppression list), returns the seqs of the effects it queued and ends the effect it is
 * the result of; the lease goes back only when nothing waits, alone or with the last reply's send.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.js';
import { postgresTurnStore, sqliteTurnStore, type LeaseRelease, type TurnStore } from '../../src/db/turns.js';
import { hashPhone } from '../../src/privacy/phone-hash.js';
import { createPgDatabase, pgOrSkipMessage } from '../support/postgres.js';

const pg = await pgOrSkipMessage('turn store sessions on Postgres');
const SALT = 'test-salt-0123456789abcdef';

function suite(name: string, open: () => Promise<{ store: TurnStore; db: Database; drop(): Promise<void> }>) {
  describe(`turn store sessions (${name})`, () => {
    let ctx: Awaited<ReturnType<typeof open>>;
    afterAll(async () => {
      await ctx?.store.close();
      await ctx?.db.close();
      await ctx?.drop();
    });

    const at = new Date('2026-11-25T08:00:00Z');
    const t = at.getTime();
    const message = (phone: string, key: string) => ({ key, phone, kind: 'message' as const, payload: '{}' });

    it('a first message: one read with the lease; the contact comes with its commit', async () => {
      ctx = await open();
      const { store, db } = ctx;
      const phone = '34600700001';
      const hash = hashPhone(SALT, phone);
      await db.prisma.suppressedNumber.create({ data: { phoneHash: hash, reason: 'opt-out', createdAt: at } });
      const [seq] = [...(await store.insertInbox([message(phone, 'wamid.s1')], at)).values()];

      expect(await store.begin(phone, 'b', t, t + 10_000, at, hash)).not.toBeNull();
      expect(await store.begin(phone, 'a', t + 1, t + 10_000, at, hash)).toBeNull(); // b is alive
      const state = (await store.begin(phone, 'b', t + 2, t + 10_000, at, hash))!;
      expect(state).toMatchObject({ contact: null, inbox: { seq }, effects: [], messaged: false, suppressed: true });

      const commit = {
        contactId: 'c-700001',
        expectedVersion: null,
        snapshot: '{}',
        machineVersion: 1,
        at,
        effects: [
          { kind: 'reply', payload: '{"n":1}' },
          { kind: 'findSlots', payload: '{"n":2}', attempts: 1 },
        ],
        inboxSeq: seq,
        contact: { language: 'es', formality: 'tu', lastInboundAt: at },
        newContact: { phone, name: 'Ana', suppressionHash: hash },
      };
      const done = (await store.commit(commit))!;
      expect(done.effects).toHaveLength(2);
      expect(done.effects[0]!).toBeLessThan(done.effects[1]!);
      const contact = await db.prisma.contact.findUniqueOrThrow({ where: { phone } });
      expect(contact).toMatchObject({ id: 'c-700001', name: 'Ana', language: 'es', formality: 'tu' });
      expect(contact.optedOutAt).not.toBeNull();
      expect(contact.lastInboundAt?.toISOString()).toBe(at.toISOString());
      const effects = await db.prisma.outboxEffect.findMany({
        where: { contactId: 'c-700001' },
        orderBy: { seq: 'asc' },
      });
      expect(effects.map((e) => [e.seq, e.kind, e.attempts, e.status])).toEqual([
        [done.effects[0], 'reply', 0, 'pending'],
        [done.effects[1], 'findSlots', 1, 'pending'],
      ]);
      // The same phone again (another turn created it meanwhile): nothing is written.
      expect(await store.commit({ ...commit, contactId: 'c-other', newContact: { phone, name: null } })).toBeNull();
      expect(await db.prisma.contact.count({ where: { phone } })).toBe(1);

      // Read again: the contact with its last message, its conversation and both effects.
      const again = await store.load(phone, at, hash);
      expect(again.contact?.lastInboundAt?.toISOString()).toBe(at.toISOString());
      expect(again.conversation?.version).toBe(1);
      expect(again.effects.map((e) => e.seq)).toEqual(done.effects);
      expect(again.inbox).toBeNull();
    });

    it('a result ends its effect and queues the next; the lease goes back only when nothing waits', async () => {
      const { store, db } = ctx;
      const phone = '34600700001';
      const state = (await store.begin(phone, 'b', t + 3, t + 10_000, at))!;
      const [reply, find] = state.effects;
      // The reply is not the last work: nothing is given back.
      expect(await store.releaseIfIdle(phone, 'b', 'c-700001')).toBe(false);

      const next = (await store.commit({
        contactId: 'c-700001',
        expectedVersion: 1,
        snapshot: '{}',
        machineVersion: 1,
        at,
        effects: [{ kind: 'reply', payload: '{"n":3}' }],
        effectSeq: find!.seq,
      }))!;
      const rows = await db.prisma.outboxEffect.findMany({ where: { contactId: 'c-700001' }, orderBy: { seq: 'asc' } });
      expect(rows.map((e) => [e.seq, e.status])).toEqual([
        [reply!.seq, 'pending'],
        [find!.seq, 'done'],
        [next.effects[0], 'pending'],
      ]);
      expect(rows[1]!.kind).toBe('findSlots'); // ended, not overwritten

      // The first reply goes; one still waits: the lease stays.
      const first = await store.intent({ key: `effect:${reply!.seq}`, phone, kind: 'text', body: '{}', at });
      expect(first.fresh).toBe(true);
      expect((await store.intent({ key: `effect:${reply!.seq}`, phone, kind: 'text', body: '{}', at })).id).toBe(
        first.id,
      );
      const keep: LeaseRelease = { phone, owner: 'b', contactId: 'c-700001' };
      await store.sent(first.id, 'wamid.out.1', at, reply!.seq, keep);
      expect(keep.released).toBe(false);
      expect(await store.begin(phone, 'a', t + 4, t + 10_000, at)).toBeNull();

      // The last one goes while a message came in: still held. Once that is done, it goes back.
      const last = await store.intent({ key: `effect:${next.effects[0]}`, phone, kind: 'text', body: '{}', at });
      const [inboxSeq] = [...(await store.insertInbox([message(phone, 'wamid.s2')], at)).values()];
      const waiting: LeaseRelease = { phone, owner: 'b', contactId: 'c-700001' };
      await store.sent(last.id, 'wamid.out.2', at, next.effects[0], waiting);
      expect(waiting.released).toBe(false);
      await store.finish('inbox', inboxSeq!, 'processed', at);
      expect(await store.releaseIfIdle(phone, 'a', 'c-700001')).toBe(false); // not a's
      expect(await store.releaseIfIdle(phone, 'b', 'c-700001')).toBe(true);
      expect(await store.begin(phone, 'a', t + 5, t + 10_000, at)).toMatchObject({ messaged: true, effects: [] });
    });

    it('turns committed at once (SQLite: one group commit): a failing one is undone alone, others kept', async () => {
      const { store, db } = ctx;
      const turn = (n: number, effects: Array<{ kind: string; payload: string }> = []) => ({
        contactId: `c-70002${n}`,
        expectedVersion: null,
        snapshot: '{}',
        machineVersion: 1,
        at,
        effects,
        contact: { lastInboundAt: at },
        newContact: { phone: `3460070002${n}`, name: `P${n}` },
      });
      const [first, broken, conflict, last] = await Promise.allSettled([
        store.commit(turn(1, [{ kind: 'reply', payload: '{}' }])),
        // An effect without a kind breaks a NOT NULL constraint: this turn fails after creating its contact.
        store.commit(turn(2, [{ kind: null as unknown as string, payload: '{}' }])),
        store.commit({ ...turn(3), newContact: { phone: '34600700021', name: 'again' } }), // that phone exists
        store.commit(turn(4)),
      ]);
      expect(first).toMatchObject({ status: 'fulfilled', value: { effects: [expect.any(Number)] } });
      expect(broken.status).toBe('rejected');
      expect(conflict).toEqual({ status: 'fulfilled', value: null });
      expect(last).toEqual({ status: 'fulfilled', value: { effects: [] } });
      const made = await db.prisma.contact.findMany({
        where: { phone: { startsWith: '3460070002' } },
        orderBy: { phone: 'asc' },
        include: { conversation: true },
      });
      expect(made.map((c) => [c.phone, c.name, Boolean(c.conversation)])).toEqual([
        ['34600700021', 'P1', true],
        ['34600700024', 'P4', true],
      ]);
    });
  });
}

suite('SQLite', async () => {
  const db = await openDatabase(`file:${join(mkdtempSync(join(tmpdir(), 'reserva-sessions-')), 's.db')}`);
  return { db, store: sqliteTurnStore(db.sqlite!), drop: async () => {} };
});

describe.skipIf(!pg)('Postgres', () => {
  suite('Postgres', async () => {
    const pgdb = await createPgDatabase('reserva_test_sessions');
    const db = await openDatabase(pgdb.url);
    return { db, store: postgresTurnStore(pgdb.url, { max: 2 }), drop: () => pgdb.drop() };
  });
});
