/**
 * Rescheduling: pick the booking (when there are several) → find a new time → confirm → move it.
 * Entered at `choosingBooking` or, when the booking is known, at `searching`.
 *
 * As in booking, a follow-up time is completed from the table: "¿puedo cambiar mi cita al viernes?"
 * then "a las 5" is Friday 17:00; a bare time with nothing else on the table keeps the day of the
 * booking being moved.
 */
import { closedReply, noSlotsReply, refusedReply, slotsReply } from './booking.js';
import {
  alwaysAvailable,
  conversationSetup as s,
  keptReply,
  missesReenter,
  offerAgain,
  onUser,
  sideTalk,
  sideTalkReenter,
  standaloneContext,
  stuckReply,
} from './setup.js';
import type { BookingSummary } from './types.js';

const kept = keptReply;

export const reschedulingStates = s.createStateConfig({
  initial: 'choosingBooking',
  states: {
    choosingBooking: {
      entry: {
        type: 'reply',
        params: ({ context }) => ({
          key: 'chooseBooking' as const,
          bookings: context.bookings,
          purpose: 'reschedule' as const,
        }),
      },
      on: {
        USER: onUser([
          ...alwaysAvailable,
          { guard: 'pickedBookingAndWhen', target: 'searching', actions: ['targetOnlyOrPicked', 'rememberRequest'] },
          { guard: 'pickedBooking', target: 'searching', actions: 'targetOnlyOrPicked' },
          { guard: 'dropsMove', target: 'done', actions: kept },
          // Issue 9 (session 3): a yes to "which one?" is no choice: ask again, clearly.
          {
            guard: 'wantsConfirm',
            target: 'choosingBooking',
            reenter: true,
            actions: { type: 'reply', params: { key: 'pickBookingFirst', purpose: 'reschedule' } },
          },
          ...sideTalkReenter('choosingBooking'),
          ...missesReenter('choosingBooking'),
        ]),
      },
    },
    searching: {
      entry: {
        type: 'findSlots',
        params: ({ context }) => ({
          when: context.request,
          purpose: 'reschedule' as const,
          ...(context.declined.length ? { exclude: context.declined } : {}),
        }),
      },
      on: {
        SLOTS_LOADED: [
          { guard: 'exactIsFree', target: 'confirming', actions: ['rememberOffer', 'selectExact'] },
          { guard: 'requestClosed', target: 'choosingSlot', actions: ['rememberOffer', closedReply] },
          { guard: 'hasOptions', target: 'choosingSlot', actions: ['rememberOffer', slotsReply('reschedule')] },
          { target: 'choosingSlot', actions: ['rememberOffer', noSlotsReply] },
        ],
        SLOTS_FAILED: { target: 'done', actions: { type: 'reply', params: { key: 'calendarDown' } } },
      },
    },
    choosingSlot: {
      on: {
        USER: onUser([
          ...alwaysAvailable,
          { guard: 'sentMediaAgain', actions: [stuckReply, 'resetMisses'] },
          { guard: 'sentMedia', actions: ['countMediaMiss', offerAgain('reschedule', 'media')] },
          { guard: 'tappedExpired', actions: offerAgain('reschedule') },
          { guard: 'pickedSlot', target: 'confirming', actions: ['selectPicked', 'resetMisses'] },
          { guard: 'saidWhenOrShift', target: 'searching', actions: ['rememberRequest', 'resetMisses'] },
          ...sideTalk([offerAgain('reschedule')]),
          // "déjala como estaba" / "keep it as it was" while choosing: the booking stays (new-user run).
          { guard: 'dropsMoveOrKeeps', target: 'done', actions: kept },
          { guard: 'wantsChange', target: 'searching', actions: ['forgetRequest', 'resetMisses'] },
          { guard: 'acknowledged', actions: offerAgain('reschedule') },
          { guard: 'missedTwice', actions: [stuckReply, 'resetMisses'] },
          { actions: ['countMiss', offerAgain('reschedule', 'miss')] },
        ]),
      },
    },
    confirming: {
      entry: {
        type: 'reply',
        params: ({ context }) => ({ key: 'confirmReschedule' as const, from: context.target!, to: context.selected! }),
      },
      on: {
        USER: onUser([
          ...alwaysAvailable,
          { guard: 'wantsKeep', target: 'done', actions: kept },
          { guard: 'wantsConfirm', target: 'moving', actions: 'resetMisses' },
          { guard: 'pickedSlot', target: 'confirming', reenter: true, actions: 'selectPicked' },
          { guard: 'saidWhenOrShift', target: 'searching', actions: 'rememberRequest' },
          ...sideTalkReenter('confirming'),
          // "Otra hora" / "no": other times, never an empty offer.
          { guard: 'declinedWithoutOffers', target: 'searching', actions: 'declineSelected' },
          { guard: 'declinedOrChanged', target: 'choosingSlot', actions: offerAgain('reschedule') },
          { guard: 'wantsCancel', target: 'done', actions: kept },
          ...missesReenter('confirming'),
        ]),
      },
    },
    moving: {
      entry: {
        type: 'rescheduleBooking',
        params: ({ context }) => ({ uid: context.target!.uid, slot: context.selected! }),
      },
      on: {
        RESCHEDULED: {
          target: 'done',
          actions: {
            type: 'reply',
            params: ({ event }) => ({
              key: 'rescheduled' as const,
              booking: (event as { booking: BookingSummary }).booking,
            }),
          },
        },
        RESCHEDULE_FAILED: [
          { guard: 'slotTaken', target: 'searching', actions: 'markTaken' },
          // Issue 10: refused for a reason the person can act on: why, and the next step.
          { guard: 'bookingRefused', target: 'done', actions: refusedReply },
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
