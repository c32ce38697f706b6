/**
 * A new user through the simulator (issues 9 and 14, session 3): the flow and wording defects found
 * on the way, each as a conversation through the signed webhook against the fake Graph API and the
 * fake Cal.com. The clock is Wednesday 25 November 2026, 09:00 in Madrid.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';

const ANA = '34600111222';
const NOBODY = '34600111333'; // a profile name that is no name: the bot asks for one
const JOHN = '447911123456';
const JOAO = '351912345678';
const madrid = (local: string) => new Date(`${local}:00+01:00`).toISOString();

describe('a new user, start to end (Cal.com)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ provider: 'calcom', env: { BUSINESS_FILE: 'demo/business.yaml' } });
  });
  afterEach(async () => {
    await h.close();
  });

  const active = () => [...h.cal!.bookings.values()].filter((b) => b.status === 'accepted').map((b) => b.start);
  const said = async (phone: string, what: Parameters<Harness['say']>[1], o?: { name?: string }) => {
    const replies = await h.say(phone, what, o);
    expect(replies.length, `no reply to ${JSON.stringify(what)}`).toBeGreaterThan(0);
    return replies;
  };
  const contact = (phone: string) => h.reserva.db.prisma.contact.findUniqueOrThrow({ where: { phone } });
  /** Never the same message twice in a row. */
  const noRepeats = (texts: string[]) => {
    for (let i = 1; i < texts.length; i++) expect(texts[i], `repeated: ${texts[i]}`).not.toBe(texts[i - 1]);
  };

  it('1. a new time while asked for the name moves the pending slot (re-checked), and that one is booked', async () => {
    const who = { name: '📱' };
    const [confirm] = await said(NOBODY, 'mañana a las 11 puede ser?', who);
    expect(confirm!.text).toMatch(/11:00/);
    const [askName] = await said(NOBODY, 'sí', who);
    expect(askName!.text).toMatch(/a nombre de quién/);
    const [moved] = await said(NOBODY, 'uy no espera, mejor a las 12:30', who);
    expect(moved!.text).toMatch(/jueves 26 de noviembre a las 12:30/);
    expect(moved!.text).not.toMatch(/no parece un nombre/);
    await said(NOBODY, 'sí', who);
    const [booked] = await said(NOBODY, 'Daniel Ruiz', who);
    expect(booked!.text).toMatch(/✅/);
    expect(active()).toEqual([madrid('2026-11-26T12:30')]);
  });

  it('2. misses after a closed day: what the list holds, never the same message twice, then the way out', async () => {
    const [closed] = await said(ANA, 'quiero cita el sábado a las 11');
    expect(closed!.text).toMatch(/sábados cerramos/i);
    const [miss] = await said(ANA, 'asdfgh');
    expect(miss!.text).toMatch(/no te he entendido/);
    expect(miss!.text).not.toMatch(/sábado/); // the times shown are Friday's and Monday's
    expect(miss!.text).toMatch(/más cercanas/);
    // Emoji that acknowledge nothing are the second miss: the booking page and a person.
    const [emoji] = await said(ANA, '😂😂🤷‍♂️');
    expect(emoji!.text).toMatch(/sigo sin entenderte/);
    expect(emoji!.text).toContain('https://cal.example/demo/30min');
    expect(emoji!.options.map((o) => o.title)).toContain('Hablar con una persona');
    // Then a voice note: said why, and the nearest times again (not Saturday's).
    const [voice] = await said(ANA, { media: 'audio' });
    expect(voice!.text).toMatch(/no puedo escuchar audios/);
    expect(voice!.text).not.toMatch(/sábado/);
    expect(voice!.options.length).toBeGreaterThan(0);
    noRepeats([closed!, miss!, emoji!, voice!].map((m) => m.text));
  });

  it('3. an ack or a question after "closed" re-offers the list, never "taken"', async () => {
    const [closed] = await said(ANA, 'el lunes a las 8');
    expect(closed!.text).toMatch(/A las 08:00 está cerrado/);
    const [ack] = await said(ANA, '👍');
    expect(ack!.text).not.toMatch(/ocupad/);
    expect(ack!.options.length).toBeGreaterThan(0);
    const replies = await said(ANA, 'cuanto cuesta?');
    expect(replies.length).toBe(2);
    expect(replies.map((r) => r.text).join('\n')).not.toMatch(/ocupad/);
    expect(replies[1]!.options.length).toBeGreaterThan(0);
  });

  it('4. "más tarde" past the last time of the day: nothing later that day, the next open day in order', async () => {
    const [offer] = await said(ANA, 'el martes por la tarde');
    const times = offer!.options.map((o) => o.title);
    expect(times.at(-1)).toBe('17:30');
    const [later] = await said(ANA, 'mas tarde');
    expect(later!.text).toMatch(/No hay nada más tarde de las 17:30 ese día/);
    const starts = later!.options.map((o) => o.id.replace('v1:slot:', ''));
    expect(starts.length).toBeGreaterThan(0);
    expect([...starts].sort()).toEqual(starts); // chronological
    expect(starts.every((s) => s >= '2026-12-02')).toBe(true); // Wednesday on, not Tuesday again
  });

  it('5. offers read as sentences: no colon followed by a new sentence', async () => {
    const [offer] = await said(ANA, 'quiero una cita mañana');
    expect(offer!.text).not.toMatch(/: [A-ZÁÉÍÓÚ¿]/);
    const [closed] = await said(ANA, 'el domingo a las 11');
    expect(closed!.text).toMatch(/^Los domingos cerramos\. Abrimos de lunes a viernes/);
  });

  it('5. en / pt: the same wording rules', async () => {
    const en = (what: string) => said(JOHN, what, { name: 'John Smith' });
    const [offer] = await en('can I book tomorrow?');
    expect(offer!.text).not.toMatch(/: [A-Z]/);
    const [closed] = await en('sunday at 11 please');
    expect(closed!.text).toMatch(/^We're closed on Sundays\. Our hours: Monday–Friday/);
    const pt = (what: string) => said(JOAO, what, { name: 'João Silva' });
    const [oferta] = await pt('quero marcar amanhã');
    expect(oferta!.text).not.toMatch(/: [A-ZÁÉÍÓÚ]/);
    const [fechado] = await pt('quero marcar no domingo às 11');
    expect(fechado!.text).toMatch(/^Aos domingos fechamos\. Abrimos de segunda a sexta/);
  });

  it("9. en: the hand-off acknowledgement in the person's language", async () => {
    await said(JOHN, 'I want to talk to a person', { name: 'John Smith' });
    const [ack] = await said(JOHN, 'hello? anyone there?', { name: 'John Smith' });
    expect(ack!.text).toMatch(/passed your message on to the team/);
    expect(await h.say(JOHN, 'hello??', { name: 'John Smith' })).toHaveLength(0);
  });

  it('7. ALTA mid-booking is understood; booked while opted out: reminders are off until ALTA', async () => {
    const [stop] = await said(ANA, 'STOP');
    expect(stop!.text).toMatch(/ALTA/);
    await said(ANA, 'quiero cita mañana a las 11');
    const [back] = await said(ANA, 'ALTA');
    expect(back!.text).toMatch(/recordatorios/);
    expect((await contact(ANA)).optedOutAt).toBeNull();

    await said(ANA, 'STOP');
    await said(ANA, 'quiero cita mañana a las 12');
    const [booked] = await said(ANA, 'sí');
    expect(booked!.text).toMatch(/✅/);
    expect(booked!.text).toMatch(/ALTA/);
    expect(booked!.text).not.toMatch(/Te recordaré/);
  });

  it('8. "👍" to the marketing question is no consent: asked once more with both buttons; "sí" is', async () => {
    await said(ANA, 'quiero cita mañana a las 11');
    const replies = await said(ANA, 'sí');
    const question = replies.find((r) => /ofertas/.test(r.text));
    expect(question).toBeTruthy();
    const [again] = await said(ANA, '👍');
    expect(again!.text).toMatch(/ofertas/);
    expect(again!.options).toHaveLength(2);
    expect((await contact(ANA)).marketingConsent).not.toBe(true);
    const [granted] = await said(ANA, 'sí');
    expect(granted!.text).toMatch(/te avisaremos/);
    expect((await contact(ANA)).marketingConsent).toBe(true);
  });

  it('9. during a hand-off the first follow-up is acknowledged once, then quiet', async () => {
    await said(ANA, 'quiero hablar con una persona');
    const [ack] = await said(ANA, 'hola?? sigue ahi alguien');
    expect(ack!.text).toMatch(/equipo/);
    expect(await h.say(ANA, '???')).toHaveLength(0);
  });

  it('12. a request that opens with a greeting is greeted by first name, in one message', async () => {
    const replies = await said(ANA, 'hola, ¿tenéis hueco mañana por la tarde?', { name: 'Lucía Gómez' });
    expect(replies).toHaveLength(1);
    expect(replies[0]!.text).toMatch(/^Hola Lucía 👋 /);
    expect(replies[0]!.options.length).toBeGreaterThan(0);
    const [en] = await said(JOHN, 'hi, can I book tomorrow at 11?', { name: 'John Smith' });
    expect(en!.text).toMatch(/^Hi John 👋 /);
  });
});

