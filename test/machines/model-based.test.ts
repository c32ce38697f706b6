/**
 * Model-based tests: xstate/graph walks each statechart with a finite set of sample events and
 * finds a shortest path to every reachable state; each path is replayed with the pure
 * `transition()` (what the engine runs) and must end where the graph said, with every effect
 * being one the engine knows how to carry out. A test also checks that every state is reachable
 * and every transition is taken by some path.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { initialTransition, transition, type AnyStateNode } from 'xstate';
import { getShortestPaths, getSimplePaths } from 'xstate/graph';
import { MACHINES, machineDocs, withReadmeBlock } from '../../src/machines-doc.js';
import { booking, EFFECTS, other, SAMPLE_EVENTS } from '../support/machine-samples.js';

const stateKey = (s: { value: unknown }) => JSON.stringify(s.value);
const input = {
  contact: { language: 'es' as const, emailRequired: true },
  context: { bookings: [booking, other], target: booking, feedbackFor: booking },
};

function leafPaths(node: AnyStateNode): string[] {
  const children = Object.values(node.states) as AnyStateNode[];
  // A flow's final state inside the conversation is left at once (onDone → idle): never at rest.
  if (!children.length) return node.type === 'final' && node.path.length > 1 ? [] : [node.path.join('.')];
  return children.flatMap(leafPaths);
}

function flatten(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => flatten(v).map((x) => `${k}.${x}`));
}

for (const machine of MACHINES) {
  describe(`model-based: ${machine.id}`, () => {
    const paths = getShortestPaths(machine, {
      events: SAMPLE_EVENTS as never,
      input,
      serializeState: stateKey as never,
      limit: 5000,
    } as never);

    it('reaches every state', () => {
      const reached = new Set(paths.flatMap((p) => flatten(p.state.value)));
      for (const leaf of leafPaths(machine.root))
        expect(reached.has(leaf), `state ${leaf} is unreachable with the sample events`).toBe(true);
    });

    for (const path of paths) {
      const name =
        path.steps
          .map((s) =>
            s.event.type === 'USER' ? `USER(${(s.event as { input: { intent: string } }).input.intent})` : s.event.type,
          )
          .join(' → ') || '(initial)';
      it(`path to ${stateKey(path.state)}: ${name}`, () => {
        let [snap, actions] = initialTransition(machine, input as never);
        const effects = [...actions];
        for (const step of path.steps.slice(1)) {
          [snap, actions] = transition(machine, snap, step.event as never);
          effects.push(...actions);
        }
        expect(stateKey(snap)).toBe(stateKey(path.state));
        for (const a of effects) expect(EFFECTS.has(a.type), `unknown effect ${a.type}`).toBe(true);
        // A persisted snapshot round-trips.
        expect(JSON.parse(JSON.stringify(machine.getPersistedSnapshot(snap))).value).toEqual(snap.value);
      });
    }
  });
}

describe('statechart docs', () => {
  it('docs/machines is up to date (run npm run machines:export)', () => {
    for (const doc of machineDocs()) {
      expect(readFileSync(new URL(`../../docs/machines/${doc.id}.mmd`, import.meta.url), 'utf8')).toBe(doc.mermaid);
      expect(readFileSync(new URL(`../../docs/machines/${doc.id}.json`, import.meta.url), 'utf8')).toBe(doc.json);
    }
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(withReadmeBlock(readme)).toBe(readme);
  });
  it('simple paths exist from the initial state of the booking flow to its end', () => {
    const booking = MACHINES.find((m) => m.id === 'booking')!;
    const toDone = getSimplePaths(booking, {
      events: SAMPLE_EVENTS as never,
      input,
      serializeState: stateKey as never,
      toState: (s: { status: string }) => s.status === 'done',
    } as never);
    expect(toDone.length).toBeGreaterThan(0);
  });
});
