/**
 * WhatsApp delivery statuses: every event is stored once (per message and status, in one statement
 * by the turn store, before the webhook is answered), then the outbound message's status moves
 * forward only — sent < delivered < read; a failure keeps its error code. Applying them is off the
 * webhook's path.
 */
import type { Db } from '../db/client.js';
import type { StatusRow } from '../db/turns.js';

const RANK: Record<string, number> = { sending: 0, queued: 0, sent: 1, delivered: 2, read: 3 };

export async function applyStatuses(prisma: Db, statuses: StatusRow[]): Promise<void> {
  for (const s of statuses) {
    const at = s.timestamp;
    const msg = await prisma.outboundMessage.findUnique({ where: { waMessageId: s.waMessageId } });
    if (!msg) continue;
    const rank = RANK[msg.status] ?? 0;
    if (s.status === 'failed') {
      await prisma.outboundMessage.update({
        where: { id: msg.id },
        data: { status: rank >= 2 ? msg.status : 'failed', errorCode: s.errorCode, errorTitle: s.errorTitle },
      });
      continue;
    }
    const current = msg.status === 'failed' ? -1 : rank;
    const data: Record<string, unknown> = {};
    if (s.status === 'sent' && !msg.sentAt) data.sentAt = at;
    if (s.status === 'delivered' && !msg.deliveredAt) data.deliveredAt = at;
    if (s.status === 'read') {
      if (!msg.readAt) data.readAt = at;
      if (!msg.deliveredAt) data.deliveredAt = at;
    }
    if ((RANK[s.status] ?? 0) > current) data.status = s.status;
    if (Object.keys(data).length) await prisma.outboundMessage.update({ where: { id: msg.id }, data });
  }
}
