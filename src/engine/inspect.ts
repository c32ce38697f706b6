/**
 * Live inspection (INSPECT=1): every conversation step is mirrored on an XState actor wired to
 * Stately's inspector, so a designer can watch conversations move through the statecharts.
 *
 * The engine itself never runs actors: it computes each step with the pure `transition()` and
 * carries the effects out from its outbox. The mirror keeps one actor per contact (a bounded LRU)
 * running the same machine with every effect replaced by a no-op, and sends it the step's event:
 * the inspector sees one actor per conversation with its history of events and states, while
 * effects are still carried out exactly once, by the engine. When the actor's state is not the
 * one the engine stepped from (a restart, a session timeout, a step retried after a version
 * conflict, contact facts refreshed…) the actor is replaced by one restored from the engine's
 * snapshot. A mirror never throws: inspection can't affect a conversation.
 *
 * Off by default, and free when off: `@statelyai/inspect` is only imported (dynamically) when
 * INSPECT=1. It then serves the inspector bridge page (an iframe of stately.ai/inspect fed over a
 * local WebSocket) on port 8080 by default: "Stately inspector: open http://localhost:8080". The
 * bridge listens on 127.0.0.1 only unless INSPECT_HOST says otherwise (it shows every conversation).
 */
import { createServer as createHttpServer } from 'node:http';
import { connect, createServer } from 'node:net';
import { createActor, type Actor, type InspectionEvent, type Observer } from 'xstate';
import type { Logger } from 'pino';
import { conversationMachine } from '../../machines/conversation.js';
import type { ConversationContext, ConversationEvent } from '../../machines/types.js';
import type { ConversationSnapshot } from './snapshots.js';

/** Called by the engine after each step's `transition()` with the snapshot it stepped from. */
export type StepObserver = (contactId: string, before: ConversationSnapshot, event: ConversationEvent) => void;

export type InspectObserver = Observer<InspectionEvent> | ((event: InspectionEvent) => void);

export interface StepMirror {
  mirror: StepObserver;
  /** Actors currently kept (one per recently active contact). */
  size(): number;
  stop(): void;
}

type Implementations = { actions: Record<string, unknown> };

/**
 * The conversation machine with every effect (every action that is not a context `assign`) as a
 * no-op, so running it on an actor can never send a message or touch the calendar.
 */
export function inertConversationMachine() {
  const actions = (conversationMachine.implementations as Implementations).actions;
  const noOps: Record<string, () => void> = {};
  for (const [name, impl] of Object.entries(actions)) {
    if ((impl as { type?: string } | undefined)?.type !== 'xstate.assign') noOps[name] = () => {};
  }
  return conversationMachine.provide({ actions: noOps as never });
}

/** JSON with sorted keys: equal snapshots give equal strings whatever the key order. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}
const fingerprint = (s: { value: unknown; context: unknown }) => canonical({ value: s.value, context: s.context });

type MirrorActor = Actor<ReturnType<typeof inertConversationMachine>>;

export function createStepMirror(
  inspect: InspectObserver,
  opts: { max?: number; onError?: (err: unknown) => void } = {},
): StepMirror {
  const max = Math.max(1, opts.max ?? 200);
  const logic = inertConversationMachine();
  const actors = new Map<string, MirrorActor>();
  const drop = (contactId: string) => {
    const actor = actors.get(contactId);
    actors.delete(contactId);
    try {
      actor?.stop();
    } catch {
      /* already stopped */
    }
  };

  return {
    mirror(contactId, before, event) {
      try {
        let actor = actors.get(contactId);
        if (
          actor &&
          (actor.getSnapshot().status !== 'active' || fingerprint(actor.getSnapshot()) !== fingerprint(before))
        ) {
          drop(contactId);
          actor = undefined;
        }
        if (!actor) {
          // A deep copy: the actor must never share objects with the engine's snapshot.
          const persisted = JSON.parse(JSON.stringify(conversationMachine.getPersistedSnapshot(before)));
          actor = createActor(logic, {
            snapshot: persisted,
            inspect,
            id: `conversation ${contactId}`,
            input: undefined,
          }) as MirrorActor;
          actor.start();
        } else {
          actors.delete(contactId); // re-inserted below: most recently used last
        }
        actors.set(contactId, actor);
        while (actors.size > max) drop(actors.keys().next().value!);
        actor.send(JSON.parse(JSON.stringify(event)) as ConversationEvent);
      } catch (err) {
        drop(contactId);
        try {
          opts.onError?.(err);
        } catch {
          /* never let inspection reach the conversation */
        }
      }
    },
    size: () => actors.size,
    stop() {
      for (const id of [...actors.keys()]) drop(id);
    },
  };
}

/** Hides who the person is from the inspector (it may be opened from another machine). */
export function redactContext(context: ConversationContext): ConversationContext {
  if (!context?.contact) return context;
  const contact = { ...context.contact };
  if (contact.name) contact.name = '[redacted]';
  if ((contact as { email?: string }).email) (contact as { email?: string }).email = '[redacted]';
  return { ...context, contact };
}

