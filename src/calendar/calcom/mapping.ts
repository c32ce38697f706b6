/** Turns Cal.com API v2 response shapes into the calendar boundary types (src/calendar/types.ts). */
import { DateTime } from 'luxon';
import { CalendarError, type BookingField, type CalBooking, type EventTypeInfo, type Slot } from '../types.js';

export interface CalEnvelope<T> {
  status: 'success' | 'error';
  data: T;
}

export interface CalBookingOut {
  uid: string;
  title?: string;
  status?: string;
  start: string;
  end: string;
  eventTypeId?: number;
  eventType?: { id: number };
  attendees?: Array<{ name: string; email?: string; phoneNumber?: string; timeZone: string; absent?: boolean }>;
  metadata?: Record<string, unknown>;
  location?: string;
  meetingUrl?: string;
  rescheduledToUid?: string;
  rescheduledFromUid?: string;
}

export interface CalEventTypeOut {
  id: number;
  title: string;
  lengthInMinutes: number;
  minimumBookingNotice?: number;
  bookingUrl?: string;
  bookingFields?: Array<{
    type?: string;
    slug?: string;
    label?: string;
    required?: unknown;
    hidden?: boolean;
    options?: unknown[];
    isDefault?: boolean;
  }>;
  confirmationPolicy?: { type?: string; disabled?: boolean } | null;
  locations?: Array<{ type?: string; address?: string; link?: string; public?: boolean; phone?: string }>;
}

// ---- Issue 10: booking questions, places, confirmation ----

/** Default fields of Cal.com's booking form that Reserva fills itself (never asked as questions). */
const OWN_FIELDS = new Set([
  'name',
  'email',
  'attendeePhoneNumber',
  'location',
  'title',
  'notes',
  'guests',
  'rescheduleReason',
  'smsReminderNumber',
]);
const ASKABLE = new Set([
  'text',
  'textarea',
  'number',
  'select',
  'radio',
  'boolean',
  'checkbox',
  'phone',
  'address',
  'url',
]);

const optionLabel = (o: unknown): string => {
  if (typeof o === 'string') return o;
  const r = (o ?? {}) as { label?: unknown; value?: unknown };
  return String(r.label ?? r.value ?? '');
};

/** The required custom questions of the booking form that can be asked in a chat. */
export function requiredBookingFields(et: CalEventTypeOut): BookingField[] {
  return (et.bookingFields ?? [])
    .filter(
      (f) =>
        f.required === true &&
        f.hidden !== true &&
        f.slug &&
        !OWN_FIELDS.has(f.slug) &&
        !f.isDefault &&
        ASKABLE.has(f.type ?? ''),
    )
    .map((f) => {
      const options = (f.options ?? []).map(optionLabel).filter(Boolean);
      return { slug: f.slug!, label: f.label || f.slug!, type: f.type!, ...(options.length ? { options } : {}) };
    });
}

/** The event's fixed place: an address (public ones), or a link. Cal Video and friends are per booking. */
export function eventLocation(et: CalEventTypeOut): string | undefined {
  for (const l of et.locations ?? []) {
    if (l.type === 'address' && l.address && l.public !== false) return l.address;
    if (l.type === 'link' && l.link && l.public !== false) return l.link;
  }
  return undefined;
}

/** A booking's place as a person can use it: a meeting URL, an address or a link (not "integrations:daily"). */
export function bookingLocation(b: Pick<CalBookingOut, 'location' | 'meetingUrl'>): string | undefined {
  if (b.meetingUrl && /^https?:\/\//.test(b.meetingUrl)) return b.meetingUrl;
  const l = b.location?.trim();
  if (!l || /^integrations?:/.test(l) || l === 'attendeeInPerson' || l === 'phone') return undefined;
  return l;
}

/** What Cal.com sends: date, time to the second, up to 3 decimals, and Z or ±hh:mm. */
const ISO_INSTANT = /^[1-9]\d{3}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?(?:Z|([+-])(\d{2}):(\d{2}))$/;

/**
 * `toUtcIso` for the shape Cal.com sends, without luxon (a slots answer has hundreds: issue 12);
 * undefined for anything else or anything doubtful, which luxon then reads.
 */
function quickUtcIso(value: string): string | undefined {
  const m = ISO_INSTANT.exec(value);
  if (!m) return undefined;
  const t = Date.parse(value);
  if (Number.isNaN(t)) return undefined;
  const offset = m[1] ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : 0;
  // Date.parse rolls 30 February or 24:00 over; luxon refuses them: the fields must read back as written.
  if (new Date(t + offset * 60_000).toISOString().slice(0, 19) !== value.slice(0, 19)) return undefined;
  return new Date(t).toISOString();
}

/** ISO instant in UTC with milliseconds, e.g. 2026-11-26T09:00:00.000Z. */
export function toUtcIso(value: string): string {
  const quick = quickUtcIso(value);
  if (quick !== undefined) return quick;
  const dt = DateTime.fromISO(value, { setZone: true });
  if (!dt.isValid) throw new CalendarError('bad_request', `"${value}" is not an ISO-8601 date-time.`);
  return dt.toUTC().toISO()!;
}

const STATUSES = ['accepted', 'pending', 'cancelled', 'rejected'] as const;

export function toCalBooking(b: CalBookingOut): CalBooking {
  if (Array.isArray(b))
    throw new CalendarError(
      'bad_request',
      'Cal.com returned a recurring booking (an array); Reserva only handles single bookings.',
    );
  const status = String(b.status ?? 'accepted').toLowerCase();
  const metadata =
    b.metadata && Object.keys(b.metadata).length
      ? Object.fromEntries(
          Object.entries(b.metadata).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]),
        )
      : undefined;
  return {
    uid: b.uid,
    eventTypeId: b.eventType?.id ?? b.eventTypeId ?? 0,
    title: b.title ?? '',
    start: toUtcIso(b.start),
    end: toUtcIso(b.end),
    status: (STATUSES as readonly string[]).includes(status) ? (status as CalBooking['status']) : 'pending',
    attendees: (b.attendees ?? []).map((a) => ({
      name: a.name,
      email: a.email || undefined,
      phoneNumber: a.phoneNumber || undefined,
      timeZone: a.timeZone,
      absent: a.absent,
    })),
    ...(metadata ? { metadata } : {}),
    ...(bookingLocation(b) ? { location: bookingLocation(b) } : {}),
    ...(b.rescheduledToUid ? { rescheduledToUid: b.rescheduledToUid } : {}),
    ...(b.rescheduledFromUid ? { rescheduledFromUid: b.rescheduledFromUid } : {}),
  };
}

