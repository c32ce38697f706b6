/**
 * The chat simulator: a WhatsApp-like page at /simulator and the JSON API it (and
 * scripts/chat.ts) uses. Messages typed here go through engine.ingest — the very path real
 * webhooks take — and the bot's replies are read back from the OutboundMessage table.
 *
 *   GET  /                                  → redirect to /simulator
 *   GET  /simulator                         → the page (files in src/simulator/public)
 *   GET  /simulator/assets/:file            → app.js, style.css, icon.svg
 *   GET  /simulator/api/config              → { timeZone, docs }
 *   GET  /simulator/api/contacts            → { contacts }
 *   GET  /simulator/api/conversations/:phone→ { phone, messages, state }
 *   POST /simulator/api/messages            → the person writes / taps a button / picks a row / sends a voice note
 *   POST /simulator/api/read                → delivered / read receipts for the bot's messages
 *   GET  /simulator/api/events              → server-sent events (message, typing, inbound), optional ?phone=
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { Db } from '../db/client.js';
import type { EngineApi } from '../engine/types.js';
import { assertPublicDir, defaultPublicDir, PAGE_FILES } from './assets.js';
import { listContacts } from './contacts.js';
import { createSimulatorHub, type SimulatorHub } from './hub.js';
import { normalizePhone, parseMessageInput, parseReadInput } from './inbound.js';
import { loadTranscript } from './transcript.js';

type IngestBatch = Parameters<EngineApi['ingest']>[0];

export interface SimulatorPluginOptions {
  engine: EngineApi;
  prisma: Db;
  /** Share it with createSimulatorSender({ hub }) so the page gets replies and "typing…" pushed. */
  hub?: SimulatorHub;
  /** Business time zone: the page shows times in it. */
  timeZone: string;
  now?: () => Date;
  /** Default: <project root>/src/simulator/public. */
  publicDir?: string;
  /** Inbound message ids. Default `sim.in.<random>`. */
  ids?: () => string;
}

const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

function badRequest(reply: FastifyReply, errors: string[]) {
  return reply.code(400).send({ error: 'Bad Request', message: errors.join('; '), errors });
}

