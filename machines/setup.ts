/**
 * Shared `setup()` of every Reserva statechart: context and event types, the effects the engine
 * carries out (declared here, implemented by the engine: they do nothing when run anywhere else,
 * e.g. in the Stately visualizer), and the guards (pure functions of context and event).
 */
import { assign, setup } from 'xstate';
import type { BookingQuestion, BookingSummary, ContactFacts, ConversationContext, ConversationEvent, HandoffEndedBy, ReplySpec, SlotOption, UserInput, When } from './types.js';

const REFUSALS = ['too_soon', 'too_far', 'in_past', 'booker_limit', 'invalid_phone', 'missing_fields'];

/** The answer a message gives to a booking question, or undefined when it is none (pure). */
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
    return field.options.find((o) => o.toLowerCase() === lower) ?? field.options.find((o) => lower.length > 2 && o.toLowerCase().includes(lower));
  }
  if (field.type === 'number') return /^-?\d+(?:[.,]\d+)?$/.test(text) ? text.replace(',', '.') : undefined;
  return text.length > 0 && text.length <= 500 ? text : undefined;
}
const currentField = (context: ConversationContext) => context.fields?.[0];

export const MACHINE_VERSION = 1;

const input = (event: ConversationEvent) => (event.type === 'USER' ? event.input : undefined);
const intentIs = (event: ConversationEvent, ...intents: string[]) => {
  const i = input(event);
  return Boolean(i && intents.includes(i.intent));
};

export function initialContext(contact: ContactFacts = { language: 'es' }): ConversationContext {
  return { contact, misses: 0, request: null, offered: [], selected: null, hold: null, taken: false, bookings: [], target: null, feedbackFor: null };
}

/**
 * Context of a flow machine used on its own (Stately visualizer, model-based tests): a sample
 * upcoming booking to move, cancel, confirm or rate, unless the input brings its own.
 */
