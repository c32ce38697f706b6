/**
 * The appointment after it is booked: reminders before it (interactive inside WhatsApp's 24-hour
 * window, an approved template outside it), the feedback question after it ends, and no-shows.
 * Jobs are scheduled in the same transaction as the booking mirror, cancelled with the booking.
 *
 * Job keys (see src/scheduler: a key is taken for good, whatever the job's status):
 * - `reminder:<uid>:<offset>@<start ISO>`, e.g. `reminder:abc:24h@2026-11-26T16:00:00.000Z`
 * - `feedback:<uid>@<end ISO>`
 * The start/end suffix lets the same booking get new jobs when its time changes (a Cal.com
 * reschedule that keeps the uid) while an echo of an unchanged booking schedules nothing twice.
 * - `sent:<job key>`: a ledger row (status done, never run) written just before a reminder or a
 *   feedback question goes out, so a job run twice (at-least-once delivery, a crash between the
 *   send and the "done" write) never reaches the person twice.
 *
 * Attendance confirmation in Cal.com: API v2 has no endpoint to update a booking's metadata or add
 * a note after creation (`/confirm` is the host accepting a booking that requires confirmation, not
 * the attendee), so the confirmation is stored here only (Booking.attendeeConfirmedAt). See
 * README.md in this folder.
 */
import { reminderPurpose } from '../insights/kinds.js';
import type { Logger } from 'pino';
import type { ConversationEvent, Language, ReplySpec } from '../../machines/types.js';
import { BUTTON } from '../conversation/buttons.js';
import { dateFormatter } from '../conversation/dates.js';
import type { CalendarProvider } from '../calendar/types.js';
import type { Db } from '../db/client.js';
import type { BookingHooks, Bookings } from '../engine/bookings.js';
import type { Outbound, Recipient } from '../engine/outbound.js';
import { cancelJobs, scheduleJob, type JobHandler } from '../scheduler/index.js';
import type { ContactFacts } from '../../machines/types.js';
import type { OutgoingMessage } from '../whatsapp/types.js';
import { renderReminder } from '../conversation/notices.js';
import { zoneNote } from '../conversation/phone-zone.js';
import { bodyOf, formalityOf, tellPerson } from './notify.js';

export interface LifecycleOptions {
  prisma: Db;
  /** The one path for outbound messages. */
  outbound: Outbound;
  /** The one path for booking changes (created without hooks: the lifecycle provides them). */
  bookings: (hooks: BookingHooks) => Bookings;
  /** To mark no-shows recorded here on the calendar too (Cal.com mark-absent). */
  calendar?: CalendarProvider;
  timeZone: string;
  defaultLocale: Language;
  offsetsMs: number[];
  feedbackDelayMs: number;
  templateName: string;
  templateLanguages: Record<string, string>;
  /**
   * Approved template for the rating question outside the 24-hour window
   * ({{1}} name, {{2}} date; quick replies 5 / 3 / 1).
   */
  feedbackTemplateName?: string;
  /** Approved templates for notices about changes made by the business (outside the window). */
  noticeTemplates?: Record<'cancelledByBusiness' | 'rescheduledByBusiness' | 'noShow', string>;
  now: () => Date;
  logger: Logger;
  /** Growth (issue 16): after a reminder went out (the 24 h one carries the "how to prepare" text). */
  afterReminder?: (
    contact: Recipient & { language: string | null },
    booking: { uid: string; eventTypeId: number; start: Date },
    offset: string | undefined,
  ) => Promise<void>;
  /** Hands a system event to the person's conversation (through the inbox); `key` makes it once-only. */
  deliver: (contactId: string, event: ConversationEvent, key: string) => Promise<void>;
  /** issue 9/14 (session 3): where, when a booking has no location (business.yaml's address and map link). */
  defaultLocation?: string;
}

export interface Lifecycle {
  hooks: BookingHooks;
  /** The booking module with this lifecycle's hooks: every booking change goes through it. */
  bookings: Bookings;
  /**
   * The approved template to send instead of a reply when WhatsApp's 24-hour window is closed
   * (e.g. the rating question after an appointment), or null when the reply has none.
   */
  templateFor(spec: ReplySpec, contact: ContactFacts): OutgoingMessage | null;
  handlers: Record<string, JobHandler>;
  /**
   * Records that the person did not come: stored, the feedback question and any reminder left are
   * cancelled, the calendar is told when the no-show was noted here (`source: 'reserva'`), and the
   * person is offered to book again. Resolves to false when there was nothing to do.
   */
  recordNoShow(uid: string, opts?: { source?: 'calcom' | 'reserva' }): Promise<boolean>;
}

export function offsetLabel(ms: number): string {
  return ms % 3_600_000 === 0 ? `${ms / 3_600_000}h` : `${Math.round(ms / 60_000)}m`;
}

export const reminderKey = (uid: string, offsetMs: number, start: Date) =>
  `reminder:${uid}:${offsetLabel(offsetMs)}@${start.toISOString()}`;
export const feedbackKey = (uid: string, end: Date) => `feedback:${uid}@${end.toISOString()}`;

