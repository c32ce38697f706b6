/** Shared bits of the lifecycle tests: signed Cal.com webhooks and job lookups. */
import { createHmac } from 'node:crypto';
import type { Harness } from './harness.js';

export const CAL_SECRET = 'cal-secret';

export async function postCal(h: Harness, body: unknown, o: { secret?: string | null } = {}): Promise<Response> {
  const raw = JSON.stringify(body);
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  const secret = o.secret === undefined ? CAL_SECRET : o.secret;
  if (secret !== null) headers['x-cal-signature-256'] = createHmac('sha256', secret).update(raw).digest('hex');
  return fetch(`${h.url}/webhooks/cal`, { method: 'POST', headers, body: raw });
}

/** A Cal.com webhook body, shaped like Cal.com's (triggerEvent, createdAt, payload{…}). */
export function calEvent(triggerEvent: string, payload: Record<string, unknown>, createdAt = new Date()): unknown {
  return { triggerEvent, createdAt: createdAt.toISOString(), payload };
}

export async function jobsOf(h: Harness, uid: string) {
  const rows = await h.reserva.db.prisma.job.findMany({
    where: { OR: [{ key: { startsWith: `reminder:${uid}:` } }, { key: { startsWith: `feedback:${uid}@` } }] },
    orderBy: { dueAt: 'asc' },
  });
  return rows.map((r) => ({ key: r.key!, status: r.status, dueAt: r.dueAt.toISOString() }));
}

/** Moves the clock and runs what is due, then waits for the conversations to settle. */
export async function advanceTo(h: Harness, iso: string): Promise<number> {
  h.clock.set(iso);
  const ran = await h.reserva.worker.runDue();
  await h.reserva.engine.idle();
  return ran;
}
