/** The admin contact list's growth filters (?segment=…&minScore=…) and each contact's score. */
import type { Db } from '../db/client.js';

/** The contact ids matching the filters, or null when no filter was given. */
export async function contactIdsFor(prisma: Db, q: { segment?: string; minScore?: number }): Promise<string[] | null> {
  if (q.segment === undefined && q.minScore === undefined) return null;
  const rows = await prisma.contactScore.findMany({
    where: {
      ...(q.minScore !== undefined ? { score: { gte: q.minScore } } : {}),
      // A contact is in every segment it matches; `segment` is only the first of them.
      ...(q.segment !== undefined ? { segments: { contains: `"${q.segment}"` } } : {}),
    },
    select: { contactId: true },
  });
  return rows.map((r) => r.contactId);
}

export interface ScoreView {
  score: number;
  segment: string;
  segments: string[];
  reasons: Array<{ factor: string; points: number; detail: string }>;
  computedAt: string;
}

export async function scoresOf(prisma: Db, ids: string[]): Promise<Map<string, ScoreView>> {
  const rows = ids.length ? await prisma.contactScore.findMany({ where: { contactId: { in: ids } } }) : [];
  return new Map(
    rows.map((r) => [
      r.contactId,
      {
        score: r.score,
        segment: r.segment,
        segments: JSON.parse(r.segments) as string[],
        reasons: JSON.parse(r.reasons) as ScoreView['reasons'],
        computedAt: r.computedAt.toISOString(),
      },
    ]),
  );
}
