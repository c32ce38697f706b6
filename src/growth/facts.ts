/**
 * What a contact's score is made of, read from the database: their bookings (kept, missed,
 * cancelled, upcoming), ratings, and how fast they read and tap our messages.
 */
import type { Db } from '../db/client.js';

export interface ContactFacts {
  /** Past appointments they came to (accepted, ended, not a no-show). */
  kept: number;
  /** Kept in the last 365 days. */
  keptLastYear: number;
  noShows: number;
  cancellations: number;
  upcoming: number;
  /** Days since the last kept appointment, or null when none. */
  daysSinceLastVisit: number | null;
  /** Average rating 1–5, or null. */
  averageRating: number | null;
  ratings: number;
  /** Median minutes from sent to read / to their tap on it, or null with no data. */
  medianReadMinutes: number | null;
  medianTapMinutes: number | null;
}

const DAY = 86_400_000;

const median = (xs: number[]): number | null => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/** The facts of one contact as of `now` (the last 50 bookings and 30 messages). */
export async function readFacts(prisma: Db, contact: { id: string; phone: string }, now: Date): Promise<ContactFacts> {
  const [bookings, messages] = await Promise.all([
    prisma.booking.findMany({
      where: { contactId: contact.id },
      orderBy: { start: 'desc' },
      take: 50,
      include: { feedback: { select: { rating: true } } },
    }),
    prisma.outboundMessage.findMany({
      where: { phone: contact.phone, sentAt: { not: null } },
      orderBy: { createdAt: 'desc' },
      take: 30,
      select: { waMessageId: true, sentAt: true, readAt: true },
    }),
  ]);
  const t = now.getTime();
  const past = bookings.filter((b) => b.end.getTime() <= t);
  const kept = past.filter((b) => b.status === 'accepted' && !b.noShow);
  const ratings = bookings.flatMap((b) => b.feedback.map((f) => f.rating));
  const ids = messages.map((m) => m.waMessageId).filter((x): x is string => Boolean(x));
  const taps = ids.length ? await prisma.messageTap.findMany({ where: { waMessageId: { in: ids } } }) : [];
  const sentAt = new Map(messages.map((m) => [m.waMessageId, m.sentAt!.getTime()]));
  const last = kept[0];
  return {
    kept: kept.length,
    keptLastYear: kept.filter((b) => t - b.start.getTime() <= 365 * DAY).length,
    noShows: bookings.filter((b) => b.noShow).length,
    cancellations: bookings.filter((b) => b.status === 'cancelled').length,
    upcoming: bookings.filter((b) => b.status === 'accepted' && b.start.getTime() > t).length,
    daysSinceLastVisit: last ? Math.floor((t - last.end.getTime()) / DAY) : null,
    averageRating: ratings.length ? ratings.reduce((a, b) => a + b, 0) / ratings.length : null,
    ratings: ratings.length,
    medianReadMinutes: median(
      messages.filter((m) => m.readAt).map((m) => Math.max(0, m.readAt!.getTime() - m.sentAt!.getTime()) / 60_000),
    ),
    medianTapMinutes: median(
      taps
        .filter((x) => sentAt.has(x.waMessageId))
        .map((x) => Math.max(0, x.at.getTime() - sentAt.get(x.waMessageId)!) / 60_000),
    ),
  };
}