/**
 * The slots response is grouped by date in the asked time zone: `{ "2026-11-26": [{ start }] }`.
 * Items may also be plain strings (older shape) or `{ start, end }` (format=range). Returns slots in
 * UTC with `end` = start + the event length when the API gave none, restricted to start ∈ [from, to).
 */
export function toSlots(data: unknown, lengthInMinutes: number, from: string, to: string): Slot[] {
  if (!data || typeof data !== 'object') return [];
  const lo = Date.parse(from);
  const hi = Date.parse(to);
  const out: Slot[] = [];
  // 2024-09-04 answers { "2026-11-26": [{ start }] }; older versions nest it as { slots: { … } }
  // with { time } items. Both are read.
  const byDay =
    (data as { slots?: unknown }).slots &&
    typeof (data as { slots?: unknown }).slots === 'object' &&
    !Array.isArray((data as { slots?: unknown }).slots)
      ? (data as { slots: Record<string, unknown> }).slots
      : (data as Record<string, unknown>);
  for (const items of Object.values(byDay)) {
    if (!Array.isArray(items)) continue;
    for (const item of items) {
      const startRaw =
        typeof item === 'string'
          ? item
          : ((item as { start?: string; time?: string })?.start ?? (item as { time?: string })?.time);
      if (!startRaw) continue;
      const start = toUtcIso(startRaw);
      const endRaw = typeof item === 'object' ? (item as { end?: string }).end : undefined;
      // start is a UTC instant with milliseconds: adding minutes is adding milliseconds.
      const end = endRaw
        ? toUtcIso(endRaw)
        : Number.isFinite(lengthInMinutes) && Math.abs(lengthInMinutes) < 1e6
          ? new Date(Date.parse(start) + lengthInMinutes * 60_000).toISOString()
          : DateTime.fromISO(start).plus({ minutes: lengthInMinutes }).toUTC().toISO()!;
      const t = Date.parse(start);
      if (t >= lo && t < hi) out.push({ start, end });
    }
  }
  return out.sort((a, b) => a.start.localeCompare(b.start));
}

/**
 * Whether booking needs an e-mail: the default `email` booking field is required unless it was set
 * to `required: false` / hidden (Cal.com allows that only for organization team event types that
 * also have a required `attendeePhoneNumber` field — see the spec's EmailDefaultFieldOutput).
 */
export function requiresEmail(et: CalEventTypeOut): boolean {
  const field = (et.bookingFields ?? []).find((f) => f.type === 'email' || f.slug === 'email');
  if (!field) return true;
  return field.required !== false && field.hidden !== true;
}

export function toEventTypeInfo(et: CalEventTypeOut, bookingUrl?: string): EventTypeInfo {
  return {
    id: et.id,
    title: et.title,
    lengthInMinutes: et.lengthInMinutes,
    minimumBookingNotice: et.minimumBookingNotice ?? 0,
    bookingUrl: bookingUrl ?? et.bookingUrl,
    requiresEmail: requiresEmail(et),
    requiresConfirmation: Boolean(et.confirmationPolicy && !et.confirmationPolicy.disabled),
    bookingFields: requiredBookingFields(et),
    ...(eventLocation(et) ? { location: eventLocation(et) } : {}),
  };
}

/** Languages Cal.com accepts for `attendee.language` (CreateBookingAttendee.language enum). */
const CAL_LANGUAGES = new Set([
  'ar',
  'ca',
  'de',
  'es',
  'eu',
  'he',
  'id',
  'ja',
  'lv',
  'pl',
  'ro',
  'sr',
  'th',
  'vi',
  'az',
  'cs',
  'el',
  'es-419',
  'fi',
  'hr',
  'it',
  'km',
  'nl',
  'pt',
  'ru',
  'sv',
  'tr',
  'zh-CN',
  'bg',
  'da',
  'en',
  'et',
  'fr',
  'hu',
  'iw',
  'ko',
  'no',
  'pt-BR',
  'sk',
  'ta',
  'uk',
  'zh-TW',
  'bn',
]);

/** Our language tag → one Cal.com accepts ("es-ES" → "es", "pt-br" → "pt-BR"), or undefined. */
export function calLanguage(tag: string | undefined): string | undefined {
  if (!tag) return undefined;
  const [lang, region] = tag.replace('_', '-').split('-');
  const full = region
    ? `${lang!.toLowerCase()}-${region.length === 2 ? region.toUpperCase() : region}`
    : lang!.toLowerCase();
  if (CAL_LANGUAGES.has(full)) return full;
  const base = lang!.toLowerCase();
  return CAL_LANGUAGES.has(base) ? base : undefined;
}
