/**
 * Retention: message bodies older than RETENTION_DAYS are purged by a durable job in the scheduler
 * (kind "privacy.retention", one per day, idempotent by key "privacy.retention:<YYYY-MM-DD>"; each
 * run schedules the next). Rows stay — ids, phones' message counts, statuses, times — only the
 * text is replaced by a marker; each run is recorded in RetentionRun with what it purged.
 *
 * Purged: inbound payloads (processed or failed), sent-message bodies, finished outbox effects'
 * parameters, Cal.com webhook copies. Feedback ratings are kept (scores, not messages); their
 * free-text comments are cleared with the rest.
 */
import type { Db } from '../db/client.js';
import { scheduleJob, type JobHandler } from '../scheduler/index.js';

export const RETENTION_JOB = 'privacy.retention';
/** What a purged body reads as (valid JSON: readers that parse payloads keep working). */
export const PURGED = '{"purged":true}';

const DAY_MS = 86_400_000;
const dayKey = (d: Date) => `${RETENTION_JOB}:${d.toISOString().slice(0, 10)}`;

export interface RetentionResult {
  cutoff: Date;
  inboxPurged: number;
  outboundPurged: number;
  outboxPurged: number;
  calEventsPurged: number;
  commentsCleared: number;
}

export async function purgeOldBodies(prisma: Db, retentionDays: number, now: Date): Promise<RetentionResult> {
  const cutoff = new Date(now.getTime() - retentionDays * DAY_MS);
  const inbox = await prisma.inboxMessage.updateMany({
    where: { receivedAt: { lt: cutoff }, status: { in: ['processed', 'failed'] }, payload: { not: PURGED } },
    data: { payload: PURGED },
  });
  const outbound = await prisma.outboundMessage.updateMany({
    where: { createdAt: { lt: cutoff }, body: { not: PURGED } },
    data: { body: PURGED },
  });
  const outbox = await prisma.outboxEffect.updateMany({
    where: { createdAt: { lt: cutoff }, status: { in: ['done', 'failed'] }, payload: { not: PURGED } },
    data: { payload: PURGED },
  });
  const cal = await prisma.calWebhookEvent.updateMany({
    where: { receivedAt: { lt: cutoff }, payload: { not: PURGED } },
    data: { payload: PURGED },
  });
  const comments = await prisma.feedback.updateMany({
    where: { createdAt: { lt: cutoff }, comment: { not: null } },
    data: { comment: null },
  });
  const result = {
    cutoff,
    inboxPurged: inbox.count,
    outboundPurged: outbound.count,
    outboxPurged: outbox.count,
    calEventsPurged: cal.count,
    commentsCleared: comments.count,
  };
  const { commentsCleared: _c, ...run } = result;
  await prisma.retentionRun.create({ data: { ...run, ranAt: now } });
  return result;
}

/** Schedules today's run (idempotent: every instance may call it at start). */
export async function scheduleRetention(prisma: Db, now: Date): Promise<void> {
  await scheduleJob(prisma, { kind: RETENTION_JOB, key: dayKey(now), dueAt: now, payload: {} }, { now: () => now });
}

export function retentionHandler(deps: {
  prisma: Db;
  retentionDays: number;
  now: () => Date;
  log: (obj: object, msg: string) => void;
}): JobHandler {
  return async () => {
    const now = deps.now();
    const result = await purgeOldBodies(deps.prisma, deps.retentionDays, now);
    deps.log(
      { ...result, cutoff: result.cutoff.toISOString() },
      'retention: message bodies older than RETENTION_DAYS purged',
    );
    const next = new Date(now.getTime() + DAY_MS);
    await scheduleJob(
      deps.prisma,
      { kind: RETENTION_JOB, key: dayKey(next), dueAt: next, payload: {} },
      { now: deps.now },
    );
  };
}
