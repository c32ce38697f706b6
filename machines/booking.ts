/**
 * Booking: request → choose slot → hold → confirm → book.
 * Entered at `searching` (a time or nothing was asked) or `holding` (a slot was picked).
 */
import { and } from 'xstate';
import { alwaysAvailable, conversationSetup as s, standaloneContext } from './setup.js';

const offerFromContext = (purpose: 'book' | 'reschedule') =>
  ({
    type: 'reply',
    params: ({ context }: { context: import('./types.js').ConversationContext }) => ({
      key: 'offerSlots' as const,
      requested: context.request,
      options: context.offered.filter((o) => o.start !== context.selected?.start),
      taken: false,
      widened: false,
      purpose,
    }),
  }) as const;

const releaseIfHeld = {
  type: 'releaseHold',
  params: ({ context }: { context: import('./types.js').ConversationContext }) => ({ reservationUid: context.hold?.reservationUid ?? null }),
} as const;

export const bookingStates = s.createStateConfig({
  initial: 'searching',
  states: {
    searching: {
      entry: { type: 'findSlots', params: ({ context }) => ({ when: context.request, purpose: 'book' as const }) },
      on: {
        SLOTS_LOADED: [
          { guard: 'exactIsFree', target: 'holding', actions: ['rememberOffer', 'selectExact'] },
          {
            guard: 'hasOptions',
            target: 'choosing',
            actions: [
              'rememberOffer',
              {
                type: 'reply',
                params: ({ context, event }) => ({
                  key: 'offerSlots' as const,
                  requested: context.request,
                  options: event.type === 'SLOTS_LOADED' ? event.options : [],
                  taken: context.taken,
                  widened: event.type === 'SLOTS_LOADED' && event.widened,
                  purpose: 'book' as const,
                }),
              },
            ],
          },
          { target: 'choosing', actions: ['rememberOffer', { type: 'reply', params: ({ context }) => ({ key: 'noSlots' as const, requested: context.request }) }] },
        ],
        SLOTS_FAILED: 'calendarDown',
      },
    },
    calendarDown: {
      entry: [{ type: 'reply', params: { key: 'calendarDown' } }, { type: 'scheduleRetry', params: { afterMs: 120_000 } }],
      on: {
        RETRY: 'searching',
        USER: [
          ...alwaysAvailable,
          { guard: 'wantsCancel', target: 'done', actions: { type: 'reply', params: { key: 'bookingAbandoned' } } },
          { guard: 'saidWhen', target: 'searching', actions: 'rememberRequest' },
          { target: 'searching' },
        ],
      },
    },
    choosing: {
      on: {
        USER: [
          ...alwaysAvailable,
          { guard: 'tappedExpired', actions: offerFromContext('book') },
          { guard: 'pickedSlot', target: 'holding', actions: ['selectPicked', 'resetMisses'] },
          { guard: 'saidWhen', target: 'searching', actions: ['rememberRequest', 'resetMisses'] },
          { guard: 'wantsCancel', target: 'done', actions: { type: 'reply', params: { key: 'bookingAbandoned' } } },
          { guard: 'wantsDecline', target: 'done', actions: { type: 'reply', params: { key: 'bookingAbandoned' } } },
          { guard: 'wantsBook', target: 'searching', actions: ['rememberRequest', 'resetMisses'] },
          { guard: 'missedTwice', target: 'done', actions: [{ type: 'reply', params: { key: 'didntUnderstand', misses: 2 } }, 'resetMisses'] },
          { actions: ['countMiss', offerFromContext('book')] },
        ],
      },
    },
    holding: {
      entry: { type: 'holdSlot', params: ({ context }) => ({ slot: context.selected! }) },
      on: {
        HOLD_OK: { target: 'confirming', actions: 'rememberHold' },
        HOLD_FAILED: [
          { guard: 'slotTaken', target: 'searching', actions: 'markTaken' },
          // The hold is an optimisation: without it the booking itself still guards against double booking.
          { target: 'confirming' },
        ],
      },
    },
    confirming: {
      entry: { type: 'reply', params: ({ context }) => ({ key: 'confirmSlot' as const, slot: context.selected! }) },
      on: {
        USER: [
          ...alwaysAvailable,
          { guard: and(['wantsConfirm', 'hasName', 'hasEmailIfNeeded']), target: 'booking' },
          { guard: and(['wantsConfirm', 'hasName']), target: 'askingEmail' },
          { guard: 'wantsConfirm', target: 'askingName' },
          { guard: 'pickedSlot', target: 'holding', actions: [releaseIfHeld, 'forgetHold', 'selectPicked'] },
          { guard: 'saidWhen', target: 'searching', actions: [releaseIfHeld, 'forgetHold', 'rememberRequest'] },
          { guard: 'wantsCancel', target: 'done', actions: [releaseIfHeld, 'forgetHold', { type: 'reply', params: { key: 'bookingAbandoned' } }] },
          { guard: 'wantsDecline', target: 'choosing', actions: [releaseIfHeld, 'forgetHold', offerFromContext('book')] },
          { target: 'confirming', reenter: true, actions: 'countMiss' },
        ],
      },
    },
    askingName: {
      entry: { type: 'reply', params: { key: 'askName' } },
      on: {
        USER: [
          ...alwaysAvailable,
          { guard: 'wantsCancel', target: 'done', actions: { type: 'reply', params: { key: 'bookingAbandoned' } } },
          { guard: 'hasEmailIfNeeded', target: 'booking', actions: 'rememberName' },
          { target: 'askingEmail', actions: 'rememberName' },
        ],
      },
    },
    askingEmail: {
      entry: { type: 'reply', params: { key: 'askEmail', retry: false } },
      on: {
        USER: [
          ...alwaysAvailable,
          { guard: 'gaveEmail', target: 'booking', actions: ['rememberEmail', { type: 'saveEmail', params: ({ event }) => ({ email: (event as { input: { email: string } }).input.email }) }] },
          { guard: 'wantsCancel', target: 'done', actions: { type: 'reply', params: { key: 'bookingAbandoned' } } },
          { guard: 'missedTwice', target: 'done', actions: [{ type: 'reply', params: { key: 'didntUnderstand', misses: 2 } }] },
          { actions: ['countMiss', { type: 'reply', params: { key: 'askEmail', retry: true } }] },
        ],
      },
    },
    booking: {
      entry: {
        type: 'createBooking',
        params: ({ context }) => ({
          slot: context.selected!,
          reservationUid: context.hold?.reservationUid,
          attendeeName: context.contact.name,
          attendeeEmail: context.contact.email,
          answers: context.answers,
        }),
      },
      on: {
        BOOKED: [
          // The host confirms each booking: requested, not yet booked (issue 10).
          { guard: 'bookedPending', target: 'done', actions: ['forgetHold', { type: 'reply', params: ({ event }) => ({ key: 'bookingRequested' as const, booking: (event as { booking: import('./types.js').BookingSummary }).booking }) }] },
          { target: 'done', actions: ['forgetHold', { type: 'reply', params: ({ event }) => ({ key: 'booked' as const, booking: (event as { booking: import('./types.js').BookingSummary }).booking }) }] },
        ],
        BOOK_FAILED: [
          { guard: 'slotTaken', target: 'searching', actions: 'markTaken' },
          { guard: 'needsFields', target: 'askingField', actions: 'rememberFields' },
          { guard: 'bookingRefused', target: 'done', actions: [releaseIfHeld, 'forgetHold', { type: 'reply', params: ({ event }) => ({ key: 'bookingRefused' as const, reason: (event as { reason: import('./types.js').RefusalReason }).reason }) }] },
          { target: 'calendarDown', actions: 'forgetHold' },
        ],
      },
    },
    // The event type's required booking questions, one at a time (issue 10).
    askingField: {
      entry: { type: 'reply', params: ({ context }) => ({ key: 'askBookingField' as const, label: context.fields?.[0]?.label ?? '', options: context.fields?.[0]?.options, retry: false }) },
      on: {
        USER: [
          ...alwaysAvailable,
          { guard: 'wantsCancel', target: 'done', actions: { type: 'reply', params: { key: 'bookingAbandoned' } } },
          { guard: and(['answeredField', 'moreFields']), target: 'askingField', reenter: true, actions: 'rememberAnswer' },
          { guard: 'answeredField', target: 'booking', actions: 'rememberAnswer' },
          { guard: 'missedTwice', target: 'done', actions: [{ type: 'reply', params: { key: 'didntUnderstand', misses: 2 } }] },
          {
            actions: ['countMiss', { type: 'reply', params: ({ context }) => ({ key: 'askBookingField' as const, label: context.fields?.[0]?.label ?? '', options: context.fields?.[0]?.options, retry: true }) }],
          },
        ],
      },
    },
    done: { type: 'final', entry: [releaseIfHeld, 'clearRequest', 'forgetHold', 'resetMisses', 'clearFields'] },
  },
});

/** The booking flow on its own, for the Stately visualizer and model-based tests. */
export const bookingMachine = s.createMachine({
  id: 'booking',
  context: ({ input }) => standaloneContext(input),
  ...bookingStates,
});
