/**
 * GET /metrics (Prometheus text) and the webhook acknowledgement timer. Public unless METRICS_TOKEN
 * is set (then `Authorization: Bearer <token>` is required, as Prometheus' `authorization` config sends).
 */
import { timingSafeEqual } from 'node:crypto';
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { AggregatorRegistry } from 'prom-client';
import type { Metrics } from './registry.js';

export interface MetricsPluginOptions {
  metrics: Metrics;
  token?: string;
  /** Runs before each scrape (database gauges). */
  collect?: () => Promise<void>;
  /** Issue 12: the processing threads' metrics (`getMetricsAsJSON()`, one list per thread), summed with ours. */
  more?: () => Promise<object[][]>;
}

/** Which webhook a URL is, or null: the ack histogram's `source` label. */
export function webhookSource(url: string): string | null {
  const path = url.split('?')[0] ?? '';
  if (!path.startsWith('/webhooks/')) return null;
  return path.slice('/webhooks/'.length).split('/')[0] || 'unknown';
}

async function metricsRoutes(app: FastifyInstance, o: MetricsPluginOptions) {
  app.addHook('onResponse', async (req, reply) => {
    const source = webhookSource(req.url);
    if (!source || req.method !== 'POST') return;
    o.metrics.webhookAck.observe({ source, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });
  const expected = o.token ? Buffer.from(`Bearer ${o.token}`) : null;
  app.get('/metrics', { schema: { hide: true } }, async (req, reply) => {
    if (expected) {
      const got = Buffer.from(req.headers.authorization ?? '');
      if (got.length !== expected.length || !timingSafeEqual(got, expected)) {
        return reply.code(401).send({ error: 'Unauthorized', message: 'send Authorization: Bearer <METRICS_TOKEN>' });
      }
    }
    await o
      .collect?.()
      .catch((err: unknown) => req.log.warn({ err: (err as Error).message }, 'metrics: database gauges not read'));
    const registry = o.more
      ? AggregatorRegistry.aggregate([
          await o.metrics.registry.getMetricsAsJSON(),
          ...(await o.more().catch((): object[][] => [])),
        ])
      : o.metrics.registry;
    return reply.type(o.metrics.registry.contentType).send(await registry.metrics());
  });
}

export const metricsPlugin = fp(metricsRoutes, { name: 'reserva-metrics', fastify: '5.x' });
