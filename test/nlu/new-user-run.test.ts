/**
 * Misreadings from a new-user run (each first example is the message as the person wrote it; the
 * others are variants written for the fix, in es / en / pt, so the rule generalises):
 * 1. questions ABOUT cancelling or moving are policy questions, not requests;
 * 2. confirming a change with a new day is a move to that day, not attending the old booking;
 * 3. usted / tú / vos imperatives with clitics ("confírmela", "resérvemela", "cámbiela");
 * 4. (test/knowledge) FAQ questions worded differently;
 * 5. (test/engine) a one-word first message takes the phone's country language;
 * 6. a yes with an e-mail or with a question keeps both.
 * The reference is Wednesday 25 November 2026, 10:00 in Madrid.
 */
import { describe, expect, it } from 'vitest';
import { understand } from '../../src/nlu/index.js';
import type { Language } from '../../src/nlu/types.js';

const ref = '2026-11-25T10:00:00+01:00';
const read = (t: string, locale?: Language) => understand(t, { reference: ref, timeZone: 'Europe/Madrid', locale });

describe('1. a question about cancelling or changing is the cancellation policy, not a request', () => {
  it.each([
    ['Si luego no puedo ir, ¿me cobran algo por cancelar?', 'es'],
    ['¿se puede cambiar la cita luego?', 'es'],
    ['is there a cancellation fee?', 'en'],
    ['posso cancelar depois?', 'pt'],
    ["what's your cancellation policy", 'en'],
    // variants
    ['¿cobráis algo por cancelar?', 'es'],
    ['¿tiene algún costo cancelar la cita?', 'es'],
    ['y si al final no puedo ir, ¿qué pasa?', 'es'],
    ['¿hasta cuándo puedo cancelar sin pagar?', 'es'],
    ['¿después se puede cambiar el turno si me surge algo?', 'es'],
    ['do you charge for cancelling?', 'en'],
    ['can I change the appointment later if I need to?', 'en'],
    ['how late can I cancel?', 'en'],
    ["if I can't make it, do I have to pay?", 'en'],
    ['cobram alguma taxa para desmarcar?', 'pt'],
    ['dá pra remarcar depois se precisar?', 'pt'],
    ['até quando posso cancelar?', 'pt'],
  ] as const)('%s → question about the cancellation policy', (text, lang) => {
    const u = read(text, lang);
    expect([u.intent, u.topic]).toEqual(['question', 'cancellation_policy']);
  });

  it.each([
    ['cancela mi cita', 'es'],
    ['quiero cancelar', 'es'],
    ['cancel it', 'en'],
    ['¿puedo cancelar mi cita de mañana?', 'es'],
    ['cancélala, luego te escribo', 'es'],
    ['please cancel my appointment', 'en'],
    ['quero cancelar minha consulta', 'pt'],
    ['pode desmarcar, por favor', 'pt'],
    ["cancel it, I'll pay next time", 'en'],
    ['I need to cancel, can I rebook later?', 'en'],
  ] as const)('%s is still a cancel request', (text, lang) => {
    expect(read(text, lang).intent).toBe('cancel');
  });

  it.each([
    ['¿podemos cambiarla a más tarde?', 'es'],
    ['can we move it later?', 'en'],
    ['posso mudar pra depois?', 'pt'],
    ['cámbiame la cita, luego te digo la hora', 'es'],
    ['quiero cambiar la cita, ¿cuánto cuesta la revisión?', 'es'],
  ] as const)('%s is still a move', (text, lang) => {
    expect(read(text, lang).intent).not.toBe('question');
  });
});

describe('2. confirming a change with a day moves the booking to that day', () => {
  it.each([
    ['perdón, me equivoqué. quiero confirmar el cambio al miércoles', 'es', '2026-12-02'],
    ['confirmo el cambio para el viernes', 'es', '2026-11-27'],
    ['sí, confirmá el cambio al jueves a las 5', 'es', '2026-11-26'],
    ['sorry, I meant to confirm the change to friday', 'en', '2026-11-27'],
    ['confirm the move to thursday at 11', 'en', '2026-11-26'],
    ['quero confirmar a mudança para sexta', 'pt', '2026-11-27'],
    ['confirmo a troca pra quinta', 'pt', '2026-11-26'],
  ] as const)('%s → reschedule on %s', (text, lang, day) => {
    const u = read(text, lang);
    expect(u.intent).toBe('reschedule');
    expect(u.when?.start.slice(0, 10)).toBe(day);
  });

  it.each([
    ['confirmo el cambio', 'es'],
    ['sí, confirmo el cambio', 'es'],
    ['confirm the change', 'en'],
    ['confirmo a mudança', 'pt'],
  ] as const)('%s (no new time) stays a confirm of what is on the table', (text, lang) => {
    expect(read(text, lang).intent).toBe('confirm');
  });
});

