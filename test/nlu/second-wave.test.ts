/**
 * Issue 9, NLU side: moves on the table, time parts and completeWhen, new intents and their
 * priorities, Portuguese, language switching, time expressions, names. Table-driven.
 */
import { describe, expect, it } from 'vitest';
import { completeWhen, extractName, isPlausibleName, understand } from '../../src/nlu/index.js';
import type { Language, TimeParts, UnderstandOptions } from '../../src/nlu/types.js';

// Wednesday 25 November 2026, 10:00 in Madrid; business hours 9–18 (the default).
const REF: UnderstandOptions = { reference: '2026-11-25T10:00:00+01:00', timeZone: 'Europe/Madrid' };
const at = (locale: Language): UnderstandOptions => ({ ...REF, locale });
const P = (...given: (keyof TimeParts)[]): TimeParts => ({
  day: given.includes('day'),
  partOfDay: given.includes('partOfDay'),
  hour: given.includes('hour'),
  minute: given.includes('minute'),
});

describe('moves on the table (shift)', () => {
  it.each([
    ['¿no hay nada más tarde?', 'es', 'book', 'later'],
    ['más tarde', 'es', 'book', 'later'],
    ['un poquito más tarde si puede ser', 'es', 'book', 'later'],
    ['no, más tarde', 'es', 'book', 'later'],
    ['later', 'en', 'book', 'later'],
    ['anything later in the day?', 'en', 'book', 'later'],
    ['mais tarde', 'pt', 'book', 'later'],
    ['antes', 'es', 'book', 'earlier'],
    ['más temprano', 'es', 'book', 'earlier'],
    ['earlier', 'en', 'book', 'earlier'],
    ['mais cedo?', 'pt', 'book', 'earlier'],
    ['otro día', 'es', 'decline', 'another_day'],
    ['another day', 'en', 'decline', 'another_day'],
    ['can we do it another day?', 'en', 'reschedule', 'another_day'],
    ['¿y la semana que viene?', 'es', 'book', 'next_week'],
    ['next week then', 'en', 'book', 'next_week'],
    ['ver más', 'es', 'book', 'more'],
    ['otras opciones', 'es', 'book', 'more'],
    ['more options', 'en', 'book', 'more'],
    ['mais opções', 'pt', 'book', 'more'],
  ] as const)('%s → %s + %s', (text, lang, intent, shift) => {
    const u = understand(text, at(lang));
    expect([u.intent, u.shift]).toEqual([intent, shift]);
  });

  it.each([
    ['quiero cita la semana que viene', 'es'],
    ['antes de las 11', 'es'],
    ['lo antes posible', 'es'],
    ['3 horas más tarde', 'es'],
    ["I'll confirm later", 'en'],
    ['a las 5', 'es'],
  ] as const)('%s is no move', (text, lang) => {
    expect(understand(text, at(lang)).shift).toBeUndefined();
  });

  it('"¿no hay nada más tarde?" is never read as no', () => {
    for (const text of ['¿no hay nada más tarde?', 'no hay nada mas tarde', '¿No tenés nada más tarde?']) {
      expect(understand(text, at('es')).intent).not.toBe('decline');
    }
  });
});

describe('which parts of a time the message gave (parts)', () => {
  it.each([
    ['a las 5', P('hour')],
    ['a las 5 y media', P('hour', 'minute')],
    ['17:00', P('hour', 'minute')],
    ['por la tarde', P('partOfDay')],
    ['esta tarde', P('day', 'partOfDay')],
    ['el viernes', P('day')],
    ['mañana a las 11', P('day', 'hour')],
    ['el viernes por la mañana', P('day', 'partOfDay')],
    ['at 4', P('hour')],
    ['às 16h', P('hour')],
    ['à tarde', P('partOfDay')],
    ['la semana que viene', P('day')],
    ['dentro de 2 horas', P('day', 'hour', 'minute')],
  ] as const)('%s', (text, parts) => {
    const u = understand(text, text === 'às 16h' || text === 'à tarde' ? at('pt') : REF);
    expect(u.when).not.toBeNull();
    expect(u.parts).toEqual(parts);
  });

  it('no parts without a time', () => {
    expect(understand('hola', REF).parts).toBeUndefined();
  });
});

