/**
 * CalendarProvider over Cal.com API v2. Every path, method, `cal-api-version` and body shape here
 * is checked against Cal.com's OpenAPI spec by test/calendar/calcom-contract.test.ts.
 *
 * Notes from the spec:
 * - POST /v2/bookings has no field for a slot reservation uid: a reservation only keeps the slot
 *   from others. After booking we delete our reservation (best effort) so it does not linger.
 * - There is no endpoint to update a booking's metadata, so `updateBookingMetadata` is absent.
 * - `attendee.email` is optional in the schema, but Cal.com accepts phone-only bookings only for
 *   organization team event types whose email field is hidden and not required (with a required
 *   `attendeePhoneNumber` field). We send no email when we have none and let the API decide.
 * - mark-absent identifies attendees by e-mail, so we read the booking first to learn the e-mail
 *   Cal.com stored for the attendee.
 */
import { DateTime } from 'luxon';
import {
  CalendarError,
  type Attendee,
  type BookingPage,
  type CalBooking,
  type CalendarProvider,
  type EventTypeInfo,
  type Slot,
} from '../types.js';
import { CAL_API_VERSIONS, createCalHttp, isAlreadyCancelled, type CalHttp } from './http.js';
import { calcomOpeningHours } from './opening-hours.js';
import type { OpeningInterval } from '../../../machines/types.js';
import {
  calLanguage,
  toCalBooking,
  toEventTypeInfo,
  toSlots,
  toUtcIso,
  type CalBookingOut,
  type CalEnvelope,
  type CalEventTypeOut,
} from './mapping.js';

export interface CalComClientOptions {
  /** API origin, e.g. https://api.cal.com (paths start with /v2). */
  baseUrl: string;
  apiKey: string;
  eventTypeId: number;
  /** Public booking page, overrides the event type's `bookingUrl`. */
  bookingUrl?: string;
  /** Per attempt; default 10 000. */
  timeoutMs?: number;
  /** Extra attempts after the first on retryable failures; default 2. */
  maxRetries?: number;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  /** The business zone; opening hours from a schedule in another zone are not used. */
  timeZone?: string;
  /** Opening hours when the event type's schedule can't be read (BUSINESS_HOURS). */
  openingHoursFallback?: OpeningInterval[];
  /** The clock refusals are judged by (too soon vs too far; issue 10). */
  now?: () => Date;
}

const enc = encodeURIComponent;
const V = CAL_API_VERSIONS;

