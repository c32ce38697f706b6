/**
 * A booking for someone else (session 5 new-user run): "sí, a nombre de Pilar Gómez" while a slot
 * is proposed, from a person whose name is known and is another, books under that name and keeps
 * the person's own — it had renamed Lucía to Pilar, and every booking of hers with it. The clock is
 * Wednesday 25 November 2026, 09:00 in Madrid.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';

const LUCIA = '34600222333';
const JANE = '447911123458';

describe('a booking for someone else', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ provider: 'calcom' });
  });
  afterEach(async () => {
    await h.close();
  });
  const contact = (phone: string) => h.reserva.db.prisma.contact.findUniqueOrThrow({ where: { phone } });
  const attendees = () =>
    [...h.cal!.bookings.values()].filter((b) => b.status === 'accepted').map((b) => b.attendees[0]?.name);

  it('"sí, a nombre de Pilar Gómez": booked under Pilar, Lucía stays Lucía', async () => {
    const who = { name: 'Lucía Fernández' };
    const [proposal] = await h.say(LUCIA, 'quiero una cita para mi madre el viernes a las 10', who);
    expect(proposal!.text).toMatch(/viernes 27 de noviembre a las 10:00/);
    const [booked] = await h.say(LUCIA, 'sí, a nombre de Pilar Gómez', who);
    expect(booked!.text).toMatch(/✅/);
    expect(booked!.text).not.toMatch(/guardo tu nombre/);
    expect(attendees()).toEqual(['Pilar Gómez']);
    expect((await contact(LUCIA)).name).toBe('Lucía Fernández');
    // The next booking is hers again.
    await h.say(LUCIA, 'y otra para mí el lunes a las 12', who);
    const [mine] = await h.say(LUCIA, 'sí', who);
    expect(mine!.text).toMatch(/✅/);
    expect(attendees().sort()).toEqual(['Lucía Fernández', 'Pilar Gómez']);
  });

  it('in English, and "me llamo" still renames the person', async () => {
    const who = { name: 'Jane Smith' };
    await h.say(JANE, 'can I book friday at 11?', who);
    const [booked] = await h.say(JANE, 'yes please, under the name Tom Smith', who);
    expect(booked!.text).toMatch(/✅/);
    expect(attendees()).toEqual(['Tom Smith']);
    expect((await contact(JANE)).name).toBe('Jane Smith');
    const [renamed] = await h.say(JANE, 'my name is Janet Smith actually');
    expect(renamed!.text).toMatch(/Janet Smith/);
    expect((await contact(JANE)).name).toBe('Janet Smith');
  });
});
