// The "conversation" statechart, written by `npm run machines:export` from machines/ — do not edit.
// Paste this whole file into https://stately.ai/viz (or Stately editor → Import → code).
// Actions and guards are named stubs here; the real ones are in machines/setup.ts and the engine.
import { createMachine } from 'xstate';

export const machine = createMachine(
  {
    id: "conversation",
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
      bookings: [],
      target: null,
      feedbackFor: null,
    },
    initial: "idle",
    on: {
      SESSION_TIMEOUT: {
        target: ".idle",
        actions: [
          "clearRequest",
          "clearTarget",
          "forgetHold",
          "resetMisses",
          "clearFeedback",
        ],
      },
      FEEDBACK_REQUESTED: {
        target: ".feedback",
        actions: "rememberFeedbackBooking",
      },
    },
    states: {
      idle: {
        on: {
          USER: [
            {
              guard: "wantsOptOut",
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
              actions: [
                "rememberBookings",
                {
                  type: "reply",
                  params: {
                    key: "expiredOption",
                  },
                },
              ],
            },
            {
              guard: "pickedSlot",
              target: "booking.holding",
              actions: [
                "rememberBookings",
                "selectPicked",
                "resetMisses",
              ],
            },
            {
              guard: "wantsBook",
              target: "booking",
              actions: [
                "rememberBookings",
                "rememberRequest",
                "resetMisses",
              ],
            },
            {
              guard: "wantsReschedule and hasNoBookings",
              actions: [
                "rememberBookings",
                {
                  type: "reply",
                  params: {
                    key: "noBookings",
                    purpose: "reschedule",
                  },
                },
              ],
            },
            {
              guard: "wantsReschedule and hasOneOrPickedBooking and saidWhen",
              target: "rescheduling.searching",
              actions: [
                "rememberBookings",
                "targetOnlyOrPicked",
                "rememberRequest",
                "resetMisses",
              ],
            },
            {
              guard: "wantsReschedule and hasOneOrPickedBooking",
              target: "rescheduling.searching",
              actions: [
                "rememberBookings",
                "targetOnlyOrPicked",
                "clearRequest",
                "resetMisses",
              ],
            },
            {
              guard: "wantsReschedule",
              target: "rescheduling",
              actions: [
                "rememberBookings",
                "rememberRequest",
                "resetMisses",
              ],
            },
            {
              guard: "wantsCancel and hasNoBookings",
              actions: [
                "rememberBookings",
                {
                  type: "reply",
                  params: {
                    key: "noBookings",
                    purpose: "cancel",
                  },
                },
              ],
            },
            {
              guard: "wantsCancel and hasOneOrPickedBooking",
              target: "cancellation.confirming",
              actions: [
                "rememberBookings",
                "targetOnlyOrPicked",
                "resetMisses",
              ],
            },
            {
              guard: "wantsCancel",
              target: "cancellation",
              actions: [
                "rememberBookings",
                "resetMisses",
              ],
            },
            {
              guard: "wantsConfirm and hasOneOrPickedBooking",
              target: "confirmation",
              actions: [
                "rememberBookings",
                "targetOnlyOrPicked",
                "resetMisses",
              ],
            },
            {
              guard: "wantsGreeting",
              actions: [
                "rememberBookings",
                "resetMisses",
                {
                  type: "reply",
                  params: {
                    key: "greeting",
                  },
                },
              ],
            },
            {
              guard: "wantsThanks",
              actions: [
                "rememberBookings",
                {
                  type: "reply",
                  params: {
                    key: "thanks",
                  },
                },
              ],
            },
            {
              guard: "wantsHelp",
              actions: [
                "rememberBookings",
                "resetMisses",
                {
                  type: "reply",
                  params: {
                    key: "help",
                  },
                },
              ],
            },
            {
              actions: [
                "rememberBookings",
                "countMiss",
                {
                  type: "reply",
                  params: {
                    key: "didntUnderstand",
                  },
                },
              ],
            },
          ],
        },
      },
      booking: {
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
        onDone: "idle",
      },
      rescheduling: {
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
        onDone: "idle",
      },
      cancellation: {
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
        onDone: "idle",
      },
      confirmation: {
        initial: "confirming",
        states: {
          confirming: {
            entry: {
              type: "confirmAttendance",
              params: "computed from the conversation by the engine",
            },
            on: {
              ATTENDANCE_CONFIRMED: {
                target: "done",
                actions: {
                  type: "reply",
                  params: {
                    key: "attendanceConfirmed",
                  },
                },
              },
            },
          },
          done: {
            type: "final",
            entry: "clearTarget",
          },
        },
        onDone: "idle",
      },
      feedback: {
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
        onDone: "idle",
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
      "wantsCancel and hasNoBookings": () => false,
      "wantsCancel and hasOneOrPickedBooking": () => false,
      wantsConfirm: () => false,
      "wantsConfirm and hasName": () => false,
      "wantsConfirm and hasName and hasEmailIfNeeded": () => false,
      "wantsConfirm and hasOneOrPickedBooking": () => false,
      wantsDecline: () => false,
      wantsGreeting: () => false,
      wantsHelp: () => false,
      wantsHuman: () => false,
      wantsOptOut: () => false,
      wantsReschedule: () => false,
      "wantsReschedule and hasNoBookings": () => false,
      "wantsReschedule and hasOneOrPickedBooking": () => false,
      "wantsReschedule and hasOneOrPickedBooking and saidWhen": () => false,
      wantsThanks: () => false,
    },
  },
);
