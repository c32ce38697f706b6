/**
 * A phone's conversation as the simulator shows it: the person's messages (InboxMessage rows,
 * payload = InboundMessage JSON) and the bot's (OutboundMessage rows, body = OutgoingMessage
 * JSON, with delivery status), merged by time.
 */
import type { Db } from '../db/client.js';
import type { InboundMessage, OutgoingMessage } from '../whatsapp/types.js';
import { quickReplyLabel } from './quick-replies.js';

export interface InboundItem {
  direction: 'in';
  /** WhatsApp message id of the person's message. */
  id: string;
  at: string;
  /** null when the stored payload is not valid JSON (shown as such). */
  message: InboundMessage | null;
  /** Inbox processing status: pending, then whatever the engine marks (e.g. processed / failed). */
  status: string;
  error?: string;
}

export interface OutboundItem {
  direction: 'out';
  /** OutboundMessage row id. */
  id: string;
  /** WhatsApp message id, once sent (what read receipts refer to). */
  waMessageId: string | null;
  at: string;
  message: OutgoingMessage | null;
  /** queued | sent | delivered | read | failed */
  status: string;
  errorCode?: number;
  errorTitle?: string;
  /** Templates only: stand-in button texts for the quick-reply payloads, in the same order. */
  quickReplyLabels?: string[];
}

export type TranscriptItem = InboundItem | OutboundItem;

export interface InboxRow {
  seq: number;
  waMessageId: string;
  payload: string;
  status: string;
  error: string | null;
  receivedAt: Date;
}
export interface OutboundRow {
  id: string;
  waMessageId: string | null;
  body: string;
  status: string;
  errorCode: number | null;
  errorTitle: string | null;
  createdAt: Date;
}

function parseJson<T>(text: string): T | null {
  try {
    return JSON.parse(text) as T;
  } catch {
    return null;
  }
}

/** Merges both kinds of rows by time (the person's message first on a tie), oldest first. */
export function mergeTranscript(inbox: InboxRow[], outbound: OutboundRow[], limit = Infinity): TranscriptItem[] {
  const items: Array<TranscriptItem & { t: number; order: number }> = [];
  for (const r of inbox) {
    const item: InboundItem = {
      direction: 'in',
      id: r.waMessageId,
      at: r.receivedAt.toISOString(),
      message: parseJson<InboundMessage>(r.payload),
      status: r.status,
    };
    if (r.error) item.error = r.error;
    items.push({ ...item, t: r.receivedAt.getTime(), order: r.seq });
  }
  outbound.forEach((r, i) => {
    const item: OutboundItem = {
      direction: 'out',
      id: r.id,
      waMessageId: r.waMessageId,
      at: r.createdAt.toISOString(),
      message: parseJson<OutgoingMessage>(r.body),
      status: r.status,
    };
    if (r.errorCode !== null) item.errorCode = r.errorCode;
    if (r.errorTitle) item.errorTitle = r.errorTitle;
    const m = item.message;
    if (m?.type === 'template' && m.quickReplies?.length)
      item.quickReplyLabels = m.quickReplies.map((p) => quickReplyLabel(p, m.language ?? 'es'));
    items.push({ ...item, t: r.createdAt.getTime(), order: i });
  });
  items.sort((a, b) => a.t - b.t || (a.direction === b.direction ? a.order - b.order : a.direction === 'in' ? -1 : 1));
  const kept = Number.isFinite(limit) ? items.slice(-limit) : items;
  return kept.map(({ t: _t, order: _o, ...item }) => item as TranscriptItem);
}

/** The last `limit` messages of a phone's conversation, oldest first. */
export async function loadTranscript(prisma: Db, phone: string, limit = 300): Promise<TranscriptItem[]> {
  const [inbox, outbound] = await Promise.all([
    prisma.inboxMessage.findMany({
      where: { phone },
      orderBy: { seq: 'desc' },
      take: limit,
      select: { seq: true, waMessageId: true, payload: true, status: true, error: true, receivedAt: true },
    }),
    prisma.outboundMessage.findMany({
      where: { phone },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: limit,
      select: {
        id: true,
        waMessageId: true,
        body: true,
        status: true,
        errorCode: true,
        errorTitle: true,
        createdAt: true,
      },
    }),
  ]);
  // Outbound ids grow with time within a process (src/db/ordered-id.ts; cuid for Prisma's own rows), so
  // (createdAt, id) keeps the send order on equal milliseconds.
  return mergeTranscript(inbox.reverse(), outbound.reverse(), limit);
}

/** "*jueves* a las _11_" → "jueves a las 11": WhatsApp's markers are not shown in chat lists. */
export function stripFormatting(text: string): string {
  return text.replace(/(^|[\s(¡¿"'])([*_~])(?=\S)([^*_~\n]*?\S)\2(?=$|[\s.,;:!?)"'])/g, '$1$3');
}

/** One line summarising a message, for the contact list. */
export function previewOf(item: TranscriptItem): string {
  return stripFormatting(rawPreviewOf(item)).replace(/\s+/g, ' ').trim();
}

function rawPreviewOf(item: TranscriptItem): string {
  if (!item.message) return '(mensaje ilegible)';
  if (item.direction === 'out') {
    const m = item.message;
    switch (m.type) {
      case 'text':
      case 'buttons':
      case 'list':
        return m.body;
      case 'template':
        return m.preview ?? `Plantilla ${m.name}`;
    }
  }
  const c = item.message.content;
  switch (c.kind) {
    case 'text':
      return c.text;
    case 'button_reply':
    case 'list_reply':
      return c.title;
    case 'template_button':
      return c.text;
    case 'media':
      return (
        c.caption ??
        (
          {
            audio: '🎤 Nota de voz',
            voice: '🎤 Nota de voz',
            image: '📷 Foto',
            video: '🎥 Vídeo',
            document: '📄 Documento',
            sticker: 'Sticker',
          } as const
        )[c.mediaType]
      );
    case 'location':
      return '📍 Ubicación';
    case 'reaction':
      return c.emoji;
    default:
      return 'Mensaje';
  }
}
