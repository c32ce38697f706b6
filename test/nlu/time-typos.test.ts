/**
 * New-user run (session 4): a typo in a day or part-of-day word ("mañna", "tarede", "lunse") was not
 * understood — "mañna a las 11" even became today 11:00. One edit away from exactly one time word
 * (five letters or more, same first letter) is read as that word; real words near one are not.
 */
import { describe, expect, it } from 'vitest';
import { timeWordFor } from '../../src/nlu/fuzzy.js';
import { understand } from '../../src/nlu/index.js';

const reference = new Date('2026-11-25T09:00:00+01:00'); // Wednesday
const read = (text: string) => understand(text, { reference, timeZone: 'Europe/Madrid' });

describe('typos in the time vocabulary', () => {
  it.each([
    ['mañna a las 11', '2026-11-26T11:00:00+01:00'],
    ['manana a las 11', '2026-11-26T11:00:00+01:00'],
    ['mñana a las 11', '2026-11-26T11:00:00+01:00'],
    ['mañana por la tarede', '2026-11-26T14:00:00+01:00'],
    ['el lunse a las 10', '2026-11-30T10:00:00+01:00'],
    ['el vienres por la mañana', '2026-11-27T09:00:00+01:00'],
    ['el miercloes a las 12', '2026-12-02T12:00:00+01:00'],
    ['tomorow at 10am', '2026-11-26T10:00:00+01:00'],
    ['wednesdy morning', '2026-12-02T09:00:00+01:00'],
    ['amanhá às 10h', '2026-11-26T10:00:00+01:00'],
  ])('%s', (text, start) => {
    const u = read(text);
    expect(u.intent).toBe('book');
    expect(u.when?.start).toBe(start);
  });

  it.each(['todas', 'tarda', 'vienes', 'manzana', 'segundo', 'tardes', 'noches', 'trade', 'lines', 'amanda', 'frida'])(
    'a real word is no typo: %s',
    (word) => expect(timeWordFor(word)).toBeUndefined(),
  );

  it('short words, other first letters and two-way ties are left alone', () => {
    expect(timeWordFor('tade')).toBeUndefined(); // four letters
    expect(timeWordFor('coche')).toBeUndefined(); // noche, but another first letter
    expect(timeWordFor('tarede')).toBe('tarde');
  });

  it('messages with those words keep their meaning', () => {
    expect(read('¿cuánto tarda la cita?').when).toBeNull();
    expect(read('buenas tardes').intent).toBe('greeting');
    expect(read('¿hay parking para el coche?').when).toBeNull();
    expect(read('el segundo').choice).toBe(2);
    expect(read('Amanda López').when).toBeNull();
  });
});
