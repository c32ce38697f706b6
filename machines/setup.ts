/**
 * Shared `setup()` of every Reserva statechart: context and event types, the effects the engine
 * carries out (declared here, implemented by the engine: they do nothing when run anywhere else,
 * e.g. in the Stately visualizer), and the guards (pure functions of context and event).
 */
import { assign, setup } from 'xstate';
import type {
  BookingQuestion,
  BookingSummary,
  ContactFacts,
  HandoffEndedBy,
  ConversationContext,
  ConversationEvent,
  ReplySpec,
  SlotOption,
  UserInput,
  When,
} from './types.js';
import { completeRequest, earlierThan, isOpenAt, laterThan, shiftRequest } from './when.js';

export const MACHINE_VERSION = 2;

const input = (event: ConversationEvent) => (event.type === 'USER' ? event.input : undefined);

/** Refusals the person is told about with the next step (issue 10). */
const REFUSALS = ['too_soon', 'too_far', 'in_past', 'booker_limit', 'invalid_phone', 'missing_fields'] as const;

/** The answer a message gives to a booking question, or undefined when it is none (issue 10; pure). */
export function answerFor(field: BookingQuestion | undefined, i: UserInput | undefined): string | undefined {
  if (!field || !i) return undefined;
  const text = i.text.trim();
  if (field.type === 'boolean' || field.type === 'checkbox') {
    return i.intent === 'confirm' ? 'true' : i.intent === 'decline' ? 'false' : undefined;
  }
  if (field.options?.length) {
    const lower = text.toLowerCase();
    const n = Number(text);
    if (Number.isInteger(n) && n >= 1 && n <= field.options.length) return field.options[n - 1];
    return (
      field.options.find((o) => o.toLowerCase() === lower) ??
      field.options.find((o) => lower.length > 2 && o.toLowerCase().includes(lower))
    );
  }
  if (field.type === 'number') return /^-?\d+(?:[.,]\d+)?$/.test(text) ? text.replace(',', '.') : undefined;
  return text.length > 0 && text.length <= 500 ? text : undefined;
}
const intentIs = (event: ConversationEvent, ...intents: string[]) => {
  const i = input(event);
  return Boolean(i && intents.includes(i.intent));
};

export function initialContext(contact: ContactFacts = { language: 'es' }): ConversationContext {
  return {
    contact,
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
  };
}

/**
 * Context of a flow machine used on its own (Stately visualizer, model-based tests): a sample
 * upcoming booking to move, cancel, confirm or rate, unless the input brings its own.
 */
export function standaloneContext(input?: {
  contact?: ContactFacts;
  context?: Partial<ConversationContext>;
}): ConversationContext {
  const sample: BookingSummary = {
    uid: 'sample-booking',
    start: '2026-11-26T10:00:00.000Z',
    end: '2026-11-26T10:30:00.000Z',
    title: 'Cita',
  };
  return {
    ...initialContext(input?.contact),
    bookings: [sample],
    target: sample,
    feedbackFor: sample,
    ...input?.context,
  };
}

