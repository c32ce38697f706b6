/**
 * The one outbox gate, tried on every path a message can take (issue 14): the reply to the person's
 * own message, the reminder, the rating question, a change the business made (Cal.com webhook), a
 * confirmation, a staff message, and the promotional kinds (upsell, win-back) — for a person who
 * said STOP, one who never gave marketing consent, and one who did. Real service, signed webhooks,
 * fake Graph API and Cal.com; what reaches the fake Graph API is what the person sees.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MessageKind } from '../../src/privacy/gate.js';
import { ADMIN_SECRET, api, token } from '../support/admin.js';
import { startHarness, type Harness } from '../support/harness.js';
import { calEvent, postCal } from '../support/lifecycle.js';

const OUT = '34600990001'; // said STOP
const NOC = '34600990002'; // no marketing consent
const CON = '34600990003'; // marketing consent

describe('the outbox gate on every path', () => {
  let h: Harness;
  let admin: ReturnType<typeof api>;
  beforeAll(async () => {
    h = await startHarness({ provider: 'calcom', env: { ADMIN_JWT_SECRET: ADMIN_SECRET } });
    admin = api(h.url, token('admin'));
    // Each books tomorrow (kept) and the day after (cancelled later by the business).
    for (const [phone, time, answer] of [
      [OUT, '16:00', 'No, gracias'],
      [NOC, '16:30', 'No, gracias'],
      [CON, '17:00', 'Sí, quiero ofertas'],
    ] as const) {
      await h.say(phone, `Quiero una cita mañana a las ${time}`);
      await h.say(phone, { button: 'v1:confirm', title: 'Confirmar' });
      await h.say(phone, answer);
      await h.say(phone, `Quiero una cita el viernes a las ${time}`);
      await h.say(phone, { button: 'v1:confirm', title: 'Confirmar' });
    }
    await h.say(OUT, 'STOP');
  });
  afterAll(async () => {
    await h?.close();
  });
  const prisma = () => h.reserva.db.prisma;
  const contact = (phone: string) => prisma().contact.findUniqueOrThrow({ where: { phone } });
  const count = (phone: string) => h.repliesTo(phone).length;
  /** Runs every due job, pass after pass as the real worker does (a pass takes at most its batch of 10). */
  const runAllDue = async () => {
    for (let pass = 0; pass < 20 && (await h.reserva.worker.runDue()) > 0; pass++);
    await h.reserva.engine.idle();
  };
  const bookingOf = async (phone: string, day: string) =>
    (await prisma().booking.findMany({ where: { contact: { phone } }, orderBy: { start: 'asc' } })).find((b) =>
      b.start.toISOString().startsWith(day),
    )!;

  it('the set-up is what the test says', async () => {
    expect((await contact(OUT)).optedOutAt).toBeTruthy();
    expect(await contact(NOC)).toMatchObject({ optedOutAt: null, marketingConsent: false });
    expect(await contact(CON)).toMatchObject({ optedOutAt: null, marketingConsent: true });
  });

  it('reply: the answer to the person’s own message always goes, even after STOP', async () => {
    const before = count(OUT);
    const [answer] = await h.say(OUT, '¿qué citas tengo?');
    expect(answer!.text).toMatch(/citas/);
    expect(count(OUT)).toBe(before + 1);
  });

  it('staff: a staff message reaches a person who said STOP (they can still be answered)', async () => {
    const before = count(OUT);
    const out = await contact(OUT);
    const res = await admin('POST', `/admin/contacts/${out.id}/messages`, { text: 'Hola, soy Marta del equipo.' });
    expect(res.status).toBe(202);
    await h.reserva.engine.idle();
    expect(
      h
        .repliesTo(OUT)
        .slice(before)
        .map((m) => m.text),
    ).toContain('Hola, soy Marta del equipo.');
    expect((await admin('DELETE', `/admin/contacts/${out.id}/handoff`)).status).toBe(200);
    await h.reserva.engine.idle();
  });

  it('change: a cancellation by the business is told to NOC, withheld from OUT', async () => {
    const before = { out: count(OUT), noc: count(NOC) };
    for (const phone of [OUT, NOC]) {
      const b = await bookingOf(phone, '2026-11-27');
      expect((await postCal(h, calEvent('BOOKING_CANCELLED', { uid: b.uid, cancellationReason: 'x' }))).status).toBe(
        200,
      );
    }
    await h.reserva.engine.idle();
    expect(count(NOC)).toBe(before.noc + 1);
    expect(h.repliesTo(NOC).at(-1)!.text).toMatch(/cancelada por el negocio/);
    expect(count(OUT)).toBe(before.out);
  });

  it('reminder: sent to NOC, withheld from OUT (the job still ran)', async () => {
    const before = { out: count(OUT), noc: count(NOC) };
    h.clock.set('2026-11-25T15:45:00Z'); // both 24-hour reminders are due
    await runAllDue();
    expect(count(NOC)).toBe(before.noc + 1);
    expect(h.repliesTo(NOC).at(-1)!.text).toMatch(/Recordatorio/);
    expect(count(OUT)).toBe(before.out);
    const uid = (await bookingOf(OUT, '2026-11-26')).uid;
    const jobs = await prisma().job.findMany({ where: { key: { startsWith: `reminder:${uid}:` }, status: 'done' } });
    expect(jobs.length).toBeGreaterThan(0);
  });

  it('feedback: the rating question goes to NOC, not to OUT', async () => {
    const before = { out: count(OUT), noc: count(NOC) };
    h.clock.set('2026-11-26T18:30:00Z'); // after both appointments and the feedback delay
    await runAllDue();
    // Outside the 24-hour window: the feedback template goes to NOC; nothing at all to OUT.
    expect(count(NOC)).toBe(before.noc + 1);
    expect(count(OUT)).toBe(before.out);
    const out = await contact(OUT);
    const uid = (await bookingOf(OUT, '2026-11-26')).uid;
    expect(await prisma().job.findFirst({ where: { key: `sent:feedback:${uid}` } })).toBeTruthy(); // asked…
    const withheld = await prisma().outboxEffect.findMany({ where: { contactId: out.id, kind: 'reply' } });
    expect(withheld.every((e) => e.status === 'done')).toBe(true); // closed, not left to retry
  });

  const EXPECTED: Record<string, Partial<Record<MessageKind, 'sent' | 'withheld'>>> = {
    [OUT]: { confirmation: 'withheld', upsell: 'withheld', winback: 'withheld' },
    [NOC]: { confirmation: 'sent', upsell: 'withheld', winback: 'withheld' },
    [CON]: { confirmation: 'sent', upsell: 'sent', winback: 'sent' },
  };
  for (const [phone, kinds] of Object.entries(EXPECTED)) {
    for (const [kind, expected] of Object.entries(kinds)) {
      it(`${kind} to ${phone === OUT ? 'OUT' : phone === NOC ? 'NOC' : 'CON'}: ${expected}`, async () => {
        const before = count(phone);
        const row = await contact(phone);
        const out = await h.reserva.outbound.send(
          row,
          { type: 'text', body: `A ${kind} message` },
          { key: `gate-test:${kind}:${phone}`, kind: kind as MessageKind },
        );
        expect(out.status).toBe(expected);
        expect(count(phone)).toBe(before + (expected === 'sent' ? 1 : 0));
        const stored = await prisma().outboundMessage.count({
          where: { idempotencyKey: `gate-test:${kind}:${phone}` },
        });
        expect(stored).toBe(expected === 'sent' ? 1 : 0); // no intent row for a withheld message
      });
    }
  }

  it('an unknown kind is refused: a new feature must declare its kind at the gate first', async () => {
    const out = await h.reserva.outbound.send(
      await contact(CON),
      { type: 'text', body: 'x' },
      { key: 'gate-test:unknown', kind: 'newsletter' as MessageKind },
    );
    expect(out).toEqual({ status: 'withheld', reason: 'unknown-kind' });
  });
});
