/**
 * Telling the person about changes made on the business side (Cal.com webhooks, no-shows), each
 * with an offer to book again. Best effort: a failure is logged and recorded as a failed
 * OutboundMessage, never thrown (the change itself is already stored).
 *
 * Inside WhatsApp's 24-hour window they are interactive messages; outside it, the approved
 * template for that notice ({{1}} name, {{2}} date, {{3}} time, quick replies as the buttons).
 */
import type { Language } from '../../machines/types.js';
import type { ContactFacts } from '../../machines/types.js';
import { renderNotice, type Notice } from '../conversation/notices.js';
import { zoneNote } from '../conversation/phone-zone.js';
import { dateFormatter } from '../conversation/dates.js';
import type { Outbound } from '../engine/outbound.js';
import type { Logger } from 'pino';
import type { OutgoingMessage } from '../whatsapp/types.js';

/** The notices, as the catalog renders them (src/conversation/notices.ts). */
export type { Notice };

type TemplatedNotice = 'cancelledByBusiness' | 'rescheduledByBusiness' | 'noShow';

/** Notices without an approved template of their own use the closest one outside the window (issue 10). */
const TEMPLATE_OF: Record<Notice, TemplatedNotice> = {
  cancelledByBusiness: 'cancelledByBusiness',
  rejectedByBusiness: 'cancelledByBusiness',
  rescheduledByBusiness: 'rescheduledByBusiness',
  confirmedByBusiness: 'rescheduledByBusiness',
  noShow: 'noShow',
};

/** What telling the person needs: the one outbound path, a clock and a logger. */
export interface SendDeps {
  outbound: Outbound;
  now: () => Date;
  logger: Logger;
}

export interface NoticeTemplates {
  names: Record<TemplatedNotice, string>;
  languages: Record<string, string>;
}

export async function tellPerson(
  deps: SendDeps,
  contact: {
    id: string;
    phone: string;
    language: string | null;
    formality?: string | null;
    name?: string | null;
    lastInboundAt?: Date | null;
    optedOutAt?: Date | null;
    marketingConsent?: boolean | null;
  },
  notice: Notice,
  o: { start: Date; uid?: string; timeZone: string; defaultLocale: Language; templates?: NoticeTemplates },
): Promise<boolean> {
  const lang = ((contact.language as Language | null) ?? o.defaultLocale) as Language;
  const abs = dateFormatter(lang, o.timeZone, new Date(0)); // never "hoy" / "mañana"
  // The catalog's notice, in the contact's language and register (src/conversation/notices.ts).
  const rendered = renderNotice(
    notice,
    {
      contact: {
        language: lang,
        formality: formalityOf(contact.formality),
        name: contact.name ?? undefined,
        zoneNote: zoneNote(contact.phone, o.timeZone, deps.now(), lang),
      },
      timeZone: o.timeZone,
      now: deps.now(),
    },
    { start: o.start.toISOString(), uid: o.uid },
  );
  const body = bodyOf(rendered);
  const buttons = rendered.type === 'buttons' ? rendered.buttons : [];
  try {
    const meta = {
      purpose: notice === 'noShow' ? 'noShowNotice' : 'changeNotice',
      ...(o.uid ? { bookingUid: o.uid } : {}),
    };
    const freeForm: OutgoingMessage = { ...rendered, meta };
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

/** A stored formality ('tu' | 'vos' | 'usted'), or none. */
export function formalityOf(f: string | null | undefined): ContactFacts['formality'] {
  return f === 'tu' || f === 'vos' || f === 'usted' ? f : undefined;
}

/** The text a person reads in a rendered message (a template's preview). */
export function bodyOf(m: OutgoingMessage): string {
  return m.type === 'template' ? (m.preview ?? '') : m.body;
}
