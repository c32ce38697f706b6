/**
 * `npm run bench:turns [-- --db sqlite|postgres|both] [--contacts 500] [--in-flight 32] [--rate N] [--threads N]
 *   [--profile] [--no-big] [--floor]`
 *
 * Full turns end to end: N WhatsApp contacts each send "hola", then a day + part-of-day question,
 * then "no, gracias" — one message at a time per contact (the next after the reply), at most 32
 * webhooks in flight, signed bodies; the fake Cal.com and fake Graph over HTTP; the service started
 * as `npm start` starts it. Prints per database: turns/s, reply p50/p99 (webhook sent → reply
 * accepted by Graph), webhook ack p99, and an ack p99 for one big batched body of entries (47 KB)
 * and of statuses (356 KB) posted during the load; the CPU the service used per turn (its whole
 * process, from /proc) and the CPU this load generator (client + fakes) used per turn.
 *
 * Two modes. Closed loop (default): every contact sends its next message as soon as the last one
 * was answered — the most the service does; reply latency is then the queue (Little's law:
 * contacts ÷ throughput). Open loop (`--rate N`): a new message every 1/N s from a contact not
 * waiting for a reply — reply latency at that offered load.
 *
 * `--profile` runs the service with `node --cpu-prof` and prints the CPU µs per turn by stage
 * (HTTP, NLU, statechart, DB, outbound, other) and queries per turn (the service counts them
 * when RESERVA_QUERY_STATS=1) — the per-turn budget in the README.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPgDatabase, postgresReachable } from '../test/support/postgres.js';
import {
  ROOT,
  percentile,
  startFakes,
  startService,
  serviceEnv,
  statusWebhook,
  textWebhook,
  webhookClient,
} from './support/load.js';
import { summarizeProfiles, type StageTimes } from './support/profile.js';

/** The bucket bound (ms) under which 99 % of the service's WhatsApp webhook acks fell. */
async function serverAckP99(url: string): Promise<number> {
  try {
    const text = await (await fetch(`${url}/metrics`)).text();
    const buckets = [
      ...text.matchAll(/^reserva_webhook_ack_seconds_bucket\{le="([^"]+)",source="whatsapp",status="200"\} (\d+)/gm),
    ].map((m) => ({ le: Number(m[1]), n: Number(m[2]) }));
    const total = buckets.find((b) => !Number.isFinite(b.le))?.n ?? 0;
    const hit = buckets.find((b) => b.n >= total * 0.99);
    return hit ? hit.le * 1000 : NaN;
  } catch {
    return NaN;
  }
}

/** CPU ms a process has used so far (all its threads), from /proc (Linux); NaN elsewhere. */
function procCpuMs(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, in 1/100 s
  } catch {
    return NaN;
  }
}

const args = process.argv.slice(2);
const arg = (name: string, def: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] && !args[i + 1]!.startsWith('--') ? args[i + 1]! : def;
};
const CONTACTS = Number(arg('contacts', '500'));
const IN_FLIGHT = Number(arg('in-flight', '32'));
const PROFILE = args.includes('--profile');
const RATE = Number(arg('rate', '0'));
// --floor: the same load against bench/support/floor-server.ts (HTTP work of a turn, nothing else).
const FLOOR = args.includes('--floor');
const NO_BIG = args.includes('--no-big');
const THREADS = arg('threads', '');
const which = arg('db', 'both');

const SCRIPT = ['hola', 'tenéis hueco el viernes por la tarde?', 'no, gracias'];

interface Result {
  db: string;
  turns: number;
  seconds: number;
  replyP50: number;
  replyP99: number;
  ackP99: number;
  ackMax: number;
  bigEntriesMs: number;
  bigStatusesMs: number;
  missing: number;
  /** p99 of the acks as the service timed them (from its /metrics histogram: a bucket bound). */
  serverAckP99: number;
  /** CPU ms per turn: the service's process (all threads), and this load generator. */
  serviceCpuMs: number;
  benchCpuMs: number;
  profile?: { stages: StageTimes; queriesPerTurn: number | null };
}

