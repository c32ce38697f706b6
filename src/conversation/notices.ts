/**
 * What the lifecycle says outside a conversation turn — the reminder before an appointment and the
 * notices about changes made on the business side — from the same catalogs as every reply, so they
 * speak the person's language and register too. Interactive forms only: inside WhatsApp's 24-hour
 * window. Outside it the approved templates are used (their text lives on Meta's side).
 */
import type { ContactFacts } from '../../machines/types.js';
import type { OutgoingMessage } from '../whatsapp/types.js';
import { BUTTON } from './buttons.js';
import { catalogFor } from './catalog/index.js';
import { dateFormatter } from './dates.js';
import { buttons, clip } from './messages.js';

export type Notice =
  | 'cancelledByBusiness'
  | 'rescheduledByBusiness'
  | 'noShow'
  // Issue 10: a requested booking confirmed or turned down by the host.
  | 'confirmedByBusiness'
  | 'rejectedByBusiness';

export interface NoticeContext {
  contact: Pick<ContactFacts, 'language' | 'formality' | 'name' | 'zoneNote'>;
  timeZone: string;
  now: Date;
}

const firstName = (name?: string | null) => clip((name ?? '').trim().split(/\s+/)[0] ?? '', 40);

/**
 * "⏰ Recordatorio, Ana: tu cita es *mañana, jueves 26 de noviembre a las 11:00*. ¿Vendrás?" with
 * confirm / move / cancel.
 */
export function renderReminder(
  ctx: NoticeContext,
  booking: { uid: string; start: string; location?: string | null },
): OutgoingMessage {
  const c = catalogFor(ctx.contact);
  const d = dateFormatter(c.language, ctx.timeZone, ctx.now, ctx.contact.zoneNote);
  const body =
    c.texts.reminder({
      name: firstName(ctx.contact.name),
      on: c.grammar.on(d.ref(booking.start), { time: true, bold: true }),
    }) + (booking.location ? `\n${c.grammar.where(clip(booking.location, 200))}` : ''); // issue 10
  return buttons(
    body,
    [
      { id: BUTTON.attend(booking.uid), title: c.labels.confirm },
      { id: BUTTON.rescheduleBooking(booking.uid), title: c.labels.reschedule },
      { id: BUTTON.cancelBooking(booking.uid), title: c.labels.cancel },
    ],
    c.labels.options,
  );
}

/** A change the business made, with what the person can do next. */
export function renderNotice(notice: Notice, ctx: NoticeContext, o: { start: string; uid?: string }): OutgoingMessage {
  const c = catalogFor(ctx.contact);
  const d = dateFormatter(c.language, ctx.timeZone, ctx.now, ctx.contact.zoneNote);
  const ref = d.ref(o.start);
  const l = c.labels;
  if ((notice === 'rescheduledByBusiness' || notice === 'confirmedByBusiness') && o.uid) {
    const on = c.grammar.on(ref, { time: true, bold: true });
    return buttons(
      notice === 'confirmedByBusiness' ? c.texts.noticeConfirmed({ on }) : c.texts.noticeMoved({ on }),
      [
        { id: BUTTON.attend(o.uid), title: l.confirm },
        { id: BUTTON.rescheduleBooking(o.uid), title: l.reschedule },
        { id: BUTTON.cancelBooking(o.uid), title: l.cancel },
      ],
      l.options,
    );
  }
  const body =
    notice === 'confirmedByBusiness'
      ? c.texts.noticeConfirmed({ on: c.grammar.on(ref, { time: true, bold: true }) })
      : notice === 'rejectedByBusiness'
        ? c.texts.noticeRejected({ of: c.grammar.of(ref, { time: true }) })
        : notice === 'cancelledByBusiness'
          ? c.texts.noticeCancelled({ of: c.grammar.of(ref, { time: true }) })
          : notice === 'rescheduledByBusiness'
            ? c.texts.noticeMoved({ on: c.grammar.on(ref, { time: true, bold: true }) })
            : c.texts.noticeNoShow();
  return buttons(body, [{ id: BUTTON.book, title: l.book }], l.options);
}
