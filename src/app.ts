/**
 * Builds the whole service: configuration, database, calendar (Cal.com or the built-in demo),
 * WhatsApp sender (Cloud API or the chat simulator), engine, scheduler worker and HTTP routes.
 * Tests build it with their own env and clock; main.ts adds listening and signals.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import type { Logger } from 'pino';
import { createCalComClient } from './calendar/calcom/client.js';
import { createDemoCalendar, seedDemoCalendar } from './calendar/demo/provider.js';
import type { CalendarProvider } from './calendar/types.js';
import { loadConfig, type Config } from './config.js';
import { openDatabase, type Database } from './db/client.js';
import { createEngine, type Engine } from './engine/engine.js';
import { startInspection } from './engine/inspect.js';
import { calWebhookPlugin } from './http/cal-webhook.js';
import { whatsappWebhookPlugin } from './http/whatsapp-webhook.js';
import { createLifecycle, type Lifecycle } from './lifecycle/reminders.js';
import { createLogger } from './logger.js';
import { adminPlugin } from './admin/plugin.js';
import { docsPlugin } from './admin/docs.js';
import { chatwootWebhookPlugin } from './handoff/chatwoot-webhook.js';
import type { HoursSource } from './handoff/hours.js';
import { createHandoffService, type HandoffService } from './handoff/service.js';
import { createWorker, type Worker } from './scheduler/index.js';
import { simulatorPlugin } from './simulator/plugin.js';
import { createSimulatorSender } from './simulator/sender.js';
import { createSimulatorHub } from './simulator/hub.js';
import { createCloudApiSender } from './whatsapp/client.js';
import { createDelivery } from './whatsapp/delivery.js';
import { createCalEvents } from './lifecycle/cal-events.js';
import { createReconciler } from './lifecycle/reconcile.js';
import type { WhatsAppSender } from './whatsapp/types.js';

export interface BuildOptions {
  env?: NodeJS.ProcessEnv;
  now?: () => Date;
  logger?: Logger;
  /** Start the background job worker (reminders, retries). Default true. */
  worker?: boolean;
  workerPollMs?: number;
}

export interface Reserva {
  app: FastifyInstance;
  engine: Engine;
  db: Database;
  config: Config;
  calendar: CalendarProvider;
  sender: WhatsAppSender;
  worker: Worker;
  /** Reminders, feedback and no-shows (e.g. `lifecycle.recordNoShow(uid)`). */
  lifecycle: Lifecycle;
  /** Compares upcoming Cal.com bookings with the mirror and catches up (also a durable job). */
  reconciler: { reconcile(): Promise<number> };
  /** Hand-off to a person: staff actions, notification jobs (issue 13). */
  handoff: HandoffService;
  close(): Promise<void>;
}