export const conversationSetup = setup({
  types: {
    context: {} as ConversationContext,
    events: {} as ConversationEvent,
    input: {} as { contact?: ContactFacts; context?: Partial<ConversationContext> } | undefined,
  },
  actions: {
    // Effects: the engine turns each into an outbox row and feeds the result back as an event.
    reply: (_, _params: ReplySpec) => {},
    findSlots: (_, _params: { when: When | null; purpose: 'book' | 'reschedule'; exclude?: string[] }) => {},
    holdSlot: (_, _params: { slot: SlotOption }) => {},
    releaseHold: (_, _params: { reservationUid: string | null }) => {},
    createBooking: (
      _,
      _params: {
        slot: SlotOption;
        reservationUid?: string;
        attendeeName?: string;
        attendeeEmail?: string;
        /** Answers to the event type's booking questions, by slug (issue 10). */
        answers?: Record<string, string>;
      },
    ) => {},
    saveEmail: (_, _params: { email: string }) => {},
    rescheduleBooking: (_, _params: { uid: string; slot: SlotOption }) => {},
    cancelBooking: (_, _params: { uid: string; reason: string }) => {},
    confirmAttendance: (_, _params: { uid: string }) => {},
    recordFeedback: (_, _params: { bookingUid: string; rating?: number; comment?: string }) => {},
    scheduleRetry: (_, _params: { afterMs: number }) => {},
    optOut: () => {},
    /** START / ALTA: messages the person did not ask for may go out again (marketing consent stays off). */
    optIn: () => {},
    // Hand-off (issue 13): notify staff and start the timer (answers HANDOFF_STARTED), end it, and
    // mirror what the person writes meanwhile to staff.
    handoff: (_, _params: { reason: 'asked' | 'staff' }) => {},
    endHandoff: (_, _params: { by: HandoffEndedBy }) => {},
    forwardToStaff: (_, _params: { text: string; media: boolean }) => {},
    saveName: (_, _params: { name: string }) => {},
    // Privacy and consent (issue 14): the engine carries these out through src/privacy.
    /** Summary + single-use export link; answers PRIVACY_EXPORT_READY / PRIVACY_EXPORT_FAILED. */
    prepareExport: () => {},
    /** Erases the contact and everything about them: the turn's last effect (nothing answers it). */
    eraseContact: () => {},
    /** Notes that the marketing question was asked (it is asked once). */
    markMarketingAsked: () => {},
    recordMarketingConsent: (_, _params: { granted: boolean; source: string; textVersion: string }) => {},

    /** This message is answered in its own language and register (when the NLU was confident). */
    adoptLanguage: assign({
      contact: ({ context, event }) => {
        const i = input(event);
        if (!i?.language && !i?.formality) return context.contact;
        return {
          ...context.contact,
          ...(i.language ? { language: i.language } : {}),
          ...(i.formality ? { formality: i.formality } : {}),
        };
      },
    }),

    // Booking questions (issue 10).
    rememberFields: assign({
      fields: ({ event, context }) =>
        event.type === 'BOOK_FAILED' && event.fields?.length ? event.fields : context.fields,
    }),
    rememberAnswer: assign(({ context, event }) => {
      const field = context.fields?.[0];
      const answer = answerFor(field, input(event));
      if (!field || answer === undefined) return {};
      return {
        answers: { ...context.answers, [field.slug]: answer },
        fields: (context.fields ?? []).slice(1),
        misses: 0,
      };
    }),
    clearFields: assign({ fields: undefined, answers: undefined }),

    // Context bookkeeping.
    rememberBookings: assign({
      bookings: ({ event, context }) => (event.type === 'USER' ? event.bookings : context.bookings),
    }),
    /**
     * The new request: the message's time completed from what is on the table (a bare "a las 5"
     * keeps the day asked for, offered or being moved), or a shift of it ("más tarde", "otro día").
     */
    rememberRequest: assign({
      request: ({ event, context }) => {
        const i = input(event);
        if (!i) return context.request;
        if (i.when) return completeRequest(context, i.when, i.parts);
        if (i.shift) return shiftRequest(context, i.shift) ?? context.request;
        return context.request;
      },
      taken: false,
      laterThan: ({ event, context }) => {
        const i = input(event);
        return i && !i.when && i.shift === 'later' ? laterThan(context) : null;
      },
      earlierThan: ({ event, context }) => {
        const i = input(event);
        return i && !i.when && i.shift === 'earlier' ? earlierThan(context) : null;
      },
    }),
    /** "Otra hora" on the slot we proposed: look again the same day, without that slot. */
    declineSelected: assign({
      declined: ({ context }) => (context.selected ? [...context.declined, context.selected.start] : context.declined),
      request: ({ context }) =>
        context.selected
          ? { start: context.selected.start, end: context.selected.end, grain: 'minute' }
          : context.request,
      offered: [],
      taken: false,
    }),
    /** Nothing more on the table: the next search starts from the first free times. */
    forgetRequest: assign({ request: null, taken: false }),
    clearRequest: assign({
      request: null,
      offered: [],
      selected: null,
      bookingFor: null,
      taken: false,
      declined: [],
      laterThan: null,
      earlierThan: null,
    }),
    rememberOffer: assign({
      offered: ({ event, context }) =>
        event.type === 'SLOTS_LOADED'
          ? event.options.filter((o) => !context.declined.includes(o.start))
          : context.offered,
      hours: ({ event, context }) => (event.type === 'SLOTS_LOADED' && event.hours ? event.hours : context.hours),
    }),
    selectExact: assign({
      selected: ({ event, context }) => (event.type === 'SLOTS_LOADED' ? event.exact : context.selected),
    }),
    /**
     * The slot picked from the offer is what is on the table now: a later bare time ("9:30
     * instead") is on its day, not on the day first asked for (a closed Saturday, say).
     */
    selectPicked: assign({
      selected: ({ event, context }) => input(event)?.slot ?? context.selected,
      request: ({ event, context }) => {
        const slot = input(event)?.slot;
        return slot ? { start: slot.start, end: slot.end, grain: 'minute' } : context.request;
      },
    }),
    rememberHold: assign({
      hold: ({ event, context }) =>
        event.type === 'HOLD_OK' ? { reservationUid: event.reservationUid, until: event.until } : context.hold,
    }),
    forgetHold: assign({ hold: null }),
    /**
     * The slot was taken meanwhile (hold or booking refused): the next search is anchored on that
     * exact time, so the alternatives are the nearest to it (same day, same part of the day first),
     * not the first times of the range it was picked from.
     */
    markTaken: assign({
      taken: true,
      request: ({ context }) =>
        context.selected
          ? { start: context.selected.start, end: context.selected.end, grain: 'minute' }
          : context.request,
      selected: null,
      hold: null,
    }),
    countMiss: assign({ misses: ({ context }) => context.misses + 1, lastMiss: 'text' as const }),
    countMediaMiss: assign({ misses: ({ context }) => context.misses + 1, lastMiss: 'media' as const }),
    resetMisses: assign({ misses: 0, lastMiss: null }),
    rememberName: assign({
      contact: ({ context, event }) => {
        const i = input(event);
        const name = i?.name ?? i?.nameIfAsked;
        return name ? { ...context.contact, name } : context.contact;
      },
    }),
    /** "sí, a nombre de Pilar Gómez": the booking is made under that name; the person's own stays. */
    rememberBookingFor: assign({
      bookingFor: ({ event, context }) => input(event)?.bookingName ?? context.bookingFor ?? null,
    }),
    rememberEmail: assign({
      contact: ({ context, event }) => ({ ...context.contact, email: input(event)?.email ?? context.contact.email }),
    }),
    targetOnlyOrPicked: assign({
      target: ({ context, event }) => {
        const list = event.type === 'USER' ? event.bookings : context.bookings;
        const uid = input(event)?.bookingUid;
        return (uid && list.find((b) => b.uid === uid)) || (list.length === 1 ? list[0]! : null);
      },
    }),
    /** The upcoming booking nearest to the slot just tapped: the one an old list most likely led to. */
    targetNearestBooking: assign({
      target: ({ event, context }) => {
        const at = Date.parse(input(event)?.slot?.start ?? '');
        const list = event.type === 'USER' ? event.bookings : context.bookings;
        const distance = (b: BookingSummary) => Math.abs(Date.parse(b.start) - at);
        return [...list].sort((a, b) => distance(a) - distance(b))[0] ?? context.target;
      },
    }),
    /** "Move mine" to the slot tapped: the booking named (or the one asked about) is moved to that time. */
    moveTargetHere: assign({
      target: ({ event, context }) => {
        const uid = input(event)?.bookingUid;
        const list = event.type === 'USER' ? event.bookings : context.bookings;
        return (uid && list.find((b) => b.uid === uid)) || context.target;
      },
      request: ({ context }) =>
        context.selected
          ? { start: context.selected.start, end: context.selected.end, grain: 'minute' }
          : context.request,
      selected: null,
    }),
    targetFromRescheduled: assign({
      target: ({ event, context }) => (event.type === 'RESCHEDULED' ? event.booking : context.target),
    }),
    clearTarget: assign({ target: null }),
    rememberFeedbackBooking: assign({
      feedbackFor: ({ event, context }) => (event.type === 'FEEDBACK_REQUESTED' ? event.booking : context.feedbackFor),
    }),
    clearFeedback: assign({ feedbackFor: null }),
    askForPerson: assign({ handoff: { reason: 'asked' as const, since: null } }),
    staffTakesOver: assign({ handoff: ({ context }) => context.handoff ?? { reason: 'staff' as const, since: null } }),
    rememberHandoffStart: assign({
      handoff: ({ context, event }) =>
        event.type === 'HANDOFF_STARTED'
          ? { reason: context.handoff?.reason ?? 'staff', since: event.since }
          : (context.handoff ?? null),
    }),
    clearHandoff: assign({ handoff: null }),
    // issue 9/14 (session 3)
    noteGreeting: assign({ greet: true }),
    clearGreeting: assign({ greet: false }),
    noteHandoffAcked: assign({
      handoff: ({ context }) => (context.handoff ? { ...context.handoff, acked: true } : (context.handoff ?? null)),
    }),
    // Issue 14.
    noteBooked: assign({ justBooked: true }),
    rememberPrivacyRequest: assign({
      privacyRequest: ({ event, context }) =>
        intentIs(event, 'privacy_access')
          ? 'access'
          : intentIs(event, 'privacy_erase')
            ? 'erase'
            : context.privacyRequest,
    }),
    clearPrivacyRequest: assign({ privacyRequest: null }),
    clearJustBooked: assign({ justBooked: false }),
    noteMarketingAsked: assign({ contact: ({ context }) => ({ ...context.contact, marketingAsked: true }) }),
    noteMarketingReasked: assign({ marketingReasked: true }),
    clearMarketingReasked: assign({ marketingReasked: false }),
    /** The booking just cancelled (on the way to erasure) leaves the list still to cancel. */
    dropCancelled: assign({
      bookings: ({ context, event }) =>
        event.type === 'CANCELLED' ? context.bookings.filter((b) => b.uid !== event.uid) : context.bookings,
    }),
  },
  guards: {
    wantsBook: ({ event }) => intentIs(event, 'book') || Boolean(input(event)?.slot),
    wantsReschedule: ({ event }) => intentIs(event, 'reschedule'),
    wantsCancel: ({ event }) => intentIs(event, 'cancel'),
    wantsConfirm: ({ event }) => intentIs(event, 'confirm'),
    wantsDecline: ({ event }) => intentIs(event, 'decline'),
    wantsGreeting: ({ event }) => intentIs(event, 'greeting'),
    wantsThanks: ({ event }) => intentIs(event, 'thanks'),
    wantsKeep: ({ event }) => intentIs(event, 'keep'),
    /** While booking: "cancela", "olvídalo", or "never mind, keep it as it was" — nothing is booked. */
    dropsBooking: ({ event }) => intentIs(event, 'cancel', 'keep'),
    /** Asked which booking to cancel: "no" or "mantenla" — nothing is cancelled. */
    keepsBooking: ({ event }) => intentIs(event, 'decline', 'keep'),
    /** "¿La cancelo?": "sí", or "cancélala" again. */
    confirmsCancel: ({ event }) => intentIs(event, 'confirm', 'cancel'),
    /** "¿La cancelo?": "no", "mantenla", or "mejor cámbiala" — the booking stays as it is. */
    keepsBookingOrMoves: ({ event }) => intentIs(event, 'decline', 'keep', 'reschedule'),
    /** Asked which booking to move: "cancela" (the move) or "no" — nothing is moved. */
    dropsMove: ({ event }) => intentIs(event, 'cancel', 'decline'),
    /** Choosing the new time: "déjala como estaba", "cancela" (the move) or "no" — nothing is moved. */
    dropsMoveOrKeeps: ({ event }) => intentIs(event, 'keep', 'cancel', 'decline'),
    wantsHelp: ({ event }) => intentIs(event, 'help'),
    wantsHuman: ({ event }) => intentIs(event, 'human'),
    wantsOptOut: ({ event }) => intentIs(event, 'opt_out'),
    wantsOptIn: ({ event }) => intentIs(event, 'opt_in'),
    sentMedia: ({ event }) => Boolean(input(event)?.media),
    tappedExpired: ({ event }) => Boolean(input(event)?.expired),
    pickedSlot: ({ event }) => Boolean(input(event)?.slot),
    // Growth (issue 16): an offer's slot tapped, and nothing to ask first (name, e-mail when required).
    pickedDirectSlot: ({ event, context }) =>
      Boolean(
        input(event)?.slot?.direct &&
        context.contact.name &&
        !(context.contact.emailRequired && !context.contact.email),
      ),
    /**
     * A slot of an older list tapped while nothing is on the table and the person already has a
     * booking (new-user run: it silently made a second one). Promotional offers' slots are direct.
     */
    pickedSlotHavingBooking: ({ event }) =>
      event.type === 'USER' && Boolean(event.input.slot && !event.input.slot.direct) && event.bookings.length > 0,
    /** "No" / "Mantenerla" to another booking (a "Cancelar" naming a booking cancels that one instead). */
    declinedAnother: ({ event }) =>
      intentIs(event, 'decline', 'keep') || (intentIs(event, 'cancel') && !input(event)?.bookingUid),
    pickedBooking: ({ event, context }) => {
      const uid = input(event)?.bookingUid;
      return Boolean(uid && context.bookings.some((b) => b.uid === uid));
    },
    saidWhen: ({ event }) => Boolean(input(event)?.when),
    exactIsFree: ({ event, context }) =>
      event.type === 'SLOTS_LOADED' && event.exact !== null && !context.declined.includes(event.exact.start),
    hasOptions: ({ event }) => event.type === 'SLOTS_LOADED' && event.options.length > 0,
    hasName: ({ context }) => hasName(context),
    hasEmailIfNeeded: ({ context }) => hasEmailIfNeeded(context),
    gaveEmail: ({ event }) => Boolean(input(event)?.email),
    hasHold: ({ context }) => context.hold !== null,
    hasOtherOffers: ({ context }) => context.offered.some((s) => s.start !== context.selected?.start),
    hasNoBookings: ({ event }) => event.type === 'USER' && event.bookings.length === 0,
    hasOneOrPickedBooking: ({ event }) => oneOrPicked(event),
    targetChosen: ({ context }) => context.target !== null,
    slotTaken: ({ event }) =>
      (event.type === 'HOLD_FAILED' || event.type === 'BOOK_FAILED' || event.type === 'RESCHEDULE_FAILED') &&
      event.reason === 'slot_unavailable',
    // Real Cal.com behaviour (issue 10).
    bookingRefused: ({ event }) =>
      (event.type === 'BOOK_FAILED' || event.type === 'RESCHEDULE_FAILED') &&
      (REFUSALS as readonly string[]).includes(event.reason),
    needsFields: ({ event }) =>
      event.type === 'BOOK_FAILED' && event.reason === 'missing_fields' && Boolean(event.fields?.length),
    bookedPending: ({ event }) => event.type === 'BOOKED' && event.pending === true,
    /** Cal.com takes no phone of theirs (or they have none: a username) and we have no e-mail either. */
    phoneRefusedWithoutEmail: ({ context, event }) =>
      event.type === 'BOOK_FAILED' && event.reason === 'invalid_phone' && !context.contact.email,
    answeredField: ({ context, event }) => answerFor(context.fields?.[0], input(event)) !== undefined,
    answeredLastField: ({ context, event }) =>
      answerFor(context.fields?.[0], input(event)) !== undefined && (context.fields?.length ?? 0) <= 1,
    // Growth (issue 16): the add-on slot tapped on an offer was taken meanwhile.
    addOnTaken: ({ event, context }) =>
      event.type === 'BOOK_FAILED' &&
      event.reason === 'slot_unavailable' &&
      context.selected?.eventTypeId !== undefined,
    gaveRating: ({ event }) => typeof input(event)?.rating === 'number',
    missedTwice: ({ context }) => context.misses >= 1,
    /** "ok", "vale", "👍" where they answer nothing: the question again, not a miss (issue 9). */
    acknowledged: ({ event }) => Boolean(input(event)?.ack),
    /** "👍" / "ok" right after "I didn't understand": it answers nothing — no yes to anything, and no miss. */
    acknowledgedAfterMiss: ({ context, event }) => Boolean(input(event)?.ack) && context.misses >= 1,
    /** A second voice note / image in a row (the previous miss was one too). */
    sentMediaAgain: ({ context, event }) =>
      Boolean(input(event)?.media) && (context.lastMiss === 'media' || context.misses >= 1),

    // Combinations, named so the exported statecharts show them (no inline and([...])).
    confirmedReady: ({ context, event }) => intentIs(event, 'confirm') && hasName(context) && hasEmailIfNeeded(context),
    confirmedNeedsEmail: ({ context, event }) => intentIs(event, 'confirm') && hasName(context),
    /** New-user run: "pode ser! meu email é …" — the yes and the e-mail in one message (the e-mail is kept). */
    confirmedWithEmail: ({ event }) => intentIs(event, 'confirm') && Boolean(input(event)?.email),
    confirmedWithEmailReady: ({ context, event }) =>
      intentIs(event, 'confirm') && Boolean(input(event)?.email) && hasName(context),
    rescheduleWithoutBookings: ({ event }) =>
      intentIs(event, 'reschedule') && event.type === 'USER' && event.bookings.length === 0,
    rescheduleKnownBookingAndWhen: ({ event }) =>
      intentIs(event, 'reschedule') && oneOrPicked(event) && Boolean(input(event)?.when),
    rescheduleKnownBooking: ({ event }) => intentIs(event, 'reschedule') && oneOrPicked(event),
    cancelWithoutBookings: ({ event }) =>
      intentIs(event, 'cancel') && event.type === 'USER' && event.bookings.length === 0,
    cancelKnownBooking: ({ event }) => intentIs(event, 'cancel') && oneOrPicked(event),
    /**
     * Attendance confirmed: the booking a reminder's button names (v1:attend:<uid>), or the only one
     * when typed ("sí, ahí estaré"). A button naming another booking (cancelled, past) or a generic
     * "Confirmar" from an older proposal confirms nothing (new-user run: it confirmed whatever was there).
     */
    confirmKnownBooking: ({ event }) => {
      if (!intentIs(event, 'confirm') || event.type !== 'USER') return false;
      const uid = event.input.bookingUid;
      if (uid) return event.bookings.some((b) => b.uid === uid);
      return !event.input.tapped && event.bookings.length === 1;
    },
    /** A "Confirmar" button tapped with nothing waiting for it: said so, and the upcoming bookings shown. */
    tappedNothingToConfirm: ({ event }) =>
      intentIs(event, 'confirm') && Boolean(input(event)?.tapped || input(event)?.bookingUid),
    pickedBookingAndWhen: ({ context, event }) => {
      const uid = input(event)?.bookingUid;
      return Boolean(uid && context.bookings.some((b) => b.uid === uid) && input(event)?.when);
    },

    // Moving around an offer, and things said in the middle of a flow (issue 9).
    saidWhenOrShift: ({ event }) => Boolean(input(event)?.when || input(event)?.shift),
    saidShift: ({ event }) => Boolean(input(event)?.shift),
    wantsChange: ({ event }) => intentIs(event, 'reschedule') && !input(event)?.bookingUid,
    wantsMyBookings: ({ event }) => intentIs(event, 'my_bookings'),
    askedKnownQuestion: ({ event }) => {
      const i = input(event);
      return Boolean(i && i.intent === 'question' && ((i.topic && i.topic !== 'other') || i.faqId));
    },
    askedQuestion: ({ event }) => intentIs(event, 'question'),
    gaveNewName: ({ event }) => intentIs(event, 'update_details') && Boolean(input(event)?.name),
    gaveNewEmail: ({ event }) => intentIs(event, 'update_details') && Boolean(input(event)?.email),
    /** Issue 9 (session 3): "mi correo es ana@gmail" — an e-mail with no ending. */
    gaveIncompleteEmail: ({ event }) => Boolean(input(event)?.emailIncomplete && !input(event)?.email),
    /** A name typed when asked: "me llamo …", or a plausible name that is not a greeting, thanks or intent. */
    gaveName: ({ event }) => gaveName(event),
    /** A new time, and a name as a sentence of its own in the same message ("Mike Brown. 9:30 instead?"). */
    saidWhenWithName: ({ event }) =>
      Boolean((input(event)?.when || input(event)?.shift) && (input(event)?.name || input(event)?.nameIfAsked)),
    gaveNameWithEmailIfNeeded: ({ event, context }) => gaveName(event) && hasEmailIfNeeded(context),
    /** The time asked for is outside the opening hours (a closed day, or before/after hours). */
    requestClosed: ({ context, event }) =>
      event.type === 'SLOTS_LOADED' &&
      context.request !== null &&
      !isOpenAt(context.request, event.hours ?? context.hours, context.contact.timeZone ?? 'UTC'),
    declinedOrChanged: ({ event }) =>
      intentIs(event, 'decline') || (intentIs(event, 'reschedule') && !input(event)?.bookingUid),
    declinedWithoutOffers: ({ context, event }) =>
      (intentIs(event, 'decline') || (intentIs(event, 'reschedule') && !input(event)?.bookingUid)) &&
      !context.offered.some((s) => s.start !== context.selected?.start),
    wantsResumeBot: ({ event }) => intentIs(event, 'resume_bot'),
    /** A flow ended because the person asked for a human. */
    handoffRequested: ({ context }) => Boolean(context.handoff),
    /** The person asked (not staff taking over): they are told once that a person will answer. */
    personAsked: ({ context }) => context.handoff?.reason === 'asked',
    /** A timeout from this hand-off, not an earlier one that was released and restarted. */
    /** issue 9/14 (session 3): the person's first message during this hand-off gets one acknowledgement. */
    handoffNotAcked: ({ context }) => !context.handoff?.acked,
    handoffTimerIsCurrent: ({ context, event }) =>
      event.type === 'HANDOFF_TIMEOUT' && event.since === context.handoff?.since,

    // Privacy and consent (issue 14).
    wantsPrivacyAccess: ({ event }) => intentIs(event, 'privacy_access'),
    wantsPrivacyErase: ({ event }) => intentIs(event, 'privacy_erase'),
    wantsMarketingOptOut: ({ event }) => intentIs(event, 'marketing_opt_out'),
    /** "Sí" (or "borra mis datos" again) to erasing. */
    confirmedErase: ({ event }) => intentIs(event, 'confirm', 'privacy_erase'),
    /** … while upcoming bookings remain: they are cancelled first, after asking. */
    confirmedEraseWithBookings: ({ event }) =>
      intentIs(event, 'confirm', 'privacy_erase') && event.type === 'USER' && event.bookings.length > 0,
    /** "Sí, cancélalas": confirm, or cancel (of the bookings). */
    confirmedCancelForErase: ({ event }) => intentIs(event, 'confirm', 'cancel', 'privacy_erase'),
    /** Changing one's mind: "no", "mejor no", "déjalo". */
    changedMind: ({ event }) => intentIs(event, 'decline', 'marketing_opt_out'),
    moreToCancel: ({ context }) => context.bookings.length > 1,
    contactOptedOut: ({ context }) => Boolean(context.contact.optedOut),
    wantsPrivacyRequest: ({ event }) => intentIs(event, 'privacy_access', 'privacy_erase'),
    /** A flow ended because the person asked for their data, or to erase it. */
    privacyAccessRequested: ({ context }) => context.privacyRequest === 'access',
    privacyEraseRequested: ({ context }) => context.privacyRequest === 'erase',
    /** After a booking, once per person, never to someone who said STOP. */
    shouldAskMarketing: ({ context }) =>
      Boolean(context.justBooked) && !context.contact.marketingAsked && !context.contact.optedOut,
    // issue 9/14 (session 3): a request that opens with a greeting ("hola, ¿tenéis hueco…?").
    bookWithGreeting: ({ event }) => {
      const i = input(event);
      return Boolean(i && (i.intent === 'book' || i.slot) && !i.slot && OPENS_WITH_GREETING.test(fold(i.text)));
    },
    // issue 9/14 (session 3): marketing consent must be unambiguous.
    ackNotYetReasked: ({ context, event }) =>
      Boolean(input(event)?.ack || intentIs(event, 'confirm')) && !context.marketingReasked,
    saidNoToOffers: ({ event }) => intentIs(event, 'decline', 'marketing_opt_out'),
    /**
     * Marketing consent must be unambiguous (issue 14): the question's own "yes" button, or a typed
     * yes — never an acknowledgement ("ok", 👍) nor an old "Confirmar" tapped on another message.
     */
    grantsMarketing: ({ event }) => {
      if (intentIs(event, 'marketing_opt_in')) return true;
      const i = input(event);
      return Boolean(i && i.intent === 'confirm' && !i.tapped && (!i.ack || EXPLICIT_YES.test(fold(i.text))));
    },
    /**
     * A yes ("sí", "vale", "ok") sent before the question was asked (the booking's "sí" sent twice):
     * not its answer. Thanks and anything else sent meanwhile are answered as usual.
     */
    repeatsEarlierYes: ({ event }) => {
      const i = input(event);
      return Boolean(i?.beforeLastReply && i.intent === 'confirm');
    },
    /** A generic Confirmar / Otra hora tapped on an older message while another question is open. */
    tappedOtherAnswer: ({ context, event }) =>
      Boolean(input(event)?.tapped) && intentIs(event, 'confirm', 'decline') && !context.marketingReasked,
    /** The marketing question's "yes" tapped later, from anywhere: consent, as the button says. */
    wantsMarketingOptIn: ({ event }) => intentIs(event, 'marketing_opt_in'),
  },
});

