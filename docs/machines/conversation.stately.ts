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
      bookingFor: null,
      hold: null,
      taken: false,
      bookings: [],
      target: null,
      feedbackFor: null,
      declined: [],
      hours: [],
      lastMiss: null,
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
      FEEDBACK_REQUESTED: [
        {
          guard: "contactOptedOut",
          actions: [],
        },
        {
          target: ".feedback",
          actions: "rememberFeedbackBooking",
        },
      ],
      USER: {
        target: ".idle",
        actions: [
          {
            type: "releaseHold",
            params: "computed from the conversation by the engine",
          },
          "clearRequest",
          "clearTarget",
          "forgetHold",
          "resetMisses",
          "inline function (see machines/)",
        ],
      },
      STAFF_TOOK_OVER: {
        target: ".handoff",
        actions: [
          "staffTakesOver",
          {
            type: "handoff",
            params: {
              reason: "staff",
            },
          },
        ],
      },
      STAFF_MESSAGE: {
        target: ".handoff",
        actions: [
          "staffTakesOver",
          {
            type: "handoff",
            params: {
              reason: "staff",
            },
          },
          {
            type: "reply",
            params: {
              key: "staffMessage",
            },
          },
        ],
      },
    },
    states: {
      idle: {
        on: {
          USER: [
            {
              guard: "wantsOptOut",
              actions: [
                "adoptLanguage",
                "clearGreeting",
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
              guard: "wantsOptIn",
              actions: [
                "adoptLanguage",
                "clearGreeting",
                "optIn",
                {
                  type: "reply",
                  params: {
                    key: "optedIn",
                  },
                },
              ],
            },
            {
              guard: "wantsPrivacyAccess",
              target: "access",
              actions: [
                "adoptLanguage",
                "clearGreeting",
                "rememberBookings",
                "resetMisses",
              ],
            },
            {
              guard: "wantsPrivacyErase",
              target: "erasure",
              actions: [
                "adoptLanguage",
                "clearGreeting",
                "rememberBookings",
                "resetMisses",
              ],
            },
            {
              guard: "wantsMarketingOptIn",
              actions: [
                "adoptLanguage",
                "clearGreeting",
                "rememberBookings",
                {
                  type: "recordMarketingConsent",
                  params: "computed from the conversation by the engine",
                },
                {
                  type: "reply",
                  params: {
                    key: "marketingGranted",
                  },
                },
              ],
            },
            {
              guard: "wantsMarketingOptOut",
              actions: [
                "adoptLanguage",
                "clearGreeting",
                "rememberBookings",
                {
                  type: "recordMarketingConsent",
                  params: "computed from the conversation by the engine",
                },
                {
                  type: "reply",
                  params: {
                    key: "marketingRevoked",
                  },
                },
              ],
            },
            {
              guard: "wantsHuman",
              target: "handoff",
              actions: [
                "adoptLanguage",
                "clearGreeting",
                "rememberBookings",
                "askForPerson",
                {
                  type: "handoff",
                  params: {
                    reason: "asked",
                  },
                },
              ],
            },
            {
              guard: "sentMediaAgain",
              actions: [
                "adoptLanguage",
                "clearGreeting",
                {
                  type: "reply",
                  params: {
                    key: "stuck",
                  },
                },
                "resetMisses",
              ],
            },
            {
              guard: "sentMedia",
              actions: [
                "adoptLanguage",
                "clearGreeting",
                "countMediaMiss",
                {
                  type: "reply",
                  params: {
                    key: "mediaNotSupported",
                  },
                },
              ],
            },
            {
              guard: "tappedExpired",
              actions: [
                "adoptLanguage",
                "clearGreeting",
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
              guard: "acknowledgedAfterMiss",
              actions: [
                "adoptLanguage",
                "clearGreeting",
                "rememberBookings",
                {
                  type: "reply",
                  params: {
                    key: "acknowledged",
                  },
                },
              ],
            },
            {
              guard: "pickedDirectSlot",
              target: "booking.booking",
              actions: [
                "adoptLanguage",
                "clearGreeting",
                "rememberBookings",
                "selectPicked",
                "resetMisses",
              ],
            },
            {
              guard: "pickedSlotHavingBooking",
              target: "anotherBooking",
              actions: [
                "adoptLanguage",
                "clearGreeting",
                "rememberBookings",
                "selectPicked",
                "targetNearestBooking",
                "resetMisses",
              ],
            },
            {
              guard: "pickedSlot",
              target: "booking.holding",
              actions: [
                "adoptLanguage",
                "clearGreeting",
                "rememberBookings",
                "selectPicked",
                "resetMisses",
              ],
            },
            {
              guard: "wantsMyBookings",
              actions: [
                "adoptLanguage",
                "clearGreeting",
                "rememberBookings",
                "resetMisses",
                {
                  type: "reply",
                  params: {
                    key: "myBookings",
                  },
                },
              ],
            },
            {
              guard: "askedKnownQuestion",
              actions: [
                "adoptLanguage",
                "clearGreeting",
                "rememberBookings",
                "resetMisses",
                {
                  type: "reply",
                  params: {
                    key: "businessAnswer",
                  },
                },
              ],
            },
            {
              guard: "askedQuestion",
              actions: [
                "adoptLanguage",
                "clearGreeting",
                "rememberBookings",
                "resetMisses",
                {
                  type: "reply",
                  params: {
                    key: "unknownQuestion",
                  },
                },
              ],
            },
            {
              guard: "gaveNewName",
              actions: [
                "adoptLanguage",
                "clearGreeting",
                "rememberBookings",
                "resetMisses",
                "rememberName",
                {
                  type: "saveName",
                  params: "computed from the conversation by the engine",
                },
                {
                  type: "reply",
                  params: {
                    key: "nameUpdated",
                  },
                },
              ],
            },
            {
              guard: "gaveNewEmail",
              actions: [
                "adoptLanguage",
                "clearGreeting",
                "rememberBookings",
                "resetMisses",
                "rememberEmail",
                {
                  type: "saveEmail",
                  params: "computed from the conversation by the engine",
                },
                {
                  type: "reply",
                  params: {
                    key: "emailUpdated",
                  },
                },
              ],
            },
            {
              guard: "gaveIncompleteEmail",
              actions: [
                "adoptLanguage",
                "clearGreeting",
                "rememberBookings",
                "resetMisses",
                {
                  type: "reply",
                  params: {
                    key: "emailIncomplete",
                  },
                },
              ],
            },
            {
              guard: "bookWithGreeting",
              target: "booking",
              actions: [
                "adoptLanguage",
                "clearGreeting",
                "rememberBookings",
                "clearRequest",
                "rememberRequest",
                "resetMisses",
                "noteGreeting",
              ],
            },
            {
              guard: "wantsBook",
              target: "booking",
              actions: [
                "adoptLanguage",
                "clearGreeting",
                "rememberBookings",
                "clearRequest",
                "rememberRequest",
                "resetMisses",
              ],
            },
            {
              guard: "rescheduleWithoutBookings",
              actions: [
                "adoptLanguage",
                "clearGreeting",
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
              guard: "rescheduleKnownBookingAndWhen",
              target: "rescheduling.searching",
              actions: [
                "adoptLanguage",
                "clearGreeting",
                "rememberBookings",
                "targetOnlyOrPicked",
                "clearRequest",
                "rememberRequest",
                "resetMisses",
              ],
            },
            {
              guard: "rescheduleKnownBooking",
              target: "rescheduling.searching",
              actions: [
                "adoptLanguage",
                "clearGreeting",
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
                "adoptLanguage",
                "clearGreeting",
                "rememberBookings",
                "clearRequest",
                "rememberRequest",
                "resetMisses",
              ],
            },
            {
              guard: "cancelWithoutBookings",
              actions: [
                "adoptLanguage",
                "clearGreeting",
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
              guard: "cancelKnownBooking",
              target: "cancellation.confirming",
              actions: [
                "adoptLanguage",
                "clearGreeting",
                "rememberBookings",
                "targetOnlyOrPicked",
                "resetMisses",
              ],
            },
            {
              guard: "wantsCancel",
              target: "cancellation",
              actions: [
                "adoptLanguage",
                "clearGreeting",
                "rememberBookings",
                "resetMisses",
              ],
            },
            {
              guard: "confirmKnownBooking",
              target: "confirmation",
              actions: [
                "adoptLanguage",
                "clearGreeting",
                "rememberBookings",
                "targetOnlyOrPicked",
                "resetMisses",
              ],
            },
            {
              guard: "tappedNothingToConfirm",
              actions: [
                "adoptLanguage",
                "clearGreeting",
                "rememberBookings",
                "resetMisses",
                {
                  type: "reply",
                  params: {
                    key: "nothingToConfirm",
                  },
                },
                {
                  type: "reply",
                  params: {
                    key: "myBookings",
                  },
                },
              ],
            },
            {
              guard: "wantsGreeting",
              actions: [
                "adoptLanguage",
                "clearGreeting",
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
                "adoptLanguage",
                "clearGreeting",
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
              guard: "wantsKeep",
              actions: [
                "adoptLanguage",
                "clearGreeting",
                "rememberBookings",
                "resetMisses",
                {
                  type: "reply",
                  params: {
                    key: "myBookings",
                  },
                },
              ],
            },
            {
              guard: "wantsHelp",
              actions: [
                "adoptLanguage",
                "clearGreeting",
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
              guard: "acknowledged",
              actions: [
                "adoptLanguage",
                "clearGreeting",
                "rememberBookings",
                {
                  type: "reply",
                  params: {
                    key: "acknowledged",
                  },
                },
              ],
            },
            {
              guard: "missedTwice",
              actions: [
                "adoptLanguage",
                "clearGreeting",
                "rememberBookings",
                {
                  type: "reply",
                  params: {
                    key: "stuck",
                  },
                },
                "resetMisses",
              ],
            },
            {
              actions: [
                "adoptLanguage",
                "clearGreeting",
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
      anotherBooking: {
        entry: {
          type: "reply",
          params: {
            key: "anotherBooking",
          },
        },
        on: {
          USER: [
            {
              guard: "wantsConfirm",
              target: "booking.holding",
              actions: [
                "adoptLanguage",
                "clearGreeting",
                "clearTarget",
                "resetMisses",
              ],
            },
            {
              guard: "wantsReschedule",
              target: "rescheduling.searching",
              actions: [
                "adoptLanguage",
                "clearGreeting",
                "moveTargetHere",
                "resetMisses",
              ],
            },
            {
              guard: "declinedAnother",
              target: "idle",
              actions: [
                "adoptLanguage",
                "clearGreeting",
                {
                  type: "reply",
                  params: {
                    key: "keptBooking",
                  },
                },
                "clearRequest",
                "clearTarget",
              ],
            },
            {
              target: "idle",
              actions: [
                "adoptLanguage",
                "clearGreeting",
                "clearRequest",
                "clearTarget",
                "inline function (see machines/)",
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
                  guard: "requestClosed",
                  target: "choosing",
                  actions: [
                    "rememberOffer",
                    {
                      type: "reply",
                      params: {
                        key: "closed",
                      },
                    },
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
                    "adoptLanguage",
                    "clearGreeting",
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
                    "adoptLanguage",
                    "clearGreeting",
                    "askForPerson",
                  ],
                },
                {
                  guard: "wantsPrivacyRequest",
                  target: "done",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "rememberPrivacyRequest",
                  ],
                },
                {
                  guard: "wantsOptIn",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "optIn",
                    {
                      type: "reply",
                      params: {
                        key: "optedIn",
                      },
                    },
                  ],
                },
                {
                  guard: "sentMedia",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "calendarDown",
                      },
                    },
                  ],
                },
                {
                  guard: "dropsBooking",
                  target: "done",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
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
                  target: "done",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "bookingAbandoned",
                      },
                    },
                  ],
                },
                {
                  guard: "askedKnownQuestion",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "businessAnswer",
                      },
                    },
                    {
                      type: "reply",
                      params: {
                        key: "calendarDown",
                      },
                    },
                  ],
                },
                {
                  guard: "askedQuestion",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "unknownQuestion",
                        inFlow: true,
                      },
                    },
                    {
                      type: "reply",
                      params: {
                        key: "calendarDown",
                      },
                    },
                  ],
                },
                {
                  guard: "gaveNewName",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "rememberName",
                    {
                      type: "saveName",
                      params: "computed from the conversation by the engine",
                    },
                    {
                      type: "reply",
                      params: {
                        key: "nameUpdated",
                      },
                    },
                    {
                      type: "reply",
                      params: {
                        key: "calendarDown",
                      },
                    },
                  ],
                },
                {
                  guard: "gaveNewEmail",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "rememberEmail",
                    {
                      type: "saveEmail",
                      params: "computed from the conversation by the engine",
                    },
                    {
                      type: "reply",
                      params: {
                        key: "emailUpdated",
                      },
                    },
                    {
                      type: "reply",
                      params: {
                        key: "calendarDown",
                      },
                    },
                  ],
                },
                {
                  guard: "gaveIncompleteEmail",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "emailIncomplete",
                      },
                    },
                    {
                      type: "reply",
                      params: {
                        key: "calendarDown",
                      },
                    },
                  ],
                },
                {
                  guard: "wantsMyBookings",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "rememberBookings",
                    {
                      type: "reply",
                      params: {
                        key: "myBookings",
                      },
                    },
                    {
                      type: "reply",
                      params: {
                        key: "calendarDown",
                      },
                    },
                  ],
                },
                {
                  guard: "saidWhenOrShift",
                  target: "searching",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "rememberRequest",
                  ],
                },
                {
                  target: "searching",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                  ],
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
                    "adoptLanguage",
                    "clearGreeting",
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
                    "adoptLanguage",
                    "clearGreeting",
                    "askForPerson",
                  ],
                },
                {
                  guard: "wantsPrivacyRequest",
                  target: "done",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "rememberPrivacyRequest",
                  ],
                },
                {
                  guard: "wantsOptIn",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "optIn",
                    {
                      type: "reply",
                      params: {
                        key: "optedIn",
                      },
                    },
                  ],
                },
                {
                  guard: "sentMediaAgain",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "stuck",
                      },
                    },
                    "resetMisses",
                  ],
                },
                {
                  guard: "sentMedia",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "countMediaMiss",
                    {
                      type: "reply",
                      params: {
                        key: "offerSlots",
                      },
                    },
                  ],
                },
                {
                  guard: "tappedExpired",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "offerSlots",
                      },
                    },
                  ],
                },
                {
                  guard: "pickedSlot",
                  target: "holding",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "selectPicked",
                    "resetMisses",
                  ],
                },
                {
                  guard: "saidWhenOrShift",
                  target: "searching",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "rememberRequest",
                    "resetMisses",
                  ],
                },
                {
                  guard: "askedKnownQuestion",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "businessAnswer",
                      },
                    },
                    {
                      type: "reply",
                      params: {
                        key: "offerSlots",
                      },
                    },
                  ],
                },
                {
                  guard: "askedQuestion",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "unknownQuestion",
                        inFlow: true,
                      },
                    },
                    {
                      type: "reply",
                      params: {
                        key: "offerSlots",
                      },
                    },
                  ],
                },
                {
                  guard: "gaveNewName",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "rememberName",
                    {
                      type: "saveName",
                      params: "computed from the conversation by the engine",
                    },
                    {
                      type: "reply",
                      params: {
                        key: "nameUpdated",
                      },
                    },
                    {
                      type: "reply",
                      params: {
                        key: "offerSlots",
                      },
                    },
                  ],
                },
                {
                  guard: "gaveNewEmail",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "rememberEmail",
                    {
                      type: "saveEmail",
                      params: "computed from the conversation by the engine",
                    },
                    {
                      type: "reply",
                      params: {
                        key: "emailUpdated",
                      },
                    },
                    {
                      type: "reply",
                      params: {
                        key: "offerSlots",
                      },
                    },
                  ],
                },
                {
                  guard: "gaveIncompleteEmail",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "emailIncomplete",
                      },
                    },
                    {
                      type: "reply",
                      params: {
                        key: "offerSlots",
                      },
                    },
                  ],
                },
                {
                  guard: "wantsMyBookings",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "rememberBookings",
                    {
                      type: "reply",
                      params: {
                        key: "myBookings",
                      },
                    },
                    {
                      type: "reply",
                      params: {
                        key: "offerSlots",
                      },
                    },
                  ],
                },
                {
                  guard: "dropsBooking",
                  target: "done",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
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
                  target: "done",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "bookingAbandoned",
                      },
                    },
                  ],
                },
                {
                  guard: "wantsChange",
                  target: "searching",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "forgetRequest",
                    "resetMisses",
                  ],
                },
                {
                  guard: "wantsBook",
                  target: "searching",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "rememberRequest",
                    "resetMisses",
                  ],
                },
                {
                  guard: "acknowledged",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "offerSlots",
                      },
                    },
                  ],
                },
                {
                  guard: "missedTwice",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "stuck",
                      },
                    },
                    "resetMisses",
                  ],
                },
                {
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
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
                    "adoptLanguage",
                    "clearGreeting",
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
                    "adoptLanguage",
                    "clearGreeting",
                    "askForPerson",
                  ],
                },
                {
                  guard: "wantsPrivacyRequest",
                  target: "done",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "rememberPrivacyRequest",
                  ],
                },
                {
                  guard: "wantsOptIn",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "optIn",
                    {
                      type: "reply",
                      params: {
                        key: "optedIn",
                      },
                    },
                  ],
                },
                {
                  guard: "confirmedWithEmailReady",
                  target: "booking",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "rememberEmail",
                    {
                      type: "saveEmail",
                      params: "computed from the conversation by the engine",
                    },
                    "resetMisses",
                  ],
                },
                {
                  guard: "confirmedWithEmail",
                  target: "askingName",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "rememberEmail",
                    {
                      type: "saveEmail",
                      params: "computed from the conversation by the engine",
                    },
                    "resetMisses",
                  ],
                },
                {
                  guard: "confirmedReady",
                  target: "booking",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "rememberBookingFor",
                    "resetMisses",
                  ],
                },
                {
                  guard: "confirmedNeedsEmail",
                  target: "askingEmail",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "rememberBookingFor",
                    "resetMisses",
                  ],
                },
                {
                  guard: "wantsConfirm",
                  target: "askingName",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "rememberBookingFor",
                    "resetMisses",
                  ],
                },
                {
                  guard: "pickedSlot",
                  target: "holding",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "releaseHold",
                      params: "computed from the conversation by the engine",
                    },
                    "forgetHold",
                    "selectPicked",
                  ],
                },
                {
                  guard: "saidWhenOrShift",
                  target: "searching",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "releaseHold",
                      params: "computed from the conversation by the engine",
                    },
                    "forgetHold",
                    "rememberRequest",
                  ],
                },
                {
                  guard: "askedKnownQuestion",
                  target: "confirming",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "businessAnswer",
                      },
                    },
                  ],
                },
                {
                  guard: "askedQuestion",
                  target: "confirming",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "unknownQuestion",
                        inFlow: true,
                      },
                    },
                  ],
                },
                {
                  guard: "gaveNewName",
                  target: "confirming",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "rememberName",
                    {
                      type: "saveName",
                      params: "computed from the conversation by the engine",
                    },
                    {
                      type: "reply",
                      params: {
                        key: "nameUpdated",
                      },
                    },
                  ],
                },
                {
                  guard: "gaveNewEmail",
                  target: "confirming",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "rememberEmail",
                    {
                      type: "saveEmail",
                      params: "computed from the conversation by the engine",
                    },
                    {
                      type: "reply",
                      params: {
                        key: "emailUpdated",
                      },
                    },
                  ],
                },
                {
                  guard: "gaveIncompleteEmail",
                  target: "confirming",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "emailIncomplete",
                      },
                    },
                  ],
                },
                {
                  guard: "wantsMyBookings",
                  target: "confirming",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "rememberBookings",
                    {
                      type: "reply",
                      params: {
                        key: "myBookings",
                      },
                    },
                  ],
                },
                {
                  guard: "dropsBooking",
                  target: "done",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
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
                  guard: "declinedWithoutOffers",
                  target: "searching",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "releaseHold",
                      params: "computed from the conversation by the engine",
                    },
                    "forgetHold",
                    "declineSelected",
                  ],
                },
                {
                  guard: "declinedOrChanged",
                  target: "choosing",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
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
                  guard: "sentMediaAgain",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "stuck",
                      },
                    },
                    "resetMisses",
                  ],
                },
                {
                  guard: "sentMedia",
                  target: "confirming",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "countMediaMiss",
                    {
                      type: "reply",
                      params: {
                        key: "notUnderstood",
                        media: true,
                      },
                    },
                  ],
                },
                {
                  guard: "acknowledged",
                  target: "confirming",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                  ],
                },
                {
                  guard: "missedTwice",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "stuck",
                      },
                    },
                    "resetMisses",
                  ],
                },
                {
                  target: "confirming",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "countMiss",
                    {
                      type: "reply",
                      params: {
                        key: "notUnderstood",
                        media: false,
                      },
                    },
                  ],
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
                    "adoptLanguage",
                    "clearGreeting",
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
                    "adoptLanguage",
                    "clearGreeting",
                    "askForPerson",
                  ],
                },
                {
                  guard: "wantsPrivacyRequest",
                  target: "done",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "rememberPrivacyRequest",
                  ],
                },
                {
                  guard: "wantsOptIn",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "optIn",
                    {
                      type: "reply",
                      params: {
                        key: "optedIn",
                      },
                    },
                  ],
                },
                {
                  guard: "dropsBooking",
                  target: "done",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
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
                  guard: "gaveNameWithEmailIfNeeded",
                  target: "booking",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "rememberName",
                    {
                      type: "saveName",
                      params: "computed from the conversation by the engine",
                    },
                    "resetMisses",
                  ],
                },
                {
                  guard: "gaveName",
                  target: "askingEmail",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "rememberName",
                    {
                      type: "saveName",
                      params: "computed from the conversation by the engine",
                    },
                    "resetMisses",
                  ],
                },
                {
                  guard: "saidWhenWithName",
                  target: "searching",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "rememberName",
                    {
                      type: "saveName",
                      params: "computed from the conversation by the engine",
                    },
                    {
                      type: "releaseHold",
                      params: "computed from the conversation by the engine",
                    },
                    "forgetHold",
                    "rememberRequest",
                  ],
                },
                {
                  guard: "saidWhenOrShift",
                  target: "searching",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "releaseHold",
                      params: "computed from the conversation by the engine",
                    },
                    "forgetHold",
                    "rememberRequest",
                  ],
                },
                {
                  guard: "askedKnownQuestion",
                  target: "askingName",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "businessAnswer",
                      },
                    },
                  ],
                },
                {
                  guard: "askedQuestion",
                  target: "askingName",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "unknownQuestion",
                        inFlow: true,
                      },
                    },
                  ],
                },
                {
                  guard: "gaveNewName",
                  target: "askingName",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "rememberName",
                    {
                      type: "saveName",
                      params: "computed from the conversation by the engine",
                    },
                    {
                      type: "reply",
                      params: {
                        key: "nameUpdated",
                      },
                    },
                  ],
                },
                {
                  guard: "gaveNewEmail",
                  target: "askingName",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "rememberEmail",
                    {
                      type: "saveEmail",
                      params: "computed from the conversation by the engine",
                    },
                    {
                      type: "reply",
                      params: {
                        key: "emailUpdated",
                      },
                    },
                  ],
                },
                {
                  guard: "gaveIncompleteEmail",
                  target: "askingName",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "emailIncomplete",
                      },
                    },
                  ],
                },
                {
                  guard: "wantsMyBookings",
                  target: "askingName",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "rememberBookings",
                    {
                      type: "reply",
                      params: {
                        key: "myBookings",
                      },
                    },
                  ],
                },
                {
                  guard: "sentMediaAgain",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "stuck",
                      },
                    },
                    "resetMisses",
                  ],
                },
                {
                  guard: "acknowledged",
                  target: "askingName",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                  ],
                },
                {
                  guard: "missedTwice",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "stuck",
                      },
                    },
                    "resetMisses",
                  ],
                },
                {
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "countMiss",
                    {
                      type: "reply",
                      params: {
                        key: "askName",
                        retry: true,
                      },
                    },
                  ],
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
                    "adoptLanguage",
                    "clearGreeting",
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
                    "adoptLanguage",
                    "clearGreeting",
                    "askForPerson",
                  ],
                },
                {
                  guard: "wantsPrivacyRequest",
                  target: "done",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "rememberPrivacyRequest",
                  ],
                },
                {
                  guard: "wantsOptIn",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "optIn",
                    {
                      type: "reply",
                      params: {
                        key: "optedIn",
                      },
                    },
                  ],
                },
                {
                  guard: "gaveEmail",
                  target: "booking",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "rememberEmail",
                    {
                      type: "saveEmail",
                      params: "computed from the conversation by the engine",
                    },
                  ],
                },
                {
                  guard: "dropsBooking",
                  target: "done",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
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
                  guard: "saidWhenOrShift",
                  target: "searching",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "releaseHold",
                      params: "computed from the conversation by the engine",
                    },
                    "forgetHold",
                    "rememberRequest",
                  ],
                },
                {
                  guard: "askedKnownQuestion",
                  target: "askingEmail",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "businessAnswer",
                      },
                    },
                  ],
                },
                {
                  guard: "askedQuestion",
                  target: "askingEmail",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "unknownQuestion",
                        inFlow: true,
                      },
                    },
                  ],
                },
                {
                  guard: "gaveNewName",
                  target: "askingEmail",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "rememberName",
                    {
                      type: "saveName",
                      params: "computed from the conversation by the engine",
                    },
                    {
                      type: "reply",
                      params: {
                        key: "nameUpdated",
                      },
                    },
                  ],
                },
                {
                  guard: "gaveNewEmail",
                  target: "askingEmail",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "rememberEmail",
                    {
                      type: "saveEmail",
                      params: "computed from the conversation by the engine",
                    },
                    {
                      type: "reply",
                      params: {
                        key: "emailUpdated",
                      },
                    },
                  ],
                },
                {
                  guard: "gaveIncompleteEmail",
                  target: "askingEmail",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "emailIncomplete",
                      },
                    },
                  ],
                },
                {
                  guard: "wantsMyBookings",
                  target: "askingEmail",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "rememberBookings",
                    {
                      type: "reply",
                      params: {
                        key: "myBookings",
                      },
                    },
                  ],
                },
                {
                  guard: "sentMediaAgain",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "stuck",
                      },
                    },
                    "resetMisses",
                  ],
                },
                {
                  guard: "acknowledged",
                  target: "askingEmail",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                  ],
                },
                {
                  guard: "missedTwice",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "stuck",
                      },
                    },
                    "resetMisses",
                  ],
                },
                {
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
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
              BOOKED: [
                {
                  guard: "bookedPending",
                  target: "done",
                  actions: [
                    "forgetHold",
                    {
                      type: "reply",
                      params: {
                        key: "bookingRequested",
                      },
                    },
                  ],
                },
                {
                  target: "done",
                  actions: [
                    "forgetHold",
                    "noteBooked",
                    {
                      type: "reply",
                      params: {
                        key: "booked",
                      },
                    },
                  ],
                },
              ],
              BOOK_FAILED: [
                {
                  guard: "addOnTaken",
                  target: "done",
                  actions: [
                    "forgetHold",
                    {
                      type: "reply",
                      params: {
                        key: "expiredOption",
                      },
                    },
                  ],
                },
                {
                  guard: "slotTaken",
                  target: "searching",
                  actions: "markTaken",
                },
                {
                  guard: "needsFields",
                  target: "askingField",
                  actions: "rememberFields",
                },
                {
                  guard: "phoneRefusedWithoutEmail",
                  target: "askingEmail",
                },
                {
                  guard: "bookingRefused",
                  target: "done",
                  actions: {
                    type: "reply",
                    params: {
                      key: "bookingRefused",
                    },
                  },
                },
                {
                  target: "calendarDown",
                  actions: "forgetHold",
                },
              ],
            },
          },
          askingField: {
            entry: {
              type: "reply",
              params: {
                key: "askBookingField",
              },
            },
            on: {
              USER: [
                {
                  guard: "wantsOptOut",
                  target: "done",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
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
                    "adoptLanguage",
                    "clearGreeting",
                    "askForPerson",
                  ],
                },
                {
                  guard: "wantsPrivacyRequest",
                  target: "done",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "rememberPrivacyRequest",
                  ],
                },
                {
                  guard: "wantsOptIn",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "optIn",
                    {
                      type: "reply",
                      params: {
                        key: "optedIn",
                      },
                    },
                  ],
                },
                {
                  guard: "dropsBooking",
                  target: "done",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "bookingAbandoned",
                      },
                    },
                  ],
                },
                {
                  guard: "answeredLastField",
                  target: "booking",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "rememberAnswer",
                  ],
                },
                {
                  guard: "answeredField",
                  target: "askingField",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "rememberAnswer",
                  ],
                },
                {
                  guard: "missedTwice",
                  target: "done",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "stuck",
                      },
                    },
                  ],
                },
                {
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "countMiss",
                    {
                      type: "reply",
                      params: {
                        key: "askBookingField",
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
              {
                type: "releaseHold",
                params: "computed from the conversation by the engine",
              },
              "clearRequest",
              "forgetHold",
              "resetMisses",
              "clearFields",
            ],
          },
        },
        onDone: [
          {
            guard: "handoffRequested",
            target: "handoff",
            actions: [
              {
                type: "handoff",
                params: {
                  reason: "asked",
                },
              },
              "clearJustBooked",
            ],
          },
          {
            guard: "privacyAccessRequested",
            target: "access",
            actions: [
              "clearPrivacyRequest",
              "clearJustBooked",
            ],
          },
          {
            guard: "privacyEraseRequested",
            target: "erasure",
            actions: [
              "clearPrivacyRequest",
              "clearJustBooked",
            ],
          },
          {
            guard: "shouldAskMarketing",
            target: "marketing",
          },
          {
            target: "idle",
            actions: "clearJustBooked",
          },
        ],
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
                    "adoptLanguage",
                    "clearGreeting",
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
                    "adoptLanguage",
                    "clearGreeting",
                    "askForPerson",
                  ],
                },
                {
                  guard: "wantsPrivacyRequest",
                  target: "done",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "rememberPrivacyRequest",
                  ],
                },
                {
                  guard: "wantsOptIn",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "optIn",
                    {
                      type: "reply",
                      params: {
                        key: "optedIn",
                      },
                    },
                  ],
                },
                {
                  guard: "pickedBookingAndWhen",
                  target: "searching",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "targetOnlyOrPicked",
                    "rememberRequest",
                  ],
                },
                {
                  guard: "pickedBooking",
                  target: "searching",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "targetOnlyOrPicked",
                  ],
                },
                {
                  guard: "dropsMove",
                  target: "done",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "keptBooking",
                      },
                    },
                  ],
                },
                {
                  guard: "wantsConfirm",
                  target: "choosingBooking",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "pickBookingFirst",
                        purpose: "reschedule",
                      },
                    },
                  ],
                },
                {
                  guard: "askedKnownQuestion",
                  target: "choosingBooking",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "businessAnswer",
                      },
                    },
                  ],
                },
                {
                  guard: "askedQuestion",
                  target: "choosingBooking",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "unknownQuestion",
                        inFlow: true,
                      },
                    },
                  ],
                },
                {
                  guard: "gaveNewName",
                  target: "choosingBooking",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "rememberName",
                    {
                      type: "saveName",
                      params: "computed from the conversation by the engine",
                    },
                    {
                      type: "reply",
                      params: {
                        key: "nameUpdated",
                      },
                    },
                  ],
                },
                {
                  guard: "gaveNewEmail",
                  target: "choosingBooking",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "rememberEmail",
                    {
                      type: "saveEmail",
                      params: "computed from the conversation by the engine",
                    },
                    {
                      type: "reply",
                      params: {
                        key: "emailUpdated",
                      },
                    },
                  ],
                },
                {
                  guard: "gaveIncompleteEmail",
                  target: "choosingBooking",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "emailIncomplete",
                      },
                    },
                  ],
                },
                {
                  guard: "wantsMyBookings",
                  target: "choosingBooking",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "rememberBookings",
                    {
                      type: "reply",
                      params: {
                        key: "myBookings",
                      },
                    },
                  ],
                },
                {
                  guard: "sentMediaAgain",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "stuck",
                      },
                    },
                    "resetMisses",
                  ],
                },
                {
                  guard: "sentMedia",
                  target: "choosingBooking",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "countMediaMiss",
                    {
                      type: "reply",
                      params: {
                        key: "notUnderstood",
                        media: true,
                      },
                    },
                  ],
                },
                {
                  guard: "acknowledged",
                  target: "choosingBooking",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                  ],
                },
                {
                  guard: "missedTwice",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "stuck",
                      },
                    },
                    "resetMisses",
                  ],
                },
                {
                  target: "choosingBooking",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "countMiss",
                    {
                      type: "reply",
                      params: {
                        key: "notUnderstood",
                        media: false,
                      },
                    },
                  ],
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
                  guard: "requestClosed",
                  target: "choosingSlot",
                  actions: [
                    "rememberOffer",
                    {
                      type: "reply",
                      params: {
                        key: "closed",
                      },
                    },
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
                    "adoptLanguage",
                    "clearGreeting",
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
                    "adoptLanguage",
                    "clearGreeting",
                    "askForPerson",
                  ],
                },
                {
                  guard: "wantsPrivacyRequest",
                  target: "done",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "rememberPrivacyRequest",
                  ],
                },
                {
                  guard: "wantsOptIn",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "optIn",
                    {
                      type: "reply",
                      params: {
                        key: "optedIn",
                      },
                    },
                  ],
                },
                {
                  guard: "sentMediaAgain",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "stuck",
                      },
                    },
                    "resetMisses",
                  ],
                },
                {
                  guard: "sentMedia",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "countMediaMiss",
                    {
                      type: "reply",
                      params: {
                        key: "offerSlots",
                      },
                    },
                  ],
                },
                {
                  guard: "tappedExpired",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "offerSlots",
                      },
                    },
                  ],
                },
                {
                  guard: "pickedSlot",
                  target: "confirming",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "selectPicked",
                    "resetMisses",
                  ],
                },
                {
                  guard: "saidWhenOrShift",
                  target: "searching",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "rememberRequest",
                    "resetMisses",
                  ],
                },
                {
                  guard: "askedKnownQuestion",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "businessAnswer",
                      },
                    },
                    {
                      type: "reply",
                      params: {
                        key: "offerSlots",
                      },
                    },
                  ],
                },
                {
                  guard: "askedQuestion",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "unknownQuestion",
                        inFlow: true,
                      },
                    },
                    {
                      type: "reply",
                      params: {
                        key: "offerSlots",
                      },
                    },
                  ],
                },
                {
                  guard: "gaveNewName",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "rememberName",
                    {
                      type: "saveName",
                      params: "computed from the conversation by the engine",
                    },
                    {
                      type: "reply",
                      params: {
                        key: "nameUpdated",
                      },
                    },
                    {
                      type: "reply",
                      params: {
                        key: "offerSlots",
                      },
                    },
                  ],
                },
                {
                  guard: "gaveNewEmail",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "rememberEmail",
                    {
                      type: "saveEmail",
                      params: "computed from the conversation by the engine",
                    },
                    {
                      type: "reply",
                      params: {
                        key: "emailUpdated",
                      },
                    },
                    {
                      type: "reply",
                      params: {
                        key: "offerSlots",
                      },
                    },
                  ],
                },
                {
                  guard: "gaveIncompleteEmail",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "emailIncomplete",
                      },
                    },
                    {
                      type: "reply",
                      params: {
                        key: "offerSlots",
                      },
                    },
                  ],
                },
                {
                  guard: "wantsMyBookings",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "rememberBookings",
                    {
                      type: "reply",
                      params: {
                        key: "myBookings",
                      },
                    },
                    {
                      type: "reply",
                      params: {
                        key: "offerSlots",
                      },
                    },
                  ],
                },
                {
                  guard: "dropsMoveOrKeeps",
                  target: "done",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "keptBooking",
                      },
                    },
                  ],
                },
                {
                  guard: "wantsChange",
                  target: "searching",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "forgetRequest",
                    "resetMisses",
                  ],
                },
                {
                  guard: "acknowledged",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "offerSlots",
                      },
                    },
                  ],
                },
                {
                  guard: "missedTwice",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "stuck",
                      },
                    },
                    "resetMisses",
                  ],
                },
                {
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
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
                    "adoptLanguage",
                    "clearGreeting",
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
                    "adoptLanguage",
                    "clearGreeting",
                    "askForPerson",
                  ],
                },
                {
                  guard: "wantsPrivacyRequest",
                  target: "done",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "rememberPrivacyRequest",
                  ],
                },
                {
                  guard: "wantsOptIn",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "optIn",
                    {
                      type: "reply",
                      params: {
                        key: "optedIn",
                      },
                    },
                  ],
                },
                {
                  guard: "wantsKeep",
                  target: "done",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "keptBooking",
                      },
                    },
                  ],
                },
                {
                  guard: "wantsConfirm",
                  target: "moving",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "resetMisses",
                  ],
                },
                {
                  guard: "pickedSlot",
                  target: "confirming",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "selectPicked",
                  ],
                },
                {
                  guard: "saidWhenOrShift",
                  target: "searching",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "rememberRequest",
                  ],
                },
                {
                  guard: "askedKnownQuestion",
                  target: "confirming",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "businessAnswer",
                      },
                    },
                  ],
                },
                {
                  guard: "askedQuestion",
                  target: "confirming",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "unknownQuestion",
                        inFlow: true,
                      },
                    },
                  ],
                },
                {
                  guard: "gaveNewName",
                  target: "confirming",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "rememberName",
                    {
                      type: "saveName",
                      params: "computed from the conversation by the engine",
                    },
                    {
                      type: "reply",
                      params: {
                        key: "nameUpdated",
                      },
                    },
                  ],
                },
                {
                  guard: "gaveNewEmail",
                  target: "confirming",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "rememberEmail",
                    {
                      type: "saveEmail",
                      params: "computed from the conversation by the engine",
                    },
                    {
                      type: "reply",
                      params: {
                        key: "emailUpdated",
                      },
                    },
                  ],
                },
                {
                  guard: "gaveIncompleteEmail",
                  target: "confirming",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "emailIncomplete",
                      },
                    },
                  ],
                },
                {
                  guard: "wantsMyBookings",
                  target: "confirming",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "rememberBookings",
                    {
                      type: "reply",
                      params: {
                        key: "myBookings",
                      },
                    },
                  ],
                },
                {
                  guard: "declinedWithoutOffers",
                  target: "searching",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "declineSelected",
                  ],
                },
                {
                  guard: "declinedOrChanged",
                  target: "choosingSlot",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "offerSlots",
                      },
                    },
                  ],
                },
                {
                  guard: "wantsCancel",
                  target: "done",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "keptBooking",
                      },
                    },
                  ],
                },
                {
                  guard: "sentMediaAgain",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "stuck",
                      },
                    },
                    "resetMisses",
                  ],
                },
                {
                  guard: "sentMedia",
                  target: "confirming",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "countMediaMiss",
                    {
                      type: "reply",
                      params: {
                        key: "notUnderstood",
                        media: true,
                      },
                    },
                  ],
                },
                {
                  guard: "acknowledged",
                  target: "confirming",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                  ],
                },
                {
                  guard: "missedTwice",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "stuck",
                      },
                    },
                    "resetMisses",
                  ],
                },
                {
                  target: "confirming",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "countMiss",
                    {
                      type: "reply",
                      params: {
                        key: "notUnderstood",
                        media: false,
                      },
                    },
                  ],
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
                  guard: "bookingRefused",
                  target: "done",
                  actions: {
                    type: "reply",
                    params: {
                      key: "bookingRefused",
                    },
                  },
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
        onDone: [
          {
            guard: "handoffRequested",
            target: "handoff",
            actions: {
              type: "handoff",
              params: {
                reason: "asked",
              },
            },
          },
          {
            guard: "privacyAccessRequested",
            target: "access",
            actions: "clearPrivacyRequest",
          },
          {
            guard: "privacyEraseRequested",
            target: "erasure",
            actions: "clearPrivacyRequest",
          },
          {
            target: "idle",
          },
        ],
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
                    "adoptLanguage",
                    "clearGreeting",
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
                    "adoptLanguage",
                    "clearGreeting",
                    "askForPerson",
                  ],
                },
                {
                  guard: "wantsPrivacyRequest",
                  target: "done",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "rememberPrivacyRequest",
                  ],
                },
                {
                  guard: "wantsOptIn",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "optIn",
                    {
                      type: "reply",
                      params: {
                        key: "optedIn",
                      },
                    },
                  ],
                },
                {
                  guard: "pickedBooking",
                  target: "confirming",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "targetOnlyOrPicked",
                    "resetMisses",
                  ],
                },
                {
                  guard: "keepsBooking",
                  target: "done",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "keptBooking",
                      },
                    },
                  ],
                },
                {
                  guard: "wantsConfirm",
                  target: "choosingBooking",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "pickBookingFirst",
                        purpose: "cancel",
                      },
                    },
                  ],
                },
                {
                  guard: "askedKnownQuestion",
                  target: "choosingBooking",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "businessAnswer",
                      },
                    },
                  ],
                },
                {
                  guard: "askedQuestion",
                  target: "choosingBooking",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "unknownQuestion",
                        inFlow: true,
                      },
                    },
                  ],
                },
                {
                  guard: "gaveNewName",
                  target: "choosingBooking",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "rememberName",
                    {
                      type: "saveName",
                      params: "computed from the conversation by the engine",
                    },
                    {
                      type: "reply",
                      params: {
                        key: "nameUpdated",
                      },
                    },
                  ],
                },
                {
                  guard: "gaveNewEmail",
                  target: "choosingBooking",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "rememberEmail",
                    {
                      type: "saveEmail",
                      params: "computed from the conversation by the engine",
                    },
                    {
                      type: "reply",
                      params: {
                        key: "emailUpdated",
                      },
                    },
                  ],
                },
                {
                  guard: "gaveIncompleteEmail",
                  target: "choosingBooking",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "emailIncomplete",
                      },
                    },
                  ],
                },
                {
                  guard: "wantsMyBookings",
                  target: "choosingBooking",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "rememberBookings",
                    {
                      type: "reply",
                      params: {
                        key: "myBookings",
                      },
                    },
                  ],
                },
                {
                  guard: "sentMediaAgain",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "stuck",
                      },
                    },
                    "resetMisses",
                  ],
                },
                {
                  guard: "sentMedia",
                  target: "choosingBooking",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "countMediaMiss",
                    {
                      type: "reply",
                      params: {
                        key: "notUnderstood",
                        media: true,
                      },
                    },
                  ],
                },
                {
                  guard: "acknowledged",
                  target: "choosingBooking",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                  ],
                },
                {
                  guard: "missedTwice",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "stuck",
                      },
                    },
                    "resetMisses",
                  ],
                },
                {
                  target: "choosingBooking",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "countMiss",
                    {
                      type: "reply",
                      params: {
                        key: "notUnderstood",
                        media: false,
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
                key: "confirmCancel",
              },
            },
            on: {
              USER: [
                {
                  guard: "wantsOptOut",
                  target: "done",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
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
                    "adoptLanguage",
                    "clearGreeting",
                    "askForPerson",
                  ],
                },
                {
                  guard: "wantsPrivacyRequest",
                  target: "done",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "rememberPrivacyRequest",
                  ],
                },
                {
                  guard: "wantsOptIn",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "optIn",
                    {
                      type: "reply",
                      params: {
                        key: "optedIn",
                      },
                    },
                  ],
                },
                {
                  guard: "confirmsCancel",
                  target: "cancelling",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                  ],
                },
                {
                  guard: "keepsBookingOrMoves",
                  target: "done",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "keptBooking",
                      },
                    },
                  ],
                },
                {
                  guard: "askedKnownQuestion",
                  target: "confirming",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "businessAnswer",
                      },
                    },
                  ],
                },
                {
                  guard: "askedQuestion",
                  target: "confirming",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "unknownQuestion",
                        inFlow: true,
                      },
                    },
                  ],
                },
                {
                  guard: "gaveNewName",
                  target: "confirming",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "rememberName",
                    {
                      type: "saveName",
                      params: "computed from the conversation by the engine",
                    },
                    {
                      type: "reply",
                      params: {
                        key: "nameUpdated",
                      },
                    },
                  ],
                },
                {
                  guard: "gaveNewEmail",
                  target: "confirming",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "rememberEmail",
                    {
                      type: "saveEmail",
                      params: "computed from the conversation by the engine",
                    },
                    {
                      type: "reply",
                      params: {
                        key: "emailUpdated",
                      },
                    },
                  ],
                },
                {
                  guard: "gaveIncompleteEmail",
                  target: "confirming",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "emailIncomplete",
                      },
                    },
                  ],
                },
                {
                  guard: "wantsMyBookings",
                  target: "confirming",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "rememberBookings",
                    {
                      type: "reply",
                      params: {
                        key: "myBookings",
                      },
                    },
                  ],
                },
                {
                  guard: "sentMediaAgain",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "stuck",
                      },
                    },
                    "resetMisses",
                  ],
                },
                {
                  guard: "sentMedia",
                  target: "confirming",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "countMediaMiss",
                    {
                      type: "reply",
                      params: {
                        key: "notUnderstood",
                        media: true,
                      },
                    },
                  ],
                },
                {
                  guard: "acknowledged",
                  target: "confirming",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                  ],
                },
                {
                  guard: "missedTwice",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "stuck",
                      },
                    },
                    "resetMisses",
                  ],
                },
                {
                  target: "confirming",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "countMiss",
                    {
                      type: "reply",
                      params: {
                        key: "notUnderstood",
                        media: false,
                      },
                    },
                  ],
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
        onDone: [
          {
            guard: "handoffRequested",
            target: "handoff",
            actions: {
              type: "handoff",
              params: {
                reason: "asked",
              },
            },
          },
          {
            guard: "privacyAccessRequested",
            target: "access",
            actions: "clearPrivacyRequest",
          },
          {
            guard: "privacyEraseRequested",
            target: "erasure",
            actions: "clearPrivacyRequest",
          },
          {
            target: "idle",
          },
        ],
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
        onDone: [
          {
            guard: "handoffRequested",
            target: "handoff",
            actions: {
              type: "handoff",
              params: {
                reason: "asked",
              },
            },
          },
          {
            guard: "privacyAccessRequested",
            target: "access",
            actions: "clearPrivacyRequest",
          },
          {
            guard: "privacyEraseRequested",
            target: "erasure",
            actions: "clearPrivacyRequest",
          },
          {
            target: "idle",
          },
        ],
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
                    "adoptLanguage",
                    "clearGreeting",
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
                    "adoptLanguage",
                    "clearGreeting",
                    "askForPerson",
                  ],
                },
                {
                  guard: "wantsPrivacyRequest",
                  target: "done",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "rememberPrivacyRequest",
                  ],
                },
                {
                  guard: "wantsOptIn",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "optIn",
                    {
                      type: "reply",
                      params: {
                        key: "optedIn",
                      },
                    },
                  ],
                },
                {
                  guard: "gaveRating",
                  target: "awaitingComment",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "recordFeedback",
                      params: "computed from the conversation by the engine",
                    },
                  ],
                },
                {
                  guard: "wantsDecline",
                  target: "done",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "feedbackThanks",
                      },
                    },
                  ],
                },
                {
                  guard: "askedKnownQuestion",
                  target: "awaitingRating",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "businessAnswer",
                      },
                    },
                  ],
                },
                {
                  guard: "askedQuestion",
                  target: "awaitingRating",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "unknownQuestion",
                        inFlow: true,
                      },
                    },
                  ],
                },
                {
                  guard: "gaveNewName",
                  target: "awaitingRating",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "rememberName",
                    {
                      type: "saveName",
                      params: "computed from the conversation by the engine",
                    },
                    {
                      type: "reply",
                      params: {
                        key: "nameUpdated",
                      },
                    },
                  ],
                },
                {
                  guard: "gaveNewEmail",
                  target: "awaitingRating",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "rememberEmail",
                    {
                      type: "saveEmail",
                      params: "computed from the conversation by the engine",
                    },
                    {
                      type: "reply",
                      params: {
                        key: "emailUpdated",
                      },
                    },
                  ],
                },
                {
                  guard: "gaveIncompleteEmail",
                  target: "awaitingRating",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "emailIncomplete",
                      },
                    },
                  ],
                },
                {
                  guard: "wantsMyBookings",
                  target: "awaitingRating",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "rememberBookings",
                    {
                      type: "reply",
                      params: {
                        key: "myBookings",
                      },
                    },
                  ],
                },
                {
                  guard: "sentMediaAgain",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "stuck",
                      },
                    },
                    "resetMisses",
                  ],
                },
                {
                  guard: "sentMedia",
                  target: "awaitingRating",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "countMediaMiss",
                    {
                      type: "reply",
                      params: {
                        key: "notUnderstood",
                        media: true,
                      },
                    },
                  ],
                },
                {
                  guard: "acknowledged",
                  target: "awaitingRating",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                  ],
                },
                {
                  guard: "missedTwice",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "stuck",
                      },
                    },
                    "resetMisses",
                  ],
                },
                {
                  target: "awaitingRating",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "countMiss",
                    {
                      type: "reply",
                      params: {
                        key: "notUnderstood",
                        media: false,
                      },
                    },
                  ],
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
                    "adoptLanguage",
                    "clearGreeting",
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
                    "adoptLanguage",
                    "clearGreeting",
                    "askForPerson",
                  ],
                },
                {
                  guard: "wantsPrivacyRequest",
                  target: "done",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "rememberPrivacyRequest",
                  ],
                },
                {
                  guard: "wantsOptIn",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "optIn",
                    {
                      type: "reply",
                      params: {
                        key: "optedIn",
                      },
                    },
                  ],
                },
                {
                  guard: "wantsDecline",
                  target: "done",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "feedbackThanks",
                      },
                    },
                  ],
                },
                {
                  guard: "askedKnownQuestion",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "businessAnswer",
                      },
                    },
                    {
                      type: "reply",
                      params: {
                        key: "askComment",
                      },
                    },
                  ],
                },
                {
                  guard: "askedQuestion",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "unknownQuestion",
                        inFlow: true,
                      },
                    },
                    {
                      type: "reply",
                      params: {
                        key: "askComment",
                      },
                    },
                  ],
                },
                {
                  guard: "gaveNewName",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "rememberName",
                    {
                      type: "saveName",
                      params: "computed from the conversation by the engine",
                    },
                    {
                      type: "reply",
                      params: {
                        key: "nameUpdated",
                      },
                    },
                    {
                      type: "reply",
                      params: {
                        key: "askComment",
                      },
                    },
                  ],
                },
                {
                  guard: "gaveNewEmail",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "rememberEmail",
                    {
                      type: "saveEmail",
                      params: "computed from the conversation by the engine",
                    },
                    {
                      type: "reply",
                      params: {
                        key: "emailUpdated",
                      },
                    },
                    {
                      type: "reply",
                      params: {
                        key: "askComment",
                      },
                    },
                  ],
                },
                {
                  guard: "gaveIncompleteEmail",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "emailIncomplete",
                      },
                    },
                    {
                      type: "reply",
                      params: {
                        key: "askComment",
                      },
                    },
                  ],
                },
                {
                  guard: "wantsMyBookings",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "rememberBookings",
                    {
                      type: "reply",
                      params: {
                        key: "myBookings",
                      },
                    },
                    {
                      type: "reply",
                      params: {
                        key: "askComment",
                      },
                    },
                  ],
                },
                {
                  target: "done",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
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
        onDone: [
          {
            guard: "handoffRequested",
            target: "handoff",
            actions: {
              type: "handoff",
              params: {
                reason: "asked",
              },
            },
          },
          {
            guard: "privacyAccessRequested",
            target: "access",
            actions: "clearPrivacyRequest",
          },
          {
            guard: "privacyEraseRequested",
            target: "erasure",
            actions: "clearPrivacyRequest",
          },
          {
            target: "idle",
          },
        ],
      },
      handoff: {
        on: {
          HANDOFF_STARTED: [
            {
              guard: "personAsked",
              actions: [
                "rememberHandoffStart",
                {
                  type: "reply",
                  params: {
                    key: "handoffStarted",
                  },
                },
              ],
            },
            {
              actions: "rememberHandoffStart",
            },
          ],
          USER: [
            {
              guard: "wantsOptOut",
              target: "idle",
              actions: [
                "optOut",
                {
                  type: "reply",
                  params: {
                    key: "optedOut",
                  },
                },
                {
                  type: "endHandoff",
                  params: {
                    by: "opt_out",
                  },
                },
                "clearHandoff",
              ],
            },
            {
              guard: "wantsResumeBot",
              target: "idle",
              actions: [
                "rememberBookings",
                "resetMisses",
                {
                  type: "endHandoff",
                  params: {
                    by: "person",
                  },
                },
                "clearHandoff",
                {
                  type: "reply",
                  params: {
                    key: "backToBot",
                  },
                },
              ],
            },
            {
              guard: "handoffNotAcked",
              actions: [
                "rememberBookings",
                {
                  type: "forwardToStaff",
                  params: "computed from the conversation by the engine",
                },
                "noteHandoffAcked",
                {
                  type: "reply",
                  params: {
                    key: "handoffForwarded",
                  },
                },
              ],
            },
            {
              actions: [
                "rememberBookings",
                {
                  type: "forwardToStaff",
                  params: "computed from the conversation by the engine",
                },
              ],
            },
          ],
          STAFF_MESSAGE: {
            actions: {
              type: "reply",
              params: {
                key: "staffMessage",
              },
            },
          },
          STAFF_TOOK_OVER: {
            actions: [],
          },
          STAFF_RELEASED: {
            target: "idle",
            actions: [
              {
                type: "endHandoff",
                params: {
                  by: "staff",
                },
              },
              "clearHandoff",
              "resetMisses",
              {
                type: "reply",
                params: {
                  key: "handoffEnded",
                },
              },
            ],
          },
          HANDOFF_TIMEOUT: {
            guard: "handoffTimerIsCurrent",
            target: "idle",
            actions: [
              {
                type: "endHandoff",
                params: {
                  by: "timeout",
                },
              },
              "clearHandoff",
              "resetMisses",
            ],
          },
          SESSION_TIMEOUT: {
            actions: [],
          },
          FEEDBACK_REQUESTED: {
            actions: [],
          },
        },
      },
      access: {
        initial: "preparing",
        states: {
          preparing: {
            entry: "prepareExport",
            on: {
              PRIVACY_EXPORT_READY: {
                target: "done",
                actions: {
                  type: "reply",
                  params: {
                    key: "privacyUnavailable",
                  },
                },
              },
              PRIVACY_EXPORT_FAILED: {
                target: "done",
                actions: {
                  type: "reply",
                  params: {
                    key: "privacyUnavailable",
                  },
                },
              },
            },
          },
          done: {
            type: "final",
          },
        },
        onDone: [
          {
            guard: "handoffRequested",
            target: "handoff",
            actions: {
              type: "handoff",
              params: {
                reason: "asked",
              },
            },
          },
          {
            guard: "privacyAccessRequested",
            target: "access",
            actions: "clearPrivacyRequest",
          },
          {
            guard: "privacyEraseRequested",
            target: "erasure",
            actions: "clearPrivacyRequest",
          },
          {
            target: "idle",
          },
        ],
      },
      erasure: {
        initial: "confirming",
        states: {
          confirming: {
            entry: {
              type: "reply",
              params: {
                key: "confirmErase",
              },
            },
            on: {
              USER: [
                {
                  guard: "wantsOptOut",
                  target: "done",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
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
                    "adoptLanguage",
                    "clearGreeting",
                    "askForPerson",
                  ],
                },
                {
                  guard: "confirmedEraseWithBookings",
                  target: "askingBookings",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "rememberBookings",
                  ],
                },
                {
                  guard: "confirmedErase",
                  target: "erasing",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                  ],
                },
                {
                  guard: "changedMind",
                  target: "done",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "eraseKept",
                      },
                    },
                  ],
                },
                {
                  guard: "askedKnownQuestion",
                  target: "confirming",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "businessAnswer",
                      },
                    },
                  ],
                },
                {
                  guard: "askedQuestion",
                  target: "confirming",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "unknownQuestion",
                        inFlow: true,
                      },
                    },
                  ],
                },
                {
                  guard: "gaveNewName",
                  target: "confirming",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "rememberName",
                    {
                      type: "saveName",
                      params: "computed from the conversation by the engine",
                    },
                    {
                      type: "reply",
                      params: {
                        key: "nameUpdated",
                      },
                    },
                  ],
                },
                {
                  guard: "gaveNewEmail",
                  target: "confirming",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "rememberEmail",
                    {
                      type: "saveEmail",
                      params: "computed from the conversation by the engine",
                    },
                    {
                      type: "reply",
                      params: {
                        key: "emailUpdated",
                      },
                    },
                  ],
                },
                {
                  guard: "gaveIncompleteEmail",
                  target: "confirming",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "emailIncomplete",
                      },
                    },
                  ],
                },
                {
                  guard: "wantsMyBookings",
                  target: "confirming",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "rememberBookings",
                    {
                      type: "reply",
                      params: {
                        key: "myBookings",
                      },
                    },
                  ],
                },
                {
                  guard: "sentMediaAgain",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "stuck",
                      },
                    },
                    "resetMisses",
                  ],
                },
                {
                  guard: "sentMedia",
                  target: "confirming",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "countMediaMiss",
                    {
                      type: "reply",
                      params: {
                        key: "notUnderstood",
                        media: true,
                      },
                    },
                  ],
                },
                {
                  guard: "acknowledged",
                  target: "confirming",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                  ],
                },
                {
                  guard: "missedTwice",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "stuck",
                      },
                    },
                    "resetMisses",
                  ],
                },
                {
                  target: "confirming",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "countMiss",
                    {
                      type: "reply",
                      params: {
                        key: "notUnderstood",
                        media: false,
                      },
                    },
                  ],
                },
              ],
            },
          },
          askingBookings: {
            entry: {
              type: "reply",
              params: {
                key: "eraseCancelBookings",
              },
            },
            on: {
              USER: [
                {
                  guard: "wantsOptOut",
                  target: "done",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
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
                    "adoptLanguage",
                    "clearGreeting",
                    "askForPerson",
                  ],
                },
                {
                  guard: "confirmedCancelForErase",
                  target: "cancelling",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                  ],
                },
                {
                  guard: "changedMind",
                  target: "done",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "eraseKept",
                      },
                    },
                  ],
                },
                {
                  guard: "askedKnownQuestion",
                  target: "askingBookings",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "businessAnswer",
                      },
                    },
                  ],
                },
                {
                  guard: "askedQuestion",
                  target: "askingBookings",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "unknownQuestion",
                        inFlow: true,
                      },
                    },
                  ],
                },
                {
                  guard: "gaveNewName",
                  target: "askingBookings",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "rememberName",
                    {
                      type: "saveName",
                      params: "computed from the conversation by the engine",
                    },
                    {
                      type: "reply",
                      params: {
                        key: "nameUpdated",
                      },
                    },
                  ],
                },
                {
                  guard: "gaveNewEmail",
                  target: "askingBookings",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "rememberEmail",
                    {
                      type: "saveEmail",
                      params: "computed from the conversation by the engine",
                    },
                    {
                      type: "reply",
                      params: {
                        key: "emailUpdated",
                      },
                    },
                  ],
                },
                {
                  guard: "gaveIncompleteEmail",
                  target: "askingBookings",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "emailIncomplete",
                      },
                    },
                  ],
                },
                {
                  guard: "wantsMyBookings",
                  target: "askingBookings",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "rememberBookings",
                    {
                      type: "reply",
                      params: {
                        key: "myBookings",
                      },
                    },
                  ],
                },
                {
                  guard: "sentMediaAgain",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "stuck",
                      },
                    },
                    "resetMisses",
                  ],
                },
                {
                  guard: "sentMedia",
                  target: "askingBookings",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "countMediaMiss",
                    {
                      type: "reply",
                      params: {
                        key: "notUnderstood",
                        media: true,
                      },
                    },
                  ],
                },
                {
                  guard: "acknowledged",
                  target: "askingBookings",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                  ],
                },
                {
                  guard: "missedTwice",
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    {
                      type: "reply",
                      params: {
                        key: "stuck",
                      },
                    },
                    "resetMisses",
                  ],
                },
                {
                  target: "askingBookings",
                  reenter: true,
                  actions: [
                    "adoptLanguage",
                    "clearGreeting",
                    "countMiss",
                    {
                      type: "reply",
                      params: {
                        key: "notUnderstood",
                        media: false,
                      },
                    },
                  ],
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
              CANCELLED: [
                {
                  guard: "moreToCancel",
                  target: "cancelling",
                  reenter: true,
                  actions: "dropCancelled",
                },
                {
                  target: "erasing",
                  actions: "dropCancelled",
                },
              ],
              CANCEL_FAILED: {
                target: "done",
                actions: {
                  type: "reply",
                  params: {
                    key: "eraseFailed",
                  },
                },
              },
            },
          },
          erasing: {
            entry: [
              {
                type: "reply",
                params: {
                  key: "erased",
                },
              },
              "eraseContact",
            ],
            on: {
              ERASE_FAILED: {
                target: "done",
                actions: {
                  type: "reply",
                  params: {
                    key: "eraseFailed",
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
        onDone: [
          {
            guard: "handoffRequested",
            target: "handoff",
            actions: {
              type: "handoff",
              params: {
                reason: "asked",
              },
            },
          },
          {
            guard: "privacyAccessRequested",
            target: "access",
            actions: "clearPrivacyRequest",
          },
          {
            guard: "privacyEraseRequested",
            target: "erasure",
            actions: "clearPrivacyRequest",
          },
          {
            target: "idle",
          },
        ],
      },
      marketing: {
        entry: [
          {
            type: "reply",
            params: {
              key: "askMarketing",
            },
          },
          "markMarketingAsked",
          "noteMarketingAsked",
          "clearJustBooked",
          "clearMarketingReasked",
        ],
        on: {
          USER: [
            {
              guard: "repeatsEarlierYes",
              actions: [
                "adoptLanguage",
                "clearGreeting",
              ],
            },
            {
              guard: "grantsMarketing",
              target: "idle",
              actions: [
                "adoptLanguage",
                "clearGreeting",
                {
                  type: "recordMarketingConsent",
                  params: "computed from the conversation by the engine",
                },
                {
                  type: "reply",
                  params: {
                    key: "marketingGranted",
                  },
                },
              ],
            },
            {
              guard: "tappedOtherAnswer",
              actions: [
                "adoptLanguage",
                "clearGreeting",
                "noteMarketingReasked",
                {
                  type: "reply",
                  params: {
                    key: "askMarketing",
                    again: true,
                  },
                },
              ],
            },
            {
              guard: "saidNoToOffers",
              target: "idle",
              actions: [
                "adoptLanguage",
                "clearGreeting",
                {
                  type: "recordMarketingConsent",
                  params: "computed from the conversation by the engine",
                },
                {
                  type: "reply",
                  params: {
                    key: "marketingDeclined",
                  },
                },
              ],
            },
            {
              guard: "ackNotYetReasked",
              actions: [
                "adoptLanguage",
                "clearGreeting",
                "noteMarketingReasked",
                {
                  type: "reply",
                  params: {
                    key: "askMarketing",
                    again: true,
                  },
                },
              ],
            },
            {
              target: "idle",
              actions: [
                "adoptLanguage",
                "clearGreeting",
                "inline function (see machines/)",
              ],
            },
          ],
        },
      },
    },
  },
  {
    actions: {
      adoptLanguage: () => {},
      askForPerson: () => {},
      cancelBooking: () => {},
      clearFeedback: () => {},
      clearFields: () => {},
      clearGreeting: () => {},
      clearHandoff: () => {},
      clearJustBooked: () => {},
      clearMarketingReasked: () => {},
      clearPrivacyRequest: () => {},
      clearRequest: () => {},
      clearTarget: () => {},
      confirmAttendance: () => {},
      countMediaMiss: () => {},
      countMiss: () => {},
      createBooking: () => {},
      declineSelected: () => {},
      dropCancelled: () => {},
      endHandoff: () => {},
      eraseContact: () => {},
      findSlots: () => {},
      forgetHold: () => {},
      forgetRequest: () => {},
      forwardToStaff: () => {},
      handoff: () => {},
      holdSlot: () => {},
      markMarketingAsked: () => {},
      markTaken: () => {},
      moveTargetHere: () => {},
      noteBooked: () => {},
      noteGreeting: () => {},
      noteHandoffAcked: () => {},
      noteMarketingAsked: () => {},
      noteMarketingReasked: () => {},
      optIn: () => {},
      optOut: () => {},
      prepareExport: () => {},
      recordFeedback: () => {},
      recordMarketingConsent: () => {},
      releaseHold: () => {},
      rememberAnswer: () => {},
      rememberBookingFor: () => {},
      rememberBookings: () => {},
      rememberEmail: () => {},
      rememberFeedbackBooking: () => {},
      rememberFields: () => {},
      rememberHandoffStart: () => {},
      rememberHold: () => {},
      rememberName: () => {},
      rememberOffer: () => {},
      rememberPrivacyRequest: () => {},
      rememberRequest: () => {},
      reply: () => {},
      rescheduleBooking: () => {},
      resetMisses: () => {},
      saveEmail: () => {},
      saveName: () => {},
      scheduleRetry: () => {},
      selectExact: () => {},
      selectPicked: () => {},
      staffTakesOver: () => {},
      targetFromRescheduled: () => {},
      targetNearestBooking: () => {},
      targetOnlyOrPicked: () => {},
    },
    guards: {
      ackNotYetReasked: () => false,
      acknowledged: () => false,
      acknowledgedAfterMiss: () => false,
      addOnTaken: () => false,
      answeredField: () => false,
      answeredLastField: () => false,
      askedKnownQuestion: () => false,
      askedQuestion: () => false,
      bookWithGreeting: () => false,
      bookedPending: () => false,
      bookingRefused: () => false,
      cancelKnownBooking: () => false,
      cancelWithoutBookings: () => false,
      changedMind: () => false,
      confirmKnownBooking: () => false,
      confirmedCancelForErase: () => false,
      confirmedErase: () => false,
      confirmedEraseWithBookings: () => false,
      confirmedNeedsEmail: () => false,
      confirmedReady: () => false,
      confirmedWithEmail: () => false,
      confirmedWithEmailReady: () => false,
      confirmsCancel: () => false,
      contactOptedOut: () => false,
      declinedAnother: () => false,
      declinedOrChanged: () => false,
      declinedWithoutOffers: () => false,
      dropsBooking: () => false,
      dropsMove: () => false,
      dropsMoveOrKeeps: () => false,
      exactIsFree: () => false,
      gaveEmail: () => false,
      gaveIncompleteEmail: () => false,
      gaveName: () => false,
      gaveNameWithEmailIfNeeded: () => false,
      gaveNewEmail: () => false,
      gaveNewName: () => false,
      gaveRating: () => false,
      grantsMarketing: () => false,
      handoffNotAcked: () => false,
      handoffRequested: () => false,
      handoffTimerIsCurrent: () => false,
      hasEmailIfNeeded: () => false,
      hasHold: () => false,
      hasName: () => false,
      hasNoBookings: () => false,
      hasOneOrPickedBooking: () => false,
      hasOptions: () => false,
      hasOtherOffers: () => false,
      keepsBooking: () => false,
      keepsBookingOrMoves: () => false,
      missedTwice: () => false,
      moreToCancel: () => false,
      needsFields: () => false,
      personAsked: () => false,
      phoneRefusedWithoutEmail: () => false,
      pickedBooking: () => false,
      pickedBookingAndWhen: () => false,
      pickedDirectSlot: () => false,
      pickedSlot: () => false,
      pickedSlotHavingBooking: () => false,
      privacyAccessRequested: () => false,
      privacyEraseRequested: () => false,
      repeatsEarlierYes: () => false,
      requestClosed: () => false,
      rescheduleKnownBooking: () => false,
      rescheduleKnownBookingAndWhen: () => false,
      rescheduleWithoutBookings: () => false,
      saidNoToOffers: () => false,
      saidShift: () => false,
      saidWhen: () => false,
      saidWhenOrShift: () => false,
      saidWhenWithName: () => false,
      sentMedia: () => false,
      sentMediaAgain: () => false,
      shouldAskMarketing: () => false,
      slotTaken: () => false,
      tappedExpired: () => false,
      tappedNothingToConfirm: () => false,
      tappedOtherAnswer: () => false,
      targetChosen: () => false,
      wantsBook: () => false,
      wantsCancel: () => false,
      wantsChange: () => false,
      wantsConfirm: () => false,
      wantsDecline: () => false,
      wantsGreeting: () => false,
      wantsHelp: () => false,
      wantsHuman: () => false,
      wantsKeep: () => false,
      wantsMarketingOptIn: () => false,
      wantsMarketingOptOut: () => false,
      wantsMyBookings: () => false,
      wantsOptIn: () => false,
      wantsOptOut: () => false,
      wantsPrivacyAccess: () => false,
      wantsPrivacyErase: () => false,
      wantsPrivacyRequest: () => false,
      wantsReschedule: () => false,
      wantsResumeBot: () => false,
      wantsThanks: () => false,
    },
  },
);
