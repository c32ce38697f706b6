/**
 * WhatsApp delivery statuses: every event stored once (per message and status), and the outbound
 * message's status moved forward only — sent < delivered < read; a failure keeps its error code.
 */
import type { Db } from '../db/client.js';
import type { StatusUpdate } from '../whatsapp/types.js';

const RANK: Record<string, number> = { queued: 0, sent: 1, delivered: 2, read: 3 };

/**
 * A status that cannot be stored (a value the database refuses) is skipped and reported through
 * `onSkip`, never thrown: the rest of the delivery was stored, and a 500 would make Meta redeliver
 * the whole body for days.
 */
export async function recordStatuses(prisma: Db, statuses: StatusUpdate[], onSkip: (messageId: string, err: unknown) => void = () => {}): Promise<void> {
  for (const s of statuses) {
    const at = new Date(Date.parse(s.timestamp) || Date.now());
    try {
      await prisma.messageStatusEvent.create({ data: { waMessageId: s.messageId, status: s.status, timestamp: at, errorCode: s.errorCode ?? null, errorTitle: s.errorTitle ?? null } });
    } catch (err) {
      if ((err as { code?: string }).code !== 'P2002') onSkip(s.messageId, err);
      continue; // the same status delivered again, or one that cannot be stored
    }
    const msg = await prisma.outboundMessage.findUnique({ where: { waMessageId: s.messageId } });
    if (!msg) continue;
    if (s.status === 'failed') {
      await prisma.outboundMessage.update({
        where: { id: msg.id },
        data: { status: RANK[msg.status]! >= RANK.delivered! ? msg.status : 'failed', errorCode: s.errorCode ?? null, errorTitle: s.errorTitle ?? null },
      });
      continue;
    }
    const current = msg.status === 'failed' ? -1 : RANK[msg.status] ?? 0;
    const data: Record<string, unknown> = {};
    if (s.status === 'sent' && !msg.sentAt) data.sentAt = at;
    if (s.status === 'delivered' && !msg.deliveredAt) data.deliveredAt = at;
    if (s.status === 'read') {
      if (!msg.readAt) data.readAt = at;
      if (!msg.deliveredAt) data.deliveredAt = at;
    }
    if (RANK[s.status]! > current) data.status = s.status;
    if (Object.keys(data).length) await prisma.outboundMessage.update({ where: { id: msg.id }, data });
  }
}
