/**
 * Configuration from the environment, validated once at start. Every problem is reported in one
 * message, one line per variable, saying what is wrong and what to set.
 */
import { existsSync } from 'node:fs';
import { IANAZone } from 'luxon';
import { DEFAULT_DATABASE_URL } from './db/url.js';
import { loadAdminConfig, loadHandoffConfig, type AdminConfig, type HandoffConfig } from './handoff/config.js';

export interface Config {
  port: number;
  host: string;
  databaseUrl: string;
  businessTimeZone: string;
  defaultLocale: 'es' | 'en' | 'pt';
  businessHours: { start: number; end: number };
  /** The knowledge file (business.yaml) answering business questions: BUSINESS_FILE, else the demo's. */
  businessFile?: string;
  sessionTimeoutMs: number;
  cal: { apiUrl: string; apiKey?: string; eventTypeId?: number; bookingUrl?: string; webhookSecret?: string };
  whatsapp: {
    graphUrl: string;
    apiVersion: string;
    accessToken?: string;
    phoneNumberId?: string;
    appSecret?: string;
    verifyToken?: string;
    /** Messages per second this number may send (its throughput tier; WHATSAPP_MESSAGES_PER_SECOND). */
    messagesPerSecond: number;
  };
  /**
   * Processing: people handled at once at most (ENGINE_CONCURRENCY), the event-loop lag processing
   * keeps under so webhooks are acked fast (ENGINE_MAX_LAG_MS; 0 turns the adaptation off) and the
   * per-person lease (LEASE_MS).
   */
  engine: {
    concurrency: number;
    maxLagMs: number;
    leaseMs: number;
    thread: 'worker' | 'main';
    nice: number;
    threads: number;
  };
  /**
   * 503 + Retry-After above these
   * (OVERLOAD_BACKLOG people, OVERLOAD_EVENT_LOOP_DELAY_MS, OVERLOAD_EVENT_LOOP_UTILIZATION %).
   */
  overload: { backlog: number; maxEventLoopDelayMs: number; maxEventLoopUtilization: number };
  reminders: {
    offsetsMs: number[];
    templateName: string;
    templateLanguages: Record<string, string>;
    feedbackDelayMs: number;
    feedbackTemplateName: string;
    /** Approved templates for changes made by the business, used outside the 24-hour window. */
    noticeTemplates: { cancelledByBusiness: string; rescheduledByBusiness: string; noShow: string };
  };
  demo: { seed: boolean };
  inspect: boolean;
  logLevel: string;
  /** Requests per minute and client IP on every route but the WhatsApp webhook. */
  rateLimitPerMinute: number;
  /** true when CAL_API_KEY is set: Cal.com is the calendar; otherwise the built-in demo calendar. */
  useCalCom: boolean;
  /** true when WhatsApp credentials are set: replies go to the Cloud API; otherwise to the chat simulator. */
  useWhatsAppCloud: boolean;
  simulatorEnabled: boolean;
  /** Hand-off to a person: timeout, signed webhook, Chatwoot (issue 13). */
  handoff: HandoffConfig;
  /** Admin API and staff inbox: off unless ADMIN_JWT_SECRET is set. */
  admin: AdminConfig;
  /** SHUTDOWN_GRACE (default 10s): how long SIGTERM may take to drain before the process exits 1. */
  shutdownGraceMs: number;
  /** GET /metrics: when METRICS_TOKEN is set, Prometheus must send it as a Bearer token. */
  metricsToken?: string;
  /** Issue 10 (how Reserva talks to Cal.com and WhatsApp). */
  realism: {
    /** CAL_RECONCILE_INTERVAL (default 15m, at least 1m): upcoming Cal.com bookings vs the mirror. */
    calReconcileIntervalMs: number;
    /** WHATSAPP_PAIR_PAUSE (default 6s): pause before re-sending to one person after 131056. */
    whatsappPairPauseMs: number;
    /** WHATSAPP_TIMEOUT (default 10s): per send; a send without answer is reconciled, not repeated. */
    whatsappTimeoutMs: number;
  };
  // Insights (issue 15): how often the durable job refreshes the daily rollups (INSIGHTS_REFRESH_MINUTES,
  // 1–1440, default 10), so the change markers never pile up and requests find little to do.
  insights: { refreshMinutes: number };
}

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(
      `Reserva cannot start, the configuration has ${problems.length} problem(s):\n` +
        problems.map((p) => `  - ${p}`).join('\n') +
        '\nSee README.md "Configuration" or .env.example.',
    );
    this.name = 'ConfigError';
  }
}

