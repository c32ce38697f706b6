/**
 * The lead score, 0–100, with its reasons: pure, from a contact's facts and the configured weights.
 *
 * Positive factors earn up to their weight: recency of the last visit, frequency of visits in the
 * last year, engagement (how fast they read and tap our messages), bookings kept, and their
 * ratings. No-shows and cancellations subtract up to their weight. The total is scaled so that
 * a contact with every positive factor at its best scores 100, then clamped to 0–100.
 */
import type { ContactFacts } from './facts.js';
import type { GrowthSettings } from './config.js';

export type Factor = 'recency' | 'frequency' | 'engagement' | 'kept' | 'feedback' | 'noShows' | 'cancellations';

export interface Reason {
  factor: Factor;
  /** Points on the 0–100 scale (negative for no-shows and cancellations). */
  points: number;
  detail: string;
}

export interface Score {
  score: number;
  reasons: Reason[];
}

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));

/** 1 when answered within 5 minutes, 0 after a day, on a log scale in between. */
export function speed(minutes: number | null): number | null {
  if (minutes === null) return null;
  if (minutes <= 5) return 1;
  return clamp01(1 - Math.log(minutes / 5) / Math.log((24 * 60) / 5));
}

export function computeScore(f: ContactFacts, s: GrowthSettings['score']): Score {
  const w = s.weights;
  const positive = w.recency + w.frequency + w.engagement + w.kept + w.feedback;
  const scale = positive > 0 ? 100 / positive : 0;
  const pts = (weight: number, share: number) => Math.round(weight * share * scale * 10) / 10;
  const minus = (x: number) => (x === 0 ? 0 : -x);
  const reasons: Reason[] = [];

  const recency = f.daysSinceLastVisit === null ? 0 : clamp01(1 - f.daysSinceLastVisit / s.recencyDays);
  reasons.push({
    factor: 'recency',
    points: pts(w.recency, recency),
    detail: f.daysSinceLastVisit === null ? 'no visit yet' : `last visit ${f.daysSinceLastVisit} days ago`,
  });
  reasons.push({
    factor: 'frequency',
    points: pts(w.frequency, clamp01(f.keptLastYear / s.frequencyTarget)),
    detail: `${f.keptLastYear} visits in the last year (full points at ${s.frequencyTarget})`,
  });
  const read = speed(f.medianReadMinutes);
  const tap = speed(f.medianTapMinutes);
  const known = [read, tap].filter((x): x is number => x !== null);
  const engagement = known.length ? known.reduce((a, b) => a + b, 0) / known.length : 0;
  const fmt = (m: number | null) =>
    m === null ? 'unknown' : m < 60 ? `${Math.round(m)} min` : `${Math.round(m / 60)} h`;
  reasons.push({
    factor: 'engagement',
    points: pts(w.engagement, engagement),
    detail: `reads our messages in ${fmt(f.medianReadMinutes)}, taps in ${fmt(f.medianTapMinutes)} (median)`,
  });
  reasons.push({
    factor: 'kept',
    points: pts(w.kept, clamp01(f.kept / 3)),
    detail: `${f.kept} appointments kept (full points at 3)`,
  });
  reasons.push({
    factor: 'feedback',
    points: f.averageRating === null ? 0 : pts(w.feedback, clamp01((f.averageRating - 1) / 4)),
    detail:
      f.averageRating === null
        ? 'no rating yet'
        : `average rating ${f.averageRating.toFixed(1)} of 5 (${f.ratings} ratings)`,
  });
  reasons.push({
    factor: 'noShows',
    points: minus(pts(w.noShows, clamp01(f.noShows / 2))),
    detail: `${f.noShows} no-shows (full penalty at 2)`,
  });
  reasons.push({
    factor: 'cancellations',
    points: minus(pts(w.cancellations, clamp01(f.cancellations / 3))),
    detail: `${f.cancellations} cancellations (full penalty at 3)`,
  });
  const total = reasons.reduce((a, r) => a + r.points, 0);
  return { score: Math.round(Math.min(100, Math.max(0, total))), reasons };
}
