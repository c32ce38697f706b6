/**
 * Hand-off and the admin API on Postgres: the same path as on SQLite (case-insensitive search,
 * hand-off rows, jobs), in a throw-away database. Skipped with a message when Postgres is absent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgDatabase, pgOrSkipMessage } from '../support/postgres.js';
import { startHarness, type Harness } from '../support/harness.js';
import { ADMIN_SECRET, api, HOOK_SECRET, startReceiver, token, type Receiver } from '../support/admin.js';

const hasPg = await pgOrSkipMessage('admin/postgres');
const ANA = '34600111222';

describe.skipIf(!hasPg)('hand-off and admin API on Postgres', () => {
  let h: Harness;
  let hook: Receiver;
  let db: { url: string; drop(): Promise<void> };

  beforeAll(async () => {
    db = await createPgDatabase('reserva_admin');
    hook = await startReceiver();
    h = await startHarness({
      provider: 'demo',
      databaseUrl: db.url,
      env: { ADMIN_JWT_SECRET: ADMIN_SECRET, HANDOFF_WEBHOOK_URL: hook.url, HANDOFF_WEBHOOK_SECRET: HOOK_SECRET },
    });
  }, 60_000);
  afterAll(async () => {
    await h?.close();
    await hook?.close();
    await db?.drop();
  });

  it('hands off, stays silent, notifies, finds the contact case-insensitively, releases', async () => {
    await h.say(ANA, 'quiero hablar con una persona', { name: 'Ana García' });
    expect((await h.say(ANA, '¿hola?')).map((r) => r.text)).toEqual([
      expect.stringMatching(/He pasado tu mensaje al equipo/),
    ]); // once per hand-off
    await h.reserva.worker.runDue();
    expect(hook.received.map((r) => r.body.type)).toEqual(['handoff.started', 'handoff.message']);
    const admin = api(h.url, token('admin'));
    const found = await admin('GET', '/admin/contacts?q=ANA%20GAR');
    expect(found.json.items.map((c: { phone: string }) => c.phone)).toEqual([ANA]);
    const waiting = await admin('GET', '/admin/conversations?state=handoff');
    expect(waiting.json.items).toHaveLength(1);
    const id = found.json.items[0].id as string;
    expect((await admin('DELETE', `/admin/contacts/${id}/handoff`)).json).toEqual({ state: 'idle' });
    expect((await h.say(ANA, 'quiero una cita mañana a las 10')).length).toBeGreaterThan(0);
  });
});
