/**
 * Growth (issue 16), built once in app.ts: booking hooks (score on each booking event, upsell after
 * a confirmed booking, win-back after a cancellation or a no-show, conversions), the durable jobs,
 * the ad referral of a first message, the preparation text with the 24 h reminder, the admin
 * routes, the metrics field and the erasure of its rows. Every promotional message goes through the
 * one outbound path with kind 'upsell' / 'winback' — the privacy gate decides there.
 */
import type { Logger } from 'pino';
import type { Language } from '../../machines/types.js';
import type { CalendarProvider } from '../calendar/types.js';
import type { Db, Tx } from '../db/client.js';
import type { BookingHooks } from '../engine/bookings.js';
import type { Outbound, Recipient } from '../engine/outbound.js';
import type { AdminExtension } from '../admin/plugin.js';
import type { Knowledge } from '../knowledge/types.js';
import { scheduleJob, type JobHandler } from '../scheduler/index.js';
import { defaultGrowth, type GrowthSettings } from './config.js';
import { growthFigures } from './figures.js';
import { attributeConversion } from './offers.js';
import { sendPreparation } from './prepare.js';
import { recomputeContact, scheduleScores, scoresJob } from './recompute.js';
import { keepReferral, type AdReferral } from './referral.js';
import { growthRoutes } from './routes.js';
import { upsellJob, upsellJobKey } from './upsell.js';
import { winbackJob, winbackJobKey } from './winback.js';

export interface GrowthOptions {
  prisma: Db;
  outbound: Outbound;
  calendar: CalendarProvider;
  /** The calendar of another event type (an add-on). */
  calendarFor: (eventTypeId: number) => CalendarProvider;
  knowledge?: Knowledge;
  timeZone: string;
  defaultLocale: Language;
  templateLanguages: Record<string, string>;
  now: () => Date;
  logger: Logger;
  /** Run before each full score pass: the insights refresh, which records the taps engagement is read from. */
  beforeScores?: () => Promise<void>;
}

export interface Growth {
  settings: GrowthSettings;
  /** Combined with the lifecycle's hooks: called inside each booking change's transaction. */
  hooks: BookingHooks;
  handlers: Record<string, JobHandler>;
  /** Keeps the ad a first message came from (WhatsApp `referral`). */
  keepReferral(contactId: string, referral: AdReferral): Promise<void>;
  /** Sent right after a reminder (the 24 h one carries the preparation text). */
  afterReminder(
    contact: Recipient & { language: string | null },
    booking: { uid: string; eventTypeId: number; start: Date },
    offset: string | undefined,
  ): Promise<void>;
  routes: AdminExtension;
  /** The `growth` field of /admin/metrics. */
  /** Upsell and win-back per variant, per ad: the `growth` field of /admin/metrics. */
  figures(q: { from: Date; to: Date; now: Date }): Promise<unknown>;
  /** Erasure: the contact's score, offers and referral. */
  erase(tx: Tx, subject: { contactId: string }): Promise<number>;
  /** Schedules the periodic score job (idempotent). */
  start(): Promise<void>;
}

export function createGrowth(o: GrowthOptions): Growth {
  const settings = o.knowledge?.growth ?? defaultGrowth();
  const { prisma, now, logger } = o;
  const shared = {
    prisma,
    outbound: o.outbound,
    settings,
    timeZone: o.timeZone,
    defaultLocale: o.defaultLocale,
    templateLanguages: o.templateLanguages,
    now,
    logger,
  };
  const day = 86_400_000;
  // Promotional jobs only once the business configured them: an add-on to offer, a text to send.
  const upsellOn = Boolean(o.knowledge) && settings.upsell.enabled && settings.upsell.offers.length > 0;
  const winbackOn = settings.winback.enabled && settings.winback.variants.length > 0;

  const hooks: BookingHooks = {
    async onBooked(tx, b) {
      // Called before the lifecycle's hooks: a booking Reserva has mirrored before (an echo, a new
      // time of it) already has its feedback job (src/lifecycle/reminders.ts, key "feedback:<uid>@…").
      // A booking seen for the first time may be the conversion of an offer.
      const seen = await tx.job.findFirst({
        where: { key: { startsWith: `feedback:${b.uid}@` } },
        select: { id: true },
      });
      if (!seen) await attributeConversion(tx, b, settings.attributionDays, now());
      const contact = await tx.contact.findUnique({ where: { id: b.contactId }, select: { id: true, phone: true } });
      if (contact) await recomputeContact(tx, contact, settings, now());
      // The upsell job, when there is an add-on to offer (once per booking: the key).
      if (upsellOn && b.start.getTime() > now().getTime())
        await scheduleJob(
          tx,
          {
            kind: 'growth.upsell',
            key: upsellJobKey(b.uid),
            dueAt: new Date(now().getTime() + settings.upsell.delayMinutes * 60_000),
            payload: { uid: b.uid },
          },
          { now },
        );
    },
    async onCancelled(tx, b) {
      const booking = await tx.booking.findUnique({
        where: { uid: b.uid },
        select: { status: true, noShow: true, contact: { select: { id: true, phone: true } } },
      });
      if (!booking) return;
      await recomputeContact(tx, booking.contact, settings, now());
      if (winbackOn && (booking.status === 'cancelled' || booking.noShow))
        await scheduleJob(
          tx,
          {
            kind: 'growth.winback',
            key: winbackJobKey(b.uid),
            dueAt: new Date(now().getTime() + settings.winback.afterDays * day),
            payload: { uid: b.uid },
          },
          { now },
        );
    },
  };

  return {
    settings,
    hooks,
    handlers: {
      'growth.scores': scoresJob(prisma, () => settings, now, o.beforeScores),
      'growth.upsell': upsellJob(() =>
        o.knowledge ? { ...shared, knowledge: o.knowledge, calendarFor: o.calendarFor } : null,
      ),
      'growth.winback': winbackJob(() => ({ ...shared, calendar: o.calendar })),
    },
    keepReferral: (contactId, r) => keepReferral(prisma, contactId, r, now()),
    async afterReminder(contact, booking, offset) {
      await sendPreparation({ outbound: o.outbound, knowledge: o.knowledge, now, logger }, contact, booking, {
        offset,
        defaultLocale: o.defaultLocale,
      }).catch((err: Error) => logger.warn({ err: err.message }, 'preparation text could not be sent'));
    },
    routes: growthRoutes(prisma),
    figures: (q) => growthFigures(prisma, q, o.knowledge),
    async erase(tx, subject) {
      const where = { contactId: subject.contactId };
      return (
        (await tx.contactScore.deleteMany({ where })).count +
        (await tx.growthOffer.deleteMany({ where })).count +
        (await tx.contactReferral.deleteMany({ where })).count
      );
    },
    // The first full recompute at the end of this period (booking events keep scores fresh meanwhile).
    start: () => scheduleScores(prisma, settings, now, true),
  };
}

/** Several sets of hooks, in the order given, in the same transaction. */
export function combineHooks(...all: BookingHooks[]): BookingHooks {
  return {
    async onBooked(tx, b) {
      for (const h of all) await h.onBooked(tx, b);
    },
    async onCancelled(tx, b) {
      for (const h of all) await h.onCancelled(tx, b);
    },
  };
}
