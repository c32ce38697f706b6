/**
 * The admin boundary: JWT authentication (@fastify/jwt; roles viewer and admin), the admin API
 * (contacts, conversations, hand-off, staff messages — each route with a JSON schema), the live
 * change stream and the staff inbox page at /admin. Registered only when ADMIN_JWT_SECRET is set.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fp from 'fastify-plugin';
import jwt from '@fastify/jwt';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/client.js';
import { StaffMessageRefused, type HandoffService } from '../handoff/service.js';
import type { Privacy } from '../privacy/service.js';
import { InvalidRectificationError } from '../privacy/rectify.js';
import { UnknownContactError } from '../privacy/consent.js';
import { findProjectRoot } from '../simulator/assets.js';
import { createLiveFeed } from './live.js';
import { contactDetail, listContacts, listConversations, stateOf } from './queries.js';
import {
  ContactDetail,
  ContactIdParams,
  ContactsQuery,
  ContactSummary,
  ConversationsQuery,
  ConversationSummary,
  ErrorBody,
  StaffMessageBody,
} from './schemas.js';
import { ROLES, type AdminClaims, type Role } from './token.js';
import { Type, type Static } from '@sinclair/typebox';

export interface AdminOptions {
  secret: string;
  prisma: Db;
  handoff: HandoffService;
  /** Access, rectification and erasure (issue 14): GET export, PATCH, DELETE /admin/contacts/:id. */
  privacy?: Privacy;
  /**
   * Cancels one upcoming booking on the calendar (the chat's own cancel path), for erasure with
   * `?cancelBookings=true`; false when the calendar could not do it now.
   */
  cancelBooking?: (contactId: string, uid: string) => Promise<boolean>;
  now: () => Date;
  postgres?: boolean;
  /** Folder of the inbox page (default src/admin/public). */
  publicDir?: string;
  /** More admin routes (e.g. insights), registered behind the same JWT check and error handling. */
  extensions?: AdminExtension[];
}

