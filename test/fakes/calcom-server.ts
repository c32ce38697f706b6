/**
 * A fake Cal.com API v2 on a real node:http server (127.0.0.1, ephemeral port), with its state in
 * memory. Reusable by any test:
 *
 *   const cal = await startFakeCalCom({ now: () => clock, timeZone: 'Europe/Madrid' });
 *   const provider = createCalComClient({ baseUrl: cal.url, apiKey: cal.apiKey, eventTypeId: cal.eventTypeId });
 *   …
 *   await cal.close();
 *
 * What it implements (shapes follow the OpenAPI spec; test/calendar/calcom-contract.test.ts checks
 * the responses against it): GET /v2/slots, POST /v2/slots/reservations, DELETE
 * /v2/slots/reservations/{uid}, POST /v2/bookings, GET /v2/bookings(?attendeeEmail, afterStart,
 * beforeEnd, status, eventTypeId), GET /v2/bookings/{uid}, POST /v2/bookings/{uid}/reschedule
 * (new uid, old one cancelled), POST /v2/bookings/{uid}/cancel (reason kept), POST
 * /v2/bookings/{uid}/mark-absent, GET /v2/event-types/{id}.
 *
 * Rules: slots are the working hours (in `timeZone`, on `days`) cut into event-length pieces, minus
 * the minimum notice, minus bookings and active reservations. Reservations made through the API are
 * the API-key owner's, so they do not stop that owner booking; `addReservation(start)` simulates
 * someone else's hold, which does. Booking a taken slot answers 400 "User either already has booking
 * at this time or is not available" (Cal.com's message); reserving a taken slot answers 409.
 * Requests without `Authorization: Bearer <apiKey>` get 401; a missing or wrong `cal-api-version`
 * gets 400 (the real API would silently fall back to an older version — we want to notice).
 *
 * Behaving like the real service (issue 10):
 * - webhooks (`webhook` option or `setWebhook`): signed X-Cal-Signature-256, Cal.com's payload
 *   shape; with `mode: 'direct'` (Cal.com's default) POSTed and AWAITED BEFORE the API call that
 *   caused them answers; with `mode: 'queued'` they race the answer (`flushWebhooks()` awaits them).
 *   `cancelledBy` / `rescheduledBy` carry the API key owner's e-mail, as in Cal.com.
 * - the host's own actions: hostCancel / hostReschedule / hostConfirm / hostReject / pageBooking /
 *   endMeeting (MEETING_ENDED arrives flat, without a `payload` key); `loseNextWebhooks(n)`.
 * - reserving a taken slot answers 422; attendee phones validated with libphonenumber-js/max.
 * - Cal.com's own error texts: "Attempting to book a meeting in the past.", minimum notice and
 *   booking window → "booking_time_out_of_bounds_error", "booker_limit_exceeded_error",
 *   "invalid_phone_number", required booking questions → "{slug}error_required_field".
 * - `requiresConfirmation`: new bookings are PENDING (BOOKING_REQUESTED) until the host confirms.
 */
import { readBody } from './read-body.js';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createHmac, randomUUID } from 'node:crypto';
import { isValidPhoneNumber } from 'libphonenumber-js/max';
import type { AddressInfo } from 'node:net';
import { DateTime } from 'luxon';

export interface FakeCalComOptions {
  eventTypeId?: number;
  lengthInMinutes?: number;
  /** The host's schedule time zone. Default Europe/Madrid. */
  timeZone?: string;
  /** Working hours, local to `timeZone`. Default 9–18. */
  hours?: { start: number; end: number };
  /** Luxon weekdays (1 = Monday … 7 = Sunday). Default Monday–Friday. */
  days?: number[];
  /** Default 120, like a new Cal.com event type. */
  minimumNoticeMinutes?: number;
  now?: () => Date;
  apiKey?: string;
  title?: string;
  /** Makes the email booking field required (default) or optional (phone-only bookings). */
  requireEmail?: boolean;
  // Issue 10: behave like the real Cal.com.
  /** The host confirms each booking: new bookings are pending (Cal.com "requires confirmation"). */
  requiresConfirmation?: boolean;
  /** Active (upcoming) bookings one attendee may hold (Cal.com "booker active bookings limit"). */
  bookerActiveBookingsLimit?: number;
  /** How far ahead bookings are taken (Cal.com's rolling booking window), in days. */
  bookingWindowDays?: number;
  /** Extra booking questions, e.g. { slug: 'reason', type: 'text', label: 'Motivo', required: true }. */
  bookingFields?: Array<{ slug: string; type: string; label: string; required: boolean; options?: string[] }>;
  /** Where it happens: an in-person address (default: Cal Video, a meeting link per booking). */
  address?: string;
  webhook?: { url: string; secret: string; mode?: 'direct' | 'queued' };
}

/** A webhook the fake delivered (status 0: lost or not answered). */
export interface DeliveredWebhook {
  triggerEvent: string;
  body: Record<string, unknown>;
  status: number;
}

export interface FakeAttendee {
  name: string;
  email: string;
  timeZone: string;
  phoneNumber?: string;
  language?: string;
  absent: boolean;
}

