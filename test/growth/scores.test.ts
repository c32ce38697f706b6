/**
 * Issue 16, lead scores and segments: each factor's points with its reason (pure), the segments by
 * the configured rules, recomputed on each booking event, and the admin API: contacts by segment
 * and minimum score, segment counts, the CSV export, and their OpenAPI schemas.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { defaultGrowth, growthSchema } from '../../src/growth/config.js';
import type { ContactFacts } from '../../src/growth/facts.js';
import { computeScore } from '../../src/growth/score.js';
import { segmentsOf } from '../../src/growth/segments.js';
import type { Harness } from '../support/harness.js';
import { buttonReply, statusUpdate, wrapWebhook } from '../support/whatsapp-payloads.js';

const ANA = '34600111222';
import { token } from '../support/admin.js';
import { runAt, startGrowthHarnessOn } from '../support/growth.js';
import { pgOrSkipMessage } from '../support/postgres.js';

const pgOk = await pgOrSkipMessage('growth: scores');

const base: ContactFacts = {
  kept: 0,
  keptLastYear: 0,
  noShows: 0,
  cancellations: 0,
  upcoming: 0,
  daysSinceLastVisit: null,
  averageRating: null,
  ratings: 0,
  medianReadMinutes: null,
  medianTapMinutes: null,
};
const s = defaultGrowth();

describe('lead score (pure)', () => {
  it('is 0 for a stranger, with a reason per factor', () => {
    const { score, reasons } = computeScore(base, s.score);
    expect(score).toBe(0);
    expect(reasons.map((r) => [r.factor, r.points, r.detail])).toEqual([
      ['recency', 0, 'no visit yet'],
      ['frequency', 0, '0 visits in the last year (full points at 6)'],
      ['engagement', 0, 'reads our messages in unknown, taps in unknown (median)'],
      ['kept', 0, '0 appointments kept (full points at 3)'],
      ['feedback', 0, 'no rating yet'],
      ['noShows', 0, '0 no-shows (full penalty at 2)'],
      ['cancellations', 0, '0 cancellations (full penalty at 3)'],
    ]);
  });

  it('is 100 for the best customer: recent, frequent, fast, loyal, happy', () => {
    const best = {
      ...base,
      kept: 8,
      keptLastYear: 8,
      daysSinceLastVisit: 0,
      averageRating: 5,
      ratings: 4,
      medianReadMinutes: 2,
      medianTapMinutes: 3,
    };
    const { score, reasons } = computeScore(best, s.score);
    expect(score).toBe(100);
    expect(reasons.find((r) => r.factor === 'engagement')!.detail).toBe(
      'reads our messages in 2 min, taps in 3 min (median)',
    );
  });

  it('loses points for no-shows and cancellations, and weights come from the configuration', () => {
    const f = { ...base, kept: 3, keptLastYear: 3, daysSinceLastVisit: 30, noShows: 1, cancellations: 3 };
    const a = computeScore(f, s.score);
    const noShow = a.reasons.find((r) => r.factor === 'noShows')!;
    expect(noShow.points).toBe(-15); // one of two: half the weight of 30, on the 100 scale (positives sum to 100)
    expect(a.reasons.find((r) => r.factor === 'cancellations')!.points).toBe(-15);
    const lenient = growthSchema.parse({ score: { weights: { noShows: 0, cancellations: 0 } } });
    const b = computeScore(f, lenient.score);
    expect(b.score).toBeGreaterThan(a.score);
    expect(b.reasons.find((r) => r.factor === 'noShows')!.points).toBe(0);
  });

  it('reads slow readers as less engaged (a day or more: nothing)', () => {
    const fast = computeScore({ ...base, medianReadMinutes: 5 }, s.score).reasons.find(
      (r) => r.factor === 'engagement',
    );
    const slow = computeScore({ ...base, medianReadMinutes: 600 }, s.score).reasons.find(
      (r) => r.factor === 'engagement',
    );
    const never = computeScore({ ...base, medianReadMinutes: 3000 }, s.score).reasons.find(
      (r) => r.factor === 'engagement',
    );
    expect(fast!.points).toBe(15);
    expect(slow!.points).toBeGreaterThan(0);
    expect(slow!.points).toBeLessThan(15);
    expect(never!.points).toBe(0);
  });
});

describe('segments (pure, by the configured rules)', () => {
  it('new, regular, at risk, prone to no-show, VIP', () => {
    expect(segmentsOf(base, 0, s.segments)).toEqual(['new']);
    expect(segmentsOf({ ...base, kept: 2, daysSinceLastVisit: 10 }, 50, s.segments)).toEqual(['regular']);
    expect(segmentsOf({ ...base, kept: 2, daysSinceLastVisit: 90 }, 30, s.segments)).toEqual(['at_risk', 'regular']);
    // An appointment ahead: not at risk.
    expect(segmentsOf({ ...base, kept: 2, daysSinceLastVisit: 90, upcoming: 1 }, 30, s.segments)).toEqual(['regular']);
    expect(segmentsOf({ ...base, kept: 1, noShows: 1 }, 10, s.segments)).toEqual(['prone_to_no_show']);
    expect(segmentsOf({ ...base, kept: 6, daysSinceLastVisit: 5 }, 90, s.segments)).toEqual(['vip', 'regular']);
    const strict = growthSchema.parse({ segments: { vip: { minScore: 95 } } }).segments;
    expect(segmentsOf({ ...base, kept: 6, daysSinceLastVisit: 5 }, 90, strict)).toEqual(['regular']);
  });
});

for (const provider of ['sqlite', 'postgres'] as const)
  describe.skipIf(provider === 'postgres' && !pgOk)(`scores on booking events, and the admin API (${provider})`, () => {
    let h: Harness;
    afterEach(async () => {
      await h.close();
    });

    it('reads engagement from read receipts and taps in the periodic pass', async () => {
      h = await startGrowthHarnessOn(provider);
      const [offer] = (await h.say(ANA, 'Hola, quiero una cita el viernes a las 10')).slice(-1);
      expect(offer!.options.map((o) => o.id)).toContain('v1:confirm');
      const sent = h.graph.sent.filter((m) => m.to === ANA).at(-1)!;
      h.clock.advance(2 * 60_000);
      const read = statusUpdate({ messageId: sent.id, recipient: ANA, status: 'read', timestamp: h.clock.now });
      expect((await h.post(wrapWebhook(read))).status).toBe(200);
      h.clock.advance(60_000);
      const tap = buttonReply({
        from: ANA,
        name: 'Ana García',
        buttonId: 'v1:confirm',
        title: 'Confirmar',
        contextId: sent.id,
        timestamp: h.clock.now,
      });
      expect((await h.post(wrapWebhook(tap))).status).toBe(200);
      await h.reserva.engine.idle();
      await runAt(h, '2026-11-26T00:00:00Z'); // the periodic pass (after the insights refresh records the tap)
      const ana = await h.reserva.db.prisma.contact.findUniqueOrThrow({ where: { phone: ANA } });
      const row = await h.reserva.db.prisma.contactScore.findUniqueOrThrow({ where: { contactId: ana.id } });
      const engagement = (JSON.parse(row.reasons) as Array<{ factor: string; points: number; detail: string }>).find(
        (r) => r.factor === 'engagement',
      )!;
      expect(engagement.detail).toBe('reads our messages in 2 min, taps in 3 min (median)');
      expect(engagement.points).toBe(15);
    });

    it('recomputes on each booking event; filters, counts and exports by segment and score', async () => {
      h = await startGrowthHarnessOn(provider);
      const prisma = h.reserva.db.prisma;
      await h.say('34600111222', 'Hola, quiero una cita el viernes a las 10');
      await h.say('34600111222', 'sí');
      const ana = await prisma.contact.findUniqueOrThrow({ where: { phone: '34600111222' } });
      const first = await prisma.contactScore.findUniqueOrThrow({ where: { contactId: ana.id } });
      expect(first.segment).toBe('new');
      // The appointment passes and Ana did not come: a no-show, recorded by the business.
      const booking = await prisma.booking.findFirstOrThrow({ where: { contactId: ana.id } });
      h.clock.set('2026-11-27T10:00:00Z');
      await h.reserva.lifecycle.recordNoShow(booking.uid);
      const after = await prisma.contactScore.findUniqueOrThrow({ where: { contactId: ana.id } });
      expect(after.segment).toBe('prone_to_no_show');
      expect(JSON.parse(after.reasons)).toContainEqual({
        factor: 'noShows',
        points: -15,
        detail: '1 no-shows (full penalty at 2)',
      });

      // Luis: nothing booked, just said hello.
      await h.say('34600333444', 'Hola', { name: 'Luis' });
      await runAt(h, '2026-11-28T00:00:00Z'); // the periodic job scores everyone
      const luis = await prisma.contact.findUniqueOrThrow({ where: { phone: '34600333444' } });
      expect(await prisma.contactScore.findUnique({ where: { contactId: luis.id } })).toMatchObject({ segment: 'new' });

      const auth = { authorization: `Bearer ${token('viewer')}` };
      const list = await fetch(`${h.url}/admin/contacts?segment=prone_to_no_show`, { headers: auth });
      expect(list.status).toBe(200);
      const body = (await list.json()) as { items: Array<{ phone: string; segment: string; score: number }> };
      expect(body.items.map((c) => [c.phone, c.segment])).toEqual([['34600111222', 'prone_to_no_show']]);
      const none = (await (await fetch(`${h.url}/admin/contacts?minScore=90`, { headers: auth })).json()) as {
        items: unknown[];
      };
      expect(none.items).toEqual([]);
      const bad = await fetch(`${h.url}/admin/contacts?segment=whales`, { headers: auth });
      expect(bad.status).toBe(400);

      const detail = (await (await fetch(`${h.url}/admin/contacts/${ana.id}`, { headers: auth })).json()) as {
        contact: { segment: string; scoreReasons: Array<{ factor: string }> };
      };
      expect(detail.contact.segment).toBe('prone_to_no_show');
      expect(detail.contact.scoreReasons.map((r) => r.factor)).toContain('noShows');

      const seg = (await (await fetch(`${h.url}/admin/segments`, { headers: auth })).json()) as {
        primary: Record<string, number>;
        scored: number;
      };
      expect(seg.primary).toMatchObject({ prone_to_no_show: 1, new: 1, vip: 0 });
      expect(seg.scored).toBe(2);

      const csv = await fetch(`${h.url}/admin/contacts.csv?segment=new`, { headers: auth });
      expect(csv.headers.get('content-type')).toContain('text/csv');
      const lines = (await csv.text()).trim().split('\r\n');
      expect(lines[0]).toBe('id,phone,name,language,score,segment,segments,marketing_consent,opted_out,reasons');
      expect(lines).toHaveLength(2);
      expect(lines[1]).toContain('34600333444,Luis');

      expect((await fetch(`${h.url}/admin/segments`)).status).toBe(401);
      const openapi = (await (await fetch(`${h.url}/openapi.json`)).json()) as { paths: Record<string, unknown> };
      expect(Object.keys(openapi.paths)).toEqual(
        expect.arrayContaining(['/admin/segments', '/admin/contacts.csv', '/admin/contacts']),
      );
      expect(JSON.stringify(openapi.paths['/admin/contacts'])).toContain('minScore');
    });
  });