/** What an extension gets: the scope with the JWT plugin, the role checks and the error reply. */
export interface AdminScope {
  viewer: (req: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
  adminOnly: (req: FastifyRequest, reply: FastifyReply) => Promise<unknown>;
  security: Array<Record<string, string[]>>;
  errors: Record<number, unknown>;
  fail: (reply: FastifyReply, status: number, message: string, field?: string) => unknown;
}
export type AdminExtension = (api: FastifyInstance, scope: AdminScope) => Promise<void> | void;

declare module '@fastify/jwt' {
  interface FastifyJWT {
    payload: AdminClaims;
    user: AdminClaims;
  }
}

const PAGE_FILES = {
  'index.html': 'text/html; charset=utf-8',
  'app.js': 'text/javascript; charset=utf-8',
  'style.css': 'text/css; charset=utf-8',
} as const;

function fail(reply: FastifyReply, status: number, message: string, field?: string) {
  const error =
    { 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 409: 'Conflict' }[status] ?? 'Error';
  return reply.code(status).send({ error, message, ...(field ? { field } : {}) });
}

type Violation = { instancePath?: string; keyword?: string; params?: Record<string, unknown>; message?: string };

/**
 * What is wrong, said so a person can fix it: the allowed values of a choice (Ajv reports one
 * "must be equal to constant" per literal of a union), an example for a date-time.
 */
function whatIsWrong(all: Violation[], first: Violation, extra: string | undefined): string {
  if (extra) return 'is not allowed';
  const here = all.filter((x) => x.instancePath === first.instancePath);
  const allowed = here.flatMap((x) =>
    x.params && 'allowedValue' in x.params
      ? [x.params.allowedValue]
      : Array.isArray(x.params?.allowedValues)
        ? (x.params.allowedValues as unknown[])
        : [],
  );
  if (allowed.length) return `must be one of: ${allowed.map(String).join(', ')}`;
  if (first.keyword === 'format' && first.params?.format === 'date-time')
    return 'must be a date-time with its zone, e.g. 2026-11-01T00:00:00Z (encode "+" as %2B in a URL)';
  return first.message ?? 'is invalid';
}

const errors = { 400: ErrorBody, 401: ErrorBody, 403: ErrorBody, 404: ErrorBody };

async function admin(app: FastifyInstance, opts: AdminOptions) {
  const publicDir = opts.publicDir ?? join(findProjectRoot(), 'src', 'admin', 'public');
  const files = new Map(Object.keys(PAGE_FILES).map((f) => [f, readFileSync(join(publicDir, f))]));
  const live = createLiveFeed(opts.prisma);
  const streams = new Set<() => void>();
  app.addHook('onClose', async () => {
    for (const end of [...streams]) end();
    live.stop();
  });

  // The page: public (it holds no data); the token is pasted into it and kept in the tab.
  const serve = (file: keyof typeof PAGE_FILES) => async (_req: FastifyRequest, reply: FastifyReply) =>
    reply.type(PAGE_FILES[file]).header('cache-control', 'no-cache').send(files.get(file));
  app.get('/admin', { schema: { hide: true } }, serve('index.html'));
  app.get('/admin/app.js', { schema: { hide: true } }, serve('app.js'));
  app.get('/admin/style.css', { schema: { hide: true } }, serve('style.css'));

  await app.register(async (api) => {
    await api.register(jwt, {
      secret: opts.secret,
      verify: { algorithms: ['HS256'], requiredClaims: ['exp', 'role'] },
    });

    api.setErrorHandler(
      (
        err: Error & {
          statusCode?: number;
          code?: string;
          validation?: Array<{ instancePath?: string; params?: Record<string, unknown>; message?: string }>;
          validationContext?: string;
        },
        req,
        reply,
      ) => {
        if (err.validation?.length) {
          const [v] = err.validation;
          if (!v) return fail(reply, 400, 'the request is invalid');
          const missing = typeof v.params?.missingProperty === 'string' ? v.params.missingProperty : undefined;
          const extra = typeof v.params?.additionalProperty === 'string' ? v.params.additionalProperty : undefined;
          const field = missing ?? extra ?? (v.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
          const where = err.validationContext ?? 'request';
          return fail(
            reply,
            400,
            `${where}${field ? `.${field}` : ''} ${whatIsWrong(err.validation, v, extra)}`,
            field || undefined,
          );
        }
        const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
        if (status === 500) {
          req.log.error({ err }, 'admin request failed');
          return reply
            .code(500)
            .send({ error: 'Internal Server Error', message: 'the request was not processed; try again' });
        }
        return reply.code(status).send({ error: 'Error', message: err.message });
      },
    );

    const authenticate = (role: Role) => async (req: FastifyRequest, reply: FastifyReply) => {
      if (!req.headers.authorization)
        return fail(
          reply,
          401,
          'missing Authorization: Bearer <token>; get a token with `npm run admin:token -- --role viewer --ttl 1h`',
        );
      try {
        await req.jwtVerify();
      } catch (err) {
        const code = (err as { code?: string }).code ?? '';
        const why = code.includes('EXPIRED')
          ? 'the token has expired; issue a new one'
          : code.includes('MISSING') || code.includes('CLAIM')
            ? 'the token has no expiry or role; issue one with npm run admin:token'
            : 'the token is not valid for this server (signed with another ADMIN_JWT_SECRET?)';
        return fail(reply, 401, why);
      }
      const have = req.user.role;
      if (!ROLES.includes(have)) return fail(reply, 403, `unknown role "${String(have)}"`);
      if (role === 'admin' && have !== 'admin')
        return fail(reply, 403, 'this route changes data and needs the admin role; your token has the viewer role');
    };
    const viewer = authenticate('viewer');
    const adminOnly = authenticate('admin');
    const security = [{ bearer: [] }];

    api.get<{ Querystring: ContactsQuery }>(
      '/admin/contacts',
      {
        onRequest: viewer,
        schema: {
          tags: ['admin'],
          summary: 'Find contacts by phone or text',
          security,
          querystring: ContactsQuery,
          response: {
            200: Type.Object({
              items: Type.Array(ContactSummary),
              nextCursor: Type.Union([Type.String(), Type.Null()]),
            }),
            ...errors,
          },
        },
      },
      async (req) => listContacts(opts.prisma, req.query, Boolean(opts.postgres)),
    );

    api.get<{ Params: ContactIdParams }>(
      '/admin/contacts/:id',
      {
        onRequest: viewer,
        schema: {
          tags: ['admin'],
          summary: 'A contact: profile, bookings, conversation state and its last messages',
          security,
          params: ContactIdParams,
          response: { 200: ContactDetail, ...errors },
        },
      },
      async (req, reply) =>
        (await contactDetail(opts.prisma, opts.handoff, req.params.id)) ??
        fail(reply, 404, `no contact with id "${req.params.id}"`, 'id'),
    );

    const stateNow = async (id: string) =>
      stateOf(
        (await opts.prisma.conversation.findUnique({ where: { contactId: id }, select: { snapshot: true } }))?.snapshot,
      )?.state ?? null;
    const exists = async (id: string) =>
      Boolean(await opts.prisma.contact.findUnique({ where: { id }, select: { id: true } }));
    const StateReply = Type.Object({ state: Type.Union([Type.String(), Type.Null()]) });

    api.post<{ Params: ContactIdParams }>(
      '/admin/contacts/:id/handoff',
      {
        onRequest: adminOnly,
        schema: {
          tags: ['admin'],
          summary: 'Take the conversation over: the bot stops answering',
          security,
          params: ContactIdParams,
          response: { 200: StateReply, ...errors },
        },
      },
      async (req, reply) => {
        if (!(await exists(req.params.id))) return fail(reply, 404, `no contact with id "${req.params.id}"`, 'id');
        if ((await stateNow(req.params.id)) !== 'handoff') await opts.handoff.takeOver(req.params.id, req.user.sub);
        return { state: await stateNow(req.params.id) };
      },
    );

    api.delete<{ Params: ContactIdParams }>(
      '/admin/contacts/:id/handoff',
      {
        onRequest: adminOnly,
        schema: {
          tags: ['admin'],
          summary: 'Release: give the conversation back to the bot',
          security,
          params: ContactIdParams,
          response: { 200: StateReply, 409: ErrorBody, ...errors },
        },
      },
      async (req, reply) => {
        if (!(await exists(req.params.id))) return fail(reply, 404, `no contact with id "${req.params.id}"`, 'id');
        if ((await stateNow(req.params.id)) !== 'handoff')
          return fail(reply, 409, 'this conversation is not with a person; nothing to release');
        await opts.handoff.release(req.params.id, req.user.sub);
        return { state: await stateNow(req.params.id) };
      },
    );

    api.post<{ Params: ContactIdParams; Body: StaffMessageBody }>(
      '/admin/contacts/:id/messages',
      {
        onRequest: adminOnly,
        schema: {
          tags: ['admin'],
          summary: 'Write to the person on WhatsApp (hands the conversation off if it was not)',
          description:
            'Same outbox and 24-hour-window rules as the bot: outside the window it goes as the ' +
            'STAFF_TEMPLATE_NAME template, or is refused with 409.',
          security,
          params: ContactIdParams,
          body: StaffMessageBody,
          response: {
            202: Type.Object({ queued: Type.Boolean(), state: Type.Union([Type.String(), Type.Null()]) }),
            409: ErrorBody,
            ...errors,
          },
        },
      },
      async (req, reply) => {
        if (!(await exists(req.params.id))) return fail(reply, 404, `no contact with id "${req.params.id}"`, 'id');
        try {
          await opts.handoff.sendStaffMessage(req.params.id, req.body.text.trim(), { by: req.user.sub, via: 'admin' });
        } catch (err) {
          if (err instanceof StaffMessageRefused) return fail(reply, 409, err.message);
          throw err;
        }
        return reply.code(202).send({ queued: true, state: await stateNow(req.params.id) });
      },
    );

    // Privacy rights (issue 14): the same services the chat uses (src/privacy).
    const privacy = opts.privacy;
    if (privacy) {
      const Rectification = Type.Object(
        {
          name: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'The name to keep' })),
          email: Type.Optional(Type.String({ minLength: 3, maxLength: 254, description: 'The e-mail to keep' })),
        },
        { additionalProperties: false, minProperties: 1 },
      );
      const privacyError = (reply: FastifyReply, err: unknown, id: string) => {
        if (err instanceof UnknownContactError) return fail(reply, 404, `no contact with id "${id}"`, 'id');
        if (err instanceof InvalidRectificationError) return fail(reply, 400, err.message);
        throw err;
      };

      api.get<{ Params: ContactIdParams }>(
        '/admin/contacts/:id/export',
        {
          onRequest: viewer,
          schema: {
            tags: ['admin', 'privacy'],
            summary: 'Everything stored about the person, as JSON (right of access)',
            security,
            params: ContactIdParams,
            response: { 200: Type.Object({}, { additionalProperties: true }), ...errors },
          },
        },
        async (req, reply) => {
          try {
            reply.header('cache-control', 'no-store');
            return await privacy.exportContact(req.params.id);
          } catch (err) {
            return privacyError(reply, err, req.params.id);
          }
        },
      );

      api.patch<{ Params: ContactIdParams; Body: Static<typeof Rectification> }>(
        '/admin/contacts/:id',
        {
          onRequest: adminOnly,
          schema: {
            tags: ['admin', 'privacy'],
            summary: 'Correct the name and/or e-mail (right to rectification)',
            security,
            params: ContactIdParams,
            body: Rectification,
            response: {
              200: Type.Object({ changed: Type.Array(Type.Union([Type.Literal('name'), Type.Literal('email')])) }),
              ...errors,
            },
          },
        },
        async (req, reply) => {
          try {
            return await privacy.rectifyContact(req.params.id, req.body);
          } catch (err) {
            return privacyError(reply, err, req.params.id);
          }
        },
      );

      const EraseQuery = Type.Object({
        cancelBookings: Type.Optional(
          Type.Boolean({
            description:
              'Cancel the upcoming bookings on the calendar first (otherwise a person who has any is not erased)',
          }),
        ),
      });
      const Upcoming = Type.Array(Type.Object({ uid: Type.String(), start: Type.String(), status: Type.String() }));
      api.delete<{ Params: ContactIdParams; Querystring: Static<typeof EraseQuery> }>(
        '/admin/contacts/:id',
        {
          onRequest: adminOnly,
          schema: {
            tags: ['admin', 'privacy'],
            summary: 'Erase the person (right to erasure); an opt-out survives as a salted hash',
            description:
              'A person with upcoming bookings is not erased (409 lists them) unless `cancelBookings=true`: ' +
              'then each is cancelled on the calendar first, like the chat does after asking. ' +
              'If one cannot be cancelled now, nothing is erased (503): try again later.',
            security,
            params: ContactIdParams,
            querystring: EraseQuery,
            response: {
              200: Type.Object({
                erased: Type.Literal(true),
                keptOnSuppressionList: Type.Boolean(),
                counts: Type.Record(Type.String(), Type.Integer()),
                cancelledBookings: Type.Array(Type.String()),
              }),
              409: Type.Object({
                error: Type.String(),
                message: Type.String(),
                field: Type.String(),
                upcoming: Upcoming,
              }),
              503: ErrorBody,
              ...errors,
            },
          },
        },
        async (req, reply) => {
          try {
            const upcoming = await opts.prisma.booking.findMany({
              where: { contactId: req.params.id, status: { in: ['accepted', 'pending'] }, start: { gt: opts.now() } },
              orderBy: { start: 'asc' },
              select: { uid: true, start: true, status: true },
            });
            const cancelled: string[] = [];
            if (upcoming.length > 0 && req.query.cancelBookings !== true) {
              return reply.code(409).send({
                error: 'Conflict',
                message:
                  `This person has ${upcoming.length} upcoming booking(s); erasing would leave them on the calendar ` +
                  'with nobody to remind or tell. Cancel them first, or call again with ?cancelBookings=true.',
                field: 'cancelBookings',
                upcoming: upcoming.map((b) => ({ uid: b.uid, start: b.start.toISOString(), status: b.status })),
              });
            }
            for (const b of upcoming) {
              const ok = (await opts.cancelBooking?.(req.params.id, b.uid)) ?? false;
              if (!ok) {
                return reply.code(503).send({
                  error: 'Service Unavailable',
                  message:
                    `Booking ${b.uid} could not be cancelled on the calendar now, so nothing was erased` +
                    (cancelled.length ? ` (already cancelled: ${cancelled.join(', ')})` : '') +
                    '. Try again in a few minutes.',
                });
              }
              cancelled.push(b.uid);
            }
            const report = await privacy.eraseContact(req.params.id);
            return {
              erased: true as const,
              keptOnSuppressionList: report.keptOnSuppressionList,
              counts: report.counts,
              cancelledBookings: cancelled,
            };
          } catch (err) {
            return privacyError(reply, err, req.params.id);
          }
        },
      );
    }

    api.get<{ Querystring: ConversationsQuery }>(
      '/admin/conversations',
      {
        onRequest: viewer,
        schema: {
          tags: ['admin'],
          summary: 'Conversations, those waiting for a person first',
          security,
          querystring: ConversationsQuery,
          response: { 200: Type.Object({ items: Type.Array(ConversationSummary) }), ...errors },
        },
      },
      async (req) => listConversations(opts.prisma, req.query),
    );

    api.get(
      '/admin/events',
      {
        onRequest: viewer,
        schema: { tags: ['admin'], summary: 'Server-sent events: which contacts changed (refresh them)', security },
      },
      async (req, reply) => {
        reply.hijack();
        const res = reply.raw;
        res.writeHead(200, {
          'content-type': 'text/event-stream; charset=utf-8',
          'cache-control': 'no-cache, no-transform',
          connection: 'keep-alive',
          'x-accel-buffering': 'no',
        });
        res.write('retry: 2000\n\n');
        const unsubscribe = live.subscribe((change) => res.write(`event: change\ndata: ${JSON.stringify(change)}\n\n`));
        const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
        ping.unref();
        const end = () => {
          if (!streams.delete(end)) return;
          clearInterval(ping);
          unsubscribe();
          if (!res.writableEnded) res.end();
        };
        streams.add(end);
        req.raw.on('close', end);
        res.on('error', end);
      },
    );

    for (const extend of opts.extensions ?? []) await extend(api, { viewer, adminOnly, security, errors, fail });
  });
}

export const adminPlugin = fp(admin, { name: 'reserva-admin', fastify: '5.x' });
