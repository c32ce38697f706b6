/**
 * Per-person leases in the turn store, on SQLite and Postgres: one instance at a time; another
 * takes a person over only once the lease has expired; renewal keeps it; work nobody holds is found.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.js';
import { postgresTurnStore, sqliteTurnStore, type TurnStore } from '../../src/db/turns.js';
import { createPgDatabase, pgOrSkipMessage } from '../support/postgres.js';

const pg = await pgOrSkipMessage('turn store leases on Postgres');

function suite(name: string, open: () => Promise<{ store: TurnStore; db: Database; drop(): Promise<void> }>) {
  describe(`leases (${name})`, () => {
    let ctx: Awaited<ReturnType<typeof open>>;
    afterAll(async () => {
      await ctx?.store.close();
      await ctx?.db.close();
      await ctx?.drop();
    });

    it('one holder at a time; takeover only after expiry; renewal and release', async () => {
      ctx = await open();
      const { store } = ctx;
      const t = 1_000_000;
      expect(await store.acquire('34600000001', 'a', t, t + 10_000)).toBe(true);
      expect(await store.acquire('34600000001', 'b', t + 5_000, t + 15_000)).toBe(false); // a is alive
      expect(await store.acquire('34600000001', 'a', t + 5_000, t + 15_000)).toBe(true); // a again: its own
      await store.renew('a', ['34600000001'], t + 30_000);
      expect(await store.acquire('34600000001', 'b', t + 20_000, t + 40_000)).toBe(false); // renewed
      expect(await store.acquire('34600000001', 'b', t + 30_001, t + 40_000)).toBe(true); // expired: taken over
      await store.release('34600000001', 'a'); // not a's any more: nothing happens
      expect(await store.acquire('34600000001', 'a', t + 30_002, t + 40_000)).toBe(false);
      await store.release('34600000001', 'b');
      expect(await store.acquire('34600000001', 'a', t + 30_003, t + 40_000)).toBe(true);
    });

    it('work is an orphan only when nobody holds its person, and a message is stored once', async () => {
      const { store } = ctx;
      const at = new Date('2026-11-25T08:00:00Z');
      const rows = [
        { key: 'wamid.l1', phone: '34600000002', kind: 'message' as const, payload: '{}' },
        { key: 'wamid.l2', phone: '34600000003', kind: 'message' as const, payload: '{}' },
      ];
      const first = await store.insertInbox(rows, at);
      expect(first.size).toBe(2);
      expect((await store.insertInbox(rows, at)).size).toBe(0); // redelivery
      const now = 2_000_000;
      await store.acquire('34600000002', 'live', now, now + 10_000);
      await store.acquire('34600000003', 'dead', now - 20_000, now - 10_000);
      const orphans = await store.orphans(now, 100);
      expect(orphans).toContain('34600000003');
      expect(orphans).not.toContain('34600000002');
    });
  });
}

suite('SQLite', async () => {
  const db = await openDatabase(`file:${join(mkdtempSync(join(tmpdir(), 'reserva-leases-')), 'l.db')}`);
  return { db, store: sqliteTurnStore(db.sqlite!), drop: async () => {} };
});

describe.skipIf(!pg)('Postgres', () => {
  suite('Postgres', async () => {
    const pgdb = await createPgDatabase('reserva_test_leases');
    const db = await openDatabase(pgdb.url);
    return { db, store: postgresTurnStore(pgdb.url, { max: 2 }), drop: () => pgdb.drop() };
  });
});