export function createCalComClient(opts: CalComClientOptions): CalendarProvider {
  if (!Number.isInteger(opts.eventTypeId) || opts.eventTypeId <= 0) {
    throw new Error(
      `Cal.com event type id "${opts.eventTypeId}" is not a positive integer: ` +
        "set CAL_EVENT_TYPE_ID to the number in the event type's URL.",
    );
  }
  const http: CalHttp = createCalHttp(opts);
  const eventTypeId = opts.eventTypeId;
  let eventTypeCache: Promise<EventTypeInfo> | undefined;

  function eventType(): Promise<EventTypeInfo> {
    eventTypeCache ??= http<CalEnvelope<CalEventTypeOut>>({
      method: 'GET',
      path: `/v2/event-types/${eventTypeId}`,
      version: V.eventTypes,
    })
      .then((r) => toEventTypeInfo(r.data, opts.bookingUrl))
      .catch((err) => {
        eventTypeCache = undefined; // do not cache failures
        throw err;
      });
    return eventTypeCache;
  }

  async function getBooking(uid: string): Promise<CalBooking> {
    const r = await http<CalEnvelope<CalBookingOut>>({
      method: 'GET',
      path: `/v2/bookings/${enc(uid)}`,
      version: V.bookings,
    });
    return toCalBooking(r.data);
  }

  /** Issue 10: Cal.com says "out of bounds" for both ends of the booking window; tell which. */
  const refine = (err: unknown, start: string) => refineWith(eventType, opts.now ?? (() => new Date()), err, start);

  const openingHours = calcomOpeningHours({
    http,
    eventTypeId,
    timeZone: opts.timeZone,
    fallback: () => opts.openingHoursFallback ?? [],
  });

  return {
    name: 'calcom',
    eventType,
    openingHours,

    async getSlots({ from, to, timeZone }): Promise<Slot[]> {
      const et = await eventType();
      const r = await http<CalEnvelope<unknown>>({
        method: 'GET',
        path: '/v2/slots',
        version: V.slots,
        query: { eventTypeId, start: toUtcIso(from), end: toUtcIso(to), timeZone },
      });
      return toSlots(r.data, et.lengthInMinutes, from, to);
    },

    async getBusy({ from, to }): Promise<Slot[]> {
      const r = await http<CalEnvelope<CalBookingOut[]>>({
        method: 'GET',
        path: '/v2/bookings',
        version: V.bookings,
        // afterStart/beforeEnd select bookings inside the range; good enough for gap ranking.
        query: { status: 'upcoming', afterStart: toUtcIso(from), beforeEnd: toUtcIso(to), take: 100 },
      });
      return (r.data ?? [])
        .map(toCalBooking)
        .filter((b) => b.status === 'accepted' || b.status === 'pending')
        .map((b) => ({ start: b.start, end: b.end }))
        .sort((a, b) => a.start.localeCompare(b.start));
    },

    async reserveSlot({ start, reservationMinutes }) {
      const r = await http<CalEnvelope<{ reservationUid: string; reservationUntil: string }>>({
        method: 'POST',
        path: '/v2/slots/reservations',
        version: V.slots,
        body: {
          eventTypeId,
          slotStart: toUtcIso(start),
          ...(reservationMinutes ? { reservationDuration: reservationMinutes } : {}),
        },
      });
      return { reservationUid: r.data.reservationUid, until: toUtcIso(r.data.reservationUntil) };
    },

    async releaseReservation(reservationUid: string): Promise<void> {
      try {
        await http({ method: 'DELETE', path: `/v2/slots/reservations/${enc(reservationUid)}`, version: V.slots });
      } catch (err) {
        if (err instanceof CalendarError && err.code === 'not_found') return; // expired or already gone
        throw err;
      }
    },

    async createBooking({ start, attendee, reservationUid, metadata, bookingFieldsResponses }): Promise<CalBooking> {
      const post = (a: Attendee) =>
        http<CalEnvelope<CalBookingOut>>({
          method: 'POST',
          path: '/v2/bookings',
          version: V.bookings,
          retry: 'unsafe',
          body: {
            start: toUtcIso(start),
            eventTypeId,
            attendee: attendeeBody(a),
            ...(bookingFieldsResponses && Object.keys(bookingFieldsResponses).length ? { bookingFieldsResponses } : {}),
            ...(metadata && Object.keys(metadata).length ? { metadata } : {}),
          },
        });
      let r: CalEnvelope<CalBookingOut>;
      try {
        r = await post(attendee);
      } catch (err) {
        const refused = await refine(err, start);
        // Issue 10: Cal.com does not take this phone: book without it (the caller keeps it in
        // metadata). Without the phone an e-mail is needed (Cal.com takes no attendee with neither).
        if (
          refused instanceof CalendarError &&
          refused.refusal === 'invalid_phone' &&
          attendee.phoneNumber &&
          attendee.email
        ) {
          const { phoneNumber: _dropped, ...rest } = attendee;
          try {
            r = await post(rest);
          } catch (again) {
            throw await refine(again, start);
          }
        } else {
          throw refused;
        }
      }
      const booking = toCalBooking(r.data);
      if (reservationUid) {
        await http({
          method: 'DELETE',
          path: `/v2/slots/reservations/${enc(reservationUid)}`,
          version: V.slots,
          retry: 'unsafe',
        }).catch(() => {});
      }
      return booking;
    },

    getBooking,

    async findBookingByMetadata({ start, key, value }): Promise<CalBooking | null> {
      const at = Date.parse(start);
      const r = await http<CalEnvelope<CalBookingOut[]>>({
        method: 'GET',
        path: '/v2/bookings',
        version: V.bookings,
        query: {
          eventTypeId: eventTypeId,
          afterStart: new Date(at - 60_000).toISOString(),
          beforeEnd: new Date(at + 86_400_000).toISOString(),
          take: 100,
        },
      });
      const found = (r.data ?? []).filter((b) => !Array.isArray(b)).map(toCalBooking);
      return found.find((b) => Date.parse(b.start) === at && b.metadata?.[key] === value) ?? null;
    },

    async listBookingsByAttendeeEmail(email: string): Promise<CalBooking[]> {
      const r = await http<CalEnvelope<CalBookingOut[]>>({
        method: 'GET',
        path: '/v2/bookings',
        version: V.bookings,
        query: { attendeeEmail: email, sortStart: 'asc', take: 100 },
      });
      return (r.data ?? []).filter((b) => !Array.isArray(b)).map(toCalBooking);
    },

    async rescheduleBooking({ uid, start, reason }): Promise<CalBooking> {
      try {
        const r = await http<CalEnvelope<CalBookingOut>>({
          method: 'POST',
          path: `/v2/bookings/${enc(uid)}/reschedule`,
          version: V.bookings,
          retry: 'unsafe',
          body: { start: toUtcIso(start), ...(reason ? { reschedulingReason: reason } : {}) },
        });
        return toCalBooking(r.data);
      } catch (err) {
        throw await refine(err, start);
      }
    },

    async cancelBooking({ uid, reason }): Promise<void> {
      try {
        await http({
          method: 'POST',
          path: `/v2/bookings/${enc(uid)}/cancel`,
          version: V.bookings,
          body: reason ? { cancellationReason: reason } : {},
        });
      } catch (err) {
        // Issue 10: a retry after a timeout meets the cancellation the first attempt made: success.
        if (err instanceof CalendarError && isAlreadyCancelled(err)) return;
        throw err;
      }
    },

    /** Issue 10: the reconciliation job's view of Cal.com (upcoming and unconfirmed, a page at a time). */
    async listUpcoming({ skip, take }): Promise<BookingPage> {
      const r = await http<CalEnvelope<CalBookingOut[]> & { pagination?: { hasNextPage?: boolean } }>({
        method: 'GET',
        path: '/v2/bookings',
        version: V.bookings,
        query: { status: 'upcoming,unconfirmed', eventTypeId, sortStart: 'asc', take, skip },
      });
      const data = (r.data ?? []).filter((b) => !Array.isArray(b));
      return { bookings: data.map(toCalBooking), hasMore: r.pagination?.hasNextPage ?? data.length === take };
    },

    async markAbsent(uid: string, absent: boolean): Promise<void> {
      const booking = await getBooking(uid);
      const attendees = booking.attendees.filter((a) => a.email).map((a) => ({ email: a.email!, absent }));
      if (!attendees.length) {
        throw new CalendarError(
          'bad_request',
          `Booking ${uid} has no attendee e-mail; Cal.com marks absence by e-mail only.`,
        );
      }
      await http({
        method: 'POST',
        path: `/v2/bookings/${enc(uid)}/mark-absent`,
        version: V.bookings,
        body: { attendees },
      });
    },
  };
}

