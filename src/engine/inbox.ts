/**
 * The durable inbox: the one way in for the engine. WhatsApp messages (webhook, simulator) and
 * system events (jobs: retries, the rating question) are stored here, keyed so that a redelivery
 * or a job run twice is stored once, then whoever subscribed (the engine) is told which person has
 * work. Nothing here knows the engine: the lifecycle and the webhook depend on the inbox, the
 * engine reads from it.
 */
import { randomUUID } from 'node:crypto';
import type { ConversationEvent } from '../../machines/types.js';
import type { Db } from '../db/client.js';
import type { TurnStore } from '../db/turns.js';
import type { InboundMessage } from '../whatsapp/types.js';
import { createInboxWriter } from './inbox-writer.js';

export interface Inbox {
  /** Stores messages (group commit); resolves per message with its seq, or null for a duplicate. */
  storeMessages(messages: InboundMessage[]): Promise<Array<number | null>>;
  /**
   * Stores a system event for a contact; `key` makes it once-only. False when stored before or
   * unknown contact. With `settle`, resolves once the subscribers say the person's work is done
   * (staff actions answer with the conversation's new state).
   */
  storeEvent(contactId: string, event: ConversationEvent, key?: string, o?: { settle?: boolean }): Promise<boolean>;
  /** Called with a phone each time work is stored for that person; may return when it is done. */
  subscribe(listener: (phone: string, settle: boolean) => void | Promise<void>): void;
}

export function createInbox(o: { store: TurnStore; prisma: Db; now: () => Date }): Inbox {
  const writer = createInboxWriter((rows, at) => o.store.insertInbox(rows, at), o.now);
  const listeners: Array<(phone: string, settle: boolean) => void | Promise<void>> = [];
  const notify = (phone: string, settle = false) =>
    Promise.all(listeners.map((l) => Promise.resolve(l(phone, settle))));
  return {
    async storeMessages(messages) {
      const seqs = await Promise.all(
        messages.map((m) => writer.store({ key: m.id, phone: m.from, kind: 'message', payload: JSON.stringify(m) })),
      );
      seqs.forEach((seq, i) => {
        const m = messages[i];
        if (seq !== null && m) void notify(m.from);
      });
      return seqs;
    },
    async storeEvent(contactId, event, key, so) {
      const contact = await o.prisma.contact.findUnique({ where: { id: contactId }, select: { phone: true } });
      if (!contact) return false;
      const seq = await writer.store({
        key: `event:${key ?? randomUUID()}`,
        phone: contact.phone,
        kind: 'event',
        payload: JSON.stringify(event),
      });
      if (seq === null) return false;
      const done = notify(contact.phone, Boolean(so?.settle));
      if (so?.settle) await done;
      return true;
    },
    subscribe(listener) {
      listeners.push(listener);
    },
  };
}
