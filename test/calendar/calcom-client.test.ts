/** Cal.com client behaviour on failures: retries, timeouts, error codes, response shapes. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCalComClient } from '../../src/calendar/calcom/client.js';
import { calLanguage, toSlots } from '../../src/calendar/calcom/mapping.js';
import { CalendarError, type CalendarProvider } from '../../src/calendar/types.js';
import { startFakeCalCom, type FakeCalCom } from '../fakes/calcom-server.js';

const NOW = new Date('2026-11-24T08:00:00Z');
const ana = { name: 'Ana', timeZone: 'Europe/Madrid', phoneNumber: '+34600111222', email: 'ana@example.com' };
const errorOf = async (p: Promise<unknown>) =>
  p.then(
    () => undefined,
    (e) => e as CalendarError,
  );

describe('Cal.com client failures', () => {
  let fake: FakeCalCom;
  let client: CalendarProvider;
  let sleeps: number[];

  beforeEach(async () => {
    fake = await startFakeCalCom({ now: () => NOW, minimumNoticeMinutes: 60 });
    sleeps = [];
    client = createCalComClient({
      baseUrl: fake.url,
      apiKey: fake.apiKey,
      eventTypeId: fake.eventTypeId,
      maxRetries: 2,
      sleep: async (ms) => void sleeps.push(ms),
    });
  });
  afterEach(() => fake.close());

  it('retries 5xx with growing backoff, then succeeds', async () => {
    fake.failNext(503, 2, { path: '/v2/event-types/1001' });
    expect((await client.eventType()).lengthInMinutes).toBe(30);
    expect(sleeps).toHaveLength(2);
    expect(sleeps[1]!).toBeGreaterThan(sleeps[0]!);
  });

  it('gives up after maxRetries with code unavailable', async () => {
    fake.failNext(500, 5);
    const err = await errorOf(client.eventType());
    expect(err).toBeInstanceOf(CalendarError);
    expect(err!.code).toBe('unavailable');
    expect(err!.retryable).toBe(true);
    expect(fake.requests).toHaveLength(3);
  });

  it('retries 429 (bounded) and then reports rate_limited', async () => {
    fake.failNext(429, 3);
    const err = await errorOf(client.eventType());
    expect(err!.code).toBe('rate_limited');
    expect(fake.requests).toHaveLength(3);
  });

  it('does not retry other 4xx', async () => {
    fake.failNext(400, 1, { message: 'Something else is wrong' });
    const err = await errorOf(client.eventType());
    expect(err!.code).toBe('bad_request');
    expect(err!.message).toMatch(/Something else is wrong/);
    expect(fake.requests).toHaveLength(1);
  });

  it('does not retry a booking on 5xx (it may have been made), but does on 429', async () => {
    await client.eventType();
    fake.failNext(502, 1, { path: '/v2/bookings' });
    expect((await errorOf(client.createBooking({ start: '2026-11-25T09:00:00Z', attendee: ana })))!.code).toBe(
      'unavailable',
    );
    fake.failNext(429, 1, { path: '/v2/bookings' });
    const b = await client.createBooking({ start: '2026-11-25T09:00:00Z', attendee: ana });
    expect(b.status).toBe('accepted');
  });

  it.each([
    [409, 'Conflict'],
    [400, 'User either already has booking at this time or is not available'],
    [422, 'This time slot is already reserved by another user'],
  ])('maps %i "%s" to slot_unavailable', async (status, message) => {
    fake.failNext(status, 1, { message });
    expect((await errorOf(client.reserveSlot({ start: '2026-11-25T09:00:00Z' })))!.code).toBe('slot_unavailable');
  });

  it('maps a wrong API key to unauthorized and an unknown booking to not_found', async () => {
    const bad = createCalComClient({
      baseUrl: fake.url,
      apiKey: 'cal_wrong',
      eventTypeId: fake.eventTypeId,
      sleep: async () => {},
    });
    expect((await errorOf(bad.eventType()))!.code).toBe('unauthorized');
    expect((await errorOf(client.getBooking('nope')))!.code).toBe('not_found');
  });

  it('treats releasing an unknown reservation as done', async () => {
    await expect(client.releaseReservation('gone')).resolves.toBeUndefined();
  });

  it('refuses a phone that is not E.164 before calling Cal.com', async () => {
    await client.eventType();
    const before = fake.requests.length;
    expect(
      (await errorOf(
        client.createBooking({ start: '2026-11-25T09:00:00Z', attendee: { ...ana, phoneNumber: '600111222' } }),
      ))!.code,
    ).toBe('bad_request');
    expect(fake.requests.length).toBe(before);
  });

  it('reports requiresEmail from the event type booking fields', async () => {
    expect((await client.eventType()).requiresEmail).toBe(true);
    const phoneOnly = await startFakeCalCom({ requireEmail: false });
    const c = createCalComClient({
      baseUrl: phoneOnly.url,
      apiKey: phoneOnly.apiKey,
      eventTypeId: phoneOnly.eventTypeId,
    });
    expect((await c.eventType()).requiresEmail).toBe(false);
    await phoneOnly.close();
  });

  it('lets the API decide when the event type needs an e-mail and we have none', async () => {
    const err = await errorOf(
      client.createBooking({
        start: '2026-11-25T09:00:00Z',
        attendee: { name: 'Sin Email', timeZone: 'Europe/Madrid', phoneNumber: '+34600000001' },
      }),
    );
    expect(err!.code).toBe('bad_request');
    expect(err!.message).toMatch(/email/i);
  });
});

describe('Cal.com client timeouts and network errors', () => {
  let server: Server;
  let url: string;
  beforeEach(async () => {
    server = createServer(() => {
      /* never answers */
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  });

  it('aborts a request that takes longer than timeoutMs, retrying a bounded number of times', async () => {
    let calls = 0;
    server.on('request', () => calls++);
    const c = createCalComClient({
      baseUrl: url,
      apiKey: 'cal_x',
      eventTypeId: 1,
      timeoutMs: 100,
      maxRetries: 1,
      sleep: async () => {},
    });
    const started = Date.now();
    const err = await errorOf(c.eventType());
    expect(err!.code).toBe('unavailable');
    expect(err!.message).toMatch(/100 ms/);
    expect(calls).toBe(2);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('reports a refused connection as unavailable', async () => {
    const c = createCalComClient({
      baseUrl: 'http://127.0.0.1:1',
      apiKey: 'cal_x',
      eventTypeId: 1,
      maxRetries: 1,
      sleep: async () => {},
    });
    expect((await errorOf(c.eventType()))!.code).toBe('unavailable');
  });

  it('rejects a bad event type id and an empty key at construction', () => {
    expect(() => createCalComClient({ baseUrl: url, apiKey: 'cal_x', eventTypeId: 0 })).toThrow(/CAL_EVENT_TYPE_ID/);
    expect(() => createCalComClient({ baseUrl: url, apiKey: '', eventTypeId: 1 })).toThrow(/CAL_API_KEY/);
  });
});

