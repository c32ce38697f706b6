/**
 * The conversation: one per WhatsApp user. `idle` routes each understood message to a flow —
 * booking, rescheduling, cancellation, attendance confirmation, feedback — and every flow returns
 * to `idle` when it ends. No `invoke` and no `after`: every wait is for an event, and timeouts are
 * durable jobs in the engine that send events (RETRY, SESSION_TIMEOUT), so a snapshot can sleep in
 * the database for days and the machine stays a pure function for `transition()` and xstate/graph.
 *
 * Never a silent turn: a message that arrives while a flow waits for the calendar (a stuck effect,
 * a restart) is not dropped — the conversation returns to `idle` and handles it there.
 */
import { raise } from 'xstate';
import { bookingStates } from './booking.js';
import { cancellationStates } from './cancellation.js';
import { confirmationStates, feedbackStates } from './confirmation.js';
import { afterFlow, handoffState, staffReply, startHandoff } from './handoff.js';
import { reschedulingStates } from './rescheduling.js';
import { accessStates, afterBooking, erasureStates, marketingState, recordConsent } from './privacy.js';
import {
  ackReply,
  answerQuestion,
  emailUpdated,
  initialContext,
  keptReply,
  listMyBookings,
  MACHINE_VERSION,
  nameUpdated,
  onUser,
  conversationSetup as s,
  saveNewEmail,
  saveNewName,
  stuckReply,
} from './setup.js';

export { MACHINE_VERSION };

const reply = <
  K extends
    | 'greeting'
    | 'help'
    | 'thanks'
    | 'human'
    | 'optedOut'
    | 'optedIn'
    | 'mediaNotSupported'
    | 'expiredOption'
    | 'unknownQuestion'
    | 'emailIncomplete'
    | 'nothingToConfirm',
>(
  key: K,
) => ({ type: 'reply', params: { key } }) as const;

