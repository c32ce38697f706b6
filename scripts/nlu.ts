/**
 * Batch NLU: one message per stdin line → one JSON object per stdout line, in order.
 *   npm run --silent nlu -- --reference 2026-11-25T10:00:00+01:00 --timezone Europe/Madrid [--locale es] [--duckling]
 * Prints nothing else on stdout; errors go to stderr.
 */
import { createInterface } from 'node:readline';
import { DateTime } from 'luxon';
import { understand } from '../src/nlu/index.js';
import type { Language, UnderstandOptions } from '../src/nlu/types.js';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i >= 0) return process.argv[i + 1];
  const eq = process.argv.find((a) => a.startsWith(`--${name}=`));
  return eq?.slice(name.length + 3);
}

function fail(msg: string): never {
  process.stderr.write(
    `nlu: ${msg}\n` +
      'usage: nlu --reference <ISO datetime> --timezone <IANA zone> [--locale es|en] ' +
      '[--business-hours 9-18] [--duckling]\n',
  );
  process.exit(2);
}

const reference = arg('reference') ?? fail('--reference is required');
const timeZone = arg('timezone') ?? arg('timeZone') ?? fail('--timezone is required');
if (!DateTime.fromISO(reference, { setZone: true }).isValid) fail(`--reference is not an ISO datetime: ${reference}`);
if (!DateTime.now().setZone(timeZone).isValid) fail(`--timezone is not a known IANA zone: ${timeZone}`);
const opts: UnderstandOptions = { reference, timeZone };
const locale = arg('locale');
if (locale) opts.locale = locale as Language;
const bh = arg('business-hours');
if (bh) {
  const m = /^(\d{1,2})-(\d{1,2})$/.exec(bh) ?? fail(`--business-hours must look like 9-18: ${bh}`);
  opts.businessHours = { start: Number(m[1]), end: Number(m[2]) };
}
if (process.argv.includes('--duckling')) opts.duckling = true;

const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
const out: string[] = [];
const flush = (): void => {
  if (out.length) process.stdout.write(out.join(''));
  out.length = 0;
};
rl.on('line', (line) => {
  const u = understand(line, opts);
  out.push(
    JSON.stringify({ text: line, language: u.language, intent: u.intent, confidence: u.confidence, when: u.when }) +
      '\n',
  );
  if (out.length >= 256) flush();
});
rl.on('close', flush);
