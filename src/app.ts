/**
 * Builds the whole service: configuration, database, calendar (Cal.com or the built-in demo),
 * WhatsApp sender (Cloud API or the chat simulator), engine, scheduler worker and HTTP routes.
 * Tests build it with their own env and clock; main.ts adds listening and signals.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import underPressure from '@fastify/under-pressure';
import type { Logger } from 'pino';
import { createCalComClient } from './calendar/calcom/client.js';
import { createDemoCalendar, seedDemoCalendar } from './calendar/demo/provider.js';
import type { CalendarProvider } from './calendar/types.js';
import { loadConfig, type Config } from './config.js';
import { openDatabase, type Database } from './db/client.js';
import { postgresTurnStore, sqliteTurnStore } from './db/turns.js';
import { createBookings } from './engine/bookings.js';
import { cancelUpstream } from './engine/effects/calendar.js';
import { createEngine, type Engine } from './engine/engine.js';
import { createInbox } from './engine/inbox.js';
import { createOutbound, type Outbound } from './engine/outbound.js';
import { startInspection } from './engine/inspect.js';
import { calWebhookPlugin } from './http/cal-webhook.js';
import { errorHandlerPlugin } from './http/errors.js';
import { whatsappWebhookPlugin } from './http/whatsapp-webhook.js';
import { createLifecycle, type Lifecycle } from './lifecycle/reminders.js';
import { createCalEvents } from './lifecycle/cal-events.js';
import { createReconciler, type Reconciler } from './lifecycle/reconcile.js';
import { createDelivery } from './whatsapp/delivery.js';
import { createLogger } from './logger.js';
import { loadKnowledge } from './knowledge/load.js';
import type { OpeningInterval } from '../machines/types.js';
import { loadPrivacyConfig } from './privacy/config.js';
import { privacyRoutesPlugin } from './privacy/routes.js';
import { resolveHashSalt } from './privacy/salt.js';
import { createPrivacy, type Privacy } from './privacy/service.js';
import { hardenEdge, loadEdgeConfig, serverOptions } from './security/edge.js';
import { createFloodGuard } from './security/flood.js';
import { adminPlugin } from './admin/plugin.js';
import { createInsights, type Insights } from './insights/service.js';
import { insightsRoutes } from './insights/routes.js';
import {
  createMetrics,
  databaseCollector,
  instrumentCalendar,
  instrumentSender,
  type Metrics,
} from './metrics/registry.js';
import { metricsPlugin } from './metrics/plugin.js';
import { docsPlugin } from './admin/docs.js';
import { chatwootWebhookPlugin } from './handoff/chatwoot-webhook.js';
import type { HoursSource } from './handoff/hours.js';
import { createHandoffService, type HandoffService } from './handoff/service.js';
import { createWorker, type Worker } from './scheduler/index.js';
import { combineHooks, createGrowth, type Growth } from './growth/service.js';
import { simulatorPlugin } from './simulator/plugin.js';
import { createSimulatorSender } from './simulator/sender.js';
import { createSimulatorHub } from './simulator/hub.js';
import { createCloudApiSender } from './whatsapp/client.js';
import type { WhatsAppSender } from './whatsapp/types.js';

export interface BuildOptions {
  env?: NodeJS.ProcessEnv;
  /** The configuration already read from `env` (src/main.ts reads it once to choose the threads). */
  config?: Config;
  now?: () => Date;
  logger?: Logger;
  /** Start the background job worker (reminders, retries). Default true. */
  worker?: boolean;
  workerPollMs?: number;
  /** Where the chat simulator's page files are (default src/simulator/public). */
  simulatorPublicDir?: string;
  /**
   * Issue 12: which part of the service this build runs (src/processing/). `all` (default): HTTP
   * and processing in one event loop. `http`: webhooks, admin, pages; inbound work is handed to
   * `remote` (the processing thread), no jobs. `processor`: turns, effects and jobs; no HTTP
   * routes are registered (nothing would listen on them).
   */
  role?: 'all' | 'http' | 'processor';
  /** SQLite with a processing thread: the shared counter that lets webhooks write first (src/db/turns.ts). */
  writeGate?: Int32Array;
  remote?: NonNullable<Parameters<typeof createEngine>[0]['remote']> & {
    /** The processing threads' metrics (one list per thread), served with ours at /metrics. */
    metrics?: () => Promise<object[][]>;
  };
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
  /** Consent, opt-out, access, rectification, erasure, the outbox gate (src/privacy). */
  privacy: Privacy;
  /** Hand-off to a person: staff actions, notification jobs (issue 13). */
  handoff: HandoffService;
  /** Insight figures (issue 15) and the statechart steps they read. */
  insights: Insights;
  /** Prometheus metrics served at /metrics. */
  metrics: Metrics;
  /** Issue 10: the comparison of upcoming Cal.com bookings with the mirror (`reconcile()` runs one now). */
  reconciler: Reconciler;
  /** The one outbound path (behind the privacy gate): later senders (upsell, win-back) use it. */
  outbound: Outbound;
  /** Lead scores, segments, upsell, win-back, ad referrals (issue 16). */
  growth: Growth;
  close(): Promise<void>;
}

