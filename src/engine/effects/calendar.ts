/**
 * Calendar effects: find slots, hold one, book, move, cancel, confirm attendance, retry later.
 *
 * Exactly once across crashes and retries:
 * - holds are recorded per person (SlotHold): a new hold first releases the person's earlier ones,
 *   and the same slot reuses a live hold — a person's own hold never refuses them (that loop made
 *   444 rounds in 11 s);
 * - a booking carries Reserva's operation id (`reservaOperation` = the outbox row) in its metadata;
 *   a retry of the same effect first looks for the booking that id made, so a booking created
 *   before a crash is found again, not made twice nor orphaned;
 * - retries after a calendar failure are bounded (MAX_RETRIES per person and message).
 */
import { DateTime } from 'luxon';
import type { BookingSummary, SlotOption, When } from '../../../machines/types.js';
import { rankAlternatives } from '../../calendar/ranking.js';
import { CalendarError, type CalBooking } from '../../calendar/types.js';
import { scheduleJob } from '../../scheduler/index.js';
import type { EffectDeps, Handler } from './types.js';

/** Retries (`scheduleRetry`) after calendar failures, per person, since their last message. */
export const MAX_RETRIES = 3;
const OPERATION_KEY = 'reservaOperation';

export function summary(b: CalBooking): BookingSummary {
  return { uid: b.uid, start: b.start, end: b.end, title: b.title };
}

const reason = (err: unknown): 'slot_unavailable' | 'unavailable' =>
  err instanceof CalendarError && err.code === 'slot_unavailable' ? 'slot_unavailable' : 'unavailable';

const iso = (d: DateTime): string => d.toUTC().toISO() ?? d.toJSDate().toISOString();

/** The instants the person's request covers, and a wider window to fall back on when it's full. */
export function searchWindow(
  when: When | null,
  now: Date,
  timeZone: string,
): { from: string; to: string; exact: string | null; wide: { from: string; to: string } } {
  const nowDt = DateTime.fromJSDate(now).setZone(timeZone);
  if (!when) {
    const to = nowDt.plus({ days: 14 }).endOf('day');
    return { from: iso(nowDt), to: iso(to), exact: null, wide: { from: iso(nowDt), to: iso(to) } };
  }
  const start = DateTime.fromISO(when.start, { setZone: true }).setZone(timeZone);
  const end = DateTime.fromISO(when.end, { setZone: true }).setZone(timeZone);
  const precise = when.grain === 'minute' || when.grain === 'hour';
  const from = precise ? DateTime.max(start.startOf('day'), nowDt) : DateTime.max(start, nowDt);
  const to = precise ? start.endOf('day') : end;
  return {
    from: iso(from),
    to: iso(to),
    exact: precise ? iso(start) : null,
    wide: {
      from: iso(DateTime.max(start.startOf('day').minus({ days: 3 }), nowDt)),
      to: iso(start.startOf('day').plus({ days: 10 })),
    },
  };
}

async function mirror(deps: EffectDeps, contactId: string, b: CalBooking, replaces?: string): Promise<void> {
  await deps.bookings.record(
    contactId,
    {
      uid: b.uid,
      provider: deps.calendar.name,
      eventTypeId: b.eventTypeId,
      title: b.title,
      start: new Date(b.start),
      end: new Date(b.end),
      status: b.status === 'cancelled' ? 'cancelled' : 'accepted',
    },
    { replaces },
  );
}

