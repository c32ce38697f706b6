/**
 * Public privacy routes: the privacy notice (`GET /privacy`) and single-use export links
 * (`GET /privacy/export/:token`: 200 JSON download, 404 unknown, 410 used / expired / erased).
 */
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { LINK_ASK_AGAIN, LINK_FAILURE_TEXT } from './links.js';
import type { Privacy } from './service.js';
import { privacyNoticeHtml } from './notice.js';

export interface PrivacyRoutesOptions {
  privacy: Privacy;
  retentionDays: number;
}

const escapeHtml = (t: string) =>
  t.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

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
    if (!result.ok) {
      // issue 9/14 (session 3): a page in the person's language (every language when unknown) for a
      // browser; JSON for anything else, with the same explanation as `message`.
      const languages = result.language ? [result.language] : (['es', 'en', 'pt'] as const);
      const lines = languages.map((l) => `${LINK_FAILURE_TEXT[l][result.reason]} ${LINK_ASK_AGAIN[l]}`);
      if ((req.headers.accept ?? '').includes('text/html')) {
        const body = lines.map((line) => `<p>${escapeHtml(line)}</p>`).join('\n');
        return reply
          .code(result.status)
          .type('text/html; charset=utf-8')
          .header('content-security-policy', NOTICE_CSP)
          .send(
            `<!doctype html><html lang="${languages[0]}"><head><meta charset="utf-8">` +
              `<meta name="viewport" content="width=device-width, initial-scale=1"><title>Reserva</title></head>` +
              `<body style="font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem">` +
              `${body}</body></html>`,
          );
      }
      return reply.code(result.status).send({ error: result.error, message: lines.join(' ') });
    }
    return reply
      .header('content-disposition', `attachment; filename="reserva-data-${result.data.exportedAt.slice(0, 10)}.json"`)
      .type('application/json; charset=utf-8')
      .send(JSON.stringify(result.data, null, 2));
  });
}

export const privacyRoutesPlugin = fp(privacyRoutes, { name: 'privacy-routes' });
