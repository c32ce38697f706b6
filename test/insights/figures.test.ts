/**
 * Issue 15 acceptance: the scripted fortnight (test/insights/fortnight.ts) through the real webhooks,
 * and the exact figures it must give. Who did what is listed at the top of fortnight.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from '../support/harness.js';
import { api, token } from '../support/admin.js';
import { playFortnight, startFortnight } from '../support/fortnight.js';

const PERIOD = 'from=2026-11-16T00:00:00Z&to=2026-11-30T00:00:00Z';

describe('insight figures from a scripted fortnight (signed webhooks, fake Graph and Cal.com, simulated clock)', () => {
  let h: Harness;
  let m: ReturnType<typeof JSON.parse>;
  beforeAll(async () => {
    h = await startFortnight();
    await playFortnight(h);
    const r = await api(h.url, token('viewer'))('GET', `/admin/metrics?${PERIOD}&granularity=week`);
    expect(r.status).toBe(200);
    m = r.json;
  }, 180_000);
  afterAll(async () => {
    await h?.close();
  });

  it('no-shows by reminder path: confirmed via reminder 0 of 2, reminded but silent 1 of 2, not reached 1 of 1', () => {
    expect(m.byReminderPath).toEqual({
      confirmedFromReminder: { bookings: 2, cancelled: 0, ended: 2, noShows: 0, cancellationRate: 0, noShowRate: 0 },
      remindedOther: { bookings: 1, cancelled: 1, ended: 0, noShows: 0, cancellationRate: 1, noShowRate: null },
      remindedSilent: { bookings: 2, cancelled: 0, ended: 2, noShows: 1, cancellationRate: 0, noShowRate: 0.5 },
      notReminded: { bookings: 2, cancelled: 1, ended: 1, noShows: 1, cancellationRate: 0.5, noShowRate: 1 },
    });
    expect([m.bookings, m.noShowRate, m.cancellationRate]).toEqual([7, 0.4, 0.2857]);
    expect(Object.keys(m.byEventType)).toHaveLength(1);
    // Everyone wrote in Spanish: the same figures by language.
    expect(Object.keys(m.byLanguage)).toEqual(['es']);
    expect(m.byLanguage.es.bookings).toEqual({
      bookings: 7,
      cancelled: 2,
      ended: 5,
      noShows: 2,
      cancellationRate: 0.2857,
      noShowRate: 0.4,
    });
    expect(m.byLanguage.es.messages.sent).toBe(m.messages.sent);
  });

  it('reminders: delivered 5 of 6, read 4 of 5, tapped 3 of 5; the failure by its WhatsApp code', () => {
    const r = m.byMessageKind.reminder24h;
    expect(r).toEqual({
      total: 6,
      sent: 6,
      delivered: 5,
      read: 4,
      failed: 1,
      interactiveDelivered: 5,
      clicked: 3,
      deliveryRate: 0.8333,
      readRate: 0.8,
      clickThroughRate: 0.6,
    });
    expect(m.byTemplate.appointment_reminder).toEqual(r);
    expect(m.failuresByErrorCode).toEqual({ '131026': 1 });
    expect(m.byMessageKind.confirmation.sent).toBe(7);
    expect(m.byMessageKind.feedbackQuestion.sent).toBe(4);
    expect(m.byMessageKind.noShowNotice.sent).toBe(2);
    // Every message sent to the fake Graph API is counted once.
    expect(m.messages.sent).toBe(h.graph.sent.length);
    expect([m.deliveryRate, m.readRate, m.clickThroughRate]).toEqual([
      Math.round((5 / h.graph.sent.length) * 10_000) / 10_000,
      0.8,
      0.6,
    ]);
  });

  it('each message was stored with its kind, booking and template when sent (nothing inferred later)', async () => {
    const rows = await h.reserva.db.prisma.outboundMessage.findMany();
    expect(rows.filter((r) => r.purpose === null)).toEqual([]);
    const reminders = rows.filter((r) => r.purpose === 'reminder24h');
    expect(reminders).toHaveLength(6);
    const uids = new Set((await h.reserva.db.prisma.booking.findMany()).map((b) => b.uid));
    for (const r of reminders) {
      expect(r.template).toBe('appointment_reminder');
      expect(uids.has(r.bookingUid!)).toBe(true);
    }
    // Ana's and Gabi's reminders were answered with a tap, Hugo's too (cancel): stored on the message.
    expect(reminders.filter((r) => r.tappedAt !== null)).toHaveLength(3);
  });

  it('by week: bookings, cancellations and no-shows of each week', () => {
    expect(
      m.series.map((s: Record<string, unknown>) => [s.period, s.bookings, s.cancelled, s.ended, s.noShows]),
    ).toEqual([
      ['2026-11-16', 5, 1, 4, 2],
      ['2026-11-23', 2, 1, 1, 0],
    ]);
  });

  it('funnel per statechart: entered, exited by event, drop-off', () => {
    const state = (machine: string, name: string) =>
      m.funnel[machine].states.find((s: { state: string }) => s.state === name);
    expect(state('booking', 'searching')).toEqual({
      state: 'searching',
      entered: 7,
      exited: { SLOTS_LOADED: 7 },
      timedOut: 0,
      dropOff: 0,
    });
    expect(state('booking', 'confirming')).toMatchObject({ entered: 7, exited: { USER: 7 } });
    expect(state('conversation', 'booking')).toMatchObject({ entered: 7, exited: { BOOKED: 7 }, dropOff: 0 });
    expect(state('conversation', 'cancellation')).toMatchObject({ entered: 2, exited: { CANCELLED: 2 } });
    expect(state('conversation', 'confirmation')).toMatchObject({ entered: 2, exited: { ATTENDANCE_CONFIRMED: 2 } });
    // Four rating questions, two answered: half dropped off there.
    expect(state('feedback', 'awaitingRating')).toEqual({
      state: 'awaitingRating',
      entered: 4,
      exited: { USER: 2 },
      timedOut: 0,
      dropOff: 0.5,
    });
  });

  it('misunderstood messages with their texts; opt-outs, consent, feedback, time to book', () => {
    expect(m.unknownIntents).toEqual({
      count: 1,
      items: [{ at: '2026-11-16T08:00:00.000Z', text: 'blorp quux zzyzx' }],
    });
    expect(m.optOuts).toBe(1);
    expect(m.marketingConsent).toEqual({ contacts: 8, consented: 0, rate: 0 });
    expect(m.feedback).toEqual({ count: 2, distribution: { '1': 0, '2': 0, '3': 0, '4': 1, '5': 1 }, average: 4.5 });
    // Everyone booked within the same minute of their first message (the clock did not move).
    expect(m.timeToBooking).toEqual({ bookings: 7, medianMinutes: 0, meanMinutes: 0 });
    expect(m.handoffs.total).toBe(0);
  });

  it('the same figures as CSV; viewer token required; a bad period is a 400 naming the field', async () => {
    const res = await fetch(`${h.url}/admin/metrics.csv?${PERIOD}`, {
      headers: { authorization: `Bearer ${token('viewer')}` },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const csv = await res.text();
    expect(csv.split('\r\n')[0]).toBe('section,key,figure,value');
    expect(csv).toContain('byReminderPath,remindedSilent,noShowRate,0.5\r\n');
    expect(csv).toContain('byMessageKind,reminder24h,clickThroughRate,0.6\r\n');
    expect(csv).toContain('unknownIntents,2026-11-16T08:00:00.000Z,text,blorp quux zzyzx\r\n');
    expect((await api(h.url)('GET', `/admin/metrics?${PERIOD}`)).status).toBe(401);
    const bad = await api(h.url, token('viewer'))(
      'GET',
      '/admin/metrics?from=2026-12-01T00:00:00Z&to=2026-11-01T00:00:00Z',
    );
    expect([bad.status, bad.json.field]).toEqual([400, 'from']);
    const junk = await api(h.url, token('viewer'))('GET', '/admin/metrics?granularity=month');
    expect([junk.status, junk.json.field]).toEqual([400, 'granularity']);
    expect(junk.json.message).toBe('querystring.granularity must be one of: day, week');
    const day = await api(h.url, token('viewer'))('GET', '/admin/metrics?from=2026-11-29');
    expect(day.json.message).toMatch(/from must be a date-time with its zone, e\.g\. 2026-11-01T00:00:00Z/);
  });

  it('GET /metrics: Prometheus text with the webhook ack histogram, outbound sends, gauges', async () => {
    const res = await fetch(`${h.url}/metrics`);
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(/reserva_webhook_ack_seconds_count\{source="whatsapp",status="200"\} \d+/);
    expect(text).toMatch(/reserva_webhook_ack_seconds_count\{source="cal",status="200"\} 2/);
    expect(text).toMatch(/reserva_outbound_sent_total\{type="template"\} \d+/);
    expect(text).toMatch(/reserva_calcom_request_seconds_count\{endpoint="createBooking"\} 7/);
    for (const name of [
      'reserva_inbox_lag_seconds',
      'reserva_outbox_depth',
      'reserva_job_lag_seconds',
      'reserva_turn_seconds_bucket',
    ]) {
      expect(text).toContain(name);
    }
  });
});
