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
