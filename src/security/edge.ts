/**
 * The hardened edge (issue 14): TLS and proxy trust for the Fastify server, security headers on
 * pages (@fastify/helmet), and per route group body limits and per-IP rate limits
 * (@fastify/rate-limit, one bucket per group and client IP).
 *
 * Route groups, decided from the route's URL when it is registered:
 *   webhook  /webhooks/*              signed by Meta / Cal.com; the WhatsApp webhook opts out of the
 *                                     IP limit (Meta sends bursts from few addresses) and keeps its
 *                                     own 1 MiB raw-body limit; floods are handled per phone instead
 *   export   /privacy/export/*        EXPORT_RATE_LIMIT_PER_MINUTE (default 10): tokens can't be guessed
 *   admin    /admin*, /docs*, /openapi.json   ADMIN_RATE_LIMIT_PER_MINUTE (default 120), 64 KiB bodies
 *   public   everything else (simulator, /privacy, /healthz)   RATE_LIMIT_PER_MINUTE, 64 KiB bodies
 */
import { readFileSync } from 'node:fs';
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import { ConfigError } from '../config.js';
import { sanitizeJson } from './sanitize.js';

export type RouteGroup = 'webhook' | 'export' | 'admin' | 'public';

export interface EdgeConfig {
  /** Fastify's trustProxy: false, true, a hop count, or a list of proxy addresses / CIDRs. */
  trustProxy: boolean | number | string;
  tls?: { cert: Buffer; key: Buffer; certFile: string; keyFile: string };
  rateLimits: Record<RouteGroup, number>;
  /** Body limits in bytes; webhooks keep their own. */
  bodyLimits: { admin: number; public: number };
  /** Inbound messages per phone per minute before the flood guard answers once and goes quiet. */
  inboundFloodPerMinute: number;
  /** Where the Stately inspector (INSPECT=1) listens. */
  inspectHost: string;
}

export function loadEdgeConfig(env: NodeJS.ProcessEnv = process.env): EdgeConfig {
  const problems: string[] = [];
  const str = (name: string) => {
    const v = env[name]?.trim();
    return v ? v : undefined;
  };
  const int = (name: string, def: number, min: number, max: number) => {
    const v = str(name);
    if (v === undefined) return def;
    const n = Number(v);
    if (!Number.isInteger(n) || n < min || n > max) {
      problems.push(`${name}="${v}" must be a whole number between ${min} and ${max}`);
      return def;
    }
    return n;
  };

  let trustProxy: EdgeConfig['trustProxy'] = false;
  const tp = str('TRUST_PROXY');
  if (tp !== undefined) {
    if (/^(true|yes|on)$/i.test(tp)) trustProxy = true;
    else if (/^(false|no|off)$/i.test(tp)) trustProxy = false;
    else if (/^\d+$/.test(tp)) trustProxy = Number(tp);
    else if (/^[\d.:a-f/, ]+$/i.test(tp)) trustProxy = tp;
    else
      problems.push(
        `TRUST_PROXY="${tp}" must be true, a number of proxy hops (e.g. 1), ` +
          'or proxy addresses / CIDRs (e.g. 10.0.0.0/8,127.0.0.1)',
      );
  }

  let tls: EdgeConfig['tls'];
  const certFile = str('TLS_CERT_FILE');
  const keyFile = str('TLS_KEY_FILE');
  if (Boolean(certFile) !== Boolean(keyFile)) {
    problems.push(
      'TLS_CERT_FILE and TLS_KEY_FILE go together: set both to serve HTTPS directly, or neither ' +
        `(missing: ${certFile ? 'TLS_KEY_FILE' : 'TLS_CERT_FILE'})`,
    );
  } else if (certFile && keyFile) {
    try {
      tls = { cert: readFileSync(certFile), key: readFileSync(keyFile), certFile, keyFile };
    } catch (err) {
      const why = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
      problems.push(
        `TLS_CERT_FILE / TLS_KEY_FILE could not be read (${why}); ` +
          'give the paths of a PEM certificate and its private key',
      );
    }
  }

  const config: EdgeConfig = {
    trustProxy,
    tls,
    rateLimits: {
      public: int('RATE_LIMIT_PER_MINUTE', 600, 1, 1_000_000),
      admin: int('ADMIN_RATE_LIMIT_PER_MINUTE', 120, 1, 1_000_000),
      export: int('EXPORT_RATE_LIMIT_PER_MINUTE', 10, 1, 1_000_000),
      webhook: int('RATE_LIMIT_PER_MINUTE', 600, 1, 1_000_000),
    },
    bodyLimits: { admin: 64 * 1024, public: 64 * 1024 },
    inboundFloodPerMinute: int('INBOUND_FLOOD_PER_MINUTE', 20, 1, 100_000),
    inspectHost: str('INSPECT_HOST') ?? '127.0.0.1',
  };
  if (problems.length) throw new ConfigError(problems);
  return config;
}

