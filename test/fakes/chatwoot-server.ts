/**
 * A fake Chatwoot (Application API v1 + webhooks), written from Chatwoot's API docs, on
 * 127.0.0.1. It behaves like the real one where it matters to us, awkward parts included:
 * - `api_access_token` header or 401 ("You need to sign in or sign up before continuing.");
 *   an unknown account or inbox is 404;
 * - contacts: phone numbers must be E.164 with "+", a phone already taken is 422; search matches
 *   part of the name, phone or e-mail and answers `{ meta, payload: [...] }`;
 *   creating a contact with `inbox_id` also creates its contact inbox (a generated `source_id`);
 * - conversations need the `source_id` of a contact inbox of that inbox (else 404 / 422);
 * - message responses carry `message_type` as an integer (0 incoming, 1 outgoing, 2 activity),
 *   while webhooks carry it as a string;
 * - every message created (including our own incoming ones and private notes) is delivered to the
 *   webhook as `message_created`; status changes as `conversation_status_changed`;
 * - with a webhook secret, deliveries are signed: X-Chatwoot-Timestamp and
 *   X-Chatwoot-Signature = "sha256=" + hex HMAC-SHA256 of "<timestamp>.<raw body>". Without one
 *   (older Chatwoot), they are not signed.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody } from './read-body.js';

export interface FakeChatwootMessage {
  id: number;
  conversationId: number;
  content: string;
  messageType: 'incoming' | 'outgoing' | 'activity';
  private: boolean;
  sender: { id: number; name: string; type: 'user' | 'contact' };
}
export interface FakeChatwootConversation {
  id: number;
  contactId: number;
  sourceId: string;
  inboxId: number;
  status: 'open' | 'resolved' | 'pending';
  additionalAttributes: Record<string, unknown>;
}
export interface FakeChatwootContact {
  id: number;
  name: string;
  phone_number: string | null;
  identifier: string | null;
  contact_inboxes: Array<{ source_id: string; inbox: { id: number; name: string } }>;
}

export interface FakeChatwoot {
  url: string;
  apiToken: string;
  accountId: number;
  inboxId: number;
  contacts: FakeChatwootContact[];
  conversations: FakeChatwootConversation[];
  messages: FakeChatwootMessage[];
  /** Webhook deliveries made: status answered by the receiver. */
  deliveries: Array<{ event: string; status: number }>;
  /** Where webhooks go (Settings → Integrations → Webhooks, or the API inbox's webhook URL). */
  setWebhook(url: string | null, secret?: string | null): void;
  /** An agent writes in the conversation (outgoing; private for a note). */
  agentReply(
    conversationId: number,
    content: string,
    opts?: { private?: boolean; agent?: string },
  ): Promise<FakeChatwootMessage>;
  /** An agent resolves the conversation. */
  resolve(conversationId: number): Promise<void>;
  /** Lets the next N API calls fail with this status (e.g. 500) — Chatwoot being down. */
  failNext(count: number, status?: number): void;
  close(): Promise<void>;
}

