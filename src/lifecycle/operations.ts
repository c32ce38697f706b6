/**
 * Reserva's own Cal.com operations (issue 10), recorded BEFORE the API call. Cal.com POSTs its
 * webhooks and awaits them before the call that caused them answers (default delivery), or lets them
 * race the answer (queued delivery); `cancelledBy` / `rescheduledBy` name the API key owner either
 * way, so they cannot tell the chat's changes from the host's. A webhook about a booking we are
 * changing (or changed moments ago) is the echo of our own operation: mirrored, never announced.
 */
import type { Db } from '../db/client.js';

export type OperationKind = 'create' | 'reschedule' | 'cancel';

/** How long after an operation a webhook about it is still taken for its echo. */
export const ECHO_WINDOW_MS = 10 * 60_000;

export interface Operations {
  /** Written before the API call; returns the operation's id. */
  record(op: { kind: OperationKind; contactId: string; uid?: string; start?: string }): Promise<string>;
  /**
   * Done (with the booking Cal.com answered), or failed — only when the call surely took no effect
   * (a refusal); a timeout stays pending, since Cal.com may have done it.
   */
  settle(id: string, outcome: { status: 'done'; resultUid?: string } | { status: 'failed' }): Promise<void>;
  /**
   * Is a webhook the echo of our own operation? `acted`: the booking the operation acted on (moved or
   * cancelled); `results`: the booking it produced; or, for a create whose answer has not come yet,
   * the contact and the start.
   */
  isOwn(q: {
    kinds: OperationKind[];
    acted?: string[];
    results?: string[];
    contactId?: string;
    start?: string;
  }): Promise<boolean>;
}

export function createOperations(prisma: Db, now: () => Date): Operations {
  return {
    async record(op) {
      const row = await prisma.calOperation.create({
        data: {
          kind: op.kind,
          contactId: op.contactId,
          uid: op.uid ?? null,
          start: op.start ? new Date(op.start).toISOString() : null,
          createdAt: now(),
        },
      });
      return row.id;
    },
    async settle(id, outcome) {
      await prisma.calOperation.updateMany({
        where: { id },
        data:
          outcome.status === 'done' ? { status: 'done', resultUid: outcome.resultUid ?? null } : { status: 'failed' },
      });
    },
    async isOwn(q) {
      const since = new Date(now().getTime() - ECHO_WINDOW_MS);
      const acted = (q.acted ?? []).filter(Boolean);
      const results = (q.results ?? []).filter(Boolean);
      const or: Array<Record<string, unknown>> = [];
      if (acted.length) or.push({ uid: { in: acted } });
      if (results.length) or.push({ resultUid: { in: results } });
      if (q.contactId && q.start)
        or.push({ contactId: q.contactId, start: new Date(q.start).toISOString(), resultUid: null });
      if (!or.length) return false;
      const hit = await prisma.calOperation.findFirst({
        where: { kind: { in: q.kinds }, status: { not: 'failed' }, createdAt: { gte: since }, OR: or },
        select: { id: true },
      });
      return hit !== null;
    },
  };
}
