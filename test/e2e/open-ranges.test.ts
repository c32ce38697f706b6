/**
 * "Before / after a time" (session 5 new-user run): "antes de las 11:30" is a stretch of the day
 * that ends at 11:30, not a point at its midnight start — it is never "closed at 00:00"; it offers
 * that day's free times before 11:30. A stretch wholly outside the opening hours says which side
 * of them it is. The clock is Wednesday 25 November 2026, 09:00 in Madrid; the fake Cal.com is
 * open Monday to Friday, 09:00–18:00.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';

const ANA = '34600111222';
const JOHN = '447911123456';

describe('before and after a time', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness({ provider: 'calcom' });
  });
  afterEach(async () => {
    await h.close();
  });
  const starts = (m: { options: Array<{ id: string }> }) => m.options.map((o) => o.id.replace('v1:slot:', ''));
  const madridHour = (iso: string) =>
    new Date(iso).toLocaleTimeString('es-ES', { timeZone: 'Europe/Madrid', hour: '2-digit', minute: '2-digit' });

  it('"el lunes, antes de las 11:30": Monday before 11:30, never "closed at 00:00"', async () => {
    const [offer] = await h.say(ANA, 'quiero cita el lunes 30, un poco antes de las 11:30');
    expect(offer!.text).not.toMatch(/00:00|cerrad|cerramos/);
    const offered = starts(offer!);
    expect(offered.length).toBeGreaterThan(0);
    expect(offered.every((s) => s.startsWith('2026-11-30') && madridHour(s) < '11:30')).toBe(true);
    // The nearest before 16:30 are in the list, not cut by its ten rows (session 5's second run).
    const [late] = await h.say(ANA, 'mejor el martes un poco antes de las 16:30');
    const times = starts(late!).map(madridHour);
    expect(times).toContain('16:00');
    expect(times.every((t) => t < '16:30')).toBe(true);
  });

  it('"before 12" in English, and "antes de las 9" (nothing open before): the hours, then the nearest', async () => {
    const [offer] = await h.say(JOHN, 'can I come on Friday before 12?');
    expect(offer!.text).not.toMatch(/closed/i);
    expect(starts(offer!).every((s) => madridHour(s) < '12:00')).toBe(true);
    const [early] = await h.say(ANA, 'el viernes antes de las 9');
    expect(early!.text).toMatch(/^Antes de las 0?9:00 no abrimos\. Abrimos de lunes a viernes/);
    expect(early!.text).not.toMatch(/viernes 27 de noviembre cerramos|00:00/);
    const [late] = await h.say(ANA, 'y el jueves después de las 7 de la tarde?');
    expect(late!.text).toMatch(/^Después de las 19:00 ya hemos cerrado\./);
  });
});