/** Options for `Fastify({...})`: HTTPS when a certificate is configured, and proxy trust. */
export function serverOptions(edge: EdgeConfig): {
  trustProxy: boolean | string;
  https?: { cert: Buffer; key: Buffer };
} {
  // Fastify takes a hop count too (proxy-addr), though its types only list boolean and strings.
  return {
    trustProxy: edge.trustProxy as boolean | string,
    ...(edge.tls ? { https: { cert: edge.tls.cert, key: edge.tls.key } } : {}),
  };
}

export function routeGroup(url: string): RouteGroup {
  if (url.startsWith('/webhooks/')) return 'webhook';
  if (url.startsWith('/privacy/export')) return 'export';
  if (
    url === '/admin' ||
    url.startsWith('/admin/') ||
    url === '/docs' ||
    url.startsWith('/docs/') ||
    url === '/openapi.json'
  )
    return 'admin';
  return 'public';
}

declare module 'fastify' {
  interface FastifyContextConfig {
    routeGroup?: RouteGroup;
  }
}

const groupOf = (req: FastifyRequest): RouteGroup =>
  req.routeOptions.config.routeGroup ?? routeGroup(req.routeOptions.url ?? req.url);

/**
 * Registers the edge on the root instance, BEFORE any route: the onRoute hook must see them all.
 * Replaces a global `app.register(rateLimit, …)`.
 */
export async function hardenEdge(app: FastifyInstance, edge: EdgeConfig): Promise<void> {
  app.addHook('onRoute', (route: RouteOptions) => {
    const group = routeGroup(route.url);
    route.config = { ...(route.config as object), routeGroup: group } as RouteOptions['config'];
    if (route.bodyLimit === undefined && (group === 'admin' || group === 'public'))
      route.bodyLimit = edge.bodyLimits[group];
  });

  // Parsed JSON bodies (simulator, admin API) get the same lone-surrogate repair as the webhook.
  app.addHook('preValidation', async (req) => {
    if (req.body !== null && typeof req.body === 'object') req.body = sanitizeJson(req.body).value;
  });

  // Pages get a strict policy; a page that needs its own (the simulator) sets its header itself.
  // HSTS and upgrade-insecure-requests only when this server terminates TLS or sits behind a proxy.
  const secure = Boolean(edge.tls) || edge.trustProxy !== false;
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        imgSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        scriptSrc: ["'self'"],
        scriptSrcAttr: ["'none'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        connectSrc: ["'self'"],
        ...(secure ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    strictTransportSecurity: secure ? { maxAge: 15_552_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
  });

  await app.register(rateLimit, {
    global: true,
    timeWindow: '1 minute',
    max: (req: FastifyRequest) => edge.rateLimits[groupOf(req)],
    keyGenerator: (req: FastifyRequest) => `${groupOf(req)}|${req.ip}`,
  });
}
