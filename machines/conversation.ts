/**
 * The conversation: one per WhatsApp user. `idle` routes each understood message to a flow —
 * booking, rescheduling, cancellation, attendance confirmation, feedback — and every flow returns
 * to `idle` when it ends. No `invoke` and no `after`: every wait is for an event, and timeouts are
 * durable jobs in the engine that send events (RETRY, SESSION_TIMEOUT), so a snapshot can sleep in
 * the database for days and the machine stays a pure function for `transition()` and xstate/graph.
 */
import { and } from 'xstate';
import { bookingStates } from './booking.js';
import { cancellationStates } from './cancellation.js';
import { confirmationStates, feedbackStates } from './confirmation.js';
import { afterFlow, handoffState, staffReply, startHandoff } from './handoff.js';
import { reschedulingStates } from './rescheduling.js';
import { conversationSetup as s, initialContext, MACHINE_VERSION } from './setup.js';

export { MACHINE_VERSION };

const reply = <K extends 'greeting' | 'help' | 'thanks' | 'human' | 'optedOut' | 'mediaNotSupported' | 'expiredOption'>(key: K) =>
  ({ type: 'reply', params: { key } }) as const;

export const conversationMachine = s.createMachine({
  id: 'conversation',
  context: ({ input }) => initialContext(input?.contact),
  initial: 'idle',
  on: {
    SESSION_TIMEOUT: { target: '.idle', actions: ['clearRequest', 'clearTarget', 'forgetHold', 'resetMisses', 'clearFeedback'] },
    FEEDBACK_REQUESTED: { target: '.feedback', actions: 'rememberFeedbackBooking' },
    // Staff taking over, or writing first, hands the conversation off from wherever it is.
    STAFF_TOOK_OVER: { target: '.handoff', actions: ['staffTakesOver', startHandoff('staff')] },
    STAFF_MESSAGE: { target: '.handoff', actions: ['staffTakesOver', startHandoff('staff'), staffReply] },
  },
  states: {
    idle: {
      on: {
        USER: [
          { guard: 'wantsOptOut', actions: ['optOut', reply('optedOut')] },
          { guard: 'wantsHuman', target: 'handoff', actions: ['rememberBookings', 'askForPerson', startHandoff('asked')] },
          { guard: 'sentMedia', actions: reply('mediaNotSupported') },
          { guard: 'tappedExpired', actions: ['rememberBookings', reply('expiredOption')] },
          { guard: 'pickedSlot', target: 'booking.holding', actions: ['rememberBookings', 'selectPicked', 'resetMisses'] },
          { guard: 'wantsBook', target: 'booking', actions: ['rememberBookings', 'rememberRequest', 'resetMisses'] },
          { guard: and(['wantsReschedule', 'hasNoBookings']), actions: ['rememberBookings', { type: 'reply', params: { key: 'noBookings', purpose: 'reschedule' } }] },
          { guard: and(['wantsReschedule', 'hasOneOrPickedBooking', 'saidWhen']), target: 'rescheduling.searching', actions: ['rememberBookings', 'targetOnlyOrPicked', 'rememberRequest', 'resetMisses'] },
          { guard: and(['wantsReschedule', 'hasOneOrPickedBooking']), target: 'rescheduling.searching', actions: ['rememberBookings', 'targetOnlyOrPicked', 'clearRequest', 'resetMisses'] },
          { guard: 'wantsReschedule', target: 'rescheduling', actions: ['rememberBookings', 'rememberRequest', 'resetMisses'] },
          { guard: and(['wantsCancel', 'hasNoBookings']), actions: ['rememberBookings', { type: 'reply', params: { key: 'noBookings', purpose: 'cancel' } }] },
          { guard: and(['wantsCancel', 'hasOneOrPickedBooking']), target: 'cancellation.confirming', actions: ['rememberBookings', 'targetOnlyOrPicked', 'resetMisses'] },
          { guard: 'wantsCancel', target: 'cancellation', actions: ['rememberBookings', 'resetMisses'] },
          { guard: and(['wantsConfirm', 'hasOneOrPickedBooking']), target: 'confirmation', actions: ['rememberBookings', 'targetOnlyOrPicked', 'resetMisses'] },
          { guard: 'wantsGreeting', actions: ['rememberBookings', 'resetMisses', reply('greeting')] },
          { guard: 'wantsThanks', actions: ['rememberBookings', reply('thanks')] },
          { guard: 'wantsHelp', actions: ['rememberBookings', 'resetMisses', reply('help')] },
          { actions: ['rememberBookings', 'countMiss', { type: 'reply', params: ({ context }) => ({ key: 'didntUnderstand' as const, misses: context.misses }) }] },
        ],
      },
    },
    booking: { ...bookingStates, onDone: afterFlow },
    rescheduling: { ...reschedulingStates, onDone: afterFlow },
    cancellation: { ...cancellationStates, onDone: afterFlow },
    confirmation: { ...confirmationStates, onDone: afterFlow },
    feedback: { ...feedbackStates, onDone: afterFlow },
    handoff: handoffState,
  },
});
