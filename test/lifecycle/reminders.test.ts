/**
 * Issue #5 acceptance, end to end through the signed WhatsApp webhook against the fake Graph API
 * and the fake Cal.com, with a controllable clock: the worker is run by hand after each move of
 * the clock (`reserva.worker.runDue()`).
 * The clock starts on Wednesday 25 November 2026, 09:00 in Madrid (UTC+1).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';
import { advanceTo, jobsOf } from '../support/lifecycle.js';

/** A reminder's first line (the fake Cal.com gives each booking a meeting link: a "where" line follows). */
const firstLine = (text: string) => text.split('\n')[0];

const ANA = '34600111222';

describe('reminders, rescheduling from a reminder, feedback (acceptance 1)', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ provider: 'calcom' });
  });
  afterEach(async () => {
    await h.close();
  });

  it('book → 24 h template reminder → Reschedule → new reminders → 1 h reminder → feedback → rating', async () => {
    const prisma = h.reserva.db.prisma;
    await h.say(ANA, 'Hola, quiero una cita el viernes a las 10');
    const [done] = await h.say(ANA, 'sí');
    expect(done!.text).toContain('✅');
    const first = await prisma.booking.findFirstOrThrow({ where: { status: 'accepted' } });
    expect(first.start.toISOString()).toBe('2026-11-27T09:00:00.000Z');
    expect((await jobsOf(h, first.uid)).map((j) => [j.key.split('@')[0], j.status, j.dueAt])).toEqual([
      [`reminder:${first.uid}:24h`, 'pending', '2026-11-26T09:00:00.000Z'],
      [`reminder:${first.uid}:1h`, 'pending', '2026-11-27T08:00:00.000Z'],
      [`feedback:${first.uid}`, 'pending', '2026-11-27T10:30:00.000Z'],
    ]);

    // Thursday 10:00 Madrid: Ana last wrote 25 h ago, so WhatsApp only takes a template.
    h.graph.closedWindowFor(ANA);
    const before = h.graph.sent.length;
    await advanceTo(h, '2026-11-26T09:00:00Z');
    const reminders = h.repliesTo(ANA).slice(-1);
    expect(h.graph.sent.length).toBe(before + 1);
    const [reminder] = reminders;
    expect(reminder!.type).toBe('template');
    expect(reminder!.raw.template?.name).toBe('appointment_reminder');
    expect(reminder!.raw.template?.language.code).toBe('es');
    expect(firstLine(reminder!.text)).toBe('appointment_reminder(Ana, viernes 27 de noviembre, 10:00)');
    expect(reminder!.options.map((o) => o.id)).toEqual([
      `v1:attend:${first.uid}`,
      `v1:reschedule:${first.uid}`,
      `v1:cancel:${first.uid}`,
    ]);
    // Nothing was tried free-form first (the window is known to be closed).
    expect(h.graph.requests.filter((r) => r.status !== 200)).toHaveLength(0);
    // Running the worker again sends nothing more.
    await advanceTo(h, '2026-11-26T09:05:00Z');
    expect(h.graph.sent.length).toBe(before + 1);

    // Ana taps "Reprogramar" on the template: the same rescheduling flow as a typed message.
    h.graph.openWindowFor(ANA);
    const [offer] = (await h.say(ANA, { template: `v1:reschedule:${first.uid}`, text: 'Reprogramar' })).slice(-1);
    expect(offer!.type).toBe('list');
    expect(offer!.options.every((o) => o.id.startsWith('v1:slot:'))).toBe(true);
    // …and Ana types the time she wants instead; then confirms.
    const [move] = await h.say(ANA, 'mejor el lunes a las 11');
    expect(move!.text).toMatch(/lunes 30 de noviembre a las 11:00/);
    const [moved] = await h.say(ANA, 'sí');
    expect(moved!.text).toContain('✅');
    const second = await prisma.booking.findFirstOrThrow({ where: { status: 'accepted' } });
    expect(second.uid).not.toBe(first.uid);
    expect(second.start.toISOString()).toBe('2026-11-30T10:00:00.000Z');
    expect((await prisma.booking.findUniqueOrThrow({ where: { uid: first.uid } })).status).toBe('rescheduled');
    // The old booking's jobs left are cancelled; the new one has its own.
    expect((await jobsOf(h, first.uid)).map((j) => [j.key.split('@')[0], j.status])).toEqual([
      [`reminder:${first.uid}:24h`, 'done'],
      [`reminder:${first.uid}:1h`, 'cancelled'],
      [`feedback:${first.uid}`, 'cancelled'],
    ]);
    expect((await jobsOf(h, second.uid)).map((j) => [j.key.split('@')[0], j.status, j.dueAt])).toEqual([
      [`reminder:${second.uid}:24h`, 'pending', '2026-11-29T10:00:00.000Z'],
      [`reminder:${second.uid}:1h`, 'pending', '2026-11-30T09:00:00.000Z'],
      [`feedback:${second.uid}`, 'pending', '2026-11-30T11:30:00.000Z'],
    ]);

    // Friday: the old 1 h reminder is not sent.
    let sent = h.graph.sent.length;
    await advanceTo(h, '2026-11-27T08:00:00Z');
    expect(h.graph.sent.length).toBe(sent);

    // Sunday and Monday: both reminders of the new booking, as templates (the window closed again).
    h.graph.closedWindowFor(ANA);
    await advanceTo(h, '2026-11-29T10:00:00Z');
    await advanceTo(h, '2026-11-30T09:00:00Z');
    const twoReminders = h.repliesTo(ANA).slice(sent);
    expect(twoReminders.map((r) => firstLine(r.text))).toEqual([
      'appointment_reminder(Ana, lunes 30 de noviembre, 11:00)',
      'appointment_reminder(Ana, lunes 30 de noviembre, 11:00)',
    ]);
    expect(twoReminders[1]!.options.map((o) => o.id)).toEqual([
      `v1:attend:${second.uid}`,
      `v1:reschedule:${second.uid}`,
      `v1:cancel:${second.uid}`,
    ]);

    // The appointment ends at 11:30; an hour later (FEEDBACK_DELAY) the rating question goes as
    // the feedback template — once, and nothing free-form is tried (WhatsApp would refuse it).
    sent = h.graph.sent.length;
    await advanceTo(h, '2026-11-30T10:29:00Z');
    expect(h.graph.sent.length).toBe(sent);
    await advanceTo(h, '2026-11-30T11:30:00Z');
    const asked = h.repliesTo(ANA).slice(sent);
    expect(asked).toHaveLength(1);
    expect(asked[0]!.type).toBe('template');
    expect(asked[0]!.raw.template?.name).toBe('appointment_feedback');
    expect(asked[0]!.text).toBe('appointment_feedback(Ana, lunes 30 de noviembre)');
    expect(asked[0]!.options.map((o) => o.id)).toEqual(['v1:rating:5', 'v1:rating:3', 'v1:rating:1']);
    expect(h.graph.requests.filter((r) => r.status !== 200)).toHaveLength(0);
    expect((await h.reserva.engine.inspect(ANA))!.state).toMatchObject({ feedback: 'awaitingRating' });

    // Ana taps 5 on the template: stored; the optional comment is asked (the window is open now).
    h.graph.openWindowFor(ANA);
    const [askComment] = (await h.say(ANA, { template: 'v1:rating:5', text: '5' })).slice(-1);
    expect(askComment!.options.map((o) => o.id)).toContain('v1:skip');
    const [thanks] = await h.say(ANA, 'Todo perfecto, muy amables');
    expect(thanks!.text).toMatch(/gracias/i);
    const fb = await prisma.feedback.findMany({ where: { bookingId: second.id } });
    expect(fb.map((f) => [f.rating, f.comment])).toEqual([[5, 'Todo perfecto, muy amables']]);

    // Nothing runs twice: no more messages later on.
    sent = h.graph.sent.length;
    await advanceTo(h, '2026-12-01T12:00:00Z');
    expect(h.graph.sent.length).toBe(sent);
  });
  it("the reminder speaks the contact's language and register (usted, English), from the catalog", async () => {
    const JOHN = '447911123456';
    await h.say(ANA, 'Buenos días, ¿podría darme una cita mañana a las 17:00?', { name: 'Ana García' });
    await h.say(ANA, 'sí, por favor', { name: 'Ana García' });
    await h.say(JOHN, 'I would like an appointment tomorrow at 4pm', { name: 'John Smith' });
    await h.say(JOHN, 'yes please', { name: 'John Smith' });
    h.clock.set('2026-11-26T13:30:00Z');
    await h.say(ANA, 'gracias', { name: 'Ana García' });
    await h.say(JOHN, 'thanks', { name: 'John Smith' });
    const sentAna = h.repliesTo(ANA).length;
    const sentJohn = h.repliesTo(JOHN).length;
    await advanceTo(h, '2026-11-26T14:00:00Z');
    const [john] = h.repliesTo(JOHN).slice(sentJohn);
    expect(firstLine(john!.text)).toBe(
      '⏰ Reminder, John: your appointment is *today, Thursday, November 26 at 4:00 PM* (Madrid time). Will you come?',
    );
    await advanceTo(h, '2026-11-26T15:00:00Z');
    const [ana] = h.repliesTo(ANA).slice(sentAna);
    expect(firstLine(ana!.text)).toBe(
      '⏰ Recordatorio, Ana: su cita es *hoy, jueves 26 de noviembre a las 17:00*. ¿Vendrá?',
    );
  });
  it('in the window: reminder and rating are interactive; on a 131047 refusal the template goes, once', async () => {
    const prisma = h.reserva.db.prisma;
    await h.say(ANA, 'Quiero una cita mañana a las 17:00');
    await h.say(ANA, 'sí');
    const b = await prisma.booking.findFirstOrThrow({ where: { status: 'accepted' } });
    // Thursday 16:00 Madrid: Ana writes again; the 1 h reminder is interactive.
    h.clock.set('2026-11-26T14:30:00Z');
    await h.say(ANA, 'gracias');
    let sent = h.graph.sent.length;
    await advanceTo(h, '2026-11-26T15:00:00Z');
    const [reminder] = h.repliesTo(ANA).slice(sent);
    expect(reminder!.type).toBe('buttons');
    // The catalog's reminder (src/conversation/notices.ts): same day, so "hoy", never "el día antes".
    expect(reminder!.options.map((o) => o.title)).toEqual(['Confirmar', 'Cambiar hora', 'Cancelar']);
    expect(firstLine(reminder!.text)).toBe(
      '⏰ Recordatorio, Ana: tu cita es *hoy, jueves 26 de noviembre a las 17:00*. ¿Vendrás?',
    );
    // "Confirmar" marks the booking confirmed by the attendee.
    const [ok] = (await h.say(ANA, { button: `v1:attend:${b.uid}`, title: 'Confirmar' })).slice(-1);
    expect(ok!.text.length).toBeGreaterThan(0);
    expect((await prisma.booking.findUniqueOrThrow({ where: { uid: b.uid } })).attendeeConfirmedAt).not.toBeNull();

    // After the appointment the rating question is the interactive list while the window is open…
    sent = h.graph.sent.length;
    await advanceTo(h, '2026-11-26T17:30:00Z');
    const asked = h.repliesTo(ANA).slice(sent);
    expect(asked.map((a) => a.type)).toEqual(['list']);
    expect(asked[0]!.options.map((o) => o.id)).toEqual([
      'v1:rating:5',
      'v1:rating:4',
      'v1:rating:3',
      'v1:rating:2',
      'v1:rating:1',
    ]);
    const [comment] = (await h.say(ANA, { row: 'v1:rating:4', title: '4' })).slice(-1);
    expect(comment!.options.map((o) => o.id)).toContain('v1:skip');
    await h.say(ANA, { button: 'v1:skip', title: 'No, gracias' });
    expect((await prisma.feedback.findMany()).map((f) => [f.rating, f.comment])).toEqual([[4, null]]);

    // …and when WhatsApp refuses free-form although our record says the window is open (e.g. a
    // message we never saw), the template goes instead: the person gets exactly one message.
    await h.say(ANA, 'Quiero otra cita el lunes a las 10');
    await h.say(ANA, 'sí');
    const monday = await prisma.booking.findFirstOrThrow({
      where: { status: 'accepted', start: { gt: new Date('2026-11-29T00:00:00Z') } },
    });
    await prisma.contact.update({ where: { phone: ANA }, data: { lastInboundAt: new Date('2026-11-29T12:00:00Z') } });
    h.graph.closedWindowFor(ANA);
    sent = h.graph.sent.length;
    const refused = h.graph.requests.length;
    await advanceTo(h, '2026-11-29T09:00:00Z');
    const got = h.repliesTo(ANA).slice(sent);
    expect(got.map((g) => g.text)).toEqual(['appointment_reminder(Ana, lunes 30 de noviembre, 10:00)']);
    expect(h.graph.requests.slice(refused).map((r) => r.status)).toEqual([400, 200]);
    expect((await prisma.outboundMessage.findMany({ where: { status: 'failed' } })).map((m) => m.errorCode)).toEqual([
      131047,
    ]);
    expect(got[0]!.options[0]!.id).toBe(`v1:attend:${monday.uid}`);
  });

  it('the rating question does not interrupt a conversation in progress: it waits and comes after', async () => {
    const prisma = h.reserva.db.prisma;
    await h.say(ANA, 'Quiero una cita mañana a las 17:00');
    await h.say(ANA, 'sí');
    // After the appointment (Thursday 17:30 end + 1 h), Ana is in the middle of booking another one.
    h.clock.set('2026-11-26T17:25:00Z');
    await h.say(ANA, 'quiero otra cita el lunes');
    expect((await h.reserva.engine.inspect(ANA))!.state).toMatchObject({ booking: 'choosing' });
    let sent = h.graph.sent.length;
    await advanceTo(h, '2026-11-26T17:31:00Z');
    expect(h.graph.sent.length).toBe(sent); // not asked now
    expect((await h.reserva.engine.inspect(ANA))!.state).toMatchObject({ booking: 'choosing' });
    // She leaves it there; once the conversation has rested, the job's retry asks.
    sent = h.graph.sent.length;
    await advanceTo(h, '2026-11-26T18:30:00Z');
    const asked = h.repliesTo(ANA).slice(sent);
    expect(asked.map((a) => a.options[0]?.id)).toEqual(['v1:rating:5']);
    expect(await prisma.feedback.count()).toBe(0);
  });
});
