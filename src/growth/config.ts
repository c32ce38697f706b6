/**
 * The `growth:` section of business.yaml (issue 16): score weights, segment rules, upsell offers,
 * win-back variants, the frequency cap and quiet hours. Every field has a default, so a file
 * without the section still scores and segments contacts; upsell and win-back need their parts
 * (an add-on to offer, variants to send) before they send anything.
 */
import { z } from 'zod';

const text = z.string().trim().min(1, 'must not be empty');
const localized = z.union([text, z.object({ es: text.optional(), en: text.optional(), pt: text.optional() }).strict()]);
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time "HH:mm" (e.g. "21:00")');
const weight = z.number().min(0).max(100);

export const growthSchema = z
  .object({
    score: z
      .object({
        /** Points of each factor (positive ones add up to the 0–100 scale; no-shows and cancellations subtract). */
        weights: z
          .object({
            recency: weight.default(25),
            frequency: weight.default(20),
            engagement: weight.default(15),
            kept: weight.default(25),
            feedback: weight.default(15),
            noShows: weight.default(30),
            cancellations: weight.default(15),
          })
          .strict()
          .prefault({}),
        /** A visit this many days ago or more gets no recency points. */
        recencyDays: z.number().int().positive().default(180),
        /** Kept visits in the last year that earn the full frequency points. */
        frequencyTarget: z.number().int().positive().default(6),
        /** How often the durable job recomputes every score (hours). */
        everyHours: z.number().positive().default(24),
      })
      .strict()
      .prefault({}),
    segments: z
      .object({
        vip: z
          .object({ minScore: z.number().min(0).max(100).default(75), minKept: z.number().int().min(0).default(5) })
          .strict()
          .prefault({}),
        proneToNoShow: z
          .object({
            minNoShows: z.number().int().min(1).default(2),
            /** Or this share of past bookings missed (with at least one no-show). */
            minNoShowRate: z.number().min(0).max(1).default(0.34),
          })
          .strict()
          .prefault({}),
        atRisk: z
          .object({ daysSinceLastVisit: z.number().int().positive().default(60), minKept: z.number().int().default(1) })
          .strict()
          .prefault({}),
        regular: z
          .object({ minKept: z.number().int().min(1).default(2) })
          .strict()
          .prefault({}),
      })
      .strict()
      .prefault({}),
    upsell: z
      .object({
        enabled: z.boolean().default(true),
        /** Minutes after the confirmation (the consent question and the booking reply go first). */
        delayMinutes: z.number().min(0).default(10),
        offers: z
          .array(
            z
              .object({
                /** The service just booked (its id in `services`), or "*" for any. */
                after: text,
                /** The add-on service (its id in `services`; it needs a calEventTypeId). */
                offer: text,
                /** Right before the appointment, right after it, or whichever is free (after first). */
                position: z.enum(['before', 'after', 'either']).default('either'),
                /** The offer's text; {service}, {time} and {name} are filled in. */
                text: localized.optional(),
              })
              .strict(),
          )
          .default([]),
        /** Approved marketing template for outside the 24-hour window ({{1}} name, {{2}} service, {{3}} time). */
        template: text.optional(),
      })
      .strict()
      .prefault({}),
    winback: z
      .object({
        enabled: z.boolean().default(true),
        /** Days after the cancellation or the no-show. */
        afterDays: z.number().positive().default(14),
        /** How many of the nearest free slots the message offers (WhatsApp shows at most 3 buttons). */
        slots: z.number().int().min(1).max(3).default(3),
        /** How far ahead to look for them. */
        searchDays: z.number().int().positive().default(14),
        /** A/B variants of the text, picked per contact by weight; {name} is filled in. */
        variants: z
          .array(
            z
              .object({
                id: z.string().regex(/^[a-z0-9_-]{1,20}$/, 'must be a short id like "a" or "discount"'),
                weight: z.number().positive().default(1),
                text: localized,
                /** Approved marketing template of this variant ({{1}} name; quick replies = the slots). */
                template: text.optional(),
              })
              .strict(),
          )
          .default([]),
      })
      .strict()
      .prefault({}),
    /** At most this many promotional messages per contact in `perDays` days (upsell and win-back together). */
    frequencyCap: z
      .object({ max: z.number().int().min(0).default(2), perDays: z.number().positive().default(30) })
      .strict()
      .prefault({}),
    /** No promotional message between these times, in the business time zone (it waits until `to`). */
    quietHours: z
      .object({ from: hhmm.default('21:00'), to: hhmm.default('09:00') })
      .strict()
      .prefault({}),
    /** A booking within this many days of an offer counts as its conversion. */
    attributionDays: z.number().positive().default(7),
    /** The "how to prepare" text sent with the 24 h reminder when the service has none of its own. */
    prepare: localized.optional(),
  })
  .strict();

export type GrowthSettings = z.output<typeof growthSchema>;
export type ScoreWeights = GrowthSettings['score']['weights'];

/** The settings of a file without a `growth:` section. */
export const defaultGrowth = (): GrowthSettings => growthSchema.parse({});
