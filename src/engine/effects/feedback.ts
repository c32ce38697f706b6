/** Feedback effects: the rating and comment after an appointment. */
import type { Handler } from './types.js';

export const recordFeedback: Handler<'recordFeedback'> = {
  async run(p, _run, deps) {
    const booking = await deps.prisma.booking.findUnique({ where: { uid: p.bookingUid } });
    if (!booking) return null;
    const existing = await deps.prisma.feedback.findFirst({ where: { bookingId: booking.id } });
    if (existing) {
      await deps.prisma.feedback.update({
        where: { id: existing.id },
        data: { ...(p.rating ? { rating: p.rating } : {}), ...(p.comment ? { comment: p.comment } : {}) },
      });
    } else if (p.rating) {
      await deps.prisma.feedback.create({
        data: { bookingId: booking.id, rating: p.rating, comment: p.comment ?? null },
      });
    }
    return null;
  },
};
