/**
 * Carries out the statecharts' effects on the calendar, WhatsApp and the database, and returns
 * the event that reports each result back to the machine (or null when there is none).
 */
import { DateTime } from 'luxon';
import type { BookingSummary, ConversationContext, ConversationEvent, RefusalReason, ReplySpec, SlotOption, When } from '../../machines/types.js';
import { zoneOfPhone } from '../conversation/phone-zone.js';
import { recordOperation, settleOperation } from '../lifecycle/operations.js';
import { isBsuid, toE164 } from '../phone/normalise.js';
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
  return { uid: b.uid, start: b.start, end: b.end, title: b.title, ...(b.location ? { location: b.location } : {}) };
}

/** Why a calendar call failed, as the machine reads it: "calendar down" only for 5xx, timeouts, refused connections. */
const reason = (err: unknown): 'slot_unavailable' | 'unavailable' | RefusalReason => {
  if (!(err instanceof CalendarError)) return 'unavailable';
  if (err.code === 'slot_unavailable') return 'slot_unavailable';
  if (err.code === 'refused' && err.refusal) return err.refusal === 'out_of_bounds' ? 'too_soon' : err.refusal;
  return 'unavailable';
};

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

export async function sendReply(deps: SendDeps, contact: ContactRow, message: OutgoingMessage, o: { fallback?: OutgoingMessage } = {}): Promise<void> {
  const row = await deps.prisma.outboundMessage.create({
    data: { phone: contact.phone, kind: message.type, body: JSON.stringify(message), status: 'queued', fallback: o.fallback ? JSON.stringify(o.fallback) : null },
  });
  try {
    // The row id travels as biz_opaque_callback_data: status webhooks find this row even if no answer came.
    const { messageId } = await deps.sender.send(contact.phone, message, { ref: row.id });
    await deps.prisma.outboundMessage.update({ where: { id: row.id }, data: { waMessageId: messageId, status: 'sent', sentAt: deps.now() } });
  } catch (err) {
    const code = err instanceof WhatsAppError ? err.code : undefined;
    if (err instanceof WhatsAppError && err.info.uncertain) {
      // Maybe sent: never repeated blindly; whatsapp.reconcile decides by the status webhooks.
      // Unless a status webhook already linked it (Meta may report before the answer times out).
      const marked = await deps.prisma.outboundMessage.updateMany({ where: { id: row.id, waMessageId: null }, data: { status: 'uncertain', uncertain: true, errorTitle: err.message.slice(0, 500) } });
      if (marked.count) await scheduleJob(deps.prisma, { kind: 'whatsapp.reconcile', key: `whatsapp.reconcile:${row.id}`, dueAt: new Date(deps.now().getTime() + 120_000), payload: { outboundId: row.id } });
      deps.logger.warn({ outboundId: row.id }, 'no answer from WhatsApp: the send is reconciled by status webhooks, not repeated');
      return;
    }
    await deps.prisma.outboundMessage.update({ where: { id: row.id }, data: { status: 'failed', errorCode: code ?? null, errorTitle: (err as Error).message.slice(0, 500) } });
    deps.logger.warn({ err: (err as Error).message, code, outboundId: row.id }, 'reply could not be sent');
    throw err;
  }
}

/**
 * Sends `freeForm` while the person's 24-hour window is open, `template` once it is closed (by the
 * last inbound message we stored, or because WhatsApp answers 131047). Exactly one of them
 * reaches the person: the template is kept with the free-form message, and sent if WhatsApp
 * reports 131047 later in a `failed` status (src/whatsapp/delivery.ts). Resolves to which one was sent.
 */
