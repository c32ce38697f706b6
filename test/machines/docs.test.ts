/**
 * The statecharts as designers get them (docs/machines/, written by `npm run machines:export`):
 * fresh, every guard named (no `"guard": null`), and one self-contained visualizer file per
 * machine that imports nothing but xstate's createMachine and draws the same chart as machines/.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { AnyStateMachine, AnyStateNode } from 'xstate';
import { cancellationMachine } from '../../machines/cancellation.js';
import { reschedulingMachine } from '../../machines/rescheduling.js';
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

  it('cancellation and rescheduling: no two transitions in a row doing the same — one named guard each', () => {
    // Like the booking flow's dropsBooking: "no" / "mantenla" / "cancela" leading to the same step
    // are one transition whose guard says so, so the diagram shows one arrow per outcome.
    const twins: string[] = [];
    const ids = (t: { target?: readonly AnyStateNode[] }) => (t.target ?? []).map((n) => n.id).join();
    const guard = (t: { guard?: unknown }) => (t.guard as { type?: string } | undefined)?.type ?? String(t.guard);
    const walk = (node: AnyStateNode) => {
      for (const [event, list] of node.transitions) {
        for (let i = 1; i < list.length; i++) {
          const [a, b] = [list[i - 1]!, list[i]!];
          const same =
            ids(a) === ids(b) &&
            a.reenter === b.reenter &&
            a.actions.length === b.actions.length &&
            a.actions.every((x, k) => x === b.actions[k]);
          if (same) twins.push(`${node.id} ${event}: ${guard(a)} and ${guard(b)}`);
        }
      }
      for (const child of Object.values(node.states)) walk(child);
    };
    for (const machine of [cancellationMachine, reschedulingMachine] as AnyStateMachine[]) walk(machine.root);
    expect(twins).toEqual([]);
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
