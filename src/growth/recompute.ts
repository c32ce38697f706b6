/**
 * Keeps ContactScore current: one contact at a time on each booking event (inside the booking's
 * transaction), and everyone by a durable job every `score.everyHours` (`growth.scores`).
 */
import type { Db } from '../db/client.js';
import { scheduleJob, type JobHandler } from '../scheduler/index.js';
import type { GrowthSettings } from './config.js';
import { readFacts } from './facts.js';
import { computeScore } from './score.js';
import { segmentsOf } from './segments.js';

export async function recomputeContact(
  prisma: Db,
  contact: { id: string; phone: string },
  settings: GrowthSettings,
  now: Date,
): Promise<{ score: number; segment: string }> {
  const facts = await readFacts(prisma, contact, now);
  const { score, reasons } = computeScore(facts, settings.score);
  const segments = segmentsOf(facts, score, settings.segments);
  const data = {
    score,
    segment: segments[0]!,
    segments: JSON.stringify(segments),
    reasons: JSON.stringify(reasons),
    computedAt: now,
  };
  await prisma.contactScore.upsert({
    where: { contactId: contact.id },
    create: { contactId: contact.id, ...data },
    update: data,
  });
  return { score, segment: data.segment };
}

/** The key of the recompute-everyone job of the period that contains `at`: once per period. */
export function scoresJobKey(at: Date, everyHours: number): string {
  const period = everyHours * 3_600_000;
  return `growth.scores@${new Date(Math.floor(at.getTime() / period) * period).toISOString()}`;
}

export async function scheduleScores(
  prisma: Db,
  settings: GrowthSettings,
  now: () => Date,
  after = false,
): Promise<void> {
  const period = settings.score.everyHours * 3_600_000;
  const at = after ? new Date(now().getTime() + period) : now();
  const due = new Date(Math.floor(at.getTime() / period) * period);
  await scheduleJob(
    prisma,
    { kind: 'growth.scores', key: scoresJobKey(at, settings.score.everyHours), dueAt: due, payload: {} },
    { now },
  );
}

/** Every contact, 200 at a time; then the next period's job. Idempotent (an upsert per contact). */
export function scoresJob(
  prisma: Db,
  settings: () => GrowthSettings,
  now: () => Date,
  before?: () => Promise<void>,
): JobHandler {
  return async () => {
    await before?.();
    const s = settings();
    let cursor: string | undefined;
    for (;;) {
      const page = await prisma.contact.findMany({
        orderBy: { id: 'asc' },
        take: 200,
        select: { id: true, phone: true },
        ...(cursor ? { cursor: { id: cursor }, skip: 1 } : {}),
      });
      for (const c of page) await recomputeContact(prisma, c, s, now());
      if (page.length < 200) break;
      cursor = page[page.length - 1]!.id;
    }
    await scheduleScores(prisma, s, now, true);
  };
}
