/**
 * Chatwoot Application API, the calls a hand-off needs, against an API channel inbox:
 * contacts (search, create with the inbox, add the inbox), conversations (create, toggle status)
 * and messages (create). Authenticated with the `api_access_token` header (a user's or agent bot's
 * access token, Profile settings → Access token). Errors say what Chatwoot answered and what to do.
 */
export interface ChatwootOptions {
  url: string;
  apiToken: string;
  accountId: number;
  inboxId: number;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export class ChatwootError extends Error {
  constructor(
    message: string,
    public readonly status: number,
  ) {
    super(message);
    this.name = 'ChatwootError';
  }
}

export interface ChatwootContactRef {
  id: number;
  sourceId: string;
}

export interface ChatwootClient {
  /** Finds the contact by phone (E.164 with +) or creates it in the inbox; returns its id and the inbox source id. */
  ensureContact(input: { phone: string; name?: string | null; identifier: string }): Promise<ChatwootContactRef>;
  createConversation(input: {
    contactId: number;
    sourceId: string;
    reserva: Record<string, string>;
  }): Promise<{ id: number }>;
  /** `incoming`: from the person; private notes are for agents only and never sent anywhere. */
  createMessage(conversationId: number, input: { content: string; kind: 'incoming' | 'note' }): Promise<{ id: number }>;
  setStatus(conversationId: number, status: 'open' | 'resolved' | 'pending'): Promise<void>;
}

const HINTS: Record<number, string> = {
  401: 'CHATWOOT_API_TOKEN was refused: copy the access token from Chatwoot (Profile settings → Access token)',
  404: 'not found: check CHATWOOT_URL, CHATWOOT_ACCOUNT_ID and CHATWOOT_INBOX_ID',
  422: 'Chatwoot refused the data',
};

export function createChatwootClient(opts: ChatwootOptions): ChatwootClient {
  const doFetch = opts.fetch ?? fetch;
  const base = `${opts.url.replace(/\/+$/, '')}/api/v1/accounts/${opts.accountId}`;

  async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    let res: Response;
    try {
      res = await doFetch(base + path, {
        method,
        headers: { api_access_token: opts.apiToken, 'content-type': 'application/json', accept: 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(opts.timeoutMs ?? 10_000),
      });
    } catch (err) {
      throw new ChatwootError(
        `Chatwoot ${method} ${path} did not answer (${(err as Error).message}): is CHATWOOT_URL reachable from ` +
        `this server?`,
        0,
      );
    }
    const text = await res.text();
    if (!res.ok) {
      const detail = text.slice(0, 300);
      throw new ChatwootError(
        `Chatwoot ${method} ${path} answered ${res.status}: ${HINTS[res.status] ?? 'try again later'} (${detail})`,
        res.status,
      );
    }
    try {
      return (text ? JSON.parse(text) : {}) as T;
    } catch {
      throw new ChatwootError(
        `Chatwoot ${method} ${path} answered 2xx with a body that is not JSON: is CHATWOOT_URL the Chatwoot ` +
        `address (not a proxy login page)?`,
        res.status,
      );
    }
  }

  type ContactInbox = { source_id?: string; inbox?: { id?: number } };
  type ContactJson = { id: number; phone_number?: string | null; contact_inboxes?: ContactInbox[] };
  const sourceFor = (inboxes: ContactInbox[] | undefined) =>
    inboxes?.find((ci) => ci.inbox?.id === opts.inboxId)?.source_id;

  return {
    async ensureContact({ phone, name, identifier }) {
      const e164 = `+${phone.replace(/\D/g, '')}`;
      const found = await call<{ payload?: ContactJson[] }>('GET', `/contacts/search?q=${encodeURIComponent(e164)}`);
      const existing = (found.payload ?? []).find((c) => c.phone_number === e164);
      if (existing) {
        const source = sourceFor(existing.contact_inboxes);
        if (source) return { id: existing.id, sourceId: source };
        const ci = await call<{ source_id?: string }>('POST', `/contacts/${existing.id}/contact_inboxes`, {
          inbox_id: opts.inboxId,
        });
        if (!ci.source_id)
          throw new ChatwootError(
            'Chatwoot did not return a source_id for the contact inbox: is CHATWOOT_INBOX_ID an API channel inbox?',
            200,
          );
        return { id: existing.id, sourceId: ci.source_id };
      }
      const created = await call<{ payload?: { contact?: ContactJson; contact_inbox?: ContactInbox } }>(
        'POST',
        '/contacts',
        {
          inbox_id: opts.inboxId,
          name: name || e164,
          phone_number: e164,
          identifier,
        },
      );
      const contact = created.payload?.contact;
      const source = created.payload?.contact_inbox?.source_id ?? sourceFor(contact?.contact_inboxes);
      if (!contact || !source)
        throw new ChatwootError(
          'Chatwoot created the contact without a contact inbox: is CHATWOOT_INBOX_ID an API channel inbox?',
          200,
        );
      return { id: contact.id, sourceId: source };
    },

    async createConversation({ contactId, sourceId, reserva }) {
      const c = await call<{ id?: number }>('POST', '/conversations', {
        source_id: sourceId,
        inbox_id: opts.inboxId,
        contact_id: contactId,
        status: 'open',
        additional_attributes: reserva,
      });
      if (typeof c.id !== 'number') throw new ChatwootError('Chatwoot created a conversation without an id', 200);
      return { id: c.id };
    },

    async createMessage(conversationId, { content, kind }) {
      const m = await call<{ id?: number }>('POST', `/conversations/${conversationId}/messages`, {
        content,
        message_type: kind === 'note' ? 'outgoing' : 'incoming',
        private: kind === 'note',
      });
      return { id: typeof m.id === 'number' ? m.id : 0 };
    },

    async setStatus(conversationId, status) {
      await call('POST', `/conversations/${conversationId}/toggle_status`, { status });
    },
  };
}