describe('completeWhen: a follow-up that gives only a time goes on the day on the table', () => {
  const friday = { day: '2026-11-27' };
  const opts = { timeZone: 'Europe/Madrid' };
  const complete = (text: string, onTable: Parameters<typeof completeWhen>[2], o = opts, u = understand(text, REF)) =>
    completeWhen(u.when!, u.parts, onTable, o);

  it.each([
    ['a las 5', friday, '2026-11-27T17:00:00+01:00', '2026-11-27T18:00:00+01:00'],
    ['mejor a las 12:30', friday, '2026-11-27T12:30:00+01:00', '2026-11-27T12:31:00+01:00'],
    ['por la tarde', friday, '2026-11-27T14:00:00+01:00', '2026-11-27T19:00:00+01:00'],
    ['a las 9', friday, '2026-11-27T09:00:00+01:00', '2026-11-27T10:00:00+01:00'],
    ['antes de las 11', friday, '2026-11-27T00:00:00+01:00', '2026-11-27T11:00:00+01:00'],
    // a slot on the table (its start's day is used)
    ['a las 5', { start: '2026-11-26T11:00:00+01:00' }, '2026-11-26T17:00:00+01:00', '2026-11-26T18:00:00+01:00'],
  ] as const)('%s on %j', (text, table, start, end) => {
    const w = complete(text, table);
    expect([w.start, w.end]).toEqual([start, end]);
  });

  it('leaves a time that names its own day alone', () => {
    const u = understand('el miércoles a las 13', REF);
    expect(completeWhen(u.when!, u.parts, friday, opts)).toEqual(u.when);
  });

  it('is DST-safe: a wall time skipped by spring-forward moves forward, fall-back days keep their offset', () => {
    const spring = complete(
      'a las 2 y media',
      { day: '2027-03-28' },
      opts,
      understand('a las 2:30 de la madrugada', REF),
    );
    expect(spring.start).toBe('2027-03-28T03:30:00+02:00');
    const fall = complete('por la mañana', { day: '2027-10-31' });
    expect([fall.start, fall.end]).toEqual(['2027-10-31T09:00:00+01:00', '2027-10-31T12:00:00+01:00']);
    const before = complete('por la mañana', { day: '2027-10-30' });
    expect(before.start).toBe('2027-10-30T09:00:00+02:00');
  });

  it("re-reads a bare hour into that day's business hours", () => {
    // "a las 8" at 10:00 with 9–18 hours stays 08:00; on an evening-opening day it is 20:00
    const u = understand('a las 8', REF);
    expect(u.when!.ambiguousHour).toBe(true);
    const w = completeWhen(u.when!, u.parts, friday, { ...opts, businessHours: { start: 15, end: 22 } });
    expect(w.start).toBe('2026-11-27T20:00:00+01:00');
    const said = understand('a las 8 de la mañana', REF);
    expect(completeWhen(said.when!, said.parts, friday, { ...opts, businessHours: { start: 15, end: 22 } }).start).toBe(
      '2026-11-27T08:00:00+01:00',
    );
  });
});