describe('privacy in the chat (issue 14, session 3)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ provider: 'calcom', env: { BUSINESS_FILE: 'demo/business.yaml' } });
  });
  afterEach(async () => {
    await h.close();
  });

  it('10. summary counts bookings still on; the export knows the language; a used link answers in it', async () => {
    await h.say(ANA, 'quiero cita mañana a las 11');
    await h.say(ANA, 'sí');
    await h.say(ANA, 'No, gracias');
    await h.say(ANA, 'cancelar');
    const [done] = await h.say(ANA, 'sí');
    expect(done!.text).toMatch(/cancelado/);
    const [summary] = await h.say(ANA, '¿qué datos tenéis de mí?');
    expect(summary!.text).toMatch(/0 citas próximas/);
    const token = /\/privacy\/export\/([\w-]+)/.exec(summary!.text)![1];
    const url = `${h.url}/privacy/export/${token}`;
    const first = (await (await fetch(url)).json()) as { contact: { language: string; formality: string } };
    expect(first.contact).toMatchObject({ language: 'es', formality: 'tu' });
    const again = await fetch(url, { headers: { accept: 'text/html' } });
    expect(again.status).toBe(410);
    const page = await again.text();
    expect(page).toMatch(/ya se ha usado/);
    expect(page).toMatch(/<html lang="es"/);
  });
});

