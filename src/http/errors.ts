/**
 * One error answer for every route. Registered before any route (Fastify gives a route the error
 * handler of its scope when the route is added), so webhooks, the simulator and health all use it.
 * 5xx: a stable message and the request id (the details go to the log, never to the client).
 * 4xx: the error's own message, which says what was wrong with the request.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export const INTERNAL_ERROR_MESSAGE = 'internal error; the request was not processed, try again later';

export interface ErrorBody {
  error: string;
  requestId: string;
}

async function errors(app: FastifyInstance): Promise<void> {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    const status =
      typeof err.statusCode === 'number' && err.statusCode >= 400 && err.statusCode < 600 ? err.statusCode : 500;
    if (status >= 500) {
      req.log.error({ err }, 'request failed');
      return reply.code(status).send({ error: INTERNAL_ERROR_MESSAGE, requestId: req.id } satisfies ErrorBody);
    }
    return reply.code(status).send({ error: err.message, requestId: req.id } satisfies ErrorBody);
  });
}

export const errorHandlerPlugin = fp(errors, { name: 'reserva-errors' });