describe('new intents, es / en / pt', () => {
  it.each([
    // my appointments
    ['¿qué citas tengo?', 'es', 'my_bookings'],
    ['¿cuándo es mi cita?', 'es', 'my_bookings'],
    ['what appointments do I have?', 'en', 'my_bookings'],
    ['quando é o meu horário?', 'pt', 'my_bookings'],
    // privacy
    ['¿qué datos tenéis de mí?', 'es', 'privacy_access'],
    ['what data do you have about me?', 'en', 'privacy_access'],
    ['borra mis datos', 'es', 'privacy_erase'],
    ['delete my data', 'en', 'privacy_erase'],
    ['apague meus dados', 'pt', 'privacy_erase'],
    // details
    ['me llamo Ramón', 'es', 'update_details'],
    ['mi correo es x@y.com', 'es', 'update_details'],
    ['my name is Peter Parker', 'en', 'update_details'],
    // subscription and hand-off
    ['START', 'en', 'opt_in'],
    ['ALTA', 'es', 'opt_in'],
    ['volver a recibir mensajes', 'es', 'opt_in'],
    ['quiero seguir con el bot', 'es', 'resume_bot'],
    ['back to the bot', 'en', 'resume_bot'],
    ['STOP', 'es', 'opt_out'],
    ['BAJA', 'es', 'opt_out'],
    ['no quiero más mensajes', 'es', 'opt_out'],
    ['pare', 'pt', 'opt_out'],
    ['unsubscribe', 'en', 'opt_out'],
    ['quiero hablar con una persona', 'es', 'human'],
    ['¿me pasáis con alguien del equipo?', 'es', 'human'],
    ['can I talk to a real person', 'en', 'human'],
    ['quero falar com um atendente', 'pt', 'human'],
    // cancel and reschedule phrasings
    ['desisto', 'es', 'cancel'],
    ['ya no necesito la cita', 'es', 'cancel'],
    ['ya no voy a poder ir', 'es', 'cancel'],
    ['desmarcar', 'pt', 'cancel'],
    ['cancelar minha consulta', 'pt', 'cancel'],
    ['modificar', 'es', 'reschedule'],
    ['push it to Thursday', 'en', 'reschedule'],
    ['can we do it another day', 'en', 'reschedule'],
    ['remarcar', 'pt', 'reschedule'],
    // yes / no in Portuguese
    ['sim', 'pt', 'confirm'],
    ['não', 'pt', 'decline'],
  ] as const)('%s (%s) → %s', (text, lang, intent) => {
    expect(understand(text, at(lang)).intent).toBe(intent);
  });

  it.each([
    ['¿cuánto cuesta?', 'price'],
    ['¿dónde estáis?', 'address'],
    ['¿hay parking?', 'parking'],
    ['¿qué servicios tenéis?', 'services'],
    ['¿aceptáis tarjeta?', 'payment'],
    ['¿a qué hora abrís?', 'hours'],
    ['si cancelo, ¿me cobráis?', 'cancellation_policy'],
    ['¿hacéis descuentos a estudiantes?', 'other'],
    ['how much is it?', 'price'],
    ['quanto custa?', 'price'],
  ] as const)('%s → question/%s', (text, topic) => {
    const u = understand(text, REF);
    expect([u.intent, u.topic]).toEqual(['question', topic]);
  });

  it.each([
    ['¿cuánto cuesta la cita del viernes?', 'question'],
    ['¿a qué hora es mi cita del viernes?', 'my_bookings'],
    ['¿puedo cambiar mi cita al viernes?', 'reschedule'],
    ['¿tenéis hueco el viernes?', 'book'],
    ['¿qué horarios tenés libres mañana?', 'book'],
    ['quiero cambiar mi nombre', 'update_details'],
    ['me llamo Ramón y quiero cita mañana', 'book'],
    ['hola, ¿qué tal?', 'greeting'],
    ['quiero reservar para una persona', 'book'],
  ] as const)('priorities: %s → %s', (text, intent) => {
    expect(understand(text, REF).intent).toBe(intent);
  });

  it('a question carries its time: "¿cuánto cuesta la cita del viernes?"', () => {
    const u = understand('¿cuánto cuesta la cita del viernes?', REF);
    expect(u.topic).toBe('price');
    expect(u.when?.start).toBe('2026-11-27T00:00:00+01:00');
  });

  it('details come with the intent', () => {
    expect(understand('Hola, me llamo Don Ramón', REF)).toMatchObject({ intent: 'update_details', name: 'Don Ramón' });
    expect(understand('mi correo es Ana.Gil@Example.com.', REF)).toMatchObject({ email: 'ana.gil@example.com' });
  });
});