export const findSlots: Handler<'findSlots'> = {
  calendar: true,
  giveUp: () => ({ type: 'SLOTS_FAILED' }),
  async run(p, _run, deps) {
    const when = p.when ?? null;
    const win = searchWindow(when, deps.now(), deps.timeZone);
    // Slots the person turned down in this flow ("Otra hora") are not offered again.
    const excluded = new Set((p.exclude ?? []).map((s) => Date.parse(s)));
    const keep = (s: { start: string }) => !excluded.has(Date.parse(s.start));
    try {
      const [all, busy, hours] = await Promise.all([
        deps.calendar.getSlots({ from: win.from, to: win.to, timeZone: deps.timeZone }),
        deps.calendar.getBusy
          ? deps.calendar.getBusy({ from: win.wide.from, to: win.wide.to }).catch(() => [])
          : Promise.resolve([]),
        deps.calendar.openingHours().catch(() => undefined),
      ]);
      const slots = all.filter(keep);
      const withHours = hours ? { hours } : {};
      const exactAt = win.exact ? Date.parse(win.exact) : null;
      const exact = exactAt !== null ? (slots.find((s) => Date.parse(s.start) === exactAt) ?? null) : null;
      if (exact) return { type: 'SLOTS_LOADED', exact, options: [], widened: false, ...withHours };
      let options = rankAlternatives({ requested: when, slots, busy, timeZone: deps.timeZone, limit: 10 });
      let widened = false;
      if (!options.length && when) {
        const wide = (
          await deps.calendar.getSlots({ from: win.wide.from, to: win.wide.to, timeZone: deps.timeZone })
        ).filter(keep);
        const requested =
          when.grain === 'minute' || when.grain === 'hour'
            ? when
            : { ...when, grain: 'minute' as const, end: when.start };
        options = rankAlternatives({ requested, slots: wide, busy, timeZone: deps.timeZone, limit: 10 });
        widened = options.length > 0;
      }
      return {
        type: 'SLOTS_LOADED',
        exact: null,
        options: options.map((s): SlotOption => ({ start: s.start, end: s.end })),
        widened,
        ...withHours,
      };
    } catch (err) {
      deps.logger.warn({ err: (err as Error).message }, 'slots lookup failed');
      return { type: 'SLOTS_FAILED' };
    }
  },
};

export const holdSlot: Handler<'holdSlot'> = {
  calendar: true,
  giveUp: () => ({ type: 'HOLD_FAILED', reason: 'unavailable' }),
  async run(p, run, deps) {
    const nowMs = deps.now().getTime();
    const mine = await deps.prisma.slotHold.findMany({ where: { contactId: run.contact.id } });
    const at = Date.parse(p.slot.start);
    // The person's own live hold on this very slot: reuse it (Cal.com would refuse a second one).
    const same = mine.find((h) => Date.parse(h.start) === at && Number(h.untilMs) > nowMs + 30_000);
    if (same)
      return {
        type: 'HOLD_OK',
        reservationUid: same.reservationUid,
        until: new Date(Number(same.untilMs)).toISOString(),
      };
    // Any other hold of theirs goes first: one person holds one slot at a time.
    for (const h of mine) {
      await deps.calendar.releaseReservation(h.reservationUid).catch(() => {});
      await deps.prisma.slotHold.deleteMany({ where: { reservationUid: h.reservationUid } });
    }
    try {
      const r = await calendarOf(deps, p.slot).reserveSlot({ start: p.slot.start });
      await deps.prisma.slotHold.create({
        data: {
          reservationUid: r.reservationUid,
          contactId: run.contact.id,
          start: p.slot.start,
          untilMs: BigInt(Date.parse(r.until) || nowMs + 5 * 60_000),
        },
      });
      return { type: 'HOLD_OK', reservationUid: r.reservationUid, until: r.until };
    } catch (err) {
      return { type: 'HOLD_FAILED', reason: reason(err) };
    }
  },
};

export const releaseHold: Handler<'releaseHold'> = {
  calendar: true,
  async run(p, _run, deps) {
    if (!p.reservationUid) return null;
    await deps.calendar.releaseReservation(p.reservationUid).catch(() => {});
    await deps.prisma.slotHold.deleteMany({ where: { reservationUid: p.reservationUid } });
    return null;
  },
};

export const createBooking: Handler<'createBooking'> = {
  calendar: true,
  giveUp: () => ({ type: 'BOOK_FAILED', reason: 'unavailable' }),
  async run(p, run, deps) {
    const c = run.contact;
    const operation = `effect:${run.seq}`;
    try {
      // Tried before (the process died or the answer was lost): the booking may exist already.
      let booking = run.attempt > 1 ? await findByOperation(deps, p.slot.start, operation) : null;
      booking ??= await calendarOf(deps, p.slot).createBooking({
        start: p.slot.start,
        reservationUid: p.reservationUid,
        attendee: {
          name: p.attendeeName || c.name || `WhatsApp +${c.phone}`,
          timeZone: deps.timeZone,
          phoneNumber: `+${c.phone}`,
          ...(p.attendeeEmail || c.email ? { email: p.attendeeEmail || c.email || undefined } : {}),
          language: run.facts.language,
        },
        metadata: { source: 'reserva-whatsapp', contactId: c.id, [OPERATION_KEY]: operation },
      });
      await mirror(deps, c.id, booking);
      if (p.reservationUid) await deps.prisma.slotHold.deleteMany({ where: { reservationUid: p.reservationUid } });
      // A name typed in the chat is kept for next time.
      if (!c.name && p.attendeeName)
        await deps.prisma.contact.update({ where: { id: c.id }, data: { name: String(p.attendeeName).slice(0, 60) } });
      return { type: 'BOOKED', booking: summary(booking) };
    } catch (err) {
      deps.logger.warn({ err: (err as Error).message }, 'booking failed');
      // A timeout or 5xx may still have created it: look once before saying it failed.
      const made = reason(err) === 'unavailable' ? await findByOperation(deps, p.slot.start, operation) : null;
      if (made) {
        await mirror(deps, c.id, made);
        return { type: 'BOOKED', booking: summary(made) };
      }
      return { type: 'BOOK_FAILED', reason: reason(err) };
    }
  },
};

