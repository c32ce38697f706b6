// The "cancellation" statechart, written by `npm run machines:export` from machines/ — do not edit.
// Paste this whole file into https://stately.ai/viz (or Stately editor → Import → code).
// Actions and guards are named stubs here; the real ones are in machines/setup.ts and the engine.
import { createMachine } from 'xstate';

export const machine = createMachine(
  {
    id: "cancellation",
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
    initial: "choosingBooking",
    states: {
      choosingBooking: {
        entry: {
          type: "reply",
          params: {
            key: "chooseBooking",
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
              guard: "pickedBooking",
              target: "confirming",
              actions: "targetOnlyOrPicked",
            },
            {
              guard: "wantsDecline",
              target: "done",
              actions: {
                type: "reply",
                params: {
                  key: "keptBooking",
                },
              },
            },
            {
              guard: "wantsConfirm",
              target: "done",
              actions: {
                type: "reply",
                params: {
                  key: "keptBooking",
                },
              },
            },
            {
              guard: "missedTwice",
              target: "done",
              actions: [
                {
                  type: "reply",
                  params: {
                    key: "didntUnderstand",
                    misses: 2,
                  },
                },
              ],
            },
            {
              target: "choosingBooking",
              reenter: true,
              actions: "countMiss",
            },
          ],
        },
      },
      confirming: {
        entry: {
          type: "reply",
          params: {
            key: "confirmCancel",
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
              guard: "wantsConfirm",
              target: "cancelling",
            },
            {
              guard: "wantsCancel",
              target: "cancelling",
            },
            {
              guard: "wantsDecline",
              target: "done",
              actions: {
                type: "reply",
                params: {
                  key: "keptBooking",
                },
              },
            },
            {
              guard: "wantsReschedule",
              target: "done",
              actions: {
                type: "reply",
                params: {
                  key: "keptBooking",
                },
              },
            },
            {
              guard: "missedTwice",
              target: "done",
              actions: {
                type: "reply",
                params: {
                  key: "keptBooking",
                },
              },
            },
            {
              target: "confirming",
              reenter: true,
              actions: "countMiss",
            },
          ],
        },
      },
      cancelling: {
        entry: {
          type: "cancelBooking",
          params: "computed from the conversation by the engine",
        },
        on: {
          CANCELLED: {
            target: "done",
            actions: {
              type: "reply",
              params: {
                key: "cancelled",
              },
            },
          },
          CANCEL_FAILED: {
            target: "done",
            actions: {
              type: "reply",
              params: {
                key: "calendarDown",
              },
            },
          },
        },
      },
      done: {
        type: "final",
        entry: [
          "clearTarget",
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
