/**
 * The core conversation and the webhook guarantees again, on Postgres (skipped with a message
 * when no Postgres answers): booking end to end, 10× duplicate delivery, restart recovery,
 * concurrent messages of one person, and two service instances sharing the database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textMessage, wrapWebhook } from '../support/whatsapp-payloads.js';
import { createPgDatabase, pgOrSkipMessage } from '../support/postgres.js';
import { clockAt, startHarness, type Harness } from '../support/harness.js';

const ANA = '34600111222';
const pg = await pgOrSkipMessage('e2e on Postgres');

describe.skipIf(!pg)('end to end on Postgres', () => {
  let db: { url: string; drop(): Promise<void> };
  beforeAll(async () => {
    db = await createPgDatabase('reserva_test_e2e');
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('books, dedupes a 10× delivery, keeps order, and recovers after a restart', async () => {
    let h: Harness = await startHarness({ provider: 'calcom', databaseUrl: db.url });
    try {
      expect(h.reserva.db.provider).toBe('postgres');
      const [offer] = await h.say(ANA, 'Hola, quiero una cita mañana a las 17:00');
      expect(offer!.options.map((o) => o.title)).toEqual(['Confirmar', 'Otra hora', 'Cancelar']);
      const body = wrapWebhook(
        textMessage({ from: ANA, name: 'Ana', text: 'sí', id: 'wamid.pg.dup', timestamp: h.clock.now }),
      );
      const before = h.graph.sent.length;
      const res = await Promise.all(Array.from({ length: 10 }, () => h.post(body)));
      expect(res.every((r) => r.status === 200)).toBe(true);
      await h.reserva.engine.idle();
      // The confirmation and the marketing question that follows a first booking (issue 14), once each.
      expect(h.graph.sent.length - before).toBe(2);
      expect(h.repliesTo(ANA).at(-2)!.text).toContain('✅');
      expect([...h.cal!.bookings.values()].filter((b) => b.status === 'accepted')).toHaveLength(1);

      // Stored but not processed when the process died: processed once after the restart.
      const msg = {
        id: 'wamid.pg.restart',
        from: ANA,
        profileName: 'Ana',
        timestamp: h.clock.now.toISOString(),
        content: { kind: 'text', text: 'gracias' },
      };
      await h.reserva.db.prisma.inboxMessage.create({
        data: { waMessageId: msg.id, phone: ANA, payload: JSON.stringify(msg), status: 'processing' },
      });
      const sent = h.repliesTo(ANA).length;
      await h.close();
      h = await startHarness({ provider: 'demo', databaseUrl: db.url, clock: clockAt(h.clock.now.toISOString()) });
      await h.reserva.engine.idle();
      expect(h.repliesTo(ANA)).toHaveLength(1);
      expect(sent).toBeGreaterThan(0);
      expect(
        (await h.reserva.db.prisma.inboxMessage.findUniqueOrThrow({ where: { waMessageId: msg.id } })).status,
      ).toBe('processed');
    } finally {
      await h.close();
    }
  });

  it('two instances on one database handle one person’s messages once each, in order', async () => {
    const clock = clockAt('2026-11-25T08:00:00Z');
    const a = await startHarness({ provider: 'demo', databaseUrl: db.url, clock });
    const b = await startHarness({ provider: 'demo', databaseUrl: db.url, clock });
    try {
      const phone = '34600999888';
      const texts = ['hola', 'quiero reservar el viernes por la mañana', 'gracias'];
      // Meta may deliver to either instance, and redeliver to the other.
      for (const [i, text] of texts.entries()) {
        const body = wrapWebhook(
          textMessage({ from: phone, name: 'Eva', text, id: `wamid.two.${i}`, timestamp: clock.now }),
        );
        await Promise.all([a.post(body), b.post(body)]);
      }
      await a.reserva.engine.idle();
      await b.reserva.engine.idle();
      const rows = await a.reserva.db.prisma.inboxMessage.findMany({ where: { phone }, orderBy: { seq: 'asc' } });
      expect(rows.map((r) => r.status)).toEqual(['processed', 'processed', 'processed']);
      const replies = [...a.repliesTo(phone), ...b.repliesTo(phone)];
      expect(replies).toHaveLength(3);
      const out = await a.reserva.db.prisma.outboundMessage.findMany({
        where: { phone },
        orderBy: { createdAt: 'asc' },
      });
      expect(JSON.parse(out[0]!.body).body).toMatch(/^Hola Eva/);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
