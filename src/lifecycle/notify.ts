/**
 * Telling the person about changes made on the business side (Cal.com webhooks, no-shows), each
 * with an offer to book again. Best effort: a failure is logged and recorded as a failed
 * OutboundMessage, never thrown (the change itself is already stored).
 *
 * Inside WhatsApp's 24-hour window they are interactive messages; outside it, the approved
 * template for that notice ({{1}} name, {{2}} date, {{3}} time, quick replies as the buttons).
 */
import type { Language } from '../../machines/types.js';
import { BUTTON } from '../conversation/buttons.js';
import { dateFormatter } from '../conversation/dates.js';
import type { Outbound } from '../engine/outbound.js';
import type { Logger } from 'pino';
import type { OutgoingMessage } from '../whatsapp/types.js';

export type Notice = 'cancelledByBusiness' | 'rescheduledByBusiness' | 'noShow';

/** What telling the person needs: the one outbound path, a clock and a logger. */
export interface SendDeps {
  outbound: Outbound;
  now: () => Date;
  logger: Logger;
}

export interface NoticeTemplates {
  names: Record<Notice, string>;
  languages: Record<string, string>;
}

export async function tellPerson(
  deps: SendDeps,
  contact: {
    id: string;
    phone: string;
    language: string | null;
    name?: string | null;
    lastInboundAt?: Date | null;
    optedOutAt?: Date | null;
    marketingConsent?: boolean | null;
  },
  notice: Notice,
  o: { start: Date; uid?: string; timeZone: string; defaultLocale: Language; templates?: NoticeTemplates },
): Promise<boolean> {
  const lang = ((contact.language as Language | null) ?? o.defaultLocale) as Language;
  const d = dateFormatter(lang, o.timeZone, deps.now());
  const abs = dateFormatter(lang, o.timeZone, new Date(0)); // never "hoy" / "mañana"
  const when = d.dayAndTime(o.start.toISOString());
  const t = (es: string, en: string, pt: string) => (lang === 'en' ? en : lang === 'pt' ? pt : es);
  const body =
    notice === 'cancelledByBusiness'
      ? t(
          `Lo sentimos, tu cita del ${when} ha sido cancelada por el negocio. ¿Quieres reservar otra hora?`,
          `Sorry, your appointment on ${when} has been cancelled by the business. Would you like to book another time?`,
          `Desculpe, seu horário de ${when} foi cancelado pelo estabelecimento. Quer agendar outro horário?`,
        )
      : notice === 'rescheduledByBusiness'
        ? t(
            `Tu cita se ha movido: ahora es el *${when}*. Si no te va bien, puedes cambiarla o cancelarla aquí.`,
            `Your appointment has been moved: it is now *${when}*. ` +
              "If that doesn't suit you, you can change or cancel it here.",
            `Seu horário foi alterado: agora é *${when}*. Se não for bom para você, pode remarcar ou cancelar aqui.`,
          )
        : t(
            'Te echamos de menos en tu cita. ¿Quieres reservar una nueva hora?',
            'We missed you at your appointment. Would you like to book a new time?',
            'Sentimos sua falta no seu horário. Quer agendar um novo?',
          );
  const buttons =
    notice === 'rescheduledByBusiness' && o.uid
      ? [
          { id: BUTTON.attend(o.uid), title: t('Confirmar', 'Confirm', 'Confirmar') },
          { id: BUTTON.rescheduleBooking(o.uid), title: t('Cambiar hora', 'Change time', 'Remarcar') },
          { id: BUTTON.cancelBooking(o.uid), title: t('Cancelar', 'Cancel', 'Cancelar') },
        ]
      : [{ id: BUTTON.book, title: t('Reservar otra', 'Book again', 'Agendar de novo') }];
  try {
    const meta = {
      purpose: notice === 'noShow' ? 'noShowNotice' : 'changeNotice',
      ...(o.uid ? { bookingUid: o.uid } : {}),
    };
    const freeForm: OutgoingMessage = { type: 'buttons', body, buttons, meta };
    const first = (contact.name ?? '').trim().split(/\s+/)[0] || '-';
    const template: OutgoingMessage | null = o.templates
      ? {
          type: 'template',
          name: o.templates.names[notice],
          language: o.templates.languages[lang] ?? lang,
          // Absolute dates in templates: they may be read long after they were sent.
          bodyParams: [first, abs.day(o.start.toISOString()), abs.time(o.start.toISOString())],
          quickReplies: buttons.map((b) => b.id),
          preview: body,
          meta,
        }
      : null;
    // One notice per change: the key names the notice, the booking and its time.
    const key = `notice:${notice}:${o.uid ?? contact.id}@${o.start.toISOString()}`;
    await deps.outbound.send(contact, freeForm, {
      key,
      kind: 'change',
      template: template ?? freeForm,
    });
    return true;
  } catch (err) {
    deps.logger.warn(
      { err: (err as Error).message, notice },
      'could not tell the person about a change to their booking',
    );
    return false;
  }
}
