/**
 * The outbox gate: may this message go to this person? One pure decision (`decideDelivery`) and
 * one database read (`readDeliveryFacts`); `mayDeliver` is both. Every message the service sends
 * — replies, confirmations, reminders, business notices, rating questions, staff replies, and later
 * upsell / win-back — passes through it at the single outbound path, so no feature can bypass it.
 *
 * Rules (issue 14):
 * - What the person asked for is always delivered: the answer to their own message (including the
 *   acknowledgement of "STOP" itself) and a staff reply after they asked for a person.
 * - Utility messages they did not ask for (a confirmation of a booking made outside the chat,
 *   reminders, changes made by the business, the rating question) need no opt-in but stop at an
 *   opt-out — reminders included.
 * - Promotional messages (upsell, win-back) need marketing consent and no opt-out.
 * An unknown kind is refused: a new feature must add its kind here first.
 */
import type { Db, Tx } from '../db/client.js';
import { hashPhone } from './phone-hash.js';

export const MESSAGE_KINDS = [
  'reply',
  'staff',
  'confirmation',
  'reminder',
  'change',
  'feedback',
  'upsell',
  'winback',
] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/** asked: the person's own request · utility: service messages they did not ask for · promotional. */
export type KindClass = 'asked' | 'utility' | 'promotional';

export const KIND_CLASS: Readonly<Record<MessageKind, KindClass>> = {
  reply: 'asked',
  staff: 'asked',
  confirmation: 'utility',
  reminder: 'utility',
  change: 'utility',
  feedback: 'utility',
  upsell: 'promotional',
  winback: 'promotional',
};

export interface DeliveryFacts {
  /** The contact said STOP (Contact.optedOutAt) … */
  optedOut: boolean;
  /** … or its number is on the suppression list (an opt-out that survived erasure). */
  suppressed: boolean;
  /** Latest marketing consent is a grant. */
  marketingConsent: boolean;
}

export type DeliveryDecision =
  { allowed: true } | { allowed: false; reason: 'opted-out' | 'no-marketing-consent' | 'unknown-kind' };

export function isMessageKind(kind: string): kind is MessageKind {
  return (MESSAGE_KINDS as readonly string[]).includes(kind);
}

/** Pure: the whole policy. */
export function decideDelivery(facts: DeliveryFacts, kind: string): DeliveryDecision {
  if (!isMessageKind(kind)) return { allowed: false, reason: 'unknown-kind' };
  const cls = KIND_CLASS[kind];
  if (cls === 'asked') return { allowed: true };
  if (facts.optedOut || facts.suppressed) return { allowed: false, reason: 'opted-out' };
  if (cls === 'promotional' && !facts.marketingConsent) return { allowed: false, reason: 'no-marketing-consent' };
  return { allowed: true };
}

export interface GateContact {
  phone: string;
  /** Any truthy value is an opt-out (raw SQL drivers return dates as strings or numbers). */
  optedOutAt?: Date | string | number | null;
  /** SQLite returns booleans as 0 / 1. */
  marketingConsent?: boolean | number | null;
}

/** The facts as stored now: the contact's opt-out and consent, and the suppression list. */
export async function readDeliveryFacts(db: Db | Tx, salt: string, contact: GateContact): Promise<DeliveryFacts> {
  const suppressed = await db.suppressedNumber.findUnique({ where: { phoneHash: hashPhone(salt, contact.phone) } });
  return {
    optedOut: Boolean(contact.optedOutAt),
    suppressed: Boolean(suppressed),
    marketingConsent: Boolean(contact.marketingConsent),
  };
}

/**
 * Reads the facts and decides. `contact` is the row the outbox already holds (no second read of it).
 * The suppression list is read only when the decision depends on it: what the person asked for
 * goes whatever the facts (a reply, every turn), and a contact row that says opted out answers alone.
 */
export async function mayDeliver(
  db: Db | Tx,
  salt: string,
  contact: GateContact,
  kind: string,
): Promise<DeliveryDecision> {
  const optedOut = Boolean(contact.optedOutAt);
  if ((isMessageKind(kind) && KIND_CLASS[kind] === 'asked') || optedOut)
    return decideDelivery({ optedOut, suppressed: false, marketingConsent: Boolean(contact.marketingConsent) }, kind);
  return decideDelivery(await readDeliveryFacts(db, salt, contact), kind);
}