/** issue 9/14 (session 3): an explicit yes word (not "ok", "vale" or an emoji on its own). */
const EXPLICIT_YES = /(^|[^\p{L}])(si|yes|sim|yeah|yep)(?![\p{L}])/u;
const GREETINGS = [
  'hola',
  'holi',
  'buenas',
  'buenos dias',
  'buenas tardes',
  'buenas noches',
  'hello',
  'hi',
  'hey',
  'good morning',
  'good afternoon',
  'ola',
  'oi',
  'bom dia',
  'boa tarde',
  'boa noite',
];
const OPENS_WITH_GREETING = new RegExp(`^\\W*(${GREETINGS.join('|')})(?![\\p{L}])`, 'u');
const fold = (text: string) => text.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '');

function gaveName(event: ConversationEvent): boolean {
  const i = input(event);
  if (!i) return false;
  if (i.name) return true;
  return (i.intent === 'unknown' || i.intent === 'update_details') && !i.when && Boolean(i.nameIfAsked);
}
/** The engine passes the contact's name only when the NLU finds it plausible (src/engine/engine.ts). */
function hasName(context: ConversationContext): boolean {
  return Boolean(context.contact.name);
}
function hasEmailIfNeeded(context: ConversationContext): boolean {
  return !context.contact.emailRequired || Boolean(context.contact.email);
}
function oneOrPicked(event: ConversationEvent): boolean {
  if (event.type !== 'USER') return false;
  const uid = event.input.bookingUid;
  return event.bookings.length === 1 || Boolean(uid && event.bookings.some((b) => b.uid === uid));
}