async function simulator(app: FastifyInstance, opts: SimulatorPluginOptions): Promise<void> {
  const { engine, prisma, timeZone } = opts;
  const hub = opts.hub ?? createSimulatorHub();
  const now = opts.now ?? (() => new Date());
  const ids = opts.ids ?? (() => `sim.in.${randomBytes(10).toString('hex')}`);
  const publicDir = opts.publicDir ?? defaultPublicDir();
  assertPublicDir(publicDir);

  const sendFile = async (reply: FastifyReply, file: string) => {
    const type = PAGE_FILES[file];
    if (!type) return reply.code(404).send({ error: 'Not Found', message: `The simulator has no file "${file}"` });
    const body = await readFile(join(publicDir, file));
    return reply.type(type).header('cache-control', 'no-cache').header('x-content-type-options', 'nosniff').send(body);
  };

  app.get('/', async (_req, reply) => reply.redirect('/simulator'));
  app.get('/simulator', async (_req, reply) => {
    reply.header('content-security-policy', CSP).header('referrer-policy', 'no-referrer');
    return sendFile(reply, 'index.html');
  });
  app.get('/simulator/', async (_req, reply) => reply.redirect('/simulator'));
  app.get<{ Params: { file: string } }>('/simulator/assets/:file', async (req, reply) => {
    if (req.params.file === 'index.html') return reply.redirect('/simulator');
    return sendFile(reply, req.params.file);
  });

  app.get('/simulator/api/config', async () => ({
    timeZone,
    docs: {
      machines: 'docs/machines/',
      source: 'machines/',
      visualizer: 'https://stately.ai/docs/visualizer',
    },
  }));

  app.get('/simulator/api/contacts', async () => ({ contacts: await listContacts(prisma) }));

  app.get<{ Params: { phone: string } }>('/simulator/api/conversations/:phone', async (req, reply) => {
    const phone = normalizePhone(req.params.phone);
    if (!phone) return badRequest(reply, [`the phone in the URL must be 6-15 digits; got "${req.params.phone}"`]);
    const [messages, inspected] = await Promise.all([
      loadTranscript(prisma, phone),
      engine.inspect(phone).then(
        (state) => ({ state, error: undefined }),
        (err: unknown) => {
          req.log.error({ err }, 'simulator: engine.inspect failed');
          return { state: null, error: `the engine could not read this conversation's state (request ${req.id})` };
        },
      ),
    ]);
    return { phone, messages, state: inspected.state, ...(inspected.error ? { stateError: inspected.error } : {}) };
  });

  /** engine.ingest, or undefined after answering 503 (the details go to the log, not to the page). */
  const ingest = async (req: FastifyRequest, reply: FastifyReply, batch: IngestBatch, what: string) => {
    try {
      return await engine.ingest(batch);
    } catch (err) {
      req.log.error({ err }, `simulator: engine.ingest (${what}) failed`);
      await reply.code(503).send({
        error: 'Service Unavailable',
        message: `The engine could not store the ${what}; try again`,
        requestId: req.id,
      });
      return undefined;
    }
  };

  // A message's timestamp is when the person sent it, as WhatsApp stamps it: here, when its POST
  // arrived (its headers), not when it is handled — two sent at once may be handled one after the
  // other's whole turn, and the engine reads the time to tell a "sí" sent twice from an answer.
  const receivedAt = new WeakMap<FastifyRequest, Date>();
  const stampReceipt = async (req: FastifyRequest) => {
    receivedAt.set(req, now());
  };
  app.post('/simulator/api/messages', { onRequest: stampReceipt }, async (req, reply) => {
    const parsed = parseMessageInput(req.body, { id: ids(), now: receivedAt.get(req) ?? now() });
    if (!parsed.ok) return badRequest(reply, parsed.errors);
    const message = parsed.value;
    hub.rememberInbound(message.id, message.from);
    const result = await ingest(req, reply, { messages: [message], statuses: [] }, 'message');
    if (!result) return reply;
    hub.publish({ type: 'inbound', phone: message.from, messageId: message.id, at: message.timestamp });
    return reply.code(202).send({ id: message.id, message, ...result });
  });

  app.post('/simulator/api/read', async (req, reply) => {
    const parsed = parseReadInput(req.body, now());
    if (!parsed.ok) return badRequest(reply, parsed.errors);
    if (!(await ingest(req, reply, { messages: [], statuses: parsed.value }, 'receipts'))) return reply;
    return reply.code(202).send({ stored: parsed.value.length });
  });

  // Server-sent events. Streams end when the client goes away or the server closes.
  const openStreams = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const end of [...openStreams]) end();
  });
  app.get<{ Querystring: { phone?: string } }>('/simulator/api/events', async (req, reply) => {
    let topic = '*';
    if (req.query.phone !== undefined && req.query.phone !== '') {
      const phone = normalizePhone(req.query.phone);
      if (!phone) return badRequest(reply, [`phone must be 6-15 digits; got "${req.query.phone}"`]);
      topic = phone;
    }
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      'x-accel-buffering': 'no',
    });
    res.write('retry: 2000\n\n');
    const unsubscribe = hub.subscribe(topic, (event) => {
      res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
    });
    const ping = setInterval(() => res.write(': ping\n\n'), 15_000);
    ping.unref();
    const end = () => {
      if (!openStreams.delete(end)) return;
      clearInterval(ping);
      unsubscribe();
      if (!res.writableEnded) res.end();
    };
    openStreams.add(end);
    req.raw.on('close', end);
    res.on('error', end);
  });
}

export const simulatorPlugin = fp(simulator, { name: 'reserva-simulator', fastify: '5.x' });