export const conversationMachine = s.createMachine({
  id: 'conversation',
  context: ({ input }) => initialContext(input?.contact),
  initial: 'idle',
  on: {
    SESSION_TIMEOUT: {
      target: '.idle',
      actions: ['clearRequest', 'clearTarget', 'forgetHold', 'resetMisses', 'clearFeedback'],
    },
    FEEDBACK_REQUESTED: [
      // Issue 14: after STOP the rating question is not asked (the conversation does not wait for it).
      { guard: 'contactOptedOut', actions: [] },
      { target: '.feedback', actions: 'rememberFeedbackBooking' },
    ],
    // A message in a state that waits only for the calendar: start over from idle with it.
    USER: {
      target: '.idle',
      actions: [
        { type: 'releaseHold', params: ({ context }) => ({ reservationUid: context.hold?.reservationUid ?? null }) },
        'clearRequest',
        'clearTarget',
        'forgetHold',
        'resetMisses',
        raise(({ event }) => event),
      ],
    },
    // Staff taking over, or writing first, hands the conversation off from wherever it is.
    STAFF_TOOK_OVER: { target: '.handoff', actions: ['staffTakesOver', startHandoff('staff')] },
    STAFF_MESSAGE: { target: '.handoff', actions: ['staffTakesOver', startHandoff('staff'), staffReply] },
  },
  states: {
    idle: {
      on: {
        USER: onUser([
          { guard: 'wantsOptOut', actions: ['optOut', reply('optedOut')] },
          { guard: 'wantsOptIn', actions: ['optIn', reply('optedIn')] },
          // Privacy rights and consent in the chat (issue 14).
          { guard: 'wantsPrivacyAccess', target: 'access', actions: ['rememberBookings', 'resetMisses'] },
          { guard: 'wantsPrivacyErase', target: 'erasure', actions: ['rememberBookings', 'resetMisses'] },
          {
            guard: 'wantsMarketingOptIn',
            actions: [
              'rememberBookings',
              recordConsent(true, 'chat:button'),
              { type: 'reply', params: { key: 'marketingGranted' } },
            ],
          },
          {
            guard: 'wantsMarketingOptOut',
            actions: [
              'rememberBookings',
              recordConsent(false, 'chat:text'),
              { type: 'reply', params: { key: 'marketingRevoked' } },
            ],
          },
          {
            guard: 'wantsHuman',
            target: 'handoff',
            actions: ['rememberBookings', 'askForPerson', startHandoff('asked')],
          },
          { guard: 'sentMediaAgain', actions: [stuckReply, 'resetMisses'] },
          { guard: 'sentMedia', actions: ['countMediaMiss', reply('mediaNotSupported')] },
          { guard: 'tappedExpired', actions: ['rememberBookings', reply('expiredOption')] },
          // "👍" / "ok" after "I didn't understand": acknowledged, not counted, and no yes to a booking's attendance.
          { guard: 'acknowledgedAfterMiss', actions: ['rememberBookings', ackReply] },
          // Growth (issue 16): a slot tapped on an upsell or win-back offer is booked in one tap.
          {
            guard: 'pickedDirectSlot',
            target: 'booking.booking',
            actions: ['rememberBookings', 'selectPicked', 'resetMisses'],
          },
          // New-user run: a slot of an older list tapped after booking asks first (another one, or move mine?).
          {
            guard: 'pickedSlotHavingBooking',
            target: 'anotherBooking',
            actions: ['rememberBookings', 'selectPicked', 'targetNearestBooking', 'resetMisses'],
          },
          {
            guard: 'pickedSlot',
            target: 'booking.holding',
            actions: ['rememberBookings', 'selectPicked', 'resetMisses'],
          },
          { guard: 'wantsMyBookings', actions: ['rememberBookings', 'resetMisses', listMyBookings] },
          { guard: 'askedKnownQuestion', actions: ['rememberBookings', 'resetMisses', answerQuestion] },
          { guard: 'askedQuestion', actions: ['rememberBookings', 'resetMisses', reply('unknownQuestion')] },
          {
            guard: 'gaveNewName',
            actions: ['rememberBookings', 'resetMisses', 'rememberName', saveNewName, nameUpdated],
          },
          {
            guard: 'gaveNewEmail',
            actions: ['rememberBookings', 'resetMisses', 'rememberEmail', saveNewEmail, emailUpdated],
          },
          // Issue 9 (session 3): "mi correo es ana@gmail" — say it looks incomplete.
          { guard: 'gaveIncompleteEmail', actions: ['rememberBookings', 'resetMisses', reply('emailIncomplete')] },
          // issue 9/14 (session 3): "hola, ¿tenéis hueco mañana?" is greeted by name first, then answered.
          {
            guard: 'bookWithGreeting',
            target: 'booking',
            actions: ['rememberBookings', 'clearRequest', 'rememberRequest', 'resetMisses', 'noteGreeting'],
          },
          {
            guard: 'wantsBook',
            target: 'booking',
            actions: ['rememberBookings', 'clearRequest', 'rememberRequest', 'resetMisses'],
          },
          {
            guard: 'rescheduleWithoutBookings',
            actions: ['rememberBookings', { type: 'reply', params: { key: 'noBookings', purpose: 'reschedule' } }],
          },
          {
            guard: 'rescheduleKnownBookingAndWhen',
            target: 'rescheduling.searching',
            actions: ['rememberBookings', 'targetOnlyOrPicked', 'clearRequest', 'rememberRequest', 'resetMisses'],
          },
          {
            guard: 'rescheduleKnownBooking',
            target: 'rescheduling.searching',
            actions: ['rememberBookings', 'targetOnlyOrPicked', 'clearRequest', 'resetMisses'],
          },
          {
            guard: 'wantsReschedule',
            target: 'rescheduling',
            actions: ['rememberBookings', 'clearRequest', 'rememberRequest', 'resetMisses'],
          },
          {
            guard: 'cancelWithoutBookings',
            actions: ['rememberBookings', { type: 'reply', params: { key: 'noBookings', purpose: 'cancel' } }],
          },
          {
            guard: 'cancelKnownBooking',
            target: 'cancellation.confirming',
            actions: ['rememberBookings', 'targetOnlyOrPicked', 'resetMisses'],
          },
          { guard: 'wantsCancel', target: 'cancellation', actions: ['rememberBookings', 'resetMisses'] },
          {
            guard: 'confirmKnownBooking',
            target: 'confirmation',
            actions: ['rememberBookings', 'targetOnlyOrPicked', 'resetMisses'],
          },
          {
            guard: 'tappedNothingToConfirm',
            actions: ['rememberBookings', 'resetMisses', reply('nothingToConfirm'), listMyBookings],
          },
          { guard: 'wantsGreeting', actions: ['rememberBookings', 'resetMisses', reply('greeting')] },
          { guard: 'wantsThanks', actions: ['rememberBookings', reply('thanks')] },
          // An old "Mantener" tapped again: nothing changes; show where the appointments stand.
          { guard: 'wantsKeep', actions: ['rememberBookings', 'resetMisses', listMyBookings] },
          { guard: 'wantsHelp', actions: ['rememberBookings', 'resetMisses', reply('help')] },
          { guard: 'acknowledged', actions: ['rememberBookings', ackReply] },
          { guard: 'missedTwice', actions: ['rememberBookings', stuckReply, 'resetMisses'] },
          {
            actions: [
              'rememberBookings',
              'countMiss',
              { type: 'reply', params: ({ context }) => ({ key: 'didntUnderstand' as const, misses: context.misses }) },
            ],
          },
        ]),
      },
    },
    /**
     * New-user run: a slot of an older list tapped while the person already has a booking. A good
     * assistant neither books a second one silently nor assumes a change: it asks — another one too
     * (family, a second service), or move the one they have to that time. Anything else is handled
     * as in `idle`.
     */
    anotherBooking: {
      entry: {
        type: 'reply',
        params: ({ context }) => ({
          key: 'anotherBooking' as const,
          slot: context.selected!,
          booking: context.target!,
        }),
      },
      on: {
        USER: onUser([
          { guard: 'wantsConfirm', target: 'booking.holding', actions: ['clearTarget', 'resetMisses'] },
          { guard: 'wantsReschedule', target: 'rescheduling.searching', actions: ['moveTargetHere', 'resetMisses'] },
          { guard: 'declinedAnother', target: 'idle', actions: [keptReply, 'clearRequest', 'clearTarget'] },
          { target: 'idle', actions: ['clearRequest', 'clearTarget', raise(({ event }) => event)] },
        ]),
      },
    },
    booking: { ...bookingStates, onDone: afterBooking },
    rescheduling: { ...reschedulingStates, onDone: afterFlow },
    cancellation: { ...cancellationStates, onDone: afterFlow },
    confirmation: { ...confirmationStates, onDone: afterFlow },
    feedback: { ...feedbackStates, onDone: afterFlow },
    handoff: handoffState,
    // Issue 14.
    access: { ...accessStates, onDone: afterFlow },
    erasure: { ...erasureStates, onDone: afterFlow },
    marketing: marketingState,
  },
});
