// The "booking" statechart, written by `npm run machines:export` from machines/ — do not edit.
// Paste this whole file into https://stately.ai/viz (or Stately editor → Import → code).
// Actions and guards are named stubs here; the real ones are in machines/setup.ts and the engine.
import { createMachine } from 'xstate';

export const machine = createMachine(
  {
    id: "booking",
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
    initial: "searching",
    states: {
      searching: {
        entry: {
          type: "findSlots",
          params: "computed from the conversation by the engine",
        },
        on: {
          SLOTS_LOADED: [
            {
              guard: "exactIsFree",
              target: "holding",
              actions: [
                "rememberOffer",
                "selectExact",
              ],
            },
            {
              guard: "hasOptions",
              target: "choosing",
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
              target: "choosing",
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
          SLOTS_FAILED: "calendarDown",
        },
      },
      calendarDown: {
        entry: [
          {
            type: "reply",
            params: {
              key: "calendarDown",
            },
          },
          {
            type: "scheduleRetry",
            params: {
              afterMs: 120000,
            },
          },
        ],
        on: {
          RETRY: "searching",
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
              guard: "wantsCancel",
              target: "done",
              actions: {
                type: "reply",
                params: {
                  key: "bookingAbandoned",
                },
              },
            },
            {
              guard: "saidWhen",
              target: "searching",
              actions: "rememberRequest",
            },
            {
              target: "searching",
            },
          ],
        },
      },
      choosing: {
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
              guard: "tappedExpired",
              actions: {
                type: "reply",
                params: {
                  key: "offerSlots",
                },
              },
            },
            {
              guard: "pickedSlot",
              target: "holding",
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
                  key: "bookingAbandoned",
                },
              },
            },
            {
              guard: "wantsDecline",
              target: "done",
              actions: {
                type: "reply",
                params: {
                  key: "bookingAbandoned",
                },
              },
            },
            {
              guard: "wantsBook",
              target: "searching",
              actions: [
                "rememberRequest",
                "resetMisses",
              ],
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
                "resetMisses",
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
      holding: {
        entry: {
          type: "holdSlot",
          params: "computed from the conversation by the engine",
        },
        on: {
          HOLD_OK: {
            target: "confirming",
            actions: "rememberHold",
          },
          HOLD_FAILED: [
            {
              guard: "slotTaken",
              target: "searching",
              actions: "markTaken",
            },
            {
              target: "confirming",
            },
          ],
        },
      },
      confirming: {
        entry: {
          type: "reply",
          params: {
            key: "confirmSlot",
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
              guard: "wantsConfirm and hasName and hasEmailIfNeeded",
              target: "booking",
            },
            {
              guard: "wantsConfirm and hasName",
              target: "askingEmail",
            },
            {
              guard: "wantsConfirm",
              target: "askingName",
            },
            {
              guard: "pickedSlot",
              target: "holding",
              actions: [
                {
                  type: "releaseHold",
                  params: "computed from the conversation by the engine",
                },
                "forgetHold",
                "selectPicked",
              ],
            },
            {
              guard: "saidWhen",
              target: "searching",
              actions: [
                {
                  type: "releaseHold",
                  params: "computed from the conversation by the engine",
                },
                "forgetHold",
                "rememberRequest",
              ],
            },
            {
              guard: "wantsCancel",
              target: "done",
              actions: [
                {
                  type: "releaseHold",
                  params: "computed from the conversation by the engine",
                },
                "forgetHold",
                {
                  type: "reply",
                  params: {
                    key: "bookingAbandoned",
                  },
                },
              ],
            },
            {
              guard: "wantsDecline",
              target: "choosing",
              actions: [
                {
                  type: "releaseHold",
                  params: "computed from the conversation by the engine",
                },
                "forgetHold",
                {
                  type: "reply",
                  params: {
                    key: "offerSlots",
                  },
                },
              ],
            },
            {
              target: "confirming",
              reenter: true,
              actions: "countMiss",
            },
          ],
        },
      },
      askingName: {
        entry: {
          type: "reply",
          params: {
            key: "askName",
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
              guard: "wantsCancel",
              target: "done",
              actions: {
                type: "reply",
                params: {
                  key: "bookingAbandoned",
                },
              },
            },
            {
              guard: "hasEmailIfNeeded",
              target: "booking",
              actions: "rememberName",
            },
            {
              target: "askingEmail",
              actions: "rememberName",
            },
          ],
        },
      },
      askingEmail: {
        entry: {
          type: "reply",
          params: {
            key: "askEmail",
            retry: false,
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
              guard: "gaveEmail",
              target: "booking",
              actions: [
                "rememberEmail",
                {
                  type: "saveEmail",
                  params: "computed from the conversation by the engine",
                },
              ],
            },
            {
              guard: "wantsCancel",
              target: "done",
              actions: {
                type: "reply",
                params: {
                  key: "bookingAbandoned",
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
                    key: "askEmail",
                    retry: true,
                  },
                },
              ],
            },
          ],
        },
      },
      booking: {
        entry: {
          type: "createBooking",
          params: "computed from the conversation by the engine",
        },
        on: {
          BOOKED: {
            target: "done",
            actions: [
              "forgetHold",
              {
                type: "reply",
                params: {
                  key: "booked",
                },
              },
            ],
          },
          BOOK_FAILED: [
            {
              guard: "slotTaken",
              target: "searching",
              actions: "markTaken",
            },
            {
              target: "calendarDown",
              actions: "forgetHold",
            },
          ],
        },
      },
      done: {
        type: "final",
        entry: [
          {
            type: "releaseHold",
            params: "computed from the conversation by the engine",
          },
          "clearRequest",
          "forgetHold",
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
      "wantsConfirm and hasName": () => false,
      "wantsConfirm and hasName and hasEmailIfNeeded": () => false,
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
