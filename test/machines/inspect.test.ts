/**
 * Live inspection (INSPECT=1): the step mirror replays the engine's steps on no-op actors wired to
 * an inspect observer. With INSPECT off nothing is created and @statelyai/inspect isn't loaded.
 */
import { networkInterfaces } from 'node:os';
import { afterEach, describe, expect, it, vi } from 'vitest';
import pino from 'pino';
import { transition, type AnyMachineSnapshot, type InspectedSnapshotEvent, type InspectionEvent } from 'xstate';
import { conversationMachine } from '../../machines/conversation.js';
import type { ConversationEvent } from '../../machines/types.js';
import {
  createStepMirror,
  inertConversationMachine,
  redactContext,
  startInspection,
} from '../../src/engine/inspect.js';
import { freshSnapshot, restoreSnapshot, serialize, type ConversationSnapshot } from '../../src/engine/snapshots.js';
import { startHarness } from '../support/harness.js';

const isSnapshotEvent = (e: InspectionEvent): e is InspectedSnapshotEvent => e.type === '@xstate.snapshot';

const loaded = vi.hoisted(() => ({ modules: [] as string[], inspected: [] as unknown[] }));

vi.mock('@statelyai/inspect', () => {
  loaded.modules.push('@statelyai/inspect');
  return {
    createWebSocketInspector: (options: { url: string; sanitizeContext?: (c: unknown) => unknown }) => ({
      url: options.url,
      inspect: (e: InspectionEvent) =>
        loaded.inspected.push(
          e.type === '@xstate.snapshot'
            ? {
                type: e.type,
                context: options.sanitizeContext?.('context' in e.snapshot ? e.snapshot.context : undefined),
              }
            : { type: e.type },
        ),
      stop: () => {},
    }),
  };
});
const slot = { start: '2026-11-26T16:00:00.000Z', end: '2026-11-26T16:30:00.000Z' };
const book = (): ConversationEvent => ({
  type: 'USER',
  input: { intent: 'book', when: null, text: 'quiero una cita' },
  bookings: [],
});
const STEPS: ConversationEvent[] = [
  book(),
  { type: 'SLOTS_LOADED', exact: null, options: [slot], widened: false },
  { type: 'USER', input: { intent: 'book', when: null, text: 'v1:slot', slot }, bookings: [] },
];

/** Runs `events` like the engine does (pure transition), calling the mirror before each next snapshot is kept. */
function drive(
  mirror: (id: string, s: ConversationSnapshot, e: ConversationEvent) => void,
  contactId: string,
  events: ConversationEvent[],
  start = freshSnapshot({ language: 'es', name: 'Ana García' }),
) {
  let snap = start;
  for (const event of events) {
    const [next] = transition(conversationMachine, snap, event);
    mirror(contactId, snap, event);
    snap = next;
  }
  return snap;
}