describe('where, in the demo (issue 9, session 3)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ provider: 'demo', env: { BUSINESS_FILE: 'demo/business.yaml', CAL_BOOKING_URL: '' } });
  });
  afterEach(async () => {
    await h.close();
  });
  const said = async (phone: string, what: Parameters<Harness['say']>[1]) => {
    const replies = await h.say(phone, what);
    expect(replies.length, `no reply to ${JSON.stringify(what)}`).toBeGreaterThan(0);
    return replies;
  };

  it('11. demo calendar: the confirmation says where — the business address and its map link', async () => {
    await said(ANA, 'quiero cita mañana a las 11');
    const [booked] = await said(ANA, 'sí');
    expect(booked!.text).toMatch(/Calle de Alcalá 100/);
    expect(booked!.text).toContain('https://maps.google.com/');
    // The reminder the day before says where too (checked below).
    h.clock.set('2026-11-25T10:05:00Z');
    await h.reserva.worker.runDue();
    await h.reserva.engine.idle();
    const reminder = h.repliesTo(ANA).at(-1)!;
    expect(reminder.text).toMatch(/⏰/);
    expect(reminder.text).toMatch(/Calle de Alcalá 100/);
  });

  it('6. demo without a booking page: after a second miss, the business phone and a person', async () => {
    await said(ANA, 'quiero cita mañana');
    await said(ANA, 'asdfgh');
    const [stuck] = await said(ANA, 'qwerty');
    expect(stuck!.text).toMatch(/sigo sin entenderte/);
    expect(stuck!.text).toContain('+34 910 000 000');
    expect(stuck!.options.map((o) => o.title)).toContain('Hablar con una persona');
  });
});