export async function startFakeChatwoot(
  opts: { apiToken?: string; accountId?: number; inboxId?: number } = {},
): Promise<FakeChatwoot> {
  const apiToken = opts.apiToken ?? 'cw-token';
  const accountId = opts.accountId ?? 7;
  const inboxId = opts.inboxId ?? 3;
  const contacts: FakeChatwootContact[] = [];
  const conversations: FakeChatwootConversation[] = [];
  const messages: FakeChatwootMessage[] = [];
  const deliveries: FakeChatwoot['deliveries'] = [];
  let webhook: { url: string; secret: string | null } | null = null;
  let failures: { count: number; status: number } = { count: 0, status: 500 };
  let ids = 100;
  const inbox = { id: inboxId, name: 'Reserva WhatsApp (API)' };
  const account = { id: accountId, name: 'Clínica Demo' };
  const agent = { id: 1, name: 'Marta (agent)', type: 'user' as const };

  async function deliver(body: Record<string, unknown>) {
    if (!webhook) return;
    const raw = JSON.stringify(body);
    const headers: Record<string, string> = { 'content-type': 'application/json', 'user-agent': 'Chatwoot' };
    if (webhook.secret) {
      const ts = Math.floor(Date.now() / 1000);
      headers['x-chatwoot-timestamp'] = String(ts);
      headers['x-chatwoot-signature'] =
        `sha256=${createHmac('sha256', webhook.secret).update(`${ts}.${raw}`).digest('hex')}`;
      headers['x-chatwoot-delivery'] = randomUUID();
    }
    try {
      const res = await fetch(webhook.url, { method: 'POST', headers, body: raw });
      deliveries.push({ event: String(body.event), status: res.status });
    } catch {
      deliveries.push({ event: String(body.event), status: 0 });
    }
  }

  const conversationJson = (c: FakeChatwootConversation) => ({
    id: c.id,
    account_id: accountId,
    inbox_id: c.inboxId,
    status: c.status,
    contact_inbox: { contact_id: c.contactId, inbox_id: c.inboxId, source_id: c.sourceId },
    additional_attributes: c.additionalAttributes,
    meta: { sender: contacts.find((x) => x.id === c.contactId) ?? null, assignee: null },
    channel: 'Channel::Api',
    can_reply: true,
  });

  function messageEvent(m: FakeChatwootMessage) {
    const c = conversations.find((x) => x.id === m.conversationId)!;
    return {
      event: 'message_created',
      id: m.id,
      content: m.content,
      created_at: new Date().toISOString(),
      message_type: m.messageType,
      content_type: 'text',
      content_attributes: {},
      source_id: null,
      private: m.private,
      sender: m.sender,
      conversation: conversationJson(c),
      account,
      inbox,
    };
  }

  async function addMessage(
    c: FakeChatwootConversation,
    content: string,
    messageType: FakeChatwootMessage['messageType'],
    isPrivate: boolean,
    sender: FakeChatwootMessage['sender'],
  ) {
    const m: FakeChatwootMessage = {
      id: ++ids,
      conversationId: c.id,
      content,
      messageType,
      private: isPrivate,
      sender,
    };
    messages.push(m);
    await deliver(messageEvent(m));
    return m;
  }

  async function setStatus(c: FakeChatwootConversation, status: FakeChatwootConversation['status']) {
    const previous = c.status;
    c.status = status;
    if (previous !== status) {
      await deliver({
        event: 'conversation_status_changed',
        ...conversationJson(c),
        changed_attributes: [{ status: { previous_value: previous, current_value: status } }],
        account,
        inbox,
      });
    }
  }

  type Result = { status: number; body: unknown };
  const unauthorized: Result = { status: 401, body: { error: 'You need to sign in or sign up before continuing.' } };
  const notFound: Result = { status: 404, body: { error: 'Resource could not be found' } };

  async function handle(req: IncomingMessage, raw: string): Promise<Result> {
    if (req.headers['api_access_token'] !== apiToken) return unauthorized;
    if (failures.count > 0) {
      failures.count--;
      return { status: failures.status, body: { error: 'Internal Server Error' } };
    }
    const url = new URL(req.url ?? '/', 'http://fake');
    const m = /^\/api\/v1\/accounts\/(\d+)(\/.*)$/.exec(url.pathname);
    if (!m || Number(m[1]) !== accountId) return notFound;
    const path = m[2]!;
    let body: Record<string, unknown> = {};
    if (raw) {
      try {
        body = JSON.parse(raw) as Record<string, unknown>;
      } catch {
        return { status: 400, body: { error: 'Invalid JSON' } };
      }
    }
    const method = req.method ?? 'GET';

    if (method === 'GET' && path === '/contacts/search') {
      const q = (url.searchParams.get('q') ?? '').toLowerCase();
      const found = q
        ? contacts.filter((c) =>
            [c.name, c.phone_number ?? '', c.identifier ?? ''].some((v) => v.toLowerCase().includes(q)),
          )
        : [];
      return { status: 200, body: { meta: { count: found.length, current_page: 1 }, payload: found } };
    }
    if (method === 'POST' && path === '/contacts') {
      const phone = typeof body.phone_number === 'string' ? body.phone_number : null;
      if (phone && !/^\+[1-9]\d{1,14}$/.test(phone))
        return {
          status: 422,
          body: { message: 'Phone number should be in e164 format', attributes: ['phone_number'] },
        };
      if (phone && contacts.some((c) => c.phone_number === phone))
        return { status: 422, body: { message: 'Phone number has already been taken', attributes: ['phone_number'] } };
      if (body.inbox_id !== undefined && Number(body.inbox_id) !== inboxId) return notFound;
      const c: FakeChatwootContact = {
        id: ++ids,
        name: String(body.name ?? ''),
        phone_number: phone,
        identifier: typeof body.identifier === 'string' ? body.identifier : null,
        contact_inboxes: [],
      };
      const contactInbox = body.inbox_id !== undefined ? { source_id: randomUUID(), inbox } : null;
      if (contactInbox) c.contact_inboxes.push(contactInbox);
      contacts.push(c);
      return { status: 200, body: { payload: { contact: c, contact_inbox: contactInbox } } };
    }
    const ci = /^\/contacts\/(\d+)\/contact_inboxes$/.exec(path);
    if (method === 'POST' && ci) {
      const c = contacts.find((x) => x.id === Number(ci[1]));
      if (!c) return notFound;
      if (Number(body.inbox_id) !== inboxId) return { status: 422, body: { message: 'Inbox not found' } };
      const entry = { source_id: typeof body.source_id === 'string' ? body.source_id : randomUUID(), inbox };
      c.contact_inboxes.push(entry);
      return { status: 200, body: { id: ++ids, contact_id: c.id, source_id: entry.source_id, inbox } };
    }
    if (method === 'POST' && path === '/conversations') {
      if (Number(body.inbox_id) !== inboxId) return notFound;
      const owner = contacts.find((c) =>
        c.contact_inboxes.some((x) => x.source_id === body.source_id && x.inbox.id === inboxId),
      );
      if (!owner) return { status: 422, body: { message: 'Source id is invalid or does not belong to the inbox' } };
      if (body.contact_id !== undefined && Number(body.contact_id) !== owner.id)
        return { status: 422, body: { message: 'Contact does not match the source id' } };
      const c: FakeChatwootConversation = {
        id: ++ids,
        contactId: owner.id,
        sourceId: String(body.source_id),
        inboxId,
        status: body.status === 'pending' ? 'pending' : 'open',
        additionalAttributes: (body.additional_attributes as Record<string, unknown>) ?? {},
      };
      conversations.push(c);
      return { status: 200, body: { id: c.id, account_id: accountId, inbox_id: inboxId } };
    }
    const msg = /^\/conversations\/(\d+)\/messages$/.exec(path);
    if (method === 'POST' && msg) {
      const c = conversations.find((x) => x.id === Number(msg[1]));
      if (!c) return notFound;
      const content = typeof body.content === 'string' ? body.content : '';
      if (!content.trim()) return { status: 422, body: { message: "Content can't be blank" } };
      const type =
        body.message_type === 'incoming'
          ? 'incoming'
          : body.message_type === 'outgoing' || body.message_type === undefined
            ? 'outgoing'
            : null;
      if (!type) return { status: 422, body: { message: 'message_type is not included in the list' } };
      const sender =
        type === 'incoming'
          ? { id: c.contactId, name: contacts.find((x) => x.id === c.contactId)?.name ?? '', type: 'contact' as const }
          : { id: 99, name: 'Reserva (API token)', type: 'user' as const };
      const created = await addMessage(c, content, type, body.private === true, sender);
      return {
        status: 200,
        body: {
          id: created.id,
          content,
          message_type: type === 'incoming' ? 0 : 1,
          private: created.private,
          conversation_id: c.id,
          content_type: 'text',
        },
      };
    }
    const toggle = /^\/conversations\/(\d+)\/toggle_status$/.exec(path);
    if (method === 'POST' && toggle) {
      const c = conversations.find((x) => x.id === Number(toggle[1]));
      if (!c) return notFound;
      const status = body.status;
      if (status !== 'open' && status !== 'resolved' && status !== 'pending')
        return { status: 422, body: { message: 'Invalid status' } };
      await setStatus(c, status);
      return {
        status: 200,
        body: { meta: {}, payload: { success: true, current_status: c.status, conversation_id: c.id } },
      };
    }
    return notFound;
  }

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    void readBody(req).then(async (raw) => {
      const r = await handle(req, raw);
      res.writeHead(r.status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(r.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    apiToken,
    accountId,
    inboxId,
    contacts,
    conversations,
    messages,
    deliveries,
    setWebhook(u, secret) {
      webhook = u ? { url: u, secret: secret ?? null } : null;
    },
    async agentReply(conversationId, content, o = {}) {
      const c = conversations.find((x) => x.id === conversationId);
      if (!c) throw new Error(`fake Chatwoot: no conversation ${conversationId}`);
      return addMessage(c, content, 'outgoing', o.private ?? false, { ...agent, name: o.agent ?? agent.name });
    },
    async resolve(conversationId) {
      const c = conversations.find((x) => x.id === conversationId);
      if (!c) throw new Error(`fake Chatwoot: no conversation ${conversationId}`);
      await setStatus(c, 'resolved');
    },
    failNext(count, status = 500) {
      failures = { count, status };
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
