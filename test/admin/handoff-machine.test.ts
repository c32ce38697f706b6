/**
 * The `handoff` state of the conversation statechart, on the pure machine: asking for a person
 * from every state that waits for the person hands off (after the flow ends), and while handed
 * off only STOP and "back to the bot" get an answer.
 */
import { describe, expect, it } from 'vitest';
import { getNextSnapshot, transition, type SnapshotFrom } from 'xstate';
import { conversationMachine } from '../../machines/conversation.js';
import type { ConversationEvent, Intent } from '../../machines/types.js';
import { stateName } from '../../src/engine/snapshots.js';
import { standaloneContext } from '../../machines/setup.js';

type Snap = SnapshotFrom<typeof conversationMachine>;
const user = (intent: Intent, extra: object = {}): ConversationEvent => ({
  type: 'USER',
  input: { intent, when: null, text: intent, ...extra },
  bookings: [],
});

/** Every state that waits for the person's message: each has a USER transition. */
function waitingStates(): string[] {
  const out: string[] = [];
  const walk = (node: {
    key: string;
    path: string[];
    states: Record<string, unknown>;
    on: Record<string, unknown>;
    type: string;
  }) => {
    const children = Object.values(node.states) as Array<typeof node>;
    if (!children.length && node.on['USER'] && node.path.length) out.push(node.path.join('.'));
    children.forEach(walk);
  };
  walk(conversationMachine.root as never);
  return out;
}

function at(path: string): Snap {
  const value = path
    .split('.')
    .reduceRight<unknown>((acc, key) => (acc === undefined ? key : { [key]: acc }), undefined);
  return conversationMachine.resolveState({ value: value as never, context: standaloneContext() });
}

function actionsOf(snapshot: Snap, event: ConversationEvent) {
  const [next, actions] = transition(conversationMachine, snapshot, event);
  return { next, effects: actions.map((a) => ({ type: a.type, params: a.params })) };
}

describe('handoff state', () => {
  const states = waitingStates();

  it('covers every flow', () => {
    const flows = new Set(states.map((s) => s.split('.')[0]));
    for (const f of ['idle', 'booking', 'rescheduling', 'cancellation', 'feedback']) expect(flows).toContain(f);
    expect(states.length).toBeGreaterThan(12);
  });

  for (const path of waitingStates().filter((s) => s !== 'handoff')) {
    it(`asking for a person in ${path} hands off`, () => {
      const { next, effects } = actionsOf(at(path), user('human'));
      expect(stateName(next.value)).toBe('handoff');
      // Staff are notified once (the `handoff` effect); the person is told when it reports back.
      expect(effects.filter((e) => e.type === 'handoff')).toEqual([{ type: 'handoff', params: { reason: 'asked' } }]);
      expect(effects.filter((e) => e.type === 'reply')).toEqual([]);
      expect(next.context.handoff).toEqual({ reason: 'asked', since: null });
    });
  }

  it('while handed off: silence for anything else, STOP and resume_bot answered, staff and timeout release', () => {
    const handed = getNextSnapshot(conversationMachine, at('idle'), user('human'));
    const started = getNextSnapshot(conversationMachine, handed, {
      type: 'HANDOFF_STARTED',
      since: '2026-11-25T08:00:00.000Z',
      hours: [],
      openNow: true,
    });
    expect(started.context.handoff?.since).toBe('2026-11-25T08:00:00.000Z');
    for (const intent of ['book', 'cancel', 'greeting', 'human', 'unknown', 'confirm'] as const) {
      expect(stateName(getNextSnapshot(conversationMachine, started, user(intent)).value)).toBe('handoff');
    }
    expect(stateName(getNextSnapshot(conversationMachine, started, { type: 'SESSION_TIMEOUT' }).value)).toBe('handoff');
    expect(
      stateName(
        getNextSnapshot(conversationMachine, started, {
          type: 'FEEDBACK_REQUESTED',
          booking: { uid: 'b', start: '2026-11-26T10:00:00Z', end: '2026-11-26T10:30:00Z' },
        }).value,
      ),
    ).toBe('handoff');
    expect(stateName(getNextSnapshot(conversationMachine, started, user('opt_out')).value)).toBe('idle');
    expect(stateName(getNextSnapshot(conversationMachine, started, user('resume_bot')).value)).toBe('idle');
    expect(
      stateName(getNextSnapshot(conversationMachine, started, { type: 'STAFF_RELEASED', via: 'admin' }).value),
    ).toBe('idle');
    expect(
      stateName(
        getNextSnapshot(conversationMachine, started, { type: 'HANDOFF_TIMEOUT', since: '2026-11-25T08:00:00.000Z' })
          .value,
      ),
    ).toBe('idle');
    expect(
      stateName(
        getNextSnapshot(conversationMachine, started, { type: 'HANDOFF_TIMEOUT', since: '2026-11-24T08:00:00.000Z' })
          .value,
      ),
    ).toBe('handoff');
    expect(
      getNextSnapshot(conversationMachine, started, { type: 'STAFF_RELEASED', via: 'admin' }).context.handoff,
    ).toBeNull();
  });

  it('staff taking over or writing first hands off from anywhere', () => {
    for (const path of ['idle', 'booking.choosing', 'cancellation.confirming']) {
      expect(stateName(getNextSnapshot(conversationMachine, at(path), { type: 'STAFF_TOOK_OVER' }).value)).toBe(
        'handoff',
      );
      const wrote = getNextSnapshot(conversationMachine, at(path), {
        type: 'STAFF_MESSAGE',
        text: 'Hola',
        via: 'admin',
      });
      expect(stateName(wrote.value)).toBe('handoff');
      expect(wrote.context.handoff?.reason).toBe('staff');
    }
  });
});
