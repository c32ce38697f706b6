/**
 * A time picked from a list is what is on the table (session 5 new-user run): a later bare time
 * ("9:30 instead") is on the picked slot's day, not the day first asked for (a closed Saturday).
 * The clock is Wednesday 25 November 2026, 09:00 in Madrid.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';

const MIKE = '447911123457';
const madrid = (local: string) => new Date(`${local}:00+01:00`).toISOString();

describe('a picked slot is the day on the table', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ provider: 'calcom' });
  });
  afterEach(async () => {
    await h.close();
  });

  it('Saturday (closed), Monday 9:00 picked, then "9:30 instead" while asked the name: Monday 9:30', async () => {
    const who = { name: 'mike_87' };
    const [closed] = await h.say(MIKE, 'can I book saturday at 11?', who);
    expect(closed!.text).toMatch(/closed on Saturdays/);
    const monday = closed!.options.find((o) => o.id.includes('2026-11-30T08:00'));
    expect(monday, JSON.stringify(closed!.options)).toBeTruthy();
    const [proposal] = await h.say(MIKE, { row: monday!.id, title: monday!.title }, who);
    expect(proposal!.text).toMatch(/Monday, November 30 at 9:00 AM/);
    const [askName] = await h.say(MIKE, 'yes', who);
    expect(askName!.text).toMatch(/Who should I put the booking under/);
    const [moved] = await h.say(MIKE, 'actually can we make it 9:30 instead', who);
    expect(moved!.text).toMatch(/Monday, November 30 at 9:30 AM/);
    expect(moved!.text).not.toMatch(/Saturday/);
    await h.say(MIKE, 'yes', who);
    const [booked] = await h.say(MIKE, 'Mike Brown', who);
    expect(booked!.text).toMatch(/✅/);
    const starts = [...h.cal!.bookings.values()].filter((b) => b.status === 'accepted').map((b) => b.start);
    expect(starts).toEqual([madrid('2026-11-30T09:30')]);
  });

  it('the name and a new time in one message: both kept, then booked under that name', async () => {
    const who = { name: 'mike_87' };
    await h.say(MIKE, 'monday at 9am please', who);
    const [askName] = await h.say(MIKE, 'yes', who);
    expect(askName!.text).toMatch(/Who should I put the booking under/);
    const [moved] = await h.say(MIKE, 'Mike Brown. actually can we make it 9:30 instead', who);
    expect(moved!.text).toMatch(/Monday, November 30 at 9:30 AM/);
    const [booked] = await h.say(MIKE, 'yes', who);
    expect(booked!.text).toMatch(/✅/);
    expect(booked!.text).toMatch(/Mike/);
    expect((await h.reserva.db.prisma.contact.findUniqueOrThrow({ where: { phone: MIKE } })).name).toBe('Mike Brown');
  });

  it('"another day - friday?" after asking for 3 PM: Friday at 3 PM (the time asked is kept)', async () => {
    const who = { name: 'James Carter' };
    const [proposal] = await h.say(MIKE, 'can I book tuesday at 3pm?', who);
    expect(proposal!.text).toMatch(/Tuesday, December 1 at 3:00 PM/);
    const [friday] = await h.say(MIKE, 'actually, another day - friday?', who);
    expect(friday!.text).toMatch(/Friday, November 27 at 3:00 PM/);
    const [spanish] = await h.say('34600333444', 'el jueves a las 10', { name: 'Ana' });
    expect(spanish!.text).toMatch(/jueves 26 de noviembre a las 10:00/);
    const [monday] = await h.say('34600333444', '¿y el lunes?', { name: 'Ana' });
    expect(monday!.text).toMatch(/lunes 30 de noviembre a las 10:00/);
  });
});
