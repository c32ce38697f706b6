/**
 * The effects the statecharts ask for, typed from the machine itself: the action names and params
 * of `conversationSetup` (machines/setup.ts). Every action is either an effect with a handler here
 * or context bookkeeping listed below — adding an action to the machine is a compile error in
 * src/engine/effects/index.ts until it is one or the other.
 */
import type { StateMachine } from 'xstate';
import type { conversationMachine } from '../../../machines/conversation.js';
import type { ContactFacts, ConversationEvent } from '../../../machines/types.js';
import type { CalendarProvider, EventTypeInfo } from '../../calendar/types.js';
import type { Db } from '../../db/client.js';
import type { Logger } from 'pino';
import type { Bookings } from '../bookings.js';
import type { Outbound } from '../outbound.js';
import type { ReplySpec } from '../../../machines/types.js';
import type { OutgoingMessage } from '../../whatsapp/types.js';
import type { Knowledge } from '../../knowledge/types.js';
import type { Privacy } from '../../privacy/service.js';
import type { LeaseRelease } from '../../db/turns.js';

/** Issue 14: what the effects ask of the privacy services (src/privacy). */
export type EffectPrivacy = Pick<
  Privacy,
  | 'privacyUrl'
  | 'summarise'
  | 'createExportLink'
  | 'eraseContact'
  | 'rectifyContact'
  | 'recordMarketingConsent'
  | 'optOut'
  | 'optIn'
>;

type ActionsOf<M> =
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- `unknown` fails its constraints
  M extends StateMachine<any, any, any, any, infer A, any, any, any, any, any, any, any, any, any, any> ? A : never;
export type MachineAction = ActionsOf<typeof conversationMachine>;
export type ActionName = MachineAction['type'];

/** Actions that only update the machine's context (assign): carried out by XState, not the engine. */
export type Bookkeeping =
  | 'rememberBookings'
  | 'rememberRequest'
  | 'clearRequest'
  | 'forgetRequest'
  | 'adoptLanguage'
  | 'declineSelected'
  | 'countMediaMiss'
  | 'rememberOffer'
  | 'selectExact'
  | 'selectPicked'
  | 'rememberHold'
  | 'forgetHold'
  | 'markTaken'
  | 'countMiss'
  | 'resetMisses'
  | 'rememberName'
  | 'rememberEmail'
  | 'rememberBookingFor'
  | 'targetOnlyOrPicked'
  | 'targetFromRescheduled'
  | 'targetNearestBooking'
  | 'moveTargetHere'
  | 'clearTarget'
  | 'rememberFeedbackBooking'
  | 'clearFeedback'
  | 'askForPerson'
  | 'staffTakesOver'
  | 'rememberHandoffStart'
  | 'clearHandoff'
  // Booking questions (issue 10).
  | 'rememberFields'
  | 'rememberAnswer'
  | 'clearFields'
  // Issue 14.
  | 'noteBooked'
  | 'clearJustBooked'
  | 'noteMarketingAsked'
  | 'noteMarketingReasked'
  | 'clearMarketingReasked'
  | 'dropCancelled'
  | 'rememberPrivacyRequest'
  | 'clearPrivacyRequest'
  // issue 9/14 (session 3)
  | 'noteHandoffAcked'
  | 'noteGreeting'
  | 'clearGreeting';

export type EffectName = Exclude<ActionName, Bookkeeping>;
export type EffectParams<K extends EffectName> = Extract<MachineAction, { type: K }>['params'];

/** What running an effect needs (narrow interfaces, passed in). */
export interface EffectDeps {
  prisma: Db;
  calendar: CalendarProvider;
  /** Growth (issue 16): the calendar of another event type (an add-on offered after a booking). */
  calendarFor?: (eventTypeId: number) => CalendarProvider;
  outbound: Outbound;
  bookings: Bookings;
  timeZone: string;
  now: () => Date;
  logger: Logger;
  eventType: () => Promise<EventTypeInfo>;
  bookingUrl?: string;
  /** The business's knowledge file (business.yaml): answers to business questions. */
  knowledge?: Knowledge;
  /** When reminders go out before an appointment (REMINDER_OFFSETS), for the confirmation's wording. */
  reminderOffsetsMs?: number[];
  /** Hand-off to staff (src/handoff): carries out its effects. */
  staff?: {
    runEffect(
      contact: { id: string; phone: string },
      effect: { type: string; params: unknown },
    ): Promise<ConversationEvent | null> | undefined;
  };
  /** The approved template to send instead of a reply outside WhatsApp's 24-hour window, or null. */
  templateFor?(spec: ReplySpec, contact: ContactFacts): OutgoingMessage | null;
  /** Consent, opt-out, access, rectification, erasure (issue 14). */
  privacy: EffectPrivacy;
}

/** One outbox row being carried out. */
export interface EffectRun {
  /** The outbox row's sequence number: the effect's identity (idempotency keys, operation ids). */
  seq: number;
  /** Attempts so far, this one included. */
  attempt: number;
  contact: {
    id: string;
    phone: string;
    name: string | null;
    email: string | null;
    lastInboundAt?: Date | null;
    /** Issue 14: for the outbox gate and the STOP effect. */
    optedOutAt?: Date | string | number | null;
    marketingConsent?: boolean | number | null;
  };
  /** The contact facts of the conversation when the effect was decided (language, formality, name…). */
  facts: ContactFacts;
  /** Issue 12: a message was ever recorded for this phone (read with the turn); undefined: unknown. */
  messagedBefore?: boolean;
  /**
   * Issue 12: this effect is the person's last known work: the statement recording a sent reply
   * gives the lease back when nothing else waits (and says so in `released`).
   */
  release?: LeaseRelease;
}

/**
 * The result of an effect: an event for the machine, nothing, or "done already" (the effect
 * finished its outbox row itself, e.g. a reply recorded as sent), or "wait" (try again later).
 */
export type EffectResult = ConversationEvent | null | { done: true } | { wait: number };

export interface Handler<K extends EffectName> {
  run(params: EffectParams<K>, run: EffectRun, deps: EffectDeps): Promise<EffectResult>;
  /** The event that tells the machine the effect could not be carried out (retries exhausted, loop bound hit). */
  giveUp?(params: EffectParams<K>): ConversationEvent | null;
  /** Counts towards the calendar-call bound of one chain of effects. */
  calendar?: boolean;
  /**
   * Leaves what a turn reads as it was (contact, bookings, conversation, inbox, pending effects;
   * a reply records only its outbound message): the engine goes on without reading it again.
   */
  keepsTurnState?: boolean;
  /** Nothing to do with these params (e.g. no hold to release): the engine does not queue it. */
  skip?(params: EffectParams<K>): boolean;
}

export type Handlers = { [K in EffectName]: Handler<K> };