export interface Inspection {
  mirror: StepObserver;
  url: string;
  stop(): Promise<void>;
}

function portIsFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });
}

/** Resolves once something accepts connections on the port (false after `timeoutMs`). */
async function listening(port: number, host: string, timeoutMs = 2000): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect({ port, host });
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => (socket.destroy(), resolve(false)));
    });
    if (ok) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

/** The bridge page: Stately's inspector in an iframe, fed from this server's WebSocket. */
const bridgeHtml = (inspectorUrl: string) => `<!doctype html>
<html><head><meta charset="utf-8"><title>Stately Inspector · Reserva</title>
<style>*{margin:0;padding:0}html,body{height:100%}iframe{width:100%;height:100%;border:0}</style></head>
<body><iframe id="inspector" src="${inspectorUrl}"></iframe>
<script>
const iframe = document.getElementById('inspector');
const buffer = [];
let connected = false;
window.addEventListener('message', (e) => {
  if (e.data && e.data.type === '@statelyai.connected') {
    connected = true;
    buffer.splice(0).forEach((event) => iframe.contentWindow.postMessage(event, '*'));
  }
});
const ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host);
ws.onmessage = (event) => {
  const data = JSON.parse(event.data);
  if (connected) iframe.contentWindow.postMessage(data, '*');
  else buffer.push(data);
};
</script></body></html>`;

interface WsLike {
  send(data: string): void;
  readyState: number;
  on(event: 'message', cb: (data: { toString(): string }) => void): void;
}
interface WsServerLike {
  clients: Set<WsLike>;
  on(event: 'connection', cb: (ws: WsLike) => void): void;
  close(): void;
}

/**
 * What @statelyai/inspect/server's createInspectorServer does (relay every message to the other
 * clients, replay the last 200 to a new one), but on a chosen interface: that one listens on all.
 */
async function startBridge(port: number, host: string): Promise<{ stop(): void }> {
  const wsModule = 'ws'; // a dependency of @statelyai/inspect, pinned in package.json; no typings needed
  const { WebSocketServer } = (await import(wsModule)) as {
    WebSocketServer: new (o: { server: unknown }) => WsServerLike;
  };
  const http = createHttpServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(bridgeHtml('https://stately.ai/inspect'));
  });
  const wss = new WebSocketServer({ server: http });
  const replay: string[] = [];
  wss.on('connection', (ws) => {
    for (const msg of replay) ws.send(msg);
    ws.on('message', (data) => {
      const msg = data.toString();
      replay.push(msg);
      if (replay.length > 200) replay.shift();
      for (const client of wss.clients) if (client !== ws && client.readyState === 1) client.send(msg);
    });
  });
  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(port, host, () => resolve());
  });
  return {
    stop() {
      wss.close();
      http.close();
    },
  };
}

/**
 * Starts live inspection when `enabled`: the inspector bridge server and a WebSocket inspector
 * connected to it. Returns null (and imports nothing) when disabled, or when it can't start —
 * the service then runs as usual.
 */
export async function startInspection(opts: {
  enabled: boolean;
  logger: Logger;
  port?: number;
  host?: string;
  maxActors?: number;
}): Promise<Inspection | null> {
  if (!opts.enabled) return null;
  const log = opts.logger;
  const port = opts.port ?? 8080;
  // Loopback unless INSPECT_HOST says otherwise: the inspector shows every conversation.
  const host = opts.host ?? '127.0.0.1';
  const local = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  try {
    if (!(await portIsFree(port, host))) {
      log.warn({ port }, `Stately inspector not started: port ${port} is in use (INSPECT=1)`);
      return null;
    }
    const { createWebSocketInspector } = await import('@statelyai/inspect');
    const server = await startBridge(port, host);
    // Connect once the bridge listens: a failed first connection would retry every 5 s.
    if (!(await listening(port, local))) {
      server.stop();
      log.warn({ port }, 'Stately inspector not started: its bridge server did not start listening');
      return null;
    }
    const inspector = createWebSocketInspector({
      url: `ws://${local.includes(':') ? `[${local}]` : local}:${port}`,
      sanitizeContext: redactContext as never,
    });
    const mirror = createStepMirror(inspector.inspect, {
      onError: (err) => log.debug({ err: (err as Error)?.message }, 'inspection mirror failed'),
    });
    const shown = host === '127.0.0.1' || host === '::1' ? 'localhost' : local.includes(':') ? `[${local}]` : local;
    const url = `http://${shown}:${port}`;
    log.info({ url, host }, `Stately inspector: open ${url}`);
    return {
      mirror: mirror.mirror,
      url,
      async stop() {
        mirror.stop();
        try {
          inspector.stop();
          server.stop();
        } catch {
          /* closing anyway */
        }
      },
    };
  } catch (err) {
    log.warn({ err: (err as Error).message }, 'Stately inspector could not start; continuing without it');
    return null;
  }
}