describe('3. imperatives with clitics (tú / vos / usted)', () => {
  it.each([
    ['Confírmela, gracias', 'confirm'],
    ['confírmela', 'confirm'],
    ['confírmala', 'confirm'],
    ['confirmala', 'confirm'],
    ['confírmemela', 'confirm'],
    ['confirmámela', 'confirm'],
    ['confírmenmela por favor', 'confirm'],
    ['confírmelo, muchas gracias', 'confirm'],
    ['resérvemela', 'confirm'],
    ['reservámela', 'confirm'],
    ['resérvela, gracias', 'confirm'],
    ['agéndemela', 'confirm'],
    ['cancélela', 'cancel'],
    ['cancelala', 'cancel'],
    ['cancélemela por favor', 'cancel'],
    ['cámbiela', 'reschedule'],
    ['cambiala', 'reschedule'],
    ['cámbiemela para el viernes', 'reschedule'],
    ['muévamela al jueves', 'reschedule'],
  ] as const)('%s → %s', (text, intent) => {
    expect(read(text, 'es').intent).toBe(intent);
  });

  it.each([
    ['sí, gracias', 'es'],
    ['perfecto, muchas gracias', 'es'],
    ['yes please, thanks', 'en'],
    ['confirm, thank you', 'en'],
    ['sim, obrigada', 'pt'],
    ['pode confirmar, obrigado', 'pt'],
  ] as const)('%s: a yes with thanks is the yes', (text, lang) => {
    expect(read(text, lang).intent).toBe('confirm');
  });

  it.each([
    ['confírmela', 'usted'],
    ['resérvemela', 'usted'],
    ['cancélela', 'usted'],
    ['cámbiela', 'usted'],
    ['confirmámela', 'vos'],
    ['reservámela', 'vos'],
  ] as const)('%s is said in %s', (text, formality) => {
    expect(read(text, 'es').formality).toBe(formality);
  });
});

describe('6. a yes with an e-mail or with a question keeps both', () => {
  it.each([
    ['pode ser! meu email é ana.paula@gmail.com caso precise', 'pt', 'ana.paula@gmail.com'],
    ['sí, mi correo es lu.gomez@hotmail.com', 'es', 'lu.gomez@hotmail.com'],
    ['dale, te dejo mi mail: fede@gmail.com', 'es', 'fede@gmail.com'],
    ['yes! my email is tom@example.com', 'en', 'tom@example.com'],
    ['ok, email: maria@uol.com.br', 'pt', 'maria@uol.com.br'],
  ] as const)('%s → confirm + e-mail', (text, lang, email) => {
    const u = read(text, lang);
    expect([u.intent, u.email]).toEqual(['confirm', email]);
  });

  it('an e-mail alone is still a detail given', () => {
    expect(read('mi correo es lu.gomez@hotmail.com', 'es').intent).toBe('update_details');
    expect(read('ana.paula@gmail.com', 'pt').intent).toBe('update_details');
  });

  it.each([
    ['ok. puedo ir con mi hijo de 8 años?', 'es'],
    ['sí, pero ¿se puede pagar con tarjeta?', 'es'],
    ['vale, ¿y dónde estáis?', 'es'],
    ['ok, do you take cards?', 'en'],
    ['sim! vocês atendem crianças?', 'pt'],
  ] as const)('%s → the question, with the yes kept (yes: true)', (text, lang) => {
    const u = read(text, lang);
    expect([u.intent, u.yes]).toEqual(['question', true]);
  });

  it.each([
    ['¿puedo ir con mi hijo?', 'es'],
    ['no, ¿y el viernes?', 'es'],
    ['sí', 'es'],
  ] as const)('%s carries no extra yes', (text, lang) => {
    expect(read(text, lang).yes).toBeUndefined();
  });
});

describe('second new-user run (session 5): "k" alone is "ok"', () => {
  it.each([['k'], ['K'], ['ok']] as const)('%s → confirm, an acknowledgement', (text) => {
    const u = read(text, 'en');
    expect([u.intent, u.ack]).toEqual(['confirm', true]);
  });
  it.each([['plan k'], ['vitamina k'], ['kkkk'], ['k tal?']] as const)('%s is no yes', (text) => {
    expect(read(text).intent).not.toBe('confirm');
  });
});
