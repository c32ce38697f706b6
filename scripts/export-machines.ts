/**
 * Writes every statechart in machines/ into docs/machines/: XState's JSON definition, a Mermaid
 * state diagram, and a self-contained <id>.stately.ts to paste into the Stately visualizer; and
 * the README's diagram block. `npm run machines:export`; test/machines/docs.test.ts fails when
 * any of them is stale. Files of machines that no longer exist are removed.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { machineFiles, withReadmeBlock } from '../src/machines-doc.js';

const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'machines');
mkdirSync(out, { recursive: true });
const files = machineFiles();
for (const { file, text } of files) {
  writeFileSync(join(out, file), text);
  console.log(`docs/machines/${file}`);
}
const wanted = new Set(files.map((f) => f.file));
for (const file of readdirSync(out)) {
  if (!wanted.has(file)) {
    rmSync(join(out, file));
    console.log(`docs/machines/${file} (removed: no such machine)`);
  }
}
const readme = join(out, '..', '..', 'README.md');
writeFileSync(readme, withReadmeBlock(readFileSync(readme, 'utf8')));
console.log('README.md (statechart diagrams)');