/** A feedback question is not asked more than this after the appointment ended. */
/** A conversation with activity this recent and not at rest is not interrupted by the rating question. */
const BUSY_MS = 30 * 60_000;
const FEEDBACK_STALE_MS = 3 * 86_400_000;

const firstName = (name: string | null | undefined) => (name ?? '').trim().split(/\s+/)[0] ?? '';

/** Cancels the pending jobs under `prefix` except those whose key ends with `keep`. */
async function cancelStale(prisma: Db, prefix: string, keep: string): Promise<void> {
  const rows = await prisma.job.findMany({
    where: { status: 'pending', key: { startsWith: prefix } },
    select: { id: true, key: true },
  });
  const ids = rows.filter((r) => r.key?.startsWith(prefix) && !r.key.endsWith(keep)).map((r) => r.id);
  if (ids.length)
    await prisma.job.updateMany({
      where: { id: { in: ids }, status: 'pending' },
      data: { status: 'cancelled', lockedBy: null, lockedAt: null },
    });
}

export function createLifecycle(opts: LifecycleOptions): Lifecycle {
  const { prisma, logger } = opts;
  const sendDeps = { outbound: opts.outbound, now: opts.now, logger };
  const langOf = (l: string | null | undefined) => ((l as Language | null) ?? opts.defaultLocale) as Language;

  /** Claims the right to send once for `key`; false when it was claimed before. */
  async function claimSend(key: string): Promise<boolean> {
    try {
      const now = opts.now();
      await prisma.job.create({
        data: { key: `sent:${key}`, kind: 'sent', payload: '{}', dueAt: now, status: 'done', doneAt: now },
      });
      return true;
    } catch (err) {
      if ((err as { code?: string }).code === 'P2002') return false;
      throw err;
    }
  }
  const releaseSend = (key: string) => prisma.job.deleteMany({ where: { key: `sent:${key}` } });

  const hooks: BookingHooks = {
    async onBooked(tx, b) {
      const now = opts.now().getTime();
      // The same booking at another time (a reschedule that kept the uid): the old jobs go.
      await cancelStale(tx, `reminder:${b.uid}:`, `@${b.start.toISOString()}`);
      await cancelStale(tx, `feedback:${b.uid}@`, `@${b.end.toISOString()}`);
      for (const offset of opts.offsetsMs) {
        const dueAt = new Date(b.start.getTime() - offset);
        // A booking made less than `offset` ahead gets only the reminders still ahead.
        if (dueAt.getTime() <= now) continue;
        await scheduleJob(
          tx,
          {
            kind: 'reminder',
            key: reminderKey(b.uid, offset, b.start),
            dueAt,
            payload: { uid: b.uid, offset: offsetLabel(offset), start: b.start.toISOString() },
          },
          { now: opts.now },
        );
      }
      await scheduleJob(
        tx,
        {
          kind: 'feedback',
          key: feedbackKey(b.uid, b.end),
          dueAt: new Date(b.end.getTime() + opts.feedbackDelayMs),
          payload: { uid: b.uid, end: b.end.toISOString() },
        },
        { now: opts.now },
      );
    },
    async onCancelled(tx, b) {
      await cancelJobs(tx, { keyPrefix: `reminder:${b.uid}:` });
      await cancelJobs(tx, { keyPrefix: `feedback:${b.uid}@` });
    },
  };
  const bookings = opts.bookings(hooks);

  const templates = {
    templateFor(spec: ReplySpec, contact: ContactFacts): OutgoingMessage | null {
      if (spec.key !== 'askRating' || !opts.feedbackTemplateName) return null;
      const lang = contact.language;
      const abs = dateFormatter(lang, opts.timeZone, new Date(0));
      const first = firstName(contact.name);
      const day = abs.day(spec.booking.start);
      return {
        type: 'template',
        name: opts.feedbackTemplateName,
        language: opts.templateLanguages[lang] ?? lang,
        bodyParams: [first || '-', day],
        quickReplies: [BUTTON.rating(5), BUTTON.rating(3), BUTTON.rating(1)],
        preview:
          lang === 'en'
            ? `How was your appointment on ${day}? Rate it: 5 / 3 / 1`
            : lang === 'pt'
              ? `Como foi seu horário de ${day}? Avalie: 5 / 3 / 1`
              : `¿Qué tal tu cita del ${day}? Puntúala: 5 / 3 / 1`,
      };
    },
  };

  const reminder: JobHandler = async (job) => {
    const { uid, offset, start } = job.payload as { uid: string; offset?: string; start?: string };
    const booking = await prisma.booking.findUnique({ where: { uid }, include: { contact: true } });
    const now = opts.now();
    if (
      !booking ||
      booking.status !== 'accepted' ||
      booking.noShow ||
      (start && booking.start.toISOString() !== start)
    ) {
      logger.info({ job: job.id }, 'reminder skipped: the booking was cancelled, moved or marked as a no-show');
      return;
    }
    // Due while the service was down and the appointment has begun since: too late.
    if (booking.start.getTime() <= now.getTime()) {
      logger.info({ job: job.id }, 'reminder skipped: the appointment has already started');
      return;
    }
    // Several reminders of one booking due at once (the service was down): only the closest goes.
    const closer = await prisma.job.findFirst({
      where: {
        kind: 'reminder',
        key: { startsWith: `reminder:${uid}:` },
        status: { in: ['pending', 'running'] },
        dueAt: { gt: job.dueAt, lte: now },
        id: { not: job.id },
      },
      select: { id: true },
    });
    if (closer) {
      logger.info({ job: job.id }, 'reminder skipped: a closer reminder of the same booking is due too');
      return;
    }
    const ledger = `reminder:${uid}:${offset ?? '?'}@${booking.start.toISOString()}`;
    if (!(await claimSend(ledger))) {
      logger.info({ job: job.id }, 'reminder skipped: already sent');
      return;
    }
    const contact = booking.contact;
    const lang = langOf(contact.language);
    const abs = dateFormatter(lang, opts.timeZone, new Date(0));
    const first = firstName(contact.name);
    const startIso = booking.start.toISOString();
    const meta = { purpose: reminderPurpose(offset), bookingUid: uid };
    // The catalog's reminder, in the contact's language and register (src/conversation/notices.ts).
    const interactive: OutgoingMessage = {
      ...renderReminder(
        {
          contact: {
            language: lang,
            formality: formalityOf(contact.formality),
            name: contact.name ?? undefined,
            zoneNote: zoneNote(contact.phone, opts.timeZone, now, lang),
          },
          timeZone: opts.timeZone,
          now,
        },
        { uid, start: startIso, location: booking.location || opts.defaultLocation },
      ),
      meta,
    };
    const template: OutgoingMessage = {
      type: 'template',
      name: opts.templateName,
      language: opts.templateLanguages[lang] ?? lang,
      bodyParams: [first || '-', abs.day(startIso), abs.time(startIso)],
      quickReplies: [BUTTON.attend(uid), BUTTON.rescheduleBooking(uid), BUTTON.cancelBooking(uid)],
      preview: bodyOf(interactive),
      meta,
    };
    try {
      await opts.outbound.send(contact, interactive, { key: ledger, kind: 'reminder', template });
      await opts.afterReminder?.(contact, booking, offset);
    } catch (err) {
      // Not sent: free the ledger so the retry can send it.
      await releaseSend(ledger);
      throw err;
    }
  };

  const feedback: JobHandler = async (job) => {
    const { uid } = job.payload as { uid: string };
    const booking = await prisma.booking.findUnique({ where: { uid }, include: { feedback: { take: 1 } } });
    // Not asked after a no-show or a cancellation (or twice).
    if (!booking || booking.status !== 'accepted' || booking.noShow || booking.feedback.length > 0) return;
    // Due long ago (the service was down for days): too late to ask.
    if (opts.now().getTime() - booking.end.getTime() > FEEDBACK_STALE_MS) return;
    // Not in the middle of another conversation (booking, moving…): the job retries later.
    const conversation = await prisma.conversation.findUnique({ where: { contactId: booking.contactId } });
    if (
      conversation &&
      (JSON.parse(conversation.snapshot) as { value?: unknown }).value !== 'idle' &&
      opts.now().getTime() - conversation.lastActivityAt.getTime() < BUSY_MS
    ) {
      throw new Error('the person is in the middle of a conversation; the rating question waits');
    }
    const ledger = `feedback:${uid}`;
    if (!(await claimSend(ledger))) return;
    try {
      // The machine asks (askRating): free-form inside the window, the feedback template outside
      // it (hooks.templateFor), exactly one of them.
      await opts.deliver(
        booking.contactId,
        {
          type: 'FEEDBACK_REQUESTED',
          booking: {
            uid: booking.uid,
            start: booking.start.toISOString(),
            end: booking.end.toISOString(),
            title: booking.title ?? undefined,
          },
        },
        ledger,
      );
    } catch (err) {
      await releaseSend(ledger);
      throw err;
    }
  };

  const conversationEvent: JobHandler = async (job) => {
    const { contactId, event } = job.payload as { contactId: string; event: ConversationEvent };
    await opts.deliver(contactId, event, `job:${job.id}`);
  };

  async function recordNoShow(uid: string, o: { source?: 'calcom' | 'reserva' } = {}): Promise<boolean> {
    const booking = await prisma.booking.findUnique({ where: { uid }, include: { contact: true } });
    if (!booking || booking.noShow || booking.status === 'cancelled') return false;
    await bookings.setNoShow(uid, booking.contactId, true);
    if (o.source !== 'calcom') {
      await opts.calendar
        ?.markAbsent?.(uid, true)
        .catch((err: Error) => logger.warn({ err: err.message }, 'could not mark the no-show on the calendar'));
    }
    await tellPerson(sendDeps, booking.contact, 'noShow', {
      start: booking.start,
      timeZone: opts.timeZone,
      defaultLocale: opts.defaultLocale,
      templates: opts.noticeTemplates ? { names: opts.noticeTemplates, languages: opts.templateLanguages } : undefined,
    });
    return true;
  }

  return {
    hooks,
    bookings,
    templateFor: templates.templateFor,
    handlers: { reminder, feedback, 'conversation.event': conversationEvent },
    recordNoShow,
  };
}