/** "24h", "1h", "30m", "90s", "2d", "1500ms" → milliseconds. */
export function parseDuration(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)\s*$/i.exec(text);
  if (!m) throw new Error(`"${text}" is not a duration; write it like 24h, 90m, 30s or 2d`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2]!.toLowerCase() as 'ms'];
  return Math.round(Number(m[1]) * unit);
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const str = (name: string) => {
    const v = env[name];
    return v === undefined || v.trim() === '' ? undefined : v.trim();
  };
  const int = (name: string, def: number | undefined, min = 0, max = Number.MAX_SAFE_INTEGER) => {
    const v = str(name);
    if (v === undefined) return def;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name}="${v}" must be a whole number between ${min} and ${max}`);
      return def;
    }
    return n;
  };
  const duration = (name: string, def: string) => {
    try {
      return parseDuration(str(name) ?? def);
    } catch (e) {
      problems.push(`${name}: ${(e as Error).message}`);
      return parseDuration(def);
    }
  };
  const url = (name: string, def: string) => {
    const v = (str(name) ?? def).replace(/\/+$/, '');
    try {
      const u = new URL(v);
      if (!/^https?:$/.test(u.protocol)) throw new Error();
    } catch {
      problems.push(`${name}="${v}" is not an http(s) URL`);
    }
    return v;
  };

  const port = int('PORT', 3000, 0, 65535)!;
  const rateLimitPerMinute = int('RATE_LIMIT_PER_MINUTE', 600, 1)!;
  const host = str('HOST') ?? '127.0.0.1';
  const databaseUrl = str('DATABASE_URL') ?? DEFAULT_DATABASE_URL;
  if (!/^(file:|postgres(ql)?:\/\/)/i.test(databaseUrl)) {
    problems.push(
      `DATABASE_URL must start with file: (SQLite) or postgres:// / postgresql:// (Postgres); ` +
        `got "${databaseUrl.replace(/\/\/[^@]*@/, '//***@')}"`,
    );
  }
  const businessTimeZone = str('BUSINESS_TIMEZONE') ?? 'Europe/Madrid';
  if (!IANAZone.isValidZone(businessTimeZone))
    problems.push(
      `BUSINESS_TIMEZONE="${businessTimeZone}" is not an IANA time zone such as Europe/Madrid or America/Mexico_City`,
    );
  const localeRaw = (str('DEFAULT_LOCALE') ?? 'es').toLowerCase().slice(0, 2);
  if (!['es', 'en', 'pt'].includes(localeRaw))
    problems.push(`DEFAULT_LOCALE="${str('DEFAULT_LOCALE')}" must be es, en or pt`);
  const defaultLocale = (['es', 'en', 'pt'].includes(localeRaw) ? localeRaw : 'es') as Config['defaultLocale'];

  let businessHours = { start: 9, end: 18 };
  const bh = str('BUSINESS_HOURS');
  if (bh) {
    const m = /^(\d{1,2})\s*-\s*(\d{1,2})$/.exec(bh);
    if (!m || Number(m[1]) >= Number(m[2]) || Number(m[2]) > 24)
      problems.push(`BUSINESS_HOURS="${bh}" must look like 9-18 (start hour - end hour)`);
    else businessHours = { start: Number(m[1]), end: Number(m[2]) };
  }

  const calApiKey = str('CAL_API_KEY');
  const calEventTypeId = int('CAL_EVENT_TYPE_ID', undefined, 1);
  if (calApiKey && calEventTypeId === undefined && !problems.some((p) => p.startsWith('CAL_EVENT_TYPE_ID'))) {
    problems.push(
      'CAL_EVENT_TYPE_ID is required when CAL_API_KEY is set: the numeric id of the Cal.com event type people book ' +
        '(Event Types → the event → its URL ends in the id)',
    );
  }
  const cal = {
    apiUrl: url('CAL_API_URL', 'https://api.cal.com'),
    apiKey: calApiKey,
    eventTypeId: calEventTypeId,
    bookingUrl: str('CAL_BOOKING_URL'),
    webhookSecret: str('CAL_WEBHOOK_SECRET'),
  };

  const whatsapp = {
    graphUrl: url('WHATSAPP_GRAPH_URL', 'https://graph.facebook.com'),
    apiVersion: str('WHATSAPP_API_VERSION') ?? 'v23.0',
    accessToken: str('WHATSAPP_ACCESS_TOKEN'),
    phoneNumberId: str('WHATSAPP_PHONE_NUMBER_ID'),
    appSecret: str('WHATSAPP_APP_SECRET'),
    verifyToken: str('WHATSAPP_VERIFY_TOKEN'),
    messagesPerSecond: int('WHATSAPP_MESSAGES_PER_SECOND', 80, 1, 10_000)!,
  };
  const overload = {
    backlog: int('OVERLOAD_BACKLOG', 20_000, 1, 10_000_000)!,
    // 0: off (a loaded host shows second-long lags at start-up that are no overload).
    maxEventLoopDelayMs: int('OVERLOAD_EVENT_LOOP_DELAY_MS', 0, 0, 600_000)!,
    maxEventLoopUtilization: int('OVERLOAD_EVENT_LOOP_UTILIZATION', 100, 1, 100)! / 100,
  };
  const engine: Config['engine'] = {
    thread: 'main',
    concurrency: int('ENGINE_CONCURRENCY', 32, 1, 1000)!,
    maxLagMs: int('ENGINE_MAX_LAG_MS', 8, 0, 10_000)!,
    nice: int('PROCESSING_NICE', 5, 0, 19)!,
    threads: int('PROCESSING_THREADS', 1, 1, 64)!,
    leaseMs: int('LEASE_MS', 15_000, 1000, 600_000)!,
  };
  if (!/^v\d+\.\d+$/.test(whatsapp.apiVersion))
    problems.push(`WHATSAPP_API_VERSION="${whatsapp.apiVersion}" must look like v23.0`);
  if (Boolean(whatsapp.accessToken) !== Boolean(whatsapp.phoneNumberId)) {
    problems.push(
      'WHATSAPP_ACCESS_TOKEN and WHATSAPP_PHONE_NUMBER_ID go together: ' +
        'set both to send through the WhatsApp Cloud API, or neither to use the chat simulator ' +
        `(missing: ${whatsapp.accessToken ? 'WHATSAPP_PHONE_NUMBER_ID' : 'WHATSAPP_ACCESS_TOKEN'})`,
    );
  }
  const useWhatsAppCloud = Boolean(whatsapp.accessToken && whatsapp.phoneNumberId);
  if (useWhatsAppCloud && !whatsapp.appSecret)
    problems.push(
      'WHATSAPP_APP_SECRET is required with WhatsApp credentials: webhooks are verified with it ' +
        '(Meta app → Settings → Basic → App secret)',
    );
  if (useWhatsAppCloud && !whatsapp.verifyToken)
    problems.push(
      'WHATSAPP_VERIFY_TOKEN is required with WhatsApp credentials: ' +
        "any secret string you also type in Meta's webhook settings",
    );

  const offsetsText = str('REMINDER_OFFSETS') ?? '24h,1h';
  const offsetsMs: number[] = [];
  for (const part of offsetsText
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    try {
      offsetsMs.push(parseDuration(part));
    } catch (e) {
      problems.push(`REMINDER_OFFSETS: ${(e as Error).message}`);
    }
  }
  const templateLanguages: Record<string, string> = { es: 'es', en: 'en', pt: 'pt_BR' };
  for (const pair of (str('REMINDER_TEMPLATE_LANGUAGES') ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [k, v] = pair.split('=').map((s) => s.trim());
    if (!k || !v) problems.push(`REMINDER_TEMPLATE_LANGUAGES entry "${pair}" must look like es=es_ES`);
    else templateLanguages[k] = v;
  }

  const simulator = str('SIMULATOR');
  const simulatorEnabled = simulator ? !/^(0|false|off|no)$/i.test(simulator) : !useWhatsAppCloud;
  // Issue 12: processing in its own thread, unless the chat simulator shows the replies (its
  // conversations live in this thread's memory).
  const thread = (str('PROCESSING_THREAD') ?? 'auto').toLowerCase();
  if (thread === 'worker' && simulatorEnabled)
    problems.push('PROCESSING_THREAD=worker needs the chat simulator off (SIMULATOR=0): it shows replies from memory');
  else if (thread === 'worker' || thread === 'main') engine.thread = thread;
  else if (thread === 'auto') engine.thread = simulatorEnabled ? 'main' : 'worker';
  else problems.push(`PROCESSING_THREAD="${thread}" must be auto, worker or main`);

  const sessionTimeoutMs = duration('SESSION_TIMEOUT', '24h');
  const feedbackDelayMs = duration('FEEDBACK_DELAY', '1h');
  const handoff = loadHandoffConfig(str, problems);
  const admin = loadAdminConfig(str, problems);
  const shutdownGraceMs = duration('SHUTDOWN_GRACE', '10s');
  // Issue 10: reconciliation with Cal.com and WhatsApp's pair rate limit.
  const calReconcileIntervalMs = duration('CAL_RECONCILE_INTERVAL', '15m');
  if (calReconcileIntervalMs < 60_000)
    problems.push('CAL_RECONCILE_INTERVAL must be at least 1m (Cal.com rate-limits the bookings list)');
  const whatsappPairPauseMs = duration('WHATSAPP_PAIR_PAUSE', '6s');
  const whatsappTimeoutMs = duration('WHATSAPP_TIMEOUT', '10s');
  if (problems.length) throw new ConfigError(problems);
  return {
    port,
    host,
    databaseUrl,
    businessTimeZone,
    defaultLocale,
    businessHours,
    // The demo (no Cal.com key) ships demo/business.yaml; with Cal.com only BUSINESS_FILE is read.
    businessFile:
      str('BUSINESS_FILE') ?? (!calApiKey && existsSync('demo/business.yaml') ? 'demo/business.yaml' : undefined),
    sessionTimeoutMs,
    cal,
    whatsapp,
    reminders: {
      offsetsMs: offsetsMs.sort((a, b) => b - a),
      templateName: str('REMINDER_TEMPLATE_NAME') ?? 'appointment_reminder',
      templateLanguages,
      feedbackDelayMs,
      feedbackTemplateName: str('FEEDBACK_TEMPLATE_NAME') ?? 'appointment_feedback',
      noticeTemplates: {
        cancelledByBusiness: str('CANCELLED_TEMPLATE_NAME') ?? 'appointment_cancelled',
        rescheduledByBusiness: str('MOVED_TEMPLATE_NAME') ?? 'appointment_moved',
        noShow: str('NO_SHOW_TEMPLATE_NAME') ?? 'appointment_missed',
      },
    },
    demo: { seed: !/^(0|false|off|no)$/i.test(str('DEMO_SEED') ?? '1') },
    inspect: /^(1|true|on|yes)$/i.test(str('INSPECT') ?? ''),
    logLevel: str('LOG_LEVEL') ?? 'info',
    rateLimitPerMinute,
    engine,
    overload,
    useCalCom: Boolean(calApiKey),
    useWhatsAppCloud,
    simulatorEnabled,
    handoff,
    admin,
    shutdownGraceMs,
    metricsToken: str('METRICS_TOKEN'),
    realism: { calReconcileIntervalMs, whatsappPairPauseMs, whatsappTimeoutMs },
    // Insights (issue 15).
    insights: { refreshMinutes: int('INSIGHTS_REFRESH_MINUTES', 10, 1, 1440)! },
  };
}
