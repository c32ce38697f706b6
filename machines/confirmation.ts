/**
 * Confirmation of attendance (from a reminder's "Confirmar" or a typed "sí, ahí estaré"), and the
 * feedback question after the appointment.
 */
import {
  alwaysAvailable,
  conversationSetup as s,
  missesReenter,
  onUser,
  sideTalk,
  sideTalkReenter,
  standaloneContext,
} from './setup.js';

export const confirmationStates = s.createStateConfig({
  initial: 'confirming',
  states: {
    confirming: {
      entry: { type: 'confirmAttendance', params: ({ context }) => ({ uid: context.target!.uid }) },
      on: {
        ATTENDANCE_CONFIRMED: {
          target: 'done',
          actions: {
            type: 'reply',
            params: ({ context }) => ({ key: 'attendanceConfirmed' as const, booking: context.target! }),
          },
        },
      },
    },
    done: { type: 'final', entry: 'clearTarget' },
  },
});

export const feedbackStates = s.createStateConfig({
  initial: 'awaitingRating',
  states: {
    awaitingRating: {
      entry: { type: 'reply', params: ({ context }) => ({ key: 'askRating' as const, booking: context.feedbackFor! }) },
      on: {
        USER: onUser([
          ...alwaysAvailable,
          {
            guard: 'gaveRating',
            target: 'awaitingComment',
            actions: {
              type: 'recordFeedback',
              params: ({ context, event }) => ({ bookingUid: context.feedbackFor!.uid, rating: event.input.rating }),
            },
          },
          // Not in the mood to rate: leave it, politely.
          { guard: 'wantsDecline', target: 'done', actions: { type: 'reply', params: { key: 'feedbackThanks' } } },
          ...sideTalkReenter('awaitingRating'),
          ...missesReenter('awaitingRating'),
        ]),
      },
    },
    awaitingComment: {
      entry: { type: 'reply', params: { key: 'askComment' } },
      on: {
        USER: onUser([
          ...alwaysAvailable,
          { guard: 'wantsDecline', target: 'done', actions: { type: 'reply', params: { key: 'feedbackThanks' } } },
          ...sideTalk([{ type: 'reply', params: { key: 'askComment' } }] as const),
          {
            target: 'done',
            actions: [
              {
                type: 'recordFeedback',
                params: ({ context, event }) => ({
                  bookingUid: context.feedbackFor!.uid,
                  comment: event.input.text.slice(0, 1000),
                }),
              },
              { type: 'reply', params: { key: 'feedbackThanks' } },
            ],
          },
        ]),
      },
    },
    done: { type: 'final', entry: ['clearFeedback', 'resetMisses'] },
  },
});

/** Attendance confirmation on its own, for the Stately visualizer and model-based tests. */
export const confirmationMachine = s.createMachine({
  id: 'confirmation',
  context: ({ input }) => standaloneContext(input),
  ...confirmationStates,
});

/** The feedback question on its own. */
export const feedbackMachine = s.createMachine({
  id: 'feedback',
  context: ({ input }) => standaloneContext(input),
  ...feedbackStates,
});
