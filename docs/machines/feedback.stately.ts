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
