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
import { sendWindowAware, type ContactRow, type SendDeps } from '../engine/effects.js';
import type { OutgoingMessage } from '../whatsapp/types.js';

export type Notice = 'cancelledByBusiness' | 'rescheduledByBusiness' | 'noShow' | 'confirmedByBusiness' | 'rejectedByBusiness';

/** Notices without a template of their own use the closest approved one outside the window. */
const TEMPLATE_OF: Record<Notice, 'cancelledByBusiness' | 'rescheduledByBusiness' | 'noShow'> = {
  cancelledByBusiness: 'cancelledByBusiness',
  rejectedByBusiness: 'cancelledByBusiness',
  rescheduledByBusiness: 'rescheduledByBusiness',
  confirmedByBusiness: 'rescheduledByBusiness',
  noShow: 'noShow',
};

export interface NoticeTemplates {
  names: Record<'cancelledByBusiness' | 'rescheduledByBusiness' | 'noShow', string>;
  languages: Record<string, string>;
}

export async function tellPerson(
  deps: SendDeps,
  contact: ContactRow & { language: string | null; name?: string | null },
  notice: Notice,
  o: { start: Date; uid?: string; timeZone: string; defaultLocale: Language; templates?: NoticeTemplates },
): Promise<boolean> {
  const lang = ((contact.language as Language | null) ?? o.defaultLocale) as Language;
  const d = dateFormatter(lang, o.timeZone, deps.now());
  const abs = dateFormatter(lang, o.timeZone, new Date(0)); // never "hoy" / "mañana"
  const when = d.dayAndTime(o.start.toISOString());
  const t = (es: string, en: string, pt: string) => (lang === 'en' ? en : lang === 'pt' ? pt : es);
  const body =
    notice === 'confirmedByBusiness'
      ? t(
          `✅ El negocio ha confirmado tu cita: *${when}*. Te la recordaré antes.`,
          `✅ The business confirmed your appointment: *${when}*. I'll remind you before it.`,
          `✅ O estabelecimento confirmou seu horário: *${when}*. Vou te lembrar antes.`,
        )
      : notice === 'rejectedByBusiness'
        ? t(
            `Lo sentimos, el negocio no ha podido aceptar tu solicitud para el ${when}. ¿Quieres pedir otra hora?`,
            `Sorry, the business couldn't accept your request for ${when}. Would you like to ask for another time?`,
            `Desculpe, o estabelecimento não pôde aceitar seu pedido para ${when}. Quer pedir outro horário?`,
          )
      : notice === 'cancelledByBusiness'
      ? t(
          `Lo sentimos, tu cita del ${when} ha sido cancelada por el negocio. ¿Quieres reservar otra hora?`,
          `Sorry, your appointment on ${when} has been cancelled by the business. Would you like to book another time?`,
          `Desculpe, seu horário de ${when} foi cancelado pelo estabelecimento. Quer agendar outro horário?`,
        )
      : notice === 'rescheduledByBusiness'
        ? t(
            `Tu cita se ha movido: ahora es el *${when}*. Si no te va bien, puedes cambiarla o cancelarla aquí.`,
            `Your appointment has been moved: it is now *${when}*. If that doesn't suit you, you can change or cancel it here.`,
            `Seu horário foi alterado: agora é *${when}*. Se não for bom para você, pode remarcar ou cancelar aqui.`,
          )
        : t(
            'Te echamos de menos en tu cita. ¿Quieres reservar una nueva hora?',
            'We missed you at your appointment. Would you like to book a new time?',
            'Sentimos sua falta no seu horário. Quer agendar um novo?',
          );
  const buttons =
    (notice === 'rescheduledByBusiness' || notice === 'confirmedByBusiness') && o.uid
      ? [
          { id: BUTTON.attend(o.uid), title: t('Confirmar', 'Confirm', 'Confirmar') },
          { id: BUTTON.rescheduleBooking(o.uid), title: t('Cambiar hora', 'Change time', 'Remarcar') },
          { id: BUTTON.cancelBooking(o.uid), title: t('Cancelar', 'Cancel', 'Cancelar') },
        ]
      : [{ id: BUTTON.book, title: t('Reservar otra', 'Book again', 'Agendar de novo') }];
  try {
    const freeForm: OutgoingMessage = { type: 'buttons', body, buttons };
    const first = (contact.name ?? '').trim().split(/\s+/)[0] || '-';
    const template: OutgoingMessage | null = o.templates
      ? {
          type: 'template',
          name: o.templates.names[TEMPLATE_OF[notice]],
          language: o.templates.languages[lang] ?? lang,
          // Absolute dates in templates: they may be read long after they were sent.
          bodyParams: [first, abs.day(o.start.toISOString()), abs.time(o.start.toISOString())],
          quickReplies: buttons.map((b) => b.id),
          preview: body,
        }
      : null;
    const row = { id: contact.id, phone: contact.phone };
    if (template) await sendWindowAware(deps, row, freeForm, template);
    else await sendWindowAware(deps, row, freeForm, freeForm);
    return true;
  } catch (err) {
    deps.logger.warn({ err: (err as Error).message, notice }, 'could not tell the person about a change to their booking');
    return false;
  }
}