export type { BookingSummary };

/** After a second miss in a row: the booking link and a person. */
export const stuckReply = { type: 'reply', params: { key: 'stuck' } } as const;

/** "I keep your booking as it is" — the way out of moving or cancelling without changing anything. */
export const keptReply = {
  type: 'reply',
  params: ({ context }: { context: ConversationContext }) => ({ key: 'keptBooking' as const, booking: context.target }),
} as const;

/**
 * Transitions every waiting state of a flow starts its USER list with: a person can always stop
 * messages, ask for a human, or send something we can't read, whatever flow is active.
 */
export const alwaysAvailable = [
  { guard: 'wantsOptOut', target: 'done', actions: ['optOut', { type: 'reply', params: { key: 'optedOut' } }] },
  // The conversation moves to `handoff` when the flow is done (see its onDone).
  { guard: 'wantsHuman', target: 'done', actions: 'askForPerson' },
  // Issue 14: "¿qué datos tenéis de mí?" / "borra mis datos" mid-flow: the flow ends, then the right is handled.
  { guard: 'wantsPrivacyRequest', target: 'done', actions: 'rememberPrivacyRequest' },
  // issue 9/14 (session 3): ALTA / START works from every state, like STOP; the flow goes on.
  { guard: 'wantsOptIn', actions: ['optIn', { type: 'reply', params: { key: 'optedIn' } }] },
] as const;

