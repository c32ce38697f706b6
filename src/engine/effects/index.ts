/**
 * Every effect the statecharts can ask for, by concern. `handlers` must cover every effect name of
 * the machine (see ./types.ts): a new effect action is a compile error here until it is handled.
 */
import {
  cancelBooking,
  confirmAttendance,
  createBooking,
  findSlots,
  holdSlot,
  releaseHold,
  rescheduleBooking,
  scheduleRetry,
} from './calendar.js';
import { optIn, optOut, saveEmail, saveName } from './contact.js';
import { endHandoff, forwardToStaff, handoff } from './handoff.js';
import { recordFeedback } from './feedback.js';
import { reply } from './messaging.js';
import { eraseContact, markMarketingAsked, prepareExport, recordMarketingConsent } from './privacy.js';
import type { EffectDeps, EffectName, EffectParams, EffectResult, EffectRun, Handler, Handlers } from './types.js';

export const handlers: Handlers = {
  reply,
  findSlots,
  holdSlot,
  releaseHold,
  createBooking,
  rescheduleBooking,
  cancelBooking,
  confirmAttendance,
  scheduleRetry,
  saveName,
  saveEmail,
  optOut,
  optIn,
  handoff,
  endHandoff,
  forwardToStaff,
  recordFeedback,
  // Issue 14.
  prepareExport,
  eraseContact,
  markMarketingAsked,
  recordMarketingConsent,
};

export function isEffect(name: string): name is EffectName {
  return Object.hasOwn(handlers, name);
}

/** The handler for a stored effect, with its params as the machine typed them. */
export function handlerFor<K extends EffectName>(name: K): Handler<K> {
  return handlers[name] as Handler<K>;
}

export function runEffect<K extends EffectName>(
  name: K,
  params: EffectParams<K>,
  run: EffectRun,
  deps: EffectDeps,
): Promise<EffectResult> {
  return handlerFor(name).run(params, run, deps);
}

export type { EffectDeps, EffectName, EffectParams, EffectResult, EffectRun } from './types.js';
export { searchWindow, summary, MAX_RETRIES } from './calendar.js';
