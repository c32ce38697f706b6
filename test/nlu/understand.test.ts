import { describe, expect, it } from 'vitest';
import { parseButtonId, understand } from '../../src/nlu/index.js';
import type { UnderstandOptions } from '../../src/nlu/types.js';

// Wednesday 25 November 2026, 10:00 in Madrid; business hours 9–18 (the default).
const REF: UnderstandOptions = { reference: '2026-11-25T10:00:00+01:00', timeZone: 'Europe/Madrid' };

type Row = [text: string, start: string | null, end?: string, grain?: string, open?: string];

function check(rows: Row[], opts: UnderstandOptions = REF): void {
  it.each(rows)('%s', (text, start, end, grain, open) => {
    const u = understand(text, opts);
    if (start === null) {
      expect(u.when).toBeNull();
      return;
    }
    expect(u.when).not.toBeNull();
    expect({ start: u.when!.start, end: u.when!.end, grain: u.when!.grain, open: u.when!.open }).toEqual({
      start,
      end,
      grain,
      open,
    });
  });
}

describe('time semantics (business mode, Europe/Madrid, Wed 2026-11-25 10:00)', () => {
  describe('days, future-leaning', () => {
    check([
      ['hoy', '2026-11-25T00:00:00+01:00', '2026-11-26T00:00:00+01:00', 'day'],
      ['today', '2026-11-25T00:00:00+01:00', '2026-11-26T00:00:00+01:00', 'day'],
      ['mañana', '2026-11-26T00:00:00+01:00', '2026-11-27T00:00:00+01:00', 'day'],
      ['manana', '2026-11-26T00:00:00+01:00', '2026-11-27T00:00:00+01:00', 'day'],
      ['tomorrow', '2026-11-26T00:00:00+01:00', '2026-11-27T00:00:00+01:00', 'day'],
      ['pasado mañana', '2026-11-27T00:00:00+01:00', '2026-11-28T00:00:00+01:00', 'day'],
      ['el lunes', '2026-11-30T00:00:00+01:00', '2026-12-01T00:00:00+01:00', 'day'],
      ['el miércoles', '2026-12-02T00:00:00+01:00', '2026-12-03T00:00:00+01:00', 'day'],
      ['next Tuesday', '2026-12-01T00:00:00+01:00', '2026-12-02T00:00:00+01:00', 'day'],
      ['el día 10', '2026-12-10T00:00:00+01:00', '2026-12-11T00:00:00+01:00', 'day'],
      ['el 30', '2026-11-30T00:00:00+01:00', '2026-12-01T00:00:00+01:00', 'day'],
      ['el 15/12', '2026-12-15T00:00:00+01:00', '2026-12-16T00:00:00+01:00', 'day'],
      ['12/15', '2026-12-15T00:00:00+01:00', '2026-12-16T00:00:00+01:00', 'day'],
      ['el 4 de diciembre', '2026-12-04T00:00:00+01:00', '2026-12-05T00:00:00+01:00', 'day'],
      ['el 1 de marzo', '2027-03-01T00:00:00+01:00', '2027-03-02T00:00:00+01:00', 'day'],
    ]);
  });

  describe('hours into business hours 9–18, and "a las 9" after 9 is tomorrow', () => {
    check([
      ['a las 5', '2026-11-25T17:00:00+01:00', '2026-11-25T18:00:00+01:00', 'hour'],
      ['a las 10', '2026-11-25T10:00:00+01:00', '2026-11-25T11:00:00+01:00', 'hour'],
      ['a las 9', '2026-11-26T09:00:00+01:00', '2026-11-26T10:00:00+01:00', 'hour'],
      ['a las 11', '2026-11-25T11:00:00+01:00', '2026-11-25T12:00:00+01:00', 'hour'],
      ['a la una', '2026-11-25T13:00:00+01:00', '2026-11-25T14:00:00+01:00', 'hour'],
      ['at 3', '2026-11-25T15:00:00+01:00', '2026-11-25T16:00:00+01:00', 'hour'],
      ['mañana a las 5', '2026-11-26T17:00:00+01:00', '2026-11-26T18:00:00+01:00', 'hour'],
      ['pasado mañana a las 10 y media', '2026-11-27T10:30:00+01:00', '2026-11-27T10:31:00+01:00', 'minute'],
      ['mañana a las 12 menos cuarto', '2026-11-26T11:45:00+01:00', '2026-11-26T11:46:00+01:00', 'minute'],
      ['12/15 at 11am', '2026-12-15T11:00:00+01:00', '2026-12-15T12:00:00+01:00', 'hour'],
      ['el 15/12 a las 11', '2026-12-15T11:00:00+01:00', '2026-12-15T12:00:00+01:00', 'hour'],
      ['tenés turno mañana a las 17hs?', '2026-11-26T17:00:00+01:00', '2026-11-26T18:00:00+01:00', 'hour'],
      ['mañana a las 7 de la mañana', '2026-11-26T07:00:00+01:00', '2026-11-26T08:00:00+01:00', 'hour'],
      ['tomorrow 3:30pm', '2026-11-26T15:30:00+01:00', '2026-11-26T15:31:00+01:00', 'minute'],
    ]);
  });

  describe('parts of day, weeks, weekends', () => {
    check([
      ['por la mañana', '2026-11-25T09:00:00+01:00', '2026-11-25T12:00:00+01:00', 'part_of_day'],
      ['mañana por la mañana', '2026-11-26T09:00:00+01:00', '2026-11-26T12:00:00+01:00', 'part_of_day'],
      ['a mediodía', '2026-11-25T12:00:00+01:00', '2026-11-25T14:00:00+01:00', 'part_of_day'],
      ['esta tarde', '2026-11-25T14:00:00+01:00', '2026-11-25T19:00:00+01:00', 'part_of_day'],
      ['tenés turno esta tarde?', '2026-11-25T14:00:00+01:00', '2026-11-25T19:00:00+01:00', 'part_of_day'],
      ['this afternoon', '2026-11-25T12:00:00+01:00', '2026-11-25T19:00:00+01:00', 'part_of_day'],
      ['por la noche', '2026-11-25T18:00:00+01:00', '2026-11-25T22:00:00+01:00', 'part_of_day'],
      ['tomorrow evening', '2026-11-26T18:00:00+01:00', '2026-11-26T22:00:00+01:00', 'part_of_day'],
      ['el finde', '2026-11-28T00:00:00+01:00', '2026-11-30T00:00:00+01:00', 'day'],
      ['this weekend', '2026-11-28T00:00:00+01:00', '2026-11-30T00:00:00+01:00', 'day'],
      ['la semana que viene', '2026-11-30T00:00:00+01:00', '2026-12-07T00:00:00+01:00', 'week'],
      ['next week', '2026-11-30T00:00:00+01:00', '2026-12-07T00:00:00+01:00', 'week'],
    ]);
  });

  describe('ranges, open ranges, durations', () => {
    check([
      ['entre las 10 y las 12', '2026-11-25T10:00:00+01:00', '2026-11-25T12:00:00+01:00', 'hour'],
      ['mañana entre las 10 y las 12', '2026-11-26T10:00:00+01:00', '2026-11-26T12:00:00+01:00', 'hour'],
      ['between 2 and 4pm', '2026-11-25T14:00:00+01:00', '2026-11-25T16:00:00+01:00', 'hour'],
      ['el viernes de 4 a 6', '2026-11-27T16:00:00+01:00', '2026-11-27T18:00:00+01:00', 'hour'],
      ['después de las 6', '2026-11-25T18:00:00+01:00', '2026-11-26T00:00:00+01:00', 'hour', 'after'],
      ['after 6', '2026-11-25T18:00:00+01:00', '2026-11-26T00:00:00+01:00', 'hour', 'after'],
      ['dentro de 2 horas', '2026-11-25T12:00:00+01:00', '2026-11-25T12:01:00+01:00', 'minute'],
      ['in 2 hours', '2026-11-25T12:00:00+01:00', '2026-11-25T12:01:00+01:00', 'minute'],
      ['en 3 días', '2026-11-28T00:00:00+01:00', '2026-11-29T00:00:00+01:00', 'day'],
    ]);
  });

  describe('no time', () => {
    check([
      ['hola', null],
      ['quiero cancelar', null],
      ['el segundo', null],
      ['la 2', null],
      ['buenas tardes', null],
      ['good morning', null],
    ]);
  });
});

