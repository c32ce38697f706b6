/**
 * WhatsApp Cloud API webhook: GET verification (hub.mode / hub.verify_token / hub.challenge) and
 * POST deliveries, checked with X-Hub-Signature-256 over the raw body before anything is parsed or
 * stored. A delivery is stored in the durable inbox and answered 200 at once; processing follows in
 * the background, in order per user. Redeliveries (same message id) are ignored.
 */
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import { parseWebhook } from '../whatsapp/parse.js';
import { verifySignature } from '../whatsapp/signature.js';
import { answerable, sanitizeJson } from '../security/sanitize.js';
import type { EngineApi } from '../engine/types.js';
import type { Delivery } from '../whatsapp/delivery.js';

export interface WhatsAppWebhookOptions {
  engine: EngineApi;
  /** Issue 10: failed statuses of accepted messages (131047 / 131026 / 131049 / 130429 / 131056). */
  delivery?: Pick<Delivery, 'onStatuses' | 'onSystem'>;
  appSecret?: string;
  verifyToken?: string;
  bodyLimit?: number;
}

declare module 'fastify' {
  interface FastifyRequest {
    rawBody?: Buffer;
  }
}

async function whatsappWebhook(app: FastifyInstance, opts: WhatsAppWebhookOptions) {
  app.get('/webhooks/whatsapp', async (req, reply) => {
    const q = req.query as Record<string, string | undefined>;
    if (!opts.verifyToken) {
      return reply.code(403).send({
        error:
          "WHATSAPP_VERIFY_TOKEN is not set on this server; set it to the token you typed in Meta's webhook settings",
      });
    }
    if (q['hub.mode'] === 'subscribe' && q['hub.verify_token'] === opts.verifyToken && q['hub.challenge']) {
      return reply.type('text/plain').send(q['hub.challenge']);
    }
    return reply.code(403).send({
      error: 'verification failed: hub.mode must be "subscribe" and hub.verify_token must match WHATSAPP_VERIFY_TOKEN',
    });
  });

  app.register(async (scope) => {
    // Keep the raw bytes: the signature is computed over them, not over re-serialised JSON.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser(
      '*',
      { parseAs: 'buffer', bodyLimit: opts.bodyLimit ?? 1024 * 1024 },
      (req, body, done) => {
        req.rawBody = body as Buffer;
        done(null, undefined);
      },
    );
    scope.post('/webhooks/whatsapp', { config: { rateLimit: false } }, async (req, reply) => {
      const raw = req.rawBody ?? Buffer.alloc(0);
      if (!opts.appSecret) {
        return reply.code(401).send({
          error:
            'WHATSAPP_APP_SECRET is not set on this server, so no delivery can be verified; ' +
            'set it to your Meta app secret',
        });
      }
      const header = req.headers['x-hub-signature-256'];
      if (!verifySignature(raw, Array.isArray(header) ? header[0] : header, opts.appSecret)) {
        return reply.code(401).send({
          error:
            'invalid or missing X-Hub-Signature-256: ' +
            'it must be sha256=<hex HMAC-SHA256 of the raw body with the app secret>',
        });
      }
      let body: unknown;
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        return reply.code(400).send({ error: 'body is not valid JSON' });
      }
      // Lone UTF-16 surrogates ("\ud800") can't be stored (Postgres, Prisma): U+FFFD instead, here.
      const clean = sanitizeJson(body);
      if (clean.replaced)
        req.log.warn(
          { strings: clean.replaced },
          'lone UTF-16 surrogates in a WhatsApp delivery were replaced by U+FFFD',
        );
      const parsed = parseWebhook(clean.value);
      if (parsed.errors.length)
        req.log.warn(
          { errors: parsed.errors.slice(0, 5) },
          'parts of a WhatsApp delivery were not understood and were skipped',
        );
      const { kept, dropped } = answerable(parsed.messages);
      if (dropped)
        req.log.warn(
          { dropped },
          'WhatsApp messages whose sender is neither a wa_id nor a business-scoped user id were dropped',
        );
      // Issue 10: a changed number first, so this delivery's messages already find the contact under it.
      if (parsed.system.length) await opts.delivery?.onSystem(parsed.system);
      if (parsed.ignored.length)
        req.log.info({ ignored: parsed.ignored.map((i) => i.reason) }, 'edits / unsupported messages not answered');
      const result = await opts.engine.ingest({ messages: kept, statuses: parsed.statuses });
      if (parsed.statuses.length) await opts.delivery?.onStatuses(parsed.statuses);
      return reply.code(200).send({ received: true, stored: result.stored, duplicates: result.duplicates });
    });
  });
}

export const whatsappWebhookPlugin = fp(whatsappWebhook, { name: 'whatsapp-webhook' });
