/**
 * What a follow-up means given the table (machines/when.ts): a partial time completed from the day
 * asked for, offered or being moved — in the business zone, across a daylight-saving change — and
 * the shifts that move around an offer keeping the day.
 */
import { describe, expect, it } from 'vitest';
import { initialContext } from '../../machines/setup.js';
import type { ConversationContext, When } from '../../machines/types.js';
import { completeRequest, isOpenAt, shiftRequest } from '../../machines/when.js';

const TZ = 'Europe/Madrid';
const ctx = (over: Partial<ConversationContext>): ConversationContext => ({
  ...initialContext({ language: 'es', timeZone: TZ }),
  ...over,
});
const point = (iso: string): When => ({ start: iso, end: iso, grain: 'minute' });
const hourOnly = { day: false, partOfDay: false, hour: true, minute: false };

describe('completing a partial time from the table', () => {
  it('keeps the day asked for: "a las 5" after Friday is Friday 17:00', () => {
    const friday: When = { start: '2026-11-27T00:00:00+01:00', end: '2026-11-28T00:00:00+01:00', grain: 'day' };
    const done = completeRequest(ctx({ request: friday }), point('2026-11-25T17:00:00+01:00'), hourOnly);
    expect(new Date(done!.start).toISOString()).toBe('2026-11-27T16:00:00.000Z');
  });

  it('uses the offered slots, then the booking being moved, when nothing was asked', () => {
    const offered = [{ start: '2026-12-01T09:00:00.000Z', end: '2026-12-01T09:30:00.000Z' }];
    expect(completeRequest(ctx({ offered }), point('2026-11-25T12:30:00+01:00'), hourOnly)!.start).toBe(
      '2026-12-01T12:30:00+01:00',
    );
    const target = { uid: 'b', start: '2026-12-03T10:00:00.000Z', end: '2026-12-03T10:30:00.000Z' };
    expect(completeRequest(ctx({ target }), point('2026-11-25T13:00:00+01:00'), hourOnly)!.start).toBe(
      '2026-12-03T13:00:00+01:00',
    );
  });

  it('keeps the wall-clock time across a daylight-saving change', () => {
    const monday: When = { start: '2027-03-29T00:00:00+02:00', end: '2027-03-30T00:00:00+02:00', grain: 'day' };
    const done = completeRequest(ctx({ request: monday }), point('2027-03-26T17:00:00+01:00'), hourOnly);
    expect(done!.start).toBe('2027-03-29T17:00:00+02:00');
  });

  it('takes a time that named its day, or with nothing on the table, as it is', () => {
    const friday: When = { start: '2026-11-27T00:00:00+01:00', end: '2026-11-28T00:00:00+01:00', grain: 'day' };
    const w = point('2026-12-02T13:00:00+01:00');
    expect(completeRequest(ctx({ request: friday }), w, { ...hourOnly, day: true })).toBe(w);
    expect(completeRequest(ctx({}), w, hourOnly)).toBe(w);
    expect(completeRequest(ctx({ request: friday }), w, undefined)).toBe(w);
  });
});

describe('shifts around an offer', () => {
  const offered = ['09:00', '09:30', '10:00'].map((t) => ({
    start: new Date(`2026-11-26T${t}:00+01:00`).toISOString(),
    end: new Date(`2026-11-26T${t}:30+01:00`).toISOString(),
  }));
  const thursday: When = { start: '2026-11-26T00:00:00+01:00', end: '2026-11-27T00:00:00+01:00', grain: 'day' };
  it('later: after the last offered slot, same day', () => {
    const r = shiftRequest(ctx({ request: thursday, offered }), 'later')!;
    expect(r.start).toBe('2026-11-26T10:01:00+01:00');
    expect(r.end.startsWith('2026-11-26T23:59')).toBe(true);
  });
  it('earlier: from the start of the day to the first offered slot, the times nearest it first', () => {
    const r = shiftRequest(ctx({ request: thursday, offered }), 'earlier')!;
    expect([r.start, r.end]).toEqual(['2026-11-26T00:00:00+01:00', '2026-11-26T09:00:00+01:00']);
    expect(r.near).toBe('end');
  });
  it('earlier than a proposed slot: before that slot, not before the list it came from', () => {
    const selected = { start: '2026-11-26T09:00:00.000Z', end: '2026-11-26T09:30:00.000Z' }; // 10:00 Madrid
    const r = shiftRequest(ctx({ request: thursday, offered, selected }), 'earlier')!;
    expect(r.end).toBe('2026-11-26T10:00:00+01:00');
  });
  it('another day: from the next day; next week: Monday to Monday', () => {
    expect(shiftRequest(ctx({ request: thursday, offered }), 'another_day')!.start).toBe('2026-11-27T00:00:00+01:00');
    const next = shiftRequest(ctx({ request: thursday }), 'next_week')!;
    expect([next.start, next.end]).toEqual(['2026-11-30T00:00:00+01:00', '2026-12-07T00:00:00+01:00']);
  });
  it('nothing on the table: no shift', () => {
    expect(shiftRequest(ctx({}), 'later')).toBeNull();
  });
});

describe('opening hours', () => {
  const hours = ([1, 2, 3, 4, 5] as const).map((weekday) => ({ weekday, from: '09:00', to: '18:00' }));
  it('a Sunday, a Saturday morning and 19:00 are closed; Thursday 17:30 and a Thursday are open', () => {
    expect(isOpenAt(point('2026-11-29T11:00:00+01:00'), hours, TZ)).toBe(false);
    const satMorning: When = {
      start: '2026-11-28T06:00:00+01:00',
      end: '2026-11-28T12:00:00+01:00',
      grain: 'part_of_day',
    };
    expect(isOpenAt(satMorning, hours, TZ)).toBe(false);
    expect(isOpenAt(point('2026-11-26T19:00:00+01:00'), hours, TZ)).toBe(false);
    expect(isOpenAt(point('2026-11-26T17:30:00+01:00'), hours, TZ)).toBe(true);
    expect(
      isOpenAt({ start: '2026-11-26T00:00:00+01:00', end: '2026-11-27T00:00:00+01:00', grain: 'day' }, hours, TZ),
    ).toBe(true);
    expect(isOpenAt(point('2026-11-29T11:00:00+01:00'), [], TZ)).toBe(true); // unknown hours: never "closed"
  });
});
