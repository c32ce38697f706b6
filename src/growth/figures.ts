/**
 * Growth figures for /admin/metrics (field `growth`): upsell and win-back offers and their
 * conversion per variant, and bookings, no-shows and revenue per Click-to-WhatsApp ad. Revenue is
 * the booked service's price in business.yaml ("40 €", "desde 30 €" → 40, 30) for kept appointments.
 */
import type { Db } from '../db/client.js';
import type { Knowledge } from '../knowledge/types.js';

export interface VariantFigures {
  sent: number;
  withheld: number;
  skipped: number;
  /** WhatsApp refused it (e.g. 131049, Meta's per-user marketing limit). */
  failed: number;
  converted: number;
  /** converted / sent, null with nothing sent. */
  conversionRate: number | null;
}

export interface AdFigures {
  headline: string | null;
  sourceType: string | null;
  sourceUrl: string | null;
  contacts: number;
  bookings: number;
  noShows: number;
  revenue: number;
}

export interface GrowthFigures {
  upsell: Record<string, VariantFigures>;
  winback: Record<string, VariantFigures>;
  byAd: Record<string, AdFigures>;
}

/** The first number of a price text: "40 €" → 40, "desde 30,50 €" → 30.5; null without one. */
export function priceValue(price: string | undefined): number | null {
  const m = price ? /(\d+(?:[.,]\d{1,2})?)/.exec(price) : null;
  return m ? Number(m[1]!.replace(',', '.')) : null;
}

const rate = (a: number, b: number) => (b ? Math.round((a / b) * 1000) / 1000 : null);

export async function growthFigures(
  prisma: Db,
  q: { from: Date; to: Date; now: Date },
  knowledge?: Knowledge,
): Promise<GrowthFigures> {
  const offers = await prisma.growthOffer.findMany({
    where: { sentAt: { gte: q.from, lt: q.to }, status: { not: 'pending' } },
    select: { kind: true, variant: true, status: true, convertedAt: true },
  });
  const out: GrowthFigures = { upsell: {}, winback: {}, byAd: {} };
  for (const o of offers) {
    const group = o.kind === 'upsell' ? out.upsell : out.winback;
    const f = (group[o.variant] ??= {
      sent: 0,
      withheld: 0,
      skipped: 0,
      failed: 0,
      converted: 0,
      conversionRate: null,
    });
    if (o.status === 'sent') f.sent++;
    else if (o.status === 'withheld') f.withheld++;
    else if (o.status === 'failed') f.failed++;
    else f.skipped++;
    if (o.status === 'sent' && o.convertedAt) f.converted++;
  }
  for (const group of [out.upsell, out.winback])
    for (const f of Object.values(group)) f.conversionRate = rate(f.converted, f.sent);

  const referrals = await prisma.contactReferral.findMany({ where: { sourceId: { not: null } } });
  if (!referrals.length) return out;
  const price = new Map(
    (knowledge?.services ?? [])
      .filter((s) => s.calEventTypeId)
      .map((s) => [s.calEventTypeId!, priceValue(s.price) ?? 0] as const),
  );
  const bookings = await prisma.booking.findMany({
    where: { contactId: { in: referrals.map((r) => r.contactId) }, start: { gte: q.from, lt: q.to } },
    select: { contactId: true, status: true, noShow: true, eventTypeId: true, end: true },
  });
  const adOf = new Map(referrals.map((r) => [r.contactId, r]));
  for (const r of referrals) {
    const ad = (out.byAd[r.sourceId!] ??= {
      headline: r.headline,
      sourceType: r.sourceType,
      sourceUrl: r.sourceUrl,
      contacts: 0,
      bookings: 0,
      noShows: 0,
      revenue: 0,
    });
    ad.contacts++;
  }
  for (const b of bookings) {
    const ad = out.byAd[adOf.get(b.contactId)!.sourceId!]!;
    if (b.status === 'rescheduled') continue;
    ad.bookings++;
    if (b.noShow) ad.noShows++;
    else if (b.status === 'accepted' && b.end.getTime() <= q.now.getTime()) ad.revenue += price.get(b.eventTypeId) ?? 0;
  }
  return out;
}
