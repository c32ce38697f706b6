/**
 * How many people the engine processes at once, adapted to the event loop's lag, so that the
 * webhook's acknowledgement never waits behind processing: ingest and turns share one event loop,
 * and every turn in flight adds its synchronous slices (NLU, statechart, rendering, SQLite) to the
 * queue a webhook waits in. Additive increase while the lag stays under its target and work is
 * waiting; multiplicative decrease as soon as it does not (the classic AIMD of congestion control).
 *
 * The lag is read from Node's own histogram (`perf_hooks.monitorEventLoopDelay`), reset every
 * window. Side-effect free apart from that monitor and a timer (both stopped by `stop()`).
 */
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

export interface AdaptiveLimitOptions {
  /** Never more than this (ENGINE_CONCURRENCY). */
  max: number;
  /** Never fewer than this (default 1: work always goes on). */
  min?: number;
  /** The lag (ms, p99 of a window) above which the limit shrinks (ENGINE_MAX_LAG_MS; 0: fixed at `max`). */
  targetLagMs: number;
  /** Window length (default 50 ms). */
  windowMs?: number;
  /** Whether people are waiting for a turn (only then does the limit grow). */
  demand: () => boolean;
}

export interface AdaptiveLimit {
  current(): number;
  /** The last window's p99 lag in ms (metrics, benchmarks). */
  lagMs(): number;
  stop(): void;
}

/** Pure: the next limit from the last one and what the window saw. */
export function nextLimit(
  limit: number,
  o: { lagMs: number; targetLagMs: number; demand: boolean; min: number; max: number },
): number {
  if (o.lagMs > o.targetLagMs) return Math.max(o.min, Math.floor(limit * 0.7));
  if (o.demand) return Math.min(o.max, limit + 1);
  return limit;
}

export function createAdaptiveLimit(o: AdaptiveLimitOptions): AdaptiveLimit {
  const min = Math.max(1, Math.min(o.min ?? 1, o.max));
  if (!o.targetLagMs) return { current: () => o.max, lagMs: () => 0, stop: () => {} };
  let limit = Math.max(min, Math.min(o.max, 4));
  let lastLag = 0;
  const histogram: IntervalHistogram = monitorEventLoopDelay({ resolution: 2 });
  histogram.enable();
  const timer = setInterval(() => {
    // The histogram counts from when a timer was due: its resolution is part of every sample.
    lastLag = Math.max(0, histogram.percentile(99) / 1e6 - 2);
    histogram.reset();
    limit = nextLimit(limit, { lagMs: lastLag, targetLagMs: o.targetLagMs, demand: o.demand(), min, max: o.max });
  }, o.windowMs ?? 50);
  timer.unref();
  return {
    current: () => limit,
    lagMs: () => lastLag,
    stop() {
      clearInterval(timer);
      histogram.disable();
    },
  };
}
