/**
 * The WhatsApp sender used when no Cloud API credentials are configured: nothing leaves the
 * process. Messages are checked against WhatsApp's limits exactly as the Cloud sender does (so a
 * message the simulator accepts is one Meta would accept), get a fresh `sim.<random>` id, and
 * are announced to listeners (the simulator page, through the hub). The engine records the
 * OutboundMessage row itself; this module never touches the database.
 */
import { randomBytes } from 'node:crypto';
import { assertValid, fitMessage } from '../whatsapp/limits.js';
import type { OutgoingMessage, WhatsAppSender } from '../whatsapp/types.js';
import type { SimulatorHub } from './hub.js';

export interface SimulatorSenderOptions {
  /** Message id factory. Default `sim.<20 hex chars>`. */
  ids?: () => string;
  onSend?: (to: string, message: OutgoingMessage, messageId: string) => void;
  /** Called by markRead: the bot read `messageId` and (typing) is preparing the reply. */
  onRead?: (messageId: string, opts: { typing: boolean }) => void;
  /** When given, sends and typing indicators are published to the simulator page. */
  hub?: SimulatorHub;
  now?: () => Date;
}

export type SimulatorSender = WhatsAppSender & { readonly name: 'simulator' };

export function simulatorMessageId(): string {
  return `sim.${randomBytes(10).toString('hex')}`;
}

const PHONE = /^\d{6,15}$/;

export function createSimulatorSender(opts: SimulatorSenderOptions = {}): SimulatorSender {
  const ids = opts.ids ?? simulatorMessageId;
  const now = opts.now ?? (() => new Date());
  return {
    name: 'simulator',
    async send(to, message) {
      if (!PHONE.test(to))
        throw new Error(`Simulator cannot send to "${to}": a phone is 6-15 digits, no "+" or spaces`);
      assertValid(fitMessage(message));
      const messageId = ids();
      opts.onSend?.(to, message, messageId);
      opts.hub?.publish({ type: 'message', phone: to, messageId, message, at: now().toISOString() });
      return { messageId };
    },
    async markRead(messageId, readOpts) {
      const typing = readOpts?.typing ?? false;
      opts.onRead?.(messageId, { typing });
      const phone = opts.hub?.phoneOfInbound(messageId);
      if (phone && typing) opts.hub!.publish({ type: 'typing', phone, messageId, at: now().toISOString() });
    },
  };
}