export interface FakeBooking {
  id: number;
  uid: string;
  eventTypeId: number;
  title: string;
  start: string; // UTC ISO
  end: string;
  status: 'accepted' | 'cancelled' | 'pending' | 'rejected';
  attendees: FakeAttendee[];
  metadata: Record<string, string>;
  cancellationReason?: string;
  reschedulingReason?: string;
  rescheduledFromUid?: string;
  rescheduledToUid?: string;
  responses?: Record<string, unknown>;
  absentHost: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface FakeReservation {
  uid: string;
  eventTypeId: number;
  start: string;
  end: string;
  until: string;
  /** true when simulated as someone else's hold (blocks our bookings too). */
  byOther: boolean;
}

export interface RecordedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
  response: { status: number; body: unknown };
}

export interface FakeCalCom {
  url: string;
  apiKey: string;
  eventTypeId: number;
  lengthInMinutes: number;
  timeZone: string;
  bookings: Map<string, FakeBooking>;
  reservations: Map<string, FakeReservation>;
  requests: RecordedRequest[];
  /** Adds an accepted booking (by someone else unless an attendee is given). Returns it. */
  addBooking(
    start: string,
    opts?: { attendee?: Partial<FakeAttendee>; uid?: string; status?: FakeBooking['status']; lengthInMinutes?: number },
  ): FakeBooking;
  /** Someone else holds the slot (blocks listing and booking until it expires). */
  addReservation(start: string, opts?: { minutes?: number }): FakeReservation;
  /** The next `times` requests (matching `path` if given) answer `status` with a Cal.com error body. */
  failNext(status: number, times?: number, opts?: { path?: string | RegExp; message?: string }): void;
  /** Simulates someone else booking `start` between our offer and our booking. */
  takeSlot(start: string): FakeBooking;
  // Issue 10.
  /** Where webhooks go; direct mode = awaited before the API answers (Cal.com's default). */
  setWebhook(url: string, secret: string, mode?: 'direct' | 'queued'): void;
  /** Every webhook delivered (or lost), in order. */
  webhooks: DeliveredWebhook[];
  /** Resolves when queued deliveries are done. */
  flushWebhooks(): Promise<void>;
  /** The next `n` webhooks are not delivered (a handler that failed: direct delivery is not retried). */
  loseNextWebhooks(n: number): void;
  /** The next request to `path` takes effect but answers only after `ms` (a timeout for the client). */
  delayNext(ms: number, path?: string | RegExp): void;
  hostCancel(uid: string, reason?: string): Promise<void>;
  hostReschedule(uid: string, start: string): Promise<FakeBooking>;
  hostConfirm(uid: string): Promise<void>;
  hostReject(uid: string, reason?: string): Promise<void>;
  /** Someone books on the public page (BOOKING_CREATED or BOOKING_REQUESTED). */
  pageBooking(start: string, attendee: Partial<FakeAttendee>): Promise<FakeBooking>;
  /** Cal.com's scheduled MEETING_ENDED trigger: a flat body, no `payload` key. */
  endMeeting(uid: string): Promise<void>;
  close(): Promise<void>;
}

const VERSIONS = { slots: '2024-09-04', bookings: '2024-08-13', eventTypes: '2024-06-14' } as const;
const TAKEN_MESSAGE = 'User either already has booking at this time or is not available';

class HttpError extends Error {
  constructor(
    public status: number,
    public code: string,
    message: string,
  ) {
    super(message);
  }
}

