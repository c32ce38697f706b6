/**
 * Carries out the statecharts' effects on the calendar, WhatsApp and the database, and returns
 * the event that reports each result back to the machine (or null when there is none).
 */
import { replyMeta, withMeta } from '../insights/kinds.js';
import { DateTime } from 'luxon';
import type { BookingSummary, ConversationContext, ConversationEvent, ReplySpec, SlotOption, When } from '../../machines/types.js';
import { rankAlternatives } from '../calendar/ranking.js';
import { CalendarError, type CalBooking, type CalendarProvider, type EventTypeInfo } from '../calendar/types.js';
import { render } from '../conversation/copy.js';
import type { Db } from '../db/client.js';
import { scheduleJob } from '../scheduler/index.js';
import type { OutgoingMessage, WhatsAppSender } from '../whatsapp/types.js';
import { WhatsAppError } from '../whatsapp/types.js';
import type { Logger } from 'pino';

export interface EffectDeps {
  prisma: Db;
  calendar: CalendarProvider;
  sender: WhatsAppSender;
  timeZone: string;
  now: () => Date;
  logger: Logger;
  eventType: () => Promise<EventTypeInfo>;
  bookingUrl?: string;
  hooks: BookingHooks;
}

/** Lifecycle hooks (reminders, feedback): called inside the transaction that mirrors the booking change. */
export interface BookingHooks {
  onBooked(prisma: Db, booking: { uid: string; contactId: string; start: Date; end: Date }): Promise<void>;
  onCancelled(prisma: Db, booking: { uid: string; contactId: string }): Promise<void>;
  /**
   * The approved template to send instead of a reply when WhatsApp's 24-hour window is closed
   * (e.g. the rating question after an appointment), or null when the reply has none.
   */
  templateFor?(spec: ReplySpec, contact: ConversationContext['contact']): OutgoingMessage | null;
  /** Effects carried out outside the engine (hand-off: src/handoff); undefined when not one of them. */
  runEffect?(contact: ContactRow, effect: Effect): Promise<ConversationEvent | null> | undefined;
}

/** What sending a message needs. */
export type SendDeps = Pick<EffectDeps, 'prisma' | 'sender' | 'now' | 'logger'>;

/** WhatsApp's customer-service window: free-form messages only within 24 h of the person's last message. */
export const SERVICE_WINDOW_MS = 24 * 3_600_000;

export interface Effect {
  type: string;
  params: unknown;
}

export interface ContactRow {
  id: string;
  phone: string;
}

export function summary(b: CalBooking): BookingSummary {
  return { uid: b.uid, start: b.start, end: b.end, title: b.title };
}

const reason = (err: unknown): 'slot_unavailable' | 'unavailable' =>
  err instanceof CalendarError && err.code === 'slot_unavailable' ? 'slot_unavailable' : 'unavailable';

/** The instants the person's request covers, and a wider window to fall back on when it's full. */
export function searchWindow(when: When | null, now: Date, timeZone: string): { from: string; to: string; exact: string | null; wide: { from: string; to: string } } {
  const nowDt = DateTime.fromJSDate(now).setZone(timeZone);
  if (!when) {
    const to = nowDt.plus({ days: 14 }).endOf('day');
    return { from: nowDt.toUTC().toISO()!, to: to.toUTC().toISO()!, exact: null, wide: { from: nowDt.toUTC().toISO()!, to: to.toUTC().toISO()! } };
  }
  const start = DateTime.fromISO(when.start, { setZone: true }).setZone(timeZone);
  const end = DateTime.fromISO(when.end, { setZone: true }).setZone(timeZone);
  const precise = when.grain === 'minute' || when.grain === 'hour';
  const from = precise ? DateTime.max(start.startOf('day'), nowDt) : DateTime.max(start, nowDt);
  const to = precise ? start.endOf('day') : end;
  return {
    from: from.toUTC().toISO()!,
    to: to.toUTC().toISO()!,
    exact: precise ? start.toUTC().toISO()! : null,
    wide: { from: DateTime.max(start.startOf('day').minus({ days: 3 }), nowDt).toUTC().toISO()!, to: start.startOf('day').plus({ days: 10 }).toUTC().toISO()! },
  };
}

export async function sendReply(deps: SendDeps, contact: ContactRow, message: OutgoingMessage): Promise<void> {
  const row = await deps.prisma.outboundMessage.create({ data: { phone: contact.phone, kind: message.type, body: JSON.stringify(message), status: 'queued' } });
  try {
    const { messageId } = await deps.sender.send(contact.phone, message);
    await deps.prisma.outboundMessage.update({ where: { id: row.id }, data: { waMessageId: messageId, status: 'sent', sentAt: deps.now() } });
  } catch (err) {
    const code = err instanceof WhatsAppError ? err.code : undefined;
    await deps.prisma.outboundMessage.update({ where: { id: row.id }, data: { status: 'failed', errorCode: code ?? null, errorTitle: (err as Error).message.slice(0, 500) } });
    deps.logger.warn({ err: (err as Error).message, code, outboundId: row.id }, 'reply could not be sent');
    throw err;
  }
}

