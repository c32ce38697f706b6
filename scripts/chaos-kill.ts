/**
 * `npm run chaos:kill [-- --people 500 --messages 10 --kill-at 0.4]`
 *
 * Two instances on one Postgres, behind a Meta-like client that spreads signed webhooks over both
 * (and retries on the other when one does not answer, as Meta redelivers). While 5,000 messages
 * from 500 people stream in, one instance is killed with SIGKILL, then restarted. One person in five
 * books an appointment on the way. Then the counts, from the database, fake Graph and fake Cal.com:
 * every acked message processed once, every reply sent once, no duplicate or orphaned bookings.
 * Exit code 1 when any count is wrong.
 */
import { DateTime } from 'luxon';
import pg from 'pg';
import { createPgDatabase, postgresReachable } from '../test/support/postgres.js';
import {
  startFakes,
  startService,
  serviceEnv,
  statusWebhook,
  textWebhook,
  webhookClient,
  type Service,
} from '../bench/support/load.js';

const args = process.argv.slice(2);
const arg = (name: string, def: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1]! : def;
};

export interface ChaosOptions {
  people: number;
  messages: number;
  /** Kill when this share of the messages has been acked. */
  killAt: number;
  leaseMs: number;
  /** 'dist' runs dist/src/main.js (built); 'tsx' runs src/main.ts through tsx (tests). */
  entry: 'dist' | 'tsx';
  log?: (line: string) => void;
}

export interface ChaosCounts {
  messages: number;
  acked: number;
  processed: number;
  unprocessed: number;
  failed: number;
  replies: number;
  expectedReplies: number;
  duplicateSends: number;
  peopleWithWrongReplyCount: number;
  bookers: number;
  bookings: number;
  duplicateBookings: number;
  orphanBookings: number;
  killedAt: number;
  secondsToSettle: number;
}

const FIRST = ['Ana', 'Luis', 'Marta', 'Jorge', 'Lucía', 'Pablo', 'Elena', 'Diego', 'Sara', 'Hugo'];
const LAST = ['García', 'López', 'Martín', 'Ruiz', 'Díaz', 'Moreno', 'Muñoz', 'Romero', 'Navarro', 'Torres'];
/** A plausible WhatsApp profile name (the bot asks for a name when the profile's isn't one). */
const personName = (p: number) => `${FIRST[p % 10]} ${LAST[Math.floor(p / 10) % 10]}`;

/** The script of person `p`: one reply expected per message. */
function script(p: number, messages: number, slot: DateTime | null): string[] {
  const out: string[] = [];
  const chat = ['hola', 'gracias'];
  if (slot) out.push('hola', `quiero una cita el ${slot.toFormat('d/M')} a las ${slot.toFormat('H:mm')}`, 'sí');
  while (out.length < messages) out.push(chat[(out.length + p) % 2]!);
  return out.slice(0, messages);
}

/** Distinct bookable slots: weekdays from the day after tomorrow, 09:00–17:30 Madrid. */
function slots(n: number): DateTime[] {
  const out: DateTime[] = [];
  let day = DateTime.now().setZone('Europe/Madrid').plus({ days: 2 }).startOf('day');
  while (out.length < n) {
    if (day.weekday <= 5)
      for (let m = 9 * 60; m < 18 * 60 && out.length < n; m += 30) out.push(day.plus({ minutes: m }));
    day = day.plus({ days: 1 });
  }
  return out;
}

