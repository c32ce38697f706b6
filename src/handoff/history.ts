/**
 * A conversation's messages, both ways, as staff read them: what the person wrote (the durable
 * inbox) and what we sent (the outbound log, bot and staff alike), in time order. Read-only.
 */
import type { Db } from '../db/client.js';
import { messageText } from '../engine/inputs.js';
import type { InboundMessage, OutgoingMessage } from '../whatsapp/types.js';

export interface HistoryMessage {
  /** "in:<inbox seq>" or "out:<outbound id>" */
  id: string;
  direction: 'in' | 'out';
  text: string;
  at: string;
  /** Outbound only: queued | sent | delivered | read | failed */
  status?: string;
  error?: string;
  /** Inbound only: the inbox row's sequence number. */
  seq?: number;
}

/** What the person sees of an outgoing message, as plain text (buttons and rows listed). */
export function describeOutgoing(m: OutgoingMessage): string {
  switch (m.type) {
    case 'text':
      return m.body;
    case 'buttons':
      return `${m.body}\n${m.buttons.map((b) => `[${b.title}]`).join(' ')}`;
    case 'list':
      return `${m.body}\n${m.sections.flatMap((s) => s.rows.map((r) => `• ${r.title}`)).join('\n')}`;
    case 'template':
      return m.preview ?? `(template ${m.name}: ${m.bodyParams.join(' · ')})`;
  }
}

/** What the person sent, as plain text; media we can't show is named. */
export function describeInbound(m: InboundMessage): string {
  const text = messageText(m);
  if (m.content.kind === 'media') return `[${m.content.mediaType}]${text ? ` ${text}` : ''}`;
  if (m.content.kind === 'location')
    return `[location ${m.content.latitude},${m.content.longitude}]${text ? ` ${text}` : ''}`;
  if (m.content.kind === 'unsupported') return `[${m.content.rawType}]`;
  return text;
}

function parse<T>(json: string): T | null {
  try {
    return JSON.parse(json) as T;
  } catch {
    return null;
  }
}

/** An inbox row's message, or null when the row is not a WhatsApp message (e.g. a system event). */
export function inboundMessageOf(payload: string): InboundMessage | null {
  const m = parse<Partial<InboundMessage>>(payload);
  return m && typeof m.from === 'string' && m.content && typeof m.content === 'object' ? (m as InboundMessage) : null;
}

export function inboundToHistory(row: { seq: number; payload: string; receivedAt: Date }): HistoryMessage | null {
  const m = inboundMessageOf(row.payload);
  return m
    ? { id: `in:${row.seq}`, seq: row.seq, direction: 'in', text: describeInbound(m), at: row.receivedAt.toISOString() }
    : null;
}

export function outboundToHistory(row: {
  id: string;
  body: string;
  status: string;
  errorTitle: string | null;
  sentAt: Date | null;
  createdAt: Date;
}): HistoryMessage {
  const m = parse<OutgoingMessage>(row.body);
  return {
    id: `out:${row.id}`,
    direction: 'out',
    text: m ? describeOutgoing(m) : row.body,
    at: (row.sentAt ?? row.createdAt).toISOString(),
    status: row.status,
    ...(row.errorTitle ? { error: row.errorTitle } : {}),
  };
}

/** The last `limit` messages of a phone, oldest first. */
export async function loadHistory(
  prisma: Db,
  phone: string,
  opts: { limit?: number; since?: Date } = {},
): Promise<HistoryMessage[]> {
  const limit = opts.limit ?? 50;
  const [inbound, outbound] = await Promise.all([
    prisma.inboxMessage.findMany({
      where: { phone, ...(opts.since ? { receivedAt: { gte: opts.since } } : {}) },
      orderBy: { seq: 'desc' },
      take: limit,
    }),
    prisma.outboundMessage.findMany({
      where: { phone, ...(opts.since ? { createdAt: { gte: opts.since } } : {}) },
      orderBy: { createdAt: 'desc' },
      take: limit,
    }),
  ]);
  const all = [
    ...inbound.map(inboundToHistory).filter((m): m is HistoryMessage => m !== null),
    ...outbound.map(outboundToHistory),
  ];
  all.sort((a, b) => a.at.localeCompare(b.at) || a.id.localeCompare(b.id));
  return all.slice(-limit);
}
