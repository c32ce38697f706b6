/**
 * The core conversations, end to end through the signed WhatsApp webhook, against the fake Graph
 * API and — with the same expectations — the fake Cal.com and the built-in demo calendar.
 * The clock is Wednesday 25 November 2026, 09:00 in Madrid.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';

const ANA = '34600111222';
const JOHN = '447911123456'; // a valid UK mobile: Cal.com validates attendee phones (libphonenumber-js/max)
// Thursday 26 Nov 2026 in Madrid (UTC+1).
const THU = (hhmm: string) => new Date(`2026-11-26T${hhmm}:00+01:00`).toISOString();

for (const provider of ['calcom', 'demo'] as const) {
  describe(`conversations (${provider} calendar)`, () => {
    let h: Harness;
    beforeEach(async () => {
      h = await startHarness({ provider });
    });
    afterEach(async () => {
      await h.close();
    });

    /** Puts a booking of someone else on the calendar. */
    async function busy(startIso: string) {
      if (h.cal) h.cal.addBooking(startIso);
      else
        await h.reserva.calendar.createBooking({
          start: startIso,
          attendee: { name: 'Otra Persona', timeZone: 'Europe/Madrid' },
        });
    }
    async function bookingsOnCalendar(): Promise<Array<{ start: string; status: string; uid: string }>> {
      if (h.cal) return [...h.cal.bookings.values()].map((b) => ({ start: b.start, status: b.status, uid: b.uid }));
      const rows = await h.reserva.db.prisma.demoBooking.findMany();
      return rows.map((b) => ({ start: b.start.toISOString(), status: b.status, uid: b.uid }));
    }
    const active = async () => (await bookingsOnCalendar()).filter((b) => b.status === 'accepted');

    it('books a free time asked in Spanish: hold, confirm with buttons, book, confirm in the chat', async () => {
      const [offer] = await h.say(ANA, 'Hola, quiero una cita mañana a las 17:00');
      expect(offer!.type).toBe('buttons');
      expect(offer!.text).toContain('jueves 26 de noviembre a las 17:00');
      expect(offer!.options.map((o) => o.title)).toEqual(['Confirmar', 'Otra hora', 'Cancelar']);
      if (h.cal) expect([...h.cal.reservations.values()].some((r) => r.start === THU('17:00'))).toBe(true);

      const [done] = await h.say(ANA, 'sí');
      expect(done!.text).toContain('✅');
      expect(done!.text).toContain('17:00');
      const booked = await active();
      expect(booked.map((b) => b.start)).toContain(THU('17:00'));
      const mirror = await h.reserva.db.prisma.booking.findMany();
      expect(mirror).toHaveLength(1);
    });

    it('changing one\'s mind mid-move or mid-cancel: "déjala como estaba" / "no, mantenla" keep it', async () => {
      await h.say(ANA, 'Hola, quiero una cita mañana a las 17:00');
      await h.say(ANA, 'sí');
      await h.say(ANA, 'no, gracias'); // the offers question
      const [list] = await h.say(ANA, 'quiero cambiar mi cita al viernes');
      expect(list!.options.length).toBeGreaterThan(1);
      const [kept] = await h.say(ANA, 'déjalo, mejor la dejo como estaba');
      expect(kept!.text).not.toMatch(/no te he entendido/i);
      expect(JSON.stringify((await h.reserva.engine.inspect(ANA))?.state)).toBe('"idle"');
      const [ask] = await h.say(ANA, 'cancela mi cita');
      expect(ask!.text).toMatch(/¿Cancelo/);
      const [kept2] = await h.say(ANA, 'no, mantenla');
      expect(kept2!.text).not.toMatch(/no te he entendido/i);
      expect((await active()).map((b) => b.start)).toEqual([THU('17:00')]);
      // The same words while booking a new one: nothing is booked.
      await h.say(ANA, 'quiero otra cita el viernes');
      const [dropped] = await h.say(ANA, 'never mind, keep it as it was');
      expect(dropped!.text).not.toMatch(/entendido|didn.t get/i);
      expect((await active()).map((b) => b.start)).toEqual([THU('17:00')]);
    });

    it('two bookings the same morning: "cancela la de las 9", asked which "la de las 10:00", name one', async () => {
      for (const time of ['9:00', '10:00']) {
        await h.say(ANA, `Quiero una cita mañana a las ${time}`);
        await h.say(ANA, 'sí');
        if (time === '9:00') await h.say(ANA, 'no, gracias'); // the offers question, after the first
      }
      expect((await active()).map((b) => b.start).sort()).toEqual([THU('09:00'), THU('10:00')]);
      const [ask] = await h.say(ANA, 'cancela la de las 9');
      expect(ask!.text).toMatch(/¿Cancelo/);
      expect(ask!.text).toContain('9:00');
      await h.say(ANA, 'no'); // kept
      const [which] = await h.say(ANA, 'quiero cancelar una cita');
      expect(which!.text).toMatch(/cuál/i);
      const [ask2] = await h.say(ANA, 'la de las 10:00');
      expect(ask2!.text).toMatch(/¿Cancelo/);
      expect(ask2!.text).toContain('10:00');
    });

    it('offers the nearest free alternatives when the time is taken, and books the one picked', async () => {
      await busy(THU('12:00'));
      const [offer] = await h.say(ANA, 'Quiero una cita mañana a las 12');
      expect(offer!.text).toMatch(/12:00 ya están ocupadas/);
      const starts = offer!.options.map((o) => o.id);
      expect(starts.length).toBeGreaterThan(0);
      // The nearest come first, same part of day first (12:30, right after the taken 12:00), and
      // the one just before (11:30) is offered too.
      const id = (hhmm: string) => `v1:slot:${THU(hhmm).replace('.000Z', 'Z')}`;
      expect(starts[0]).toBe(id('12:30'));
      expect(starts).toContain(id('11:30'));
      const pick = offer!.options[0]!;
      const [confirm] = await h.say(
        ANA,
        offer!.type === 'list' ? { row: pick.id, title: pick.title } : { button: pick.id, title: pick.title },
      );
      expect(confirm!.options.map((o) => o.id)).toContain('v1:confirm');
      const [done] = await h.say(ANA, { button: 'v1:confirm', title: 'Confirmar' });
      expect(done!.text).toContain('✅');
      expect((await active()).length).toBe(2);
    });

    it('offers a day’s free times for "el jueves por la tarde", and asks when for "quiero reservar"', async () => {
      const [day] = await h.say(ANA, '¿Tenéis hueco el jueves por la tarde?');
      expect(['list', 'buttons']).toContain(day!.type);
      for (const o of day!.options) {
        const start = o.id.replace('v1:slot:', '');
        expect(start.startsWith('2026-11-26')).toBe(true);
        expect(new Date(start).getUTCHours()).toBeGreaterThanOrEqual(11); // ≥ 12:00 Madrid
      }
      const [ask] = await h.say(JOHN, 'quiero reservar');
      expect(ask!.options.length).toBeGreaterThan(0);
      expect(ask!.text).toMatch(/cuándo|When/i);
    });

    it('reschedules the upcoming booking to Friday at 10 and cancels with a reason after confirming', async () => {
      await h.say(ANA, 'Quiero una cita mañana a las 17:00');
      await h.say(ANA, 'sí');
      const [move] = await h.say(ANA, 'Quiero cambiar mi cita al viernes a las 10');
      expect(move!.text).toMatch(/viernes 27 de noviembre a las 10:00/);
      const [moved] = await h.say(ANA, 'confirmar');
      expect(moved!.text).toContain('✅');
      let now = await active();
      expect(now.map((b) => b.start)).toEqual([new Date('2026-11-27T10:00:00+01:00').toISOString()]);

      const [ask] = await h.say(ANA, 'cancela mi cita');
      expect(ask!.options.map((o) => o.id)).toContain('v1:confirm');
      const [gone] = await h.say(ANA, { button: 'v1:confirm', title: 'Sí, cancelar' });
      expect(gone!.text).toMatch(/cancelado/);
      now = await active();
      expect(now).toHaveLength(0);
      if (h.cal)
        expect(
          [...h.cal.bookings.values()].find((b) => b.status === 'cancelled' && b.start.startsWith('2026-11-27'))
            ?.cancellationReason,
        ).toBeTruthy();
    });

    it('asks which booking to move when there are several', async () => {
      await h.say(ANA, 'Quiero una cita mañana a las 10');
      await h.say(ANA, 'sí');
      await h.say(ANA, 'otra cita el viernes a las 16:00');
      await h.say(ANA, 'sí');
      const [which] = await h.say(ANA, 'quiero cambiar mi cita');
      expect(which!.options).toHaveLength(2);
      expect(which!.options[0]!.id).toMatch(/^v1:booking:/);
    });

    it('speaks English to people who write English', async () => {
      const [offer] = await h.say(JOHN, 'Hi, can I book an appointment tomorrow at 5pm?', { name: 'John Smith' });
      expect(offer!.text).toContain('Thursday, November 26 at 5:00 PM');
      expect(offer!.options.map((o) => o.title)).toEqual(['Confirm', 'Another time', 'Cancel']);
      const [done] = await h.say(JOHN, 'yes please', { name: 'John Smith' });
      expect(done!.text).toMatch(/✅ Done/);
    });

    it('never stays silent: a short help with buttons, then the booking link after two misses', async () => {
      const [first] = await h.say(ANA, 'asdfgh qwerty');
      expect(first!.options.length).toBeGreaterThan(0);
      const [second] = await h.say(ANA, 'zxcvb');
      expect(second!.text).toContain('https://cal.example/demo/30min');
      const [voice] = await h.say(ANA, { media: 'audio' });
      expect(voice!.text).toMatch(/audios/);
    });
  });
}

describe('event types that need an e-mail (Cal.com)', () => {
  it('asks for the e-mail only then, re-asks politely on a bad one, and books with it', async () => {
    const h = await startHarness({ provider: 'calcom', calRequireEmail: true });
    try {
      await h.say(ANA, 'Quiero una cita mañana a las 17:00');
      const [ask] = await h.say(ANA, 'sí');
      expect(ask!.text).toMatch(/e-mail/);
      const [again] = await h.say(ANA, 'no sé, el de siempre');
      expect(again!.text).toMatch(/no parece un e-mail/);
      const [done] = await h.say(ANA, 'Es ana.garcia@example.com');
      expect(done!.text).toContain('✅');
      const booking = [...h.cal!.bookings.values()].find((b) => b.status === 'accepted')!;
      expect(booking.attendees[0]!.email).toBe('ana.garcia@example.com');
      // Next time it is not asked again.
      await h.say(ANA, 'otra cita el viernes a las 10');
      const [second] = await h.say(ANA, 'sí');
      expect(second!.text).toContain('✅');
    } finally {
      await h.close();
    }
  });
});
