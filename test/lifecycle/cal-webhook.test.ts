/**
 * Issue #5 acceptance 3 and the Cal.com webhook paths: signature check, bookings made on the
 * Cal.com page, cancellations and reschedules by the business, no-shows (from Cal.com and from
 * Reserva). Fake Graph + fake Cal.com, controllable clock (Wednesday 25 Nov 2026, 09:00 Madrid).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { advanceTo, calEvent, jobsOf, postCal } from '../support/lifecycle.js';

const ANA = '34600111222';
const LUIS = '34611222333';

describe('Cal.com webhooks', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ provider: 'calcom' });
  });
  afterEach(async () => {
    await h.close();
  });

  async function bookInChat(phone: string, text: string) {
    await h.say(phone, text);
    const [done] = await h.say(phone, 'sí');
    expect(done!.text).toContain('✅');
    const contact = await h.reserva.db.prisma.contact.findUniqueOrThrow({ where: { phone } });
    return h.reserva.db.prisma.booking.findFirstOrThrow({
      where: { contactId: contact.id, status: 'accepted' },
      orderBy: { createdAt: 'desc' },
    });
  }

  it('answers 401 and stores nothing when the signature is wrong or missing', async () => {
    await h.say(ANA, 'hola');
    const body = calEvent('BOOKING_CREATED', {
      uid: 'page-booking-1',
      startTime: '2026-11-27T09:00:00Z',
      endTime: '2026-11-27T09:30:00Z',
      attendees: [{ name: 'Ana', email: 'ana@example.com', timeZone: 'Europe/Madrid', phoneNumber: `+${ANA}` }],
    });
    for (const secret of ['wrong-secret', null]) {
      const res = await postCal(h, body, { secret });
      expect(res.status).toBe(401);
      expect((await res.json()).error).toMatch(/X-Cal-Signature-256/);
    }
    const prisma = h.reserva.db.prisma;
    expect(await prisma.calWebhookEvent.count()).toBe(0);
    expect(await prisma.booking.count()).toBe(0);
    expect(await prisma.job.count({ where: { kind: 'reminder' } })).toBe(0);
    // The same body, signed: accepted.
    expect((await postCal(h, body)).status).toBe(200);
    expect(await prisma.calWebhookEvent.count()).toBe(1);
  });

  it('cancelled on Cal.com by the business: reminders gone, the person told and offered to rebook', async () => {
    const booking = await bookInChat(ANA, 'Quiero una cita el viernes a las 10');
    expect((await jobsOf(h, booking.uid)).every((j) => j.status === 'pending')).toBe(true);
    h.cal!.bookings.get(booking.uid)!.status = 'cancelled';
    const res = await postCal(
      h,
      calEvent('BOOKING_CANCELLED', {
        uid: booking.uid,
        startTime: booking.start.toISOString(),
        endTime: booking.end.toISOString(),
        status: 'CANCELLED',
        cancellationReason: 'Host is ill',
        cancelledBy: 'host@example.com',
      }),
    );
    expect(res.status).toBe(200);
    const row = await h.reserva.db.prisma.booking.findUniqueOrThrow({ where: { uid: booking.uid } });
    expect([row.status, row.cancellationReason]).toEqual(['cancelled', 'Host is ill']);
    expect((await jobsOf(h, booking.uid)).map((j) => j.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    const [told] = h.repliesTo(ANA).slice(-1);
    expect(told!.text).toMatch(/viernes 27 de noviembre a las 10:00 ha sido cancelada por el negocio/);
    expect(told!.options.map((o) => o.id)).toEqual(['v1:book']);
    // A retry of the same delivery changes nothing and tells nobody twice.
    const sent = h.graph.sent.length;
    expect(await (await postCal(h, calEvent('BOOKING_CANCELLED', { uid: booking.uid }))).json()).toMatchObject({
      received: true,
    });
    expect(h.graph.sent.length).toBe(sent);
    // No reminder goes out later.
    await advanceTo(h, '2026-11-27T08:30:00Z');
    expect(h.graph.sent.length).toBe(sent);
    // "Reservar otra" starts a booking.
    const [again] = await h.say(ANA, { button: 'v1:book', title: 'Reservar otra' });
    expect(again!.options.length).toBeGreaterThan(0);
  });

  it('outside the 24-hour window the business-cancellation notice goes as its approved template', async () => {
    const booking = await bookInChat(ANA, 'Quiero una cita el viernes a las 10');
    h.clock.advance(25 * 3_600_000); // Thursday 10:00: Ana last wrote more than 24 h ago
    h.graph.closedWindowFor(ANA);
    h.cal!.bookings.get(booking.uid)!.status = 'cancelled';
    expect(
      (
        await postCal(
          h,
          calEvent('BOOKING_CANCELLED', {
            uid: booking.uid,
            startTime: booking.start.toISOString(),
            endTime: booking.end.toISOString(),
            status: 'CANCELLED',
          }),
        )
      ).status,
    ).toBe(200);
    const [told] = h.repliesTo(ANA).slice(-1);
    expect(told!.type).toBe('template');
    expect(told!.text).toMatch(/^appointment_cancelled\(Ana, viernes 27 de noviembre, 10:00\)$/);
    expect(told!.options.map((o) => o.id)).toEqual(['v1:book']);
  });

  it("our own booking's echo keeps its reminders; a Cal.com page booking with a known phone gets them", async () => {
    const booking = await bookInChat(ANA, 'Quiero una cita el viernes a las 10');
    const before = await jobsOf(h, booking.uid);
    const sent = h.graph.sent.length;
    await postCal(
      h,
      calEvent('BOOKING_CREATED', {
        uid: booking.uid,
        startTime: booking.start.toISOString(),
        endTime: booking.end.toISOString(),
        status: 'ACCEPTED',
        attendees: [{ phoneNumber: `+${ANA}` }],
      }),
    );
    expect(await jobsOf(h, booking.uid)).toEqual(before);
    expect(h.graph.sent.length).toBe(sent);

    // Luis wrote once on WhatsApp, then booked on the Cal.com page with his phone number.
    await h.say(LUIS, 'hola', { name: 'Luis Pérez' });
    const page = h.cal!.addBooking('2026-11-27T15:00:00Z', {
      attendee: { name: 'Luis Pérez', phoneNumber: `+${LUIS}` },
    });
    await postCal(
      h,
      calEvent('BOOKING_CREATED', {
        uid: page.uid,
        title: page.title,
        eventTypeId: page.eventTypeId,
        startTime: page.start,
        endTime: page.end,
        status: 'ACCEPTED',
        attendees: [
          { name: 'Luis Pérez', email: 'luis@example.com', timeZone: 'Europe/Madrid', language: { locale: 'es' } },
        ],
        responses: {
          name: { label: 'your_name', value: 'Luis Pérez' },
          attendeePhoneNumber: { label: 'phone', value: `+${LUIS}` },
        },
      }),
    );
    const mirrored = await h.reserva.db.prisma.booking.findUniqueOrThrow({
      where: { uid: page.uid },
      include: { contact: true },
    });
    expect(mirrored.contact.phone).toBe(LUIS);
    expect((await jobsOf(h, page.uid)).map((j) => j.key.split('@')[0])).toEqual([
      `reminder:${page.uid}:24h`,
      `reminder:${page.uid}:1h`,
      `feedback:${page.uid}`,
    ]);
    // A stranger's booking is not mirrored.
    await postCal(
      h,
      calEvent('BOOKING_CREATED', {
        uid: 'stranger',
        startTime: '2026-11-27T16:00:00Z',
        endTime: '2026-11-27T16:30:00Z',
        attendees: [{ phoneNumber: '+34699999999' }],
      }),
    );
    expect(await h.reserva.db.prisma.booking.findUnique({ where: { uid: 'stranger' } })).toBeNull();

    // Luis's reminder comes the day before, with the three replies (a template: he wrote > 24 h before).
    await advanceTo(h, '2026-11-26T15:00:00Z');
    const luis = h.repliesTo(LUIS).slice(-1)[0]!;
    expect(luis.type).toBe('template');
    expect(luis.options.map((o) => o.id)).toEqual([
      `v1:attend:${page.uid}`,
      `v1:reschedule:${page.uid}`,
      `v1:cancel:${page.uid}`,
    ]);
  });

  it('a booking moved on Cal.com: the old reminders go, new ones come, the person is told the new time', async () => {
    const booking = await bookInChat(ANA, 'Quiero una cita el viernes a las 10');
    const res = await postCal(
      h,
      calEvent('BOOKING_RESCHEDULED', {
        uid: 'moved-by-host',
        rescheduleUid: booking.uid,
        startTime: '2026-11-27T14:00:00Z',
        endTime: '2026-11-27T14:30:00Z',
        status: 'ACCEPTED',
        attendees: [{ name: 'Ana', email: 'ana@example.com', timeZone: 'Europe/Madrid' }],
      }),
    );
    expect(res.status).toBe(200);
    expect((await jobsOf(h, booking.uid)).map((j) => j.status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    expect((await jobsOf(h, 'moved-by-host')).map((j) => [j.key.split('@')[0], j.status])).toEqual([
      ['reminder:moved-by-host:24h', 'pending'],
      ['reminder:moved-by-host:1h', 'pending'],
      ['feedback:moved-by-host', 'pending'],
    ]);
    const [told] = h.repliesTo(ANA).slice(-1);
    expect(told!.text).toMatch(/ahora es el \*viernes 27 de noviembre a las 15:00\*/);
    expect(told!.options.map((o) => o.id)).toEqual([
      'v1:attend:moved-by-host',
      'v1:reschedule:moved-by-host',
      'v1:cancel:moved-by-host',
    ]);
  });

  it('no-shows from Cal.com and from Reserva: stored, no feedback question, offered to rebook', async () => {
    const a = await bookInChat(ANA, 'Quiero una cita el viernes a las 10');
    const l = await bookInChat(LUIS, 'Quiero una cita el viernes a las 12');
    // Friday after both appointments.
    h.clock.set('2026-11-27T12:00:00Z');
    const res = await postCal(
      h,
      calEvent('BOOKING_NO_SHOW_UPDATED', {
        message: 'x_marked_as_no_show',
        bookingUid: a.uid,
        bookingId: 1,
        attendees: [{ email: 'ana@sms.cal.com', noShow: true }],
      }),
    );
    expect(res.status).toBe(200);
    expect(await h.reserva.lifecycle.recordNoShow(l.uid)).toBe(true);
    expect(await h.reserva.lifecycle.recordNoShow(l.uid)).toBe(false); // once
    const prisma = h.reserva.db.prisma;
    for (const [phone, b] of [
      [ANA, a],
      [LUIS, l],
    ] as const) {
      expect((await prisma.booking.findUniqueOrThrow({ where: { uid: b.uid } })).noShow).toBe(true);
      const [told] = h.repliesTo(phone).slice(-1);
      // Their last message was on Wednesday: the window is closed, so the approved template goes.
      expect(told!.type).toBe('template');
      expect(told!.text).toMatch(/^appointment_missed\(/);
      expect(told!.options.map((o) => o.id)).toEqual(['v1:book']);
    }
    // Reserva's no-show is marked on Cal.com too (mark-absent); Cal.com's own is not echoed back.
    expect(h.cal!.bookings.get(l.uid)!.attendees[0]!.absent).toBe(true);
    expect(h.cal!.requests.filter((r) => r.path.endsWith('/mark-absent')).map((r) => r.path)).toEqual([
      `/v2/bookings/${l.uid}/mark-absent`,
    ]);
    // No feedback question after a no-show.
    const sent = h.graph.sent.length;
    await advanceTo(h, '2026-11-28T12:00:00Z');
    expect(h.graph.sent.length).toBe(sent);
  });
});