/**
 * A message we can't act on (a miss, or a voice note / image) in a state whose question is its
 * entry reply: the first time a short "sorry" and the question again, the second time in a row the
 * booking link and a person — never the same message twice in a row.
 */
export function missesReenter<T extends string>(state: T) {
  return [
    { guard: 'sentMediaAgain', actions: [stuckReply, 'resetMisses'] },
    {
      guard: 'sentMedia',
      target: state,
      reenter: true,
      actions: ['countMediaMiss', { type: 'reply', params: { key: 'notUnderstood', media: true } }],
    },
    { guard: 'acknowledged', target: state, reenter: true },
    { guard: 'missedTwice', actions: [stuckReply, 'resetMisses'] },
    {
      target: state,
      reenter: true,
      actions: ['countMiss', { type: 'reply', params: { key: 'notUnderstood', media: false } }],
    },
  ] as const;
}

type Params = { context: ConversationContext; event: ConversationEvent };
const userInput = (event: ConversationEvent) => (event.type === 'USER' ? event.input : undefined);

/** The slots on the table, offered again (after a miss, a voice note, or an answer in between). */
export const offerAgain = (purpose: 'book' | 'reschedule', note?: 'miss' | 'media') =>
  ({
    type: 'reply',
    params: ({ context }: Params) => ({
      key: 'offerSlots' as const,
      requested: context.request,
      options: context.offered.filter((o) => o.start !== context.selected?.start),
      taken: false,
      widened: false,
      purpose,
      ...(note ? { note } : {}),
      // issue 9/14 (session 3): offered again — the lead names what the list holds, never a stale "taken".
      again: true,
    }),
  }) as const;

