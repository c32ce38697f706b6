/**
 * Never a silent turn (issue 9 item 2): every state of every flow — as it runs inside the
 * conversation machine, which holds them all — gets every class of input (a time, a partial time,
 * yes, no, something else, media, an emoji, 4,096 characters, each intent, a shift, a question, a
 * name), read by the real input resolution (src/engine/inputs.ts + NLU). The effects are answered
 * the way the calendar would, and the turn must end with at least one reply that WhatsApp accepts
 * (fitMessage + assertValid, what the senders do) in es, en and pt and every register; an offer of
 * slots is never a message without options.
 */
import { describe, expect, it } from 'vitest';
import { transition, type AnyStateNode } from 'xstate';
import { conversationMachine } from '../../machines/conversation.js';
import { initialContext } from '../../machines/setup.js';
import type {
  BookingSummary,
  ConversationContext,
  ConversationEvent,
  ReplySpec,
  SlotOption,
} from '../../machines/types.js';
import { render } from '../../src/conversation/copy.js';
import { resolveInput } from '../../src/engine/inputs.js';
import { parseKnowledge } from '../../src/knowledge/load.js';
import { assertValid, fitMessage } from '../../src/whatsapp/limits.js';
import type { InboundContent, InboundMessage } from '../../src/whatsapp/types.js';
import { readFileSync } from 'node:fs';

const NOW = new Date('2026-11-25T08:00:00Z'); // Wednesday 09:00 in Madrid
const TZ = 'Europe/Madrid';
const knowledge = parseKnowledge(readFileSync(new URL('../../demo/business.yaml', import.meta.url), 'utf8'));
const slot = (iso: string): SlotOption => ({
  start: new Date(iso).toISOString(),
  end: new Date(Date.parse(iso) + 30 * 60_000).toISOString(),
});
const SLOTS = ['2026-11-26T10:00:00+01:00', '2026-11-26T10:30:00+01:00', '2026-11-26T16:00:00+01:00'].map(slot);
const booking: BookingSummary = {
  uid: 'bk-1',
  start: '2026-11-27T09:00:00.000Z',
  end: '2026-11-27T09:30:00.000Z',
  title: 'Consulta',
};
const HOURS = ([1, 2, 3, 4, 5] as const).map((weekday) => ({ weekday, from: '09:00', to: '18:00' }));

const context = (): ConversationContext => ({
  ...initialContext({ language: 'es', name: 'Ana García', timeZone: TZ, bookingUrl: 'https://cal.example/demo/30min' }),
  request: { start: '2026-11-26T17:00:00+01:00', end: '2026-11-26T17:01:00+01:00', grain: 'minute' },
  offered: SLOTS,
  selected: SLOTS[0]!,
  hold: { reservationUid: 'r-1', until: '2026-11-25T08:05:00.000Z' },
  bookings: [booking],
  target: booking,
  feedbackFor: booking,
  hours: HOURS,
});

const text = (t: string): InboundContent => ({ kind: 'text', text: t });
const INPUTS: Array<[string, InboundContent]> = [
  ['time', text('el jueves a las 17:00')],
  ['partial time', text('a las 5')],
  ['yes', text('sí')],
  ['no', text('no')],
  ['other', text('blablá patatas')],
  ['media', { kind: 'media', mediaType: 'audio', mediaId: 'm-1' } as InboundContent],
  ['emoji', text('😀')],
  ['4096 chars', text('a'.repeat(4096))],
  ['shift later', text('¿no hay nada más tarde?')],
  ['shift other day', text('otro día')],
  ['see more', text('ver más')],
  ['book', text('quiero reservar una cita')],
  ['reschedule', text('quiero cambiar mi cita')],
  ['cancel', text('cancela mi cita')],
  ['confirm', text('confirmo')],
  ['decline', text('déjalo')],
  ['greeting', text('hola')],
  ['thanks', text('gracias')],
  ['help', text('ayuda')],
  ['human', text('quiero hablar con una persona')],
  ['opt out', text('STOP')],
  ['my bookings', text('¿qué citas tengo?')],
  ['question (known)', text('¿cuánto cuesta?')],
  ['question (unknown)', text('¿tenéis wifi para los clientes en la sala?')],
  ['update name', text('me llamo Don Ramón')],
  ['update email', text('mi correo es ana@example.com')],
  ['english', text('what appointments do I have?')],
  ['portuguese', text('quero marcar amanhã às 10')],
  ['slot button', { kind: 'button_reply', id: `v1:slot:2026-11-26T09:30:00Z`, title: 'jue 10:30' }],
  ['expired button', { kind: 'button_reply', id: 'v1:slot:2026-11-20T09:00:00Z', title: 'vie 10:00' }],
  ['reaction', { kind: 'reaction', emoji: '👍', messageId: 'x' } as InboundContent],
];

/**
 * The states where the bot answers. `handoff` is left out on purpose: there a person answers and
 * the bot only forwards (issue 13; its own tests cover it), apart from STOP and "back to the bot".
 */
function leafStates(node: AnyStateNode): string[] {
  const children = Object.values(node.states) as AnyStateNode[];
  if (!children.length) return node.type === 'final' || node.path[0] === 'handoff' ? [] : [node.path.join('.')];
  return children.flatMap(leafStates);
}
const toValue = (path: string): unknown =>
  path.split('.').reduceRight<unknown>((acc, k) => (acc === null ? k : { [k]: acc }), null);

