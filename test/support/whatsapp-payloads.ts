/**
 * Builders for the exact JSON Meta posts to our webhook (Cloud API "messages" field).
 * Used by tests and the simulator: build values, wrap them, sign the bytes, POST.
 *
 *   const body = JSON.stringify(wrapWebhook(textMessage({ from: '5215512345678', name: 'Ana', text: 'hola' })));
 *   fetch(url, { method: 'POST', body, headers: { 'x-hub-signature-256': signBody(Buffer.from(body), secret) } });
 */
import { randomBytes } from 'node:crypto';
import type { DeliveryStatus } from '../../src/whatsapp/types.js';

/** One `entry[].changes[].value`. */
export interface WebhookValue {
  messaging_product: 'whatsapp';
  metadata: { display_phone_number: string; phone_number_id: string };
  contacts?: Array<{ profile: { name: string }; wa_id: string }>;
  messages?: Array<Record<string, unknown>>;
  statuses?: Array<Record<string, unknown>>;
}

export interface WebhookBody {
  object: 'whatsapp_business_account';
  entry: Array<{ id: string; changes: Array<{ value: WebhookValue; field: 'messages' }> }>;
}

/** Our business number, as Meta names it in `metadata`. */
export interface BusinessNumber {
  phoneNumberId?: string; // default "100000000000001"
  displayPhoneNumber?: string; // default "15550000001"
}

export interface InboundBase extends BusinessNumber {
  from: string; // digits
  name?: string; // profile name; omitted from contacts when absent
  id?: string; // default: a fresh "wamid.…"
  timestamp?: Date | number; // Date or unix seconds; default now
  /** The id of our message this one replies to (context.id). */
  contextId?: string;
}

export const DEFAULT_PHONE_NUMBER_ID = '100000000000001';
export const DEFAULT_DISPLAY_PHONE = '15550000001';

/** A fresh id shaped like Meta's ("wamid." + base64). */
export function newWamid(): string {
  return 'wamid.' + randomBytes(18).toString('base64url');
}

function unixSeconds(t: Date | number | undefined): string {
  if (t === undefined) return String(Math.floor(Date.now() / 1000));
  if (t instanceof Date) return String(Math.floor(t.getTime() / 1000));
  return String(Math.floor(t));
}

function metadata(b: BusinessNumber): WebhookValue['metadata'] {
  return {
    display_phone_number: b.displayPhoneNumber ?? DEFAULT_DISPLAY_PHONE,
    phone_number_id: b.phoneNumberId ?? DEFAULT_PHONE_NUMBER_ID,
  };
}

function inbound(base: InboundBase, type: string, fields: Record<string, unknown>): WebhookValue {
  const message: Record<string, unknown> = {
    from: base.from,
    id: base.id ?? newWamid(),
    timestamp: unixSeconds(base.timestamp),
    ...fields,
    type,
  };
  if (base.contextId) message.context = { from: base.displayPhoneNumber ?? DEFAULT_DISPLAY_PHONE, id: base.contextId };
  const value: WebhookValue = { messaging_product: 'whatsapp', metadata: metadata(base), messages: [message] };
  if (base.name !== undefined) value.contacts = [{ profile: { name: base.name }, wa_id: base.from }];
  return value;
}

export function textMessage(o: InboundBase & { text: string }): WebhookValue {
  return inbound(o, 'text', { text: { body: o.text } });
}

/** The person tapped one of our interactive reply buttons. */
export function buttonReply(o: InboundBase & { buttonId: string; title: string }): WebhookValue {
  return inbound(o, 'interactive', {
    interactive: { type: 'button_reply', button_reply: { id: o.buttonId, title: o.title } },
  });
}

/** The person picked a row of our interactive list. */
export function listReply(o: InboundBase & { rowId: string; title: string; description?: string }): WebhookValue {
  const list_reply: Record<string, string> = { id: o.rowId, title: o.title };
  if (o.description !== undefined) list_reply.description = o.description;
  return inbound(o, 'interactive', { interactive: { type: 'list_reply', list_reply } });
}