/** An acknowledgement answered as one: "gracias" gets "you're welcome", "ok" / "👍" a short "all right". */
export const ackReply = {
  type: 'reply',
  params: ({ event }: Params) =>
    userInput(event)?.intent === 'thanks' ? { key: 'thanks' as const } : { key: 'acknowledged' as const },
} as const;

/** A business question's answer: the topic or FAQ entry the message asked about. */
const businessAnswer = (event: Params['event'], inFlow: boolean) => {
  const i = userInput(event);
  return {
    key: 'businessAnswer' as const,
    topic: i?.topic ?? 'other',
    ...(i?.faqId ? { faqId: i.faqId } : {}),
    ...(i?.topics && !i.faqId ? { topics: i.topics } : {}),
    ...(inFlow ? { inFlow: true } : {}),
  };
};

/** The answer to a business question asked while nothing is on the table ("¿Te reservo una cita?" after it). */
export const answerQuestion = {
  type: 'reply',
  params: ({ event }: Params) => businessAnswer(event, false),
} as const;

/**
 * The same answer in the middle of a flow: the answer alone, because the flow's own question (the
 * slots again, "¿La confirmo?", the name…) follows it — never "¿Te reservo una cita?" as if idle
 * (new-user run: "¿dónde estáis?" while choosing a slot).
 */