export async function startFakeCalCom(opts: FakeCalComOptions = {}): Promise<FakeCalCom> {
  const eventTypeId = opts.eventTypeId ?? 1001;
  const length = opts.lengthInMinutes ?? 30;
  const zone = opts.timeZone ?? 'Europe/Madrid';
  const hours = opts.hours ?? { start: 9, end: 18 };
  const days = opts.days ?? [1, 2, 3, 4, 5];
  const notice = opts.minimumNoticeMinutes ?? 120;
  const now = opts.now ?? (() => new Date());
  const apiKey = opts.apiKey ?? 'cal_test_fake_key';
  const title = opts.title ?? 'Consulta';
  const requireEmail = opts.requireEmail ?? true;
  const bookings = new Map<string, FakeBooking>();
  const reservations = new Map<string, FakeReservation>();
  const requests: RecordedRequest[] = [];
  const extraFields = opts.bookingFields ?? [];
  let hook = opts.webhook ? { ...opts.webhook, mode: opts.webhook.mode ?? 'direct' } : undefined;
  const webhooks: DeliveredWebhook[] = [];
  const inFlight = new Set<Promise<void>>();
  let lose = 0;
  const delays: Array<{ ms: number; path?: string | RegExp }> = [];
  const HOST_EMAIL = 'host@example.com';
  const failures: Array<{ status: number; left: number; path?: string | RegExp; message?: string }> = [];
  let nextId = 1;

  const iso = (d: DateTime) => d.toUTC().toISO()!;
  const ms = (s: string) => Date.parse(s);
  const plus = (s: string, minutes: number) => iso(DateTime.fromISO(s).plus({ minutes }));
  const overlaps = (aStart: string, aEnd: string, bStart: string, bEnd: string) =>
    ms(aStart) < ms(bEnd) && ms(bStart) < ms(aEnd);
  const activeReservations = () => [...reservations.values()].filter((r) => ms(r.until) > now().getTime());
  const liveBookings = () => [...bookings.values()].filter((b) => b.status === 'accepted' || b.status === 'pending');

  /** A local day of the schedule, by its first instant: weekday, opening, closing, the next day's start. */
  const scheduleDays = new Map<number, { weekday: number; open: number; close: number; next: number }>();
  function scheduleDay(dayStart: number) {
    let d = scheduleDays.get(dayStart);
    if (!d) {
      const day = DateTime.fromMillis(dayStart, { zone });
      d = {
        weekday: day.weekday,
        open: day.set({ hour: hours.start }).toMillis(),
        close: day.set({ hour: hours.end }).toMillis(),
        next: day.plus({ days: 1 }).toMillis(),
      };
      scheduleDays.set(dayStart, d); // the schedule never changes: a day reads the same every time
    }
    return d;
  }

  /** Slot starts of the schedule in [from, to], ignoring notice and conflicts. */
  function scheduleStarts(from: number, to: number): string[] {
    const out: string[] = [];
    const step = length * 60_000;
    const last = DateTime.fromMillis(to, { zone }).endOf('day').toMillis();
    for (let dayStart = DateTime.fromMillis(from, { zone }).startOf('day').toMillis(); dayStart <= last;) {
      const day = scheduleDay(dayStart);
      // The slots of a day are a fixed number of minutes apart from its local opening time.
      if (days.includes(day.weekday))
        for (let t = day.open; t + step <= day.close; t += step)
          if (t >= from && t <= to) out.push(new Date(t).toISOString());
      dayStart = day.next;
    }
    return out;
  }

  /**
   * luxon's `DateTime.fromMillis(t, { zone: tz }).toISO()` for ascending instants, asking luxon only
   * at both ends of each stretch of up to 12 hours: when the offsets there agree, the instants between
   * have that offset too (no zone in the tz database changes twice within 12 hours).
   */
  function localIsos(times: number[], tz: string): Array<string | null> {
    const out: Array<string | null> = [];
    for (let i = 0; i < times.length;) {
      let j = i;
      while (j + 1 < times.length && times[j + 1]! - times[i]! < 12 * 3_600_000) j++;
      const first = DateTime.fromMillis(times[i]!, { zone: tz });
      const last = DateTime.fromMillis(times[j]!, { zone: tz });
      const same = first.isValid && first.offset === last.offset;
      const suffix = same ? first.toISO()!.slice(23) : ''; // "+01:00", or "Z" for UTC
      for (let k = i; k <= j; k++)
        out.push(
          same
            ? new Date(times[k]! + first.offset * 60_000).toISOString().slice(0, 23) + suffix
            : DateTime.fromMillis(times[k]!, { zone: tz }).toISO(),
        );
      i = j + 1;
    }
    return out;
  }

  function isOnSchedule(start: string): boolean {
    const t = ms(start);
    return scheduleStarts(t, t).length === 1;
  }

  function conflict(
    start: string,
    end: string,
    opts: { ignoreUid?: string; includeOwnReservations?: boolean },
  ): boolean {
    if (liveBookings().some((b) => b.uid !== opts.ignoreUid && overlaps(start, end, b.start, b.end))) return true;
    return activeReservations().some(
      (r) => (r.byOther || opts.includeOwnReservations) && overlaps(start, end, r.start, r.end),
    );
  }

  function checkBookable(start: string, ignoreUid?: string): void {
    if (!DateTime.fromISO(start).isValid)
      throw new HttpError(400, 'BadRequestException', `start "${start}" is not an ISO 8601 date`);
    if (ms(start) < now().getTime())
      throw new HttpError(400, 'BadRequestException', 'Attempting to book a meeting in the past.');
    if (ms(start) < now().getTime() + notice * 60_000)
      throw new HttpError(400, 'BadRequestException', 'booking_time_out_of_bounds_error');
    if (opts.bookingWindowDays && ms(start) > now().getTime() + opts.bookingWindowDays * 86_400_000)
      throw new HttpError(400, 'BadRequestException', 'booking_time_out_of_bounds_error');
    if (!isOnSchedule(start)) throw new HttpError(400, 'BadRequestException', TAKEN_MESSAGE);
    if (conflict(start, plus(start, length), { ignoreUid }))
      throw new HttpError(400, 'BadRequestException', TAKEN_MESSAGE);
  }

  function makeBooking(start: string, attendee: FakeAttendee, extra: Partial<FakeBooking> = {}): FakeBooking {
    const at = now().toISOString();
    const b: FakeBooking = {
      id: nextId++,
      uid: randomUUID().replace(/-/g, '').slice(0, 22),
      eventTypeId,
      title: `${title} between Host and ${attendee.name}`,
      start: iso(DateTime.fromISO(start)),
      end: plus(start, length),
      status: 'accepted',
      attendees: [attendee],
      metadata: {},
      absentHost: false,
      createdAt: at,
      updatedAt: at,
      ...extra,
    };
    bookings.set(b.uid, b);
    return b;
  }

  function bookingOut(b: FakeBooking) {
    return {
      id: b.id,
      uid: b.uid,
      title: b.title,
      description: '',
      hosts: [
        {
          id: 1,
          name: 'Host',
          email: 'host@example.com',
          displayEmail: 'host@example.com',
          username: 'host',
          timeZone: zone,
        },
      ],
      status: b.status,
      ...(b.cancellationReason !== undefined ? { cancellationReason: b.cancellationReason } : {}),
      ...(b.reschedulingReason !== undefined ? { reschedulingReason: b.reschedulingReason } : {}),
      ...(b.rescheduledFromUid ? { rescheduledFromUid: b.rescheduledFromUid } : {}),
      ...(b.rescheduledToUid ? { rescheduledToUid: b.rescheduledToUid } : {}),
      start: b.start,
      end: b.end,
      duration: Math.round((ms(b.end) - ms(b.start)) / 60_000),
      eventTypeId: b.eventTypeId,
      eventType: { id: b.eventTypeId, slug: 'consulta' },
      location: opts.address ?? 'integrations:daily',
      ...(opts.address ? {} : { meetingUrl: `https://app.cal.com/video/${b.uid}` }),
      absentHost: b.absentHost,
      createdAt: b.createdAt,
      updatedAt: b.updatedAt,
      metadata: b.metadata,
      attendees: b.attendees.map((a) => ({
        name: a.name,
        email: a.email,
        displayEmail: a.email,
        timeZone: a.timeZone,
        absent: a.absent,
        ...(a.language ? { language: a.language } : {}),
        ...(a.phoneNumber ? { phoneNumber: a.phoneNumber } : {}),
      })),
      guests: [],
      bookingFieldsResponses: { name: b.attendees[0]?.name ?? '', email: b.attendees[0]?.email ?? '' },
    };
  }

  function eventTypeOut() {
    return {
      id: eventTypeId,
      lengthInMinutes: length,
      title,
      slug: 'consulta',
      description: '',
      locations: opts.address
        ? [{ type: 'address', address: opts.address, public: true }]
        : [{ type: 'integration', integration: 'cal-video' }],
      ...(opts.requiresConfirmation
        ? { confirmationPolicy: { type: 'always', blockUnconfirmedBookingsInBooker: true } }
        : {}),
      bookingFields: [
        { type: 'name', label: 'Your name', placeholder: '', isDefault: true, slug: 'name', required: true },
        requireEmail
          ? { type: 'email', label: 'Email', placeholder: '', isDefault: true, slug: 'email', required: true }
          : {
              type: 'email',
              label: 'Email',
              placeholder: '',
              isDefault: true,
              slug: 'email',
              required: false,
              hidden: true,
            },
        ...extraFields.map((f) => ({
          ...f,
          isDefault: false,
          placeholder: '',
          ...(f.options ? { options: f.options } : {}),
        })),
      ],
      disableGuests: false,
      minimumBookingNotice: notice,
      recurrence: null,
      metadata: {},
      price: 0,
      currency: 'usd',
      lockTimeZoneToggleOnBookingPage: false,
      forwardParamsSuccessRedirect: null,
      successRedirectUrl: null,
      isInstantEvent: false,
      scheduleId: null,
      hidden: false,
      bookingRequiresAuthentication: false,
      ownerId: 1,
      users: ['host'],
      bookingUrl: 'https://cal.com/host/consulta',
    };
  }

  const requireBooking = (uid: string) => {
    const b = bookings.get(uid);
    if (!b) throw new HttpError(404, 'NotFoundException', `Booking with uid=${uid} was not found in the database`);
    return b;
  };

  function attendeeFrom(body: Record<string, unknown>): FakeAttendee {
    const a = body.attendee as Record<string, string> | undefined;
    if (!a || typeof a.name !== 'string' || typeof a.timeZone !== 'string') {
      throw new HttpError(400, 'BadRequestException', 'attendee.name and attendee.timeZone are required');
    }
    if (!a.email && requireEmail)
      throw new HttpError(400, 'BadRequestException', 'Missing attendee email: the event type requires an email');
    if (!a.email && !a.phoneNumber)
      throw new HttpError(400, 'BadRequestException', 'attendee.email or attendee.phoneNumber is required');
    // Cal.com validates attendee phones with libphonenumber-js/max.
    if (a.phoneNumber && !isValidPhoneNumber(a.phoneNumber))
      throw new HttpError(400, 'BadRequestException', 'invalid_phone_number');
    return {
      name: a.name,
      // Cal.com stores a placeholder address for phone-only attendees.
      email: a.email ?? `${a.phoneNumber!.replace(/\D/g, '')}@sms.cal.com`,
      timeZone: a.timeZone,
      phoneNumber: a.phoneNumber,
      language: a.language,
      absent: false,
    };
  }

  type Handler = (req: {
    query: Record<string, string>;
    body: Record<string, unknown>;
    params: string[];
  }) => [number, unknown] | Promise<[number, unknown]>;
  const routes: Array<{ method: string; re: RegExp; version: string; handler: Handler }> = [];
  const route = (method: string, re: RegExp, version: string, handler: Handler) =>
    routes.push({ method, re, version, handler });

  /** Cal.com's webhook body for a booking (packages/features/webhooks: the booking's CalendarEvent). */
  function webhookPayload(b: FakeBooking, extra: Record<string, unknown>) {
    const a = b.attendees[0];
    return {
      type: 'consulta',
      title: b.title,
      description: '',
      startTime: b.start,
      endTime: b.end,
      organizer: { id: 1, name: 'Host', email: HOST_EMAIL, timeZone: zone, language: { locale: 'es' } },
      attendees: b.attendees.map((x) => ({
        name: x.name,
        email: x.email,
        timeZone: x.timeZone,
        language: { locale: x.language ?? 'en' },
        ...(x.phoneNumber ? { phoneNumber: x.phoneNumber } : {}),
      })),
      responses: {
        name: { label: 'your_name', value: a?.name ?? '' },
        email: { label: 'email_address', value: a?.email ?? '' },
        ...(a?.phoneNumber ? { attendeePhoneNumber: { label: 'phone_number', value: a.phoneNumber } } : {}),
        ...Object.fromEntries(Object.entries(b.responses ?? {}).map(([k, v]) => [k, { label: k, value: v }])),
      },
      uid: b.uid,
      bookingId: b.id,
      eventTypeId: b.eventTypeId,
      location: opts.address ?? 'integrations:daily',
      ...(opts.address ? {} : { videoCallData: { type: 'daily_video', url: `https://app.cal.com/video/${b.uid}` } }),
      status: b.status.toUpperCase(),
      metadata: b.metadata,
      ...extra,
    };
  }

  async function post(triggerEvent: string, body: Record<string, unknown>): Promise<void> {
    if (!hook) return;
    if (lose > 0) {
      lose--;
      webhooks.push({ triggerEvent, body, status: 0 });
      return;
    }
    const raw = JSON.stringify(body);
    const signature = createHmac('sha256', hook.secret).update(raw).digest('hex');
    const res = await fetch(hook.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-cal-signature-256': signature },
      body: raw,
    }).catch(() => null);
    webhooks.push({ triggerEvent, body, status: res?.status ?? 0 });
  }

  /** Direct: awaited before the API answers. Queued: races the answer. */
  async function emit(triggerEvent: string, b: FakeBooking, extra: Record<string, unknown> = {}): Promise<void> {
    const body = { triggerEvent, createdAt: now().toISOString(), payload: webhookPayload(b, extra) };
    if (hook?.mode === 'queued') {
      const p = new Promise<void>((r) => setTimeout(r, Math.floor(Math.random() * 15))).then(() =>
        post(triggerEvent, body),
      );
      inFlight.add(p);
      void p.finally(() => inFlight.delete(p));
      return;
    }
    await post(triggerEvent, body);
  }

  route('GET', /^\/v2\/slots$/, VERSIONS.slots, ({ query }) => {
    if (!query.start || !query.end)
      throw new HttpError(400, 'BadRequestException', 'start and end query parameters are required');
    if (Number(query.eventTypeId) !== eventTypeId)
      throw new HttpError(404, 'NotFoundException', `Event type with id=${query.eventTypeId} not found`);
    const from = /^\d{4}-\d{2}-\d{2}$/.test(query.start)
      ? DateTime.fromISO(query.start, { zone: 'utc' }).startOf('day')
      : DateTime.fromISO(query.start);
    const to = /^\d{4}-\d{2}-\d{2}$/.test(query.end)
      ? DateTime.fromISO(query.end, { zone: 'utc' }).endOf('day')
      : DateTime.fromISO(query.end);
    if (!from.isValid || !to.isValid)
      throw new HttpError(400, 'BadRequestException', 'start and end must be ISO 8601 dates');
    const tz = query.timeZone || 'UTC';
    const earliest = now().getTime() + notice * 60_000;
    const data: Record<string, Array<{ start: string; end?: string }>> = {};
    // conflict(…, { includeOwnReservations: true }) for every slot, with the busy times read once.
    const busy = [...liveBookings(), ...activeReservations()].map((b) => [ms(b.start), ms(b.end)] as const);
    const step = length * 60_000;
    const free = scheduleStarts(from.toMillis(), to.toMillis())
      .map(ms)
      .filter((t) => t >= earliest && !busy.some(([s, e]) => t < e && s < t + step));
    const starts = localIsos(free, tz);
    const ends =
      query.format === 'range'
        ? localIsos(
            free.map((t) => t + step),
            tz,
          )
        : [];
    free.forEach((_, i) => {
      const start = starts[i]!; // null (and so the day "null") for a time zone luxon does not know
      const item: { start: string; end?: string } = { start };
      if (query.format === 'range') item.end = ends[i]!;
      (data[start?.slice(0, 10) ?? 'null'] ??= []).push(item);
    });
    return [200, { status: 'success', data }];
  });

  route('POST', /^\/v2\/slots\/reservations$/, VERSIONS.slots, ({ body }) => {
    if (body.eventTypeId !== eventTypeId)
      throw new HttpError(404, 'NotFoundException', `Event type with id=${String(body.eventTypeId)} not found`);
    const start = typeof body.slotStart === 'string' ? iso(DateTime.fromISO(body.slotStart)) : '';
    if (!start || !DateTime.fromISO(start).isValid)
      throw new HttpError(400, 'BadRequestException', 'slotStart must be an ISO 8601 date');
    const end = plus(start, length);
    if (conflict(start, end, { includeOwnReservations: true })) {
      throw new HttpError(422, 'UnprocessableEntityException', 'This time slot is already reserved by another user');
    }
    const minutes = typeof body.reservationDuration === 'number' ? body.reservationDuration : 5;
    const r: FakeReservation = {
      uid: randomUUID(),
      eventTypeId,
      start,
      end,
      until: iso(DateTime.fromJSDate(now()).plus({ minutes })),
      byOther: false,
    };
    reservations.set(r.uid, r);
    return [
      201,
      {
        status: 'success',
        data: {
          eventTypeId,
          slotStart: r.start,
          slotEnd: r.end,
          slotDuration: length,
          reservationUid: r.uid,
          reservationDuration: minutes,
          reservationUntil: r.until,
        },
      },
    ];
  });

  route('DELETE', /^\/v2\/slots\/reservations\/([^/]+)$/, VERSIONS.slots, ({ params }) => {
    if (!reservations.delete(params[0]!))
      throw new HttpError(404, 'NotFoundException', `Reserved slot with uid=${params[0]} not found`);
    return [200, { status: 'success' }];
  });

  route('POST', /^\/v2\/bookings$/, VERSIONS.bookings, async ({ body }) => {
    if (body.eventTypeId !== eventTypeId)
      throw new HttpError(404, 'NotFoundException', `Event type with id=${String(body.eventTypeId)} not found`);
    if (typeof body.start !== 'string')
      throw new HttpError(400, 'BadRequestException', 'start must be an ISO 8601 date string');
    const attendee = attendeeFrom(body);
    checkBookable(body.start);
    const responses = (body.bookingFieldsResponses ?? {}) as Record<string, unknown>;
    const missing = extraFields.find(
      (f) => f.required && (responses[f.slug] === undefined || responses[f.slug] === ''),
    );
    if (missing) throw new HttpError(400, 'BadRequestException', `{${missing.slug}}error_required_field`);
    if (opts.bookerActiveBookingsLimit !== undefined) {
      const same = (x: FakeAttendee) =>
        x.email === attendee.email || (attendee.phoneNumber && x.phoneNumber === attendee.phoneNumber);
      const active = liveBookings().filter((b) => ms(b.start) > now().getTime() && b.attendees.some(same)).length;
      if (active >= opts.bookerActiveBookingsLimit)
        throw new HttpError(400, 'BadRequestException', 'booker_limit_exceeded_error');
    }
    const metadata = (body.metadata ?? {}) as Record<string, string>;
    const b = makeBooking(body.start, attendee, {
      metadata,
      status: opts.requiresConfirmation ? 'pending' : 'accepted',
      responses,
    });
    // RegularBookingService awaits the webhooks before it answers (direct delivery).
    await emit(b.status === 'pending' ? 'BOOKING_REQUESTED' : 'BOOKING_CREATED', b);
    return [201, { status: 'success', data: bookingOut(b) }];
  });

  route('GET', /^\/v2\/bookings$/, VERSIONS.bookings, ({ query }) => {
    const statuses = (query.status ?? '').split(',').filter(Boolean);
    const t = now().getTime();
    let list = [...bookings.values()];
    if (query.attendeeEmail)
      list = list.filter((b) => b.attendees.some((a) => a.email.toLowerCase() === query.attendeeEmail!.toLowerCase()));
    if (query.eventTypeId) list = list.filter((b) => String(b.eventTypeId) === query.eventTypeId);
    if (query.afterStart) list = list.filter((b) => ms(b.start) >= ms(query.afterStart!));
    if (query.beforeEnd) list = list.filter((b) => ms(b.end) <= ms(query.beforeEnd!));
    if (statuses.length) {
      list = list.filter((b) =>
        statuses.some((s) =>
          s === 'upcoming'
            ? b.status === 'accepted' && ms(b.end) >= t
            : s === 'unconfirmed'
              ? b.status === 'pending' && ms(b.end) >= t
              : s === 'past'
                ? ms(b.end) < t && b.status !== 'cancelled'
                : s === 'cancelled'
                  ? b.status === 'cancelled' || b.status === 'rejected'
                  : false,
        ),
      );
    }
    list.sort((a, b) => (query.sortStart === 'desc' ? -1 : 1) * (ms(a.start) - ms(b.start)));
    const take = Number(query.take ?? 100);
    const skip = Number(query.skip ?? 0);
    const page = list.slice(skip, skip + take);
    return [
      200,
      {
        status: 'success',
        data: page.map(bookingOut),
        pagination: {
          totalItems: list.length,
          remainingItems: Math.max(0, list.length - skip - page.length),
          returnedItems: page.length,
          itemsPerPage: take,
          currentPage: Math.floor(skip / take) + 1,
          totalPages: Math.max(1, Math.ceil(list.length / take)),
          hasNextPage: skip + page.length < list.length,
          hasPreviousPage: skip > 0,
        },
      },
    ];
  });

  route('GET', /^\/v2\/bookings\/([^/]+)$/, VERSIONS.bookings, ({ params }) => [
    200,
    { status: 'success', data: bookingOut(requireBooking(params[0]!)) },
  ]);

  route('POST', /^\/v2\/bookings\/([^/]+)\/reschedule$/, VERSIONS.bookings, async ({ params, body }) => {
    const old = requireBooking(params[0]!);
    if (old.status === 'cancelled')
      throw new HttpError(
        400,
        'BadRequestException',
        `Can't reschedule booking with uid=${old.uid} because it has been cancelled`,
      );
    if (typeof body.start !== 'string')
      throw new HttpError(400, 'BadRequestException', 'start must be an ISO 8601 date string');
    checkBookable(body.start, old.uid);
    const reason = typeof body.reschedulingReason === 'string' ? body.reschedulingReason : undefined;
    const fresh = makeBooking(
      body.start,
      { ...old.attendees[0]!, absent: false },
      { metadata: { ...old.metadata }, rescheduledFromUid: old.uid, reschedulingReason: reason },
    );
    Object.assign(old, {
      status: 'cancelled',
      rescheduledToUid: fresh.uid,
      reschedulingReason: reason,
      updatedAt: now().toISOString(),
    });
    await emit('BOOKING_RESCHEDULED', fresh, { rescheduleUid: old.uid, rescheduledBy: HOST_EMAIL });
    return [201, { status: 'success', data: bookingOut(fresh) }];
  });

  route('POST', /^\/v2\/bookings\/([^/]+)\/cancel$/, VERSIONS.bookings, async ({ params, body }) => {
    const b = requireBooking(params[0]!);
    if (b.status === 'cancelled')
      throw new HttpError(400, 'BadRequestException', 'This booking has already been cancelled.');
    b.status = 'cancelled';
    if (typeof body.cancellationReason === 'string') b.cancellationReason = body.cancellationReason;
    b.updatedAt = now().toISOString();
    // handleCancelBooking awaits the webhooks before it answers; cancelledBy is the API key owner.
    await emit('BOOKING_CANCELLED', b, { cancelledBy: HOST_EMAIL });
    return [200, { status: 'success', data: bookingOut(b) }];
  });

  route('POST', /^\/v2\/bookings\/([^/]+)\/mark-absent$/, VERSIONS.bookings, ({ params, body }) => {
    const b = requireBooking(params[0]!);
    if (typeof body.host === 'boolean') b.absentHost = body.host;
    for (const m of (body.attendees ?? []) as Array<{ email: string; absent: boolean }>) {
      const a = b.attendees.find((x) => x.email === m.email);
      if (!a)
        throw new HttpError(
          400,
          'BadRequestException',
          `Attendee with email ${m.email} is not part of booking ${b.uid}`,
        );
      a.absent = m.absent;
    }
    b.updatedAt = now().toISOString();
    return [200, { status: 'success', data: bookingOut(b) }];
  });

  route('GET', /^\/v2\/event-types\/([^/]+)$/, VERSIONS.eventTypes, ({ params }) => {
    if (Number(params[0]) !== eventTypeId)
      throw new HttpError(404, 'NotFoundException', `Event type with id=${params[0]} not found`);
    return [200, { status: 'success', data: eventTypeOut() }];
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const raw = await readBody(req);
    let body: unknown;
    const headers = Object.fromEntries(
      Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v)]),
    );
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      headers,
      query: queryOf(url),
      body: undefined,
      response: { status: 0, body: undefined },
    };
    requests.push(record);
    const send = (status: number, payload: unknown) => {
      record.response = { status, body: payload };
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(payload));
    };
    const sendError = (status: number, code: string, message: string) =>
      send(status, { status: 'error', timestamp: now().toISOString(), path: url.pathname, error: { code, message } });
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      return sendError(400, 'BadRequestException', 'Body is not valid JSON');
    }
    record.body = body;

    const failure = failures.find(
      (f) =>
        f.left > 0 && (!f.path || (typeof f.path === 'string' ? f.path === url.pathname : f.path.test(url.pathname))),
    );
    if (failure) {
      failure.left--;
      return sendError(
        failure.status,
        failure.status >= 500 ? 'InternalServerErrorException' : 'HttpException',
        failure.message ?? `Injected failure ${failure.status}`,
      );
    }
    if (headers.authorization !== `Bearer ${apiKey}`)
      return sendError(401, 'UnauthorizedException', 'Invalid Access Token.');
    const candidates = routes.filter((r) => r.re.test(url.pathname));
    const match = candidates.find((r) => r.method === req.method);
    if (!match) return sendError(404, 'NotFoundException', `Cannot ${req.method} ${url.pathname}`);
    if (headers['cal-api-version'] !== match.version) {
      return sendError(
        400,
        'BadRequestException',
        `cal-api-version header must be ${match.version} for ${req.method} ${url.pathname} ` +
          `(got ${headers['cal-api-version'] ?? 'none'})`,
      );
    }
    try {
      const params = match.re.exec(url.pathname)!.slice(1).map(decodeURIComponent);
      const [status, payload] = await match.handler({
        query: record.query,
        body: (body ?? {}) as Record<string, unknown>,
        params,
      });
      const delay = delays.findIndex(
        (d) => !d.path || (typeof d.path === 'string' ? d.path === url.pathname : d.path.test(url.pathname)),
      );
      if (delay >= 0) {
        const [d] = delays.splice(delay, 1);
        await new Promise((r) => setTimeout(r, d!.ms));
      }
      send(status, payload);
    } catch (err) {
      if (err instanceof HttpError) return sendError(err.status, err.code, err.message);
      sendError(500, 'InternalServerErrorException', (err as Error).message);
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((err) => {
      res.writeHead(500, { 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ status: 'error', error: { code: 'InternalServerErrorException', message: String(err) } }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const someone = (): FakeAttendee => ({
    name: 'Otra Persona',
    email: 'someone.else@example.com',
    timeZone: zone,
    absent: false,
  });

  const fake: FakeCalCom = {
    url: `http://127.0.0.1:${port}`,
    apiKey,
    eventTypeId,
    lengthInMinutes: length,
    timeZone: zone,
    bookings,
    reservations,
    requests,
    addBooking(start, o = {}) {
      const b = makeBooking(
        start,
        { ...someone(), ...o.attendee },
        { status: o.status ?? 'accepted', ...(o.uid ? { uid: o.uid } : {}) },
      );
      if (o.lengthInMinutes) b.end = plus(b.start, o.lengthInMinutes);
      return b;
    },
    addReservation(start, o = {}) {
      const s = iso(DateTime.fromISO(start));
      const r: FakeReservation = {
        uid: randomUUID(),
        eventTypeId,
        start: s,
        end: plus(s, length),
        until: iso(DateTime.fromJSDate(now()).plus({ minutes: o.minutes ?? 5 })),
        byOther: true,
      };
      reservations.set(r.uid, r);
      return r;
    },
    failNext(status, times = 1, o = {}) {
      failures.push({ status, left: times, path: o.path, message: o.message });
    },
    takeSlot(start) {
      return fake.addBooking(start);
    },
    webhooks,
    setWebhook(url, secret, mode = 'direct') {
      hook = { url, secret, mode };
    },
    async flushWebhooks() {
      while (inFlight.size) await Promise.all([...inFlight]);
    },
    loseNextWebhooks(n) {
      lose += n;
    },
    delayNext(ms, path) {
      delays.push({ ms, path });
    },
    async hostCancel(uid, reason) {
      const b = requireBooking(uid);
      b.status = 'cancelled';
      b.cancellationReason = reason;
      await emit('BOOKING_CANCELLED', b, {
        cancelledBy: HOST_EMAIL,
        ...(reason ? { cancellationReason: reason } : {}),
      });
    },
    async hostReschedule(uid, start) {
      const old = requireBooking(uid);
      const fresh = makeBooking(
        start,
        { ...old.attendees[0]!, absent: false },
        { metadata: { ...old.metadata }, rescheduledFromUid: old.uid, responses: old.responses },
      );
      Object.assign(old, { status: 'cancelled', rescheduledToUid: fresh.uid });
      await emit('BOOKING_RESCHEDULED', fresh, { rescheduleUid: old.uid, rescheduledBy: HOST_EMAIL });
      return fresh;
    },
    async hostConfirm(uid) {
      const b = requireBooking(uid);
      b.status = 'accepted';
      // Cal.com announces a confirmed booking as BOOKING_CREATED (handleConfirmation).
      await emit('BOOKING_CREATED', b);
    },
    async hostReject(uid, reason) {
      const b = requireBooking(uid);
      b.status = 'rejected';
      await emit('BOOKING_REJECTED', b, { ...(reason ? { rejectionReason: reason } : {}) });
    },
    async pageBooking(start, attendee) {
      const b = makeBooking(
        iso(DateTime.fromISO(start)),
        { ...someone(), ...attendee },
        { status: opts.requiresConfirmation ? 'pending' : 'accepted' },
      );
      await emit(b.status === 'pending' ? 'BOOKING_REQUESTED' : 'BOOKING_CREATED', b);
      return b;
    },
    async endMeeting(uid) {
      const b = requireBooking(uid);
      // Scheduled triggers send the booking flat, with no `payload` wrapper.
      await post('MEETING_ENDED', {
        triggerEvent: 'MEETING_ENDED',
        createdAt: now().toISOString(),
        ...webhookPayload(b, {}),
      });
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
  return fake;
}

function queryOf(url: URL): Record<string, string> {
  const q: Record<string, string> = {};
  url.searchParams.forEach((v, k) => {
    q[k] = v;
  });
  return q;
}
