/** Quick-reply ids of our own buttons (versioned, e.g. "v1:slot:2026-11-26T10:00:00Z") → what they mean. */
import type { ButtonReply, Intent } from './types.js';

const INTENT_IDS: Record<string, Intent> = {
  confirm: 'confirm',
  decline: 'decline', // "Otra hora"
  skip: 'decline',
  cancel: 'cancel',
  reschedule: 'reschedule',
  book: 'book',
  help: 'help',
  human: 'human',
  keep: 'keep',
};

/** The intent a button reply carries; booking choices and ratings carry none ('unknown'). */
export function buttonIntent(b: ButtonReply): Intent {
  switch (b.kind) {
    case 'intent':
      return b.intent;
    case 'slot':
      return 'book';
    case 'booking':
      return b.intent ?? 'unknown';
    case 'rating':
      return 'unknown';
  }
}

/** Parses one of our quick-reply ids; null for anything else (including unknown versions). */
export function parseButtonId(id: string): ButtonReply | null {
  const m = /^v1:([a-z]+)(?::(.+))?$/.exec(id.trim());
  if (!m) return null;
  const what = m[1]!;
  const rest = m[2];
  if (rest === undefined) {
    const intent = INTENT_IDS[what];
    return intent ? { kind: 'intent', intent } : null;
  }
  switch (what) {
    case 'slot': {
      if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(rest)) return null;
      const t = Date.parse(rest);
      return Number.isNaN(t) ? null : { kind: 'slot', start: new Date(t).toISOString() };
    }
    case 'booking':
      return { kind: 'booking', uid: rest };
    case 'cancel':
    case 'reschedule':
      return { kind: 'booking', uid: rest, intent: what };
    case 'attend':
      return { kind: 'booking', uid: rest, intent: 'confirm' };
    case 'keep':
      return null; // only without a rest (below)
    case 'offers':
      return rest === 'yes' || rest === 'no'
        ? { kind: 'intent', intent: rest === 'yes' ? 'marketing_opt_in' : 'marketing_opt_out' }
        : null;
    case 'rating': {
      if (!/^[1-5]$/.test(rest)) return null;
      return { kind: 'rating', rating: Number(rest) as 1 | 2 | 3 | 4 | 5 };
    }
    default:
      return null;
  }
}