const answerQuestionInFlow = {
  type: 'reply',
  params: ({ event }: Params) => businessAnswer(event, true),
} as const;
const unknownQuestionInFlow = { type: 'reply', params: { key: 'unknownQuestion', inFlow: true } } as const;
export const listMyBookings = {
  type: 'reply',
  params: ({ event, context }: Params) => ({
    key: 'myBookings' as const,
    bookings: event.type === 'USER' ? event.bookings : context.bookings,
  }),
} as const;
export const saveNewName = {
  type: 'saveName',
  params: ({ context }: Params) => ({ name: context.contact.name ?? '' }),
} as const;
export const nameUpdated = {
  type: 'reply',
  params: ({ context }: Params) => ({ key: 'nameUpdated' as const, name: context.contact.name ?? '' }),
} as const;
export const saveNewEmail = {
  type: 'saveEmail',
  params: ({ event, context }: Params) => ({ email: userInput(event)?.email ?? context.contact.email ?? '' }),
} as const;
export const emailUpdated = {
  type: 'reply',
  params: ({ event, context }: Params) => ({
    key: 'emailUpdated' as const,
    email: userInput(event)?.email ?? context.contact.email ?? '',
  }),
} as const;

/**
 * Things a person may say in the middle of a flow that are answered without leaving it: a business
 * question, "me llamo …" / "mi correo es …", "¿qué citas tengo?". `after` puts the flow's question
 * back (the two messages of the turn: the answer, then the question).
 */