async function run(db: 'sqlite' | 'postgres'): Promise<Result> {
  const fakes = await startFakes();
  const dir = mkdtempSync(join(tmpdir(), 'reserva-bench-turns-'));
  const pgdb = db === 'postgres' ? await createPgDatabase('reserva_bench') : null;
  const databaseUrl = pgdb ? pgdb.url : `file:${join(dir, 'bench.db')}`;
  const port = 20000 + Math.floor(Math.random() * 20000);
  const profileDir = join(dir, 'profile');
  const profileFile = join(profileDir, 'turns.cpuprofile');
  if (PROFILE) mkdirSync(profileDir, { recursive: true });
  const env = serviceEnv(fakes, {
    databaseUrl,
    port,
    extra: {
      ...(PROFILE ? { RESERVA_QUERY_STATS: '1', RESERVA_PROFILE: profileFile } : {}),
      ...(THREADS ? { PROCESSING_THREADS: THREADS } : {}),
    },
  });
  const service = FLOOR
    ? await startService(env, { entry: 'floor', nodeArgs: ['--import', 'tsx'] })
    : await startService(env);
  const client = webhookClient([service.url], IN_FLIGHT);
  const serviceCpu0 = procCpuMs(service.child.pid);
  const benchCpu0 = process.cpuUsage();

  // Replies: the next message of a contact goes once Graph has accepted the reply to the last one.
  const waiting = new Map<string, { at: number; resolve: () => void }>();
  const replyMs: number[] = [];
  const sentIds: Array<{ id: string; to: string; callback?: string }> = [];
  fakes.onSent((r) => {
    sentIds.push({
      id: r.id,
      to: r.to,
      callback: (r.payload as { biz_opaque_callback_data?: string }).biz_opaque_callback_data,
    });
    const w = waiting.get(r.to);
    if (!w) return;
    waiting.delete(r.to);
    replyMs.push(performance.now() - w.at);
    w.resolve();
  });

  const acks: number[] = [];
  let missing = 0;
  let overloaded = 0;
  let turns = 0;
  const phones = Array.from({ length: CONTACTS }, (_, i) => `346${String(10_000_000 + i).padStart(8, '0')}`);
  const t0 = performance.now();
  // --profile: the window opens after a warm-up (JIT, caches, connections), not at start-up.
  const warmup = Math.floor(CONTACTS * SCRIPT.length * 0.1);
  let profiling = false;
  let profiledFrom = 0;
  let bigEntriesMs = NaN;
  let bigStatusesMs = NaN;

  const big = (async () => {
    // the profile counts the scripted turns only; --no-big leaves the big bodies out
    if (PROFILE || NO_BIG) return { entriesKB: 0, statusesKB: 0 };
    await new Promise((r) => setTimeout(r, 1500));
    // 47 KB of entries (other people's messages, one entry each) and 356 KB of statuses.
    const entries = Array.from(
      { length: 131 },
      (_, i) =>
        JSON.parse(
          textWebhook({
            from: `3479${String(i).padStart(7, '0')}`,
            name: 'Lote',
            text: 'hola',
            id: `wamid.big.${i}`,
            at: new Date(),
          }),
        ).entry[0],
    );
    const bodyEntries = JSON.stringify({ object: 'whatsapp_business_account', entry: entries });
    const a = await client.post(bodyEntries);
    bigEntriesMs = a.status === 200 ? a.ms : NaN;
    const statuses = Array.from({ length: 2560 }, (_, i) => ({
      id: `wamid.status.${i}`,
      to: '34600000000',
      callback: `reserva:none-${i}`,
    }));
    const bodyStatuses = statusWebhook(statuses, new Date());
    const b = await client.post(bodyStatuses);
    bigStatusesMs = b.status === 200 ? b.ms : NaN;
    return { entriesKB: Math.round(bodyEntries.length / 1024), statusesKB: Math.round(bodyStatuses.length / 1024) };
  })();

  /** One turn: the message, its ack, then the reply (or a 30 s timeout). */
  async function turn(phone: string, p: number, k: number): Promise<void> {
    const replied = new Promise<void>((resolve) => waiting.set(phone, { at: performance.now(), resolve }));
    const r = await client.post(
      textWebhook({ from: phone, name: `Persona ${p}`, text: SCRIPT[k]!, id: `wamid.bench.${p}.${k}`, at: new Date() }),
    );
    if (r.status !== 200) {
      missing++;
      waiting.delete(phone);
      return;
    }
    acks.push(r.ms);
    const ok = await Promise.race([
      replied.then(() => true),
      new Promise<boolean>((res) => setTimeout(() => res(false), 30_000).unref()),
    ]);
    if (ok) turns++;
    else {
      missing++;
      waiting.delete(phone);
    }
    if (PROFILE && !profiling && turns >= warmup) {
      profiling = true;
      profiledFrom = turns;
      service.child.kill('SIGUSR2');
    }
  }

  if (RATE > 0) {
    // Open loop: a message every 1/RATE s, from a contact whose last message was answered.
    const free = phones.map((_, p) => p);
    const step = new Map<number, number>();
    const total = phones.length * SCRIPT.length;
    const inFlight = new Set<Promise<void>>();
    let issued = 0;
    const start = performance.now();
    while (issued + overloaded < total) {
      const due = Math.min(total, Math.floor(((performance.now() - start) * RATE) / 1000));
      while (issued + overloaded < due) {
        const p = free.shift();
        if (p === undefined) {
          overloaded++; // nobody free: every contact is still waiting for a reply
          continue;
        }
        issued++;
        const k = step.get(p) ?? 0;
        const job = turn(phones[p]!, p, k).finally(() => {
          inFlight.delete(job);
          step.set(p, k + 1);
          if (k + 1 < SCRIPT.length) free.push(p);
        });
        inFlight.add(job);
      }
      await new Promise((r) => setTimeout(r, 1));
    }
    await Promise.all(inFlight);
  } else {
    await Promise.all(
      phones.map(async (phone, p) => {
        for (const k of SCRIPT.keys()) await turn(phone, p, k);
      }),
    );
  }
  const seconds = (performance.now() - t0) / 1000;
  const serviceCpuMs = procCpuMs(service.child.pid) - serviceCpu0;
  const benchCpu = process.cpuUsage(benchCpu0);
  const bigSizes = await big;
  client.close();
  // The same acks timed by the service itself (reserva_webhook_ack_seconds): what the client saw
  // minus its own event loop's delays (this process also runs the fakes).
  const serverAck = await serverAckP99(service.url);
  await service.stop();
  if (process.env.BENCH_DEBUG) console.error(service.output.slice(-40).join('\n'));
  let profile: Result['profile'];
  if (PROFILE) {
    // One profile per thread: turns.cpuprofile (HTTP thread) and turns.processing-<i>.cpuprofile
    // per processing thread; kept for Chrome DevTools / speedscope in bench/profiles/.
    const files = readdirSync(profileDir).filter((f) => f.endsWith('.cpuprofile'));
    const profiledTurns = turns - profiledFrom;
    mkdirSync(join(ROOT, 'bench', 'profiles'), { recursive: true });
    for (const f of files)
      copyFileSync(join(profileDir, f), join(ROOT, 'bench', 'profiles', f.replace('turns', `turns-${db}`)));
    const lines = service.output
      .map((l) => /^\{"queryStats":(\{[^}]*\})(?:,"thread":"(\w+)")?\}$/.exec(l))
      .filter((m): m is RegExpExecArray => Boolean(m))
      .map((m) => ({
        ...(JSON.parse(m[1]!) as { queries: number; prisma: number; driver: number; cpuMicros: number }),
        thread: m[2] ?? 'main',
      }));
    const sum = (k: 'queries' | 'prisma' | 'driver') => lines.reduce((a, l) => a + l[k], 0);
    const cpuMicros = lines.find((l) => l.thread === 'main')?.cpuMicros;
    if (lines.length)
      console.error(
        `  (${db}: ${sum('driver')} driver statements, ${sum('prisma')} Prisma queries, ` +
          `${((cpuMicros ?? 0) / 1000).toFixed(0)} ms CPU for ${profiledTurns} turns; ` +
          `threads: ${lines.map((l) => l.thread).join(', ')})`,
      );
    // Stage shares from the profiles' samples, scaled to the CPU the process really used (on a
    // loaded machine a sample's interval includes time the process waited for a core).
    profile = {
      stages: summarizeProfiles(
        files.map((f) => JSON.parse(readFileSync(join(profileDir, f), 'utf8'))),
        profiledTurns,
        cpuMicros,
      ),
      queriesPerTurn: lines.length ? sum('queries') / Math.max(1, profiledTurns) : null,
    };
  }
  await fakes.close();
  await pgdb?.drop();
  rmSync(dir, { recursive: true, force: true });
  console.error(`  (${db}: big bodies ${bigSizes.entriesKB} KB of entries, ${bigSizes.statusesKB} KB of statuses)`);
  return {
    db,
    turns,
    seconds,
    // Steady state: the first 10 % of replies (JIT warm-up, first connections, the event type's
    // first read) are left out of the percentiles, as the profile window leaves them out.
    replyP50: percentile(replyMs.slice(Math.floor(replyMs.length / 10)), 50),
    replyP99: percentile(replyMs.slice(Math.floor(replyMs.length / 10)), 99),
    ackP99: percentile(acks, 99),
    ackMax: Math.max(...acks),
    bigEntriesMs,
    bigStatusesMs,
    missing: missing + overloaded,
    serverAckP99: serverAck,
    serviceCpuMs: serviceCpuMs / Math.max(1, turns),
    benchCpuMs: (benchCpu.user + benchCpu.system) / 1000 / Math.max(1, turns),
    profile,
  };
}

