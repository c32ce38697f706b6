/**
 * CPU per call of the per-turn work outside the database (issue 12): `npx tsx bench/cpu-micro.ts
 * [--n 2000] [--only limits,render,slots,graph,calcom]`.
 *
 * - limits: fitMessage + assertValid on replies as the bot sends them (accents, slot rows, emoji).
 * - render: copy.render of slot offers / confirmations (luxon formatting in the business zone),
 *   phone-zone notes, searchWindow; slots: Cal.com slots → toSlots → rankAlternatives.
 * - graph / calcom: the real clients against the bench fakes (bench/support/fakes-process.ts, a
 *   process of its own): the client's CPU (this process) and the fake's CPU (that process, from
 *   /proc) per request, sequential and 16 in flight.
 *
 * Prints µs of CPU per call, and a digest of everything computed (renders, slots, rankings), so a
 * before/after run proves the results identical.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCalComClient } from '../src/calendar/calcom/client.js';
import { toSlots } from '../src/calendar/calcom/mapping.js';
import { rankAlternatives } from '../src/calendar/ranking.js';
import { render, type CopyContext } from '../src/conversation/copy.js';
import { zoneNote } from '../src/conversation/phone-zone.js';
import { searchWindow } from '../src/engine/effects/calendar.js';
import { createCloudApiSender } from '../src/whatsapp/client.js';
import { assertValid, fitMessage } from '../src/whatsapp/limits.js';
import type { OutgoingMessage } from '../src/whatsapp/types.js';
import type { Language, ReplySpec, SlotOption, When } from '../machines/types.js';

const HERE = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const arg = (name: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const N = Number(arg('n') ?? 2000);
const ONLY = new Set((arg('only') ?? 'limits,render,slots,graph,calcom').split(','));
const digest = createHash('sha256');
const rows: Array<[string, number, string]> = [];

const cpuNow = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};
/** CPU µs per call of `fn`, after a warm-up; the results go into the digest once. */
function measure<T>(name: string, n: number, fn: (i: number) => T, note = '') {
  for (let i = 0; i < Math.min(200, n); i++) digest.update(JSON.stringify(fn(i)) ?? '');
  const t0 = cpuNow();
  for (let i = 0; i < n; i++) fn(i);
  rows.push([name, (cpuNow() - t0) / n, note]);
}

const TZ = 'Europe/Madrid';
const NOW = new Date('2026-11-26T08:12:00Z'); // a Thursday
const slot = (day: number, hh: number, mm: number): SlotOption => {
  const start = new Date(Date.UTC(2026, 10, 26 + day, hh - 1, mm)).toISOString();
  return { start, end: new Date(Date.parse(start) + 30 * 60_000).toISOString() };
};
const options = (n: number) => Array.from({ length: n }, (_, i) => slot(Math.floor(i / 4), 9 + (i % 4) * 2, 30));
const requested: When = {
  start: '2026-11-27T08:00:00.000+01:00',
  end: '2026-11-27T14:00:00.000+01:00',
  grain: 'part_of_day',
};
const specs: ReplySpec[] = [
  { key: 'offerSlots', requested, options: options(3), taken: false, widened: false, purpose: 'book' },
  { key: 'offerSlots', requested, options: options(10), taken: true, widened: true, purpose: 'book' },
  { key: 'offerSlots', requested: null, options: options(6), taken: false, widened: false, purpose: 'reschedule' },
  { key: 'confirmSlot', slot: slot(1, 11, 0) },
  { key: 'noSlots', requested },
  { key: 'greeting' },
  { key: 'didntUnderstand', misses: 1 },
];
const ctx = (language: Language, note?: string): CopyContext => ({
  contact: { language, name: 'María José', ...(note ? { zoneNote: note } : {}) },
  timeZone: TZ,
  now: NOW,
  eventTitle: 'Consulta',
  lengthMinutes: 30,
});
const contexts = [ctx('es'), ctx('en'), ctx('pt'), ctx('es', '(hora de Madrid)')];

