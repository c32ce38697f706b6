/**
 * Privacy rights and consent in the chat (issue 14), as statecharts:
 *
 * - access: "¿qué datos tenéis de mí?" → `prepareExport` (summary + single-use 24 h export link)
 *   → the summary and the link.
 * - erasure: "borra mis datos" → confirm with buttons → (upcoming bookings: cancel them too? →
 *   each cancelled on the calendar through the one cancellation effect) → "erased" is said FIRST,
 *   then `eraseContact` runs as the last effect: nothing answers it, the person no longer exists.
 *   "No" / "mejor no" at any question leaves everything as it was.
 * - marketing: asked once after a booking, two buttons; the answer is recorded with time, source
 *   and the exact text version. "No quiero ofertas" revokes it from idle (conversation.ts).
 *
 * Pure, like every machine here: the engine carries the effects out (src/engine/effects/privacy.ts).
 */
import { raise } from 'xstate';
import type { ConversationContext } from './types.js';
import { afterFlow } from './handoff.js';
import {
  alwaysAvailable,
  conversationSetup as s,
  missesReenter,
  onUser,
  sideTalkReenter,
  standaloneContext,
} from './setup.js';

/** The version of the marketing question's text per voice (catalog `askMarketing`): bump it with the text. */
export const MARKETING_TEXT_VERSION = 'v1';

const reply = <
  K extends
    | 'confirmErase'
    | 'eraseKept'
    | 'eraseFailed'
    | 'erased'
    | 'privacyUnavailable'
    | 'askMarketing'
    | 'marketingGranted'
    | 'marketingDeclined'
    | 'marketingRevoked',
>(
  key: K,
) => ({ type: 'reply', params: { key } }) as const;

/** The question once more, with a short lead (never the same message twice in a row; same question text). */
const askMarketingAgain = { type: 'reply', params: { key: 'askMarketing', again: true } } as const;

/** "marketing-consent-es-usted-v1": which exact text the person answered. */
export const marketingTextVersion = (context: ConversationContext) => {
  const { language, formality } = context.contact;
  const voice = language === 'es' ? `es-${formality ?? 'tu'}` : language;
  return `marketing-consent-${voice}-${MARKETING_TEXT_VERSION}`;
};

export const recordConsent = (granted: boolean, source: string) =>
  ({
    type: 'recordMarketingConsent',
    params: ({ context }: { context: ConversationContext }) => ({
      granted,
      source,
      textVersion: marketingTextVersion(context),
    }),
  }) as const;

/** STOP and "a person, please" (not the privacy requests: here "borra mis datos" again confirms). */
const stopOrPerson = alwaysAvailable.slice(0, 2);

export const accessStates = s.createStateConfig({
  initial: 'preparing',
  states: {
    preparing: {
      entry: 'prepareExport',
      on: {
        PRIVACY_EXPORT_READY: {
          target: 'done',
          actions: {
            type: 'reply',
            params: ({ event }) =>
              event.type === 'PRIVACY_EXPORT_READY'
                ? { key: 'privacySummary' as const, summary: event.summary, url: event.url, expiresAt: event.expiresAt }
                : { key: 'privacyUnavailable' as const },
          },
        },
        PRIVACY_EXPORT_FAILED: { target: 'done', actions: reply('privacyUnavailable') },
      },
    },
    done: { type: 'final' },
  },
});