export async function buildApp(opts: BuildOptions = {}): Promise<Reserva> {
  const config = opts.config ?? loadConfig(opts.env ?? process.env);
  const edge = loadEdgeConfig(opts.env ?? process.env);
  const privacyConfig = loadPrivacyConfig(opts.env ?? process.env);
  const now = opts.now ?? (() => new Date());
  const logger = opts.logger ?? createLogger(config.logLevel);
  const db = await openDatabase(config.databaseUrl, { immediateTransactions: (opts.role ?? 'all') !== 'all' });
  const salt = await resolveHashSalt(db.prisma, privacyConfig.hashSalt, (msg) => logger.warn(msg));
  const privacy = createPrivacy({
    prisma: db.prisma,
    salt,
    config: privacyConfig,
    now,
    log: (obj, msg) => logger.info(obj, msg),
  });

  let calendar: CalendarProvider;
  if (config.useCalCom) {
    calendar = createCalComClient({
      baseUrl: config.cal.apiUrl,
      apiKey: config.cal.apiKey!,
      eventTypeId: config.cal.eventTypeId!,
      bookingUrl: config.cal.bookingUrl,
      timeZone: config.businessTimeZone,
      openingHoursFallback: weekdayHours(config.businessHours),
      now,
    });
  } else {
    const demo = createDemoCalendar({
      prisma: db.prisma,
      timeZone: config.businessTimeZone,
      now,
      hours: config.businessHours,
      bookingUrl: config.cal.bookingUrl,
    });
    if (config.demo.seed && opts.role !== 'processor')
      await seedDemoCalendar(demo, now()).catch((err: Error) =>
        logger.warn({ err: err.message }, 'demo calendar seed failed'),
      );
    calendar = demo;
  }
  const role = opts.role ?? 'all';
  // The processing thread's counters are served by the HTTP thread's /metrics (no process metrics twice).
  const metrics = createMetrics({ defaults: role !== 'processor' });
  calendar = instrumentCalendar(calendar, metrics);

  // The knowledge file answers business questions; an invalid one stops the start with its problems.
  const knowledge = config.businessFile ? loadKnowledge(config.businessFile) : undefined;

  const hub = createSimulatorHub();
  const sender: WhatsAppSender = instrumentSender(
    config.useWhatsAppCloud
      ? createCloudApiSender({
          graphUrl: config.whatsapp.graphUrl,
          apiVersion: config.whatsapp.apiVersion,
          phoneNumberId: config.whatsapp.phoneNumberId!,
          accessToken: config.whatsapp.accessToken!,
          timeoutMs: config.realism.whatsappTimeoutMs,
        })
      : createSimulatorSender({ hub }),
    metrics,
  );
  const insights = createInsights(db.prisma, {
    dialect: db.provider === 'postgres' ? 'postgres' : 'sqlite',
    now,
    timeZone: config.businessTimeZone,
    defaultLocale: config.defaultLocale,
    refreshMinutes: config.insights.refreshMinutes,
  });

  // INSPECT=1: conversations mirrored live in Stately's inspector (nothing is loaded otherwise).
  const inspection = await startInspection({
    enabled: config.inspect && role !== 'http',
    logger,
    host: edge.inspectHost,
  });

  // Composed in the direction data flows: webhook → inbox → engine → outbox → clients. The
  // lifecycle hands events to the inbox, never to the engine; the engine reads the inbox.
  const gate = opts.writeGate && role !== 'all' ? { cell: opts.writeGate, priority: role === 'http' } : undefined;
  // The WAL is checkpointed by the processing thread's commits, never inside a webhook's insert
  // (a checkpoint copies pages and syncs: it would hold that acknowledgement for milliseconds).
  if (db.sqlite && role === 'http') db.sqlite.pragma('wal_autocheckpoint = 0');
  const store = db.sqlite ? sqliteTurnStore(db.sqlite, { gate }) : postgresTurnStore(db.url, { max: 10 });
  const inbox = createInbox({ store, prisma: db.prisma, now });
  const outbound = createOutbound({
    store,
    sender,
    logger,
    now,
    // The number's tier is shared: each processing thread paces to its share of it.
    perSecond:
      role === 'processor'
        ? Math.max(1, Math.floor(config.whatsapp.messagesPerSecond / config.engine.threads))
        : config.whatsapp.messagesPerSecond,
    prisma: db.prisma,
    privacy, // the one gate (issue 14): consent and opt-out for every message
  });
  // Issue 10: failed statuses after an accepted send (template, undeliverable, paced re-send).
  const delivery = createDelivery({
    prisma: db.prisma,
    outbound,
    now,
    logger,
    pairPauseMs: config.realism.whatsappPairPauseMs,
  });
  // Growth (issue 16): add-ons are other event types, each booked on its own calendar.
  const addOnCalendars = new Map<number, CalendarProvider>();
  const calendarFor = (eventTypeId: number): CalendarProvider => {
    const known = addOnCalendars.get(eventTypeId);
    if (known) return known;
    const service = knowledge?.services.find((x) => x.calEventTypeId === eventTypeId);
    const made = instrumentCalendar(
      config.useCalCom
        ? createCalComClient({
            baseUrl: config.cal.apiUrl,
            apiKey: config.cal.apiKey!,
            eventTypeId,
            timeZone: config.businessTimeZone,
            openingHoursFallback: weekdayHours(config.businessHours),
          })
        : createDemoCalendar({
            prisma: db.prisma,
            timeZone: config.businessTimeZone,
            now,
            hours: config.businessHours,
            eventTypeId,
            title: typeof service?.name === 'string' ? service.name : (service?.name.es ?? service?.id),
            lengthInMinutes: service?.durationMinutes,
          }),
      metrics,
    );
    addOnCalendars.set(eventTypeId, made);
    return made;
  };
  // Its figures join /admin/metrics as the field `growth`.
  const growth = createGrowth({
    prisma: db.prisma,
    outbound,
    calendar,
    calendarFor,
    knowledge,
    timeZone: config.businessTimeZone,
    defaultLocale: config.defaultLocale,
    templateLanguages: config.reminders.templateLanguages,
    now,
    logger,
    // Taps (engagement in the score) are recorded by the insights refresh.
    beforeScores: () => insights.refresh(),
  });
  insights.addFigures({ field: 'growth', compute: (q) => growth.figures(q) });
  const growthHooks = growth.hooks;
  const lifecycle = createLifecycle({
    prisma: db.prisma,
    outbound,
    bookings: (hooks) => createBookings(db.prisma, combineHooks(growthHooks, hooks), { now }),
    afterReminder: growth.afterReminder,
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
    deliver: async (contactId, event, key) => {
      await inbox.storeEvent(contactId, event, key);
    },
    // issue 9/14 (session 3): reminders say where, like the confirmation.
    ...(knowledge?.address?.text
      ? { defaultLocation: [knowledge.address.text, knowledge.address.mapUrl].filter(Boolean).join(' ') }
      : {}),
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
    // Into the inbox, like every system event; staff actions answer once the conversation moved.
    deliver: async (contactId, event) => {
      await inbox.storeEvent(contactId, event, undefined, { settle: true });
    },
  });
  // Hand-off rows go with the person (Handoff, ChatwootContact cascade with the contact; the ledger doesn't).
  privacy.addEraser('handoff', async (tx, subject) => {
    const handoffs = await tx.handoff.findMany({ where: { contactId: subject.contactId }, select: { id: true } });
    const ids = handoffs.map((h) => h.id);
    const ledger = ids.length ? (await tx.chatwootMessage.deleteMany({ where: { handoffId: { in: ids } } })).count : 0;
    const rows = (await tx.handoff.deleteMany({ where: { contactId: subject.contactId } })).count;
    return ledger + rows + (await tx.chatwootContact.deleteMany({ where: { contactId: subject.contactId } })).count;
  });
  // Issue 10: the Cal.com operations ledger names the person (contactId): it goes with them.
  privacy.addEraser(
    'calOperations',
    async (tx, subject) => (await tx.calOperation.deleteMany({ where: { contactId: subject.contactId } })).count,
  );
  // Growth rows (scores, offers, the ad) go with the person too.
  privacy.addEraser('growth', growth.erase);
  const engine = createEngine({
    db,
    store,
    inbox,
    calendar,
    calendarFor,
    outbound,
    bookings: lifecycle.bookings,
    onReferral: growth.keepReferral,
    logger,
    now,
    timeZone: config.businessTimeZone,
    defaultLocale: config.defaultLocale,
    businessHours: config.businessHours,
    sessionTimeoutMs: config.sessionTimeoutMs,
    bookingUrl: config.cal.bookingUrl,
    templateFor: (spec, contact) => handoff.templateFor(spec, contact) ?? lifecycle.templateFor(spec, contact),
    staff: handoff,
    // Statechart steps for insights are written inside each turn's transaction (src/db/turns.ts).
    onStep: inspection?.mirror,
    knowledge,
    reminderOffsetsMs: config.reminders.offsetsMs,
    concurrency: config.engine.concurrency,
    // Only an event loop that also answers webhooks holds processing back for them.
    maxLagMs: role === 'all' ? config.engine.maxLagMs : 0,
    leaseMs: config.engine.leaseMs,
    markRead: (id) => sender.markRead(id, { typing: true }),
    // Issue 14: rights in the chat, and one polite note then quiet for a phone that floods.
    privacy,
    flood: createFloodGuard({ maxPerWindow: edge.inboundFloodPerMinute }),
    remote: role === 'http' ? opts.remote : undefined,
  });

  // Issue 10: what Cal.com's events mean (webhook and reconciliation share it), and the job that
  // catches up with Cal.com when a webhook was lost.
  const calEvents = createCalEvents({
    prisma: db.prisma,
    bookings: lifecycle.bookings,
    recordNoShow: (uid, o) => lifecycle.recordNoShow(uid, o),
    outbound,
    timeZone: config.businessTimeZone,
    defaultLocale: config.defaultLocale,
    now,
    logger,
    noticeTemplates: { names: config.reminders.noticeTemplates, languages: config.reminders.templateLanguages },
  });
  const reconciler = createReconciler({
    prisma: db.prisma,
    calendar,
    events: calEvents,
    intervalMs: config.realism.calReconcileIntervalMs,
    now,
    logger,
  });

  const worker = createWorker({
    db,
    handlers: {
      ...lifecycle.handlers,
      ...handoff.handlers,
      ...privacy.jobHandlers,
      ...reconciler.handlers,
      ...delivery.handlers,
      ...insights.jobHandlers,
      ...growth.handlers,
    },
    now,
    logger,
    pollMs: opts.workerPollMs ?? 1000,
    lockTimeoutMs: 120_000,
  });

  const app = Fastify({
    loggerInstance: logger,
    bodyLimit: 1024 * 1024,
    ...serverOptions(edge),
  }) as unknown as FastifyInstance;
  // The processing thread's routes would never be listened on: none are registered there (no
  // overload timers, rate limiter or page plugins on a thread that serves no HTTP).
  if (role !== 'processor') {
    // First: every route added after this answers errors the same way (no internals in 5xx bodies).
    await app.register(errorHandlerPlugin);
    // Helmet on pages, body limits and per-IP rate limits per route group (src/security/edge.ts);
    // the WhatsApp webhook opts out of the IP limit: Meta signs it and sends bursts from few addresses.
    await hardenEdge(app, edge);
    // Prometheus at /metrics, ahead of the overload guard so it still answers when overloaded.
    await app.register(metricsPlugin, {
      metrics,
      token: config.metricsToken,
      collect: databaseCollector(db.prisma, metrics, now),
      more: role === 'http' ? opts.remote?.metrics : undefined,
    });
    // Overloaded: 503 with Retry-After at once, instead of letting requests time out (Meta
    // redelivers later). The signal is the processing backlog (people waiting for a turn on this
    // instance, beyond OVERLOAD_BACKLOG) and, when OVERLOAD_EVENT_LOOP_DELAY_MS is set, the event
    // loop's lag. The backlog itself is never held in memory beyond that: it stays in the inbox table.
    await app.register(underPressure, {
      maxEventLoopDelay: config.overload.maxEventLoopDelayMs,
      maxEventLoopUtilization: config.overload.maxEventLoopUtilization,
      healthCheck: async () => engine.backlog() <= config.overload.backlog,
      healthCheckInterval: 500,
      retryAfter: 10,
      message: 'Reserva is overloaded right now; retry after the Retry-After delay',
    });
    await app.register(privacyRoutesPlugin, { privacy, retentionDays: privacyConfig.retentionDays });
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
    await app.register(whatsappWebhookPlugin, {
      engine,
      delivery,
      appSecret: config.whatsapp.appSecret,
      verifyToken: config.whatsapp.verifyToken,
    });
    await app.register(calWebhookPlugin, {
      prisma: db.prisma,
      secret: config.cal.webhookSecret,
      engine,
      bookings: lifecycle.bookings,
      lifecycle,
      outbound,
      timeZone: config.businessTimeZone,
      defaultLocale: config.defaultLocale,
      now,
      noticeTemplates: { names: config.reminders.noticeTemplates, languages: config.reminders.templateLanguages },
      events: calEvents,
    });
    if (config.handoff.chatwoot)
      await app.register(chatwootWebhookPlugin, { handoff, secret: config.handoff.chatwoot.webhookSecret });
    // Off (404) unless ADMIN_JWT_SECRET is set.
    if (config.admin.jwtSecret)
      await app.register(adminPlugin, {
        secret: config.admin.jwtSecret,
        prisma: db.prisma,
        handoff,
        privacy,
        // Erasure with ?cancelBookings=true cancels through the chat's own cancel path.
        cancelBooking: (contactId, uid) =>
          cancelUpstream({ prisma: db.prisma, now, calendar, bookings: lifecycle.bookings }, contactId, uid, 'erasure'),
        now,
        postgres: db.provider === 'postgres',
        extensions: [insightsRoutes(insights, { now }), growth.routes],
      });
    if (config.simulatorEnabled) {
      await app.register(simulatorPlugin, {
        engine,
        prisma: db.prisma,
        hub,
        timeZone: config.businessTimeZone,
        now,
        publicDir: opts.simulatorPublicDir,
      });
    }
  }
  if (role !== 'http') {
    // Background work belongs to whoever processes (one event loop, or the processing thread).
    await engine.recover();
    await privacy.start();
    // Issue 10: the first reconciliation one interval after start (Cal.com only).
    if (calendar.listUpcoming) await reconciler.scheduleNext(now());
    await insights.start();
    await growth.start();
    if (opts.worker !== false) worker.start();
  }

  return {
    app,
    engine,
    db,
    config,
    calendar,
    sender,
    worker,
    lifecycle,
    privacy,
    handoff,
    insights,
    metrics,
    /** Issue 10: the comparison with Cal.com (`reconcile()` runs one now). */
    reconciler,
    outbound,
    growth,
    /** Stops in order (HTTP, jobs, engine, inspector, database); every step runs, the first failure is thrown. */
    async close() {
      const failures: unknown[] = [];
      const step = async (run: () => Promise<unknown> | undefined) => {
        try {
          await run();
        } catch (err) {
          failures.push(err);
        }
      };
      await step(() => app.close());
      await step(() => worker.stop());
      await step(() => engine.close());
      await step(() => inspection?.stop());
      await step(() => db.close());
      if (failures.length === 1) throw failures[0];
      if (failures.length > 1) throw new AggregateError(failures, 'several parts of Reserva failed to close');
    },
  };
}

/** BUSINESS_HOURS as opening hours: Monday–Friday. */
function weekdayHours(h: { start: number; end: number }): OpeningInterval[] {
  const hhmm = (n: number) => `${String(n).padStart(2, '0')}:00`;
  return ([1, 2, 3, 4, 5] as const).map((weekday) => ({ weekday, from: hhmm(h.start), to: hhmm(h.end) }));
}
