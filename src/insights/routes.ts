/**
 * Insight routes, behind the admin JWT (viewer role): GET /admin/metrics (JSON), GET /admin/metrics.csv,
 * and the public /admin/insights page (it holds no data; the token is pasted into it), which loads
 * Chart.js from node_modules and the exported statecharts from docs/machines.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Type, type Static } from '@sinclair/typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AdminExtension } from '../admin/plugin.js';
import { findProjectRoot } from '../simulator/assets.js';
import { metricsCsv } from './csv.js';
import type { Insights } from './service.js';

export const MetricsQuery = Type.Object(
  {
    from: Type.Optional(
      Type.String({ format: 'date-time', description: 'Start (inclusive); default 28 days before `to`' }),
    ),
    to: Type.Optional(Type.String({ format: 'date-time', description: 'End (exclusive); default now' })),
    granularity: Type.Optional(Type.Union([Type.Literal('day'), Type.Literal('week')], { default: 'day' })),
  },
  { additionalProperties: false },
);
export type MetricsQuery = Static<typeof MetricsQuery>;

const Rate = Type.Union([Type.Number(), Type.Null()]);
const Messages = Type.Object({}, { additionalProperties: true });
const Bookings = Type.Object(
  {
    bookings: Type.Integer(),
    cancelled: Type.Integer(),
    ended: Type.Integer(),
    noShows: Type.Integer(),
    cancellationRate: Rate,
    noShowRate: Rate,
  },
  { additionalProperties: false },
);
const StateFunnel = Type.Object({
  state: Type.String(),
  entered: Type.Integer(),
  exited: Type.Record(Type.String(), Type.Integer()),
  timedOut: Type.Integer(),
  dropOff: Rate,
});
export const MetricsReply = Type.Object(
  {
    from: Type.String(),
    to: Type.String(),
    granularity: Type.String(),
    deliveryRate: Rate,
    readRate: Rate,
    clickThroughRate: Rate,
    noShowRate: Rate,
    cancellationRate: Rate,
    bookings: Type.Integer({ description: 'Bookings made in the period (business days of when they were made)' }),
    appointments: Type.Integer({ description: 'Appointments starting in the period, not cancelled or moved' }),
    messages: Messages,
    byMessageKind: Type.Record(Type.String(), Messages),
    byTemplate: Type.Record(Type.String(), Messages),
    failuresByErrorCode: Type.Record(Type.String(), Type.Integer()),
    byReminderPath: Type.Object({
      confirmedFromReminder: Bookings,
      remindedOther: Bookings,
      remindedSilent: Bookings,
      notReminded: Bookings,
    }),
    byEventType: Type.Record(Type.String(), Bookings),
    byLanguage: Type.Record(Type.String(), Type.Object({ messages: Messages, bookings: Bookings })),
    series: Type.Array(Type.Object({}, { additionalProperties: true })),
    funnel: Type.Record(Type.String(), Type.Object({ states: Type.Array(StateFunnel) })),
    timeToBooking: Type.Object({}, { additionalProperties: true }),
    unknownIntents: Type.Object({
      count: Type.Integer(),
      items: Type.Array(Type.Object({ at: Type.String(), text: Type.String() })),
    }),
    handoffs: Type.Object({}, { additionalProperties: true }),
    optOuts: Type.Integer(),
    marketingConsent: Type.Object({}, { additionalProperties: true }),
    feedback: Type.Object({}, { additionalProperties: true }),
    /** Growth (issue 16): upsell / win-back conversion per variant, bookings and revenue per ad. */
    growth: Type.Optional(Type.Object({}, { additionalProperties: true })),
  },
  { additionalProperties: true },
);

const DAY = 86_400_000;
const MAX_DAYS = 400;

const PAGE = {
  'insights.html': 'text/html; charset=utf-8',
  'insights.js': 'text/javascript; charset=utf-8',
  'statechart.js': 'text/javascript; charset=utf-8',
} as const;

export function insightsRoutes(insights: Insights, o: { now: () => Date; root?: string }): AdminExtension {
  const root = o.root ?? findProjectRoot();
  const dir = join(root, 'src', 'insights', 'public');
  const files = new Map(Object.keys(PAGE).map((f) => [f, readFileSync(join(dir, f))]));
  const require = createRequire(join(root, 'package.json'));
  // Chart.js' browser build (UMD), next to its package entry point.
  let chartJs: Buffer | null = null;
  const chartBundle = () => (chartJs ??= readFileSync(join(dirname(require.resolve('chart.js')), 'chart.umd.min.js')));
  const machinesDir = join(root, 'docs', 'machines');
  const machines = Object.fromEntries(
    readdirSync(machinesDir)
      .filter((f) => f.endsWith('.json'))
      .map((f) => [f.replace(/\.json$/, ''), JSON.parse(readFileSync(join(machinesDir, f), 'utf8')) as unknown]),
  );

  return async (api, scope) => {
    const page = (file: keyof typeof PAGE) => async (_req: FastifyRequest, reply: FastifyReply) =>
      reply.type(PAGE[file]).header('cache-control', 'no-cache').send(files.get(file));
    api.get('/admin/insights', { schema: { hide: true } }, page('insights.html'));
    api.get('/admin/insights/insights.js', { schema: { hide: true } }, page('insights.js'));
    api.get('/admin/insights/statechart.js', { schema: { hide: true } }, page('statechart.js'));
    api.get('/admin/insights/chart.js', { schema: { hide: true } }, async (_req, reply) =>
      reply.type('text/javascript; charset=utf-8').header('cache-control', 'max-age=86400').send(chartBundle()),
    );
    api.get('/admin/insights/machines.json', { schema: { hide: true } }, async () => machines);

    const period = (q: MetricsQuery, reply: FastifyReply) => {
      const to = q.to ? new Date(q.to) : o.now();
      const from = q.from ? new Date(q.from) : new Date(to.getTime() - 28 * DAY);
      if (from.getTime() >= to.getTime()) {
        scope.fail(reply, 400, 'querystring.from must be before querystring.to', 'from');
        return null;
      }
      if (to.getTime() - from.getTime() > MAX_DAYS * DAY) {
        scope.fail(reply, 400, `the period is longer than ${MAX_DAYS} days; ask for a shorter one`, 'from');
        return null;
      }
      return { from, to, granularity: q.granularity ?? 'day' };
    };

    api.get<{ Querystring: MetricsQuery }>(
      '/admin/metrics',
      {
        onRequest: scope.viewer,
        schema: {
          tags: ['insights'],
          summary: 'Insight figures for a period: delivery, read and click rates, no-shows, funnel per statechart…',
          security: scope.security,
          querystring: MetricsQuery,
          response: { 200: MetricsReply, ...scope.errors },
        },
      },
      async (req, reply) => {
        const p = period(req.query, reply);
        if (!p) return reply;
        return insights.metrics(p);
      },
    );

    api.get<{ Querystring: MetricsQuery }>(
      '/admin/metrics.csv',
      {
        onRequest: scope.viewer,
        schema: {
          tags: ['insights'],
          summary: 'The same figures as CSV (section, key, figure, value)',
          security: scope.security,
          querystring: MetricsQuery,
          produces: ['text/csv'],
        },
      },
      async (req, reply) => {
        const p = period(req.query, reply);
        if (!p) return reply;
        const csv = metricsCsv(await insights.metrics(p), insights.providers);
        return reply
          .type('text/csv; charset=utf-8')
          .header(
            'content-disposition',
            `attachment; filename="reserva-metrics-${p.from.toISOString().slice(0, 10)}.csv"`,
          )
          .send(csv);
      },
    );
  };
}
