import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.js';
import { findProjectRoot } from '../../src/simulator/assets.js';
import { createSimulatorHub, type SimulatorEvent } from '../../src/simulator/hub.js';
import { parseMessageInput } from '../../src/simulator/inbound.js';
import { simulatorPlugin } from '../../src/simulator/plugin.js';
import { createSimulatorSender } from '../../src/simulator/sender.js';
import { mergeTranscript } from '../../src/simulator/transcript.js';
import { createFakeEngine, type FakeEngine } from '../support/fake-engine.js';

describe('simulator sender', () => {
  it('gives fresh sim ids, announces sends and typing, and refuses what WhatsApp would refuse', async () => {
    const hub = createSimulatorHub();
    const events: SimulatorEvent[] = [];
    hub.subscribe('34600000001', (e) => events.push(e));
    const sent: string[] = [];
    const sender = createSimulatorSender({ hub, onSend: (to, _m, id) => sent.push(`${to} ${id}`) });
    expect(sender.name).toBe('simulator');
    const a = await sender.send('34600000001', { type: 'text', body: 'hola' });
    const b = await sender.send('34600000001', { type: 'text', body: 'otra' });
    expect(a.messageId).toMatch(/^sim\.[0-9a-f]{20}$/);
    expect(a.messageId).not.toBe(b.messageId);
    expect(sent).toEqual([`34600000001 ${a.messageId}`, `34600000001 ${b.messageId}`]);

    hub.rememberInbound('sim.in.x', '34600000001');
    await sender.markRead('sim.in.x', { typing: true });
    expect(events.map((e) => e.type)).toEqual(['message', 'message', 'typing']);

    // A message WhatsApp would refuse degrades to one it accepts (issue 9: never a silent turn).
    await sender.send('34600000001', { type: 'buttons', body: 'x', buttons: [] });
    expect(events.at(-1)).toMatchObject({ type: 'message' });
    await expect(
      sender.send('34600000001', {
        type: 'buttons',
        body: 'x',
        buttons: [
          { id: 'a', title: 'x' },
          { id: 'a', title: 'y' },
        ],
      }),
    ).rejects.toThrow(/used twice/);
    await expect(sender.send('+34 600', { type: 'text', body: 'x' })).rejects.toThrow(/6-15 digits/);
  });
});

describe('simulator input', () => {
  const make = { id: 'sim.in.1', now: new Date('2026-11-25T10:00:00Z') };
  it('builds the InboundMessage a webhook would', () => {
    expect(parseMessageInput({ from: '+34 600 000 001', name: 'Ana', text: 'hola' }, make)).toEqual({
      ok: true,
      value: {
        id: 'sim.in.1',
        from: '34600000001',
        profileName: 'Ana',
        timestamp: '2026-11-25T10:00:00.000Z',
        content: { kind: 'text', text: 'hola' },
      },
    });
    const button = parseMessageInput(
      { from: '34600000001', buttonId: 'v1:confirm', buttonTitle: 'Confirmar', contextId: 'sim.1' },
      make,
    );
    expect(button.ok && button.value.content).toEqual({ kind: 'button_reply', id: 'v1:confirm', title: 'Confirmar' });
    expect(button.ok && button.value.contextId).toBe('sim.1');
    const row = parseMessageInput(
      { from: '34600000001', listRowId: 'v1:slot:2026-11-26T10:30:00Z', listRowTitle: '11:30' },
      make,
    );
    expect(row.ok && row.value.content).toEqual({
      kind: 'list_reply',
      id: 'v1:slot:2026-11-26T10:30:00Z',
      title: '11:30',
    });
    const quick = parseMessageInput(
      { from: '34600000001', quickReplyPayload: 'v1:attend:abc', buttonTitle: 'Sí, iré' },
      make,
    );
    expect(quick.ok && quick.value.content).toEqual({
      kind: 'template_button',
      payload: 'v1:attend:abc',
      text: 'Sí, iré',
    });
    const voice = parseMessageInput({ from: '34600000001', media: 'audio' }, make);
    expect(voice.ok && voice.value.content).toEqual({ kind: 'media', mediaType: 'audio' });
  });

  it('says what is wrong', () => {
    const bad = (body: unknown) => {
      const r = parseMessageInput(body, make);
      return r.ok ? [] : r.errors;
    };
    expect(bad({ from: '12345', text: 'x' })).toEqual([
      expect.stringMatching(/from must be the phone number as 6-15 digits/),
    ]);
    expect(bad({ from: '34600000001' })).toEqual([expect.stringMatching(/give one of text, buttonId/)]);
    expect(bad({ from: '34600000001', text: 'x', media: 'audio' })).toEqual([
      expect.stringMatching(/only one of .* \(got text, media\)/),
    ]);
    expect(bad({ from: '34600000001', buttonId: 'v1:confirm' })).toEqual([
      expect.stringMatching(/buttonTitle is required/),
    ]);
    expect(bad({ from: '34600000001', media: 'gif' })).toEqual([
      expect.stringMatching(/media must be one of image, audio/),
    ]);
    expect(bad({ from: '34600000001', text: '   ' })).toEqual(['text is empty']);
    expect(bad('hola')).toEqual([expect.stringMatching(/JSON object/)]);
  });
});

