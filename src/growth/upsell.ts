/**
 * Upsell (issue 16): after a confirmed booking, a configured add-on (another Cal.com event type of
 * business.yaml) right before or after the appointment, when that slot is free. One button books
 * it (v1:take: the booking flow books that slot directly); at most once per booking (the offer row
 * is claimed first); never without marketing consent (the outbox gate, kind 'upsell').
 */
import type { Logger } from 'pino';
import type { ContactFacts, Language } from '../../machines/types.js';
import type { CalendarProvider, Slot } from '../calendar/types.js';
import { BUTTON } from '../conversation/buttons.js';
import { dateFormatter } from '../conversation/dates.js';
import { renderUpsell } from '../conversation/offers.js';
import type { Db } from '../db/client.js';
import type { Outbound } from '../engine/outbound.js';
import type { Knowledge, Service } from '../knowledge/types.js';
import { scheduleJob, type JobHandler } from '../scheduler/index.js';
import type { OutgoingMessage } from '../whatsapp/types.js';
import type { GrowthSettings } from './config.js';
import { waitUntil } from './guards.js';
import { fill, pickText } from './messages.js';
import { claimOffer, sentRecently, settleOffer } from './offers.js';
import { sendOffer } from './send.js';

export interface UpsellDeps {
  prisma: Db;
  outbound: Outbound;
  knowledge: Knowledge;
  settings: GrowthSettings;
  calendarFor: (eventTypeId: number) => CalendarProvider;
  timeZone: string;
  defaultLocale: Language;
  templateLanguages: Record<string, string>;
  now: () => Date;
  logger: Logger;
}

export const upsellJobKey = (uid: string, at?: Date) => `growth.upsell:${uid}${at ? `@${at.toISOString()}` : ''}`;

/** The add-on configured for a booking of this event type, if any. */
export function addOnFor(k: Knowledge, s: GrowthSettings, eventTypeId: number) {
  const booked = k.services.find((x) => x.calEventTypeId === eventTypeId);
  for (const rule of s.upsell.offers) {
    if (rule.after !== '*' && rule.after !== booked?.id) continue;
    const offer = k.services.find((x) => x.id === rule.offer);
    if (offer?.calEventTypeId && offer.calEventTypeId !== eventTypeId) return { rule, offer, booked };
  }
  return null;
}

/** A free slot of the add-on ending exactly at `start` or starting exactly at `end`. */
export async function adjacentSlot(
  cal: CalendarProvider,
  b: { start: Date; end: Date },
  position: 'before' | 'after' | 'either',
  timeZone: string,
): Promise<{ slot: Slot; position: 'before' | 'after' } | null> {
  const at = async (startMs: number) => {
    const slots = await cal.getSlots({
      from: new Date(startMs).toISOString(),
      to: new Date(startMs + 60_000).toISOString(),
      timeZone,
    });
    return slots.find((s) => Date.parse(s.start) === startMs) ?? null;
  };
  if (position !== 'before') {
    const after = await at(b.end.getTime());
    if (after) return { slot: after, position: 'after' };
  }
  if (position !== 'after') {
    const len = (await cal.eventType()).lengthInMinutes;
    const before = await at(b.start.getTime() - len * 60_000);
    if (before) return { slot: before, position: 'before' };
  }
  return null;
}

export function upsellJob(deps: () => UpsellDeps | null): JobHandler {
  return async (job) => {
    const d = deps();
    if (!d || !d.settings.upsell.enabled) return;
    const { uid } = job.payload as { uid: string };
    const now = d.now();
    const booking = await d.prisma.booking.findUnique({ where: { uid }, include: { contact: true } });
    if (!booking || booking.status !== 'accepted' || booking.noShow || booking.start.getTime() <= now.getTime()) return;
    const addOn = addOnFor(d.knowledge, d.settings, booking.eventTypeId);
    if (!addOn) return;
    // A booking that is itself the add-on bought from an offer gets no offer of its own.
    const fromOffer = await d.prisma.growthOffer.findFirst({ where: { convertedBookingUid: uid } });
    if (fromOffer) return;
    const wait = await waitUntil(d.prisma, booking.contactId, d.settings, d.timeZone, now);
    if (wait) {
      await scheduleJob(d.prisma, {
        kind: 'growth.upsell',
        key: upsellJobKey(uid, wait),
        dueAt: wait,
        payload: { uid },
      });
      return;
    }
    const eventTypeId = addOn.offer.calEventTypeId!;
    const offerId = await claimOffer(d.prisma, {
      kind: 'upsell',
      contactId: booking.contactId,
      sourceBookingUid: uid,
      variant: addOn.offer.id,
      eventTypeId,
      now,
    });
    if (!offerId) return; // offered before: at most once per booking
    const cap = d.settings.frequencyCap;
    if ((await sentRecently(d.prisma, booking.contactId, cap.perDays, now)) >= cap.max) {
      await settleOffer(d.prisma, offerId, { status: 'skipped', reason: 'frequency-cap', now });
      return;
    }
    const found = await adjacentSlot(d.calendarFor(eventTypeId), booking, addOn.rule.position, d.timeZone);
    if (!found) {
      await settleOffer(d.prisma, offerId, { status: 'skipped', reason: 'no-free-slot', now });
      return;
    }
    const contact = booking.contact;
    const lang = ((contact.language as Language | null) ?? d.defaultLocale) as Language;
    const fmt = dateFormatter(lang, d.timeZone, now);
    const time = fmt.time(found.slot.start);
    const first = (contact.name ?? '').trim().split(/\s+/)[0] ?? '';
    const service = serviceName(addOn.offer, lang);
    const own = pickText(addOn.rule.text, lang);
    const take = BUTTON.take(found.slot.start, eventTypeId);
    const meta = { purpose: 'upsell', bookingUid: uid };
    const message = renderUpsell(
      { language: lang, formality: (contact.formality as ContactFacts['formality']) ?? undefined },
      {
        service,
        time,
        position: found.position,
        take,
        body: own === undefined ? undefined : fill(own, { name: first, service, time }),
        meta,
      },
    );
    const body = message.type === 'template' ? (message.preview ?? '') : message.body;
    const template: OutgoingMessage | null = d.settings.upsell.template
      ? {
          type: 'template',
          name: d.settings.upsell.template,
          language: d.templateLanguages[lang] ?? lang,
          // Absolute date: a template may be read long after it was sent.
          bodyParams: [
            first || '-',
            service,
            dateFormatter(lang, d.timeZone, new Date(0)).dayAndTime(found.slot.start),
          ],
          quickReplies: [take, BUTTON.noThanks],
          preview: body,
          meta,
        }
      : null;
    await sendOffer(d, { offerId, kind: 'upsell', contact, message, template, slots: [found.slot.start] });
  };
}

export const serviceName = (s: Service, lang: Language) => pickText(s.name, lang) ?? s.id;
