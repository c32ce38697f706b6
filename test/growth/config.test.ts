/**
 * Issue 16: the `growth:` section of business.yaml (defaults, mistakes named with their fix), the
 * offer buttons (one tap books a slot of an event type), A/B variants, quiet hours and prices.
 */
import { describe, expect, it } from 'vitest';
import { parseButtonId, BUTTON } from '../../src/conversation/buttons.js';
import { parseKnowledge } from '../../src/knowledge/load.js';
import { defaultGrowth } from '../../src/growth/config.js';
import { priceValue } from '../../src/growth/figures.js';
import { fill } from '../../src/growth/messages.js';
import { quietUntil } from '../../src/growth/quiet.js';
import { pickVariant } from '../../src/growth/variants.js';
import { GROWTH_YAML } from '../support/growth.js';

describe('growth configuration', () => {
  it('has defaults for everything, and nothing promotional until configured', () => {
    const g = defaultGrowth();
    expect(g.score.weights).toEqual({
      recency: 25,
      frequency: 20,
      engagement: 15,
      kept: 25,
      feedback: 15,
      noShows: 30,
      cancellations: 15,
    });
    expect(g.upsell.offers).toEqual([]);
    expect(g.winback.variants).toEqual([]);
    expect(g.quietHours).toEqual({ from: '21:00', to: '09:00' });
    expect(parseKnowledge('name: X').growth).toBeUndefined();
  });

  it('reads the section of business.yaml', () => {
    const k = parseKnowledge(GROWTH_YAML);
    expect(k.growth!.upsell.offers).toEqual([{ after: 'consulta', offer: 'peeling', position: 'after' }]);
    expect(k.growth!.winback.variants.map((v) => [v.id, v.weight, v.template])).toEqual([
      ['a', 1, 'winback_a'],
      ['b', 1, 'winback_b'],
    ]);
    expect(k.services[0]!.prepare).toEqual({
      es: 'Ven 10 minutos antes y trae tu informe.',
      en: 'Come 10 minutes early and bring your report.',
    });
  });

  it('names each mistake and what to write instead', () => {
    const bad = GROWTH_YAML.replace('offer: peeling', 'offer: masaje')
      .replace("from: '21:00'", "from: '9pm'")
      .replace('id: a,', 'id: A variant,')
      .replace('    calEventTypeId: 2\n', '');
    expect(() => parseKnowledge(bad)).toThrow(/growth\.quietHours\.from: must be a time "HH:mm"/);
    expect(() => parseKnowledge(bad)).toThrow(/growth\.winback\.variants\.0\.id: must be a short id/);
    const noAddOn = GROWTH_YAML.replace('offer: peeling', 'offer: masaje');
    expect(() => parseKnowledge(noAddOn)).toThrow(/growth\.upsell\.offers\.0\.offer: no service "masaje"/);
    const unbookable = GROWTH_YAML.replace('    calEventTypeId: 2\n', '');
    expect(() => parseKnowledge(unbookable)).toThrow(/the service "peeling" needs a calEventTypeId to be booked/);
    expect(() => parseKnowledge(GROWTH_YAML.replace('afterDays: 14', 'afterDayz: 14'))).toThrow(/growth\.winback/);
  });
});

describe('offer buttons', () => {
  it('v1:take carries the event type and the slot, and books directly', () => {
    const id = BUTTON.take('2026-11-27T09:30:00.000Z', 2);
    expect(id).toBe('v1:take:2:2026-11-27T09:30:00Z');
    expect(parseButtonId(id)).toEqual({
      kind: 'slot',
      start: '2026-11-27T09:30:00.000Z',
      eventTypeId: 2,
      direct: true,
    });
    expect(parseButtonId('v1:take:0:2026-11-27T09:30:00Z')).toEqual({ kind: 'unknown' });
    expect(parseButtonId('v1:take:2:tomorrow')).toEqual({ kind: 'unknown' });
    expect(parseButtonId(BUTTON.noThanks)).toEqual({ kind: 'intent', intent: 'thanks' });
  });
});

describe('variants, quiet hours, prices, texts', () => {
  it('gives a contact always the same variant, spread by weight', () => {
    const variants = [
      { id: 'a', weight: 3 },
      { id: 'b', weight: 1 },
    ];
    const ids = Array.from({ length: 2000 }, (_, i) => `contact-${i}`);
    const picks = ids.map((id) => pickVariant(id, variants)!.id);
    expect(ids.map((id) => pickVariant(id, variants)!.id)).toEqual(picks);
    const share = picks.filter((p) => p === 'a').length / picks.length;
    expect(share).toBeGreaterThan(0.7);
    expect(share).toBeLessThan(0.8);
    expect(pickVariant('x', [])).toBeNull();
  });

  it('waits until the quiet hours end, in the business zone', () => {
    const q = { from: '21:00', to: '09:00' };
    // 22:30 in Madrid (UTC+1) → 09:00 the next day.
    expect(quietUntil(new Date('2026-12-09T21:30:00Z'), q, 'Europe/Madrid')?.toISOString()).toBe(
      '2026-12-10T08:00:00.000Z',
    );
    // 07:00 in Madrid → 09:00 the same day.
    expect(quietUntil(new Date('2026-12-10T06:00:00Z'), q, 'Europe/Madrid')?.toISOString()).toBe(
      '2026-12-10T08:00:00.000Z',
    );
    expect(quietUntil(new Date('2026-12-10T08:00:00Z'), q, 'Europe/Madrid')).toBeNull();
    // The same instant is daytime in Mexico City: not quiet there.
    expect(quietUntil(new Date('2026-12-09T21:30:00Z'), q, 'America/Mexico_City')).toBeNull();
    // A daytime window (13:00–15:00).
    expect(quietUntil(new Date('2026-12-10T12:30:00Z'), { from: '13:00', to: '15:00' }, 'Europe/Madrid')).toEqual(
      new Date('2026-12-10T14:00:00Z'),
    );
  });

  it('reads prices and fills texts', () => {
    expect([priceValue('40 €'), priceValue('desde 30,50 €'), priceValue('gratis'), priceValue(undefined)]).toEqual([
      40,
      30.5,
      null,
      null,
    ]);
    expect(fill('¡Hola, {name}! {service} a las {time}', { name: 'Ana', service: 'Peeling', time: '10:30' })).toBe(
      '¡Hola, Ana! Peeling a las 10:30',
    );
    expect(fill('¡Hola, {name}! Te echamos de menos.', { name: '' })).toBe('¡Hola! Te echamos de menos.');
  });
});