export async function chaosKill(o: ChaosOptions): Promise<ChaosCounts> {
  const log = o.log ?? ((l: string) => console.error(l));
  const fakes = await startFakes();
  const db = await createPgDatabase('reserva_chaos');
  const ports = [21000 + Math.floor(Math.random() * 9000), 31000 + Math.floor(Math.random() * 9000)];
  const nodeArgs = o.entry === 'tsx' ? ['--import', 'tsx'] : [];
  const start = (port: number) =>
    startService(
      serviceEnv(fakes, { databaseUrl: db.url, port, extra: { LEASE_MS: String(o.leaseMs), LOG_LEVEL: 'error' } }),
      { nodeArgs, entry: o.entry },
    );
  const services: Service[] = [];
  try {
    services.push(await start(ports[0]!), await start(ports[1]!));
    const client = webhookClient(
      ports.map((p) => `http://127.0.0.1:${p}`),
      32,
    );

    // Meta's side: a `sent` status for each accepted message, with our callback data.
    const pendingStatuses: Array<{ id: string; to: string; callback?: string }> = [];
    const callbacks = new Map<string, number>();
    fakes.onSent((r) => {
      const callback = (r.payload as { biz_opaque_callback_data?: string }).biz_opaque_callback_data;
      if (callback) callbacks.set(callback, (callbacks.get(callback) ?? 0) + 1);
      pendingStatuses.push({ id: r.id, to: r.to, callback });
    });
    let statusesRunning = true;
    const statusLoop = (async () => {
      while (statusesRunning || pendingStatuses.length) {
        const batch = pendingStatuses.splice(0, 200);
        // Like Meta: a status delivery is retried until acked.
        if (batch.length)
          for (let i = 0; i < 50 && (await client.post(statusWebhook(batch, new Date()))).status !== 200; i++)
            await new Promise((r) => setTimeout(r, 100));
        else await new Promise((r) => setTimeout(r, 50));
      }
    })();

    const bookerSlots = slots(Math.ceil(o.people / 5));
    const plans = Array.from({ length: o.people }, (_, p) => {
      const phone = `346${String(20_000_000 + p).padStart(8, '0')}`;
      const slot = p % 5 === 0 ? (bookerSlots[p / 5] ?? null) : null;
      return { phone, p, slot, texts: script(p, o.messages, slot) };
    });
    const total = o.people * o.messages;
    const acked = new Set<string>();
    let killedAt = -1;
    let killing: Promise<void> = Promise.resolve();

    await Promise.all(
      plans.map(async (plan) => {
        for (const [k, text] of plan.texts.entries()) {
          const id = `wamid.chaos.${plan.p}.${k}`;
          const body = textWebhook({ from: plan.phone, name: personName(plan.p), text, id, at: new Date() });
          // Like Meta: redeliver until acked (to either instance).
          for (let attempt = 0; ; attempt++) {
            const r = await client.post(body);
            if (r.status === 200) break;
            await new Promise((res) => setTimeout(res, Math.min(1000, 50 * 2 ** attempt)));
          }
          acked.add(id);
          if (killedAt < 0 && acked.size >= total * o.killAt) {
            killedAt = acked.size;
            killing = (async () => {
              const victim = services[0]!;
              log(`kill -9 of instance 1 after ${acked.size} acked messages`);
              await victim.kill9();
              await new Promise((res) => setTimeout(res, 1000));
              services[0] = await start(ports[0]!);
              log('instance 1 restarted');
            })();
          }
        }
      }),
    );
    await killing;
    log(`all ${acked.size} messages acked; waiting for the work to settle…`);

    const t0 = Date.now();
    const sql = new pg.Client({ connectionString: db.url });
    await sql.connect();
    const one = async (q: string) => Number((await sql.query<{ n: string }>(q)).rows[0]?.n ?? 0);
    for (;;) {
      const left = await one(
        `SELECT (SELECT count(*) FROM "InboxMessage"
          WHERE status IN ('pending','processing')) + (SELECT count(*) FROM "OutboxEffect"
            WHERE status IN ('pending','running')) AS n`,
      );
      if (left === 0 || Date.now() - t0 > 180_000) break;
      await new Promise((r) => setTimeout(r, 250));
    }
    const secondsToSettle = (Date.now() - t0) / 1000;
    const stuck = await sql.query(
      `SELECT o.seq, o.kind, o.status, o.attempts, c.phone FROM "OutboxEffect" o
        JOIN "Contact" c ON c.id = o."contactId" WHERE o.status IN ('pending','running') LIMIT 10`,
    );
    if (stuck.rows.length) log(`left in the outbox: ${JSON.stringify(stuck.rows)}`);
    const leases = await sql.query(`SELECT * FROM "PersonLease" LIMIT 10`);
    if (stuck.rows.length) log(`leases: ${JSON.stringify(leases.rows)}`);
    await new Promise((r) => setTimeout(r, 500));
    statusesRunning = false;
    await statusLoop;

    const processed = await one(
      `SELECT count(*) AS n FROM "InboxMessage" WHERE status = 'processed' AND "waMessageId" LIKE 'wamid.chaos.%'`,
    );
    const failed = await one(`SELECT count(*) AS n FROM "InboxMessage" WHERE status = 'failed'`);
    const unprocessed = await one(`SELECT count(*) AS n FROM "InboxMessage" WHERE status IN ('pending','processing')`);
    const mirrored = new Set((await sql.query<{ uid: string }>(`SELECT uid FROM "Booking"`)).rows.map((r) => r.uid));
    await sql.end();

    const sentByPhone = new Map<string, number>();
    for (const s of fakes.graph.sent) sentByPhone.set(s.to, (sentByPhone.get(s.to) ?? 0) + 1);
    // One reply per message, plus the marketing question after a first booking (issue 14).
    const expectedFor = (p: (typeof plans)[number]) => p.texts.length + (p.slot ? 1 : 0);
    const wrong = plans.filter((p) => (sentByPhone.get(p.phone) ?? 0) !== expectedFor(p)).length;
    const accepted = [...fakes.cal.bookings.values()].filter((b) => b.status === 'accepted');
    const byPhone = new Map<string, number>();
    for (const b of accepted) {
      const phone = (b.attendees[0]?.phoneNumber ?? '').replace(/\D/g, '');
      byPhone.set(phone, (byPhone.get(phone) ?? 0) + 1);
    }
    client.close();
    return {
      messages: total,
      acked: acked.size,
      processed,
      unprocessed,
      failed,
      replies: fakes.graph.sent.length,
      expectedReplies: plans.reduce((n, p) => n + expectedFor(p), 0),
      duplicateSends: [...callbacks.values()].filter((n) => n > 1).length,
      peopleWithWrongReplyCount: wrong,
      bookers: plans.filter((p) => p.slot).length,
      bookings: accepted.length,
      duplicateBookings: [...byPhone.values()].filter((n) => n > 1).length,
      orphanBookings: accepted.filter((b) => !mirrored.has(b.uid)).length,
      killedAt,
      secondsToSettle,
    };
  } finally {
    await Promise.all(services.map((s) => s.stop().catch(() => null)));
    await fakes.close();
    await db.drop().catch(() => {});
  }
}

