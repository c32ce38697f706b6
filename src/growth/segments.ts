/**
 * Segments by configurable rules (business.yaml growth.segments): pure. A contact may match several;
 * the first in this order is its segment: prone to no-show, VIP, at risk, regular, new.
 */
import type { GrowthSettings } from './config.js';
import type { ContactFacts } from './facts.js';

export const SEGMENTS = ['prone_to_no_show', 'vip', 'at_risk', 'regular', 'new'] as const;
export type Segment = (typeof SEGMENTS)[number];

export function isSegment(x: string): x is Segment {
  return (SEGMENTS as readonly string[]).includes(x);
}

export function segmentsOf(f: ContactFacts, score: number, rules: GrowthSettings['segments']): Segment[] {
  const out: Segment[] = [];
  const pastBookings = f.kept + f.noShows;
  const noShowRate = pastBookings ? f.noShows / pastBookings : 0;
  if (f.noShows >= rules.proneToNoShow.minNoShows || (f.noShows > 0 && noShowRate >= rules.proneToNoShow.minNoShowRate))
    out.push('prone_to_no_show');
  if (score >= rules.vip.minScore && f.kept >= rules.vip.minKept) out.push('vip');
  if (
    f.kept >= rules.atRisk.minKept &&
    f.upcoming === 0 &&
    f.daysSinceLastVisit !== null &&
    f.daysSinceLastVisit >= rules.atRisk.daysSinceLastVisit
  )
    out.push('at_risk');
  if (f.kept >= rules.regular.minKept) out.push('regular');
  if (!out.length) out.push('new');
  return out;
}
