/**
 * What the simulator page (or the terminal chat) posts, turned into the very InboundMessage a
 * WhatsApp webhook would have produced. Pure: ids and time are passed in.
 */
import type { DeliveryStatus, InboundContent, InboundMessage, StatusUpdate } from '../whatsapp/types.js';

export const MEDIA_TYPES = ['image', 'audio', 'voice', 'video', 'document', 'sticker'] as const;
export type SimMediaType = (typeof MEDIA_TYPES)[number];

/** Body of POST /simulator/api/messages. Exactly one of text / buttonId / quickReplyPayload / listRowId / media. */
export interface SimulatorMessageInput {
  from: string;
  name?: string;
  text?: string;
  buttonId?: string;
  buttonTitle?: string;
  /** A quick reply on a template message (reminders): arrives like WhatsApp's "button" type. */
  quickReplyPayload?: string;
  listRowId?: string;
  listRowTitle?: string;
  listRowDescription?: string;
  media?: SimMediaType;
  caption?: string;
  /** The bot message the tapped button / row belongs to (WhatsApp's context.id). */
  contextId?: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: string[] };

const MAX_TEXT = 4096;

/** "+34 600-000 001" → "34600000001"; undefined when it is not 6–15 digits. */
export function normalizePhone(raw: unknown): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const digits = raw
    .trim()
    .replace(/^\+/, '')
    .replace(/[\s().-]/g, '');
  return /^\d{6,15}$/.test(digits) ? digits : undefined;
}

function optionalString(body: Record<string, unknown>, key: string, errors: string[], max: number): string | undefined {
  const v = body[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') {
    errors.push(`${key} must be a string`);
    return undefined;
  }
  if (v.length > max) errors.push(`${key} is ${v.length} characters long (max ${max})`);
  return v;
}

export function parseMessageInput(body: unknown, make: { id: string; now: Date }): Parsed<InboundMessage> {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return { ok: false, errors: ['the body must be a JSON object like {"from": "34600000001", "text": "hola"}'] };
  const b = body as Record<string, unknown>;
  const errors: string[] = [];
  const from = normalizePhone(b.from);
  if (from === undefined)
    errors.push(
      `from must be the phone number as 6-15 digits ` +
        `(country code first, e.g. 34600000001); got ${JSON.stringify(b.from ?? null)}`,
    );
  const name = optionalString(b, 'name', errors, 100)?.trim() || undefined;
  const text = optionalString(b, 'text', errors, MAX_TEXT);
  const buttonId = optionalString(b, 'buttonId', errors, 256);
  const buttonTitle = optionalString(b, 'buttonTitle', errors, 100);
  const quickReplyPayload = optionalString(b, 'quickReplyPayload', errors, 1000);
  const listRowId = optionalString(b, 'listRowId', errors, 200);
  const listRowTitle = optionalString(b, 'listRowTitle', errors, 100);
  const listRowDescription = optionalString(b, 'listRowDescription', errors, 200);
  const caption = optionalString(b, 'caption', errors, 1024);
  const contextId = optionalString(b, 'contextId', errors, 256) || undefined;
  let media: SimMediaType | undefined;
  if (b.media !== undefined && b.media !== null) {
    if (typeof b.media === 'string' && (MEDIA_TYPES as readonly string[]).includes(b.media))
      media = b.media as SimMediaType;
    else errors.push(`media must be one of ${MEDIA_TYPES.join(', ')}; got ${JSON.stringify(b.media)}`);
  }

  const kinds = [
    text !== undefined && 'text',
    buttonId !== undefined && 'buttonId',
    quickReplyPayload !== undefined && 'quickReplyPayload',
    listRowId !== undefined && 'listRowId',
    media !== undefined && 'media',
  ].filter(Boolean);
  if (kinds.length === 0 && errors.length === 0)
    errors.push('say something: give one of text, buttonId, quickReplyPayload, listRowId or media');
  if (kinds.length > 1)
    errors.push(`give only one of text, buttonId, quickReplyPayload, listRowId or media (got ${kinds.join(', ')})`);
  if (text !== undefined && text.trim() === '') errors.push('text is empty');
  if (buttonId !== undefined && buttonId === '') errors.push('buttonId is empty');
  if (buttonId !== undefined && !buttonTitle?.trim())
    errors.push('buttonTitle is required with buttonId: the button text the person tapped');
  if (quickReplyPayload !== undefined && quickReplyPayload === '') errors.push('quickReplyPayload is empty');
  if (listRowId !== undefined && listRowId === '') errors.push('listRowId is empty');
  if (listRowId !== undefined && !listRowTitle?.trim())
    errors.push('listRowTitle is required with listRowId: the row title the person picked');
  if (errors.length) return { ok: false, errors };

  let content: InboundContent;
  if (text !== undefined) content = { kind: 'text', text };
  else if (buttonId !== undefined) content = { kind: 'button_reply', id: buttonId, title: buttonTitle! };
  else if (quickReplyPayload !== undefined)
    content = { kind: 'template_button', payload: quickReplyPayload, text: buttonTitle?.trim() || quickReplyPayload };
  else if (listRowId !== undefined)
    content = listRowDescription
      ? { kind: 'list_reply', id: listRowId, title: listRowTitle!, description: listRowDescription }
      : { kind: 'list_reply', id: listRowId, title: listRowTitle! };
  else content = caption ? { kind: 'media', mediaType: media!, caption } : { kind: 'media', mediaType: media! };

  const message: InboundMessage = { id: make.id, from: from!, timestamp: make.now.toISOString(), content };
  if (name) message.profileName = name;
  if (contextId) message.contextId = contextId;
  return { ok: true, value: message };
}

/** Body of POST /simulator/api/read: the page saw (or received) the bot's messages. */
export function parseReadInput(body: unknown, now: Date): Parsed<StatusUpdate[]> {
  if (typeof body !== 'object' || body === null || Array.isArray(body))
    return {
      ok: false,
      errors: ['the body must be a JSON object like {"phone": "34600000001", "messageIds": ["sim.ab12…"]}'],
    };
  const b = body as Record<string, unknown>;
  const errors: string[] = [];
  const phone = normalizePhone(b.phone);
  if (phone === undefined) errors.push(`phone must be 6-15 digits; got ${JSON.stringify(b.phone ?? null)}`);
  const ids = b.messageIds;
  if (
    !Array.isArray(ids) ||
    ids.length === 0 ||
    ids.length > 200 ||
    !ids.every((x) => typeof x === 'string' && x.length > 0 && x.length <= 256)
  ) {
    errors.push('messageIds must be a list of 1-200 message ids (the ids of the bot messages shown)');
  }
  const status = (b.status ?? 'read') as DeliveryStatus;
  if (status !== 'read' && status !== 'delivered')
    errors.push(`status must be "delivered" or "read"; got ${JSON.stringify(b.status)}`);
  if (errors.length) return { ok: false, errors };
  const timestamp = now.toISOString();
  return {
    ok: true,
    value: [...new Set(ids as string[])].map((messageId) => ({ messageId, recipient: phone!, status, timestamp })),
  };
}
