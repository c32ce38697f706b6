/**
 * Exactly once, piece by piece: a reply whose send was interrupted is reconciled by its status
 * webhook instead of being sent again; a booking made by an earlier attempt is found again by
 * Reserva's operation id; a failing Cal.com booking does not start a loop of holds and searches.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { createCalComClient } from '../../src/calendar/calcom/client.js';
import { openDatabase } from '../../src/db/client.js';
import { sqliteTurnStore } from '../../src/db/turns.js';
import { createBookings } from '../../src/engine/bookings.js';
import { createBooking } from '../../src/engine/effects/calendar.js';
import { createOutbound } from '../../src/engine/outbound.js';
import { mayDeliver } from '../../src/privacy/gate.js';
import type { Db } from '../../src/db/client.js';
import { createCloudApiSender } from '../../src/whatsapp/client.js';
import { startFakeCalCom } from '../fakes/calcom-server.js';
import { startFakeGraph } from '../fakes/graph-server.js';
import { startHarness, type Harness } from '../support/harness.js';

/** The real outbox gate on this database. */
const gateOf = (prisma: Db) => ({
  mayDeliver: (c: Parameters<typeof mayDeliver>[2], kind: string) => mayDeliver(prisma, 'test-salt', c, kind),
});

const log = pino({ level: 'silent' });
const tempDb = () => openDatabase(`file:${join(mkdtempSync(join(tmpdir(), 'reserva-once-')), 'o.db')}`);
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe('a reply whose send was interrupted', () => {
  it('waits for the status webhook, and is not sent again once it names our row', async () => {
    const graph = await startFakeGraph({ accessToken: 't', phoneNumberId: '1' });
    const db = await tempDb();
    try {
      const store = sqliteTurnStore(db.sqlite!);
      const sender = createCloudApiSender({
        graphUrl: graph.url,
        apiVersion: 'v23.0',
        phoneNumberId: '1',
        accessToken: 't',
      });
      const outbound = createOutbound({
        store,
        sender,
        privacy: gateOf(db.prisma),
        logger: log,
        now: () => new Date(),
        reconcileGraceMs: 60_000,
      });
      const message = { type: 'text' as const, body: 'Hola' };
      // The previous run recorded its intent, then died during the call.
      const intent = await store.intent({
        key: 'effect:1',
        phone: '34600111222',
        kind: 'text',
        body: JSON.stringify(message),
        at: new Date(),
      });
      expect(await outbound.send({ phone: '34600111222' }, message, { key: 'effect:1', kind: 'reply' })).toMatchObject({
        status: 'waiting',
      });
      expect(graph.sent).toHaveLength(0);
      // WhatsApp's status webhook echoes our row id: it was sent after all.
      await outbound.reconcile([{ messageId: 'wamid.sent-before', callbackData: `reserva:${intent.id}` }]);
      expect(await outbound.send({ phone: '34600111222' }, message, { key: 'effect:1', kind: 'reply' })).toEqual({
        status: 'already-sent',
      });
      expect(graph.sent).toHaveLength(0);
      // A new message goes out once, carrying our row id for the status webhook.
      expect(await outbound.send({ phone: '34600111222' }, message, { key: 'effect:2', kind: 'reply' })).toMatchObject({
        status: 'sent',
      });
      expect(await outbound.send({ phone: '34600111222' }, message, { key: 'effect:2', kind: 'reply' })).toEqual({
        status: 'already-sent',
      });
      expect(graph.sent).toHaveLength(1);
      expect(graph.sent[0]!.payload.biz_opaque_callback_data).toMatch(/^reserva:/);
    } finally {
      await db.close();
      await graph.close();
    }
  });

  it('is sent again when no status came within the grace period (the call never reached WhatsApp)', async () => {
    const graph = await startFakeGraph({ accessToken: 't', phoneNumberId: '1' });
    const db = await tempDb();
    try {
      const store = sqliteTurnStore(db.sqlite!);
      const sender = createCloudApiSender({
        graphUrl: graph.url,
        apiVersion: 'v23.0',
        phoneNumberId: '1',
        accessToken: 't',
      });
      const outbound = createOutbound({
        store,
        sender,
        privacy: gateOf(db.prisma),
        logger: log,
        now: () => new Date(),
        reconcileGraceMs: 0,
      });
      const message = { type: 'text' as const, body: 'Hola' };
      await store.intent({
        key: 'effect:7',
        phone: '34600111222',
        kind: 'text',
        body: JSON.stringify(message),
        at: new Date(Date.now() - 1000),
      });
      expect(await outbound.send({ phone: '34600111222' }, message, { key: 'effect:7', kind: 'reply' })).toMatchObject({
        status: 'sent',
      });
      expect(graph.sent).toHaveLength(1);
    } finally {
      await db.close();
      await graph.close();
    }
  });
});

