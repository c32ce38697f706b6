/**
 * Rescheduling: pick the booking (when there are several) → find a new time → confirm → move it.
 * Entered at `choosingBooking` or, when the booking is known, at `searching`.
 */
import { and } from 'xstate';
import { alwaysAvailable, conversationSetup as s, keptReply, standaloneContext } from './setup.js';
import type { BookingSummary, ConversationContext } from './types.js';

const offer = {
  type: 'reply',
  params: ({ context }: { context: ConversationContext }) => ({
    key: 'offerSlots' as const,
    requested: context.request,
    options: context.offered,
    taken: context.taken,
    widened: false,
    purpose: 'reschedule' as const,
  }),
} as const;
const kept = keptReply;

export const reschedulingStates = s.createStateConfig({
  initial: 'choosingBooking',
  states: {
    choosingBooking: {
      entry: { type: 'reply', params: ({ context }) => ({ key: 'chooseBooking' as const, bookings: context.bookings, purpose: 'reschedule' as const }) },
      on: {
        USER: [
          ...alwaysAvailable,
          { guard: and(['pickedBooking', 'saidWhen']), target: 'searching', actions: ['targetOnlyOrPicked', 'rememberRequest'] },
          { guard: 'pickedBooking', target: 'searching', actions: 'targetOnlyOrPicked' },
          { guard: 'wantsCancel', target: 'done', actions: kept },
          { guard: 'wantsDecline', target: 'done', actions: kept },
          { guard: 'missedTwice', target: 'done', actions: [{ type: 'reply', params: { key: 'didntUnderstand', misses: 2 } }] },
          { target: 'choosingBooking', reenter: true, actions: 'countMiss' },
        ],
      },
    },
    searching: {
      entry: { type: 'findSlots', params: ({ context }) => ({ when: context.request, purpose: 'reschedule' as const }) },
      on: {
        SLOTS_LOADED: [
          { guard: 'exactIsFree', target: 'confirming', actions: ['rememberOffer', 'selectExact'] },
          { guard: 'hasOptions', target: 'choosingSlot', actions: ['rememberOffer', offer] },
          { target: 'choosingSlot', actions: ['rememberOffer', { type: 'reply', params: ({ context }) => ({ key: 'noSlots' as const, requested: context.request }) }] },
        ],
        SLOTS_FAILED: { target: 'done', actions: { type: 'reply', params: { key: 'calendarDown' } } },
      },
    },
    choosingSlot: {
      on: {
        USER: [
          ...alwaysAvailable,
          { guard: 'pickedSlot', target: 'confirming', actions: ['selectPicked', 'resetMisses'] },
          { guard: 'saidWhen', target: 'searching', actions: ['rememberRequest', 'resetMisses'] },
          { guard: 'wantsCancel', target: 'done', actions: kept },
          { guard: 'wantsDecline', target: 'done', actions: kept },
          { guard: 'missedTwice', target: 'done', actions: [{ type: 'reply', params: { key: 'didntUnderstand', misses: 2 } }] },
          { actions: ['countMiss', offer] },
        ],
      },
    },
    confirming: {
      entry: { type: 'reply', params: ({ context }) => ({ key: 'confirmReschedule' as const, from: context.target!, to: context.selected! }) },
      on: {
        USER: [
          ...alwaysAvailable,
          { guard: 'wantsConfirm', target: 'moving' },
          { guard: 'pickedSlot', target: 'confirming', reenter: true, actions: 'selectPicked' },
          { guard: 'saidWhen', target: 'searching', actions: 'rememberRequest' },
          { guard: 'wantsDecline', target: 'choosingSlot', actions: offer },
          { guard: 'wantsCancel', target: 'done', actions: kept },
          { target: 'confirming', reenter: true, actions: 'countMiss' },
        ],
      },
    },
    moving: {
      entry: { type: 'rescheduleBooking', params: ({ context }) => ({ uid: context.target!.uid, slot: context.selected! }) },
      on: {
        RESCHEDULED: {
          target: 'done',
          actions: { type: 'reply', params: ({ event }) => ({ key: 'rescheduled' as const, booking: (event as { booking: BookingSummary }).booking }) },
        },
        RESCHEDULE_FAILED: [
          { guard: 'slotTaken', target: 'searching', actions: 'markTaken' },
          { guard: 'bookingRefused', target: 'done', actions: { type: 'reply', params: ({ event }) => ({ key: 'bookingRefused' as const, reason: (event as { reason: import('./types.js').RefusalReason }).reason }) } },
          { target: 'done', actions: { type: 'reply', params: { key: 'calendarDown' } } },
        ],
      },
    },
    done: { type: 'final', entry: ['clearRequest', 'clearTarget', 'resetMisses'] },
  },
});

/** The rescheduling flow on its own, for the Stately visualizer and model-based tests. */
export const reschedulingMachine = s.createMachine({
  id: 'rescheduling',
  context: ({ input }) => standaloneContext(input),
  ...reschedulingStates,
});
