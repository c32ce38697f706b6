/**
 * Cancellation: pick the booking (when there are several) → confirm → cancel on the calendar.
 */
import { alwaysAvailable, conversationSetup as s, keptReply, standaloneContext } from './setup.js';

const kept = keptReply;

export const cancellationStates = s.createStateConfig({
  initial: 'choosingBooking',
  states: {
    choosingBooking: {
      entry: { type: 'reply', params: ({ context }) => ({ key: 'chooseBooking' as const, bookings: context.bookings, purpose: 'cancel' as const }) },
      on: {
        USER: [
          ...alwaysAvailable,
          { guard: 'pickedBooking', target: 'confirming', actions: 'targetOnlyOrPicked' },
          { guard: 'wantsDecline', target: 'done', actions: kept },
          { guard: 'wantsConfirm', target: 'done', actions: kept },
          { guard: 'missedTwice', target: 'done', actions: [{ type: 'reply', params: { key: 'didntUnderstand', misses: 2 } }] },
          { target: 'choosingBooking', reenter: true, actions: 'countMiss' },
        ],
      },
    },
    confirming: {
      entry: { type: 'reply', params: ({ context }) => ({ key: 'confirmCancel' as const, booking: context.target! }) },
      on: {
        USER: [
          ...alwaysAvailable,
          { guard: 'wantsConfirm', target: 'cancelling' },
          { guard: 'wantsCancel', target: 'cancelling' },
          { guard: 'wantsDecline', target: 'done', actions: kept },
          { guard: 'wantsReschedule', target: 'done', actions: kept },
          { guard: 'missedTwice', target: 'done', actions: kept },
          { target: 'confirming', reenter: true, actions: 'countMiss' },
        ],
      },
    },
    cancelling: {
      entry: { type: 'cancelBooking', params: ({ context }) => ({ uid: context.target!.uid, reason: 'Cancelled by the attendee on WhatsApp' }) },
      on: {
        CANCELLED: { target: 'done', actions: { type: 'reply', params: ({ context }) => ({ key: 'cancelled' as const, booking: context.target! }) } },
        CANCEL_FAILED: { target: 'done', actions: { type: 'reply', params: { key: 'calendarDown' } } },
      },
    },
    done: { type: 'final', entry: ['clearTarget', 'resetMisses'] },
  },
});

/** The cancellation flow on its own, for the Stately visualizer and model-based tests. */
export const cancellationMachine = s.createMachine({
  id: 'cancellation',
  context: ({ input }) => standaloneContext(input),
  ...cancellationStates,
});
