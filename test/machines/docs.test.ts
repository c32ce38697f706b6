/**
 * The statecharts as designers get them (docs/machines/, written by `npm run machines:export`):
 * fresh, every guard named (no `"guard": null`), and one self-contained visualizer file per
 * machine that imports nothing but xstate's createMachine and draws the same chart as machines/.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AnyStateMachine } from 'xstate';
import { MACHINES, machineFiles, toMermaid, withReadmeBlock } from '../../src/machines-doc.js';

const DOCS = join(import.meta.dirname, '..', '..', 'docs', 'machines');
const STALE = 'docs/machines is stale: run `npm run machines:export` and commit the result';

describe('statechart docs', () => {
  it('docs/machines holds exactly what machines:export writes', () => {
    const files = machineFiles();
    expect(readdirSync(DOCS).sort(), STALE).toEqual(files.map((f) => f.file).sort());
    for (const { file, text } of files) expect(readFileSync(join(DOCS, file), 'utf8'), `${file}: ${STALE}`).toBe(text);
    const readme = readFileSync(join(DOCS, '..', '..', 'README.md'), 'utf8');
    expect(withReadmeBlock(readme), `README.md's diagrams: ${STALE}`).toBe(readme);
  });

  it('names every guard: no "guard": null, every guard shown by its name in the diagrams', () => {
    for (const { file, text } of machineFiles()) {
      expect(text, file).not.toMatch(/"?guard"?\s*:\s*null/);
      expect(text, file).not.toContain('inline guard');
    }
    const booking = machineFiles().find((f) => f.file === 'booking.mmd')!.text;
    // Composite guards are named in setup() (wantsConfirm and hasName and hasEmailIfNeeded → confirmedReady).
    expect(booking).toContain('confirming --> booking: USER [confirmedReady]');
  });

  for (const machine of MACHINES) {
    it(`${machine.id}.stately.ts imports only createMachine from xstate and draws the same chart`, async () => {
      const text = readFileSync(join(DOCS, `${machine.id}.stately.ts`), 'utf8');
      const imports = text.split('\n').filter((line) => /^\s*import\b/.test(line));
      expect(imports).toEqual(["import { createMachine } from 'xstate';"]);
      const pasted = (await import(join(DOCS, `${machine.id}.stately.ts`))) as { machine: AnyStateMachine };
      expect(toMermaid(pasted.machine)).toBe(toMermaid(machine));
    });
  }
});
