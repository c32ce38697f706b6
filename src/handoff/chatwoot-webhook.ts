/**
 * POST /webhooks/chatwoot: what agents do in Chatwoot comes back here. Verified before anything is
 * read (signature when Chatwoot signs, otherwise `?token=`; see ./signature.ts), then agents'
 * replies and "resolved" become durable jobs (sent on to WhatsApp, or the bot released) and
 * Chatwoot gets 200 at once. Everything else is acknowledged and ignored.
 */
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { HandoffService } from './service.js';
import { verifyChatwoot } from './signature.js';

export interface ChatwootWebhookOptions {
  handoff: HandoffService;
  secret: string;
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

async function chatwootWebhook(app: FastifyInstance, opts: ChatwootWebhookOptions) {
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 1024 * 1024 }, (req, body, done) => {
      req.rawBody = body as Buffer;
      done(null, undefined);
    });
    scope.post(
      '/webhooks/chatwoot',
      {
        schema: {
          tags: ['webhooks'],
          summary: 'Chatwoot webhook (message_created, conversation_status_changed)',
          description:
            'Verified with X-Chatwoot-Signature/X-Chatwoot-Timestamp when Chatwoot signs, otherwise ' +
            '?token=<CHATWOOT_WEBHOOK_SECRET>.',
          querystring: { type: 'object', properties: { token: { type: 'string' } } },
        },
      },
      async (req, reply) => {
        const raw = req.rawBody ?? Buffer.alloc(0);
        const verdict = verifyChatwoot(
          raw,
          {
            signature: one(req.headers['x-chatwoot-signature']),
            timestamp: one(req.headers['x-chatwoot-timestamp']),
            token: (req.query as { token?: string }).token,
          },
          opts.secret,
        );
        if (!verdict.ok) return reply.code(401).send({ error: `Chatwoot delivery refused: ${verdict.reason}` });
        let body: unknown;
        try {
          body = JSON.parse(raw.toString('utf8'));
        } catch {
          return reply.code(400).send({ error: 'body is not valid JSON' });
        }
        const result = await opts.handoff.acceptChatwootEvent(body);
        req.log.info({ result }, 'chatwoot webhook');
        return { received: true, result };
      },
    );
  });
}

export const chatwootWebhookPlugin = fp(chatwootWebhook, { name: 'chatwoot-webhook' });
