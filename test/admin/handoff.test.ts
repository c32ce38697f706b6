/**
 * Hand-off to a person, end to end through the signed WhatsApp webhook: asking for a person, the
 * bot's silence while a person has the conversation, and the three ways back (staff, timeout, the
 * person), with staff notified by the signed webhook. Clock: Wednesday 25 Nov 2026, 09:00 Madrid.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyWebhook } from '../../src/handoff/signature.js';
import { BUTTON } from '../../src/conversation/buttons.js';
import { startHarness, type Harness } from '../support/harness.js';
import { ADMIN_SECRET, api, HOOK_SECRET, startReceiver, token, type Receiver } from '../support/admin.js';

const ANA = '34600111222';

describe('hand-off to a person', () => {
  let h: Harness;
  let hook: Receiver;
  let admin: ReturnType<typeof api>;

  beforeEach(async () => {
    hook = await startReceiver();
    h = await startHarness({
      provider: 'demo',
      env: {
        ADMIN_JWT_SECRET: ADMIN_SECRET,
        HANDOFF_WEBHOOK_URL: hook.url,
        HANDOFF_WEBHOOK_SECRET: HOOK_SECRET,
        HANDOFF_TIMEOUT: '12h',
      },
    });
    admin = api(h.url, token('admin'));
  });
  afterEach(async () => {
    await h.close();
    await hook.close();
  });

  const state = async (phone = ANA) => {
    const s = await h.reserva.engine.inspect(phone);
    return typeof s?.state === 'string' ? s.state : JSON.stringify(s?.state);
  };
  const contactId = async (phone = ANA) =>
    (await h.reserva.db.prisma.contact.findUniqueOrThrow({ where: { phone } })).id;
  /** The reply specs the machine asked for, in order (what the catalog renders). */
  const replySpecs = async () =>
    (await h.reserva.db.prisma.outboxEffect.findMany({ where: { kind: 'reply' }, orderBy: { seq: 'asc' } })).map(
      (r) => JSON.parse(r.payload) as { key: string; [k: string]: unknown },
    );
  const runJobs = async () => {
    await h.reserva.worker.runDue();
    await h.reserva.engine.idle();
  };

  it('asking for a person hands off: told once, then silence — every message stored and sent on to staff', async () => {
    const told = await h.say(ANA, 'quiero hablar con una persona');
    expect(told).toHaveLength(1);
    expect(await state()).toBe('handoff');
    const started = (await replySpecs()).at(-1)!;
    expect(started.key).toBe('handoffStarted');
    expect(started.openNow).toBe(true);
    expect(started.hours).toContainEqual({ weekday: 3, from: '09:00', to: '18:00' });

    expect((await h.say(ANA, '¿hola? ¿hay alguien?')).map((r) => r.text)).toEqual([
      expect.stringMatching(/He pasado tu mensaje al equipo/),
    ]); // once per hand-off
    expect(await h.say(ANA, 'quiero una cita mañana a las 10')).toEqual([]);
    expect(await h.say(ANA, { media: 'audio' })).toEqual([]);
    expect(await h.say(ANA, 'quiero hablar con una persona')).toEqual([]); // not told twice
    expect(await state()).toBe('handoff');
    expect(await h.reserva.db.prisma.inboxMessage.count({ where: { phone: ANA } })).toBe(5);

    await runJobs();
    const types = hook.received.map((r) => r.body.type);
    expect(types[0]).toBe('handoff.started');
    expect(types.filter((t) => t === 'handoff.message')).toHaveLength(4);
    expect(hook.received.map((r) => r.body.message?.text).filter(Boolean)).toEqual([
      '¿hola? ¿hay alguien?',
      'quiero una cita mañana a las 10',
      '[audio]',
      'quiero hablar con una persona',
    ]);
    for (const r of hook.received) {
      expect(verifyWebhook(r.raw, r.headers, HOOK_SECRET)).toBe(true);
      expect(r.body.contact.phone).toBe(`+${ANA}`);
    }
    // Tampered or replayed deliveries do not verify.
    const one = hook.received[0]!;
    expect(verifyWebhook(one.raw.replace('handoff.started', 'handoff.ended'), one.headers, HOOK_SECRET)).toBe(false);
    expect(verifyWebhook(one.raw, one.headers, HOOK_SECRET, Date.now() + 10 * 60_000)).toBe(false);
    expect(
      verifyWebhook(one.raw, { ...one.headers, 'x-reserva-timestamp': String(one.body.timestamp + 1) }, HOOK_SECRET),
    ).toBe(false);
  });

  it('outside opening hours the person is told when the team is back', async () => {
    h.clock.set('2026-11-28T20:00:00Z'); // Saturday 21:00 in Madrid
    expect(await h.say(ANA, 'necesito hablar con alguien')).toHaveLength(1);
    const started = (await replySpecs()).at(-1)!;
    expect(started).toMatchObject({ key: 'handoffStarted', openNow: false });
    expect((started.hours as unknown[]).length).toBeGreaterThan(0);
  });

  it('staff release it: the person is told the bot is back, and the bot answers again', async () => {
    await h.say(ANA, 'quiero hablar con una persona');
    expect((await h.say(ANA, 'quiero una cita mañana a las 10')).map((r) => r.text)).toEqual([
      expect.stringMatching(/He pasado tu mensaje al equipo/),
    ]); // once per hand-off
    const id = await contactId();
    const released = await admin('DELETE', `/admin/contacts/${id}/handoff`);
    expect(released).toEqual({ status: 200, json: { state: 'idle' } });
    await h.reserva.engine.idle();
    expect((await replySpecs()).at(-1)?.key).toBe('handoffEnded');
    const again = await h.say(ANA, 'quiero una cita mañana a las 10');
    expect(again.length).toBeGreaterThan(0);
    expect(await state()).toMatch(/booking/);
    await runJobs();
    expect(hook.received.map((r) => r.body.type)).toContain('handoff.ended');
    const row = await h.reserva.db.prisma.handoff.findFirstOrThrow();
    expect(row.endedBy).toBe('staff');
    // Releasing again: nothing to release.
    expect((await admin('DELETE', `/admin/contacts/${id}/handoff`)).status).toBe(409);
  });

  it('what the person sees: staff words as they wrote them, then "the bot is back" with the idle menu', async () => {
    const [greeting] = await h.say(ANA, 'hola');
    expect(greeting!.options.length).toBeGreaterThan(0);
    await h.say(ANA, 'quiero hablar con una persona');
    const id = await contactId();
    const before = h.repliesTo(ANA).length;
    expect(
      (await admin('POST', `/admin/contacts/${id}/messages`, { text: 'Hola Ana, soy Marta. ¿En qué te ayudo?' }))
        .status,
    ).toBe(202);
    await h.reserva.engine.idle();
    expect((await admin('DELETE', `/admin/contacts/${id}/handoff`)).status).toBe(200);
    await h.reserva.engine.idle();
    const [staff, ended] = h.repliesTo(ANA).slice(before);
    expect(staff).toMatchObject({ type: 'text', text: 'Hola Ana, soy Marta. ¿En qué te ayudo?' });
    expect(ended!.type).toBe(greeting!.type);
    expect(ended!.options).toEqual(greeting!.options);
    expect(ended!.text).not.toBe(greeting!.text);
  });

  it('HANDOFF_TIMEOUT releases it quietly; an earlier hand-off’s timer does not end a later one', async () => {
    await h.say(ANA, 'quiero hablar con una persona');
    h.clock.advance(11 * 3_600_000);
    await runJobs();
    expect(await state()).toBe('handoff');
    h.clock.advance(2 * 3_600_000);
    await runJobs();
    expect(await state()).toBe('idle');
    expect((await h.reserva.db.prisma.handoff.findFirstOrThrow()).endedBy).toBe('timeout');
    expect(h.repliesTo(ANA)).toHaveLength(1); // nothing sent at the timeout
    expect((await h.say(ANA, 'hola')).length).toBe(1);

    // A new hand-off, released early: its timer is cancelled; and a stale timeout event is ignored.
    await h.say(ANA, 'quiero hablar con una persona');
    const id = await contactId();
    await h.reserva.engine.deliver(id, { type: 'HANDOFF_TIMEOUT', since: '2026-11-25T08:00:00.000Z' });
    expect(await state()).toBe('handoff');
    await admin('DELETE', `/admin/contacts/${id}/handoff`);
    const timers = await h.reserva.db.prisma.job.findMany({ where: { key: { startsWith: 'handoff-timeout:' } } });
    expect(timers.map((j) => j.status).sort()).toEqual(['cancelled', 'done']);
  });

  it('the person can go back to the bot, or stop messages, while handed off', async () => {
    await h.say(ANA, 'quiero hablar con una persona');
    const [back] = await h.say(ANA, { button: BUTTON.resumeBot, title: 'Volver al asistente' });
    // The person ended it: not "the team member has finished" (that is for staff releasing it).
    expect((await replySpecs()).at(-1)?.key).toBe('backToBot');
    expect(back!.text).toBe('De acuerdo, sigo yo por aquí. ¿En qué te ayudo?');
    expect(await state()).toBe('idle');
    expect((await h.reserva.db.prisma.handoff.findFirstOrThrow()).endedBy).toBe('person');

    await h.say(ANA, 'quiero hablar con una persona');
    expect(await h.say(ANA, 'STOP')).toHaveLength(1);
    expect((await replySpecs()).at(-1)?.key).toBe('optedOut');
    expect(await state()).toBe('idle');
    const rows = await h.reserva.db.prisma.handoff.findMany({ orderBy: { startedAt: 'asc' } });
    expect(rows.map((r) => r.endedBy)).toEqual(['person', 'opt_out']);
  });

  it('hands off from inside a flow (choosing a slot) and the bot takes the flow up again after', async () => {
    const offer = await h.say(ANA, '¿tenéis hueco el jueves por la tarde?');
    expect(offer.length).toBe(1);
    expect(await state()).toMatch(/booking/);
    await h.say(ANA, 'prefiero hablar con una persona');
    expect(await state()).toBe('handoff');
    expect((await replySpecs()).at(-1)?.key).toBe('handoffStarted');

    const id = await contactId();
    await admin('DELETE', `/admin/contacts/${id}/handoff`);
    await h.reserva.engine.idle();
    const [confirm] = await h.say(ANA, 'quiero una cita mañana a las 11');
    expect(confirm).toBeDefined();
    expect(await state()).toMatch(/booking/);
    await h.say(ANA, 'quiero hablar con un humano');
    expect(await state()).toBe('handoff');
  });

  it('staff write through the bot’s path, taking over; the 24-hour window is respected', async () => {
    await h.say(ANA, 'hola');
    const id = await contactId();
    // Staff writing first takes the conversation over.
    const sent = await admin('POST', `/admin/contacts/${id}/messages`, { text: 'Hola Ana, soy Marta de la clínica.' });
    expect(sent).toEqual({ status: 202, json: { queued: true, state: 'handoff' } });
    await h.reserva.engine.idle();
    expect(h.repliesTo(ANA).at(-1)).toMatchObject({ type: 'text', text: 'Hola Ana, soy Marta de la clínica.' });
    expect((await h.reserva.db.prisma.handoff.findFirstOrThrow()).reason).toBe('staff');
    // Taken over: no handoffStarted message for the person (they did not ask).
    expect((await replySpecs()).map((r) => r.key)).not.toContain('handoffStarted');

    // 25 hours later the window is closed: refused, saying why and what to do.
    h.clock.advance(25 * 3_600_000);
    const refused = await admin('POST', `/admin/contacts/${id}/messages`, { text: '¿Sigues ahí?' });
    expect(refused.status).toBe(409);
    expect(refused.json.message).toMatch(/24-hour window is closed.*STAFF_TEMPLATE_NAME/);
  });
});

describe('hand-off: staff messages outside the window with a template', () => {
  it('goes out as the STAFF_TEMPLATE_NAME template', async () => {
    const h = await startHarness({
      provider: 'demo',
      env: { ADMIN_JWT_SECRET: ADMIN_SECRET, STAFF_TEMPLATE_NAME: 'staff_message' },
    });
    try {
      await h.say(ANA, 'quiero hablar con una persona');
      h.clock.advance(25 * 3_600_000);
      const id = (await h.reserva.db.prisma.contact.findUniqueOrThrow({ where: { phone: ANA } })).id;
      expect(
        (
          await api(h.url, token('admin'))('POST', `/admin/contacts/${id}/messages`, {
            text: 'Te escribimos por tu cita.',
          })
        ).status,
      ).toBe(202);
      await h.reserva.engine.idle();
      expect(h.repliesTo(ANA).at(-1)).toMatchObject({
        type: 'template',
        text: 'staff_message(Te escribimos por tu cita.)',
      });
    } finally {
      await h.close();
    }
  });
});
