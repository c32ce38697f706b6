/** Read side of the admin API: contacts, one contact's file, conversations by state. */
import type { Db } from '../db/client.js';
import { stateName } from '../engine/snapshots.js';
import { loadHistory, type HistoryMessage } from '../handoff/history.js';
import type { HandoffService } from '../handoff/service.js';
import { contactIdsFor, scoresOf } from '../growth/contacts.js';

type ContactRow = {
  id: string;
  phone: string;
  name: string | null;
  language: string | null;
  lastInboundAt: Date | null;
};

/** The top-level state and the full path ("booking.choosing") of a stored snapshot. */
export function stateOf(snapshot: string | undefined | null): { state: string; detail: string } | null {
  if (!snapshot) return null;
  try {
    const detail = stateName((JSON.parse(snapshot) as { value?: unknown }).value);
    return { state: detail.split('.')[0] ?? detail, detail };
  } catch {
    return null;
  }
}

const summary = (c: ContactRow, snapshot?: string | null) => ({
  id: c.id,
  phone: c.phone,
  name: c.name,
  language: c.language,
  lastInboundAt: c.lastInboundAt?.toISOString() ?? null,
  state: stateOf(snapshot)?.state ?? null,
});

export async function listContacts(
  prisma: Db,
  q: { phone?: string; q?: string; cursor?: string; limit?: number; segment?: string; minScore?: number },
  postgres: boolean,
) {
  const limit = q.limit ?? 20;
  const contains = (v: string) => (postgres ? { contains: v, mode: 'insensitive' as const } : { contains: v });
  const where: Record<string, unknown> = {};
  const and: unknown[] = [];
  const digits = q.phone?.replace(/\D/g, '');
  if (digits) and.push({ phone: { contains: digits } });
  if (q.q)
    and.push({
      OR: [
        { name: contains(q.q) },
        { phone: { contains: q.q.replace(/[\s+()-]/g, '') || q.q } },
        { email: contains(q.q) },
      ],
    });
  // Growth (issue 16): by segment and minimum lead score.
  const ids = await contactIdsFor(prisma, q);
  if (ids) and.push({ id: { in: ids } });
  if (and.length) where.AND = and;
  const rows = await prisma.contact.findMany({
    where: where as never,
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: limit + 1,
    ...(q.cursor ? { cursor: { id: q.cursor }, skip: 1 } : {}),
    include: { conversation: { select: { snapshot: true } } },
  });
  const page = rows.slice(0, limit);
  const scores = await scoresOf(
    prisma,
    page.map((c) => c.id),
  );
  return {
    items: page.map((c) => ({ ...summary(c, c.conversation?.snapshot), ...scoreFields(scores.get(c.id)) })),
    nextCursor: rows.length > limit ? (page[page.length - 1]?.id ?? null) : null,
  };
}

export async function contactDetail(prisma: Db, handoff: HandoffService, id: string) {
  const c = await prisma.contact.findUnique({ where: { id }, include: { conversation: true } });
  if (!c) return null;
  const [bookings, open, messages, window] = await Promise.all([
    prisma.booking.findMany({ where: { contactId: id }, orderBy: { start: 'desc' }, take: 20 }),
    prisma.handoff.findFirst({ where: { contactId: id }, orderBy: { startedAt: 'desc' } }),
    loadHistory(prisma, c.phone, { limit: 50 }),
    handoff.windowState(id),
  ]);
  const st = stateOf(c.conversation?.snapshot);
  const score = (await scoresOf(prisma, [id])).get(id);
  return {
    contact: {
      ...summary(c, c.conversation?.snapshot),
      ...scoreFields(score),
      email: c.email,
      formality: c.formality,
      optedOutAt: c.optedOutAt?.toISOString() ?? null,
      createdAt: c.createdAt.toISOString(),
    },
    bookings: bookings.map((b) => ({
      uid: b.uid,
      start: b.start.toISOString(),
      end: b.end.toISOString(),
      status: b.status,
      title: b.title,
    })),
    conversation:
      c.conversation && st
        ? {
            state: st.state,
            stateDetail: st.detail,
            version: c.conversation.version,
            lastActivityAt: c.conversation.lastActivityAt.toISOString(),
            handoff:
              open && (st.state === 'handoff' || open.endedAt)
                ? {
                    id: open.id,
                    reason: open.reason,
                    startedAt: open.startedAt.toISOString(),
                    endedAt: open.endedAt?.toISOString() ?? null,
                    endedBy: open.endedBy,
                    chatwootConversationId: open.chatwootConversationId,
                  }
                : null,
          }
        : null,
    window,
    messages,
  };
}

/**
 * Conversations, those waiting for a person first (longest wait first), then the most recently
 * active. The state is read from each stored statechart snapshot: the statechart is the truth.
 */
export async function listConversations(prisma: Db, q: { state?: string; limit?: number }) {
  const limit = q.limit ?? 50;
  const open = await prisma.handoff.findMany({ where: { endedAt: null }, orderBy: { startedAt: 'asc' }, take: 500 });
  const waiting = new Map(open.map((h) => [h.contactId, h.startedAt]));
  const recent = await prisma.conversation.findMany({
    orderBy: { lastActivityAt: 'desc' },
    take: 500,
    include: { contact: true },
  });
  const missing = [...waiting.keys()].filter((id) => !recent.some((r) => r.contactId === id));
  const extra = missing.length
    ? await prisma.conversation.findMany({ where: { contactId: { in: missing } }, include: { contact: true } })
    : [];
  const rows = [...recent, ...extra]
    .map((r) => ({ r, st: stateOf(r.snapshot) }))
    .filter(({ st }) => st && (!q.state || st.state === q.state));
  rows.sort((a, b) => {
    const ha = a.st?.state === 'handoff' ? (waiting.get(a.r.contactId)?.getTime() ?? 0) : null;
    const hb = b.st?.state === 'handoff' ? (waiting.get(b.r.contactId)?.getTime() ?? 0) : null;
    if (ha !== null && hb !== null) return ha - hb;
    if (ha !== null) return -1;
    if (hb !== null) return 1;
    return b.r.lastActivityAt.getTime() - a.r.lastActivityAt.getTime();
  });
  const page = rows.slice(0, limit);
  const last = await Promise.all(page.map(({ r }) => loadHistory(prisma, r.contact.phone, { limit: 1 })));
  return {
    items: page.map(({ r, st }, i) => ({
      contact: summary(r.contact, r.snapshot),
      state: st?.state ?? 'idle',
      waitingSince: st?.state === 'handoff' ? (waiting.get(r.contactId)?.toISOString() ?? null) : null,
      lastActivityAt: r.lastActivityAt.toISOString(),
      lastMessage: (last[i]?.[0] as HistoryMessage | undefined) ?? null,
    })),
  };
}

/** Growth (issue 16): the contact's score, segment and reasons (null before the first computation). */
function scoreFields(s: { score: number; segment: string; reasons: unknown[] } | undefined) {
  return { score: s?.score ?? null, segment: s?.segment ?? null, scoreReasons: s?.reasons ?? [] };
}
