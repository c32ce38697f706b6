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
 * - retries after a calendar failure are bounded (MAX_RETRIES per person and message);
 * - issue 10: every create / move / cancel is recorded (CalOperation) BEFORE Cal.com is called, so
 *   the webhook Cal.com sends about it (before answering, or racing the answer) is known as ours;
 *   Cal.com's refusals the person can act on come back typed (too soon, too far, …) and release the
 *   hold; required booking questions are asked; the phone goes as the E.164 number Cal.com accepts.
 */
import { DateTime } from 'luxon';
import type { BookingQuestion, BookingSummary, RefusalReason, SlotOption, When } from '../../../machines/types.js';
import { isPoint } from '../../../machines/when.js';
import { rankAlternatives } from '../../calendar/ranking.js';
import { CalendarError, type CalBooking } from '../../calendar/types.js';
import { zoneOfPhone } from '../../conversation/phone-zone.js';
import { createOperations } from '../../lifecycle/operations.js';
import { isBsuid, toE164 } from '../../phone/normalise.js';
import { scheduleJob } from '../../scheduler/index.js';
import { zone } from '../../time/zone.js';
import type { EffectDeps, Handler } from './types.js';

/** Retries (`scheduleRetry`) after calendar failures, per person, since their last message. */
export const MAX_RETRIES = 3;
const OPERATION_KEY = 'reservaOperation';

export function summary(b: CalBooking): BookingSummary {
  return { uid: b.uid, start: b.start, end: b.end, title: b.title, ...(b.location ? { location: b.location } : {}) };
}

const reason = (err: unknown): 'slot_unavailable' | 'unavailable' =>
  err instanceof CalendarError && err.code === 'slot_unavailable' ? 'slot_unavailable' : 'unavailable';

/**
 * Issue 10: why the calendar said no, as the machine knows it: a refusal the person can act on,
 * the slot taken, or "calendar down" (5xx, timeouts, refused connections, anything unexpected).
 */
function failure(err: unknown): 'slot_unavailable' | 'unavailable' | RefusalReason {
  if (err instanceof CalendarError && err.code === 'refused' && err.refusal && err.refusal !== 'out_of_bounds')
    return err.refusal;
  return reason(err);
}

/** A refusal surely took no effect on Cal.com; a timeout or a 5xx may have. */
const surelyNotDone = (err: unknown) =>
  err instanceof CalendarError &&
  (err.code === 'refused' || err.code === 'slot_unavailable' || err.code === 'bad_request');

/** The attendee's own zone when their number suggests one (issue 10), else the business's. */
function attendeeZone(phone: string, businessZone: string): string {
  if (isBsuid(phone)) return businessZone;
  const theirs = zoneOfPhone(phone);
  return theirs && DateTime.local().setZone(theirs).isValid ? theirs : businessZone;
}

/** The UTC ISO instant (what `d.toUTC().toISO()` says, without the copy); throws for an invalid d, as before. */
const iso = (d: DateTime): string => new Date(d.toMillis()).toISOString();

/** The instants the person's request covers, and a wider window to fall back on when it's full. */
export function searchWindow(
  when: When | null,
  now: Date,
  timeZone: string,
): { from: string; to: string; exact: string | null; wide: { from: string; to: string } } {
  const z = zone(timeZone);
  const nowDt = DateTime.fromJSDate(now).setZone(z);
  if (!when) {
    const to = nowDt.plus({ days: 14 }).endOf('day');
    return { from: iso(nowDt), to: iso(to), exact: null, wide: { from: iso(nowDt), to: iso(to) } };
  }
  const start = DateTime.fromISO(when.start, { setZone: true }).setZone(z);
  const end = DateTime.fromISO(when.end, { setZone: true }).setZone(z);
  // A time of day; "antes de las 11:30" (a stretch with a clock time's grain) is searched as asked.
  const precise = isPoint(when);
  const day = start.startOf('day');
  const from = precise ? DateTime.max(day, nowDt) : DateTime.max(start, nowDt);
  const to = precise ? start.endOf('day') : end;
  return {
    from: iso(from),
    to: iso(to),
    exact: precise ? iso(start) : null,
    wide: {
      from: iso(DateTime.max(day.minus({ days: 3 }), nowDt)),
      to: iso(day.plus({ days: 10 })),
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
      status: b.status === 'cancelled' ? 'cancelled' : b.status === 'pending' ? 'pending' : 'accepted',
      ...(b.location ? { location: b.location } : {}),
    },
    { replaces },
  );
}

