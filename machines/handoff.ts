/**
 * Hand-off to a person (issue 13). While the conversation is here the bot answers nothing by
 * itself: what the person writes is forwarded to staff, staff's messages go out as they are, and
 * only two things from the person still get the bot — "STOP" (opt-out) and asking to go back to the
 * bot. It ends when staff release it, the person asks, or HANDOFF_TIMEOUT (a durable job) passes.
 * Reminders are not the machine's: they keep going out.
 */
import { conversationSetup as s } from './setup.js';
import type { ConversationEvent } from './types.js';

/** Starts the hand-off effect: staff notified by every channel, the timeout job scheduled. */

/** The person's message, passed on to staff (stored by the inbox either way). */
const forwardToStaff = {
  type: 'forwardToStaff',
  params: ({ event }: { event: ConversationEvent }) => ({
    text: event.type === 'USER' ? event.input.text : '',
    media: event.type === 'USER' && Boolean(event.input.media),
  }),
} as const;
export const startHandoff = (reason: 'asked' | 'staff') => ({ type: 'handoff', params: { reason } }) as const;

const endHandoff = (by: 'staff' | 'timeout' | 'person' | 'opt_out') =>
  ({ type: 'endHandoff', params: { by } }) as const;

/** Staff's words go out through the same reply effect (same outbox, same 24-hour-window rules). */
export const staffReply = {
  type: 'reply',
  params: ({ event }: { event: { type: string; text?: string } }) => ({
    key: 'staffMessage' as const,
    text: event.type === 'STAFF_MESSAGE' ? (event.text ?? '') : '',
  }),
} as const;

/** How a flow that ended asking for a person continues: to `handoff`, otherwise back to `idle`. */
export const afterFlow = [
  { guard: 'handoffRequested', target: 'handoff', actions: startHandoff('asked') },
  // Issue 14: a privacy request made mid-flow (alwaysAvailable) is handled once the flow is done.
  { guard: 'privacyAccessRequested', target: 'access', actions: 'clearPrivacyRequest' },
  { guard: 'privacyEraseRequested', target: 'erasure', actions: 'clearPrivacyRequest' },
  { target: 'idle' },
] as const;

export const handoffState = s.createStateConfig({
  on: {
    HANDOFF_STARTED: [
      {
        guard: 'personAsked',
        actions: [
          'rememberHandoffStart',
          {
            type: 'reply',
            params: ({ event }) => ({
              key: 'handoffStarted' as const,
              hours: event.type === 'HANDOFF_STARTED' ? event.hours : [],
              openNow: event.type === 'HANDOFF_STARTED' ? event.openNow : true,
            }),
          },
        ],
      },
      { actions: 'rememberHandoffStart' },
    ],
    USER: [
      {
        guard: 'wantsOptOut',
        target: 'idle',
        actions: ['optOut', { type: 'reply', params: { key: 'optedOut' } }, endHandoff('opt_out'), 'clearHandoff'],
      },
      {
        guard: 'wantsResumeBot',
        target: 'idle',
        actions: [
          'rememberBookings',
          'resetMisses',
          endHandoff('person'),
          'clearHandoff',
          { type: 'reply', params: { key: 'backToBot' } },
        ],
      },
      // issue 9/14 (session 3): the first message meanwhile is acknowledged once (never a silent first follow-up).
      {
        guard: 'handoffNotAcked',
        actions: [
          'rememberBookings',
          forwardToStaff,
          'noteHandoffAcked',
          { type: 'reply', params: { key: 'handoffForwarded' } },
        ],
      },
      // Then silence: stored (inbox) and mirrored to staff, nothing answered.
      {
        actions: ['rememberBookings', forwardToStaff],
      },
    ],
    STAFF_MESSAGE: { actions: staffReply },
    STAFF_TOOK_OVER: { actions: [] },
    STAFF_RELEASED: {
      target: 'idle',
      actions: [endHandoff('staff'), 'clearHandoff', 'resetMisses', { type: 'reply', params: { key: 'handoffEnded' } }],
    },
    // Released quietly: the person may be asleep, and the bot answers again when they next write.
    HANDOFF_TIMEOUT: {
      guard: 'handoffTimerIsCurrent',
      target: 'idle',
      actions: [endHandoff('timeout'), 'clearHandoff', 'resetMisses'],
    },
    // The hand-off has its own timeout; the rating question waits for the bot.
    SESSION_TIMEOUT: { actions: [] },
    FEEDBACK_REQUESTED: { actions: [] },
  },
});