/** What the calendar answers to each effect. */
function answer(effect: { type: string; params?: unknown }, ctx: ConversationContext): ConversationEvent | null {
  switch (effect.type) {
    case 'findSlots':
      return { type: 'SLOTS_LOADED', exact: null, options: SLOTS, widened: false, hours: HOURS };
    case 'holdSlot':
      return { type: 'HOLD_OK', reservationUid: 'r-2', until: '2026-11-25T08:10:00.000Z' };
    case 'createBooking':
      return { type: 'BOOKED', booking };
    case 'rescheduleBooking':
      return { type: 'RESCHEDULED', booking };
    case 'cancelBooking':
      return { type: 'CANCELLED', uid: ctx.target?.uid ?? 'bk-1' };
    case 'confirmAttendance':
      return { type: 'ATTENDANCE_CONFIRMED', uid: ctx.target?.uid ?? 'bk-1' };
    case 'handoff':
      return { type: 'HANDOFF_STARTED', since: NOW.toISOString(), hours: HOURS, openNow: true };
    default:
      return null;
  }
}

/** Runs a turn from `snap` with a text or media message; returns the new snapshot and the rendered replies (es, tú). */
function turn(snap: ReturnType<typeof conversationMachine.resolveState>, content: InboundContent) {
  const message: InboundMessage = { id: 'wamid.x', from: '34600111222', timestamp: NOW.toISOString(), content };
  const { input } = resolveInput(message, {
    reference: NOW,
    timeZone: TZ,
    businessHours: { start: 9, end: 18 },
    lengthMinutes: 30,
    context: snap.context,
    knowledge,
  });
  const texts: string[] = [];
  let queue: ConversationEvent[] = [{ type: 'USER', input, bookings: [booking] }];
  for (let steps = 0; queue.length && steps < 10; steps++) {
    const [next, actions] = transition(conversationMachine, snap, queue.shift()!);
    snap = next;
    for (const a of actions) {
      if (a.type === 'reply') {
        const m = render(a.params as ReplySpec, {
          contact: snap.context.contact,
          timeZone: TZ,
          now: NOW,
          eventTitle: 'Consulta',
          lengthMinutes: 30,
          bookingUrl: 'https://cal.example/demo/30min',
          knowledge,
        });
        texts.push(JSON.stringify(m));
      }
      const ev = answer(a, snap.context);
      if (ev) queue = [...queue, ev];
    }
  }
  return { snap, texts };
}

describe('never the same message twice in a row', () => {
  const MISSES: Array<[string, InboundContent]> = [
    ['other', text('blablá')],
    ['other', text('patatas fritas')],
    ['other', text('qwerty')],
    ['media', { kind: 'media', mediaType: 'audio', mediaId: 'm-1' } as InboundContent],
    ['media', { kind: 'media', mediaType: 'image', mediaId: 'm-2' } as InboundContent],
    ['other', text('zzz')],
  ];
  for (const state of leafStates(conversationMachine.root)) {
    it(`${state}: misses and voice notes in a row`, () => {
      let snap = conversationMachine.resolveState({ value: toValue(state) as never, context: context() });
      const sent: string[] = [];
      for (const [label, content] of MISSES) {
        const r = turn(snap, content);
        snap = r.snap;
        expect(r.texts.length, `${state}: no reply to ${label}`).toBeGreaterThan(0);
        sent.push(...r.texts);
      }
      for (let i = 1; i < sent.length; i++)
        expect(sent[i], `${state}: message ${i} repeats the previous one`).not.toBe(sent[i - 1]);
    });
  }
});

describe('every state answers every kind of message with a sendable reply', () => {
  const states = leafStates(conversationMachine.root);
  it('covers the states of every flow', () => {
    for (const flow of [
      'idle',
      'booking.choosing',
      'booking.confirming',
      'booking.askingName',
      'rescheduling.choosingSlot',
      'cancellation.confirming',
      'feedback.awaitingRating',
    ]) {
      expect(states).toContain(flow);
    }
  });

  for (const state of states) {
    it(`${state}`, () => {
      for (const [label, content] of INPUTS) {
        let snap = conversationMachine.resolveState({ value: toValue(state) as never, context: context() });
        const message: InboundMessage = { id: 'wamid.x', from: '34600111222', timestamp: NOW.toISOString(), content };
        const { input } = resolveInput(message, {
          reference: NOW,
          timeZone: TZ,
          businessHours: { start: 9, end: 18 },
          lengthMinutes: 30,
          context: snap.context,
          knowledge,
        });
        const replies: ReplySpec[] = [];
        let queue: ConversationEvent[] = [{ type: 'USER', input, bookings: [booking] }];
        for (let steps = 0; queue.length && steps < 10; steps++) {
          const [next, actions] = transition(conversationMachine, snap, queue.shift()!);
          snap = next;
          for (const a of actions) {
            if (a.type === 'reply') replies.push(a.params as ReplySpec);
            const ev = answer(a, snap.context);
            if (ev) queue = [...queue, ev];
          }
        }
        expect(replies.length, `${state} + ${label}: no reply`).toBeGreaterThan(0);
        for (const spec of replies) {
          for (const language of ['es', 'en', 'pt'] as const) {
            for (const formality of ['tu', 'vos', 'usted'] as const) {
              const m = render(spec, {
                contact: { ...snap.context.contact, language, formality },
                timeZone: TZ,
                now: NOW,
                eventTitle: 'Consulta',
                lengthMinutes: 30,
                bookingUrl: 'https://cal.example/demo/30min',
                knowledge,
              });
              expect(
                () => assertValid(fitMessage(m)),
                `${state} + ${label} → ${spec.key} (${language}/${formality})`,
              ).not.toThrow();
              if (m.type === 'buttons')
                expect(m.buttons.length, `${state} + ${label} → ${spec.key}: no buttons`).toBeGreaterThan(0);
            }
          }
        }
      }
    });
  }
});
