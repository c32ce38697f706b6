/**
 * Hand-off effects: start a hand-off to staff, end it, mirror what the person writes meanwhile.
 * Carried out by the hand-off service (src/handoff), through the same outbox as every effect.
 */
import type { ConversationEvent } from '../../../machines/types.js';
import type { EffectDeps, EffectRun, Handler } from './types.js';

const viaStaff = (
  type: string,
  params: unknown,
  run: EffectRun,
  deps: EffectDeps,
): Promise<ConversationEvent | null> => {
  if (!deps.staff) {
    deps.logger.warn({ effect: type }, 'no hand-off service configured: effect ignored');
    return Promise.resolve(null);
  }
  return deps.staff.runEffect(run.contact, { type, params }) ?? Promise.resolve(null);
};

export const handoff: Handler<'handoff'> = { run: (p, run, deps) => viaStaff('handoff', p, run, deps) };
export const endHandoff: Handler<'endHandoff'> = { run: (p, run, deps) => viaStaff('endHandoff', p, run, deps) };
export const forwardToStaff: Handler<'forwardToStaff'> = {
  run: (p, run, deps) => viaStaff('forwardToStaff', p, run, deps),
};
