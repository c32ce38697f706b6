/**
 * Opening hours: the demo calendar's schedule, and Cal.com's availability schedule of the event
 * type (read over real HTTP from a small stand-in serving the OpenAPI shapes), with BUSINESS_HOURS
 * as the fallback when Cal.com has none or can't be read.
 */
import { createServer, type Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createCalComClient } from '../../src/calendar/calcom/client.js';
import { toOpeningHours } from '../../src/calendar/calcom/opening-hours.js';
import { scheduleHours } from '../../src/calendar/demo/schedule.js';

const FALLBACK = [{ weekday: 1 as const, from: '10:00', to: '14:00' }];
let server: Server | null = null;
afterEach(() => new Promise<void>((r) => (server ? server.close(() => r()) : r())));

async function serve(routes: Record<string, unknown>): Promise<{ url: string; seen: string[] }> {
  const seen: string[] = [];
  server = createServer((req, res) => {
    seen.push(`${req.method} ${req.url} ${req.headers['cal-api-version']}`);
    const body = routes[req.url ?? ''];
    res.writeHead(body === undefined ? 404 : 200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body ?? { status: 'error', error: { message: 'Not found' } }));
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
  const address = server.address();
  return { url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`, seen };
}

describe('opening hours', () => {
  it('demo: from its schedule', () => {
    expect(
      scheduleHours({
        timeZone: 'Europe/Madrid',
        lengthInMinutes: 30,
        hours: { start: 9, end: 18 },
        days: [1, 2, 3, 4, 5],
      }),
    ).toEqual([1, 2, 3, 4, 5].map((weekday) => ({ weekday, from: '09:00', to: '18:00' })));
  });

  it('Cal.com: availability entries become weekday intervals', () => {
    expect(
      toOpeningHours({
        availability: [
          { days: ['Monday', 'Tuesday'], startTime: '09:00', endTime: '13:00' },
          { days: ['Monday'], startTime: '15:00', endTime: '19:00' },
          { days: ['Funday'], startTime: '09:00', endTime: '10:00' },
          { days: ['Friday'], startTime: '18:00', endTime: '09:00' },
        ],
      }),
    ).toEqual([
      { weekday: 1, from: '09:00', to: '13:00' },
      { weekday: 1, from: '15:00', to: '19:00' },
      { weekday: 2, from: '09:00', to: '13:00' },
    ]);
  });

  it("Cal.com: reads the event type's schedule", async () => {
    const { url, seen } = await serve({
      '/v2/event-types/7': { status: 'success', data: { id: 7, scheduleId: 42 } },
      '/v2/schedules/42': {
        status: 'success',
        data: {
          id: 42,
          timeZone: 'Europe/Madrid',
          availability: [{ days: ['Saturday'], startTime: '10:00', endTime: '14:00' }],
        },
      },
    });
    const cal = createCalComClient({
      baseUrl: url,
      apiKey: 'k',
      eventTypeId: 7,
      timeZone: 'Europe/Madrid',
      openingHoursFallback: FALLBACK,
      maxRetries: 0,
    });
    expect(await cal.openingHours()).toEqual([{ weekday: 6, from: '10:00', to: '14:00' }]);
    expect(seen).toContain('GET /v2/schedules/42 2024-06-11');
    await cal.openingHours();
    expect(seen.filter((s) => s.includes('/v2/schedules/')).length).toBe(1); // cached
  });

  it("Cal.com: the owner's default schedule without one on the event type; the fallback when unreadable", async () => {
    const { url } = await serve({
      '/v2/event-types/7': { status: 'success', data: { id: 7, scheduleId: null } },
      '/v2/schedules/default': {
        status: 'success',
        data: {
          id: 1,
          timeZone: 'Europe/Madrid',
          availability: [{ days: ['Wednesday'], startTime: '08:00', endTime: '12:00' }],
        },
      },
    });
    const cal = createCalComClient({
      baseUrl: url,
      apiKey: 'k',
      eventTypeId: 7,
      timeZone: 'Europe/Madrid',
      openingHoursFallback: FALLBACK,
      maxRetries: 0,
    });
    expect(await cal.openingHours()).toEqual([{ weekday: 3, from: '08:00', to: '12:00' }]);
    const down = createCalComClient({
      baseUrl: url,
      apiKey: 'k',
      eventTypeId: 8,
      openingHoursFallback: FALLBACK,
      maxRetries: 0,
    });
    expect(await down.openingHours()).toEqual(FALLBACK);
  });
});
