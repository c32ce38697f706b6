/**
 * Win-back (issue 16): a person who cancelled or did not come gets, `winback.afterDays` later, a
 * marketing message with the nearest free slots (each a button that books it in one tap), in the
 * A/B variant their contact id falls in. Not when they have booked again since; consent-gated at
 * the outbox (kind 'winback'); within the frequency cap; never in quiet hours (it waits).
 */
import type { Logger } from 'pino';
import type { ContactFacts, Language } from '../../machines/types.js';
import type { CalendarProvider } from '../calendar/types.js';
import { BUTTON } from '../conversation/buttons.js';
import { dateFormatter } from '../conversation/dates.js';
import { renderWinback } from '../conversation/offers.js';
import type { Db } from '../db/client.js';
import type { Outbound } from '../engine/outbound.js';
import { scheduleJob, type JobHandler } from '../scheduler/index.js';
import type { OutgoingMessage } from '../whatsapp/types.js';
import type { GrowthSettings } from './config.js';
import { waitUntil } from './guards.js';
import { fill, pickText } from './messages.js';
import { claimOffer, sentRecently, settleOffer } from './offers.js';
import { sendOffer } from './send.js';
import { pickVariant } from './variants.js';

export interface WinbackDeps {
  prisma: Db;
  outbound: Outbound;
  settings: GrowthSettings;
  calendar: CalendarProvider;
  timeZone: string;
  defaultLocale: Language;
  templateLanguages: Record<string, string>;
  now: () => Date;
  logger: Logger;
}

export const winbackJobKey = (uid: string, at?: Date) => `growth.winback:${uid}${at ? `@${at.toISOString()}` : ''}`;

export function winbackJob(deps: () => WinbackDeps | null): JobHandler {
  return async (job) => {
    const d = deps();
    if (!d || !d.settings.winback.enabled) return;
    const { uid } = job.payload as { uid: string };
    const now = d.now();
    const booking = await d.prisma.booking.findUnique({ where: { uid }, include: { contact: true } });
    if (!booking || !(booking.status === 'cancelled' || booking.noShow)) return;
    // Booked again since (or still has an appointment ahead): nothing to win back.
    const again = await d.prisma.booking.findFirst({
      where: {
        contactId: booking.contactId,
        uid: { not: uid },
        OR: [{ createdAt: { gt: booking.updatedAt } }, { status: 'accepted', start: { gt: now } }],
      },
      select: { uid: true },
    });
    if (again) return;
    const variant = pickVariant(booking.contactId, d.settings.winback.variants);
    const wait = await waitUntil(d.prisma, booking.contactId, d.settings, d.timeZone, now);
    if (wait) {
      await scheduleJob(d.prisma, {
        kind: 'growth.winback',
        key: winbackJobKey(uid, wait),
        dueAt: wait,
        payload: { uid },
      });
      return;
    }
    const eventType = await d.calendar.eventType();
    const offerId = await claimOffer(d.prisma, {
      kind: 'winback',
      contactId: booking.contactId,
      sourceBookingUid: uid,
      variant: variant?.id ?? 'default',
      eventTypeId: eventType.id,
      now,
    });
    if (!offerId) return; // sent (or decided) before: once per booking
    const cap = d.settings.frequencyCap;
    if ((await sentRecently(d.prisma, booking.contactId, cap.perDays, now)) >= cap.max) {
      await settleOffer(d.prisma, offerId, { status: 'skipped', reason: 'frequency-cap', now });
      return;
    }
    const slots = (
      await d.calendar.getSlots({
        from: now.toISOString(),
        to: new Date(now.getTime() + d.settings.winback.searchDays * 86_400_000).toISOString(),
        timeZone: d.timeZone,
      })
    )
      .filter((s) => Date.parse(s.start) > now.getTime())
      .slice(0, d.settings.winback.slots);
    if (!slots.length) {
      await settleOffer(d.prisma, offerId, { status: 'skipped', reason: 'no-free-slot', now });
      return;
    }
    const contact = booking.contact;
    const lang = ((contact.language as Language | null) ?? d.defaultLocale) as Language;
    const fmt = dateFormatter(lang, d.timeZone, now);
    const first = (contact.name ?? '').trim().split(/\s+/)[0] ?? '';
    const own = pickText(variant?.text, lang);
    const ids = slots.map((s) => BUTTON.take(s.start, eventType.id));
    const meta = { purpose: 'winBack', bookingUid: uid };
    const message = renderWinback(
      { language: lang, formality: (contact.formality as ContactFacts['formality']) ?? undefined },
      {
        name: first,
        slots: slots.map((s, i) => ({ id: ids[i]!, title: fmt.short(s.start) })),
        body: own === undefined ? undefined : fill(own, { name: first }),
        meta,
      },
    );
    const body = message.type === 'template' ? (message.preview ?? '') : message.body;
    const template: OutgoingMessage | null = variant?.template
      ? {
          type: 'template',
          name: variant.template,
          language: d.templateLanguages[lang] ?? lang,
          bodyParams: [first || '-'],
          quickReplies: ids,
          preview: `${body} ${slots.map((s) => fmt.short(s.start)).join(' · ')}`,
          meta,
        }
      : null;
    await sendOffer(d, { offerId, kind: 'winback', contact, message, template, slots: slots.map((s) => s.start) });
  };
}
