/**
 * Opening hours from Cal.com API v2: the event type's availability schedule
 * (GET /v2/event-types/{id} → `scheduleId`; GET /v2/schedules/{id}, or GET /v2/schedules/default
 * when the event type uses the owner's default), mapped to weekday intervals. The schedule's own
 * time zone is kept only when it is the business zone; otherwise — and when the API can't be read —
 * the fallback (BUSINESS_HOURS) is used. Read once and cached for `ttlMs`.
 */
import type { OpeningInterval } from '../../../machines/types.js';
import type { CalHttp } from './http.js';

/** `cal-api-version` of the schedules endpoints (OpenAPI: 2024-06-11). */
export const SCHEDULES_API_VERSION = '2024-06-11';
const EVENT_TYPES_API_VERSION = '2024-06-14';

const DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const;

interface ScheduleOut {
  timeZone?: string;
  availability?: Array<{ days?: string[]; startTime?: string; endTime?: string }>;
}

export interface OpeningHoursOptions {
  http: CalHttp;
  eventTypeId: number;
  /** The business zone: a schedule in another zone is not trusted as opening hours. */
  timeZone?: string;
  /** Used when Cal.com can't say (no schedule, another zone, an error). */
  fallback: () => OpeningInterval[];
  ttlMs?: number;
  now?: () => number;
  onError?: (err: unknown) => void;
}

const HHMM = /^([01]\d|2[0-4]):([0-5]\d)$/;

/** Cal.com's availability entries as opening intervals (invalid entries skipped). */
export function toOpeningHours(schedule: ScheduleOut): OpeningInterval[] {
  const out: OpeningInterval[] = [];
  for (const a of schedule.availability ?? []) {
    if (!a.startTime || !a.endTime || !HHMM.test(a.startTime) || !HHMM.test(a.endTime) || a.startTime >= a.endTime)
      continue;
    for (const day of a.days ?? []) {
      const i = DAYS.indexOf(day as (typeof DAYS)[number]);
      if (i >= 0) out.push({ weekday: (i + 1) as OpeningInterval['weekday'], from: a.startTime, to: a.endTime });
    }
  }
  return out.sort((x, y) => x.weekday - y.weekday || x.from.localeCompare(y.from));
}

export function calcomOpeningHours(opts: OpeningHoursOptions): () => Promise<OpeningInterval[]> {
  const ttl = opts.ttlMs ?? 3_600_000;
  const now = opts.now ?? Date.now;
  let cached: { at: number; hours: OpeningInterval[] } | null = null;
  return async () => {
    if (cached && now() - cached.at < ttl) return cached.hours;
    let hours: OpeningInterval[];
    try {
      const et = await opts.http<{ data?: { scheduleId?: number | null } }>({
        method: 'GET',
        path: `/v2/event-types/${opts.eventTypeId}`,
        version: EVENT_TYPES_API_VERSION,
      });
      const id = et.data?.scheduleId;
      const r = await opts.http<{ data?: ScheduleOut | null }>({
        method: 'GET',
        path: id ? `/v2/schedules/${id}` : '/v2/schedules/default',
        version: SCHEDULES_API_VERSION,
      });
      const schedule = r.data ?? {};
      const sameZone = !opts.timeZone || !schedule.timeZone || schedule.timeZone === opts.timeZone;
      const read = sameZone ? toOpeningHours(schedule) : [];
      hours = read.length ? read : opts.fallback();
    } catch (err) {
      opts.onError?.(err);
      hours = opts.fallback();
    }
    cached = { at: now(), hours };
    return hours;
  };
}