async function main() {
  if (ONLY.has('limits')) {
    const messages: OutgoingMessage[] = contexts.flatMap((c) => specs.map((s) => render(s, c)));
    messages.push({ type: 'text', body: '¡Hecho! 👍 Te esperamos el jueves 🇪🇸 — 👩🏽‍⚕️ Dra. Ruiz' });
    measure('limits: fitMessage + assertValid (per message)', N * 5, (i) => {
      const m = fitMessage(messages[i % messages.length]!);
      assertValid(m);
      return m;
    });
  }
  if (ONLY.has('render')) {
    let k = 0;
    measure('render: copy.render (per reply, mixed specs)', N * 2, () => {
      const c = contexts[k % contexts.length]!;
      const s = specs[Math.floor(k++ / contexts.length) % specs.length]!;
      return render(s, c);
    });
    measure('render: copy.render offerSlots ×10 (es)', N, () => render(specs[1]!, contexts[0]!));
    const phones = ['34612345678', '5215512345678', '14155550123', '5511999998888'];
    measure('render: zoneNote', N * 5, (i) => zoneNote(phones[i % 4]!, TZ, NOW, 'es') ?? null);
    const whens: Array<When | null> = [
      null,
      requested,
      { start: '2026-11-30T10:00:00.000+01:00', end: '2026-11-30T10:00:00.000+01:00', grain: 'minute' },
    ];
    measure('render: searchWindow', N * 5, (i) => searchWindow(whens[i % 3]!, NOW, TZ));
  }
  if (ONLY.has('slots')) {
    // Cal.com's answer for two weeks in the business zone: { "2026-11-26": [{ start }] }.
    const data: Record<string, Array<{ start: string }>> = {};
    for (let d = 0; d < 14; d++)
      for (let h = 9; h < 18; h++)
        for (const m of [0, 30]) {
          if ((d + h + m) % 3 === 0) continue; // some taken
          const s = slot(d, h, m).start;
          const local = new Date(Date.parse(s) + 3_600_000).toISOString().replace('Z', '+01:00');
          (data[local.slice(0, 10)] ??= []).push({ start: local });
        }
    const from = '2026-11-26T08:12:00.000Z';
    const to = '2026-12-10T22:59:59.999Z';
    measure('slots: toSlots (two weeks, ~170 slots)', N, () => toSlots(data, 30, from, to));
    const all = toSlots(data, 30, from, to);
    const busy = [slot(1, 10, 0), slot(2, 12, 30)];
    const reqs = [
      requested,
      { start: '2026-11-30T10:00:00.000+01:00', end: '2026-11-30T10:00:00.000+01:00', grain: 'minute' },
      null,
    ];
    measure('slots: rankAlternatives (limit 10)', N, (i) =>
      rankAlternatives({ requested: reqs[i % 3]!, slots: all, busy, timeZone: TZ, limit: 10 }),
    );
  }
  if (ONLY.has('graph') || ONLY.has('calcom')) await overHttp();

  console.log(`\ncpu-micro — CPU µs per call (node ${process.version}, n=${N})`);
  console.log('| what | µs/call | note |\n|---|---:|---|');
  for (const [name, us, note] of rows) console.log(`| ${name} | ${us.toFixed(1)} | ${note} |`);
  console.log(`\nresults digest: ${digest.digest('hex').slice(0, 16)}`);
}

/** The clients against the fakes in their own process: our CPU and theirs per request. */
async function overHttp() {
  const child = spawn(
    process.execPath,
    [
      ...(process.env.FAKES_NODE_ARGS ?? '').split(' ').filter(Boolean),
      '--import',
      'tsx',
      join(HERE, 'support', 'fakes-process.ts'),
    ],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const line = await new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve));
  const f = JSON.parse(line) as {
    pid: number;
    graphUrl: string;
    calUrl: string;
    apiKey: string;
    eventTypeId: number;
    token: string;
    phoneNumberId: string;
  };
  const ticks = () => {
    const parts = readFileSync(`/proc/${f.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return Number(parts[11]) + Number(parts[12]); // utime + stime, in clock ticks (1/100 s)
  };
  async function timed(name: string, n: number, inFlight: number, call: (i: number) => Promise<unknown>) {
    for (let i = 0; i < 100; i++) await call(i); // warm-up: JIT, sockets
    const c0 = cpuNow();
    const k0 = ticks();
    let next = 0;
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        while (next < n) await call(next++);
      }),
    );
    const ours = (cpuNow() - c0) / n;
    const theirs = ((ticks() - k0) * 10_000) / n;
    rows.push([`${name}, ${inFlight} in flight — client`, ours, '']);
    rows.push([`${name}, ${inFlight} in flight — fake`, theirs, 'the fake server process (bench side)']);
  }
  try {
    if (ONLY.has('graph')) {
      const sender = createCloudApiSender({
        graphUrl: f.graphUrl,
        apiVersion: 'v23.0',
        phoneNumberId: f.phoneNumberId,
        accessToken: f.token,
      });
      const reply = render(specs[1]!, contexts[0]!);
      for (const inFlight of [1, 16]) {
        await timed('graph: send (10-row list)', N, inFlight, (i) =>
          sender.send(`3461${String(1_000_000 + (i % 500))}`, reply, { callbackData: `reserva:${i}` }),
        );
        await timed('graph: markRead', N, inFlight, (i) => sender.markRead(`wamid.IN${i}`));
      }
    }
    if (ONLY.has('calcom')) {
      const cal = createCalComClient({ baseUrl: f.calUrl, apiKey: f.apiKey, eventTypeId: f.eventTypeId, timeZone: TZ });
      const day = 86_400_000;
      const base = Date.now() + day;
      for (const inFlight of [1, 16]) {
        await timed('calcom: getSlots (one day)', Math.floor(N / 2), inFlight, (i) => {
          const from = new Date(base + (i % 10) * day);
          return cal.getSlots({
            from: from.toISOString(),
            to: new Date(from.getTime() + day).toISOString(),
            timeZone: TZ,
          });
        });
        await timed('calcom: getSlots (two weeks)', Math.floor(N / 4), inFlight, () =>
          cal.getSlots({
            from: new Date(base).toISOString(),
            to: new Date(base + 14 * day).toISOString(),
            timeZone: TZ,
          }),
        );
      }
    }
  } finally {
    child.stdin!.end();
    await new Promise((r) => child.once('exit', r));
  }
}

await main();
