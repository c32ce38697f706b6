/**
 * Sample events for the model-based tests: xstate/graph explores the statecharts with exactly
 * these, so together they must reach every state and take every transition.
 */
import type { ConversationEvent } from '../../machines/types.js';

export const EFFECTS = new Set([
  'reply',
  'findSlots',
  'holdSlot',
  'releaseHold',
  'createBooking',
  'rescheduleBooking',
  'cancelBooking',
  'confirmAttendance',
  'recordFeedback',
  'scheduleRetry',
  'saveEmail',
  'optOut',
  'handoff',
  'endHandoff',
  'forwardToStaff',
  'saveName',
]);
export const slot = { start: '2026-11-26T16:00:00.000Z', end: '2026-11-26T16:30:00.000Z' };
export const booking = { uid: 'bk-1', start: '2026-11-27T09:00:00.000Z', end: '2026-11-27T09:30:00.000Z' };
export const other = { uid: 'bk-2', start: '2026-11-28T09:00:00.000Z', end: '2026-11-28T09:30:00.000Z' };
export const when = { start: '2026-11-26T17:00:00+01:00', end: '2026-11-26T17:01:00+01:00', grain: 'minute' };
export const user = (intent: string, extra: object = {}, bookings = [booking]): ConversationEvent => ({
  type: 'USER',
  input: { intent: intent as never, when: null, text: intent, ...extra },
  bookings,
});

export const SAMPLE_EVENTS: ConversationEvent[] = [
  user('book', { when }),
  user('book'),
  user('book', { slot }),
  user('confirm'),
  user('decline'),
  user('cancel'),
  user('cancel', {}, [booking, other]),
  user('reschedule', { when }),
  user('reschedule', {}, [booking, other]),
  user('reschedule', {}, []),
  user('unknown', { bookingUid: 'bk-1' }, [booking, other]),
  user('unknown', { rating: 5 }),
  user('unknown', { email: 'ana@example.com' }),
  user('unknown', { media: true }),
  user('unknown', { expired: true }),
  user('opt_out'),
  user('human'),
  user('resume_bot'),
  user('greeting'),
  user('thanks'),
  user('help'),
  user('unknown'),
  user('my_bookings'),
  user('question', { topic: 'price' }),
  user('question', { topic: 'other' }),
  user('update_details', { name: 'Ana García' }),
  user('unknown', { text: 'Ana García' }),
  user('book', { shift: 'later' }),
  { type: 'SLOTS_LOADED', exact: slot, options: [], widened: false },
  {
    type: 'SLOTS_LOADED',
    exact: null,
    options: [slot],
    widened: true,
    hours: [{ weekday: 6, from: '10:00', to: '14:00' }],
  },
  { type: 'SLOTS_LOADED', exact: null, options: [slot], widened: false },
  { type: 'SLOTS_LOADED', exact: null, options: [], widened: false },
  { type: 'SLOTS_FAILED' },
  { type: 'HOLD_OK', reservationUid: 'r-1', until: '2026-11-26T16:05:00.000Z' },
  { type: 'HOLD_FAILED', reason: 'slot_unavailable' },
  { type: 'HOLD_FAILED', reason: 'unavailable' },
  { type: 'BOOKED', booking },
  { type: 'BOOK_FAILED', reason: 'slot_unavailable' },
  { type: 'BOOK_FAILED', reason: 'unavailable' },
  // Issue 10: the host confirms each booking; Cal.com refusals; booking questions.
  { type: 'BOOKED', booking, pending: true },
  { type: 'BOOK_FAILED', reason: 'too_soon' },
  { type: 'BOOK_FAILED', reason: 'invalid_phone' },
  {
    type: 'BOOK_FAILED',
    reason: 'missing_fields',
    fields: [
      { slug: 'reason', label: 'Motivo', type: 'text' },
      { slug: 'insurance', label: 'Seguro', type: 'select', options: ['Sanitas', 'Adeslas'] },
    ],
  },
  { type: 'RESCHEDULED', booking },
  { type: 'RESCHEDULE_FAILED', reason: 'slot_unavailable' },
  { type: 'RESCHEDULE_FAILED', reason: 'unavailable' },
  { type: 'RESCHEDULE_FAILED', reason: 'too_far' },
  { type: 'CANCELLED', uid: 'bk-1' },
  { type: 'CANCEL_FAILED', reason: 'unavailable' },
  { type: 'ATTENDANCE_CONFIRMED', uid: 'bk-1' },
  { type: 'RETRY' },
  { type: 'FEEDBACK_REQUESTED', booking },
  { type: 'SESSION_TIMEOUT' },
  // Hand-off (issue 13).
  { type: 'HANDOFF_STARTED', since: '2026-11-25T08:00:00.000Z', hours: [], openNow: true },
  { type: 'STAFF_TOOK_OVER' },
  { type: 'STAFF_MESSAGE', text: 'Hola, soy Marta', via: 'admin' },
  { type: 'STAFF_RELEASED', via: 'admin' },
  { type: 'HANDOFF_TIMEOUT', since: '2026-11-25T08:00:00.000Z' },
];
