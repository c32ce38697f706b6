/**
 * Prometheus metrics (prom-client), on a registry of our own. Instrumentation goes through small
 * hooks: wrappers around the two outbound interfaces (WhatsAppSender, CalendarProvider), a Fastify
 * hook for webhook acknowledgement, and gauges read from the database when Prometheus scrapes
 * (inbox lag, outbox depth, job lag; turn latency from the inbox rows processed since the last scrape).
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { CalendarProvider } from '../calendar/types.js';
import type { Db } from '../db/client.js';
import { WhatsAppError, type WhatsAppSender } from '../whatsapp/types.js';

const LATENCY_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.015, 0.02, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

export interface Metrics {
  registry: Registry;
  webhookAck: Histogram<'source' | 'status'>;
  turn: Histogram;
  inboxLag: Gauge;
  outboxDepth: Gauge;
  jobLag: Gauge;
  outboundErrors: Counter<'code'>;
  outboundSent: Counter<'type'>;
  calLatency: Histogram<'endpoint'>;
  calErrors: Counter<'endpoint' | 'code'>;
}

export function createMetrics(o: { defaults?: boolean } = {}): Metrics {
  const registry = new Registry();
  if (o.defaults !== false) collectDefaultMetrics({ register: registry, prefix: 'reserva_' });
  const registers = [registry];
  return {
    registry,
    webhookAck: new Histogram({
      name: 'reserva_webhook_ack_seconds',
      help: 'Time to acknowledge a webhook (WhatsApp, Cal.com, Chatwoot)',
      labelNames: ['source', 'status'],
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    turn: new Histogram({
      name: 'reserva_turn_seconds',
      help: 'From a message stored in the inbox to its turn processed',
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    inboxLag: new Gauge({
      name: 'reserva_inbox_lag_seconds',
      help: 'Age of the oldest unprocessed inbox message',
      registers,
    }),
    outboxDepth: new Gauge({
      name: 'reserva_outbox_depth',
      help: 'Effects waiting or running in the outbox',
      registers,
    }),
    jobLag: new Gauge({
      name: 'reserva_job_lag_seconds',
      help: 'How late the oldest due, unfinished job is',
      registers,
    }),
    outboundErrors: new Counter({
      name: 'reserva_outbound_errors_total',
      help: 'WhatsApp sends that failed, by WhatsApp error code ("none" when no code)',
      labelNames: ['code'],
      registers,
    }),
    outboundSent: new Counter({
      name: 'reserva_outbound_sent_total',
      help: 'Messages accepted by WhatsApp, by message type',
      labelNames: ['type'],
      registers,
    }),
    calLatency: new Histogram({
      name: 'reserva_calcom_request_seconds',
      help: 'Calendar (Cal.com) call latency by endpoint',
      labelNames: ['endpoint'],
      buckets: LATENCY_BUCKETS,
      registers,
    }),
    calErrors: new Counter({
      name: 'reserva_calcom_errors_total',
      help: 'Calendar (Cal.com) calls that failed, by endpoint and error code',
      labelNames: ['endpoint', 'code'],
      registers,
    }),
  };
}

/** The sender, counting sends and errors by WhatsApp code. */
export function instrumentSender(sender: WhatsAppSender, m: Metrics): WhatsAppSender {
  return {
    name: sender.name,
    async send(...args: Parameters<WhatsAppSender['send']>) {
      try {
        const r = await sender.send(...args);
        m.outboundSent.inc({ type: args[1].type });
        return r;
      } catch (err) {
        m.outboundErrors.inc({
          code: err instanceof WhatsAppError && err.code !== undefined ? String(err.code) : 'none',
        });
        throw err;
      }
    },
    markRead: (...args: Parameters<WhatsAppSender['markRead']>) => sender.markRead(...args),
  } as WhatsAppSender;
}

/** The calendar calls timed, by their CalendarProvider method (one Cal.com endpoint each). */
export const CALENDAR_ENDPOINTS = new Set([
  'eventType',
  'getSlots',
  'getBusy',
  'reserveSlot',
  'releaseReservation',
  'createBooking',
  'getBooking',
  'listBookingsByAttendeeEmail',
  'rescheduleBooking',
  'cancelBooking',
  'updateBookingMetadata',
  'markAbsent',
]);

/** The calendar, timing every call by method (endpoint) and counting failures by error code. */
export function instrumentCalendar<C extends CalendarProvider>(calendar: C, m: Metrics): C {
  return new Proxy(calendar, {
    get(target, prop, receiver) {
      const value = Reflect.get(target, prop, receiver) as unknown;
      if (typeof value !== 'function' || typeof prop !== 'string' || !CALENDAR_ENDPOINTS.has(prop)) return value;
      return async (...args: unknown[]) => {
        const end = m.calLatency.startTimer({ endpoint: prop });
        try {
          return await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        } catch (err) {
          const code = (err as { code?: unknown; status?: unknown }).code ?? (err as { status?: unknown }).status;
          m.calErrors.inc({ endpoint: prop, code: code === undefined ? 'none' : String(code) });
          throw err;
        } finally {
          end();
        }
      };
    },
  });
}

/** Gauges read from the database at scrape time, and turn latency from inbox rows processed since the last one. */
export function databaseCollector(prisma: Db, m: Metrics, now: () => Date) {
  let since = now();
  return async function collect(): Promise<void> {
    const t = now();
    const [inbox, outbox, job, processed] = await Promise.all([
      prisma.inboxMessage.findFirst({
        where: { status: 'pending' },
        orderBy: { seq: 'asc' },
        select: { receivedAt: true },
      }),
      prisma.outboxEffect.count({ where: { status: { in: ['pending', 'running'] } } }),
      prisma.job.findFirst({
        where: { status: 'pending', dueAt: { lte: t } },
        orderBy: { dueAt: 'asc' },
        select: { dueAt: true },
      }),
      prisma.inboxMessage.findMany({
        where: { processedAt: { gt: since, lte: t } },
        select: { receivedAt: true, processedAt: true },
        take: 10_000,
      }),
    ]);
    m.inboxLag.set(inbox ? Math.max(0, (t.getTime() - inbox.receivedAt.getTime()) / 1000) : 0);
    m.outboxDepth.set(outbox);
    m.jobLag.set(job ? Math.max(0, (t.getTime() - job.dueAt.getTime()) / 1000) : 0);
    for (const r of processed) {
      if (r.processedAt) m.turn.observe(Math.max(0, (r.processedAt.getTime() - r.receivedAt.getTime()) / 1000));
    }
    since = t;
  };
}