export function standaloneContext(input?: { contact?: ContactFacts; context?: Partial<ConversationContext> }): ConversationContext {
  const sample: BookingSummary = { uid: 'sample-booking', start: '2026-11-26T10:00:00.000Z', end: '2026-11-26T10:30:00.000Z', title: 'Cita' };
  return { ...initialContext(input?.contact), bookings: [sample], target: sample, feedbackFor: sample, ...input?.context };
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
    findSlots: (_, _params: { when: When | null; purpose: 'book' | 'reschedule' }) => {},
    holdSlot: (_, _params: { slot: SlotOption }) => {},
    releaseHold: (_, _params: { reservationUid: string | null }) => {},
    createBooking: (_, _params: { slot: SlotOption; reservationUid?: string; attendeeName?: string; attendeeEmail?: string; answers?: Record<string, string> }) => {},
    saveEmail: (_, _params: { email: string }) => {},
    rescheduleBooking: (_, _params: { uid: string; slot: SlotOption }) => {},
    cancelBooking: (_, _params: { uid: string; reason: string }) => {},
    confirmAttendance: (_, _params: { uid: string }) => {},
    recordFeedback: (_, _params: { bookingUid: string; rating?: number; comment?: string }) => {},
    scheduleRetry: (_, _params: { afterMs: number }) => {},
    optOut: () => {},
    // Hand-off (issue 13): notify staff and start the timer (answers HANDOFF_STARTED), end it, and
    // mirror what the person writes meanwhile to staff.
    handoff: (_, _params: { reason: 'asked' | 'staff' }) => {},
    endHandoff: (_, _params: { by: HandoffEndedBy }) => {},
    forwardToStaff: (_, _params: { text: string; media: boolean }) => {},

    // Context bookkeeping.
    rememberBookings: assign({ bookings: ({ event, context }) => (event.type === 'USER' ? event.bookings : context.bookings) }),
    rememberRequest: assign({ request: ({ event, context }) => input(event)?.when ?? context.request, taken: false }),
    clearRequest: assign({ request: null, offered: [], selected: null, taken: false }),
    rememberOffer: assign({
      offered: ({ event, context }) => (event.type === 'SLOTS_LOADED' ? event.options : context.offered),
    }),
    selectExact: assign({ selected: ({ event, context }) => (event.type === 'SLOTS_LOADED' ? event.exact : context.selected) }),
    selectPicked: assign({ selected: ({ event, context }) => input(event)?.slot ?? context.selected }),
    rememberHold: assign({
      hold: ({ event, context }) => (event.type === 'HOLD_OK' ? { reservationUid: event.reservationUid, until: event.until } : context.hold),
    }),
    forgetHold: assign({ hold: null }),
    markTaken: assign({ taken: true, selected: null, hold: null }),
    countMiss: assign({ misses: ({ context }) => context.misses + 1 }),
    resetMisses: assign({ misses: 0 }),
    rememberName: assign({
      contact: ({ context, event }) => ({ ...context.contact, name: (input(event)?.text ?? '').trim().slice(0, 60) || context.contact.name }),
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
    targetFromRescheduled: assign({ target: ({ event, context }) => (event.type === 'RESCHEDULED' ? event.booking : context.target) }),
    clearTarget: assign({ target: null }),
    rememberFeedbackBooking: assign({ feedbackFor: ({ event, context }) => (event.type === 'FEEDBACK_REQUESTED' ? event.booking : context.feedbackFor) }),
    clearFeedback: assign({ feedbackFor: null }),
    // Booking questions (issue 10).
    rememberFields: assign({ fields: ({ event, context }) => (event.type === 'BOOK_FAILED' && event.fields?.length ? event.fields : context.fields) }),
    rememberAnswer: assign(({ context, event }) => {
      const field = currentField(context);
      const answer = answerFor(field, input(event));
      if (!field || answer === undefined) return {};
      return { answers: { ...context.answers, [field.slug]: answer }, fields: (context.fields ?? []).slice(1), misses: 0 };
    }),
    clearFields: assign({ fields: undefined, answers: undefined }),
    askForPerson: assign({ handoff: { reason: 'asked' as const, since: null } }),
    staffTakesOver: assign({ handoff: ({ context }) => context.handoff ?? { reason: 'staff' as const, since: null } }),
    rememberHandoffStart: assign({
      handoff: ({ context, event }) =>
        event.type === 'HANDOFF_STARTED' ? { reason: context.handoff?.reason ?? 'staff', since: event.since } : (context.handoff ?? null),
    }),
    clearHandoff: assign({ handoff: null }),
  },
  guards: {
    wantsBook: ({ event }) => intentIs(event, 'book') || Boolean(input(event)?.slot),
    wantsReschedule: ({ event }) => intentIs(event, 'reschedule'),
    wantsCancel: ({ event }) => intentIs(event, 'cancel'),
    wantsConfirm: ({ event }) => intentIs(event, 'confirm'),
    wantsDecline: ({ event }) => intentIs(event, 'decline'),
    wantsGreeting: ({ event }) => intentIs(event, 'greeting'),
    wantsThanks: ({ event }) => intentIs(event, 'thanks'),
    wantsHelp: ({ event }) => intentIs(event, 'help'),
    wantsHuman: ({ event }) => intentIs(event, 'human'),
    wantsOptOut: ({ event }) => intentIs(event, 'opt_out'),
    sentMedia: ({ event }) => Boolean(input(event)?.media),
    tappedExpired: ({ event }) => Boolean(input(event)?.expired),
    pickedSlot: ({ event }) => Boolean(input(event)?.slot),
    pickedBooking: ({ event, context }) => {
      const uid = input(event)?.bookingUid;
      return Boolean(uid && context.bookings.some((b) => b.uid === uid));
    },
    saidWhen: ({ event }) => Boolean(input(event)?.when),
    exactIsFree: ({ event }) => event.type === 'SLOTS_LOADED' && event.exact !== null,
    hasOptions: ({ event }) => event.type === 'SLOTS_LOADED' && event.options.length > 0,
    hasName: ({ context }) => Boolean(context.contact.name?.trim()),
    hasEmailIfNeeded: ({ context }) => !context.contact.emailRequired || Boolean(context.contact.email),
    gaveEmail: ({ event }) => Boolean(input(event)?.email),
    hasHold: ({ context }) => context.hold !== null,
    hasOtherOffers: ({ context }) => context.offered.some((s) => s.start !== context.selected?.start),
    hasNoBookings: ({ event }) => event.type === 'USER' && event.bookings.length === 0,
    hasOneOrPickedBooking: ({ event }) => {
      if (event.type !== 'USER') return false;
      const uid = event.input.bookingUid;
      return event.bookings.length === 1 || Boolean(uid && event.bookings.some((b) => b.uid === uid));
    },
    targetChosen: ({ context }) => context.target !== null,
    slotTaken: ({ event }) =>
      (event.type === 'HOLD_FAILED' || event.type === 'BOOK_FAILED' || event.type === 'RESCHEDULE_FAILED') && event.reason === 'slot_unavailable',
    gaveRating: ({ event }) => typeof input(event)?.rating === 'number',
    missedTwice: ({ context }) => context.misses >= 1,
    // Real Cal.com behaviour (issue 10).
    bookingRefused: ({ event }) =>
      (event.type === 'BOOK_FAILED' || event.type === 'RESCHEDULE_FAILED') && REFUSALS.includes(event.reason),
    needsFields: ({ event }) => event.type === 'BOOK_FAILED' && event.reason === 'missing_fields' && Boolean(event.fields?.length),
    bookedPending: ({ event }) => event.type === 'BOOKED' && event.pending === true,
    answeredField: ({ context, event }) => answerFor(currentField(context), input(event)) !== undefined,
    moreFields: ({ context }) => (context.fields?.length ?? 0) > 1,
    wantsResumeBot: ({ event }) => intentIs(event, 'resume_bot'),
    /** A flow ended because the person asked for a human. */
    handoffRequested: ({ context }) => Boolean(context.handoff),
    /** The person asked (not staff taking over): they are told once that a person will answer. */
    personAsked: ({ context }) => context.handoff?.reason === 'asked',
    /** A timeout from this hand-off, not an earlier one that was released and restarted. */
    handoffTimerIsCurrent: ({ context, event }) => event.type === 'HANDOFF_TIMEOUT' && event.since === context.handoff?.since,
  },
});

export type { BookingSummary };

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
  { guard: 'sentMedia', actions: { type: 'reply', params: { key: 'mediaNotSupported' } } },
] as const;
