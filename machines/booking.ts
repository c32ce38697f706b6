/**
 * Booking: request → choose slot → hold → confirm → book.
 * Entered at `searching` (a time or nothing was asked) or `holding` (a slot was picked).
 *
 * A follow-up time is completed from what is on the table (`rememberRequest`, machines/when.ts):
 * "mejor a las 12:30" after "mañana a las 11" is tomorrow 12:30. "más tarde", "otro día", "ver más"
 * move around the offer keeping the day. A time outside the opening hours gets `closed` (the hours
 * and the nearest open slots), never "taken".
 */
import {
  alwaysAvailable,
  missesReenter,
  offerAgain,
  onUser,
  saveNewEmail,
  saveNewName,
  sideTalk,
  sideTalkReenter,
  stuckReply,
  conversationSetup as s,
  standaloneContext,
} from './setup.js';
import type { BookingSummary, ConversationContext, ConversationEvent, RefusalReason } from './types.js';

type Params = { context: ConversationContext; event: ConversationEvent };

const releaseIfHeld = {
  type: 'releaseHold',
  params: ({ context }: Params) => ({ reservationUid: context.hold?.reservationUid ?? null }),
} as const;

const abandoned = { type: 'reply', params: { key: 'bookingAbandoned' } } as const;

/** Cal.com refused for a reason the person can act on: why, and the next step (issue 10). */
export const refusedReply = {
  type: 'reply',
  params: ({ event }: Params) => ({
    key: 'bookingRefused' as const,
    reason: (event as { reason: RefusalReason }).reason,
  }),
} as const;

/** The next booking question (issue 10). */
const fieldQuestion = (retry: boolean) =>
  ({
    type: 'reply',
    params: ({ context }: Params) => ({
      key: 'askBookingField' as const,
      label: context.fields?.[0]?.label ?? '',
      ...(context.fields?.[0]?.options ? { options: context.fields[0].options } : {}),
      retry,
    }),
  }) as const;

/** The slots just loaded: "closed" when the asked time is outside the opening hours, else the offer. */
export const slotsReply = (purpose: 'book' | 'reschedule') =>
  ({
    type: 'reply',
    params: ({ context, event }: Params) => ({
      key: 'offerSlots' as const,
      requested: context.request,
      options: context.offered,
      taken: context.taken,
      widened: event.type === 'SLOTS_LOADED' && event.widened,
      purpose,
      ...(context.request && context.declined.includes(new Date(context.request.start).toISOString())
        ? { note: 'other' as const }
        : {}),
      ...(context.laterThan ? { nothingLaterThan: context.laterThan } : {}),
      ...(context.earlierThan ? { nothingEarlierThan: context.earlierThan } : {}),
      ...(context.greet ? { hello: true } : {}),
    }),
  }) as const;

export const closedReply = {
  type: 'reply',
  params: ({ context }: Params) => ({
    key: 'closed' as const,
    requested: context.request,
    hours: context.hours,
    options: context.offered,
    ...(context.greet ? { hello: true } : {}),
  }),
} as const;

export const noSlotsReply = {
  type: 'reply',
  params: ({ context }: Params) => ({
    key: 'noSlots' as const,
    requested: context.request,
    ...(context.greet ? { hello: true } : {}),
  }),
} as const;

const findSlots = (purpose: 'book' | 'reschedule') =>
  ({
    type: 'findSlots',
    params: ({ context }: Params) => ({
      when: context.request,
      purpose,
      ...(context.declined.length ? { exclude: context.declined } : {}),
    }),
  }) as const;