describe('transcript merge', () => {
  it('orders by time, the person first on a tie, and survives bad JSON', () => {
    const t = (s: number) => new Date(Date.UTC(2026, 10, 25, 10, 0, s));
    const items = mergeTranscript(
      [
        {
          seq: 1,
          waMessageId: 'in1',
          payload: '{"content":{"kind":"text","text":"hola"}}',
          status: 'processed',
          error: null,
          receivedAt: t(0),
        },
        { seq: 2, waMessageId: 'in2', payload: 'not json', status: 'pending', error: null, receivedAt: t(5) },
      ],
      [
        {
          id: 'o1',
          waMessageId: 'sim.1',
          body: '{"type":"text","body":"¡Hola!"}',
          status: 'read',
          errorCode: null,
          errorTitle: null,
          createdAt: t(0),
        },
        {
          id: 'o2',
          waMessageId: null,
          body: '{"type":"text","body":"x"}',
          status: 'failed',
          errorCode: 131047,
          errorTitle: 'window closed',
          createdAt: t(9),
        },
      ],
    );
    expect(items.map((i) => i.id)).toEqual(['in1', 'o1', 'in2', 'o2']);
    expect(items[2]!.message).toBeNull();
    expect(items[3]).toMatchObject({ status: 'failed', errorCode: 131047, errorTitle: 'window closed' });
  });
});

