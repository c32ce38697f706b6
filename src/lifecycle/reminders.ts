/**
 * The appointment after it is booked: reminders before it (interactive inside WhatsApp's 24-hour
 * window, an approved template outside it), and the feedback question after it ends. Scheduled as
 * durable jobs in the same transaction as the booking mirror, cancelled with the booking.
 */
import type { Logger } from 'pino';
import type { ConversationEvent, Language } from '../../machines/types.js';
import { BUTTON } from '../conversation/buttons.js';
import { dateFormatter } from '../conversation/dates.js';
import type { Db } from '../db/client.js';
import type { BookingHooks } from '../engine/effects.js';
import { sendReply } from '../engine/effects.js';
import { cancelJobs, scheduleJob, type JobHandler } from '../scheduler/index.js';
import type { OutgoingMessage, WhatsAppSender } from '../whatsapp/types.js';
import { WhatsAppError } from '../whatsapp/types.js';

export interface LifecycleOptions {
  prisma: Db;
  sender: WhatsAppSender;
  timeZone: string;
  defaultLocale: Language;
  offsetsMs: number[];
  feedbackDelayMs: number;
  templateName: string;
  templateLanguages: Record<string, string>;
  now: () => Date;
  logger: Logger;
  deliver: (contactId: string, event: ConversationEvent) => Promise<void>;
}

const WINDOW_MS = 24 * 3_600_000;

export function offsetLabel(ms: number): string {
  return ms % 3_600_000 === 0 ? `${ms / 3_600_000}h` : `${Math.round(ms / 60_000)}m`;
}

export function createLifecycle(opts: LifecycleOptions): { hooks: BookingHooks; handlers: Record<string, JobHandler> } {
  const hooks: BookingHooks = {
    async onBooked(prisma, b) {
      const now = opts.now().getTime();
      for (const offset of opts.offsetsMs) {
        const dueAt = new Date(b.start.getTime() - offset);
        // A booking made less than `offset` ahead gets only the reminders still ahead.
        if (dueAt.getTime() <= now) continue;
        await scheduleJob(prisma, { kind: 'reminder', key: `reminder:${b.uid}:${offsetLabel(offset)}`, dueAt, payload: { uid: b.uid, offset: offsetLabel(offset) } });
      }
      await scheduleJob(prisma, { kind: 'feedback', key: `feedback:${b.uid}`, dueAt: new Date(b.end.getTime() + opts.feedbackDelayMs), payload: { uid: b.uid } });
    },
    async onCancelled(prisma, b) {
      await cancelJobs(prisma, { keyPrefix: `reminder:${b.uid}:` });
      await cancelJobs(prisma, { keyPrefix: `feedback:${b.uid}` });
    },
  };

  const reminder: JobHandler = async (job) => {
    const { uid } = job.payload as { uid: string };
    const booking = await opts.prisma.booking.findUnique({ where: { uid }, include: { contact: true } });
    const now = opts.now();
    if (!booking || booking.status !== 'accepted' || booking.start.getTime() <= now.getTime()) {
      opts.logger.info({ job: job.id }, 'reminder skipped: the appointment is gone or already started');
      return;
    }
    const contact = booking.contact;
    const lang = ((contact.language as Language | null) ?? opts.defaultLocale) as Language;
    const d = dateFormatter(lang, opts.timeZone, now);
    const first = (contact.name ?? '').split(/\s+/)[0] ?? '';
    const inWindow = contact.lastInboundAt ? now.getTime() - contact.lastInboundAt.getTime() < WINDOW_MS : false;
    const quick = [BUTTON.attend(uid), BUTTON.rescheduleBooking(uid), BUTTON.cancelBooking(uid)];
    const titles = lang === 'en' ? ['Confirm', 'Reschedule', 'Cancel'] : lang === 'pt' ? ['Confirmar', 'Remarcar', 'Cancelar'] : ['Confirmar', 'Reprogramar', 'Cancelar'];
    const text =
      lang === 'en'
        ? `⏰ Reminder${first ? `, ${first}` : ''}: your appointment is *${d.dayAndTime(booking.start.toISOString())}*. Will you come?`
        : lang === 'pt'
          ? `⏰ Lembrete${first ? `, ${first}` : ''}: seu horário é *${d.dayAndTime(booking.start.toISOString())}*. Você confirma?`
          : `⏰ Recordatorio${first ? `, ${first}` : ''}: tu cita es el *${d.dayAndTime(booking.start.toISOString())}*. ¿Vendrás?`;
    const template: OutgoingMessage = {
      type: 'template',
      name: opts.templateName,
      language: opts.templateLanguages[lang] ?? lang,
      bodyParams: [first || '-', d.day(booking.start.toISOString()), d.time(booking.start.toISOString())],
      quickReplies: quick,
      preview: text,
    };
    const interactive: OutgoingMessage = { type: 'buttons', body: text, buttons: quick.map((id, i) => ({ id, title: titles[i]! })) };
    const row = { id: contact.id, phone: contact.phone };
    const deps = { prisma: opts.prisma, sender: opts.sender, now: opts.now, logger: opts.logger } as Parameters<typeof sendReply>[0];
    try {
      await sendReply(deps, row, inWindow ? interactive : template);
    } catch (err) {
      if (inWindow && err instanceof WhatsAppError && err.windowClosed) await sendReply(deps, row, template);
      else throw err;
    }
  };

  const feedback: JobHandler = async (job) => {
    const { uid } = job.payload as { uid: string };
    const booking = await opts.prisma.booking.findUnique({ where: { uid } });
    // Not asked after a no-show or a cancellation.
    if (!booking || booking.status !== 'accepted' || booking.noShow) return;
    await opts.deliver(booking.contactId, {
      type: 'FEEDBACK_REQUESTED',
      booking: { uid: booking.uid, start: booking.start.toISOString(), end: booking.end.toISOString(), title: booking.title ?? undefined },
    });
  };

  const conversationEvent: JobHandler = async (job) => {
    const { contactId, event } = job.payload as { contactId: string; event: ConversationEvent };
    await opts.deliver(contactId, event);
  };

  return { hooks, handlers: { reminder, feedback, 'conversation.event': conversationEvent } };
}