const dbs: Array<'sqlite' | 'postgres'> = which === 'both' ? ['sqlite', 'postgres'] : [which as 'sqlite' | 'postgres'];
const results: Result[] = [];
for (const db of dbs) {
  if (db === 'postgres' && !(await postgresReachable())) {
    console.error('Postgres is not reachable at 127.0.0.1:5432 (TEST_POSTGRES_URL): skipping it');
    continue;
  }
  console.error(`running ${CONTACTS} contacts × ${SCRIPT.length} turns on ${db} (${IN_FLIGHT} webhooks in flight)…`);
  results.push(await run(db));
}

const f = (n: number, d = 0) => (Number.isFinite(n) ? n.toFixed(d) : '—');
console.log(
  `\nbench:turns — ${CONTACTS} contacts × ${SCRIPT.length} turns, ${IN_FLIGHT} webhooks in flight, ` +
    `${RATE > 0 ? `open loop at ${RATE} messages/s` : 'closed loop'}, fake Cal.com + Graph over HTTP` +
    (FLOOR ? ' — FLOOR: a bare node:http server doing only the HTTP work of a turn, not Reserva' : ''),
);
console.log(
  '| database | turns/s | reply p50 / p99 (ms) | webhook ack p99 / max (ms) | ack p99 timed by the service (ms) | ' +
    '47 KB entries ack (ms) | ' +
    '356 KB statuses ack (ms) | service CPU / turn (ms) | load generator CPU / turn (ms) | turns done / missing |',
);
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const r of results) {
  console.log(
    `| ${r.db} | ${f(r.turns / r.seconds)} | ${f(r.replyP50, 1)} / ${f(r.replyP99, 1)} ` +
      `| ${f(r.ackP99, 1)} / ${f(r.ackMax, 1)} | ≤ ${f(r.serverAckP99)} | ${f(r.bigEntriesMs, 1)} ` +
      `| ${f(r.bigStatusesMs, 1)} ` +
      `| ${f(r.serviceCpuMs, 2)} | ${f(r.benchCpuMs, 2)} | ${r.turns} / ${r.missing} |`,
  );
}
if (PROFILE) {
  console.log(
    "\nPer-turn budget (CPU µs per turn by stage, from the service's own CPU profile; " +
      'queries per turn counted by the service)',
  );
  const stages = Object.keys(results[0]?.profile?.stages ?? {});
  console.log(`| database | queries/turn | ${stages.join(' | ')} |`);
  console.log(`|---|---:|${stages.map(() => '---:').join('|')}|`);
  for (const r of results) {
    const p = r.profile;
    if (!p) continue;
    console.log(
      `| ${r.db} | ${p.queriesPerTurn === null ? '—' : f(p.queriesPerTurn, 1)} ` +
        `| ${stages.map((s) => f(p.stages[s as keyof StageTimes] ?? NaN)).join(' | ')} |`,
    );
  }
}
