// The "rescheduling" statechart, written by `npm run machines:export` from machines/ — do not edit.
// Paste this whole file into https://stately.ai/viz (or Stately editor → Import → code).
// Actions and guards are named stubs here; the real ones are in machines/setup.ts and the engine.
import { createMachine } from 'xstate';

export const machine = createMachine(
  {
    id: "rescheduling",
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
              guard: "pickedBooking and saidWhen",
              target: "searching",
              actions: [
                "targetOnlyOrPicked",
                "rememberRequest",
              ],
            },
            {
              guard: "pickedBooking",
              target: "searching",
              actions: "targetOnlyOrPicked",
            },
            {
              guard: "wantsCancel",
              target: "done",
              actions: {
                type: "reply",
                params: {
                  key: "keptBooking",
                },
              },
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
      searching: {
        entry: {
          type: "findSlots",
          params: "computed from the conversation by the engine",
        },
        on: {
          SLOTS_LOADED: [
            {
              guard: "exactIsFree",
              target: "confirming",
              actions: [
                "rememberOffer",
                "selectExact",
              ],
            },
            {
              guard: "hasOptions",
              target: "choosingSlot",
              actions: [
                "rememberOffer",
                {
                  type: "reply",
                  params: {
                    key: "offerSlots",
                  },
                },
              ],
            },
            {
              target: "choosingSlot",
              actions: [
                "rememberOffer",
                {
                  type: "reply",
                  params: {
                    key: "noSlots",
                  },
                },
              ],
            },
          ],
          SLOTS_FAILED: {
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
      choosingSlot: {
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
              guard: "pickedSlot",
              target: "confirming",
              actions: [
                "selectPicked",
                "resetMisses",
              ],
            },
            {
              guard: "saidWhen",
              target: "searching",
              actions: [
                "rememberRequest",
                "resetMisses",
              ],
            },
            {
              guard: "wantsCancel",
              target: "done",
              actions: {
                type: "reply",
                params: {
                  key: "keptBooking",
                },
              },
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
              actions: [
                "countMiss",
                {
                  type: "reply",
                  params: {
                    key: "offerSlots",
                  },
                },
              ],
            },
          ],
        },
      },
      confirming: {
        entry: {
          type: "reply",
          params: {
            key: "confirmReschedule",
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
              target: "moving",
            },
            {
              guard: "pickedSlot",
              target: "confirming",
              reenter: true,
              actions: "selectPicked",
            },
            {
              guard: "saidWhen",
              target: "searching",
              actions: "rememberRequest",
            },
            {
              guard: "wantsDecline",
              target: "choosingSlot",
              actions: {
                type: "reply",
                params: {
                  key: "offerSlots",
                },
              },
            },
            {
              guard: "wantsCancel",
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
      moving: {
        entry: {
          type: "rescheduleBooking",
          params: "computed from the conversation by the engine",
        },
        on: {
          RESCHEDULED: {
            target: "done",
            actions: {
              type: "reply",
              params: {
                key: "rescheduled",
              },
            },
          },
          RESCHEDULE_FAILED: [
            {
              guard: "slotTaken",
              target: "searching",
              actions: "markTaken",
            },
            {
              target: "done",
              actions: {
                type: "reply",
                params: {
                  key: "calendarDown",
                },
              },
            },
          ],
        },
      },
      done: {
        type: "final",
        entry: [
          "clearRequest",
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
      "pickedBooking and saidWhen": () => false,
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
