// The "feedback" statechart, written by `npm run machines:export` from machines/ — do not edit.
// Paste this whole file into https://stately.ai/viz (or Stately editor → Import → code).
// Actions and guards are named stubs here; the real ones are in machines/setup.ts and the engine.
import { createMachine } from 'xstate';

export const machine = createMachine(
  {
    id: "feedback",
    context: {
      contact: {
        language: "es",
      },
      misses: 0,
      request: null,
      offered: [],
      selected: null,
      hold: null,
      taken: false,
      bookings: [
        {
          uid: "sample-booking",
          start: "2026-11-26T10:00:00.000Z",
          end: "2026-11-26T10:30:00.000Z",
          title: "Cita",
        },
      ],
      target: {
        uid: "sample-booking",
        start: "2026-11-26T10:00:00.000Z",
        end: "2026-11-26T10:30:00.000Z",
        title: "Cita",
      },
      feedbackFor: {
        uid: "sample-booking",
        start: "2026-11-26T10:00:00.000Z",
        end: "2026-11-26T10:30:00.000Z",
        title: "Cita",
      },
    },
    initial: "awaitingRating",
    states: {
      awaitingRating: {
        entry: {
          type: "reply",
          params: {
            key: "askRating",
          },
        },
        on: {
          USER: [
            {
              guard: "wantsOptOut",
              target: "done",
              actions: [
                "optOut",
                {
                  type: "reply",
                  params: {
                    key: "optedOut",
                  },
                },
              ],
            },
            {
              guard: "wantsHuman",
              target: "done",
              actions: [
                "handoff",
                {
                  type: "reply",
                  params: {
                    key: "human",
                  },
                },
              ],
            },
            {
              guard: "sentMedia",
              actions: {
                type: "reply",
                params: {
                  key: "mediaNotSupported",
                },
              },
            },
            {
              guard: "gaveRating",
              target: "awaitingComment",
              actions: {
                type: "recordFeedback",
                params: "computed from the conversation by the engine",
              },
            },
            {
              guard: "missedTwice",
              target: "done",
            },
            {
              target: "awaitingRating",
              reenter: true,
              actions: "countMiss",
            },
          ],
        },
      },
      awaitingComment: {
        entry: {
          type: "reply",
          params: {
            key: "askComment",
          },
        },
        on: {
          USER: [
            {
              guard: "wantsOptOut",
              target: "done",
              actions: [
                "optOut",
                {
                  type: "reply",
                  params: {
                    key: "optedOut",
                  },
                },
              ],
            },
            {
              guard: "wantsHuman",
              target: "done",
              actions: [
                "handoff",
                {
                  type: "reply",
                  params: {
                    key: "human",
                  },
                },
              ],
            },
            {
              guard: "sentMedia",
              actions: {
                type: "reply",
                params: {
                  key: "mediaNotSupported",
                },
              },
            },
            {
              guard: "wantsDecline",
              target: "done",
              actions: {
                type: "reply",
                params: {
                  key: "feedbackThanks",
                },
              },
            },
            {
              target: "done",
              actions: [
                {
                  type: "recordFeedback",
                  params: "computed from the conversation by the engine",
                },
                {
                  type: "reply",
                  params: {
                    key: "feedbackThanks",
                  },
                },
              ],
            },
          ],
        },
      },
      done: {
        type: "final",
        entry: [
          "clearFeedback",
          "resetMisses",
        ],
      },
    },
  },
  {
    actions: {
      cancelBooking: () => {},
      clearFeedback: () => {},
      clearRequest: () => {},
      clearTarget: () => {},
      confirmAttendance: () => {},
      countMiss: () => {},
      createBooking: () => {},
      findSlots: () => {},
      forgetHold: () => {},
      handoff: () => {},
      holdSlot: () => {},
      markTaken: () => {},
      optOut: () => {},
      recordFeedback: () => {},
      releaseHold: () => {},
      rememberBookings: () => {},
      rememberEmail: () => {},
      rememberFeedbackBooking: () => {},
      rememberHold: () => {},
      rememberName: () => {},
      rememberOffer: () => {},
      rememberRequest: () => {},
      reply: () => {},
      rescheduleBooking: () => {},
      resetMisses: () => {},
      saveEmail: () => {},
      scheduleRetry: () => {},
      selectExact: () => {},
      selectPicked: () => {},
      targetFromRescheduled: () => {},
      targetOnlyOrPicked: () => {},
    },
    guards: {
      exactIsFree: () => false,
      gaveEmail: () => false,
      gaveRating: () => false,
      hasEmailIfNeeded: () => false,
      hasHold: () => false,
      hasName: () => false,
      hasNoBookings: () => false,
      hasOneOrPickedBooking: () => false,
      hasOptions: () => false,
      hasOtherOffers: () => false,
      missedTwice: () => false,
      pickedBooking: () => false,
      pickedSlot: () => false,
      saidWhen: () => false,
      sentMedia: () => false,
      slotTaken: () => false,
      tappedExpired: () => false,
      targetChosen: () => false,
      wantsBook: () => false,
      wantsCancel: () => false,
      wantsConfirm: () => false,
      wantsDecline: () => false,
      wantsGreeting: () => false,
      wantsHelp: () => false,
      wantsHuman: () => false,
      wantsOptOut: () => false,
      wantsReschedule: () => false,
      wantsThanks: () => false,
    },
  },
);
