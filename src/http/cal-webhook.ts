/**
 * Cal.com webhooks: booking created / requested / rescheduled / cancelled / rejected, meeting ended,
 * no-show. Verified with X-Cal-Signature-256 (hex HMAC-SHA256 of the raw body with
 * CAL_WEBHOOK_SECRET) before anything is stored; what each means is src/lifecycle/cal-events.ts.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import fp from 'fastify-plugin';
import type { FastifyInstance } from 'fastify';
import type { Language } from '../../machines/types.js';
import type { Db } from '../db/client.js';
import type { Bookings } from '../engine/bookings.js';
import type { Outbound } from '../engine/outbound.js';
import type { EngineApi } from '../engine/types.js';
import type { Lifecycle } from '../lifecycle/reminders.js';
import type { NoticeTemplates } from '../lifecycle/notify.js';
import { createCalEvents, type CalEvents, type CalPayload } from '../lifecycle/cal-events.js';

export interface CalWebhookOptions {
  prisma: Db;
  secret?: string;
  engine: EngineApi;
  /** The one path for booking changes. */
  bookings: Bookings;
  lifecycle: Pick<Lifecycle, 'recordNoShow'>;
  /** The one path for outbound messages. */
  outbound: Outbound;
  timeZone: string;
  defaultLocale: Language;
  now: () => Date;
  noticeTemplates?: NoticeTemplates;
  /** What each event means (issue 10: src/lifecycle/cal-events.ts); built from the above when absent. */
  events?: CalEvents;
}

export function verifyCalSignature(raw: Buffer, header: string | undefined, secret: string): boolean {
  if (!header) return false;
  const expected = Buffer.from(createHmac('sha256', secret).update(raw).digest('hex'));
  const given = Buffer.from(header.replace(/^sha256=/, '').trim());
  return given.length === expected.length && timingSafeEqual(given, expected);
}

async function calWebhook(app: FastifyInstance, opts: CalWebhookOptions) {
  const { prisma } = opts;
  const events =
    opts.events ??
    createCalEvents({
      prisma,
      bookings: opts.bookings,
      recordNoShow: (uid, o) => opts.lifecycle.recordNoShow(uid, o),
      outbound: opts.outbound,
      timeZone: opts.timeZone,
      defaultLocale: opts.defaultLocale,
      now: opts.now,
      logger: app.log,
      noticeTemplates: opts.noticeTemplates,
    });
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 1024 * 1024 }, (req, body, done) => {
      req.rawBody = body as Buffer;
      done(null, undefined);
    });
    scope.post('/webhooks/cal', async (req, reply) => {
      const raw = req.rawBody ?? Buffer.alloc(0);
      if (!opts.secret)
        return reply.code(401).send({
          error: 'CAL_WEBHOOK_SECRET is not set on this server; set it to the secret of your Cal.com webhook',
        });
      const header = req.headers['x-cal-signature-256'];
      if (!verifyCalSignature(raw, Array.isArray(header) ? header[0] : header, opts.secret)) {
        return reply.code(401).send({
          error:
            'invalid or missing X-Cal-Signature-256: ' +
            'it must be the hex HMAC-SHA256 of the raw body with CAL_WEBHOOK_SECRET',
        });
      }
      let body: { triggerEvent?: string; payload?: CalPayload };
      try {
        body = JSON.parse(raw.toString('utf8'));
      } catch {
        return reply.code(400).send({ error: 'body is not valid JSON' });
      }
      const trigger = String(body.triggerEvent ?? '');
      // Scheduled triggers (MEETING_ENDED, MEETING_STARTED) arrive flat: the booking is the body itself.
      const p: CalPayload =
        body.payload && typeof body.payload === 'object' ? body.payload : (body as unknown as CalPayload);
      const dedupeKey = createHash('sha256').update(raw).digest('hex');
      try {
        await prisma.calWebhookEvent.create({
          data: { dedupeKey, triggerEvent: trigger || 'UNKNOWN', payload: raw.toString('utf8').slice(0, 100_000) },
        });
      } catch (err) {
        if ((err as { code?: string }).code === 'P2002') return { received: true, duplicate: true };
        throw err;
      }
      try {
        await events.handle(trigger, p);
      } catch (err) {
        // Not handled: forget it so Cal.com's retry is not taken for a duplicate.
        await prisma.calWebhookEvent.deleteMany({ where: { dedupeKey } }).catch(() => {});
        throw err;
      }
      return { received: true };
    });
  });
}

export const calWebhookPlugin = fp(calWebhook, { name: 'cal-webhook' });
