/**
 * NLU benchmark (`npm run bench:nlu`): Duckling's public time corpora scored for us and for chrono-node
 * in the same run, our labelled chat corpus, and single-core throughput of understand().
 * Reads ../shared/corpora (relative to the project root); skips that part with a message if absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as chrono from 'chrono-node';
import { DateTime } from 'luxon';
import { scoreChat, type ChatCorpus } from '../src/nlu/eval/chat.js';
import {
  scoreCorpus,
  zoneOf,
  type DucklingCorpus,
  type Kind,
  type KindScore,
  type Parsed,
} from '../src/nlu/eval/duckling.js';
import { extractName, understand } from '../src/nlu/index.js';
import type { Language } from '../src/nlu/types.js';

export const CORPORA_DIR = resolve(process.cwd(), '../shared/corpora');
export const CHAT_CORPUS = resolve(process.cwd(), 'test/nlu/chat-corpus.json');

type ChronoComponent = 'second' | 'minute' | 'hour' | 'day' | 'weekday' | 'month' | 'year';
interface ChronoComponents {
  date(): Date;
  isCertain(c: ChronoComponent): boolean;
}

/** chrono-node's grain: the finest component it is certain of. */
function chronoGrain(c: ChronoComponents): string {
  for (const g of ['second', 'minute', 'hour', 'day'] as const) if (c.isCertain(g)) return g;
  if (c.isCertain('weekday')) return 'day';
  if (c.isCertain('month')) return 'month';
  if (c.isCertain('year')) return 'year';
  return 'day';
}

/** chrono-node (chrono.es / chrono.en) at the corpus reference instant and offset. */
export function chronoParser(lang: 'es' | 'en', corpus: DucklingCorpus): (text: string) => Parsed | null {
  const zone = zoneOf(corpus.timezoneOffset);
  const ref = DateTime.fromISO(corpus.reference, { setZone: true });
  const parser = lang === 'es' ? chrono.es : chrono.en;
  const reference = { instant: ref.toJSDate(), timezone: ref.offset };
  return (text) => {
    const r = parser.parse(text, reference)[0];
    if (!r) return null;
    const start = r.start as unknown as ChronoComponents;
    const p: Parsed = { start: DateTime.fromJSDate(start.date()).setZone(zone), grain: chronoGrain(start) };
    if (r.end) p.end = DateTime.fromJSDate((r.end as unknown as ChronoComponents).date()).setZone(zone);
    return p;
  };
}

/** Our parser in Duckling-compatible mode. */
export function ourParser(lang: 'es' | 'en', corpus: DucklingCorpus): (text: string) => Parsed | null {
  const zone = zoneOf(corpus.timezoneOffset);
  return (text) => {
    const u = understand(text, { reference: corpus.reference, timeZone: zone, locale: lang, duckling: true });
    if (!u.when) return null;
    const p: Parsed = {
      start: DateTime.fromISO(u.when.start, { zone }),
      end: DateTime.fromISO(u.when.end, { zone }),
      grain: u.when.grain,
    };
    if (u.when.open) p.open = u.when.open;
    return p;
  };
}

export function loadDuckling(lang: 'es' | 'en'): DucklingCorpus | null {
  const file = resolve(CORPORA_DIR, `duckling-time-${lang}.json`);
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as DucklingCorpus) : null;
}

const pct = (n: number, d: number): string => (d === 0 ? '   —  ' : `${((100 * n) / d).toFixed(1).padStart(5)}%`);

const row = (cells: (string | number)[]): string => `| ${cells.join(' | ')} |`;

function printDuckling(): void {
  console.log(
    '## Duckling time corpora (Duckling-compatible mode; ' +
      'strict = value and grain, loose = value at the expected grain)\n',
  );
  console.log('| corpus | kind | n | ours strict | chrono strict | ours loose | chrono loose |');
  console.log('|---|---|---:|---:|---:|---:|---:|');
  for (const lang of ['es', 'en'] as const) {
    const corpus = loadDuckling(lang);
    if (!corpus) {
      console.log(`| duckling-time-${lang} | skipped: ${CORPORA_DIR} not found | | | | | |`);
      continue;
    }
    const zone = zoneOf(corpus.timezoneOffset);
    const ours = scoreCorpus(corpus, zone, ourParser(lang, corpus));
    const theirs = scoreCorpus(corpus, zone, chronoParser(lang, corpus));
    for (const k of ['instant', 'interval', 'open_interval', 'all'] as (Kind | 'all')[]) {
      const o: KindScore = ours[k];
      const c: KindScore = theirs[k];
      if (o.total === 0) continue;
      console.log(
        row([
          `duckling-time-${lang}`,
          k,
          o.total,
          pct(o.strict, o.total),
          pct(c.strict, c.total),
          pct(o.loose, o.total),
          pct(c.loose, c.total),
        ]),
      );
    }
  }
  console.log('');
}

