/**
 * Database work per turn (issue 12): the real service, fed the benchmark's three ordinary turns
 * ("hola", a question with slots, "no, gracias") by several people, counts its statements
 * (RESERVA_QUERY_STATS=1, src/db/query-stats.ts). A count, not a time: it guards the hot path
 * against a new query per turn creeping in. SQLite counts driver statements; Postgres counts round
 * trips (each driver call is one). Per person (their three turns), the median over the people: the
 * engine's background scan for orphaned work (every 2 s) may land in one person's window.
 */
import { afterAll, describe, expect, it, vi } from 'vitest';

vi.hoisted(() => {
  process.env.RESERVA_QUERY_STATS = '1';
});

const { queryStats } = await import('../../src/db/query-stats.js');
const { startHarness } = await import('../support/harness.js');
const { createPgDatabase, pgOrSkipMessage } = await import('../support/postgres.js');

const pg = await pgOrSkipMessage('queries per turn on Postgres');

const SCRIPT = ['hola', 'tenéis hueco el viernes por la tarde?', 'no, gracias'];
const PEOPLE = 6;

interface Counted {
  /** Driver statements per turn: the median person's three turns, divided by three. */
  driver: number;
  /** Prisma queries over all the turns. */
  prisma: number;
}

async function measure(databaseUrl?: string): Promise<Counted> {
  const h = await startHarness({ provider: 'calcom', databaseUrl });
  try {
    // Warm-up: the first person's turns (event type, salt, prepared statements) are not counted.
    for (const text of SCRIPT) expect(await h.say('34600999000', text)).not.toHaveLength(0);
    const before = { ...queryStats };
    const perPerson: number[] = [];
    for (let p = 0; p < PEOPLE; p++) {
      const phone = `3460099${String(p).padStart(4, '0')}`;
      const start = queryStats.driver;
      for (const text of SCRIPT) {
        const replies = await h.say(phone, text, { name: `Persona ${p}` });
        expect(replies).toHaveLength(1);
      }
      perPerson.push(queryStats.driver - start);
    }
    perPerson.sort((a, b) => a - b);
    const median = perPerson[Math.floor(perPerson.length / 2)]!;
    const counted = { driver: median / SCRIPT.length, prisma: queryStats.prisma - before.prisma };
    // The state carried forward between statements left nothing behind: every message processed,
    // every effect done, every lease given back.
    const prisma = h.reserva.db.prisma;
    expect(await prisma.inboxMessage.count({ where: { status: { not: 'processed' } } })).toBe(0);
    expect(await prisma.outboxEffect.count({ where: { status: { not: 'done' } } })).toBe(0);
    expect(await prisma.personLease.count()).toBe(0);
    expect(await prisma.contact.count({ where: { lastInboundAt: null } })).toBe(0);
    return counted;
  } finally {
    await h.close();
  }
}

describe('database statements per ordinary turn', () => {
  it('SQLite: at most 12 driver statements and no Prisma query', async () => {
    const c = await measure();
    console.info(`SQLite: ${c.driver.toFixed(2)} statements per turn, ${c.prisma} Prisma queries`);
    expect(c.prisma).toBe(0);
    expect(c.driver).toBeLessThanOrEqual(12);
  });

  describe.runIf(pg)('Postgres', () => {
    let drop: (() => Promise<void>) | undefined;
    afterAll(() => drop?.());
    it('at most 6 round trips and no Prisma query', async () => {
      const d = await createPgDatabase('reserva_turn_queries');
      drop = d.drop;
      const c = await measure(d.url);
      console.info(`Postgres: ${c.driver.toFixed(2)} round trips per turn, ${c.prisma} Prisma queries`);
      expect(c.prisma).toBe(0);
      expect(c.driver).toBeLessThanOrEqual(6);
    });
  });
});
