import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCloudApiSender, toGraphPayload, toReadPayload, parseRetryAfter } from '../../src/whatsapp/client.js';
import { WhatsAppError, type WhatsAppSender } from '../../src/whatsapp/types.js';

/** The Graph API's error body, as far as these tests read it. */
interface GraphError {
  error: { code: number; error_data: { details: string } };
}
import { startFakeGraph, type FakeGraph } from '../fakes/graph-server.js';

const TOKEN = 'EAAtest';
const PNID = '106540352242922';
const to = '5215512345678';

let graph: FakeGraph;
let sleeps: number[];
let sender: WhatsAppSender;

function makeSender(extra: Partial<Parameters<typeof createCloudApiSender>[0]> = {}) {
  return createCloudApiSender({
    graphUrl: graph.url,
    apiVersion: 'v23.0',
    phoneNumberId: PNID,
    accessToken: TOKEN,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    ...extra,
  });
}

beforeEach(async () => {
  graph = await startFakeGraph({ accessToken: TOKEN, phoneNumberId: PNID });
  sleeps = [];
  sender = makeSender();
});
afterEach(async () => {
  await graph.close();
});

describe('toGraphPayload (pure)', () => {
  it('text', () => {
    expect(toGraphPayload(to, { type: 'text', body: 'Hola' })).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to,
      type: 'text',
      text: { preview_url: false, body: 'Hola' },
    });
  });

  it('reply buttons with header and footer', () => {
    expect(
      toGraphPayload(to, {
        type: 'buttons',
        header: 'Cita',
        body: '¿Confirmas?',
        footer: 'Clínica Sol',
        buttons: [
          { id: 'y', title: 'Sí' },
          { id: 'n', title: 'No' },
        ],
      }),
    ).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to,
      type: 'interactive',
      interactive: {
        type: 'button',
        header: { type: 'text', text: 'Cita' },
        body: { text: '¿Confirmas?' },
        footer: { text: 'Clínica Sol' },
        action: {
          buttons: [
            { type: 'reply', reply: { id: 'y', title: 'Sí' } },
            { type: 'reply', reply: { id: 'n', title: 'No' } },
          ],
        },
      },
    });
  });

  it('list', () => {
    expect(
      toGraphPayload(to, {
        type: 'list',
        body: 'Horarios',
        buttonText: 'Ver',
        sections: [
          {
            title: 'Mañana',
            rows: [
              { id: 's1', title: '10:00', description: 'Dra. López' },
              { id: 's2', title: '11:00' },
            ],
          },
        ],
      }).interactive,
    ).toEqual({
      type: 'list',
      body: { text: 'Horarios' },
      action: {
        button: 'Ver',
        sections: [
          {
            title: 'Mañana',
            rows: [
              { id: 's1', title: '10:00', description: 'Dra. López' },
              { id: 's2', title: '11:00' },
            ],
          },
        ],
      },
    });
  });

  it('template with body params and quick-reply payloads', () => {
    expect(
      toGraphPayload(to, {
        type: 'template',
        name: 'appointment_reminder',
        language: 'es_MX',
        bodyParams: ['Ana', 'mañana 10:00'],
        quickReplies: ['confirm:42', 'cancel:42'],
      }),
    ).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to,
      type: 'template',
      template: {
        name: 'appointment_reminder',
        language: { code: 'es_MX' },
        components: [
          {
            type: 'body',
            parameters: [
              { type: 'text', text: 'Ana' },
              { type: 'text', text: 'mañana 10:00' },
            ],
          },
          {
            type: 'button',
            sub_type: 'quick_reply',
            index: '0',
            parameters: [{ type: 'payload', payload: 'confirm:42' }],
          },
          {
            type: 'button',
            sub_type: 'quick_reply',
            index: '1',
            parameters: [{ type: 'payload', payload: 'cancel:42' }],
          },
        ],
      },
    });
    expect(
      toGraphPayload(to, { type: 'template', name: 'hello_world', language: 'en_US', bodyParams: [] }).template,
    ).toEqual({
      name: 'hello_world',
      language: { code: 'en_US' },
    });
  });

  it('mark as read, with and without typing indicator', () => {
    expect(toReadPayload('wamid.x', true)).toEqual({
      messaging_product: 'whatsapp',
      status: 'read',
      message_id: 'wamid.x',
      typing_indicator: { type: 'text' },
    });
    expect(toReadPayload('wamid.x')).toEqual({ messaging_product: 'whatsapp', status: 'read', message_id: 'wamid.x' });
  });
});