export const erasureStates = s.createStateConfig({
  initial: 'confirming',
  states: {
    confirming: {
      entry: reply('confirmErase'),
      on: {
        USER: onUser([
          ...stopOrPerson,
          { guard: 'confirmedEraseWithBookings', target: 'askingBookings', actions: 'rememberBookings' },
          { guard: 'confirmedErase', target: 'erasing' },
          { guard: 'changedMind', target: 'done', actions: reply('eraseKept') },
          ...sideTalkReenter('confirming'),
          ...missesReenter('confirming'),
        ]),
      },
    },
    askingBookings: {
      entry: {
        type: 'reply',
        params: ({ context }) => ({ key: 'eraseCancelBookings' as const, bookings: context.bookings }),
      },
      on: {
        USER: onUser([
          ...stopOrPerson,
          { guard: 'confirmedCancelForErase', target: 'cancelling' },
          { guard: 'changedMind', target: 'done', actions: reply('eraseKept') },
          ...sideTalkReenter('askingBookings'),
          ...missesReenter('askingBookings'),
        ]),
      },
    },
    cancelling: {
      entry: {
        type: 'cancelBooking',
        params: ({ context }) => ({
          uid: context.bookings[0]?.uid ?? '',
          reason: 'Cancelled on WhatsApp: the attendee asked to erase their data',
        }),
      },
      on: {
        CANCELLED: [
          { guard: 'moreToCancel', target: 'cancelling', reenter: true, actions: 'dropCancelled' },
          { target: 'erasing', actions: 'dropCancelled' },
        ],
        // Nothing is erased while a booking could not be cancelled: the person may try again later.
        CANCEL_FAILED: { target: 'done', actions: reply('eraseFailed') },
      },
    },
    erasing: {
      // The reply first (it goes out while the number is still known), erasure last.
      entry: [reply('erased'), 'eraseContact'],
      on: { ERASE_FAILED: { target: 'done', actions: reply('eraseFailed') } },
    },
    done: { type: 'final', entry: ['clearTarget', 'resetMisses'] },
  },
});

/** The marketing question, asked once after a booking. Anything else is handled as usual from idle. */
export const marketingState = s.createStateConfig({
  entry: [
    reply('askMarketing'),
    'markMarketingAsked',
    'noteMarketingAsked',
    'clearJustBooked',
    'clearMarketingReasked',
  ],
  on: {
    USER: onUser([
      // A yes sent before this question existed (the booking's "sí" sent twice): ignored, and the
      // question stays open — consent is only ever an answer to it.
      { guard: 'repeatsEarlierYes' },
      // issue 9/14 (session 3): consent only from the button or an explicit yes ("sí", "yes", "sim").
      {
        guard: 'grantsMarketing',
        target: 'idle',
        actions: [recordConsent(true, 'chat:question'), reply('marketingGranted')],
      },
      // An old "Confirmar" (the booking's) tapped again: no answer to this question, which stays open.
      // Asked again once (like after "👍" below; neither is a miss): never the same message twice in a row.
      { guard: 'tappedOtherAnswer', actions: ['noteMarketingReasked', askMarketingAgain] },
      {
        guard: 'saidNoToOffers',
        target: 'idle',
        actions: [recordConsent(false, 'chat:question'), reply('marketingDeclined')],
      },
      // issue 9/14 (session 3): "👍" / "ok" is no consent: the question once more, with its two buttons. It is
      // no miss either: a message not understood next gets the first "sorry", not the way out.
      { guard: 'ackNotYetReasked', actions: ['noteMarketingReasked', askMarketingAgain] },
      { target: 'idle', actions: raise(({ event }) => event) },
    ]),
  },
});

/** After the booking flow: a person asked for → hand-off; a booking just made → the marketing question once. */
export const afterBooking = [
  { ...afterFlow[0], actions: [afterFlow[0].actions, 'clearJustBooked'] },
  { ...afterFlow[1], actions: [afterFlow[1].actions, 'clearJustBooked'] },
  { ...afterFlow[2], actions: [afterFlow[2].actions, 'clearJustBooked'] },
  { guard: 'shouldAskMarketing', target: 'marketing' },
  { target: 'idle', actions: 'clearJustBooked' },
] as const;

/** The flows on their own, for the Stately visualizer and model-based tests. */
export const accessMachine = s.createMachine({
  id: 'access',
  context: ({ input }) => standaloneContext(input),
  ...accessStates,
});
export const erasureMachine = s.createMachine({
  id: 'erasure',
  context: ({ input }) => standaloneContext(input),
  ...erasureStates,
});
