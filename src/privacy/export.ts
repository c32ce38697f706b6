/**
 * Access (GDPR art. 15): everything stored about one person, as JSON, and a short summary the chat
 * renders from the catalog. Rows are found by contact id (conversation, bookings, feedback, outbox,
 * consent, export links) and by phone (inbound and outbound messages, their delivery statuses).
 */
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { PrivacyFacts } from '../../machines/types.js';
import type { Db } from '../db/client.js';
import { UnknownContactError } from './consent.js';

export const EXPORT_FORMAT = 'reserva.contact-export.v1';

const parse = (text: string | null | undefined): unknown => {
  if (text == null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
};

export interface ContactExport {
  format: typeof EXPORT_FORMAT;
  exportedAt: string;
  contact: Record<string, unknown>;
  conversation: { state: unknown; context: unknown; lastActivityAt: string; updatedAt: string } | null;
  bookings: Array<Record<string, unknown>>;
  feedback: Array<Record<string, unknown>>;
  messagesIn: Array<Record<string, unknown>>;
  messagesOut: Array<Record<string, unknown>>;
  statuses: Array<Record<string, unknown>>;
  pendingEffects: Array<Record<string, unknown>>;
  consent: Array<Record<string, unknown>>;
}

export async function exportContact(prisma: Db, contactId: string, now: Date): Promise<ContactExport> {
  const contact = await prisma.contact.findUnique({ where: { id: contactId } });
  if (!contact) throw new UnknownContactError(contactId);
  const [conversation, bookings, inbox, outbound, effects, consent] = await Promise.all([
    prisma.conversation.findUnique({ where: { contactId } }),
    prisma.booking.findMany({ where: { contactId }, orderBy: { start: 'asc' }, include: { feedback: true } }),
    prisma.inboxMessage.findMany({ where: { phone: contact.phone }, orderBy: { seq: 'asc' } }),
    prisma.outboundMessage.findMany({ where: { phone: contact.phone }, orderBy: { createdAt: 'asc' } }),
    prisma.outboxEffect.findMany({ where: { contactId }, orderBy: { seq: 'asc' } }),
    prisma.consentRecord.findMany({ where: { contactId }, orderBy: { createdAt: 'asc' } }),
  ]);
  const waIds = outbound.map((m) => m.waMessageId).filter((id): id is string => Boolean(id));
  const statuses = waIds.length
    ? await prisma.messageStatusEvent.findMany({ where: { waMessageId: { in: waIds } }, orderBy: { timestamp: 'asc' } })
    : [];
  const snapshot = parse(conversation?.snapshot) as { value?: unknown; context?: unknown } | null;
  return {
    format: EXPORT_FORMAT,
    exportedAt: now.toISOString(),
    contact: {
      id: contact.id,
      phone: contact.phone,
      name: contact.name,
      email: contact.email,
      language: contact.language,
      formality: contact.formality,
      marketingConsent: contact.marketingConsent,
      optedOutAt: contact.optedOutAt?.toISOString() ?? null,
      lastInboundAt: contact.lastInboundAt?.toISOString() ?? null,
      createdAt: contact.createdAt.toISOString(),
      updatedAt: contact.updatedAt.toISOString(),
    },
    conversation: conversation
      ? {
          state: snapshot?.value ?? null,
          context: snapshot?.context ?? null,
          lastActivityAt: conversation.lastActivityAt.toISOString(),
          updatedAt: conversation.updatedAt.toISOString(),
        }
      : null,
    bookings: bookings.map(({ feedback: _f, contactId: _c, ...b }) => ({
      ...b,
      start: b.start.toISOString(),
      end: b.end.toISOString(),
    })),
    feedback: bookings.flatMap((b) =>
      b.feedback.map((f) => ({
        bookingUid: b.uid,
        rating: f.rating,
        comment: f.comment,
        createdAt: f.createdAt.toISOString(),
      })),
    ),
    messagesIn: inbox.map((m) => ({
      id: m.waMessageId,
      receivedAt: m.receivedAt.toISOString(),
      status: m.status,
      message: parse(m.payload),
    })),
    messagesOut: outbound.map((m) => ({
      id: m.waMessageId,
      kind: m.kind,
      message: parse(m.body),
      status: m.status,
      errorCode: m.errorCode,
      createdAt: m.createdAt.toISOString(),
      sentAt: m.sentAt?.toISOString() ?? null,
      deliveredAt: m.deliveredAt?.toISOString() ?? null,
      readAt: m.readAt?.toISOString() ?? null,
    })),
    statuses: statuses.map((s) => ({
      messageId: s.waMessageId,
      status: s.status,
      timestamp: s.timestamp.toISOString(),
      errorCode: s.errorCode,
    })),
    pendingEffects: effects
      .filter((e) => e.status !== 'done')
      .map((e) => ({ kind: e.kind, status: e.status, createdAt: e.createdAt.toISOString(), params: parse(e.payload) })),
    consent: consent.map((c) => ({
      purpose: c.purpose,
      granted: c.granted,
      source: c.source,
      textVersion: c.textVersion,
      at: c.createdAt.toISOString(),
    })),
  };
}

/**
 * What the chat tells a person who asks "¿qué datos tenéis de mí?": facts only — the catalog turns
 * them into a sentence in the person's language and register (no strings here).
 */
export type PrivacySummary = PrivacyFacts;

/** "+34 ••• •• 44", "+1 ••• •• 08": the country's calling code as it is (1 to 3 digits), the last two digits. */
export function maskPhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length <= 4) return '••••';
  const country = parsePhoneNumberFromString(`+${digits}`)?.countryCallingCode ?? digits.slice(0, 2);
  return `+${country} ••• •• ${digits.slice(-2)}`;
}

export async function summarise(
  prisma: Db,
  contactId: string,
  now: Date,
  retentionDays: number,
): Promise<PrivacySummary> {
  const contact = await prisma.contact.findUnique({ where: { id: contactId } });
  if (!contact) throw new UnknownContactError(contactId);
  const [upcoming, past, received, sent, feedback] = await Promise.all([
    // issue 9/14 (session 3): upcoming = still on (accepted or awaiting the host), not cancelled or moved;
    // past = those that took place.
    prisma.booking.count({ where: { contactId, start: { gt: now }, status: { in: ['accepted', 'pending'] } } }),
    prisma.booking.count({ where: { contactId, start: { lte: now }, status: 'accepted', noShow: false } }),
    prisma.inboxMessage.count({ where: { phone: contact.phone } }),
    prisma.outboundMessage.count({ where: { phone: contact.phone } }),
    prisma.feedback.count({ where: { booking: { contactId } } }),
  ]);
  return {
    name: contact.name,
    email: contact.email,
    phoneMasked: maskPhone(contact.phone),
    since: contact.createdAt.toISOString(),
    bookings: { upcoming, past },
    messages: { received, sent },
    feedback,
    marketingConsent: contact.marketingConsent,
    optedOut: Boolean(contact.optedOutAt),
    retentionDays,
  };
}
