/**
 * Records every statechart step (state before → state after, by which event) for the funnel, and the
 * text of a message the bot answered with "I did not understand" (for tuning the NLU). It is
 * a StepObserver: the engine calls it after each `transition()`; the step is recomputed here with
 * the same pure `transition()` (no engine change) and written in order, off the turn's path.
 *
 * A session that timed out is noticed on the next step: the step starts from `idle` while the
 * last recorded step left the conversation elsewhere, so a SESSION_TIMEOUT step is written first.
 */
import { transition } from 'xstate';
import type { Logger } from 'pino';
import { conversationMachine } from '../../machines/conversation.js';
import type { ConversationEvent, UserInput } from '../../machines/types.js';
import type { Db } from '../db/client.js';
import type { StepObserver } from '../engine/inspect.js';
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

export interface StepRecorder {
  observe: StepObserver;
  /** Resolves when every step observed so far is written. */
  flush(): Promise<void>;
}

/** The step as a row: the intent of a message, and its text only when it was not understood. */
export function stepRow(contactId: string, before: ConversationSnapshot, event: ConversationEvent, at: Date): StepRow {
  const [next, actions] = transition(conversationMachine, before, event);
  const input = event.type === 'USER' ? event.input : null;
  const saidSo = actions.some(
    (a) => a.type === 'reply' && NOT_UNDERSTOOD.has(String((a.params as { key?: unknown } | undefined)?.key)),
  );
  return {
    contactId,
    at,
    fromState: stateName(before.value),
    toState: stateName(next.value),
    event: event.type,
    intent: input ? input.intent : null,
    text: input && saidSo && misunderstood(input) ? input.text.slice(0, 500) : null,
  };
}

/** The replies that say the bot did not understand (or could not answer) the message. */
export const NOT_UNDERSTOOD = new Set(['didntUnderstand', 'unknownQuestion']);

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

export function createStepRecorder(prisma: Db, o: { now: () => Date; logger: Logger }): StepRecorder {
  let chain: Promise<void> = Promise.resolve();
  const last = new Map<string, string>();

  async function write(row: StepRow) {
    let previous = last.get(row.contactId);
    if (previous === undefined) {
      const found = await prisma.conversationStep.findFirst({
        where: { contactId: row.contactId },
        orderBy: [{ at: 'desc' }, { id: 'desc' }],
        select: { toState: true },
      });
      previous = found?.toState;
    }
    const rows: StepRow[] = [];
    if (previous && previous !== 'idle' && row.fromState === 'idle' && previous !== row.fromState) {
      rows.push({ ...row, fromState: previous, toState: 'idle', event: 'SESSION_TIMEOUT', intent: null, text: null });
    }
    rows.push(row);
    for (const r of rows) await prisma.conversationStep.create({ data: r });
    last.set(row.contactId, row.toState);
    if (last.size > 10_000) last.clear();
  }

  return {
    observe(contactId, before, event) {
      let row: StepRow;
      try {
        row = stepRow(contactId, before, event, o.now());
      } catch (err) {
        o.logger.warn({ err: (err as Error).message }, 'insights: could not compute a step');
        return;
      }
      chain = chain
        .then(() => write(row))
        .catch((err: unknown) => o.logger.warn({ err: (err as Error).message }, 'insights: step not recorded'));
    },
    flush: () => chain,
  };
}
