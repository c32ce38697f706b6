/**
 * Live changes for the staff inbox (SSE): one poller per process reads what changed in the
 * database since the last look — new inbound messages, outbound messages and their statuses,
 * conversation steps — and tells every open stream which contacts to refresh. Reading the
 * database (not an in-process bus) means changes made by any instance reach every inbox.
 */
import type { Db } from '../db/client.js';

export interface LiveChange {
  contactIds: string[];
  phones: string[];
}

export interface LiveFeed {
  subscribe(listener: (change: LiveChange) => void): () => void;
  stop(): void;
}

export function createLiveFeed(prisma: Db, opts: { intervalMs?: number } = {}): LiveFeed {
  const listeners = new Set<(change: LiveChange) => void>();
  let timer: NodeJS.Timeout | null = null;
  let running = false;
  let marks: { seq: number; outbound: Date; conversation: Date } | null = null;

  async function init(): Promise<void> {
    const [inbox, out, conv] = await Promise.all([
      prisma.inboxMessage.findFirst({ orderBy: { seq: 'desc' }, select: { seq: true } }),
      prisma.outboundMessage.findFirst({ orderBy: { updatedAt: 'desc' }, select: { updatedAt: true } }),
      prisma.conversation.findFirst({ orderBy: { updatedAt: 'desc' }, select: { updatedAt: true } }),
    ]);
    marks = {
      seq: inbox?.seq ?? 0,
      outbound: out?.updatedAt ?? new Date(0),
      conversation: conv?.updatedAt ?? new Date(0),
    };
  }

  async function tick() {
    if (running) return;
    running = true;
    try {
      if (!marks) await init();
      const m = marks;
      if (!m) return;
      const [inbox, out, conv] = await Promise.all([
        prisma.inboxMessage.findMany({
          where: { seq: { gt: m.seq } },
          select: { seq: true, phone: true },
          orderBy: { seq: 'asc' },
          take: 500,
        }),
        prisma.outboundMessage.findMany({
          where: { updatedAt: { gt: m.outbound } },
          select: { phone: true, updatedAt: true },
          take: 500,
        }),
        prisma.conversation.findMany({
          where: { updatedAt: { gt: m.conversation } },
          select: { contactId: true, updatedAt: true },
          take: 500,
        }),
      ]);
      const phones = new Set<string>();
      const contactIds = new Set<string>();
      for (const r of inbox) {
        phones.add(r.phone);
        m.seq = Math.max(m.seq, r.seq);
      }
      for (const r of out) {
        phones.add(r.phone);
        if (r.updatedAt > m.outbound) m.outbound = r.updatedAt;
      }
      for (const r of conv) {
        contactIds.add(r.contactId);
        if (r.updatedAt > m.conversation) m.conversation = r.updatedAt;
      }
      if (phones.size || contactIds.size) {
        const change = { phones: [...phones], contactIds: [...contactIds] };
        for (const l of listeners) l(change);
      }
    } catch {
      // the database is busy or closing: try again on the next tick
    } finally {
      running = false;
    }
  }

  return {
    subscribe(listener) {
      listeners.add(listener);
      if (!timer) {
        void init();
        timer = setInterval(() => void tick(), opts.intervalMs ?? 700);
        timer.unref();
      }
      return () => {
        listeners.delete(listener);
        if (!listeners.size && timer) {
          clearInterval(timer);
          timer = null;
          marks = null;
        }
      };
    },
    stop() {
      listeners.clear();
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}