describe('business hours option', () => {
  check(
    [
      ['a las 7', '2026-11-25T19:00:00+01:00', '2026-11-25T20:00:00+01:00', 'hour'],
      ['a las 11', '2026-11-25T11:00:00+01:00', '2026-11-25T12:00:00+01:00', 'hour'],
    ],
    { ...REF, businessHours: { start: 10, end: 21 } },
  );
  check([['a las 8', '2026-11-26T08:00:00+01:00', '2026-11-26T09:00:00+01:00', 'hour']], {
    ...REF,
    businessHours: { start: 8, end: 14 },
  });
});

describe('DST (Europe/Madrid: 2026-03-29 02:00 → 03:00, 2026-10-25 03:00 → 02:00)', () => {
  describe('reference on the spring-forward day', () => {
    check(
      [
        ['hoy', '2026-03-29T00:00:00+01:00', '2026-03-30T00:00:00+02:00', 'day'],
        ['a las 10', '2026-03-29T10:00:00+02:00', '2026-03-29T11:00:00+02:00', 'hour'],
        ['in 2 hours', '2026-03-29T04:30:00+02:00', '2026-03-29T04:31:00+02:00', 'minute'],
        ['mañana a las 5', '2026-03-30T17:00:00+02:00', '2026-03-30T18:00:00+02:00', 'hour'],
        ['esta tarde', '2026-03-29T14:00:00+02:00', '2026-03-29T19:00:00+02:00', 'part_of_day'],
      ],
      { reference: '2026-03-29T01:30:00+01:00', timeZone: 'Europe/Madrid' },
    );
  });
  describe('the day before spring-forward', () => {
    check(
      [
        ['mañana a las 10', '2026-03-29T10:00:00+02:00', '2026-03-29T11:00:00+02:00', 'hour'],
        ['el finde', '2026-03-28T00:00:00+01:00', '2026-03-30T00:00:00+02:00', 'day'],
      ],
      { reference: '2026-03-28T12:00:00+01:00', timeZone: 'Europe/Madrid' },
    );
  });
  describe('reference on the fall-back day', () => {
    check(
      [
        ['hoy', '2026-10-25T00:00:00+02:00', '2026-10-26T00:00:00+01:00', 'day'],
        ['a las 11', '2026-10-25T11:00:00+01:00', '2026-10-25T12:00:00+01:00', 'hour'],
        ['dentro de 2 horas', '2026-10-25T03:30:00+01:00', '2026-10-25T03:31:00+01:00', 'minute'],
        ['la semana que viene', '2026-10-26T00:00:00+01:00', '2026-11-02T00:00:00+01:00', 'week'],
      ],
      { reference: '2026-10-25T02:30:00+02:00', timeZone: 'Europe/Madrid' },
    );
  });
  describe('US zone, spring-forward (America/New_York 2026-03-08)', () => {
    check(
      [
        ['tomorrow at 9am', '2026-03-08T09:00:00-04:00', '2026-03-08T10:00:00-04:00', 'hour'],
        ['this weekend', '2026-03-07T00:00:00-05:00', '2026-03-09T00:00:00-04:00', 'day'],
      ],
      { reference: '2026-03-07T15:00:00-05:00', timeZone: 'America/New_York' },
    );
  });
  it('accepts a Date reference', () => {
    const u = understand('mañana a las 10', { reference: new Date('2026-10-24T08:00:00Z'), timeZone: 'Europe/Madrid' });
    expect(u.when?.start).toBe('2026-10-25T10:00:00+01:00');
  });
});