export const findSlots: Handler<'findSlots'> = {
  calendar: true,
  keepsTurnState: true, // reads the calendar only
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
  keepsTurnState: true, // writes SlotHold only
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
  keepsTurnState: true, // writes SlotHold only
  skip: (p) => !p.reservationUid,
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
    // Issue 10: the event type's required questions not answered yet are asked in the chat first.
    const missing = await unansweredFields(deps, p.answers);
    if (missing.length) return { type: 'BOOK_FAILED', reason: 'missing_fields', fields: missing };
    // A username (no phone) and no e-mail: Cal.com takes no attendee without either; ask the e-mail.
    if (isBsuid(c.phone) && !(p.attendeeEmail || c.email)) return { type: 'BOOK_FAILED', reason: 'invalid_phone' };
    const ops = createOperations(deps.prisma, deps.now);
    const opId = await ops.record({ kind: 'create', contactId: c.id, start: p.slot.start });
    try {
      // Tried before (the process died or the answer was lost): the booking may exist already.
      let booking = run.attempt > 1 ? await findByOperation(deps, p.slot.start, operation) : null;
      // E.164 as Cal.com validates it; a number no reading makes valid still goes as written, so
      // Cal.com's refusal (invalid phone) is told as such, never as "calendar down".
      const phone = toE164(c.phone) ?? (isBsuid(c.phone) ? undefined : `+${c.phone.replace(/\D/g, '')}`);
      booking ??= await calendarOf(deps, p.slot).createBooking({
        start: p.slot.start,
        reservationUid: p.reservationUid,
        attendee: {
          name: p.attendeeName || c.name || (phone ? `WhatsApp ${phone}` : 'WhatsApp'),
          timeZone: attendeeZone(c.phone, deps.timeZone),
          ...(phone ? { phoneNumber: phone } : {}),
          ...(p.attendeeEmail || c.email ? { email: p.attendeeEmail || c.email || undefined } : {}),
          language: run.facts.language,
        },
        // The wa_id stays in metadata even when Cal.com does not take the phone.
        metadata: { source: 'reserva-whatsapp', contactId: c.id, whatsapp: c.phone, [OPERATION_KEY]: operation },
        ...(p.answers && Object.keys(p.answers).length ? { bookingFieldsResponses: answersFor(p.answers) } : {}),
      });
      await ops.settle(opId, { status: 'done', resultUid: booking.uid });
      await mirror(deps, c.id, booking);
      if (p.reservationUid) await deps.prisma.slotHold.deleteMany({ where: { reservationUid: p.reservationUid } });
      // A name typed in the chat is kept for next time.
      if (!c.name && p.attendeeName)
        await deps.prisma.contact.update({ where: { id: c.id }, data: { name: String(p.attendeeName).slice(0, 60) } });
      return { type: 'BOOKED', booking: summary(booking), ...(booking.status === 'pending' ? { pending: true } : {}) };
    } catch (err) {
      deps.logger.warn({ err: (err as Error).message }, 'booking failed');
      // A timeout or 5xx may still have created it: look once before saying it failed.
      const made =
        reason(err) === 'unavailable' && !surelyNotDone(err)
          ? await findByOperation(deps, p.slot.start, operation)
          : null;
      if (made) {
        await ops.settle(opId, { status: 'done', resultUid: made.uid });
        await mirror(deps, c.id, made);
        return { type: 'BOOKED', booking: summary(made), ...(made.status === 'pending' ? { pending: true } : {}) };
      }
      if (surelyNotDone(err)) await ops.settle(opId, { status: 'failed' });
      const why = failure(err);
      if (why === 'missing_fields') {
        const fields = await unansweredFields(deps, p.answers);
        return { type: 'BOOK_FAILED', reason: why, ...(fields.length ? { fields } : {}) };
      }
      return { type: 'BOOK_FAILED', reason: why };
    }
  },
};

/** The event type's required booking questions without an answer yet (issue 10). */
async function unansweredFields(deps: EffectDeps, answers?: Record<string, string>): Promise<BookingQuestion[]> {
  const fields = await deps
    .eventType()
    .then((et) => et.bookingFields ?? [])
    .catch(() => []);
  return fields.filter((f) => answers?.[f.slug] === undefined);
}