export async function sendWindowAware(deps: SendDeps, contact: ContactRow, freeForm: OutgoingMessage, template: OutgoingMessage): Promise<'free-form' | 'template'> {
  const row = await deps.prisma.contact.findUnique({ where: { id: contact.id }, select: { lastInboundAt: true } });
  const last = row?.lastInboundAt?.getTime();
  const open = last !== undefined && deps.now().getTime() - last < SERVICE_WINDOW_MS;
  if (open) {
    try {
      await sendReply(deps, contact, freeForm, template.type === 'template' ? { fallback: template } : {});
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
      const template = deps.hooks.templateFor?.(p as ReplySpec, ctx.contact) ?? null;
      await (template ? sendWindowAware(deps, contact, message, template) : sendReply(deps, contact, message)).catch(() => {});
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
        return { type: 'HOLD_FAILED', reason: reason(err) === 'slot_unavailable' ? 'slot_unavailable' : 'unavailable' };
      }
    case 'releaseHold':
      if (p.reservationUid) await deps.calendar.releaseReservation(p.reservationUid).catch(() => {});
      return null;
    case 'createBooking': {
      const c = await deps.prisma.contact.findUniqueOrThrow({ where: { id: contact.id } });
      const answers = (p.answers ?? {}) as Record<string, string>;
      // The event type's required questions not answered yet: ask them first (issue 10).
      const fields = ((await deps.eventType().catch(() => null))?.bookingFields ?? []).filter((f) => answers[f.slug] === undefined);
      if (fields.length) return { type: 'BOOK_FAILED', reason: 'missing_fields', fields };
      // Recorded before the call: the webhook Cal.com sends about it is known as ours.
      const op = await recordOperation(deps.prisma, { kind: 'create', contactId: c.id, start: p.slot.start }, deps.now());
      try {
        const phoneNumber = toE164(c.phone);
        const booking = await deps.calendar.createBooking({
          start: p.slot.start,
          reservationUid: p.reservationUid,
          attendee: {
            name: p.attendeeName || c.name || `WhatsApp ${phoneNumber ?? c.phone}`,
            // The person's own zone when their number suggests another one (Cal.com's e-mails use it).
            timeZone: (!isBsuid(c.phone) && zoneOfPhone(c.phone)) || deps.timeZone,
            ...(phoneNumber ? { phoneNumber } : {}),
            ...(p.attendeeEmail || c.email ? { email: p.attendeeEmail || c.email } : {}),
            language: ctx.contact.language,
          },
          // The WhatsApp number stays in metadata even when Cal.com refuses it as a phone.
          metadata: { source: 'reserva-whatsapp', contactId: c.id, whatsapp: c.phone },
          bookingFieldsResponses: Object.fromEntries(Object.entries(answers).map(([k, v]) => [k, v === 'true' ? true : v === 'false' ? false : v])),
        });
        await settleOperation(deps.prisma, op, { status: 'done', resultUid: booking.uid });
        await mirrorBooking(deps, contact.id, booking);
        // A name typed in the chat is kept for next time.
        if (!c.name && p.attendeeName) await deps.prisma.contact.update({ where: { id: c.id }, data: { name: String(p.attendeeName).slice(0, 60) } });
        return { type: 'BOOKED', booking: summary(booking), ...(booking.status === 'pending' ? { pending: true } : {}) };
      } catch (err) {
        if (!(err instanceof CalendarError && err.uncertain)) await settleOperation(deps.prisma, op, { status: 'failed' });
        deps.logger.warn({ err: (err as Error).message }, 'booking failed');
        return { type: 'BOOK_FAILED', reason: reason(err) };
      }
    }
    case 'rescheduleBooking': {
      const op = await recordOperation(deps.prisma, { kind: 'reschedule', contactId: contact.id, uid: p.uid, start: p.slot.start }, deps.now());
      try {
        const booking = await deps.calendar.rescheduleBooking({ uid: p.uid, start: p.slot.start, reason: 'Rescheduled by the attendee on WhatsApp' });
        await settleOperation(deps.prisma, op, { status: 'done', resultUid: booking.uid });
        await retireBooking(deps, contact.id, p.uid, { status: 'rescheduled' });
        await mirrorBooking(deps, contact.id, booking);
        return { type: 'RESCHEDULED', booking: summary(booking) };
      } catch (err) {
        if (!(err instanceof CalendarError && err.uncertain)) await settleOperation(deps.prisma, op, { status: 'failed' });
        deps.logger.warn({ err: (err as Error).message }, 'reschedule failed');
        return { type: 'RESCHEDULE_FAILED', reason: reason(err) };
      }
    }
    case 'cancelBooking': {
      const op = await recordOperation(deps.prisma, { kind: 'cancel', contactId: contact.id, uid: p.uid }, deps.now());
      try {
        await deps.calendar.cancelBooking({ uid: p.uid, reason: p.reason });
      } catch (err) {
        if (!(err instanceof CalendarError && err.code === 'not_found')) {
          if (!(err instanceof CalendarError && err.uncertain)) await settleOperation(deps.prisma, op, { status: 'failed' });
          return { type: 'CANCEL_FAILED', reason: 'unavailable' };
        }
      }
      await settleOperation(deps.prisma, op, { status: 'done' });
      await retireBooking(deps, contact.id, p.uid, { status: 'cancelled', cancellationReason: p.reason });
      return { type: 'CANCELLED', uid: p.uid };
    }
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
    // A booking waiting for the host's confirmation is mirrored as pending and not reminded.
    const status = b.status === 'cancelled' || b.status === 'rejected' ? 'cancelled' : b.status === 'pending' ? 'pending' : 'accepted';
    const data = { contactId, provider: deps.calendar.name, eventTypeId: b.eventTypeId, title: b.title, start: new Date(b.start), end: new Date(b.end), status, location: b.location ?? null };
    await tx.booking.upsert({ where: { uid: b.uid }, create: { uid: b.uid, ...data }, update: data });
    if (status === 'accepted') await deps.hooks.onBooked(tx as unknown as Db, { uid: b.uid, contactId, start: new Date(b.start), end: new Date(b.end) });
  });
}
