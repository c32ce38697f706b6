/**
 * Erasure (GDPR art. 17): everything linked to a contact goes, in one transaction — the contact,
 * conversation snapshot, bookings mirror, feedback and scores, consent history, export links,
 * inbox payloads, outbox effects, sent-message bodies and their delivery statuses, its scheduled
 * jobs, the Cal.com webhook copies that name it, and the demo calendar's attendee details. Only the
 * salted hash of the number stays on the suppression list, and only when the person had opted out:
 * a later message from that number starts a fresh contact that is still opted out.
 *
 * Upcoming bookings are cancelled on Cal.com by the chat flow (after asking) BEFORE it calls this:
 * erasure itself never touches the calendar provider. Other modules that keep personal data (hand-off
 * notes, Chatwoot mirror…) pass an `Eraser` so their rows go in the same transaction.
 */
import type { Db, Tx } from '../db/client.js';
import { UnknownContactError } from './consent.js';
import { hashPhone } from './phone-hash.js';

export interface ErasureSubject {
  contactId: string;
  phone: string;
  email: string | null;
  bookingUids: string[];
}

/** Deletes a module's rows about the subject inside the erasure transaction; returns how many. */
export type Eraser = (tx: Tx, subject: ErasureSubject) => Promise<number>;

export interface ErasureReport {
  contactId: string;
  /** The number's hash stays on the suppression list (the person had opted out). */
  keptOnSuppressionList: boolean;
  /** Rows deleted or anonymised, per table. */
  counts: Record<string, number>;
}

export async function eraseContact(
  prisma: Db,
  salt: string,
  contactId: string,
  opts: { now: Date; erasers?: Record<string, Eraser> },
): Promise<ErasureReport> {
  return prisma.$transaction(async (tx) => {
    const contact = await tx.contact.findUnique({
      where: { id: contactId },
      include: { bookings: { select: { id: true, uid: true } } },
    });
    if (!contact) throw new UnknownContactError(contactId);
    const subject: ErasureSubject = {
      contactId,
      phone: contact.phone,
      email: contact.email,
      bookingUids: contact.bookings.map((b) => b.uid),
    };
    const bookingIds = contact.bookings.map((b) => b.id);
    const counts: Record<string, number> = {};
    const phoneHash = hashPhone(salt, contact.phone);
    const suppressed = Boolean(await tx.suppressedNumber.findUnique({ where: { phoneHash } }));
    let kept = suppressed;
    if (contact.optedOutAt && !suppressed) {
      await tx.suppressedNumber.create({ data: { phoneHash, reason: 'opt-out', createdAt: opts.now } });
      kept = true;
    }

    for (const [name, eraser] of Object.entries(opts.erasers ?? {}))
      counts[name] = await eraser(tx as unknown as Tx, subject);

    const outbound = await tx.outboundMessage.findMany({
      where: { phone: contact.phone },
      select: { waMessageId: true },
    });
    const waIds = outbound.map((o) => o.waMessageId).filter((id): id is string => Boolean(id));
    counts.messageStatusEvent = waIds.length
      ? (await tx.messageStatusEvent.deleteMany({ where: { waMessageId: { in: waIds } } })).count
      : 0;
    counts.outboundMessage = (await tx.outboundMessage.deleteMany({ where: { phone: contact.phone } })).count;
    counts.inboxMessage = (await tx.inboxMessage.deleteMany({ where: { phone: contact.phone } })).count;
    counts.outboxEffect = (await tx.outboxEffect.deleteMany({ where: { contactId } })).count;
    counts.feedback = (await tx.feedback.deleteMany({ where: { bookingId: { in: bookingIds } } })).count;
    counts.consentRecord = (await tx.consentRecord.deleteMany({ where: { contactId } })).count;
    counts.exportToken = (await tx.exportToken.deleteMany({ where: { contactId } })).count;

    // Jobs and Cal.com webhook copies refer to the person by contact id or booking uid in their JSON.
    const refs = [contactId, ...subject.bookingUids];
    counts.job = 0;
    counts.calWebhookEvent = 0;
    for (const ref of refs) {
      counts.job += (await tx.job.deleteMany({ where: { payload: { contains: ref } } })).count;
      counts.calWebhookEvent += (await tx.calWebhookEvent.deleteMany({ where: { payload: { contains: ref } } })).count;
    }
    counts.calWebhookEvent += (
      await tx.calWebhookEvent.deleteMany({ where: { payload: { contains: contact.phone } } })
    ).count;
    if (contact.email)
      counts.calWebhookEvent += (
        await tx.calWebhookEvent.deleteMany({ where: { payload: { contains: contact.email } } })
      ).count;

    // The demo calendar stands in for the business's calendar: the slot stays taken, the person goes.
    const demoWhere = {
      OR: [
        { uid: { in: subject.bookingUids } },
        { attendeePhone: { contains: contact.phone } },
        ...(contact.email ? [{ attendeeEmail: contact.email }] : []),
      ],
    };
    counts.demoBooking = (
      await tx.demoBooking.updateMany({
        where: demoWhere,
        data: { title: '[erased]', attendeeName: '[erased]', attendeeEmail: null, attendeePhone: null, metadata: null },
      })
    ).count;

    counts.conversation = (await tx.conversation.deleteMany({ where: { contactId } })).count;
    counts.booking = (await tx.booking.deleteMany({ where: { contactId } })).count;
    await tx.contact.delete({ where: { id: contactId } });
    counts.contact = 1;
    return { contactId, keptOnSuppressionList: kept, counts };
  });
}
