/**
 * Understanding defects found by a new-user run (issue 9, session 3): which booking a move names,
 * several question topics, "borra todo", a name after a laugh or apology, an incomplete e-mail.
 * Reference: Monday 30 November 2026, 11:00 in Madrid.
 */
import { describe, expect, it } from 'vitest';
import { extractName, understand } from '../../src/nlu/index.js';

const read = (text: string, locale?: 'es' | 'en' | 'pt') =>
  understand(text, { reference: '2026-11-30T10:00:00Z', timeZone: 'Europe/Madrid', ...(locale ? { locale } : {}) });
const day = (iso: string | undefined) => iso?.slice(0, 10);

describe('a move names the booking ("del jueves") apart from its target ("al miércoles")', () => {
  it.each([
    ['Quisiera cambiar mi cita del jueves, si fuera posible al miércoles.', 'es', '2026-12-03', '2026-12-02'],
    ['cámbiame la del lunes al martes a las 5', 'es', '2026-12-07', '2026-12-01'],
    ['me podés pasar el turno del viernes para el lunes?', 'es', '2026-12-04', '2026-12-07'],
    ['move my monday appointment to wednesday', 'en', '2026-12-07', '2026-12-02'],
    ['can I move it from thursday to friday at 3pm', 'en', '2026-12-03', '2026-12-04'],
    ['mudar a do dia 3 para o dia 5', 'pt', '2026-12-03', '2026-12-05'],
    ['dá pra passar a consulta da quinta pra sexta?', 'pt', '2026-12-03', '2026-12-04'],
    ['necesito cambiar la reserva del 3 al 5', 'es', '2026-12-03', '2026-12-05'],
    ['¿hay hueco el viernes? es para cambiar la del martes', 'es', '2026-12-01', '2026-12-04'],
    ['can you switch my tuesday booking to thursday afternoon?', 'en', '2026-12-01', '2026-12-03'],
    ['move my appointment from the 3rd to the 5th', 'en', '2026-12-03', '2026-12-05'],
  ] as const)('%s → booking %s … target %s', (text, locale, from, to) => {
    const u = read(text, locale);
    expect(u.intent).toBe('reschedule');
    expect(day(u.from?.start)).toBe(from);
    expect(day(u.when?.start)).toBe(to);
  });

  it('"la del lunes al martes a las 5": the hour belongs to the target', () => {
    expect(read('cámbiame la del lunes al martes a las 5').when?.start).toBe('2026-12-01T17:00:00+01:00');
  });

  it('a move with only a target names no booking: "cambiar mi cita al viernes a las 10 de la mañana"', () => {
    const u = read('cambiar mi cita al viernes a las 10 de la mañana');
    expect(u.from).toBeUndefined();
    expect(u.when?.start).toBe('2026-12-04T10:00:00+01:00');
  });

  it('"a partir del lunes" in a booking request is a time, not a booking', () => {
    const u = read('quiero reservar a partir del lunes');
    expect(u.intent).toBe('book');
    expect(u.from).toBeUndefined();
  });

  it('a cancellation names the booking cancelled, not the one kept', () => {
    for (const text of [
      'cancelá el del lunes, me quedo con el del miércoles',
      'me quedo con el del miércoles, cancelá el del lunes',
    ]) {
      const u = read(text);
      expect(u.intent).toBe('cancel');
      expect(day(u.from?.start)).toBe('2026-12-07');
    }
  });

  it('asking for a time "so I can move Monday\'s" is a move of Monday to that time', () => {
    const u = read('tenés algo el miércoles a la mañana? así cambio el del lunes');
    expect(u.intent).toBe('reschedule');
    expect(day(u.from?.start)).toBe('2026-12-07');
    expect(u.when?.start).toBe('2026-12-02T09:00:00+01:00');
  });
});

describe('"borra todo" is an erasure request (weak without a data word)', () => {
  it.each(['borra todo', 'bórralo todo', 'sabes q si, borra todo', 'delete everything', 'apaga tudo'])(
    '%s → privacy_erase',
    (text) => {
      const u = read(text);
      expect(u.intent).toBe('privacy_erase');
      expect(u.confidence).toBeLessThan(0.8);
    },
  );
  it('with data words it is a sure request', () => {
    expect(read('elimina mis datos')).toMatchObject({ intent: 'privacy_erase' });
    expect(read('borra todo lo que tengas de mí').confidence).toBeGreaterThanOrEqual(0.8);
  });
  it('"cancela todo" is still a cancellation', () => {
    expect(read('cancela todo').intent).toBe('cancel');
  });
});

describe('several questions in one message', () => {
  it.each([
    ['¿Cuánto cuesta la consulta? ¿Y dónde están ustedes exactamente?', ['price', 'address']],
    ['¿Y la dirección? ¿Tienen aparcamiento cerca?', ['address', 'parking']],
    ['che y cuanto sale la revision? se puede estacionar?', ['price', 'parking']],
    ['how much is it and where can I park?', ['price', 'parking']],
    ['quanto custa? e onde fica?', ['price', 'address']],
    ['donde quedan y aceptan tarjeta?', ['address', 'payment']],
    ['how much is it? do you take cards?', ['price', 'payment']],
  ] as const)('%s → %j', (text, topics) => {
    const u = read(text);
    expect(u.intent).toBe('question');
    expect(u.topics).toEqual(topics);
    expect(u.topic).toBe(topics[0]);
  });
  it('one topic: no list', () => {
    expect(read('¿cuánto cuesta la consulta?').topics).toBeUndefined();
  });
});

describe('a generic word is no topic', () => {
  it('"¿Tienen servicio de cafetería para los acompañantes?" is an open question', () => {
    expect(read('¿Tienen ustedes servicio de cafetería para los acompañantes?').topic).toBe('other');
  });
  it('"¿qué servicios tienen?" still asks for the services', () => {
    expect(read('¿qué servicios tienen?').topic).toBe('services');
  });
});

describe('a name after a laugh or an apology corrects the name', () => {
  it.each([
    ['jaja perdón, Facundo Pereyra', 'es', 'Facundo Pereyra'],
    ['perdona, es Lucía Fernández', 'es', 'Lucía Fernández'],
    ["sorry, it's Anna Smith", 'en', 'Anna Smith'],
    ['desculpa, Ana Souza', 'pt', 'Ana Souza'],
    ['ajaja perdon, me equivoqué: Lucía Gómez', 'es', 'Lucía Gómez'],
    ['haha sorry, Peter Parker', 'en', 'Peter Parker'],
  ] as const)('%s → %s', (text, locale, name) => {
    const u = read(text, locale);
    expect(u.name).toBe(name);
    expect(u.intent).toBe('update_details');
  });
  it.each(['jaja perdón', 'perdón, quiero cancelar', 'jaja perdón, el lunes mejor', 'jaja no sé'])(
    '%s gives no name',
    (text) => {
      expect(read(text).name).toBeUndefined();
      expect(extractName(text, 'es', { asked: false })).toBeNull();
    },
  );
});

describe('an e-mail with no ending is an incomplete e-mail', () => {
  it.each(['mi correo es jime.torres@gmail', 'my email is john@gmail', 'meu e-mail é ana@hotmail'])('%s', (text) => {
    const u = read(text);
    expect(u.email).toBeUndefined();
    expect(u.emailIncomplete).toBe(true);
    expect(u.intent).toBe('update_details');
  });
  it('a complete one is not, nor a mention', () => {
    expect(read('mi correo es jime.torres@gmail.com').emailIncomplete).toBeUndefined();
    expect(read('seguinos en @clinica').emailIncomplete).toBeUndefined();
  });
});