/** "Out of bounds" is both ends of the booking window: too soon (within the notice) or too far. */
async function refineWith(
  eventType: () => Promise<EventTypeInfo>,
  now: () => Date,
  err: unknown,
  start: string,
): Promise<unknown> {
  if (!(err instanceof CalendarError) || err.refusal !== 'out_of_bounds') return err;
  const notice = await eventType()
    .then((et) => et.minimumBookingNotice)
    .catch(() => 0);
  // Within the notice (with an hour's slack for clocks and buffers) it is "too soon"; beyond, "too far".
  const tooSoon = Date.parse(start) < now().getTime() + Math.max(notice, 0) * 60_000 + 60 * 60_000;
  return new CalendarError('refused', err.message, err.status, false, tooSoon ? 'too_soon' : 'too_far');
}

function attendeeBody(a: Attendee): Record<string, string> {
  if (a.phoneNumber && !/^\+[1-9]\d{6,14}$/.test(a.phoneNumber)) {
    throw new CalendarError(
      'bad_request',
      `Attendee phone "${a.phoneNumber}" is not E.164 ("+" then 7–15 digits); normalise it before booking.`,
    );
  }
  if (!DateTime.local().setZone(a.timeZone).isValid) {
    throw new CalendarError(
      'bad_request',
      `Attendee time zone "${a.timeZone}" is not an IANA zone like "Europe/Madrid".`,
    );
  }
  const language = calLanguage(a.language);
  return {
    name: a.name,
    timeZone: a.timeZone,
    ...(a.phoneNumber ? { phoneNumber: a.phoneNumber } : {}),
    ...(a.email ? { email: a.email } : {}),
    ...(language ? { language } : {}),
  };
}
