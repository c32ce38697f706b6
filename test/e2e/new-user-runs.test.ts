/**
 * New-user runs (session 4): conversation defects found by people trying the bot for the first
 * time, each reproduced as a conversation through the signed webhook against the fake Graph API and
 * the fake Cal.com. The clock is Wednesday 25 November 2026, 09:00 in Madrid.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';

const ANA = '34600111222';
const madrid = (local: string) => new Date(`${local}:00+01:00`).toISOString();
/** The Madrid hh:mm of an offered slot button / row. */
const times = (m: { options: Array<{ id: string }> }) =>
  m.options
    .filter((o) => o.id.startsWith('v1:slot:'))
    .map((o) =>
      new Date(o.id.slice('v1:slot:'.length)).toLocaleTimeString('es-ES', {
        timeZone: 'Europe/Madrid',
        hour: '2-digit',
        minute: '2-digit',
      }),
    );
const days = (m: { options: Array<{ id: string }> }) =>
  m.options
    .filter((o) => o.id.startsWith('v1:slot:'))
    .map((o) => new Date(o.id.slice('v1:slot:'.length)).toLocaleDateString('sv-SE', { timeZone: 'Europe/Madrid' }));

describe('new-user runs (session 4)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ provider: 'calcom', env: { BUSINESS_FILE: 'demo/business.yaml' } });
  });
  afterEach(async () => {
    await h.close();
  });

  const said = async (what: Parameters<Harness['say']>[1], o?: { name?: string; phone?: string }) => {
    const replies = await h.say(o?.phone ?? ANA, what, o);
    expect(replies.length, `no reply to ${JSON.stringify(what)}`).toBeGreaterThan(0);
    return replies;
  };

  describe('1. a taken time: the alternatives nearest to it first', () => {
    it('asked for an exact time that is taken: the same-day neighbours come first', async () => {
      h.cal!.addBooking(madrid('2026-11-26T10:00'));
      const [offer] = await said('quiero cita mañana a las 10');
      expect(offer!.text).toMatch(/Las 10:00 ya están ocupadas/);
      expect(times(offer!).slice(0, 2).sort()).toEqual(['09:30', '10:30']);
      expect(new Set(days(offer!))).toEqual(new Set(['2026-11-26']));
    });

    it('picked from a list, then taken: the times around the one picked, not the list from its top', async () => {
      const [offer] = await said('mañana por la tarde');
      expect(times(offer!)[0]).toBe('14:00');
      h.cal!.takeSlot(madrid('2026-11-26T16:00'));
      const [taken] = await said({ row: 'v1:slot:2026-11-26T15:00:00Z' }); // 16:00 in Madrid
      expect(taken!.text).toMatch(/se acaba de ocupar/);
      expect(times(taken!).slice(0, 2).sort()).toEqual(['15:30', '16:30']);
      expect(times(taken!)).not.toContain('16:00');
    });

    it('accepted and taken before booking: the nearest to the accepted time', async () => {
      await said('mañana a las 12');
      h.cal!.takeSlot(madrid('2026-11-26T12:00'));
      const [taken] = await said('sí');
      expect(taken!.text).toMatch(/se acaba de ocupar/);
      expect(times(taken!).slice(0, 2).sort()).toEqual(['11:30', '12:30']);
    });
  });
  describe('2. "antes" / "earlier" / "mais cedo": the free times just before what is on the table', () => {
    it('after a proposal: the times before it that day, ending just before it', async () => {
      const [proposal] = await said('mañana a las 15:00');
      expect(proposal!.text).toMatch(/15:00/);
      const [earlier] = await said('antes');
      const list = times(earlier!);
      expect(list.at(-1)).toBe('14:30');
      expect(list).not.toContain('09:00');
      expect([...list].sort()).toEqual(list); // chronological
      expect(new Set(days(earlier!))).toEqual(new Set(['2026-11-26']));
    });

    it('en and pt: the same', async () => {
      const john = { name: 'John Smith', phone: '447911123456' };
      const [proposal] = await said('can I book tomorrow at 4pm?', john);
      expect(proposal!.text).toMatch(/4:00 PM/);
      const [earlier] = await said('anything earlier?', john);
      expect(times(earlier!).at(-1)).toBe('15:30');
      expect(times(earlier!)).not.toContain('09:00');
      const joao = { name: 'João Silva', phone: '351912345678' };
      await said('quero marcar amanhã às 15h', joao);
      const [cedo] = await said('mais cedo', joao);
      expect(times(cedo!).at(-1)).toBe('14:30');
      expect(times(cedo!)).not.toContain('09:00');
    });

    it('before the first open time of the day: said so, and the nearest free times, never "closed"', async () => {
      await said('el viernes a las 9');
      const [earlier] = await said('antes');
      expect(earlier!.text).toMatch(/No hay nada antes de las 09:00 ese día/);
      expect(earlier!.text).not.toMatch(/cerramos|cerrado/);
      const list = days(earlier!);
      expect(list.length).toBeGreaterThan(0);
      expect(list.every((d) => d < '2026-11-27')).toBe(true); // Thursday's last times
    });
  });
  describe('3. a business question mid-booking: answered, then what was on the table', () => {
    it('while choosing a slot: the address, then the same slots again — no "¿Te reservo una cita?"', async () => {
      const [offer] = await said('mañana por la tarde');
      const [answer, again] = await said('¿dónde estáis?');
      expect(answer!.text).toMatch(/Calle de Alcalá 100/);
      expect(answer!.text).not.toMatch(/Te reservo una cita/);
      expect(answer!.options.map((o) => o.id)).not.toContain('v1:book');
      expect(times(again!)).toEqual(times(offer!));
    });

    it('while a time is proposed: the answer, then the pending question (usted too)', async () => {
      await said('quiero cita mañana a las 11');
      const [answer, pending] = await said('¿cuánto cuesta?');
      expect(answer!.text).toMatch(/precios/);
      expect(answer!.text).not.toMatch(/reservo/);
      expect(pending!.text).toMatch(/11:00.*¿La confirmo\?/s);
      expect(pending!.options.map((o) => o.id)).toEqual(['v1:confirm', 'v1:decline', 'v1:cancel']);
      const [, again] = await said('¿Podría decirme dónde están ustedes?');
      expect(again!.text).toMatch(/11:00/);
    });

    it('a question the file cannot answer: a person offered, then the pending question', async () => {
      await said('quiero cita mañana a las 11');
      const [unknown, pending] = await said('¿hacéis descuentos a estudiantes?');
      expect(unknown!.text).toMatch(/no lo sé/);
      expect(unknown!.text).not.toMatch(/reservarte una cita|reservar directamente/);
      expect(unknown!.options.map((o) => o.id)).toEqual(['v1:human']);
      expect(pending!.text).toMatch(/¿La confirmo\?/);
    });

    it('while idle the answer still offers to book', async () => {
      const [answer] = await said('¿dónde estáis?');
      expect(answer!.text).toMatch(/¿Te reservo una cita\?/);
    });
  });
  it('4. a typo in the day or the part of the day is understood ("mañna", "tarede")', async () => {
    const [proposal] = await said('mañna a las 11');
    expect(proposal!.text).toMatch(/mañana, jueves 26 de noviembre a las 11:00/);
    const [offer] = await said('mejor el vienres por la tarede', { phone: '34600111444' });
    expect(offer!.text).toMatch(/viernes 27 de noviembre/);
    expect(times(offer!)[0]).toBe('14:00');
  });
  describe('5. an old slot row tapped after booking: asked first, never a silent second booking', () => {
    const active = () => [...h.cal!.bookings.values()].filter((b) => b.status === 'accepted').map((b) => b.start);
    const bookFromList = async () => {
      const [offer] = await said('mañana por la tarde');
      await said({ row: offer!.options[0]!.id }); // 14:00
      const [booked] = await said('sí');
      expect(booked!.text).toMatch(/✅/);
      await h.say(ANA, 'No, gracias'); // the marketing question
      return offer!;
    };

    it('asks: another one too, or move mine — "Mantenerla" keeps just the one', async () => {
      const offer = await bookFromList();
      const [question] = await said({ row: offer.options[1]!.id }); // 14:30, from the old list
      expect(question!.text).toMatch(/Ya tienes una cita .*14:00.*¿Te reservo otra .*14:30/s);
      expect(question!.options.map((o) => o.title)).toEqual(['Reservar otra', 'Mover la mía', 'Mantenerla']);
      expect(active()).toHaveLength(1);
      const [kept] = await said({ button: 'v1:keep', title: 'Mantenerla' });
      expect(kept!.text).toMatch(/mantengo tu cita/);
      expect(active()).toEqual([madrid('2026-11-26T14:00')]);
    });

    it('"Mover la mía" moves the booking to the time tapped', async () => {
      const offer = await bookFromList();
      const [question] = await said({ row: offer.options[1]!.id });
      const move = question!.options.find((o) => o.title === 'Mover la mía')!;
      const [confirmMove] = await said({ button: move.id, title: move.title });
      expect(confirmMove!.text).toMatch(/14:30/);
      await said('sí');
      expect(active()).toEqual([madrid('2026-11-26T14:30')]);
    });

    it('"Reservar otra" books the second one, knowingly', async () => {
      const offer = await bookFromList();
      await said({ row: offer.options[1]!.id });
      const [confirm] = await said({ button: 'v1:confirm', title: 'Reservar otra' });
      expect(confirm!.text).toMatch(/14:30.*¿La confirmo\?/s);
      const [booked] = await said('sí');
      expect(booked!.text).toMatch(/✅/);
      expect(active().sort()).toEqual([madrid('2026-11-26T14:00'), madrid('2026-11-26T14:30')]);
    });
  });
  it('6. "Ana Prueba" is a name: typed when asked, and as the WhatsApp profile name', async () => {
    const who = { name: '📱', phone: '34600111333' };
    await said('mañana a las 11', who);
    const [askName] = await said('sí', who);
    expect(askName!.text).toMatch(/a nombre de quién/);
    const [booked] = await said('Ana Prueba', who);
    expect(booked!.text).toMatch(/✅ Listo, Ana/);
    // A profile named so is used as it is, not asked for.
    const [proposal] = await said('mañana a las 12', { name: 'Ana Prueba' });
    expect(proposal!.text).toMatch(/^Ana, puedo reservarte/);
    // "prueba" alone is still no name.
    await said('mañana a las 13', { name: '📱', phone: '34600111555' });
    await said('sí', { name: '📱', phone: '34600111555' });
    const [again] = await said('prueba', { name: '📱', phone: '34600111555' });
    expect(again!.text).toMatch(/no parece un nombre/);
  });
  describe('8. an old "Confirmar" confirms only the booking it was sent for', () => {
    const book = async (what: string) => {
      await said(what);
      const [booked] = await said('sí');
      expect(booked!.text).toMatch(/✅/);
      const uid = booked!.options[0]!.id.split(':').at(-1)!;
      await h.say(ANA, 'No, gracias'); // the marketing question, the first time
      return uid;
    };
    /** Bookings whose attendance was confirmed (stored by Reserva, not Cal.com). */
    const attended = async () =>
      (await h.reserva.db.prisma.booking.findMany()).filter((b) => b.attendeeConfirmedAt !== null).length;

    it('a generic "Confirmar" from an old proposal, while idle: nothing to confirm, and the bookings', async () => {
      await book('mañana a las 11');
      const replies = await said({ button: 'v1:confirm', title: 'Confirmar' });
      expect(replies.map((r) => r.text).join('\n')).not.toMatch(/esperamos/i);
      expect(replies[0]!.text).toMatch(/no hay nada pendiente de confirmar/);
      expect(replies[1]!.text).toMatch(/Tienes una cita/);
      expect(replies[1]!.options.map((o) => o.title)).toContain('Confirmar');
      expect(await attended()).toBe(0);
    });

    it("a reminder's button for a cancelled booking does not confirm the other one", async () => {
      const first = await book('mañana a las 11');
      await said('cancelar');
      await said('sí');
      await book('el viernes a las 10');
      const replies = await said({ template: `v1:attend:${first}`, text: 'Confirmar' });
      expect(replies.map((r) => r.text).join('\n')).not.toMatch(/esperamos/i);
      expect(replies[0]!.text).toMatch(/no hay nada pendiente de confirmar/);
      expect(replies[1]!.text).toMatch(/viernes 27 de noviembre/);
      expect(await attended()).toBe(0);
    });

    it("the reminder's button for this booking confirms it", async () => {
      const uid = await book('mañana a las 11');
      const [done] = await said({ template: `v1:attend:${uid}`, text: 'Confirmar' });
      expect(done!.text).toMatch(/✅ Gracias.*te esperamos/);
      expect(await attended()).toBe(1);
    });

    it('with no bookings at all: nothing to confirm, and a way to book', async () => {
      const replies = await said({ button: 'v1:confirm', title: 'Confirmar' });
      expect(replies[0]!.text).toMatch(/no hay nada pendiente de confirmar/);
      expect(replies[1]!.options.map((o) => o.id)).toContain('v1:book');
    });
  });
});
