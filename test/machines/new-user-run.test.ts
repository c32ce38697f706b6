/**
 * New-user run, in the flows: a question about cancelling while choosing a slot is answered from the
 * knowledge file and the slots are offered again (it used to drop the booking: "De acuerdo, no
 * reservo nada"); "quiero confirmar el cambio al miércoles" while a move is on the table looks for
 * Wednesday instead of moving to the slot on the table.
 */
import { describe, expect, it } from 'vitest';
import { transition } from 'xstate';
import { readFileSync } from 'node:fs';
import { conversationMachine } from '../../machines/conversation.js';
import { initialContext } from '../../machines/setup.js';
import type { BookingSummary, ConversationContext, SlotOption } from '../../machines/types.js';
import { resolveInput } from '../../src/engine/inputs.js';
import { parseKnowledge } from '../../src/knowledge/load.js';

const NOW = new Date('2026-11-25T08:00:00Z'); // Wednesday 09:00 in Madrid
const TZ = 'Europe/Madrid';
const knowledge = parseKnowledge(readFileSync(new URL('../../demo/business.yaml', import.meta.url), 'utf8'));
const SLOTS: SlotOption[] = [
  { start: '2026-11-26T09:00:00.000Z', end: '2026-11-26T09:30:00.000Z' },
  { start: '2026-11-26T15:00:00.000Z', end: '2026-11-26T15:30:00.000Z' },
];
const booking: BookingSummary = { uid: 'bk-1', start: '2026-11-27T09:00:00.000Z', end: '2026-11-27T09:30:00.000Z' };

function at(value: object, extra: Partial<ConversationContext>) {
  const context: ConversationContext = {
    ...initialContext({ language: 'es', name: 'Ana', timeZone: TZ }),
    offered: SLOTS,
    ...extra,
  };
  return conversationMachine.resolveState({ value: value as never, context });
}

function say(snap: ReturnType<typeof at>, text: string) {
  const { input } = resolveInput(
    { id: 'wamid.x', from: '34600111222', timestamp: NOW.toISOString(), content: { kind: 'text', text } },
    {
      reference: NOW,
      timeZone: TZ,
      businessHours: { start: 9, end: 18 },
      lengthMinutes: 30,
      context: snap.context,
      knowledge,
    },
  );
  const [next, actions] = transition(conversationMachine, snap, { type: 'USER', input, bookings: [booking] });
  return { next, actions: actions as { type: string; params?: Record<string, unknown> }[] };
}

describe('a question about cancelling while choosing a slot', () => {
  it.each([
    'Si luego no puedo ir, ¿me cobran algo por cancelar?',
    '¿se puede cambiar la cita luego?',
    '¿hasta cuándo puedo cancelar?',
  ])('%s: answered with the policy, the slots offered again', (text) => {
    const { next, actions } = say(at({ booking: 'choosing' }, {}), text);
    expect(next.value).toEqual({ booking: 'choosing' });
    const replies = actions.filter((a) => a.type === 'reply').map((a) => a.params);
    expect(replies[0]).toMatchObject({ key: 'businessAnswer', topic: 'cancellation_policy' });
    expect(replies.length).toBe(2);
  });
});

describe('confirming a change with a day while a move is on the table', () => {
  it('"perdón, me equivoqué. quiero confirmar el cambio al miércoles" looks for Wednesday', () => {
    const snap = at({ rescheduling: 'confirming' }, { target: booking, bookings: [booking], selected: SLOTS[0]! });
    const { next, actions } = say(snap, 'perdón, me equivoqué. quiero confirmar el cambio al miércoles');
    expect(next.value).toEqual({ rescheduling: 'searching' });
    expect(actions.map((a) => a.type)).not.toContain('rescheduleBooking');
    expect(next.context.request?.start.slice(0, 10)).toBe('2026-12-02');
  });

  it('"confirmo el cambio" with no day moves to the slot on the table', () => {
    const snap = at({ rescheduling: 'confirming' }, { target: booking, bookings: [booking], selected: SLOTS[0]! });
    const { next } = say(snap, 'confirmo el cambio');
    expect(next.value).toEqual({ rescheduling: 'moving' });
  });
});
