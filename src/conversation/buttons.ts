/**
 * Our own quick-reply ids. Stable, machine-readable and versioned, so a button tapped days later
 * still means the same thing (or is recognised as expired).
 */
export const BUTTON = {
  book: 'v1:book',
  confirm: 'v1:confirm',
  decline: 'v1:decline',
  cancel: 'v1:cancel',
  reschedule: 'v1:reschedule',
  help: 'v1:help',
  human: 'v1:human',
  /** Back to the bot after a hand-off (intent resume_bot). */
  resumeBot: 'v1:bot',
  skip: 'v1:skip',
  /** "Ver citas": the person's upcoming bookings with their actions. */
  myBookings: 'v1:mybookings',
  slot: (startUtc: string) => `v1:slot:${toIdInstant(startUtc)}`,
  booking: (uid: string) => `v1:booking:${uid}`,
  rating: (n: number) => `v1:rating:${n}`,
  attend: (uid: string) => `v1:attend:${uid}`,
  rescheduleBooking: (uid: string) => `v1:reschedule:${uid}`,
  cancelBooking: (uid: string) => `v1:cancel:${uid}`,
  /** The n-th answer (from 1) of a booking question with fixed answers; the reply's title is the answer. */
  fieldOption: (n: number) => `v1:field:${n}`,
  // Growth (issue 16): a promotional offer's slot (upsell add-on, win-back), booked in one tap —
  // the slot of that Cal.com event type, picked directly (no "shall I book it?" step).
  take: (startUtc: string, eventTypeId: number) => `v1:take:${eventTypeId}:${toIdInstant(startUtc)}`,
  /** "No, gracias" under an offer: read as thanks. */
  noThanks: 'v1:thanks',
  // Issue 14: the marketing question's own answers. Never the generic confirm / decline: an old
  // "Confirmar" tapped on a booking message must not read as consent (ids mean one thing forever).
  /** "Mantener": leave the appointment as it is (never 'cancel': tapped later it must not cancel anything). */
  keep: 'v1:keep',
  offersYes: 'v1:offers:yes',
  offersNo: 'v1:offers:no',
} as const;

/** 2026-11-26T10:00:00.000Z → 2026-11-26T10:00:00Z */
export function toIdInstant(iso: string): string {
  return new Date(iso).toISOString().replace('.000Z', 'Z');
}

export type ParsedButton =
  | {
      kind: 'intent';
      intent:
        | 'book'
        | 'confirm'
        | 'decline'
        | 'cancel'
        | 'reschedule'
        | 'help'
        | 'human'
        | 'my_bookings'
        | 'resume_bot'
        | 'thanks'
        | 'marketing_opt_in'
        | 'marketing_opt_out'
        | 'keep';
    }
  | { kind: 'slot'; start: string; eventTypeId?: number; direct?: boolean }
  | { kind: 'booking'; uid: string; intent?: 'confirm' | 'reschedule' | 'cancel' }
  | { kind: 'rating'; rating: number }
  | { kind: 'option'; index: number }
  | { kind: 'unknown' };

export function parseButtonId(id: string): ParsedButton {
  const parts = id.split(':');
  if (parts[0] !== 'v1') return { kind: 'unknown' };
  const [, what, ...restParts] = parts;
  const rest = restParts.join(':');
  switch (what) {
    case 'book':
    case 'confirm':
    case 'decline':
    case 'help':
    case 'human':
      return rest ? { kind: 'unknown' } : { kind: 'intent', intent: what };
    case 'skip':
      return { kind: 'intent', intent: 'decline' };
    case 'mybookings':
      return rest ? { kind: 'unknown' } : { kind: 'intent', intent: 'my_bookings' };
    case 'bot':
      return rest ? { kind: 'unknown' } : { kind: 'intent', intent: 'resume_bot' };
    case 'field': {
      const n = Number(rest);
      return Number.isInteger(n) && n >= 1 ? { kind: 'option', index: n } : { kind: 'unknown' };
    }
    case 'cancel':
    case 'reschedule':
      return rest ? { kind: 'booking', uid: rest, intent: what } : { kind: 'intent', intent: what };
    case 'attend':
      return rest ? { kind: 'booking', uid: rest, intent: 'confirm' } : { kind: 'unknown' };
    case 'booking':
      return rest ? { kind: 'booking', uid: rest } : { kind: 'unknown' };
    case 'thanks':
      return rest ? { kind: 'unknown' } : { kind: 'intent', intent: 'thanks' };
    case 'keep':
      return rest ? { kind: 'unknown' } : { kind: 'intent', intent: 'keep' };
    case 'offers':
      return rest === 'yes'
        ? { kind: 'intent', intent: 'marketing_opt_in' }
        : rest === 'no'
          ? { kind: 'intent', intent: 'marketing_opt_out' }
          : { kind: 'unknown' };
    case 'take': {
      const [typeId, ...at] = restParts;
      const eventTypeId = Number(typeId);
      const t = Date.parse(at.join(':'));
      return Number.isInteger(eventTypeId) && eventTypeId > 0 && !Number.isNaN(t)
        ? { kind: 'slot', start: new Date(t).toISOString(), eventTypeId, direct: true }
        : { kind: 'unknown' };
    }
    case 'slot': {
      const t = Date.parse(rest);
      return Number.isNaN(t) ? { kind: 'unknown' } : { kind: 'slot', start: new Date(t).toISOString() };
    }
    case 'rating': {
      const n = Number(rest);
      return Number.isInteger(n) && n >= 1 && n <= 5 ? { kind: 'rating', rating: n } : { kind: 'unknown' };
    }
    default:
      return { kind: 'unknown' };
  }
}