describe('intents, both languages', () => {
  const rows: [string, string][] = [
    ['quiero reservar una cita', 'book'],
    ['tenés turno esta tarde?', 'book'],
    ['kiero agendar porfa', 'book'],
    ["I'd like to book an appointment", 'book'],
    ['do you have anything tomorrow?', 'book'],
    ['mañana a las 5?', 'book'],
    ['quiero cambiar mi cita al viernes', 'reschedule'],
    ['can I reschedule?', 'reschedule'],
    ['quiero cancelar', 'cancel'],
    ['please cancel my appointment', 'cancel'],
    ['sí', 'confirm'],
    ['dale', 'confirm'],
    ['yes please', 'confirm'],
    ['👍', 'confirm'],
    ['no', 'decline'],
    ['otra hora', 'decline'],
    ["that doesn't work for me", 'decline'],
    ['hola', 'greeting'],
    ['hi there', 'greeting'],
    ['gracias!', 'thanks'],
    ['thank you so much', 'thanks'],
    ['ayuda', 'help'],
    ['what can you do?', 'help'],
    ['quiero hablar con una persona', 'human'],
    ['can I talk to a real person?', 'human'],
    ['BAJA', 'opt_out'],
    ['no quiero más mensajes', 'opt_out'],
    ['STOP', 'opt_out'],
    ['unsubscribe', 'opt_out'],
    ['jajaja', 'unknown'],
    ['where are you located?', 'question'],
  ];
  it.each(rows)('%s → %s', (text, intent) => {
    expect(understand(text, REF).intent).toBe(intent);
  });
});