describe('mapping', () => {
  it('reads slots grouped by date in every item shape, in UTC, ending after the event length', () => {
    const data = {
      '2026-11-25': [{ start: '2026-11-25T10:00:00.000+01:00' }, '2026-11-25T10:30:00.000+01:00'],
      '2026-11-26': [
        { start: '2026-11-26T09:00:00.000+01:00', end: '2026-11-26T09:45:00.000+01:00' },
        { start: '2026-11-27T09:00:00.000+01:00' },
      ],
    };
    expect(toSlots(data, 30, '2026-11-25T00:00:00Z', '2026-11-27T00:00:00Z')).toEqual([
      { start: '2026-11-25T09:00:00.000Z', end: '2026-11-25T09:30:00.000Z' },
      { start: '2026-11-25T09:30:00.000Z', end: '2026-11-25T10:00:00.000Z' },
      { start: '2026-11-26T08:00:00.000Z', end: '2026-11-26T08:45:00.000Z' },
    ]);
    expect(toSlots({}, 30, '2026-11-25T00:00:00Z', '2026-11-27T00:00:00Z')).toEqual([]);
  });

  it('also reads the older { slots: { day: [{ time }] } } shape', () => {
    const data = { slots: { '2026-11-25': [{ time: '2026-11-25T10:00:00.000+01:00' }] } };
    expect(toSlots(data, 30, '2026-11-25T00:00:00Z', '2026-11-27T00:00:00Z')).toEqual([
      { start: '2026-11-25T09:00:00.000Z', end: '2026-11-25T09:30:00.000Z' },
    ]);
  });

  it.each([
    ['es', 'es'],
    ['es-ES', 'es'],
    ['es-419', 'es-419'],
    ['pt-br', 'pt-BR'],
    ['en_US', 'en'],
    ['xx', undefined],
    [undefined, undefined],
  ])('calLanguage(%s) = %s', (tag, expected) => expect(calLanguage(tag)).toBe(expected));
});
