/**
 * Incremental bookkeeping the figures read, run before each query (cheap when nothing is new):
 * - the first reply or tap naming one of our messages as its context (from the inbox, by `seq`):
 *   kept in MessageTap and as the message's `tappedAt`, so click-through reads a column instead of
 *   scanning inbound payloads;
 * - then the daily rollups (src/insights/rollups.ts).
 * A message's purpose, booking and template are stored with it by src/engine/outbound.ts.
 */
import type { Db } from '../db/client.js';
import { refreshRollups } from './rollups.js';
import type { Sql } from './sql.js';

const BATCH = 5000;

export async function refreshInsights(prisma: Db, sql: Sql, o: { timeZone: string; now: Date }): Promise<void> {
  await refreshTaps(prisma);
  await refreshRollups(prisma, sql, o.timeZone, o.now);
}

async function refreshTaps(prisma: Db): Promise<void> {
  for (;;) {
    const mark = await prisma.insightWatermark.findUnique({ where: { name: 'inbox' } });
    const after = mark?.value ?? 0;
    const rows = await prisma.inboxMessage.findMany({
      where: { seq: { gt: after } },
      orderBy: { seq: 'asc' },
      take: BATCH,
      select: { seq: true, payload: true, receivedAt: true },
    });
    if (!rows.length) return;
    for (const r of rows) {
      const tap = contextOf(r.payload);
      if (!tap) continue;
      const at = tap.at ?? r.receivedAt;
      const exists = await prisma.messageTap.findUnique({ where: { waMessageId: tap.contextId } });
      if (!exists) {
        await prisma.messageTap.create({ data: { waMessageId: tap.contextId, at, inboxSeq: r.seq } });
        // On the message too, so click-through is a column, not a join (its trigger marks the day).
        await prisma.outboundMessage.updateMany({
          where: { waMessageId: tap.contextId, tappedAt: null },
          data: { tappedAt: at },
        });
      }
    }
    const last = rows[rows.length - 1]?.seq ?? after;
    await prisma.insightWatermark.upsert({
      where: { name: 'inbox' },
      create: { name: 'inbox', value: last },
      update: { value: last },
    });
    if (rows.length < BATCH) return;
  }
}

/** The message an inbound message answers (its context id), from the stored inbox payload. */
export function contextOf(payload: string): { contextId: string; at: Date | null } | null {
  if (!payload.includes('"contextId"')) return null;
  try {
    const m = JSON.parse(payload) as { contextId?: unknown; timestamp?: unknown };
    if (typeof m.contextId !== 'string' || !m.contextId) return null;
    const t = typeof m.timestamp === 'string' ? Date.parse(m.timestamp) : NaN;
    return { contextId: m.contextId, at: Number.isFinite(t) ? new Date(t) : null };
  } catch {
    return null;
  }
}