export function countsAreRight(c: ChaosCounts): boolean {
  return (
    c.acked === c.messages &&
    c.processed === c.acked &&
    c.unprocessed === 0 &&
    c.failed === 0 &&
    c.duplicateSends === 0 &&
    c.replies === c.expectedReplies &&
    c.peopleWithWrongReplyCount === 0 &&
    c.duplicateBookings === 0 &&
    c.orphanBookings === 0 &&
    c.bookings === c.bookers
  );
}

const isMain = process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/^.*\//, ''));
if (isMain) {
  if (!(await postgresReachable())) {
    console.error('chaos:kill needs Postgres at 127.0.0.1:5432 (or TEST_POSTGRES_URL): not reachable, nothing run');
    process.exit(2);
  }
  const counts = await chaosKill({
    people: Number(arg('people', '500')),
    messages: Number(arg('messages', '10')),
    killAt: Number(arg('kill-at', '0.4')),
    leaseMs: Number(arg('lease-ms', '5000')),
    entry: arg('entry', 'dist') === 'tsx' ? 'tsx' : 'dist',
  });
  console.log(
    `\nchaos:kill — two instances on one Postgres, instance 1 killed with SIGKILL after ${counts.killedAt} acked` +
      ' messages, then restarted',
  );
  console.log('| count | value |');
  console.log('|---|---:|');
  for (const [k, v] of Object.entries(counts))
    console.log(`| ${k} | ${typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(1) : v} |`);
  const ok = countsAreRight(counts);
  console.log(
    ok
      ? '\nOK: every acked message processed once, every reply sent once, no duplicate or orphaned booking.'
      : '\nWRONG: see the counts above.',
  );
  process.exit(ok ? 0 : 1);
}
