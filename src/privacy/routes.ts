/**
 * Public privacy routes: the privacy notice (`GET /privacy`) and single-use export links
 * (`GET /privacy/export/:token`: 200 JSON download, 404 unknown, 410 used / expired / erased).
 */
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { Privacy } from './service.js';
import { privacyNoticeHtml } from './notice.js';

export interface PrivacyRoutesOptions {
  privacy: Privacy;
  retentionDays: number;
}

const NOTICE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'; " +
  "frame-ancestors 'none'";

async function privacyRoutes(app: FastifyInstance, opts: PrivacyRoutesOptions) {
  const html = privacyNoticeHtml({ retentionDays: opts.retentionDays });
  app.get('/privacy', async (_req, reply) =>
    reply
      .type('text/html; charset=utf-8')
      .header('content-security-policy', NOTICE_CSP)
      .header('cache-control', 'public, max-age=300')
      .send(html),
  );
  app.get<{ Params: { token: string } }>('/privacy/export/:token', async (req, reply) => {
    reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
    const result = await opts.privacy.redeemExportToken(req.params.token);
    if (!result.ok) return reply.code(result.status).send({ error: result.error });
    return reply
      .header('content-disposition', `attachment; filename="reserva-data-${result.data.exportedAt.slice(0, 10)}.json"`)
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(result.data, null, 2));
  });
}

export const privacyRoutesPlugin = fp(privacyRoutes, { name: 'privacy-routes' });
