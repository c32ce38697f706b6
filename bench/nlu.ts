/**
 * NLU benchmark (`npm run bench:nlu`): Duckling's public time corpora scored for us and for chrono-node
 * in the same run, our labelled chat corpus, and single-core throughput of understand().
 * Reads ../shared/corpora (relative to the project root); skips that part with a message if absent.
 */
import { existsSync, readFileSync } from 'node:fs';
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
import { understand } from '../src/nlu/index.js';

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

function printDuckling(): void {
  console.log(
    '## Duckling time corpora (Duckling-compatible mode; strict = value and grain, loose = value at the expected grain)\n',
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
        `| duckling-time-${lang} | ${k} | ${o.total} | ${pct(o.strict, o.total)} | ${pct(c.strict, c.total)} | ${pct(o.loose, o.total)} | ${pct(c.loose, c.total)} |`,
      );
    }
  }
  console.log('');
}

function printChat(): string[] {
  const corpus = JSON.parse(readFileSync(CHAT_CORPUS, 'utf8')) as ChatCorpus;
  const results = scoreChat(corpus, understand);
  console.log(
    `## Chat corpus (${CHAT_CORPUS.replace(process.cwd() + '/', '')}, reference ${corpus.reference} ${corpus.timeZone})\n`,
  );
  console.log('| slice | n | intent+time | intent | time | language |');
  console.log('|---|---:|---:|---:|---:|---:|');
  const slices: [string, typeof results][] = [
    ['all', results],
    ['es', results.filter((r) => r.example.language === 'es')],
    ['en', results.filter((r) => r.example.language === 'en')],
    ...['ES', 'MX', 'AR', 'CO'].map((reg): [string, typeof results] => [
      `es-${reg}`,
      results.filter((r) => r.example.region === reg),
    ]),
  ];
  for (const [name, rs] of slices) {
    const both = rs.filter((r) => r.intentOk && r.whenOk).length;
    console.log(
      `| ${name} | ${rs.length} | ${pct(both, rs.length)} | ${pct(rs.filter((r) => r.intentOk).length, rs.length)} | ${pct(rs.filter((r) => r.whenOk).length, rs.length)} | ${pct(rs.filter((r) => r.languageOk).length, rs.length)} |`,
    );
  }
  const misses = results.filter((r) => !(r.intentOk && r.whenOk));
  if (misses.length) {
    console.log('\nMisses:');
    for (const m of misses)
      console.log(
        `- ${JSON.stringify(m.example.text)}: expected ${m.example.intent} ${JSON.stringify(m.example.when)}, got ${m.got.intent} ${JSON.stringify(m.got.when)}`,
      );
  }
  console.log('');
  return corpus.examples.map((e) => e.text);
}

function printThroughput(texts: string[]): void {
  const opts = { reference: '2026-11-25T10:00:00+01:00', timeZone: 'Europe/Madrid' };
  for (let i = 0; i < 3000; i++) understand(texts[i % texts.length]!, opts); // warm-up
  let n = 0;
  const t0 = process.hrtime.bigint();
  const budget = 2_000_000_000n;
  while (process.hrtime.bigint() - t0 < budget) {
    for (let i = 0; i < texts.length; i++) understand(texts[i]!, opts);
    n += texts.length;
  }
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
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
  console.log('## Throughput (understand(), one core, chat-corpus messages in a loop; target ≥ 20,000/s)\n');
  console.log(
    `- shared reference (as in the batch CLI): ${Math.round(n / secs).toLocaleString('en-US')} messages/s (${n} in ${secs.toFixed(2)} s)`,
  );
  console.log(
    `- a new reference per message:          ${Math.round(m / secs2).toLocaleString('en-US')} messages/s (${m} in ${secs2.toFixed(2)} s)\n`,
  );
}

function main(): void {
  printDuckling();
  const texts = printChat();
  printThroughput(texts);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();
