/**
 * What can go wrong between turns: the slot is taken after we offered it, the calendar is down,
 * the conversation sat idle for a day, the stored snapshot is from an older machine version.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';

const ANA = '34600111222';
const THU = (hhmm: string) => new Date(`2026-11-26T${hhmm}:00+01:00`).toISOString();
let h: Harness;
afterEach(async () => {
  await h?.close();
});

describe('conversation resilience', () => {
  it('a slot taken between the offer and the booking: alternatives, never a double booking', async () => {
    h = await startHarness({ provider: 'calcom' });
    await h.say(ANA, 'Quiero una cita mañana a las 17:00');
    // Someone else books 17:00 through the Cal.com page before Ana confirms.
    h.cal!.takeSlot(THU('17:00'));
    const [taken] = await h.say(ANA, 'sí');
    expect(taken!.text).toMatch(/se acaba de ocupar/);
    expect(taken!.options.length).toBeGreaterThan(0);
    const at17 = [...h.cal!.bookings.values()].filter((b) => b.start === THU('17:00') && b.status === 'accepted');
    expect(at17).toHaveLength(1);
    const pick = taken!.options[0]!;
    await h.say(ANA, taken!.type === 'list' ? { row: pick.id } : { button: pick.id });
    const [done] = await h.say(ANA, 'confirmo');
    expect(done!.text).toContain('✅');
  });

  it('the calendar is down: one apology, no stack trace, and the search is retried later', async () => {
    h = await startHarness({ provider: 'calcom' });
    h.cal!.failNext(503, 3, { path: /^\/v2\/slots$/ }); // every attempt of one lookup
    const [sorry] = await h.say(ANA, 'Quiero una cita mañana a las 17:00');
    expect(sorry!.text).toMatch(/no puedo consultar la agenda ahora mismo; te escribo en cuanto vuelva/i);
    expect(sorry!.text).not.toMatch(/503|error|Error/);
    const retry = await h.reserva.db.prisma.job.findFirst({ where: { kind: 'conversation.event' } });
    expect(retry).toBeTruthy();
    expect(retry!.dueAt.getTime()).toBeGreaterThan(h.clock.now.getTime());
    // The calendar is back when the retry job runs: the bot writes first, as it promised.
    h.cal!.requests.length = 0;
    h.clock.advance(3 * 60_000);
    await h.reserva.worker.runDue();
    await h.reserva.engine.idle();
    const after = h.repliesTo(ANA).at(-1)!;
    expect(after.options.map((o) => o.title)).toContain('Confirmar');
    expect(after.text).toContain('17:00');
  });

  it('a conversation idle longer than SESSION_TIMEOUT restarts at the greeting', async () => {
    h = await startHarness({ provider: 'demo' });
    await h.say(ANA, 'quiero reservar');
    expect((await h.reserva.engine.inspect(ANA))!.state).toEqual({ booking: 'choosing' });
    h.clock.advance(25 * 3_600_000);
    const [hello] = await h.say(ANA, 'hola');
    expect(hello!.text).toMatch(/^Hola Ana/);
    expect((await h.reserva.engine.inspect(ANA))!.state).toBe('idle');
  });

  it('a snapshot from another machine version restarts politely instead of crashing', async () => {
    h = await startHarness({ provider: 'demo' });
    await h.say(ANA, 'quiero reservar');
    await h.reserva.db.prisma.conversation.updateMany({
      data: { machineVersion: 0, snapshot: '{"value":{"oldFlow":"gone"},"context":{}}' },
    });
    const [reply] = await h.say(ANA, 'hola');
    expect(reply!.text).toMatch(/^Hola Ana/);
    const conv = await h.reserva.db.prisma.conversation.findFirstOrThrow();
    expect(conv.machineVersion).toBeGreaterThan(0);
  });

  it('keeps the person’s language through the conversation and answers voseo in voseo', async () => {
    h = await startHarness({ provider: 'demo' });
    const [r] = await h.say('5491155550002', '¿Tenés turno mañana a la tarde?', { name: 'Martín' });
    expect(r!.text).toMatch(/podés|querés|[Ee]scribime|Tocá|elegí/);
  });
});