/** The answers as Cal.com's bookingFieldsResponses: yes/no questions as booleans. */
function answersFor(answers: Record<string, string>): Record<string, string | boolean> {
  return Object.fromEntries(
    Object.entries(answers).map(([k, v]) => [k, v === 'true' ? true : v === 'false' ? false : v]),
  );
}

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
    const ops = createOperations(deps.prisma, deps.now);
    const opId = await ops.record({ kind: 'reschedule', contactId: run.contact.id, uid: p.uid, start: p.slot.start });
    try {
      // Tried before (the process died or the answer was lost): the move may have happened already.
      let booking = run.attempt > 1 ? await findMove(deps, p.uid, p.slot.start) : null;
      booking ??= await deps.calendar.rescheduleBooking({
        uid: p.uid,
        start: p.slot.start,
        reason: 'Rescheduled by the attendee on WhatsApp',
      });
      await ops.settle(opId, { status: 'done', resultUid: booking.uid });
      await mirror(deps, run.contact.id, booking, p.uid);
      return { type: 'RESCHEDULED', booking: summary(booking) };
    } catch (err) {
      deps.logger.warn({ err: (err as Error).message }, 'reschedule failed');
      // A timeout or 5xx may still have moved it: look once before saying it failed.
      const moved = !surelyNotDone(err) ? await findMove(deps, p.uid, p.slot.start) : null;
      if (moved) {
        await ops.settle(opId, { status: 'done', resultUid: moved.uid });
        await mirror(deps, run.contact.id, moved, p.uid);
        return { type: 'RESCHEDULED', booking: summary(moved) };
      }
      if (surelyNotDone(err)) await ops.settle(opId, { status: 'failed' });
      return { type: 'RESCHEDULE_FAILED', reason: failure(err) };
    }
  },
};

/**
 * The booking an earlier attempt moved `uid` to (issue 12): Cal.com marks the old booking with
 * `rescheduledToUid`; the new one counts only when it is at the time asked for.
 */
async function findMove(deps: EffectDeps, uid: string, start: string): Promise<CalBooking | null> {
  try {
    const old = await deps.calendar.getBooking(uid);
    if (!old.rescheduledToUid) return null;
    const moved = await deps.calendar.getBooking(old.rescheduledToUid);
    return Date.parse(moved.start) === Date.parse(start) ? moved : null;
  } catch (err) {
    deps.logger.warn({ err: (err as Error).message }, 'could not look for a move made by an earlier attempt');
    return null;
  }
}

/**
 * Cancels one booking on the calendar and in the mirror — the one way to cancel, for the chat's
 * cancel effect and for erasure from the admin API. The operation is recorded first (so Cal.com's
 * webhook about it is known as ours); a booking Cal.com no longer has, or one an earlier attempt
 * already cancelled, counts as cancelled. False: the calendar could not do it now.
 */
export async function cancelUpstream(
  deps: Pick<EffectDeps, 'prisma' | 'now' | 'calendar' | 'bookings'>,
  contactId: string,
  uid: string,
  reason?: string,
): Promise<boolean> {
  const ops = createOperations(deps.prisma, deps.now);
  const opId = await ops.record({ kind: 'cancel', contactId, uid });
  try {
    await deps.calendar.cancelBooking({ uid, reason });
  } catch (err) {
    const gone = err instanceof CalendarError && err.code === 'not_found';
    // Cancelled by an earlier attempt whose answer was lost: that is the result we wanted.
    const already =
      !gone &&
      (await deps.calendar
        .getBooking(uid)
        .then((b) => b.status === 'cancelled')
        .catch(() => false));
    if (!gone && !already) {
      if (surelyNotDone(err)) await ops.settle(opId, { status: 'failed' });
      return false;
    }
  }
  await ops.settle(opId, { status: 'done' });
  await deps.bookings.retire(uid, contactId, { status: 'cancelled', cancellationReason: reason ?? null });
  return true;
}

export const cancelBooking: Handler<'cancelBooking'> = {
  calendar: true,
  giveUp: () => ({ type: 'CANCEL_FAILED', reason: 'unavailable' }),
  async run(p, run, deps) {
    return (await cancelUpstream(deps, run.contact.id, p.uid, p.reason))
      ? { type: 'CANCELLED', uid: p.uid }
      : { type: 'CANCEL_FAILED', reason: 'unavailable' };
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