export const bookingStates = s.createStateConfig({
  initial: 'searching',
  states: {
    searching: {
      entry: findSlots('book'),
      on: {
        SLOTS_LOADED: [
          { guard: 'exactIsFree', target: 'holding', actions: ['rememberOffer', 'selectExact'] },
          { guard: 'requestClosed', target: 'choosing', actions: ['rememberOffer', closedReply] },
          { guard: 'hasOptions', target: 'choosing', actions: ['rememberOffer', slotsReply('book')] },
          { target: 'choosing', actions: ['rememberOffer', noSlotsReply] },
        ],
        SLOTS_FAILED: 'calendarDown',
      },
    },
    calendarDown: {
      entry: [
        { type: 'reply', params: { key: 'calendarDown' } },
        { type: 'scheduleRetry', params: { afterMs: 120_000 } },
      ],
      on: {
        RETRY: 'searching',
        USER: onUser([
          ...alwaysAvailable,
          { guard: 'sentMedia', actions: { type: 'reply', params: { key: 'calendarDown' } } },
          { guard: 'dropsBooking', target: 'done', actions: abandoned },
          { guard: 'wantsDecline', target: 'done', actions: abandoned },
          // The answer, then where things stand (the calendar is still unreachable).
          ...sideTalk([{ type: 'reply', params: { key: 'calendarDown' } }] as const),
          { guard: 'saidWhenOrShift', target: 'searching', actions: 'rememberRequest' },
          { target: 'searching' },
        ]),
      },
    },
    choosing: {
      on: {
        USER: onUser([
          ...alwaysAvailable,
          { guard: 'sentMediaAgain', actions: [stuckReply, 'resetMisses'] },
          { guard: 'sentMedia', actions: ['countMediaMiss', offerAgain('book', 'media')] },
          { guard: 'tappedExpired', actions: offerAgain('book') },
          { guard: 'pickedSlot', target: 'holding', actions: ['selectPicked', 'resetMisses'] },
          // A time, or "más tarde" / "otro día" / "ver más": completed from the day on the table.
          { guard: 'saidWhenOrShift', target: 'searching', actions: ['rememberRequest', 'resetMisses'] },
          ...sideTalk([offerAgain('book')]),
          { guard: 'dropsBooking', target: 'done', actions: abandoned },
          { guard: 'wantsDecline', target: 'done', actions: abandoned },
          // "cambiar" while choosing: other times than these.
          { guard: 'wantsChange', target: 'searching', actions: ['forgetRequest', 'resetMisses'] },
          { guard: 'wantsBook', target: 'searching', actions: ['rememberRequest', 'resetMisses'] },
          { guard: 'acknowledged', actions: offerAgain('book') },
          { guard: 'missedTwice', actions: [stuckReply, 'resetMisses'] },
          { actions: ['countMiss', offerAgain('book', 'miss')] },
        ]),
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
      entry: {
        type: 'reply',
        params: ({ context }) => ({
          key: 'confirmSlot' as const,
          slot: context.selected!,
          ...(context.greet ? { hello: true } : {}),
        }),
      },
      on: {
        USER: onUser([
          ...alwaysAvailable,
          // "pode ser! meu email é …": the e-mail is kept and saved, then on as for a plain yes.
          {
            guard: 'confirmedWithEmailReady',
            target: 'booking',
            actions: ['rememberEmail', saveNewEmail, 'resetMisses'],
          },
          {
            guard: 'confirmedWithEmail',
            target: 'askingName',
            actions: ['rememberEmail', saveNewEmail, 'resetMisses'],
          },
          { guard: 'confirmedReady', target: 'booking', actions: ['rememberBookingFor', 'resetMisses'] },
          { guard: 'confirmedNeedsEmail', target: 'askingEmail', actions: ['rememberBookingFor', 'resetMisses'] },
          { guard: 'wantsConfirm', target: 'askingName', actions: ['rememberBookingFor', 'resetMisses'] },
          { guard: 'pickedSlot', target: 'holding', actions: [releaseIfHeld, 'forgetHold', 'selectPicked'] },
          { guard: 'saidWhenOrShift', target: 'searching', actions: [releaseIfHeld, 'forgetHold', 'rememberRequest'] },
          ...sideTalkReenter('confirming'),
          { guard: 'dropsBooking', target: 'done', actions: [releaseIfHeld, 'forgetHold', abandoned] },
          // "Otra hora" / "no": other times, never an empty offer.
          {
            guard: 'declinedWithoutOffers',
            target: 'searching',
            actions: [releaseIfHeld, 'forgetHold', 'declineSelected'],
          },
          {
            guard: 'declinedOrChanged',
            target: 'choosing',
            actions: [releaseIfHeld, 'forgetHold', offerAgain('book')],
          },
          ...missesReenter('confirming'),
        ]),
      },
    },
    askingName: {
      entry: { type: 'reply', params: { key: 'askName' } },
      on: {
        USER: onUser([
          ...alwaysAvailable,
          { guard: 'dropsBooking', target: 'done', actions: [releaseIfHeld, 'forgetHold', abandoned] },
          {
            guard: 'gaveNameWithEmailIfNeeded',
            target: 'booking',
            actions: ['rememberName', saveNewName, 'resetMisses'],
          },
          { guard: 'gaveName', target: 'askingEmail', actions: ['rememberName', saveNewName, 'resetMisses'] },
          // issue 9/14 (session 3): "mejor a las 12:30" while asked the name moves the pending slot (re-checked).
          // A name said with it is kept (session 5).
          {
            guard: 'saidWhenWithName',
            target: 'searching',
            actions: ['rememberName', saveNewName, releaseIfHeld, 'forgetHold', 'rememberRequest'],
          },
          { guard: 'saidWhenOrShift', target: 'searching', actions: [releaseIfHeld, 'forgetHold', 'rememberRequest'] },
          ...sideTalkReenter('askingName'),
          { guard: 'sentMediaAgain', actions: [stuckReply, 'resetMisses'] },
          { guard: 'acknowledged', target: 'askingName', reenter: true },
          { guard: 'missedTwice', actions: [stuckReply, 'resetMisses'] },
          { actions: ['countMiss', { type: 'reply', params: { key: 'askName', retry: true } }] },
        ]),
      },
    },
    askingEmail: {
      entry: { type: 'reply', params: { key: 'askEmail', retry: false } },
      on: {
        USER: onUser([
          ...alwaysAvailable,
          {
            guard: 'gaveEmail',
            target: 'booking',
            actions: [
              'rememberEmail',
              {
                type: 'saveEmail',
                params: ({ event }) => ({ email: (event as { input: { email: string } }).input.email }),
              },
            ],
          },
          { guard: 'dropsBooking', target: 'done', actions: [releaseIfHeld, 'forgetHold', abandoned] },
          // issue 9/14 (session 3): a new time while asked the e-mail moves the pending slot.
          { guard: 'saidWhenOrShift', target: 'searching', actions: [releaseIfHeld, 'forgetHold', 'rememberRequest'] },
          ...sideTalkReenter('askingEmail'),
          { guard: 'sentMediaAgain', actions: [stuckReply, 'resetMisses'] },
          { guard: 'acknowledged', target: 'askingEmail', reenter: true },
          { guard: 'missedTwice', actions: [stuckReply, 'resetMisses'] },
          { actions: ['countMiss', { type: 'reply', params: { key: 'askEmail', retry: true } }] },
        ]),
      },
    },
    booking: {
      entry: {
        type: 'createBooking',
        params: ({ context }) => ({
          slot: context.selected!,
          reservationUid: context.hold?.reservationUid,
          attendeeName: context.bookingFor ?? context.contact.name,
          attendeeEmail: context.contact.email,
          answers: context.answers,
        }),
      },
      on: {
        BOOKED: [
          // The host confirms each booking: requested, not yet booked (issue 10).
          {
            guard: 'bookedPending',
            target: 'done',
            actions: [
              'forgetHold',
              {
                type: 'reply',
                params: ({ event }) => ({
                  key: 'bookingRequested' as const,
                  booking: (event as { booking: BookingSummary }).booking,
                }),
              },
            ],
          },
          {
            target: 'done',
            actions: [
              'forgetHold',
              'noteBooked',
              {
                type: 'reply',
                params: ({ event }) => ({
                  key: 'booked' as const,
                  booking: (event as { booking: BookingSummary }).booking,
                }),
              },
            ],
          },
        ],
        BOOK_FAILED: [
          // Growth (issue 16): an add-on's slot, taken meanwhile: said so (no other service's times instead).
          {
            guard: 'addOnTaken',
            target: 'done',
            actions: ['forgetHold', { type: 'reply', params: { key: 'expiredOption' } }],
          },
          { guard: 'slotTaken', target: 'searching', actions: 'markTaken' },
          // Issue 10: the event type's required questions, asked here; a refusal releases the hold.
          { guard: 'needsFields', target: 'askingField', actions: 'rememberFields' },
          // Without a phone Cal.com accepts, an e-mail books (the client then leaves the phone out).
          { guard: 'phoneRefusedWithoutEmail', target: 'askingEmail' },
          { guard: 'bookingRefused', target: 'done', actions: refusedReply },
          { target: 'calendarDown', actions: 'forgetHold' },
        ],
      },
    },
    // The event type's required booking questions, one at a time (issue 10).
    askingField: {
      entry: fieldQuestion(false),
      on: {
        USER: onUser([
          ...alwaysAvailable,
          { guard: 'dropsBooking', target: 'done', actions: abandoned },
          { guard: 'answeredLastField', target: 'booking', actions: 'rememberAnswer' },
          { guard: 'answeredField', target: 'askingField', reenter: true, actions: 'rememberAnswer' },
          { guard: 'missedTwice', target: 'done', actions: [stuckReply] },
          { actions: ['countMiss', fieldQuestion(true)] },
        ]),
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
