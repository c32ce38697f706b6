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
      bookingFor: null,
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
      declined: [],
      hours: [],
      lastMiss: null,
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