export async function buildApp(opts: BuildOptions = {}): Promise<Reserva> {
  const config = loadConfig(opts.env ?? process.env);
  const now = opts.now ?? (() => new Date());
  const logger = opts.logger ?? createLogger(config.logLevel);
  const db = await openDatabase(config.databaseUrl);

  let calendar: CalendarProvider;
  if (config.useCalCom) {
    calendar = createCalComClient({ baseUrl: config.cal.apiUrl, apiKey: config.cal.apiKey!, eventTypeId: config.cal.eventTypeId!, bookingUrl: config.cal.bookingUrl, now });
  } else {
    const demo = createDemoCalendar({ prisma: db.prisma, timeZone: config.businessTimeZone, now, hours: config.businessHours, bookingUrl: config.cal.bookingUrl });
    if (config.demo.seed) await seedDemoCalendar(demo, now()).catch((err: Error) => logger.warn({ err: err.message }, 'demo calendar seed failed'));
    calendar = demo;
  }

  const hub = createSimulatorHub();
  const sender: WhatsAppSender = config.useWhatsAppCloud
    ? createCloudApiSender({ graphUrl: config.whatsapp.graphUrl, apiVersion: config.whatsapp.apiVersion, phoneNumberId: config.whatsapp.phoneNumberId!, accessToken: config.whatsapp.accessToken!, pairPauseMs: config.whatsappPairPauseMs, timeoutMs: config.whatsappTimeoutMs })
    : createSimulatorSender({ hub });

  // INSPECT=1: conversations mirrored live in Stately's inspector (nothing is loaded otherwise).
  const inspection = await startInspection({ enabled: config.inspect, logger });

  let engineRef: Engine | null = null;
  const lifecycle = createLifecycle({
    prisma: db.prisma,
    sender,
    timeZone: config.businessTimeZone,
    defaultLocale: config.defaultLocale,
    offsetsMs: config.reminders.offsetsMs,
    feedbackDelayMs: config.reminders.feedbackDelayMs,
    templateName: config.reminders.templateName,
    templateLanguages: config.reminders.templateLanguages,
    feedbackTemplateName: config.reminders.feedbackTemplateName,
    noticeTemplates: config.reminders.noticeTemplates,
    calendar,
    now,
    logger,
    deliver: (contactId, event) => engineRef!.deliver(contactId, event),
  });
  const handoff = createHandoffService({
    prisma: db.prisma,
    config: config.handoff,
    timeZone: config.businessTimeZone,
    businessHours: config.businessHours,
    hours: calendar as HoursSource,
    templateLanguages: config.reminders.templateLanguages,
    now,
    logger,
    deliver: (contactId, event) => engineRef!.deliver(contactId, event),
  });
  const engine = createEngine({
    db,
    calendar,
    sender,
    logger,
    now,
    timeZone: config.businessTimeZone,
    defaultLocale: config.defaultLocale,
    businessHours: config.businessHours,
    sessionTimeoutMs: config.sessionTimeoutMs,
    bookingUrl: config.cal.bookingUrl,
    hooks: {
      ...lifecycle.hooks,
      runEffect: (contact, effect) => handoff.runEffect(contact, effect),
      templateFor: (spec, contact) => handoff.templateFor(spec, contact) ?? lifecycle.hooks.templateFor?.(spec, contact) ?? null,
    },
    onStep: inspection?.mirror,
  });
  engineRef = engine;

  // After a send: failed statuses, sends that timed out, number changes (issue 10).
  const delivery = createDelivery({ prisma: db.prisma, sender, now, logger, pairPauseMs: config.whatsappPairPauseMs });
  // Lost Cal.com webhooks caught up by comparing upcoming bookings with the mirror (issue 10).
  const noticeTemplates = { names: config.reminders.noticeTemplates, languages: config.reminders.templateLanguages };
  const reconciler = createReconciler({
    prisma: db.prisma,
    calendar,
    intervalMs: config.calReconcileIntervalMs,
    now,
    logger,
    events: createCalEvents({ prisma: db.prisma, hooks: lifecycle.hooks, recordNoShow: (uid, o) => lifecycle.recordNoShow(uid, o), sender, timeZone: config.businessTimeZone, defaultLocale: config.defaultLocale, now, logger, noticeTemplates }),
  });
  const handlers = { ...lifecycle.handlers, ...handoff.handlers, ...delivery.handlers, ...reconciler.handlers };
  const worker = createWorker({ db, handlers, now, logger, pollMs: opts.workerPollMs ?? 1000, lockTimeoutMs: 120_000 });

  const app = Fastify({ loggerInstance: logger, bodyLimit: 1024 * 1024 }) as unknown as FastifyInstance;
  // Per-IP limit on every route but the WhatsApp webhook (Meta delivers bursts from few addresses;
// its signature check already turns away anything not from Meta).
  await app.register(rateLimit, { global: true, max: config.rateLimitPerMinute, timeWindow: '1 minute' });
  app.get('/healthz', async (_req, reply) => {
    try {
      await db.prisma.contact.count({ take: 1 } as never);
      return { status: 'ok', database: db.provider, calendar: calendar.name, whatsapp: sender.name };
    } catch {
      return reply.code(503).send({ status: 'unavailable', error: 'database not reachable' });
    }
  });
  // OpenAPI (/openapi.json, /docs) first: it documents the routes registered after it.
  await app.register(docsPlugin);
  await app.register(whatsappWebhookPlugin, { engine, delivery, appSecret: config.whatsapp.appSecret, verifyToken: config.whatsapp.verifyToken });
  await app.register(calWebhookPlugin, { prisma: db.prisma, secret: config.cal.webhookSecret, engine, hooks: lifecycle.hooks, lifecycle, sender, timeZone: config.businessTimeZone, defaultLocale: config.defaultLocale, now, noticeTemplates: { names: config.reminders.noticeTemplates, languages: config.reminders.templateLanguages } });
  if (config.handoff.chatwoot) await app.register(chatwootWebhookPlugin, { handoff, secret: config.handoff.chatwoot.webhookSecret });
  // Off (404) unless ADMIN_JWT_SECRET is set.
  if (config.admin.jwtSecret) await app.register(adminPlugin, { secret: config.admin.jwtSecret, prisma: db.prisma, handoff, now, postgres: db.provider === 'postgres' });
  if (config.simulatorEnabled) {
    await app.register(simulatorPlugin, { engine, prisma: db.prisma, hub, timeZone: config.businessTimeZone, now });
  }
  app.setErrorHandler((err: Error & { statusCode?: number }, req, reply) => {
    const status = err.statusCode && err.statusCode >= 400 ? err.statusCode : 500;
    if (status >= 500) req.log.error({ err }, 'request failed');
    reply.code(status).send({ error: status >= 500 ? 'internal error; the request was not processed, try again' : err.message });
  });

  await engine.recover();
  if (config.useCalCom) await reconciler.scheduleNext(now());
  if (opts.worker !== false) worker.start();

  return {
    app,
    engine,
    db,
    config,
    calendar,
    sender,
    worker,
    lifecycle,
    reconciler,
    handoff,
    async close() {
      await app.close();
      await worker.stop();
      await engine.idle();
      await inspection?.stop();
      await db.close();
    },
  };
}
