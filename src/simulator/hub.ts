/**
 * In-process event hub between the simulator sender (what the bot does) and the simulator page
 * (server-sent events). Events only nudge the page to re-read the transcript, which stays the
 * source of truth: a page that misses an event still catches up on its next poll.
 */
import type { OutgoingMessage } from '../whatsapp/types.js';

export type SimulatorEvent =
  /** The bot sent `message` to `phone` (the engine records the OutboundMessage row itself). */
  | { type: 'message'; phone: string; messageId: string; message: OutgoingMessage; at: string }
  /** The bot read the person's message and is preparing a reply ("escribiendo…"). */
  | { type: 'typing'; phone: string; messageId: string; at: string }
  /** The person's message was handed to the engine. */
  | { type: 'inbound'; phone: string; messageId: string; at: string };

export type SimulatorListener = (event: SimulatorEvent) => void;

export interface SimulatorHub {
  publish(event: SimulatorEvent): void;
  /** Listens to one phone's events, or every phone's with '*'. Returns the unsubscribe function. */
  subscribe(phone: string, listener: SimulatorListener): () => void;
  /** Remembers who sent an inbound message, so markRead(messageId) can say whose chat is typing. */
  rememberInbound(messageId: string, phone: string): void;
  phoneOfInbound(messageId: string): string | undefined;
  listenerCount(): number;
}

export function createSimulatorHub(
  opts: { rememberMax?: number; onListenerError?: (err: unknown) => void } = {},
): SimulatorHub {
  const rememberMax = opts.rememberMax ?? 5000;
  const listeners = new Map<string, Set<SimulatorListener>>();
  const inboundPhones = new Map<string, string>();

  const deliver = (key: string, event: SimulatorEvent) => {
    for (const listener of listeners.get(key) ?? []) {
      try {
        listener(event);
      } catch (err) {
        opts.onListenerError?.(err);
      }
    }
  };

  return {
    publish(event) {
      deliver(event.phone, event);
      deliver('*', event);
    },
    subscribe(phone, listener) {
      let set = listeners.get(phone);
      if (!set) listeners.set(phone, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
        if (set.size === 0 && listeners.get(phone) === set) listeners.delete(phone);
      };
    },
    rememberInbound(messageId, phone) {
      inboundPhones.delete(messageId);
      inboundPhones.set(messageId, phone);
      // Maps iterate in insertion order: drop the oldest beyond the cap.
      while (inboundPhones.size > rememberMax) inboundPhones.delete(inboundPhones.keys().next().value!);
    },
    phoneOfInbound(messageId) {
      return inboundPhones.get(messageId);
    },
    listenerCount() {
      let n = 0;
      for (const set of listeners.values()) n += set.size;
      return n;
    },
  };
}
