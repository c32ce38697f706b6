/**
 * Contract test: drives every Cal.com client method against the fake server, then checks each
 * captured request against Cal.com's official OpenAPI spec (path + method exist, the operation's
 * `cal-api-version`, query parameters, JSON body) and each fake response against the spec's
 * response schema, so neither the client nor the fake can drift from the real API unnoticed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCalComClient } from '../../src/calendar/calcom/client.js';
import type { CalendarProvider } from '../../src/calendar/types.js';
import { startFakeCalCom, type FakeCalCom } from '../fakes/calcom-server.js';
import { OpenApiChecker, SPEC_PATH, specAvailable } from '../support/openapi.js';

if (!specAvailable) {
  console.warn(
    `[calcom-contract] SKIPPED: Cal.com OpenAPI spec not found at ${SPEC_PATH} ` +
      `(expected ../shared/specs/ relative to the project root).`,
  );
}

const NOW = new Date('2026-11-24T08:00:00Z'); // Tuesday, 09:00 in Madrid

/** Which schema each request body must match (the spec offers several variants per operation). */
const BODY_VARIANT: Record<string, string> = {
  'POST /v2/bookings': 'CreateBookingInput_2024_08_13',
  'POST /v2/bookings/{bookingUid}/reschedule': 'RescheduleBookingInput_2024_08_13',
  'POST /v2/bookings/{bookingUid}/cancel': 'CancelBookingInput_2024_08_13',
  'POST /v2/bookings/{bookingUid}/mark-absent': 'MarkAbsentBookingInput_2024_08_13',
  'POST /v2/slots/reservations': 'ReserveSlotInput_2024_09_04',
};

