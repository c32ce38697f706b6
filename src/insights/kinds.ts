/**
 * Message kinds (purposes) the insight figures group by. The purpose travels with the outgoing
 * message as `meta` (never sent to WhatsApp); src/engine/outbound.ts (`insightColumns`) stores it in
 * OutboundMessage.purpose with the booking and template. New senders (upsell, win-back — issue 16)
 * pick a purpose here and set it; every kind listed here appears in `byMessageKind`, zeros included.
 */
import type { MessageMeta, OutgoingMessage } from '../whatsapp/types.js';

export const MESSAGE_KINDS = [
  'confirmation',
  'reminder24h',
  'reminder1h',
  'changeNotice',
  'noShowNotice',
  'feedbackQuestion',
  'upsell',
  'winBack',
  // Growth (issue 16): the "how to prepare" text after the 24 h reminder.
  'preparation',
] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number] | `reply.${string}` | `reminder${string}` | 'other';

/** Conversation replies: what they are for, by their catalog key. */
export function replyMeta(spec: { key: string }): MessageMeta {
  const booking = (spec as { booking?: { uid?: unknown } }).booking;
  const bookingUid = typeof booking?.uid === 'string' ? booking.uid : undefined;
  const purpose =
    spec.key === 'booked' || spec.key === 'rescheduled'
      ? 'confirmation'
      : spec.key === 'askRating'
        ? 'feedbackQuestion'
        : `reply.${spec.key}`;
  return bookingUid ? { purpose, bookingUid } : { purpose };
}

/** A reminder's purpose from its offset label ("24h", "1h", "30m"…). */
export function reminderPurpose(offset: string | undefined): string {
  return offset && /^\d+[mhd]$/.test(offset) ? `reminder${offset}` : 'reminder';
}

export function withMeta<M extends OutgoingMessage>(message: M, meta: MessageMeta): M {
  return { ...message, meta };
}

/** Whether the person can answer it with a tap (reply buttons, a list, quick replies on a template). */
export function isInteractive(type: string, body: string): boolean {
  if (type === 'buttons' || type === 'list') return true;
  return type === 'template' && body.includes('"quickReplies":["');
}