export function sideTalk<A extends readonly unknown[]>(after: A) {
  return [
    { guard: 'askedKnownQuestion', actions: [answerQuestionInFlow, ...after] },
    { guard: 'askedQuestion', actions: [unknownQuestionInFlow, ...after] },
    { guard: 'gaveNewName', actions: ['rememberName', saveNewName, nameUpdated, ...after] },
    { guard: 'gaveNewEmail', actions: ['rememberEmail', saveNewEmail, emailUpdated, ...after] },
    { guard: 'gaveIncompleteEmail', actions: [{ type: 'reply', params: { key: 'emailIncomplete' } }, ...after] },
    { guard: 'wantsMyBookings', actions: ['rememberBookings', listMyBookings, ...after] },
  ] as const;
}

/** The same, for states whose question is their entry reply: the state is re-entered to ask it again. */
export function sideTalkReenter<T extends string>(state: T) {
  return [
    { guard: 'askedKnownQuestion', target: state, reenter: true, actions: [answerQuestionInFlow] },
    { guard: 'askedQuestion', target: state, reenter: true, actions: [unknownQuestionInFlow] },
    { guard: 'gaveNewName', target: state, reenter: true, actions: ['rememberName', saveNewName, nameUpdated] },
    { guard: 'gaveNewEmail', target: state, reenter: true, actions: ['rememberEmail', saveNewEmail, emailUpdated] },
    {
      guard: 'gaveIncompleteEmail',
      target: state,
      reenter: true,
      actions: [{ type: 'reply', params: { key: 'emailIncomplete' } }],
    },
    { guard: 'wantsMyBookings', target: state, reenter: true, actions: ['rememberBookings', listMyBookings] },
  ] as const;
}

/**
 * Every USER transition of every state first takes the message's language and register (when the
 * NLU was confident), so this very message is answered in them.
 */
type StateConfig = Parameters<typeof conversationSetup.createStateConfig>[0];
type UserTransitions = Extract<NonNullable<NonNullable<StateConfig['on']>['USER']>, readonly unknown[]>;

export function onUser(transitions: UserTransitions): UserTransitions {
  return transitions.map((t) => {
    if (typeof t === 'string') return t;
    const actions = (t as { actions?: unknown }).actions;
    const list = actions === undefined ? [] : Array.isArray(actions) ? actions : [actions];
    // issue 9/14 (session 3): a greeting is answered in the turn it came with, not later.
    return { ...t, actions: ['adoptLanguage', 'clearGreeting', ...list] };
  }) as unknown as UserTransitions;
}