/** The person tapped a quick-reply button of a template (e.g. a reminder). */
export function templateButton(o: InboundBase & { payload: string; text: string }): WebhookValue {
  return inbound(o, 'button', { button: { payload: o.payload, text: o.text } });
}

export type MediaKind = 'image' | 'audio' | 'voice' | 'video' | 'document' | 'sticker';

/** Image/audio/voice note/video/document/sticker. A voice note is `audio` with `voice: true`. */
export function mediaMessage(
  o: InboundBase & { mediaType: MediaKind; caption?: string; mimeType?: string },
): WebhookValue {
  const type = o.mediaType === 'voice' ? 'audio' : o.mediaType;
  const defaults: Record<string, string> = {
    image: 'image/jpeg',
    audio: 'audio/ogg; codecs=opus',
    video: 'video/mp4',
    document: 'application/pdf',
    sticker: 'image/webp',
  };
  const media: Record<string, unknown> = {
    mime_type: o.mimeType ?? defaults[type],
    sha256: randomBytes(32).toString('base64'),
    id: String(1e15 + Math.floor(Math.random() * 1e14)),
  };
  if (o.mediaType === 'voice') media.voice = true;
  if (o.caption !== undefined) media.caption = o.caption;
  if (type === 'document') media.filename = 'document.pdf';
  return inbound(o, type, { [type]: media });
}

export function locationMessage(
  o: InboundBase & { latitude: number; longitude: number; name?: string; address?: string },
): WebhookValue {
  const location: Record<string, unknown> = { latitude: o.latitude, longitude: o.longitude };
  if (o.name !== undefined) location.name = o.name;
  if (o.address !== undefined) location.address = o.address;
  return inbound(o, 'location', { location });
}

/** Reaction to one of our messages; emoji "" means the reaction was removed. */
export function reactionMessage(o: InboundBase & { messageId: string; emoji: string }): WebhookValue {
  return inbound(o, 'reaction', { reaction: { message_id: o.messageId, emoji: o.emoji } });
}

/** What Meta sends for content the Cloud API can't deliver (e.g. view-once, polls): type "unsupported"/"unknown". */
export function unsupportedMessage(o: InboundBase & { rawType?: string }): WebhookValue {
  return inbound(o, o.rawType ?? 'unsupported', {
    errors: [
      {
        code: 131051,
        title: 'Message type unknown',
        message: 'Message type unknown',
        error_data: { details: 'Message type is currently not supported.' },
      },
    ],
  });
}

/** Delivery status of a message we sent. `error` only makes sense with status "failed". */
export function statusUpdate(
  o: BusinessNumber & {
    messageId: string;
    recipient: string;
    status: DeliveryStatus;
    timestamp?: Date | number;
    error?: { code: number; title: string; message?: string; details?: string };
  },
): WebhookValue {
  const status: Record<string, unknown> = {
    id: o.messageId,
    status: o.status,
    timestamp: unixSeconds(o.timestamp),
    recipient_id: o.recipient,
  };
  if (o.status !== 'failed' && o.status !== 'read') {
    status.conversation = { id: randomBytes(16).toString('hex'), origin: { type: 'service' } };
    status.pricing = { billable: true, pricing_model: 'PMP', category: 'service' };
  }
  if (o.error) {
    status.errors = [
      {
        code: o.error.code,
        title: o.error.title,
        message: o.error.message ?? o.error.title,
        error_data: { details: o.error.details ?? o.error.title },
        href: 'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/',
      },
    ];
  }
  return { messaging_product: 'whatsapp', metadata: metadata(o), statuses: [status] };
}

/** Wraps values into the full webhook body (one entry, one change per value). */
export function wrapWebhook(values: WebhookValue | WebhookValue[], wabaId = '200000000000002'): WebhookBody {
  const list = Array.isArray(values) ? values : [values];
  return {
    object: 'whatsapp_business_account',
    entry: [{ id: wabaId, changes: list.map((value) => ({ value, field: 'messages' as const })) }],
  };
}