describe('language per message', () => {
  it.each([
    ['hola, tenés turno?', 'es'],
    ['mañana a las 5', 'es'],
    ['can I book tomorrow?', 'en'],
    ['12/15 at 11am', 'en'],
  ])('%s → %s', (text, lang) => {
    expect(understand(text, REF).language).toBe(lang);
  });
  it('ties go to the conversation language', () => {
    expect(understand('ok', { ...REF, locale: 'en' }).language).toBe('en');
    expect(understand('ok', { ...REF, locale: 'es' }).language).toBe('es');
  });
});

describe('quick-reply ids', () => {
  it.each([
    ['v1:confirm', 'confirm'],
    ['v1:decline', 'decline'],
    ['v1:cancel', 'cancel'],
    ['v1:reschedule', 'reschedule'],
    ['v1:book', 'book'],
    ['v1:help', 'help'],
    ['v1:human', 'human'],
  ])('%s → %s', (id, intent) => {
    const u = understand(id, REF);
    expect(u.intent).toBe(intent);
    expect(u.confidence).toBe(1);
  });
  it('v1:slot:<ISO UTC> is book at that minute, in the business zone', () => {
    const u = understand('v1:slot:2026-11-26T10:00:00Z', REF);
    expect(u.intent).toBe('book');
    expect(u.when).toEqual({ start: '2026-11-26T11:00:00+01:00', end: '2026-11-26T11:01:00+01:00', grain: 'minute' });
  });
  it('parses booking and rating ids, rejects others', () => {
    expect(parseButtonId('v1:booking:abc123')).toEqual({ kind: 'booking', uid: 'abc123' });
    expect(parseButtonId('v1:rating:4')).toEqual({ kind: 'rating', rating: 4 });
    expect(parseButtonId('v1:rating:9')).toBeNull();
    expect(parseButtonId('v2:confirm')).toBeNull();
    expect(parseButtonId('v1:slot:not-a-date')).toBeNull();
    expect(understand('v1:booking:abc123', REF).button).toEqual({ kind: 'booking', uid: 'abc123' });
  });
});

describe('ordinal choice', () => {
  it.each([
    ['el segundo', 2],
    ['la primera', 1],
    ['la primera porfa', 1],
    ['2', 2],
    ['la 3', 3],
    ['the second one', 2],
    ['option 3', 3],
    ['opción 2 por favor', 2],
    ['me quedo con la segunda', 2],
  ])('%s → %i', (text, n) => {
    expect(understand(text, REF).choice).toBe(n);
  });
  it('a date is not a choice', () => {
    expect(understand('el primero de diciembre', REF).choice).toBeUndefined();
    expect(understand('el 16', REF).choice).toBeUndefined();
  });
});

describe('formality', () => {
  it.each([
    ['¿tenés turno mañana?', 'vos'],
    ['podés a las 5?', 'vos'],
    ['vos sabés si hay lugar?', 'vos'],
    ['¿usted tiene hora mañana?', 'usted'],
    ['disculpe, ¿me puede dar una cita?', 'usted'],
    ['¿tienes hueco mañana?', 'tu'],
  ])('%s → %s', (text, f) => {
    expect(understand(text, REF).formality).toBe(f);
  });
});