/**
 * Sends `freeForm` while the person's 24-hour window is open, `template` once it is closed (by the
 * last inbound message we stored, or because WhatsApp answers 131047). Exactly one of them
 * reaches the person. Resolves to which one was sent.
 */
export async function sendWindowAware(deps: SendDeps, contact: ContactRow, freeForm: OutgoingMessage, template: OutgoingMessage): Promise<'free-form' | 'template'> {
  const row = await deps.prisma.contact.findUnique({ where: { id: contact.id }, select: { lastInboundAt: true } });
  const last = row?.lastInboundAt?.getTime();
  const open = last !== undefined && deps.now().getTime() - last < SERVICE_WINDOW_MS;
  if (open) {
    try {
      await sendReply(deps, contact, freeForm);
      return 'free-form';
    } catch (err) {
      if (!(err instanceof WhatsAppError && err.windowClosed)) throw err;
    }
  }
  await sendReply(deps, contact, template);
  return 'template';
}

export async function runEffect(deps: EffectDeps, contact: ContactRow, ctx: ConversationContext, effect: Effect): Promise<ConversationEvent | null> {
  const p = effect.params as Record<string, any>;
  switch (effect.type) {
    case 'reply': {
      const et = await deps.eventType().catch(() => ({ title: '', lengthInMinutes: 30 }) as EventTypeInfo);
      const message = render(p as ReplySpec, {
        contact: ctx.contact,
        timeZone: deps.timeZone,
        now: deps.now(),
        eventTitle: et.title,
        lengthMinutes: et.lengthInMinutes,
        bookingUrl: deps.bookingUrl ?? et.bookingUrl,
      });
      const meta = replyMeta(p as ReplySpec);
      const found = deps.hooks.templateFor?.(p as ReplySpec, ctx.contact) ?? null;
      const template = found ? withMeta(found, meta) : null;
      const tagged = withMeta(message, meta);
      await (template ? sendWindowAware(deps, contact, tagged, template) : sendReply(deps, contact, tagged)).catch(() => {});
      return null;
    }
    case 'findSlots': {
      const when = (p.when ?? null) as When | null;
      const win = searchWindow(when, deps.now(), deps.timeZone);
      try {
        const [slots, busy] = await Promise.all([
          deps.calendar.getSlots({ from: win.from, to: win.to, timeZone: deps.timeZone }),
          deps.calendar.getBusy ? deps.calendar.getBusy({ from: win.wide.from, to: win.wide.to }).catch(() => []) : Promise.resolve([]),
        ]);
        const exact = win.exact ? slots.find((s) => Date.parse(s.start) === Date.parse(win.exact!)) ?? null : null;
        if (exact) return { type: 'SLOTS_LOADED', exact, options: [], widened: false };
        let options = rankAlternatives({ requested: when, slots, busy, timeZone: deps.timeZone, limit: 10 });
        let widened = false;
        if (!options.length && when) {
          const wide = await deps.calendar.getSlots({ from: win.wide.from, to: win.wide.to, timeZone: deps.timeZone });
          options = rankAlternatives({ requested: when.grain === 'minute' || when.grain === 'hour' ? when : { ...when, grain: 'minute', end: when.start }, slots: wide, busy, timeZone: deps.timeZone, limit: 10 });
          widened = options.length > 0;
        }
        return { type: 'SLOTS_LOADED', exact: null, options: options.map((s): SlotOption => ({ start: s.start, end: s.end })), widened };
      } catch (err) {
        deps.logger.warn({ err: (err as Error).message }, 'slots lookup failed');
        return { type: 'SLOTS_FAILED' };
      }
    }
    case 'holdSlot':
      try {
        const r = await deps.calendar.reserveSlot({ start: p.slot.start });
        return { type: 'HOLD_OK', reservationUid: r.reservationUid, until: r.until };
      } catch (err) {
        return { type: 'HOLD_FAILED', reason: reason(err) };
      }
    case 'releaseHold':
      if (p.reservationUid) await deps.calendar.releaseReservation(p.reservationUid).catch(() => {});
      return null;
    case 'createBooking': {
      const c = await deps.prisma.contact.findUniqueOrThrow({ where: { id: contact.id } });
      try {
        const booking = await deps.calendar.createBooking({
          start: p.slot.start,
          reservationUid: p.reservationUid,
          attendee: {
            name: p.attendeeName || c.name || `WhatsApp +${c.phone}`,
            timeZone: deps.timeZone,
            phoneNumber: `+${c.phone}`,
            ...(p.attendeeEmail || c.email ? { email: p.attendeeEmail || c.email } : {}),
            language: ctx.contact.language,
          },
          metadata: { source: 'reserva-whatsapp', contactId: c.id },
        });
        await mirrorBooking(deps, contact.id, booking);
        // A name typed in the chat is kept for next time.
        if (!c.name && p.attendeeName) await deps.prisma.contact.update({ where: { id: c.id }, data: { name: String(p.attendeeName).slice(0, 60) } });
        return { type: 'BOOKED', booking: summary(booking) };
      } catch (err) {
        deps.logger.warn({ err: (err as Error).message }, 'booking failed');
        return { type: 'BOOK_FAILED', reason: reason(err) };
      }
    }
    case 'rescheduleBooking':
      try {
        const booking = await deps.calendar.rescheduleBooking({ uid: p.uid, start: p.slot.start, reason: 'Rescheduled by the attendee on WhatsApp' });
        await retireBooking(deps, contact.id, p.uid, { status: 'rescheduled' });
        await mirrorBooking(deps, contact.id, booking);
        return { type: 'RESCHEDULED', booking: summary(booking) };
      } catch (err) {
        deps.logger.warn({ err: (err as Error).message }, 'reschedule failed');
        return { type: 'RESCHEDULE_FAILED', reason: reason(err) };
      }
    case 'cancelBooking':
      try {
        await deps.calendar.cancelBooking({ uid: p.uid, reason: p.reason });
      } catch (err) {
        if (!(err instanceof CalendarError && err.code === 'not_found')) return { type: 'CANCEL_FAILED', reason: 'unavailable' };
      }
      await retireBooking(deps, contact.id, p.uid, { status: 'cancelled', cancellationReason: p.reason });
      return { type: 'CANCELLED', uid: p.uid };
    case 'confirmAttendance':
      await deps.prisma.booking.updateMany({ where: { uid: p.uid }, data: { attendeeConfirmedAt: deps.now() } });
      await deps.calendar.updateBookingMetadata?.(p.uid, { attendeeConfirmed: 'yes', attendeeConfirmedAt: deps.now().toISOString() }).catch((err) =>
        deps.logger.warn({ err: (err as Error).message }, 'could not note the confirmation on the calendar'),
      );
      return { type: 'ATTENDANCE_CONFIRMED', uid: p.uid };
    case 'recordFeedback': {
      const booking = await deps.prisma.booking.findUnique({ where: { uid: p.bookingUid } });
      if (!booking) return null;
      const existing = await deps.prisma.feedback.findFirst({ where: { bookingId: booking.id } });
      if (existing) {
        await deps.prisma.feedback.update({ where: { id: existing.id }, data: { ...(p.rating ? { rating: p.rating } : {}), ...(p.comment ? { comment: p.comment } : {}) } });
      } else if (p.rating) {
        await deps.prisma.feedback.create({ data: { bookingId: booking.id, rating: p.rating, comment: p.comment ?? null } });
      }
      return null;
    }
    case 'scheduleRetry':
      await scheduleJob(deps.prisma, {
        kind: 'conversation.event',
        dueAt: new Date(deps.now().getTime() + Number(p.afterMs ?? 120_000)),
        payload: { contactId: contact.id, event: { type: 'RETRY' } },
      });
      return null;
    case 'saveEmail':
      await deps.prisma.contact.update({ where: { id: contact.id }, data: { email: String(p.email).slice(0, 254) } });
      return null;
    case 'optOut':
      await deps.prisma.contact.update({ where: { id: contact.id }, data: { optedOutAt: deps.now(), marketingConsent: false } });
      return null;
    default: {
      const elsewhere = deps.hooks.runEffect?.(contact, effect);
      if (elsewhere) return elsewhere;
      deps.logger.warn({ effect: effect.type }, 'unknown effect ignored');
      return null;
    }
  }
}

/** The mirrored booking stops being upcoming (moved or cancelled), and its reminders go with it. */
async function retireBooking(deps: EffectDeps, contactId: string, uid: string, data: { status: 'rescheduled' | 'cancelled'; cancellationReason?: string }): Promise<void> {
  await deps.prisma.$transaction(async (tx) => {
    await tx.booking.updateMany({ where: { uid }, data });
    await deps.hooks.onCancelled(tx as unknown as Db, { uid, contactId });
  });
}

async function mirrorBooking(deps: EffectDeps, contactId: string, b: CalBooking): Promise<void> {
  await deps.prisma.$transaction(async (tx) => {
    const data = { contactId, provider: deps.calendar.name, eventTypeId: b.eventTypeId, title: b.title, start: new Date(b.start), end: new Date(b.end), status: b.status === 'cancelled' ? 'cancelled' : 'accepted' };
    await tx.booking.upsert({ where: { uid: b.uid }, create: { uid: b.uid, ...data }, update: data });
    await deps.hooks.onBooked(tx as unknown as Db, { uid: b.uid, contactId, start: new Date(b.start), end: new Date(b.end) });
  });
}