async function findByOperation(deps: EffectDeps, start: string, operation: string): Promise<CalBooking | null> {
  if (!deps.calendar.findBookingByMetadata) return null;
  try {
    return await deps.calendar.findBookingByMetadata({ start, key: OPERATION_KEY, value: operation });
  } catch (err) {
    deps.logger.warn({ err: (err as Error).message }, 'could not look for a booking made by an earlier attempt');
    return null;
  }
}

export const rescheduleBooking: Handler<'rescheduleBooking'> = {
  calendar: true,
  giveUp: () => ({ type: 'RESCHEDULE_FAILED', reason: 'unavailable' }),
  async run(p, run, deps) {
    try {
      const booking = await deps.calendar.rescheduleBooking({
        uid: p.uid,
        start: p.slot.start,
        reason: 'Rescheduled by the attendee on WhatsApp',
      });
      await mirror(deps, run.contact.id, booking, p.uid);
      return { type: 'RESCHEDULED', booking: summary(booking) };
    } catch (err) {
      deps.logger.warn({ err: (err as Error).message }, 'reschedule failed');
      return { type: 'RESCHEDULE_FAILED', reason: reason(err) };
    }
  },
};

export const cancelBooking: Handler<'cancelBooking'> = {
  calendar: true,
  giveUp: () => ({ type: 'CANCEL_FAILED', reason: 'unavailable' }),
  async run(p, run, deps) {
    try {
      await deps.calendar.cancelBooking({ uid: p.uid, reason: p.reason });
    } catch (err) {
      const gone = err instanceof CalendarError && err.code === 'not_found';
      // Cancelled by an earlier attempt whose answer was lost: that is the result we wanted.
      const already =
        !gone &&
        (await deps.calendar
          .getBooking(p.uid)
          .then((b) => b.status === 'cancelled')
          .catch(() => false));
      if (!gone && !already) return { type: 'CANCEL_FAILED', reason: 'unavailable' };
    }
    await deps.bookings.retire(p.uid, run.contact.id, { status: 'cancelled', cancellationReason: p.reason });
    return { type: 'CANCELLED', uid: p.uid };
  },
};

export const confirmAttendance: Handler<'confirmAttendance'> = {
  async run(p, _run, deps) {
    await deps.bookings.confirmAttendance(p.uid, deps.now());
    await deps.calendar
      .updateBookingMetadata?.(p.uid, { attendeeConfirmed: 'yes', attendeeConfirmedAt: deps.now().toISOString() })
      .catch((err: Error) => deps.logger.warn({ err: err.message }, 'could not note the confirmation on the calendar'));
    return { type: 'ATTENDANCE_CONFIRMED', uid: p.uid };
  },
};

export const scheduleRetry: Handler<'scheduleRetry'> = {
  async run(p, run, deps) {
    const since = run.contact.lastInboundAt ?? new Date(0);
    const retries = await deps.prisma.job.count({
      where: { kind: 'conversation.event', key: { startsWith: `retry:${run.contact.id}:` }, createdAt: { gte: since } },
    });
    if (retries >= MAX_RETRIES) {
      deps.logger.warn(
        { contactId: run.contact.id, retries },
        'calendar still failing after the retries: waiting for the person to write again',
      );
      return null;
    }
    await scheduleJob(
      deps.prisma,
      {
        kind: 'conversation.event',
        key: `retry:${run.contact.id}:${run.seq}`,
        dueAt: new Date(deps.now().getTime() + Number(p.afterMs ?? 120_000)),
        payload: { contactId: run.contact.id, event: { type: 'RETRY' } },
      },
      { now: deps.now },
    );
    return null;
  },
};

/** Growth (issue 16): a slot of another event type (an add-on) is held and booked on its own calendar. */
function calendarOf(deps: EffectDeps, slot: { eventTypeId?: number }) {
  return (slot.eventTypeId !== undefined && deps.calendarFor?.(slot.eventTypeId)) || deps.calendar;
}