describe('simulator plugin', () => {
  let dir: string;
  let db: Database;
  let app: FastifyInstance;
  let engine: FakeEngine;
  const hub = createSimulatorHub();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'reserva-sim-'));
    db = await openDatabase(`file:${join(dir, 'sim.db')}`);
    engine = createFakeEngine({ prisma: db.prisma, sender: createSimulatorSender({ hub }), delayMs: 10 });
    app = Fastify();
    await app.register(simulatorPlugin, {
      engine,
      prisma: db.prisma,
      hub,
      timeZone: 'Europe/Madrid',
      now: () => new Date('2026-11-25T10:00:00Z'),
    });
  });
  afterAll(async () => {
    await app.close();
    await engine.idle();
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('serves the page and its files, and redirects / to it', async () => {
    const root = await app.inject('/');
    expect(root.statusCode).toBe(302);
    expect(root.headers.location).toBe('/simulator');
    const page = await app.inject('/simulator');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toMatch(/text\/html/);
    expect(page.headers['content-security-policy']).toMatch(/default-src 'none'/);
    expect(page.body).toContain('placeholder="Escribe un mensaje"');
    expect(page.body).not.toMatch(/https?:\/\/(?!stately\.ai)/); // nothing loaded from the internet
    for (const file of ['app.js', 'style.css', 'icon.svg'])
      expect((await app.inject(`/simulator/assets/${file}`)).statusCode).toBe(200);
    expect((await app.inject('/simulator/assets/..%2Fplugin.ts')).statusCode).toBe(404);
    expect(findProjectRoot()).toBe(process.cwd());
  });

  it('lists the demo contacts', async () => {
    const res = await app.inject('/simulator/api/contacts');
    const phones = res.json().contacts.map((c: { phone: string }) => c.phone);
    expect(phones).toEqual(expect.arrayContaining(['34600000001', '5491155550002', '14155550003']));
  });

  it('sends through engine.ingest and shows the reply, receipts and state', async () => {
    const res = await app.inject({
      method: 'POST',
      url: '/simulator/api/messages',
      payload: { from: '34600000001', name: 'Ana', text: 'quiero una cita' },
    });
    expect(res.statusCode).toBe(202);
    const { id, stored } = res.json();
    expect(id).toMatch(/^sim\.in\./);
    expect(stored).toBe(1);
    expect(engine.ingested.at(-1)!.messages[0]).toMatchObject({
      id,
      from: '34600000001',
      profileName: 'Ana',
      timestamp: '2026-11-25T10:00:00.000Z',
      content: { kind: 'text', text: 'quiero una cita' },
    });
    await engine.idle();

    let convo = (await app.inject('/simulator/api/conversations/34600000001')).json();
    expect(convo.messages.map((m: { direction: string }) => m.direction)).toEqual(['in', 'out']);
    const out = convo.messages[1];
    expect(out).toMatchObject({ status: 'sent', message: { type: 'buttons' } });
    expect(convo.state).toMatchObject({ state: { booking: 'confirming' }, machineVersion: 1 });

    const read = await app.inject({
      method: 'POST',
      url: '/simulator/api/read',
      payload: { phone: '34600000001', messageIds: [out.waMessageId] },
    });
    expect(read.statusCode).toBe(202);
    expect(engine.ingested.at(-1)!.statuses).toEqual([
      { messageId: out.waMessageId, recipient: '34600000001', status: 'read', timestamp: '2026-11-25T10:00:00.000Z' },
    ]);
    convo = (await app.inject('/simulator/api/conversations/34600000001')).json();
    expect(convo.messages[1].status).toBe('read');

    const contacts = (await app.inject('/simulator/api/contacts')).json().contacts;
    expect(contacts[0]).toMatchObject({ phone: '34600000001', name: 'Ana', demo: true, last: { direction: 'out' } });
  });

  it('answers 400 with what is wrong, and 503 when the engine cannot store', async () => {
    const bad = await app.inject({
      method: 'POST',
      url: '/simulator/api/messages',
      payload: { from: 'abc', text: 'hola' },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/from must be the phone number as 6-15 digits/);
    const badRead = await app.inject({
      method: 'POST',
      url: '/simulator/api/read',
      payload: { phone: '34600000001', messageIds: [] },
    });
    expect(badRead.statusCode).toBe(400);
    expect(badRead.json().message).toMatch(/messageIds must be a list/);
    expect((await app.inject('/simulator/api/conversations/12')).statusCode).toBe(400);
    engine.failNext('database is locked');
    const down = await app.inject({
      method: 'POST',
      url: '/simulator/api/messages',
      payload: { from: '34600000001', text: 'hola' },
    });
    expect(down.statusCode).toBe(503);
    expect(down.json().message).toBe('The engine could not store the message; try again');
    expect(JSON.stringify(down.json())).not.toContain('database is locked');
  });

  it('streams events to the page', async () => {
    const address = await app.listen({ host: '127.0.0.1', port: 0 });
    const controller = new AbortController();
    const res = await fetch(`${address}/simulator/api/events?phone=14155550003`, { signal: controller.signal });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = res.body!.getReader();
    await fetch(`${address}/simulator/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ from: '14155550003', text: 'hi' }),
    });
    let text = '';
    while (!text.includes('event: message')) text += new TextDecoder().decode((await reader.read()).value);
    expect(text).toContain('event: typing');
    controller.abort();
    await engine.idle();
  });
});

describe('chat list preview', () => {
  it('drops WhatsApp formatting markers and line breaks', async () => {
    const { previewOf } = await import('../../src/simulator/transcript.js');
    const item = {
      direction: 'out' as const,
      id: 'o',
      waMessageId: null,
      at: '',
      status: 'sent',
      message: { type: 'text' as const, body: '✅ Listo, Ana: *mañana, jueves 26*\n_a las 11_ en snake_case_name' },
    };
    expect(previewOf(item)).toBe('✅ Listo, Ana: mañana, jueves 26 a las 11 en snake_case_name');
  });
});
