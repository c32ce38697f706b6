/**
 * What a statechart step (state before → state after, by which event) records for the funnel, and the
 * text of a message the bot answered with "I did not understand" (for tuning the NLU). The engine
 * writes the step inside the turn's transaction (src/db/turns.ts, `TurnCommit.steps`), so a step is
 * recorded exactly when its turn commits; a session timeout the engine applies is its own step.
 */
import type { ConversationEvent, UserInput } from '../../machines/types.js';
import { stateName, type ConversationSnapshot } from '../engine/snapshots.js';

export interface StepRow {
  contactId: string;
  at: Date;
  fromState: string;
  toState: string;
  event: string;
  intent: string | null;
  text: string | null;
}

/** The step as a row: the intent of a message, and its text only when it was not understood. */
export function stepOf(
  before: ConversationSnapshot,
  event: ConversationEvent,
  next: ConversationSnapshot,
  actions: ReadonlyArray<{ type: string; params?: unknown }>,
): Omit<StepRow, 'contactId' | 'at'> {
  const input = event.type === 'USER' ? event.input : null;
  const saidSo = actions.some(isMiss);
  return {
    fromState: stateName(before.value),
    toState: stateName(next.value),
    event: event.type,
    intent: input ? input.intent : null,
    text: input && saidSo && misunderstood(input) ? input.text.slice(0, 500) : null,
  };
}

/** The replies that say the bot did not understand (or could not answer) the message. */
export const NOT_UNDERSTOOD = new Set(['didntUnderstand', 'unknownQuestion', 'notUnderstood', 'stuck']);

/**
 * A step the bot could not act on: a "did not understand" reply, the list offered again after a miss,
 * or the statechart counting a miss (`countMiss`: every flow's own "I could not use that" path).
 */
function isMiss(a: { type: string; params?: unknown }): boolean {
  if (a.type === 'countMiss') return true;
  if (a.type !== 'reply') return false;
  const p = (a.params ?? {}) as { key?: unknown; note?: unknown };
  return NOT_UNDERSTOOD.has(String(p.key)) || (p.key === 'offerSlots' && p.note === 'miss');
}

/** Nothing actionable in the message: no rating, slot, booking, date, e-mail, name or media. */
export function misunderstood(input: UserInput): boolean {
  return (
    input.rating === undefined &&
    !input.slot &&
    !input.bookingUid &&
    !input.when &&
    !input.email &&
    !input.name &&
    !input.media &&
    !input.expired &&
    Boolean(input.text.trim())
  );
}