describe('a booking created before a crash', () => {
  it('is found again by Reserva’s operation id instead of being made twice', async () => {
    const cal = await startFakeCalCom({ timeZone: 'Europe/Madrid', requireEmail: false });
    const db = await tempDb();
    try {
      const calendar = createCalComClient({ baseUrl: cal.url, apiKey: cal.apiKey, eventTypeId: cal.eventTypeId });
      const contact = await db.prisma.contact.create({ data: { phone: '34600111222', name: 'Ana' } });
      const slots = await calendar.getSlots({
        from: new Date().toISOString(),
        to: new Date(Date.now() + 7 * 86_400_000).toISOString(),
        timeZone: 'Europe/Madrid',
      });
      const start = slots[0]!.start;
      // The first attempt (outbox row 42) reached Cal.com, then the process died.
      const first = await calendar.createBooking({
        start,
        attendee: { name: 'Ana', timeZone: 'Europe/Madrid', phoneNumber: '+34600111222' },
        metadata: { reservaOperation: 'effect:42' },
      });
      const deps = {
        prisma: db.prisma,
        calendar,
        bookings: createBookings(db.prisma),
        outbound: null as never,
        timeZone: 'Europe/Madrid',
        now: () => new Date(),
        logger: log,
        eventType: () => calendar.eventType(),
      };
      const run = {
        seq: 42,
        attempt: 2,
        contact: { id: contact.id, phone: contact.phone, name: 'Ana', email: null },
        facts: { language: 'es' as const },
      };
      const result = await createBooking.run({ slot: slots[0]! }, run, deps);
      expect(result).toMatchObject({ type: 'BOOKED', booking: { uid: first.uid } });
      expect([...cal.bookings.values()].filter((b) => b.status === 'accepted')).toHaveLength(1);
      expect(await db.prisma.booking.findUnique({ where: { uid: first.uid } })).toMatchObject({
        contactId: contact.id,
        status: 'accepted',
      });
    } finally {
      await db.close();
      await cal.close();
    }
  });
});

describe('Cal.com failing during a booking', () => {
  it('answers, retries a bounded number of times, and never loops on the person’s own hold', async () => {
    h = await startHarness({ provider: 'calcom' });
    const ANA = '34600111222';
    await h.say(ANA, 'Quiero una cita mañana a las 17:00');
    h.cal!.failNext(500, 20, { path: /^\/v2\/bookings$/ });
    const [sorry] = await h.say(ANA, 'sí');
    expect(sorry!.text).toMatch(/agenda/i);
    const before = h.cal!.requests.length;
    // The retry two minutes later: the person's own hold is reused, not fought.
    for (let i = 0; i < 5; i++) {
      h.clock.advance(3 * 60_000);
      await h.reserva.worker.runDue();
      await h.reserva.engine.idle();
    }
    const calls = h.cal!.requests.length - before;
    expect(calls).toBeLessThan(40);
    expect([...h.cal!.bookings.values()].filter((b) => b.status === 'accepted').length).toBeLessThanOrEqual(1);
    const retries = await h.reserva.db.prisma.job.count({ where: { kind: 'conversation.event' } });
    expect(retries).toBeLessThanOrEqual(3);
  }, 60_000);
});