function printChat(file: string, title: string): string[] {
  const corpus = JSON.parse(readFileSync(file, 'utf8')) as ChatCorpus;
  const results = scoreChat(corpus, understand);
  const name = file.replace(process.cwd() + '/', '');
  console.log(`## ${title} (${name}, reference ${corpus.reference} ${corpus.timeZone})\n`);
  console.log('| slice | n | all right | intent+time | intent | time | extras | language |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|');
  const regions = [...new Set(corpus.examples.map((e) => e.region))];
  const slices: [string, typeof results][] = [
    ['all', results],
    ...(['es', 'en', 'pt'] as const).map((l): [string, typeof results] => [
      l,
      results.filter((r) => r.example.language === l),
    ]),
    ...regions.map((reg): [string, typeof results] => [reg, results.filter((r) => r.example.region === reg)]),
  ];
  for (const [slice, rs] of slices) {
    if (rs.length === 0) continue;
    const n = rs.length;
    const count = (f: (r: (typeof rs)[number]) => boolean): string => pct(rs.filter(f).length, n);
    console.log(
      row([
        slice,
        n,
        count((r) => r.intentOk && r.whenOk && r.extrasOk),
        count((r) => r.intentOk && r.whenOk),
        count((r) => r.intentOk),
        count((r) => r.whenOk),
        count((r) => r.extrasOk),
        count((r) => r.languageOk),
      ]),
    );
  }
  const misses = results.filter((r) => !(r.intentOk && r.whenOk && r.extrasOk));
  if (misses.length) {
    console.log('\nMisses:');
    for (const m of misses) {
      const e = m.example;
      const want = `${e.intent} ${e.shift ?? ''} ${e.topic ?? ''} ${JSON.stringify(e.when)}`;
      const got = `${m.got.intent} ${m.got.shift ?? ''} ${m.got.topic ?? ''} ${JSON.stringify(m.got.when)}`;
      console.log(`- ${JSON.stringify(m.example.text)}: expected ${want}, got ${got}`);
    }
  }
  console.log('');
  return corpus.examples.map((e) => e.text);
}

function printNames(): void {
  const file = resolve(process.cwd(), 'test/nlu/held-out-names.json');
  const set = JSON.parse(readFileSync(file, 'utf8')) as {
    examples: { text: string; lang: Language; name: string | null }[];
  };
  const ok = set.examples.filter((e) => extractName(e.text, e.lang) === e.name).length;
  console.log(`## Names, held out (test/nlu/held-out-names.json): ${ok}/${set.examples.length} right\n`);
}

function printThroughput(texts: string[]): void {
  const opts = { reference: '2026-11-25T10:00:00+01:00', timeZone: 'Europe/Madrid' };
  // warm-up: one second, so the optimising compiler has done its work before the clock starts
  const w0 = process.hrtime.bigint();
  while (process.hrtime.bigint() - w0 < 1_000_000_000n) for (const t of texts) understand(t, opts);
  let n = 0;
  const c0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const budget = 2_000_000_000n;
  while (process.hrtime.bigint() - t0 < budget) {
    for (let i = 0; i < texts.length; i++) understand(texts[i]!, opts);
    n += texts.length;
  }
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  const used = process.cpuUsage(c0);
  const cpuSecs = (used.user + used.system) / 1e6;
  // every message with its own reference instant, as in production (no memoised reference)
  const base = Date.parse('2026-11-25T09:00:00Z');
  let m = 0;
  const t1 = process.hrtime.bigint();
  while (process.hrtime.bigint() - t1 < budget) {
    for (let i = 0; i < texts.length; i++)
      understand(texts[i]!, { reference: new Date(base + (m + i) * 61_000), timeZone: 'Europe/Madrid' });
    m += texts.length;
  }
  const secs2 = Number(process.hrtime.bigint() - t1) / 1e9;
  const rate = (k: number, s: number): string => `${Math.round(k / s).toLocaleString('en-US')} messages/s`;
  const [load1] = loadavg();
  console.log('## Throughput (understand(), one core, both chat corpora in a loop; target ≥ 20,000/s)\n');
  console.log(`- machine load (1-minute average) at the start: ${load1?.toFixed(2)} on ${cpus().length} cores`);
  console.log(`- shared reference (as in the batch CLI): ${rate(n, secs)} (${n} in ${secs.toFixed(2)} s)`);
  console.log(`  per CPU-second of this process (less sensitive to a shared machine): ${rate(n, cpuSecs)}`);
  console.log(`- a new reference per message:          ${rate(m, secs2)} (${m} in ${secs2.toFixed(2)} s)\n`);
}

function main(): void {
  printDuckling();
  const texts = [
    ...printChat(CHAT_CORPUS, 'Chat corpus, first wave'),
    ...printChat(resolve(process.cwd(), 'test/nlu/chat-corpus-2.json'), 'Chat corpus, second wave (tuned on)'),
  ];
  printChat(resolve(process.cwd(), 'test/nlu/held-out-corpus.json'), 'Held-out corpus (never tuned on)');
  printNames();
  printThroughput(texts);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