describe.skipIf(!specAvailable)('Cal.com client ↔ OpenAPI spec', () => {
  let spec: OpenApiChecker;
  let fake: FakeCalCom;
  let client: CalendarProvider;

  beforeAll(async () => {
    spec = new OpenApiChecker();
    fake = await startFakeCalCom({ now: () => NOW, timeZone: 'Europe/Madrid', requireEmail: false });
    client = createCalComClient({
      baseUrl: fake.url,
      apiKey: fake.apiKey,
      eventTypeId: fake.eventTypeId,
      sleep: async () => {},
    });

    // Exercise every method once, like a conversation would.
    fake.addBooking('2026-11-25T09:00:00Z');
    await client.eventType();
    const slots = await client.getSlots({
      from: '2026-11-25T00:00:00Z',
      to: '2026-11-27T00:00:00Z',
      timeZone: 'America/Mexico_City',
    });
    await client.getBusy!({ from: '2026-11-25T00:00:00Z', to: '2026-11-27T00:00:00Z' });
    const hold1 = await client.reserveSlot({ start: slots[0]!.start });
    await client.releaseReservation(hold1.reservationUid);
    const hold2 = await client.reserveSlot({ start: slots[0]!.start, reservationMinutes: 10 });
    const booking = await client.createBooking({
      start: slots[0]!.start,
      reservationUid: hold2.reservationUid,
      attendee: {
        name: 'Ana López',
        timeZone: 'Europe/Madrid',
        phoneNumber: '+34600111222',
        email: 'ana@example.com',
        language: 'es-ES',
      },
      metadata: { source: 'whatsapp', contactId: 'c1' },
    });
    await client.createBooking({
      start: slots[3]!.start,
      attendee: { name: 'Solo Teléfono', timeZone: 'Europe/Madrid', phoneNumber: '+34600999888', language: 'es' },
    });
    await client.getBooking(booking.uid);
    await client.listBookingsByAttendeeEmail!('ana@example.com');
    const moved = await client.rescheduleBooking({
      uid: booking.uid,
      start: slots[1]!.start,
      reason: 'Cambio de planes',
    });
    await client.markAbsent!(moved.uid, true);
    await client.cancelBooking({ uid: moved.uid, reason: 'No puedo ir' });
    await client.cancelBooking({
      uid: slots[3] ? [...fake.bookings.values()].find((b) => b.attendees[0]!.name === 'Solo Teléfono')!.uid : '',
    });
  });

  afterAll(async () => {
    await fake?.close();
  });

  it('calls every endpoint it is meant to', () => {
    const called = new Set(
      fake.requests.map((r) => {
        const f = spec.find(r.method, r.path);
        return f ? `${f.method} ${f.template}` : `${r.method} ${r.path} (unknown)`;
      }),
    );
    expect([...called].sort()).toEqual([
      'DELETE /v2/slots/reservations/{uid}',
      'GET /v2/bookings',
      'GET /v2/bookings/{bookingUid}',
      'GET /v2/event-types/{eventTypeId}',
      'GET /v2/slots',
      'POST /v2/bookings',
      'POST /v2/bookings/{bookingUid}/cancel',
      'POST /v2/bookings/{bookingUid}/mark-absent',
      'POST /v2/bookings/{bookingUid}/reschedule',
      'POST /v2/slots/reservations',
    ]);
  });

  it('sends requests the spec accepts (path, method, cal-api-version, query, body)', () => {
    const problems = fake.requests.flatMap((r) => {
      const f = spec.find(r.method, r.path);
      return spec.checkRequest(r, f ? BODY_VARIANT[`${f.method} ${f.template}`] : undefined);
    });
    expect(problems).toEqual([]);
  });

  it('authenticates every request with the API key as a bearer token', () => {
    for (const r of fake.requests) expect(r.headers.authorization).toBe(`Bearer ${fake.apiKey}`);
  });

  it('gets answers from the fake that match the spec response schemas', () => {
    let checked = 0;
    const problems = fake.requests.flatMap((r) => {
      const p = spec.checkResponse(r.method, r.path, r.response.status, r.response.body);
      if (p) checked++;
      return p ?? [];
    });
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThanOrEqual(10);
  });

  it('answers with the statuses the spec documents for success', () => {
    for (const r of fake.requests.filter((x) => x.response.status < 400)) {
      const f = spec.find(r.method, r.path)!;
      expect(Object.keys(f.op.responses), `${r.method} ${r.path}`).toContain(String(r.response.status));
    }
  });

  it('sends the attendee as the spec names it (E.164 phone, Cal.com language code, no email when unknown)', () => {
    const creates = fake.requests.filter((r) => r.method === 'POST' && r.path === '/v2/bookings');
    expect((creates[0]!.body as { attendee: unknown }).attendee).toEqual({
      name: 'Ana López',
      timeZone: 'Europe/Madrid',
      phoneNumber: '+34600111222',
      email: 'ana@example.com',
      language: 'es',
    });
    expect((creates[1]!.body as { attendee: Record<string, unknown> }).attendee).not.toHaveProperty('email');
  });

  it('the checker itself catches a wrong version, an unknown body field and a missing required field', () => {
    const base = {
      method: 'POST',
      path: '/v2/bookings',
      query: {},
      headers: { 'cal-api-version': '2024-08-13', authorization: 'Bearer x' },
    };
    expect(
      spec.checkRequest(
        { ...base, body: { start: '2026-11-25T10:00:00Z', eventTypeId: 1, attendee: { name: 'a', timeZone: 'UTC' } } },
        'CreateBookingInput_2024_08_13',
      ),
    ).toEqual([]);
    expect(
      spec
        .checkRequest({
          ...base,
          headers: { 'cal-api-version': '2024-09-04' },
          body: { start: 'x', attendee: { name: 'a', timeZone: 'UTC' } },
        })
        .join(),
    ).toMatch(/cal-api-version/);
    expect(
      spec
        .checkRequest(
          { ...base, body: { start: 'x', attendee: { name: 'a', timeZone: 'UTC' }, reservationUid: 'r' } },
          'CreateBookingInput_2024_08_13',
        )
        .join(),
    ).toMatch(/reservationUid/);
    expect(
      spec
        .checkRequest({ ...base, body: { start: 'x', attendee: { name: 'a' } } }, 'CreateBookingInput_2024_08_13')
        .join(),
    ).toMatch(/timeZone/);
    expect(
      spec
        .checkRequest({ ...base, method: 'GET', path: '/v2/slots', body: undefined, query: { eventTypeId: '1' } })
        .join(),
    ).toMatch(/required query parameter start/);
    expect(spec.checkRequest({ ...base, method: 'PATCH', path: '/v2/bookings/abc', body: {} }).join()).toMatch(
      /no such operation/,
    );
  });
});
