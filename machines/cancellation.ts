/**
 * Cancellation: pick the booking (when there are several) → confirm → cancel on the calendar.
 */
import {
  alwaysAvailable,
  conversationSetup as s,
  keptReply,
  missesReenter,
  onUser,
  sideTalkReenter,
  standaloneContext,
} from './setup.js';

const kept = keptReply;

export const cancellationStates = s.createStateConfig({
  initial: 'choosingBooking',
  states: {
    choosingBooking: {
      entry: {
        type: 'reply',
        params: ({ context }) => ({
          key: 'chooseBooking' as const,
          bookings: context.bookings,
          purpose: 'cancel' as const,
        }),
      },
      on: {
        USER: onUser([
          ...alwaysAvailable,
          { guard: 'pickedBooking', target: 'confirming', actions: ['targetOnlyOrPicked', 'resetMisses'] },
          { guard: 'keepsBooking', target: 'done', actions: kept },
          // Issue 9 (session 3): a yes to "which one?" is no choice: ask again, clearly.
          {
            guard: 'wantsConfirm',
            target: 'choosingBooking',
            reenter: true,
            actions: { type: 'reply', params: { key: 'pickBookingFirst', purpose: 'cancel' } },
          },
          ...sideTalkReenter('choosingBooking'),
          ...missesReenter('choosingBooking'),
        ]),
      },
    },
    confirming: {
      entry: { type: 'reply', params: ({ context }) => ({ key: 'confirmCancel' as const, booking: context.target! }) },
      on: {
        USER: onUser([
          ...alwaysAvailable,
          { guard: 'confirmsCancel', target: 'cancelling' },
          // "no, mantenla" / "keep my appointment" / "mejor la cambio": the booking stays.
          { guard: 'keepsBookingOrMoves', target: 'done', actions: kept },
          ...sideTalkReenter('confirming'),
          ...missesReenter('confirming'),
        ]),
      },
    },
    cancelling: {
      entry: {
        type: 'cancelBooking',
        params: ({ context }) => ({ uid: context.target!.uid, reason: 'Cancelled by the attendee on WhatsApp' }),
      },
      on: {
        CANCELLED: {
          target: 'done',
          actions: {
            type: 'reply',
            params: ({ context }) => ({ key: 'cancelled' as const, booking: context.target! }),
          },
        },
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