describe('live inspection', () => {
  afterEach(() => {
    loaded.inspected.length = 0;
  });

  it('INSPECT off: nothing created, @statelyai/inspect is never imported, even over a whole conversation', async () => {
    expect(await startInspection({ enabled: false, logger: pino({ level: 'silent' }) })).toBeNull();
    const h = await startHarness({ provider: 'demo' });
    try {
      expect(h.reserva.config.inspect).toBe(false);
      const [offer] = await h.say('34600111222', 'Quiero una cita mañana a las 17:00');
      expect(offer!.type).toBe('buttons');
    } finally {
      await h.close();
    }
    expect(loaded.modules).toEqual([]);
  });

  it('the inspected machine runs every effect as a no-op and keeps the context assignments', () => {
    const inert = inertConversationMachine();
    const original = (conversationMachine.implementations as { actions: Record<string, unknown> }).actions;
    const provided = (inert.implementations as { actions: Record<string, unknown> }).actions;
    for (const effect of ['reply', 'findSlots', 'holdSlot', 'createBooking', 'cancelBooking', 'optOut', 'handoff'])
      expect(provided[effect]).not.toBe(original[effect]);
    for (const assigning of ['rememberBookings', 'rememberRequest', 'markTaken'])
      expect(provided[assigning]).toBe(original[assigning]);
  });

  it("the mirror feeds each step's event and resulting state to the inspect observer, on one actor per contact", () => {
    const seen: InspectionEvent[] = [];
    const m = createStepMirror((e) => seen.push(e));
    const last = drive(m.mirror, 'c1', STEPS);

    const events = seen
      .filter((e) => e.type === '@xstate.event')
      .map((e) => (e as { event: { type: string } }).event.type);
    // init: the actor starting from the restored snapshot
    expect(events).toEqual(['xstate.init', ...STEPS.map((e) => e.type)]);
    const snapshots = seen.filter(isSnapshotEvent).map((e) => ('value' in e.snapshot ? e.snapshot.value : undefined));
    expect(snapshots.at(-1)).toEqual(last.value);
    // One actor, created once, named after the contact.
    const actors = seen.filter((e) => e.type === '@xstate.actor');
    expect(actors).toHaveLength(1);
    const actor = actors[0]?.actorRef;
    expect(actor && 'id' in actor ? actor.id : undefined).toBe('conversation c1');
    expect(new Set(seen.map((e) => e.actorRef.sessionId)).size).toBe(1);
    expect(m.size()).toBe(1);
    m.stop();
    expect(m.size()).toBe(0);
  });

  it('replaces the actor from its snapshot if the engine stepped from another state (restart, timeout, retry)', () => {
    const seen: InspectionEvent[] = [];
    const m = createStepMirror((e) => seen.push(e));
    drive(m.mirror, 'c1', STEPS.slice(0, 1));
    // The engine restarted the conversation (e.g. another machine version) and steps from idle again.
    const restored = restoreSnapshot(
      { snapshot: serialize(freshSnapshot({ language: 'en' })), machineVersion: -1 },
      { language: 'en' },
    ).snapshot;
    drive(m.mirror, 'c1', [book()], restored);
    const actors = seen.filter((e) => e.type === '@xstate.actor');
    expect(actors).toHaveLength(2);
    const last = seen.filter(isSnapshotEvent).at(-1)?.snapshot as AnyMachineSnapshot | undefined;
    expect(last?.value).toEqual({ booking: 'searching' });
    expect(last?.context.contact.language).toBe('en');
  });

  it('keeps at most `max` actors (least recently used dropped)', () => {
    const m = createStepMirror(() => {}, { max: 2 });
    for (const id of ['a', 'b', 'c']) drive(m.mirror, id, [book()]);
    expect(m.size()).toBe(2);
  });

  it('never throws, whatever the observer or the snapshot do, and never touches the engine’s snapshot', () => {
    const errors: unknown[] = [];
    const m = createStepMirror(
      () => {
        throw new Error('inspector down');
      },
      { onError: (err) => errors.push(err) },
    );
    const before = freshSnapshot({ language: 'es' });
    const copy = JSON.stringify(before.context);
    expect(() => m.mirror('c1', before, book())).not.toThrow();
    expect(() => m.mirror('c2', { value: 'nowhere', context: null } as never, book())).not.toThrow();
    expect(JSON.stringify(before.context)).toBe(copy);
    expect(errors.length).toBeGreaterThan(0);
  });

  it('INSPECT on: loads, bridge on 127.0.0.1 only, URL logged, steps mirrored (names redacted), stops', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, { write: (l: string) => lines.push(l) });
    const port = 28000 + Math.floor(Math.random() * 2000);
    const inspection = await startInspection({ enabled: true, logger, port });
    expect(inspection).not.toBeNull();
    expect(loaded.modules.sort()).toEqual(['@statelyai/inspect']);
    expect(inspection!.url).toBe(`http://localhost:${port}`);
    expect(lines.some((l) => l.includes(`Stately inspector: open http://localhost:${port}`))).toBe(true);

    // The bridge page answers on loopback; on any other interface of this machine nothing listens.
    const page = await fetch(`http://127.0.0.1:${port}/`);
    expect(await page.text()).toContain('stately.ai/inspect');
    const external = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
    if (external) await expect(fetch(`http://${external}:${port}/`)).rejects.toThrow();

    drive(inspection!.mirror, 'c1', STEPS.slice(0, 2));
    await vi.waitFor(() =>
      expect(loaded.inspected.filter((e) => (e as { type: string }).type === '@xstate.event')).toHaveLength(3),
    ); // xstate.init + 2
    const snap = loaded.inspected.find((e) => (e as { type: string }).type === '@xstate.snapshot') as {
      context: { contact: { name: string } };
    };
    expect(snap.context.contact.name).toBe('[redacted]');

    await inspection!.stop();
    await vi.waitFor(async () =>
      expect(
        await fetch(`http://127.0.0.1:${port}/`).then(
          () => 'open',
          () => 'closed',
        ),
      ).toBe('closed'),
    );
  });

  it('redacts the contact’s name and e-mail only', () => {
    const ctx = freshSnapshot({ language: 'pt', name: 'João', formality: 'tu' }).context;
    expect(redactContext(ctx).contact).toEqual({ language: 'pt', name: '[redacted]', formality: 'tu' });
    expect(ctx.contact.name).toBe('João');
  });
});
