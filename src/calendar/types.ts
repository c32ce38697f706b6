import type { OpeningInterval } from '../../machines/types.js';

/**
 * The calendar boundary. Implemented by the Cal.com API v2 client (src/calendar/calcom/) and by
 * the built-in demo calendar (src/calendar/demo/). All instants are ISO-8601 UTC strings.
 */
export interface Slot {
  start: string;
  end: string;
}

export interface Attendee {
  name: string;
  timeZone: string;
  phoneNumber?: string; // E.164 with "+"
  email?: string;
  language?: string;
}

export interface CalBooking {
  uid: string;
  eventTypeId: number;
  title: string;
  start: string;
  end: string;
  status: 'accepted' | 'pending' | 'cancelled' | 'rejected';
  attendees: Array<{ name: string; email?: string; phoneNumber?: string; timeZone: string; absent?: boolean }>;
  metadata?: Record<string, string>;
  /** Where it happens: an address, a map link or a meeting link, when the calendar says (issue 10). */
  location?: string;
  /** Set on a booking that was moved: the booking that replaced it. */
  rescheduledToUid?: string;
  /** Set on the booking that replaced a moved one. */
  rescheduledFromUid?: string;
}

export interface EventTypeInfo {
  id: number;
  title: string;
  lengthInMinutes: number;
  minimumBookingNotice: number; // minutes
  bookingUrl?: string;
  requiresEmail?: boolean;
  /** The host accepts each booking (Cal.com "requires confirmation"): new bookings are `pending` (issue 10). */
  requiresConfirmation?: boolean;
  /** Required questions of the booking form Reserva asks in the chat (not name / e-mail / phone / location). */
  bookingFields?: BookingField[];
  /** The event's place when it is fixed: an address, a map link or a meeting link. */
  location?: string;
}

/** A required question of the event type's booking form, asked in the chat (issue 10). */
export interface BookingField {
  slug: string;
  label: string;
  type: string;
  /** Choices of select / radio / multiselect fields. */
  options?: string[];
}

/**
 * Why Cal.com refused a booking in a way the person can act on (issue 10; machines/types.ts has the
 * same reasons): too soon (minimum notice), too far (booking window), in the past, the person's limit
 * of bookings, a phone Cal.com does not accept, required booking questions missing.
 */
export type RefusalReason = 'too_soon' | 'too_far' | 'in_past' | 'booker_limit' | 'invalid_phone' | 'missing_fields';

/** Cal.com's upcoming bookings, one page (GET /v2/bookings). */
export interface BookingPage {
  bookings: CalBooking[];
  hasMore: boolean;
}

export type CalendarErrorCode =
  | 'slot_unavailable' // the slot was taken / cannot be held or booked any more
  | 'not_found'
  | 'bad_request'
  | 'unauthorized'
  | 'rate_limited'
  | 'refused' // Cal.com said no for a reason the person can act on (see `refusal`; issue 10)
  | 'unavailable'; // network down, timeout, 5xx

export class CalendarError extends Error {
  constructor(
    public readonly code: CalendarErrorCode,
    message: string,
    public readonly status?: number,
    public readonly retryable = code === 'rate_limited' || code === 'unavailable',
    /** With code 'refused': why. 'out_of_bounds' is told apart into too_soon / too_far by the client. */
    public readonly refusal?: RefusalReason | 'out_of_bounds',
    /** The request may have taken effect though no answer came (a timeout, a dropped connection). */
    public readonly uncertain = false,
  ) {
    super(message);
    this.name = 'CalendarError';
  }
}

export interface CalendarProvider {
  readonly name: 'calcom' | 'demo';
  eventType(): Promise<EventTypeInfo>;
  /** Free slots of the configured event type with start in [from, to). */
  getSlots(range: { from: string; to: string; timeZone: string }): Promise<Slot[]>;
  /**
   * Existing (non-cancelled) bookings that overlap [from, to) — used to rank slots that fill gaps.
   * Optional data; may return [].
   */
  getBusy?(range: { from: string; to: string }): Promise<Slot[]>;
  /** Holds a slot for a few minutes (Cal.com slot reservation). Returns the reservation uid. */
  reserveSlot(input: {
    start: string;
    reservationMinutes?: number;
  }): Promise<{ reservationUid: string; until: string }>;
  releaseReservation(reservationUid: string): Promise<void>;
  createBooking(input: {
    start: string;
    attendee: Attendee;
    reservationUid?: string;
    metadata?: Record<string, string>;
    /** Answers to the booking form's required questions, by field slug (issue 10). */
    bookingFieldsResponses?: Record<string, string | boolean | string[]>;
  }): Promise<CalBooking>;
  /** Upcoming (accepted and unconfirmed) bookings of the event type, a page at a time (reconciliation). */
  listUpcoming?(page: { skip: number; take: number }): Promise<BookingPage>;
  getBooking(uid: string): Promise<CalBooking>;
  /**
   * The booking made at `start` whose metadata has `key` = `value` (e.g. Reserva's operation id),
   * or null: finds a booking created by a call whose answer was lost (crash, timeout).
   */
  findBookingByMetadata?(input: { start: string; key: string; value: string }): Promise<CalBooking | null>;
  /** Bookings of an attendee by e-mail (Cal.com can't list by phone: the local mirror covers that). */
  listBookingsByAttendeeEmail?(email: string): Promise<CalBooking[]>;
  /** Returns the new booking (Cal.com creates a new uid on reschedule). */
  rescheduleBooking(input: { uid: string; start: string; reason?: string }): Promise<CalBooking>;
  cancelBooking(input: { uid: string; reason?: string }): Promise<void>;
  /** Marks the attendee's own confirmation / no-show, where the API allows. */
  updateBookingMetadata?(uid: string, metadata: Record<string, string>): Promise<void>;
  markAbsent?(uid: string, absent: boolean): Promise<void>;
  /**
   * The opening hours of the configured event type, in the business zone: the demo's schedule, or
   * Cal.com's availability schedule of the event type (BUSINESS_HOURS only when it can't be read).
   */
  openingHours(): Promise<OpeningInterval[]>;
}

export type { OpeningInterval };