describe('language: switches only on confident evidence', () => {
  it.each([
    ['ok', 'pt', 'pt'],
    ['11', 'en', 'en'],
    ['sí', 'pt', 'pt'],
    ['sim', 'es', 'es'],
    ['STOP', 'es', 'es'],
    ['thanks', 'es', 'es'],
    ['what appointments do I have?', 'es', 'en'],
    ['Quero marcar para amanhã às 15h', 'es', 'pt'],
    ['quiero una cita mañana', 'en', 'es'],
    ['Olá, bom dia! Tudo bem?', 'es', 'pt'],
    ['¿Cuánto cuesta un corte?', 'pt', 'es'],
  ] as const)('%s in a %s conversation → %s', (text, locale, language) => {
    expect(understand(text, at(locale)).language).toBe(language);
  });

  it('reports how sure it is', () => {
    expect(understand('ok', at('pt')).languageConfidence).toBeLessThan(0.5);
    expect(understand('what appointments do I have?', at('es')).languageConfidence).toBeGreaterThan(0.7);
  });

  it('"sim" in a Spanish conversation is still a yes', () => {
    expect(understand('sim', at('es')).intent).toBe('confirm');
  });
});

type Row = [text: string, locale: Language, start: string, end: string, grain: string];
const DAY = (d: string, n: string): [string, string] => [`${d}T00:00:00+01:00`, `${n}T00:00:00+01:00`];

describe('time: Portuguese, years, ranges, clocks, weeks of a month', () => {
  it.each<Row>([
    ['amanhã', 'pt', ...DAY('2026-11-26', '2026-11-27'), 'day'],
    ['hoje', 'pt', ...DAY('2026-11-25', '2026-11-26'), 'day'],
    ['depois de amanhã', 'pt', ...DAY('2026-11-27', '2026-11-28'), 'day'],
    ['segunda-feira', 'pt', ...DAY('2026-11-30', '2026-12-01'), 'day'],
    ['às 15h', 'pt', '2026-11-25T15:00:00+01:00', '2026-11-25T16:00:00+01:00', 'hour'],
    ['amanhã de manhã', 'pt', '2026-11-26T09:00:00+01:00', '2026-11-26T12:00:00+01:00', 'part_of_day'],
    ['hoje à tarde', 'pt', '2026-11-25T12:00:00+01:00', '2026-11-25T19:00:00+01:00', 'part_of_day'],
    ['amanhã à noite', 'pt', '2026-11-26T18:00:00+01:00', '2026-11-26T22:00:00+01:00', 'part_of_day'],
    ['próxima semana', 'pt', ...DAY('2026-11-30', '2026-12-07'), 'week'],
    ['às 5 menos um quarto', 'pt', '2026-11-25T16:45:00+01:00', '2026-11-25T16:46:00+01:00', 'minute'],
    ['el 3 de marzo de 2026', 'es', ...DAY('2026-03-03', '2026-03-04'), 'day'],
    ['15/11/2026', 'es', ...DAY('2026-11-15', '2026-11-16'), 'day'],
    ['del 2 al 5', 'es', ...DAY('2026-12-02', '2026-12-06'), 'day'],
    ['del 2 al 5 de diciembre', 'es', ...DAY('2026-12-02', '2026-12-06'), 'day'],
    ['entre el lunes y el miércoles', 'es', ...DAY('2026-11-30', '2026-12-03'), 'day'],
    ['between Monday and Wednesday', 'en', ...DAY('2026-11-30', '2026-12-03'), 'day'],
    ['a las 7 de la tarde del 15', 'es', '2026-12-15T19:00:00+01:00', '2026-12-15T20:00:00+01:00', 'hour'],
    ['a las 6 menos cuarto', 'es', '2026-11-25T17:45:00+01:00', '2026-11-25T17:46:00+01:00', 'minute'],
    ['quarter to 5', 'en', '2026-11-25T16:45:00+01:00', '2026-11-25T16:46:00+01:00', 'minute'],
    ['un cuarto para las 5', 'es', '2026-11-25T16:45:00+01:00', '2026-11-25T16:46:00+01:00', 'minute'],
    ['la primera semana de diciembre', 'es', ...DAY('2026-12-01', '2026-12-08'), 'week'],
    ['the last week of December', 'en', ...DAY('2026-12-25', '2027-01-01'), 'week'],
  ])('%s (%s)', (text, locale, start, end, grain) => {
    const w = understand(text, at(locale)).when;
    expect(w && { start: w.start, end: w.end, grain: w.grain }).toEqual({ start, end, grain });
  });

  describe('"next Tuesday" said on a Monday is not tomorrow', () => {
    const monday: UnderstandOptions = { reference: '2026-11-30T10:00:00+01:00', timeZone: 'Europe/Madrid' };
    it.each([
      ['next Tuesday', 'en', '2026-12-08'],
      ['next Wednesday', 'en', '2026-12-09'],
      ['el próximo martes', 'es', '2026-12-08'],
      ['el martes que viene', 'es', '2026-12-08'],
      ['el próximo jueves', 'es', '2026-12-03'],
      ['a próxima terça', 'pt', '2026-12-08'],
      ['el martes', 'es', '2026-12-01'],
    ] as const)('%s → %s', (text, locale, day) => {
      expect(understand(text, { ...monday, locale }).when?.start).toBe(`${day}T00:00:00+01:00`);
    });
  });
});

