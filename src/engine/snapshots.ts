/**
 * Loading and saving a conversation's statechart snapshot. The machine version is stored beside
 * each snapshot: a snapshot from another version, or one that no longer fits the machine, never
 * crashes a conversation — it restarts politely at `idle`, keeping language and bookings.
 */
import { initialTransition, type SnapshotFrom } from 'xstate';
import { conversationMachine, MACHINE_VERSION } from '../../machines/conversation.js';
import type { ContactFacts, ConversationContext } from '../../machines/types.js';
import { initialContext } from '../../machines/setup.js';

export type ConversationSnapshot = SnapshotFrom<typeof conversationMachine>;

export function freshSnapshot(contact: ContactFacts): ConversationSnapshot {
  return initialTransition(conversationMachine, { contact })[0];
}

/**
 * The contact facts the engine knows now (the Contact row), keeping what the person told this
 * conversation that isn't stored yet: a name typed when asked (saved with the booking) and an
 * e-mail (saved by its effect after the step). Without this the next step would forget them.
 */
export function mergeContact(facts: ContactFacts, told: Partial<ContactFacts> | undefined): ContactFacts {
  const merged: ContactFacts = { ...facts };
  if (!merged.name && told?.name) merged.name = told.name;
  if (!merged.email && told?.email) merged.email = told.email;
  return merged;
}

export function restoreSnapshot(
  stored: { snapshot: string; machineVersion: number } | null,
  contact: ContactFacts,
): { snapshot: ConversationSnapshot; restarted: boolean } {
  if (!stored) return { snapshot: freshSnapshot(contact), restarted: false };
  try {
    if (stored.machineVersion !== MACHINE_VERSION) throw new Error('other machine version');
    const persisted = JSON.parse(stored.snapshot) as { value: unknown; context: ConversationContext; status?: string };
    if (persisted.status && persisted.status !== 'active') throw new Error('not active');
    const context: ConversationContext = {
      ...initialContext(contact),
      ...persisted.context,
      contact: mergeContact(contact, persisted.context?.contact),
    };
    const snapshot = conversationMachine.resolveState({ value: persisted.value as never, context });
    return { snapshot, restarted: false };
  } catch {
    return { snapshot: freshSnapshot(contact), restarted: true };
  }
}

export function serialize(snapshot: ConversationSnapshot): string {
  return JSON.stringify(conversationMachine.getPersistedSnapshot(snapshot));
}

export function stateName(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object') {
    const [k, v] = Object.entries(value as Record<string, unknown>)[0] ?? [];
    return k ? `${k}.${stateName(v)}` : '';
  }
  return '';
}
