/**
 * Understanding defects a new-user run found (issue 9, session 3), end to end through the signed
 * WhatsApp webhook against the fake Graph API and the fake Cal.com. The clock is Wednesday
 * 25 November 2026, 09:00 in Madrid, unless a test moves it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';

const RAMON = '34600333444';
const FACU = '5491155556666';
const JOHN = '447911123456';
const JOAO = '351912345678';
const madrid = (local: string) => new Date(`${local}:00+01:00`).toISOString();

describe('understanding what a person means (issue 9, session 3)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ provider: 'calcom', env: { BUSINESS_FILE: 'demo/business.yaml' } });
  });
  afterEach(async () => {
    await h.close();
  });
  const active = () =>
    [...h.cal!.bookings.values()]
      .filter((b) => b.status === 'accepted')
      .map((b) => b.start)
      .sort();
  const say = async (phone: string, text: string, name: string) => {
    const replies = await h.say(phone, text, { name });
    expect(replies.length, `no reply to ${JSON.stringify(text)}`).toBeGreaterThan(0);
    return replies;
  };
  const book = async (phone: string, name: string, ask: string, yes: string) => {
    await say(phone, ask, name);
    const [done] = await say(phone, yes, name);
    expect(done!.text).toContain('✅');
  };

  describe('1. a move names the booking ("del jueves") apart from where it goes ("al miércoles")', () => {
    it('es (usted): "cambiar mi cita del jueves, si fuera posible al miércoles" offers Wednesday', async () => {
      h.clock.set('2026-11-23T08:00:00Z'); // Monday 09:00
      await book(RAMON, 'Ramón García', 'Quisiera una cita el jueves a las 10', 'sí');
      expect(active()).toEqual([madrid('2026-11-26T10:00')]);
      const [offer] = await say(
        RAMON,
        'Quisiera cambiar mi cita del jueves, si fuera posible al miércoles.',
        'Ramón García',
      );
      const slots = offer!.options.filter((o) => o.id.startsWith('v1:slot:'));
      expect(slots.length).toBeGreaterThan(0);
      for (const o of slots) expect(o.id).toContain('2026-11-25');
    });

    it('es (tú): "cámbiame la del lunes al martes a las 5" (two bookings) moves Monday to Tuesday 17:00', async () => {
      h.clock.set('2026-11-27T08:00:00Z'); // Friday 09:00
      await book(RAMON, 'Ana López', 'quiero cita el lunes a las 10', 'sí');
      await book(RAMON, 'Ana López', 'quiero cita el miércoles a las 12', 'sí');
      const [confirm] = await say(RAMON, 'cámbiame la del lunes al martes a las 5', 'Ana López');
      expect(confirm!.text).toMatch(/martes 1 de diciembre a las 17:00/);
      await say(RAMON, 'sí', 'Ana López');
      expect(active()).toEqual([madrid('2026-12-01T17:00'), madrid('2026-12-02T12:00')]);
    });

    it('en: "move my thursday appointment to friday at 3pm"', async () => {
      await book(JOHN, 'John Smith', 'I want an appointment tomorrow at 10am', 'yes');
      const [confirm] = await say(JOHN, 'move my thursday appointment to friday at 3pm', 'John Smith');
      expect(confirm!.text).toMatch(/Friday, November 27 at 3:00 PM/);
      await say(JOHN, 'yes', 'John Smith');
      expect(active()).toEqual([madrid('2026-11-27T15:00')]);
    });

    it('pt: "mudar a do dia 26 para o dia 27 às 11"', async () => {
      await book(JOAO, 'João Silva', 'quero marcar amanhã às 10', 'sim');
      const [confirm] = await say(JOAO, 'quero mudar a do dia 26 para o dia 27 às 11', 'João Silva');
      expect(confirm!.text).toMatch(/27 de novembro/);
      expect(confirm!.text).toMatch(/11:00/);
      await say(JOAO, 'sim', 'João Silva');
      expect(active()).toEqual([madrid('2026-11-27T11:00')]);
    });
  });

  describe('2. with two bookings, the day named picks one', () => {
    it('es (vos): "cancelá el del lunes, me quedo con el del miércoles" cancels Monday, no "which?"', async () => {
      h.clock.set('2026-11-27T08:00:00Z'); // Friday 09:00
      await book(FACU, 'Facundo Pereyra', 'quiero un turno el lunes a las 10', 'sí');
      await book(FACU, 'Facundo Pereyra', 'quiero un turno el miércoles a las 12', 'sí');
      const [confirm] = await say(FACU, 'cancelá el del lunes, me quedo con el del miércoles', 'Facundo Pereyra');
      expect(confirm!.text).toMatch(/lunes 30 de noviembre/);
      await say(FACU, 'sí', 'Facundo Pereyra');
      expect(active()).toEqual([madrid('2026-12-02T12:00')]);
    });

    it('es (vos): "si" to "¿cuál querés cancelar?" asks again clearly and keeps both', async () => {
      h.clock.set('2026-11-27T08:00:00Z');
      await book(FACU, 'Facundo Pereyra', 'quiero un turno el lunes a las 10', 'sí');
      await book(FACU, 'Facundo Pereyra', 'quiero un turno el miércoles a las 12', 'sí');
      await say(FACU, 'quiero cancelar un turno', 'Facundo Pereyra');
      const replies = await say(FACU, 'si', 'Facundo Pereyra');
      expect(replies[0]!.text).toMatch(/cuál cancelo/);
      expect(replies.map((r) => r.text).join('\n')).not.toMatch(/no cambio nada/);
      expect(active()).toHaveLength(2);
    });

    it('en / pt: "yes" to "which one do you want to move?" asks again clearly', async () => {
      h.clock.set('2026-11-27T08:00:00Z');
      await book(JOHN, 'John Smith', 'I want an appointment on monday at 10am', 'yes');
      await book(JOHN, 'John Smith', 'I want an appointment on wednesday at 12pm', 'yes');
      await say(JOHN, 'I want to move an appointment', 'John Smith');
      const [again] = await say(JOHN, 'yes', 'John Smith');
      expect(again!.text).toMatch(/which one to move/);
      await book(JOAO, 'João Silva', 'quero marcar segunda às 11', 'sim');
      await book(JOAO, 'João Silva', 'quero marcar quarta às 15', 'sim');
      await say(JOAO, 'quero cancelar uma consulta', 'João Silva');
      const [deNovo] = await say(JOAO, 'sim', 'João Silva');
      expect(deNovo!.text).toMatch(/qual cancelo/);
      expect(active()).toHaveLength(4);
    });

    it('es (vos): "tenés algo el miércoles a la mañana? así cambio el del lunes" moves Monday', async () => {
      h.clock.set('2026-11-27T08:00:00Z');
      await book(FACU, 'Facundo Pereyra', 'quiero un turno el lunes a las 10', 'sí');
      await book(FACU, 'Facundo Pereyra', 'quiero un turno el jueves a las 12', 'sí');
      const [offer] = await say(
        FACU,
        'tenés algo el miércoles a la mañana? así cambio el del lunes',
        'Facundo Pereyra',
      );
      const slots = offer!.options.filter((o) => o.id.startsWith('v1:slot:'));
      expect(slots.length).toBeGreaterThan(0);
      for (const o of slots) expect(o.id).toContain('2026-12-02');
      const reply = await say(FACU, slots[0]!.title, 'Facundo Pereyra');
      expect(reply[0]!.text).toMatch(/lunes 30 de noviembre/);
    });
  });

  describe('3. "borra todo" erases outside a flow', () => {
    it('es: "borra todo" asks to confirm the erasure; "sabes q si, borra todo" confirms it', async () => {
      await say(RAMON, 'hola', 'Ramón García');
      const [ask] = await say(RAMON, 'borra todo', 'Ramón García');
      expect(ask!.options.map((o) => o.id).join(' ')).toMatch(/confirm/);
      await say(RAMON, 'sabes q si, borra todo', 'Ramón García');
      expect(await h.reserva.db.prisma.contact.findUnique({ where: { phone: RAMON } })).toBeNull();
    });

    it('es: "borra todo" in the middle of a booking is no erasure request', async () => {
      await say(RAMON, 'quiero una cita mañana', 'Ramón García');
      const replies = await say(RAMON, 'borra todo', 'Ramón García');
      expect(replies.map((r) => r.text).join('\n')).not.toMatch(/borr|elimin/i);
      expect(await h.reserva.db.prisma.contact.findUnique({ where: { phone: RAMON } })).not.toBeNull();
    });

    it('en: "delete everything" asks to confirm the erasure', async () => {
      await say(JOHN, 'hello', 'John Smith');
      const [ask] = await say(JOHN, 'delete everything', 'John Smith');
      expect(ask!.text).toMatch(/delete|erase/i);
    });
  });

  describe('4. two questions in one message: both answered', () => {
    it('es: "¿Cuánto cuesta la consulta? ¿Y dónde están ustedes exactamente?"', async () => {
      const [a] = await say(RAMON, '¿Cuánto cuesta la consulta? ¿Y dónde están ustedes exactamente?', 'Ramón García');
      expect(a!.text).toMatch(/40 €/);
      expect(a!.text).toMatch(/Alcalá 100/);
    });
    it('es (vos): "che y cuanto sale la revision? se puede estacionar?"', async () => {
      const [a] = await say(FACU, 'che y cuanto sale la revision? se puede estacionar?', 'Facundo Pereyra');
      expect(a!.text).toMatch(/25 €/);
      expect(a!.text).toMatch(/parking público/);
    });
    it('en / pt: address and parking together', async () => {
      const [en] = await say(JOHN, 'where are you? and is there parking nearby?', 'John Smith');
      expect(en!.text).toMatch(/Alcalá 100/);
      expect(en!.text).toMatch(/car park/);
      const [pt] = await say(JOAO, 'quanto custa a consulta? e onde fica?', 'João Silva');
      expect(pt!.text).toMatch(/40 €/);
      expect(pt!.text).toMatch(/Alcalá 100/);
    });
  });

  describe('5. an unknown question is not matched by a generic word', () => {
    it('es (usted): "¿Tienen servicio de cafetería para los acompañantes?" gets "no lo sé"', async () => {
      const [a] = await say(RAMON, '¿Tienen ustedes servicio de cafetería para los acompañantes?', 'Ramón García');
      expect(a!.text).toMatch(/no lo sé/i);
      expect(a!.text).not.toMatch(/Consulta: 40 €/);
    });
  });

  describe('6. name correction and an incomplete e-mail', () => {
    it('es (vos): "jaja perdón, Facundo Pereyra" updates the name', async () => {
      await say(FACU, 'hola', 'Facu');
      await say(FACU, 'jaja perdón, Facundo Pereyra', 'Facu');
      const c = await h.reserva.db.prisma.contact.findUnique({ where: { phone: FACU } });
      expect(c?.name).toBe('Facundo Pereyra');
    });
    it('es / en: "mi correo es jime.torres@gmail" is said to look incomplete', async () => {
      await say(RAMON, 'hola', 'Jimena Torres');
      const [es] = await say(RAMON, 'mi correo es jime.torres@gmail', 'Jimena Torres');
      expect(es!.text).toMatch(/incompleto/);
      const [en] = await say(JOHN, 'my email is john.smith@gmail', 'John Smith');
      expect(en!.text).toMatch(/incomplete/);
    });
  });
});
