/** The Cal.com client against the realistic fake: Cal.com's own refusal texts, timeouts, pages (issue 10). */
import { afterEach, describe, expect, it } from 'vitest';
import { createCalComClient } from '../../src/calendar/calcom/client.js';
import { CalendarError } from '../../src/calendar/types.js';
import { startFakeCalCom, type FakeCalCom, type FakeCalComOptions } from '../fakes/calcom-server.js';

const NOW = new Date('2026-11-24T08:00:00Z'); // Tuesday 09:00 in Madrid
const ana = { name: 'Ana', timeZone: 'Europe/Madrid', phoneNumber: '+34600111222', email: 'ana@example.com' };
const errorOf = async (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e) => e as CalendarError,
  );

describe('Cal.com client against Cal.com-like refusals', () => {
  let fake: FakeCalCom;
  afterEach(() => fake.close());
  async function client(o: FakeCalComOptions = {}, timeoutMs?: number) {
    fake = await startFakeCalCom({ now: () => NOW, ...o });
    return createCalComClient({
      baseUrl: fake.url,
      apiKey: fake.apiKey,
      eventTypeId: fake.eventTypeId,
      now: () => NOW,
      sleep: async () => {},
      ...(timeoutMs ? { timeoutMs } : {}),
    });
  }

  it("names each refusal from Cal.com's own texts; calendar down only for 5xx and the network", async () => {
    const c = await client({
      bookingWindowDays: 30,
      bookerActiveBookingsLimit: 1,
      bookingFields: [{ slug: 'reason', type: 'text', label: 'Reason', required: true }],
    });
    const refusal = async (start: string, extra: object = {}) => {
      const err = await errorOf(c.createBooking({ start, attendee: ana, ...extra }));
      return err && [err.code, err.refusal];
    };
    expect(await refusal('2026-11-23T09:00:00Z')).toEqual(['refused', 'in_past']);
    expect(await refusal('2026-11-24T09:00:00Z')).toEqual(['refused', 'too_soon']); // inside the 2-hour notice
    expect(await refusal('2027-02-01T09:00:00Z')).toEqual(['refused', 'too_far']); // beyond the 30-day window
    expect(await refusal('2026-11-25T09:00:00Z')).toEqual(['refused', 'missing_fields']);
    expect(await refusal('2026-11-25T09:00:00Z', { bookingFieldsResponses: { reason: 'Checkup' } })).toBeUndefined();
    expect(await refusal('2026-11-26T09:00:00Z', { bookingFieldsResponses: { reason: 'Again' } })).toEqual([
      'refused',
      'booker_limit',
    ]);
    expect(
      (await errorOf(
        c.createBooking({
          start: '2026-11-25T09:00:00Z',
          attendee: { ...ana, email: 'other@example.com', phoneNumber: '+34600111223' },
          bookingFieldsResponses: { reason: 'x' },
        }),
      ))!.code,
    ).toBe('slot_unavailable');
    fake.failNext(503, 1, { path: '/v2/bookings' });
    expect((await errorOf(c.createBooking({ start: '2026-11-27T09:00:00Z', attendee: ana })))!.code).toBe(
      'unavailable',
    );
  });

  it('answers 422 to a reservation of a taken slot: read as "slot taken"', async () => {
    const c = await client();
    fake.addReservation('2026-11-25T10:00:00Z');
    const err = await errorOf(c.reserveSlot({ start: '2026-11-25T10:00:00Z' }));
    expect(fake.requests.at(-1)!.response.status).toBe(422);
    expect(err!.code).toBe('slot_unavailable');
  });

  it('a phone Cal.com refuses: booked without it when there is an e-mail', async () => {
    const c = await client({ requireEmail: false });
    const b = await c.createBooking({
      start: '2026-11-25T09:00:00Z',
      attendee: { ...ana, phoneNumber: '+34000000000' },
      metadata: { whatsapp: '34000000000' },
    });
    expect(fake.bookings.get(b.uid)!.attendees[0]!.phoneNumber).toBeUndefined();
    expect(fake.bookings.get(b.uid)!.metadata.whatsapp).toBe('34000000000');
    const noEmail = await errorOf(
      c.createBooking({
        start: '2026-11-25T10:00:00Z',
        attendee: { name: 'X', timeZone: 'Europe/Madrid', phoneNumber: '+34000000000' },
      }),
    );
    expect([noEmail!.code, noEmail!.refusal]).toEqual(['refused', 'invalid_phone']);
  });

  it('a cancel whose answer timed out is retried; meeting "already cancelled" it succeeds', async () => {
    const c = await client({}, 200);
    const b = await c.createBooking({ start: '2026-11-25T09:00:00Z', attendee: ana });
    fake.delayNext(400, `/v2/bookings/${b.uid}/cancel`);
    await expect(c.cancelBooking({ uid: b.uid, reason: 'x' })).resolves.toBeUndefined();
    const cancels = fake.requests.filter((r) => r.path.endsWith('/cancel'));
    expect(cancels).toHaveLength(2); // the first took effect but answered too late
    expect(fake.bookings.get(b.uid)!.status).toBe('cancelled');
    expect(cancels[1]!.response.status).toBe(400);
    expect((cancels[1]!.response.body as { error: { message: string } }).error.message).toMatch(
      /already been cancelled/,
    );
  });

  it('confirmation-required event types give pending bookings; upcoming bookings are read page by page', async () => {
    const c = await client({ requiresConfirmation: true });
    expect((await c.eventType()).requiresConfirmation).toBe(true);
    const b = await c.createBooking({ start: '2026-11-25T09:00:00Z', attendee: ana });
    expect(b.status).toBe('pending');
    for (let i = 0; i < 4; i++) fake.addBooking(`2026-11-26T${String(9 + i).padStart(2, '0')}:00:00Z`);
    const first = await c.listUpcoming!({ skip: 0, take: 3 });
    const second = await c.listUpcoming!({ skip: 3, take: 3 });
    expect([first.bookings.length, first.hasMore, second.bookings.length, second.hasMore]).toEqual([3, true, 2, false]);
  });
});