describe('names (extractName / isPlausibleName)', () => {
  it.each([
    ['Soy Ramón', 'Ramón'],
    ['Don Ramón', 'Don Ramón'],
    ['Doña Inés', 'Doña Inés'],
    ['Dr. Pérez', 'Dr. Pérez'],
    ['me llamo josé luis', 'José Luis'],
    ['my name is Mary-Jane', 'Mary-Jane'],
    ['hola, soy Marta', 'Marta'],
    ['Sou o Rafael', 'Rafael'],
    ['María de los Ángeles', 'María de los Ángeles'],
    ['Domingo', 'Domingo'],
    ['gracias genio!', null],
    ['hola', null],
    ['vale', null],
    ['👍', null],
    ['mañana', null],
    ['a las 5', null],
    ['¿para qué?', null],
    ['quiero cancelar', null],
    ['soy nuevo', null],
    ['123', null],
  ] as const)('%s → %s', (text, name) => {
    expect(extractName(text, 'es')).toBe(name);
  });

  it('out of the blue, only an explicit lead-in gives a name', () => {
    expect(extractName('Marta', 'es', { asked: false })).toBeNull();
    expect(extractName('por cierto, me llamo Marta', 'es', { asked: false })).toBe('Marta');
    expect(extractName('soy nuevo aquí', 'es', { asked: false })).toBeNull();
  });

  it('isPlausibleName', () => {
    expect(isPlausibleName('Inés García')).toBe(true);
    expect(isPlausibleName('ok')).toBe(false);
    expect(isPlausibleName('buenas tardes')).toBe(false);
  });
});

describe('the time gate skips articles and connectors, not times', () => {
  it.each([
    ['lo antes posible', true],
    ['ya mismo', true],
    ['a la una', true],
    ['at one', true],
    ['ju', true],
    ['cuanto antes', true],
    ['quiero una cita', false],
    ['the first one', false],
    ['antes que nada, hola', false],
  ] as const)('%s → a time: %s', (text, has) => {
    expect(understand(text, REF).when !== null).toBe(has);
  });
});

describe('bad input never throws', () => {
  it.each(['', ' ', '🙂🙂', 'x'.repeat(4096), '¿?', 'v1:nonsense', '\u0000', 'a las 99', 'del 40 al 50'])(
    '%j',
    (text) => {
      expect(() => understand(text, REF)).not.toThrow();
      expect(() => extractName(text)).not.toThrow();
    },
  );
});

describe('found by a new-user run: polite requests keep their register and reach a person', () => {
  it.each([
    ['Buenas, ¿podría darme turno para el jueves?', 'book', 'usted'],
    ['¿tiene hueco mañana?', 'book', 'usted'],
    ['¿tienes hueco mañana?', 'book', 'tu'],
    ['¿podrías darme cita?', 'book', 'tu'],
    ['¿Me podría comunicar con una persona, por favor?', 'human', 'usted'],
    ['me podrías pasar con alguien?', 'human', 'tu'],
  ])('%s → %s, %s', (text, intent, formality) => {
    const u = understand(text, at('es'));
    expect(u.intent).toBe(intent);
    expect(u.formality).toBe(formality);
  });
});