describe('sender against the fake Graph API', () => {
  it('sends text and returns the wamid; the fake saw the bearer token and payload', async () => {
    const { messageId } = await sender.send(to, { type: 'text', body: 'Hola 👋' });
    expect(messageId).toMatch(/^wamid\./);
    expect(graph.sent).toHaveLength(1);
    expect(graph.sent[0]).toMatchObject({ to, id: messageId, payload: { type: 'text', text: { body: 'Hola 👋' } } });
    expect(graph.requests[0]!.authorization).toBe(`Bearer ${TOKEN}`);
    expect(graph.requests[0]!.path).toBe(`/v23.0/${PNID}/messages`);
  });

  it('accepts "+" in the recipient and strips it', async () => {
    await sender.send('+' + to, { type: 'text', body: 'x' });
    expect(graph.sent[0]!.payload.to).toBe(to);
  });

  it('fits before sending: 5 buttons arrive as a valid list, long titles shortened', async () => {
    await sender.send(to, {
      type: 'buttons',
      body: 'Elige un horario',
      buttons: ['Lunes 10:00 con la Dra. López', 'b', 'c', 'd', 'e'].map((t, i) => ({ id: `s${i}`, title: t })),
    });
    const it = graph.sent[0]!.payload.interactive!;
    expect(it.type).toBe('list');
    expect(it.action.sections![0]!.rows).toHaveLength(5);
    expect(it.action.sections![0]!.rows[0]!.title).toBe('Lunes 10:00 con la Dra.…'); // list rows allow 24
  });

  it('the fake rejects unfitted payloads like Meta (131009), proving the checks are real', async () => {
    const raw = toGraphPayload(to, {
      type: 'buttons',
      body: 'b',
      buttons: [1, 2, 3, 4].map((i) => ({ id: `${i}`, title: `${i}` })),
    });
    const res = await fetch(`${graph.url}/v23.0/${PNID}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify(raw),
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as GraphError;
    expect(body.error.code).toBe(131009);
    expect(body.error.error_data.details).toMatch(/at most 3/);
    const long = toGraphPayload(to, { type: 'buttons', body: 'b', buttons: [{ id: 'a', title: 'x'.repeat(21) }] });
    const res2 = await fetch(`${graph.url}/v23.0/${PNID}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify(long),
    });
    expect(((await res2.json()) as GraphError).error.error_data.details).toMatch(/title'\] must be at most 20/);
  });

  it('sends templates with quick replies and list messages the fake accepts', async () => {
    await sender.send(to, {
      type: 'template',
      name: 'appointment_reminder',
      language: 'es',
      bodyParams: ['Ana\nPérez'],
      quickReplies: ['c:1', 'x:1'],
    });
    await sender.send(to, {
      type: 'list',
      body: 'b',
      buttonText: 'Ver',
      sections: [
        { title: 'A', rows: [{ id: 'a', title: 'a' }] },
        { title: 'B', rows: [{ id: 'b', title: 'b' }] },
      ],
    });
    await graph.waitForSent(2);
    expect(graph.sent[0]!.payload.template!.components![0]!.parameters![0]!.text).toBe('Ana Pérez');
  });

  it('rejects invalid messages before any HTTP call, naming the field', async () => {
    await expect(
      sender.send(to, {
        type: 'buttons',
        body: 'b',
        buttons: [
          { id: 'a', title: 'x' },
          { id: 'a', title: 'y' },
        ],
      }),
    ).rejects.toThrow(/buttons\.buttons\[1\]\.id "a" is used twice/);
    await expect(sender.send('call me', { type: 'text', body: 'x' })).rejects.toThrow(/not a phone number/);
    expect(graph.requests).toHaveLength(0);
  });

  it('markRead with and without typing indicator', async () => {
    await sender.markRead('wamid.in1', { typing: true });
    await sender.markRead('wamid.in2');
    expect(graph.reads).toEqual([
      { messageId: 'wamid.in1', typing: true },
      { messageId: 'wamid.in2', typing: false },
    ]);
    expect(graph.requests[0]!.body).toEqual({
      messaging_product: 'whatsapp',
      status: 'read',
      message_id: 'wamid.in1',
      typing_indicator: { type: 'text' },
    });
  });
});

