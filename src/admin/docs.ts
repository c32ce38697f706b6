/**
 * OpenAPI for every route registered after this plugin: GET /openapi.json, browsable at /docs
 * (Swagger UI served from the package itself — no CDN, works offline).
 */
import fp from 'fastify-plugin';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';

async function docs(app: FastifyInstance) {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Reserva',
        version: '1',
        description:
          'Admin API for staff tools (contacts, conversations, hand-off to a person) and the webhooks Reserva ' +
          'receives. ' +
          'Admin routes need `Authorization: Bearer <token>`; get one with `npm run admin:token -- --role admin ' +
          '--ttl 1h` ' +
          '(roles: viewer reads, admin also writes). The admin API is off (404) unless ADMIN_JWT_SECRET is set.',
      },
      tags: [
        { name: 'admin', description: 'Contacts, conversations and hand-off (JWT)' },
        { name: 'webhooks', description: 'Deliveries Reserva receives' },
      ],
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { docExpansion: 'list', deepLinking: true } });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}

export const docsPlugin = fp(docs, { name: 'reserva-docs' });
