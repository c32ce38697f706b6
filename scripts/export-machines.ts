/**
 * Writes every statechart in machines/ as JSON (XState's machine definition) and as a Mermaid
 * state diagram into docs/machines/. `npm run machines:export`; a test fails when they are stale.
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { machineDocs, withReadmeBlock } from '../src/machines-doc.js';

const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'docs', 'machines');
mkdirSync(out, { recursive: true });
for (const doc of machineDocs()) {
  writeFileSync(join(out, `${doc.id}.json`), doc.json);
  writeFileSync(join(out, `${doc.id}.mmd`), doc.mermaid);
  console.log(`docs/machines/${doc.id}.json, docs/machines/${doc.id}.mmd`);
}
const readme = join(out, '..', '..', 'README.md');
writeFileSync(readme, withReadmeBlock(readFileSync(readme, 'utf8')));
console.log('README.md (statechart diagrams)');