describe('errors and retries', () => {
  for (const [code, httpStatus] of [
    [130429, 400],
    [131056, 400],
    [131000, 500],
    [131016, 503],
    [2, 503],
  ] as const) {
    it(`retries ${code} (HTTP ${httpStatus}) with exponential backoff, then succeeds`, async () => {
      graph.failNext({ httpStatus, code }, 2);
      const { messageId } = await sender.send(to, { type: 'text', body: 'x' });
      expect(messageId).toMatch(/^wamid\./);
      expect(graph.requests).toHaveLength(3);
      expect(graph.sent).toHaveLength(1);
      expect(sleeps).toEqual([250, 500]); // random 0.5 × 500·2^n
    });
  }

  it('retries plain HTTP 500/429 without a known code', async () => {
    graph.failNext({ httpStatus: 500, code: 9999 });
    graph.failNext({ httpStatus: 429, code: 9998 });
    await sender.send(to, { type: 'text', body: 'x' });
    expect(graph.requests).toHaveLength(3);
  });

  it('gives up after maxRetries with a retryable error that says what happened', async () => {
    graph.failNext(
      {
        httpStatus: 400,
        code: 130429,
        message: '(#130429) Rate limit hit',
        details: 'Cloud API message throughput has been reached.',
      },
      10,
    );
    const err = (await sender.send(to, { type: 'text', body: 'x' }).catch((e) => e)) as WhatsAppError;
    expect(err).toBeInstanceOf(WhatsAppError);
    expect(err.code).toBe(130429);
    expect(err.httpStatus).toBe(400);
    expect(err.retryable).toBe(true);
    expect(err.info.attempts).toBe(4);
    expect(err.info.details).toBe('Cloud API message throughput has been reached.');
    expect(err.message).toMatch(/HTTP 400, code 130429.*Rate limit hit.*throughput/);
    expect(graph.requests).toHaveLength(4);
    expect(sleeps).toEqual([250, 500, 1000]);
  });

  it('caps backoff at maxDelayMs and honours Retry-After', async () => {
    const s = makeSender({ baseDelayMs: 1000, maxDelayMs: 5000, random: () => 0.999 });
    graph.failNext({ httpStatus: 429, code: 4, retryAfterSeconds: 3 });
    graph.failNext({ httpStatus: 503, code: 2 }, 3);
    await s.send(to, { type: 'text', body: 'x' }).catch(() => undefined);
    expect(sleeps[0]).toBe(3000); // Retry-After beats the 999 ms backoff
    expect(sleeps.slice(1)).toEqual([1998, 3996]);
    sleeps = [];
    graph.failNext({ httpStatus: 429, code: 4, retryAfterSeconds: 120 });
    await s.send(to, { type: 'text', body: 'x' });
    expect(sleeps).toEqual([5000]);
  });

  it('never retries 131047 and flags windowClosed; templates still go through', async () => {
    graph.closedWindowFor(to);
    const err = (await sender.send(to, { type: 'text', body: 'x' }).catch((e) => e)) as WhatsAppError;
    expect(err).toBeInstanceOf(WhatsAppError);
    expect(err.windowClosed).toBe(true);
    expect(err.retryable).toBe(false);
    expect(err.message).toMatch(/only an approved template/);
    expect(graph.requests).toHaveLength(1);
    expect(sleeps).toEqual([]);
    await sender.send(to, { type: 'template', name: 'reopen_chat', language: 'es', bodyParams: [] });
    graph.openWindowFor(to);
    await sender.send(to, { type: 'text', body: 'ok' });
    expect(graph.sent).toHaveLength(2);
  });

  it('does not retry 131047 even when forced on a 5xx', async () => {
    graph.failNext({ httpStatus: 500, code: 131047 });
    await expect(sender.send(to, { type: 'text', body: 'x' })).rejects.toMatchObject({
      windowClosed: true,
      retryable: false,
    });
    expect(graph.requests).toHaveLength(1);
  });

  it('does not retry a 400 invalid parameter, and surfaces Meta details', async () => {
    graph.failNext({
      httpStatus: 400,
      code: 100,
      message: '(#100) Invalid parameter',
      details: 'Param to is not valid',
    });
    const err = (await sender.send(to, { type: 'text', body: 'x' }).catch((e) => e)) as WhatsAppError;
    expect(err.retryable).toBe(false);
    expect(err.code).toBe(100);
    expect(err.message).toMatch(/Param to is not valid/);
    expect(graph.requests).toHaveLength(1);
  });

  it('a wrong token gets 190 from the fake and is not retried', async () => {
    const s = makeSender({ accessToken: 'wrong' });
    await expect(s.send(to, { type: 'text', body: 'x' })).rejects.toMatchObject({
      code: 190,
      httpStatus: 401,
      retryable: false,
    });
    await expect(s.send(to, { type: 'text', body: 'x' })).rejects.toThrow(/access token/);
  });

  it('a timeout is not retried blindly: the message may have gone out, so it is reported uncertain', async () => {
    const s = makeSender({ timeoutMs: 100 });
    graph.delayNext(500);
    const err = (await s.send(to, { type: 'text', body: 'x' }).catch((e) => e)) as WhatsAppError;
    expect(err).toBeInstanceOf(WhatsAppError);
    expect(err.message).toMatch(/did not answer within 100 ms/);
    expect([err.retryable, err.info.uncertain, err.info.attempts]).toEqual([false, true, 1]);
    expect(sleeps).toHaveLength(0);
    // The fake did take it: repeating it would have sent it twice (the status webhook settles it).
    expect(graph.sent).toHaveLength(1);
  });

  it('our row id travels as biz_opaque_callback_data; a BSUID is addressed as recipient', async () => {
    const s = makeSender();
    await s.send(to, { type: 'text', body: 'x' }, { callbackData: 'reserva:row-1' });
    await s.send('ES.13491208655302741918', { type: 'text', body: 'y' });
    expect(graph.sent.map((m) => [m.payload.biz_opaque_callback_data, m.payload.to, m.payload.recipient])).toEqual([
      ['reserva:row-1', to, undefined],
      [undefined, undefined, 'ES.13491208655302741918'],
    ]);
  });

  it('network failure (nothing listening) is retryable and explained', async () => {
    const dead = createServer();
    await new Promise<void>((r) => dead.listen(0, '127.0.0.1', r));
    const { port } = dead.address() as AddressInfo;
    await new Promise<void>((r) => dead.close(() => r()));
    const s = makeSender({ graphUrl: `http://127.0.0.1:${port}`, maxRetries: 2 });
    const err = (await s.send(to, { type: 'text', body: 'x' }).catch((e) => e)) as WhatsAppError;
    expect(err.retryable).toBe(true);
    expect(err.message).toMatch(/Could not reach the WhatsApp Cloud API/);
    expect(sleeps).toHaveLength(2);
  });

  it('a connection dropped before the answer is uncertain and not repeated (Meta may have the message)', async () => {
    let posts = 0;
    const dropping = createServer((req) => {
      posts++;
      req.socket.destroy();
    });
    await new Promise<void>((r) => dropping.listen(0, '127.0.0.1', r));
    const { port } = dropping.address() as AddressInfo;
    try {
      const s = makeSender({ graphUrl: `http://127.0.0.1:${port}`, maxRetries: 2 });
      const err = (await s.send(to, { type: 'text', body: 'x' }).catch((e) => e)) as WhatsAppError;
      expect(err).toBeInstanceOf(WhatsAppError);
      expect(err.message).toMatch(/Could not reach the WhatsApp Cloud API/);
      expect([err.retryable, err.info.uncertain, err.info.attempts, posts]).toEqual([false, true, 1, 1]);
      expect(sleeps).toHaveLength(0);
    } finally {
      await new Promise<void>((r) => dropping.close(() => r()));
    }
  });

  it('a non-JSON error body (proxy HTML) still becomes a clear WhatsAppError', async () => {
    const html = createServer((_req, res) => {
      res.writeHead(502, { 'content-type': 'text/html' });
      res.end('<html>Bad Gateway</html>');
    });
    await new Promise<void>((r) => html.listen(0, '127.0.0.1', r));
    const { port } = html.address() as AddressInfo;
    try {
      const s = makeSender({ graphUrl: `http://127.0.0.1:${port}`, maxRetries: 1 });
      const err = (await s.send(to, { type: 'text', body: 'x' }).catch((e) => e)) as WhatsAppError;
      expect(err.httpStatus).toBe(502);
      expect(err.retryable).toBe(true);
      expect(err.message).toMatch(/HTTP 502.*Bad Gateway/);
    } finally {
      await new Promise<void>((r) => html.close(() => r()));
    }
  });

  it('refuses to start without configuration', () => {
    expect(() =>
      createCloudApiSender({ graphUrl: graph.url, apiVersion: 'v23.0', phoneNumberId: '', accessToken: TOKEN }),
    ).toThrow(/"phoneNumberId" is empty/);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    expect(parseRetryAfter('2')).toBe(2000);
    expect(parseRetryAfter(new Date(10_000).toUTCString(), 4_000)).toBe(6000);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});

describe('fake waitForSent', () => {
  it('resolves when enough messages arrive, rejects clearly otherwise', async () => {
    const p = graph.waitForSent(2, 1000);
    void sender.send(to, { type: 'text', body: '1' });
    void sender.send(to, { type: 'text', body: '2' });
    await p;
    await expect(graph.waitForSent(3, 50)).rejects.toThrow(/expected 3 sent message\(s\) within 50 ms, got 2/);
  });
});
