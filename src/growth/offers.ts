/**
 * Promotional offer rows (GrowthOffer): claimed once per kind and booking before anything is sent,
 * counted for the frequency cap, and marked converted when the person books within the
 * attribution window (an upsell only by booking the add-on's event type).
 */
import type { Db } from '../db/client.js';

export type OfferKind = 'upsell' | 'winback';

/** Claims the offer for this booking; false when it was claimed before (at most once per booking). */
export async function claimOffer(
  prisma: Db,
  o: { kind: OfferKind; contactId: string; sourceBookingUid: string; variant: string; eventTypeId: number; now: Date },
): Promise<string | null> {
  try {
    const row = await prisma.growthOffer.create({
      data: {
        kind: o.kind,
        contactId: o.contactId,
        sourceBookingUid: o.sourceBookingUid,
        variant: o.variant,
        eventTypeId: o.eventTypeId,
        slots: '[]',
        status: 'pending',
        sentAt: o.now,
      },
    });
    return row.id;
  } catch (err) {
    if ((err as { code?: string }).code === 'P2002') return null;
    throw err;
  }
}

export async function settleOffer(
  prisma: Db,
  id: string,
  o: { status: 'sent' | 'withheld' | 'skipped' | 'failed'; reason?: string; slots?: string[]; now: Date },
): Promise<void> {
  await prisma.growthOffer.update({
    where: { id },
    data: { status: o.status, reason: o.reason ?? null, slots: JSON.stringify(o.slots ?? []), sentAt: o.now },
  });
}

/** Promotional messages sent to the contact in the last `perDays` days. */
export async function sentRecently(prisma: Db, contactId: string, perDays: number, now: Date): Promise<number> {
  return prisma.growthOffer.count({
    where: { contactId, status: 'sent', sentAt: { gte: new Date(now.getTime() - perDays * 86_400_000) } },
  });
}

/**
 * A booking seen for the first time (the caller knows: its upsell job key was free): the latest
 * unconverted offer sent to the person within the window is its origin — a win-back offer, or an
 * upsell when the booking is of the add-on's event type. Called inside the booking's transaction.
 */
export async function attributeConversion(
  tx: Db,
  b: { uid: string; contactId: string },
  attributionDays: number,
  now: Date,
): Promise<void> {
  const booking = await tx.booking.findUnique({ where: { uid: b.uid }, select: { eventTypeId: true } });
  if (!booking) return;
  const offers = await tx.growthOffer.findMany({
    where: {
      contactId: b.contactId,
      status: 'sent',
      convertedAt: null,
      sentAt: { gte: new Date(now.getTime() - attributionDays * 86_400_000), lte: now },
    },
    orderBy: { sentAt: 'desc' },
  });
  const origin = offers.find((o) => o.kind === 'winback' || o.eventTypeId === booking.eventTypeId);
  if (origin)
    await tx.growthOffer.update({ where: { id: origin.id }, data: { convertedBookingUid: b.uid, convertedAt: now } });
}
