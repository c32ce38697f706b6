/**
 * Model-based paths through the engine's own code. xstate/graph finds a shortest path to every
 * state of the conversation machine (the sample events of samples.ts plus richer ones); each path
 * is replayed the way the engine steps: restore the stored snapshot with the contact facts known
 * now (restoreSnapshot), pure transition(), store it (serialize) — and must behave exactly
 * like the pure machine. Every `reply` effect on the way is rendered with the real copy in es, en
 * and pt and each formality, and must fit WhatsApp's limits as written (assertValid, no fitting).
 * A handful of paths then run end to end through the signed webhook with the fakes.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transition, type AnyEventObject } from 'xstate';
import { getShortestPaths } from 'xstate/graph';
import { conversationMachine, MACHINE_VERSION } from '../../machines/conversation.js';
import type {
  BookingSummary,
  ContactFacts,
  ConversationEvent,
  OpeningInterval,
  ReplySpec,
  SlotOption,
} from '../../machines/types.js';
import { render, type CopyContext } from '../../src/conversation/copy.js';
import { restoreSnapshot, serialize, stateName, type ConversationSnapshot } from '../../src/engine/snapshots.js';
import { assertValid } from '../../src/whatsapp/limits.js';
import type { OutgoingMessage } from '../../src/whatsapp/types.js';
import { startHarness, type Harness } from '../support/harness.js';
import { booking, other, SAMPLE_EVENTS, user } from '../support/machine-samples.js';

const NOW = new Date('2026-11-25T08:00:00Z'); // Wednesday 09:00 in Madrid
const TZ = 'Europe/Madrid';
const LANGUAGES = ['es', 'en', 'pt'] as const;
const FORMALITIES = ['tu', 'vos', 'usted'] as const;

/** Ten free times over three days, starting today (a list with day sections). */
const TEN: SlotOption[] = [
  '2026-11-25T15:30',
  '2026-11-25T16:00',
  '2026-11-25T16:30',
  '2026-11-26T08:00',
  '2026-11-26T08:30',
  '2026-11-26T12:00',
  '2026-11-27T09:00',
  '2026-11-27T10:30',
  '2026-11-27T16:00',
  '2026-11-27T16:30',
].map((t) => ({
  start: new Date(`${t}:00Z`).toISOString(),
  end: new Date(new Date(`${t}:00Z`).getTime() + 30 * 60_000).toISOString(),
}));
/** Monday–Friday 9–18 and Saturday 10–14 (ISO weekdays). */
const WEEK: OpeningInterval[] = [
  ...([1, 2, 3, 4, 5] as const).map((weekday) => ({ weekday, from: '09:00', to: '18:00' })),
  { weekday: 6, from: '10:00', to: '14:00' },
];
const LONG_TITLE =
  'Primera consulta de valoración con la doctora Fernández-Villalobos (presencial, clínica de Chamberí)';
const MANY: BookingSummary[] = Array.from({ length: 12 }, (_, i) => ({
  uid: `bk-m${i}`,
  start: TEN[i % 10]!.start,
  end: TEN[i % 10]!.end,
  title: i % 2 ? LONG_TITLE : undefined,
}));

/** The sample events plus the richest shapes the effects can produce. */
const EVENTS: ConversationEvent[] = [
  ...SAMPLE_EVENTS,
  { type: 'SLOTS_LOADED', exact: null, options: TEN, widened: true },
  user('cancel', {}, MANY),
  user('reschedule', {}, MANY),
  { type: 'BOOKED', booking: { ...booking, title: LONG_TITLE } },
];

/**
 * Contacts as the engine's facts() builds them: with a WhatsApp profile name, and without one on an
 * event type needing the e-mail.
 */
const CONTACTS: Array<{ label: string; facts: ContactFacts }> = [
  {
    label: 'named contact',
    facts: { language: 'es', name: 'Ana García', bookingUrl: 'https://cal.example/demo/30min' },
  },
  {
    label: 'nameless contact, e-mail required',
    facts: { language: 'es', emailRequired: true, bookingUrl: 'https://cal.example/demo/30min' },
  },
];

const stateKey = (s: { value: unknown }) => JSON.stringify(s.value);
const eventName = (e: AnyEventObject) =>
  e.type === 'USER' ? `USER(${(e as { input?: { intent?: string } }).input?.intent})` : e.type;
/** JSON with sorted keys and no undefined: what the database keeps. */
const canonical = (v: unknown): string =>
  JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x as object).sort(([a], [b]) => a.localeCompare(b)))
      : x,
  );
const effectsOf = (actions: Array<{ type: string; params?: unknown }>) =>
  actions.map((a) => ({ type: a.type, params: a.params ?? null }));

/** Renders a reply in every language and formality and checks it against WhatsApp's limits, unfitted. */
function renderEverywhere(spec: ReplySpec, contact: ContactFacts): OutgoingMessage[] {
  const out: OutgoingMessage[] = [];
  for (const language of LANGUAGES) {
    for (const formality of FORMALITIES) {
      const ctx: CopyContext = {
        contact: { ...contact, language, formality },
        timeZone: TZ,
        now: NOW,
        eventTitle: LONG_TITLE,
        lengthMinutes: 30,
        bookingUrl: contact.bookingUrl ?? 'https://cal.example/demo/30min',
      };
      const where = `${spec.key} in ${language}/${formality}`;
      const message = render(spec, ctx);
      expect(message, `${where}: render gave nothing`).toBeTruthy();
      try {
        assertValid(message);
      } catch (err) {
        throw new Error(`${where}: ${(err as Error).message}\n${JSON.stringify(message, null, 1)}`, { cause: err });
      }
      const text = JSON.stringify(message);
      expect(text, `${where}: ${text}`).not.toMatch(/undefined|null|NaN|Invalid DateTime|\[object Object\]/);
      out.push(message);
    }
  }
  return out;
}

const replyKeysSeen = new Set<string>();

for (const { label, facts } of CONTACTS) {
  describe(`engine paths (${label})`, () => {
    const paths = getShortestPaths(conversationMachine, {
      events: EVENTS as never,
      input: { contact: facts },
      serializeState: stateKey as never,
      limit: 5000,
    } as never);

    it('the graph reaches the states of every flow', () => {
      const reached = new Set(paths.map((p) => stateName(p.state.value).split('.')[0]));
      expect([...reached].sort()).toEqual([
        'access',
        'anotherBooking',
        'booking',
        'cancellation',
        'confirmation',
        'erasure',
        'feedback',
        'handoff',
        'idle',
        'marketing',
        'rescheduling',
      ]);
    });

    for (const path of paths) {
      const steps = path.steps.slice(1); // the first step is xstate.init
      const name = steps.map((s) => eventName(s.event)).join(' → ') || '(first message)';
      it(`path to ${stateName(path.state.value)}: ${name}`, () => {
        // The engine: the snapshot lives in the database between steps; the contact facts come from the Contact row.
        let stored: { snapshot: string; machineVersion: number } | null = null;
        const contact: ContactFacts = { ...facts };
        // The pure machine, never persisted: the reference.
        let pure = restoreSnapshot(null, facts).snapshot;
        for (const { event } of steps) {
          const restored = restoreSnapshot(stored, contact);
          expect(restored.restarted, 'a stored snapshot of this version must restore').toBe(false);
          const snapshot: ConversationSnapshot = restored.snapshot;
          expect(snapshot.value).toEqual(pure.value);
          expect(canonical(snapshot.context), `context after restore, before ${eventName(event)}`).toBe(
            canonical(pure.context),
          );

          const [next, actions] = transition(conversationMachine, snapshot, event as ConversationEvent);
          const [pureNext, pureActions] = transition(conversationMachine, pure, event as ConversationEvent);
          expect(next.value).toEqual(pureNext.value);
          expect(canonical(effectsOf(actions)), `effects of ${eventName(event)}`).toBe(
            canonical(effectsOf(pureActions)),
          );
          if (event.type === 'USER')
            expect(
              actions.length,
              `${eventName(event)} at ${stateName(snapshot.value)} left the person without an answer`,
            ).toBeGreaterThan(0);

          stored = { snapshot: serialize(next), machineVersion: MACHINE_VERSION };
          // What the effects change on the Contact row, which the next step's facts come from.
          for (const a of actions) {
            if (a.type === 'saveEmail') contact.email = (a.params as { email: string }).email;
            if (a.type === 'createBooking' && !contact.name && (a.params as { attendeeName?: string }).attendeeName)
              contact.name = (a.params as { attendeeName: string }).attendeeName;
          }
          // The engine renders replies with the context stored after the step.
          const ctx = restoreSnapshot(stored, contact).snapshot.context;
          for (const a of actions) {
            if (a.type !== 'reply') continue;
            replyKeysSeen.add((a.params as ReplySpec).key);
            renderEverywhere(a.params as ReplySpec, ctx.contact);
          }
          pure = pureNext;
        }
        expect(stateKey(restoreSnapshot(stored, contact).snapshot)).toBe(stateKey(path.state));
      });
    }
  });
}

/**
 * Every reply the machines ask for, with the longest data we can produce. Partial: reply keys the
 * contract declares before any machine uses them need no case yet — the test below fails as soon as
 * a path asks for a reply that has none.
 */
const d = (i: number) => TEN[i]!;
const bk = (i: number, title?: string): BookingSummary => ({
  uid: `bk-${i}`,
  start: d(i).start,
  end: d(i).end,
  ...(title ? { title } : {}),
});
const WORST: Record<string, ReplySpec[]> = {
  greeting: [{ key: 'greeting' }],
  help: [{ key: 'help' }],
  thanks: [{ key: 'thanks' }],
  acknowledged: [{ key: 'acknowledged' }],
  human: [{ key: 'human' }],
  optedOut: [{ key: 'optedOut' }],
  mediaNotSupported: [{ key: 'mediaNotSupported' }],
  expiredOption: [{ key: 'expiredOption' }],
  didntUnderstand: [
    { key: 'didntUnderstand', misses: 0 },
    { key: 'didntUnderstand', misses: 2 },
  ],
  offerSlots: [
    ...(['book', 'reschedule'] as const).flatMap((purpose) => [
      { key: 'offerSlots' as const, requested: null, options: TEN, taken: false, widened: false, purpose },
      { key: 'offerSlots' as const, requested: null, options: TEN.slice(0, 3), taken: true, widened: false, purpose },
      {
        key: 'offerSlots' as const,
        requested: { start: '2026-11-26T17:00:00+01:00', end: '2026-11-26T17:01:00+01:00', grain: 'minute' as const },
        options: TEN.slice(3, 6),
        taken: false,
        widened: false,
        purpose,
      },
      {
        key: 'offerSlots' as const,
        requested: { start: '2026-11-26T00:00:00+01:00', end: '2026-11-27T00:00:00+01:00', grain: 'day' as const },
        options: TEN,
        taken: false,
        widened: true,
        purpose,
      },
      {
        key: 'offerSlots' as const,
        requested: { start: '2026-11-30T00:00:00+01:00', end: '2026-12-07T00:00:00+01:00', grain: 'week' as const },
        options: TEN,
        taken: false,
        widened: false,
        purpose,
      },
      {
        key: 'offerSlots' as const,
        requested: { start: '2026-12-01T00:00:00+01:00', end: '2027-01-01T00:00:00+01:00', grain: 'month' as const },
        options: TEN.slice(0, 1),
        taken: false,
        widened: true,
        purpose,
      },
      // "antes" before the day's first open time (new-user run): the nearest times of the days before.
      {
        key: 'offerSlots' as const,
        requested: { start: '2026-11-19T00:00:00+01:00', end: '2026-11-26T00:00:00+01:00', grain: 'week' as const },
        options: TEN,
        taken: false,
        widened: false,
        purpose,
        nothingEarlierThan: '2026-11-26T09:00:00+01:00',
      },
    ]),
  ],
  noSlots: [
    { key: 'noSlots', requested: null },
    {
      key: 'noSlots',
      requested: { start: '2026-11-25T00:00:00+01:00', end: '2026-11-26T00:00:00+01:00', grain: 'day' },
    },
  ],
  confirmSlot: [
    { key: 'confirmSlot', slot: d(0) },
    { key: 'confirmSlot', slot: d(9) },
  ],
  anotherBooking: [{ key: 'anotherBooking', slot: d(9), booking: bk(8, LONG_TITLE) }],
  nothingToConfirm: [{ key: 'nothingToConfirm' }],
  askName: [{ key: 'askName' }],
  askEmail: [
    { key: 'askEmail', retry: false },
    { key: 'askEmail', retry: true },
  ],
  booked: [
    { key: 'booked', booking: bk(1) },
    { key: 'booked', booking: bk(8, LONG_TITLE) },
  ],
  bookingAbandoned: [{ key: 'bookingAbandoned' }],
  calendarDown: [{ key: 'calendarDown' }],
  noBookings: (['reschedule', 'cancel', 'confirm'] as const).map((purpose) => ({
    key: 'noBookings' as const,
    purpose,
  })),
  chooseBooking: (['reschedule', 'cancel'] as const).flatMap((purpose) => [
    { key: 'chooseBooking' as const, bookings: MANY.slice(0, 2), purpose },
    { key: 'chooseBooking' as const, bookings: MANY, purpose },
  ]),
  confirmReschedule: [{ key: 'confirmReschedule', from: bk(0), to: d(9) }],
  rescheduled: [{ key: 'rescheduled', booking: bk(7, LONG_TITLE) }],
  confirmCancel: [{ key: 'confirmCancel', booking: bk(2) }],
  cancelled: [{ key: 'cancelled', booking: bk(5) }],
  keptBooking: [
    { key: 'keptBooking', booking: bk(3) },
    { key: 'keptBooking', booking: null },
  ],
  attendanceConfirmed: [{ key: 'attendanceConfirmed', booking: bk(6) }],
  askRating: [{ key: 'askRating', booking: bk(4) }],
  askComment: [{ key: 'askComment' }],
  feedbackThanks: [{ key: 'feedbackThanks' }],
  myBookings: [
    { key: 'myBookings', bookings: [] },
    { key: 'myBookings', bookings: [bk(1)] },
    { key: 'myBookings', bookings: MANY.slice(0, 3) },
    { key: 'myBookings', bookings: MANY },
  ],
  closed: [
    {
      key: 'closed',
      requested: { start: '2026-11-29T11:00:00+01:00', end: '2026-11-29T11:01:00+01:00', grain: 'minute' },
      hours: WEEK,
      options: TEN,
    },
    { key: 'closed', requested: null, hours: WEEK, options: TEN.slice(0, 3) },
    {
      key: 'closed',
      requested: { start: '2026-11-28T00:00:00+01:00', end: '2026-11-29T00:00:00+01:00', grain: 'day' },
      hours: WEEK,
      options: TEN.slice(0, 2),
    },
    { key: 'closed', requested: null, hours: [], options: [] },
  ],
  businessAnswer: (
    ['price', 'address', 'parking', 'services', 'hours', 'payment', 'cancellation_policy', 'other'] as const
  ).flatMap((topic) => [
    { key: 'businessAnswer' as const, topic },
    { key: 'businessAnswer' as const, topic, inFlow: true },
  ]),
  unknownQuestion: [{ key: 'unknownQuestion' }, { key: 'unknownQuestion', inFlow: true }],
  nameUpdated: [{ key: 'nameUpdated', name: 'Maximiliano Alejandro de la Santísima Trinidad' }],
  emailUpdated: [{ key: 'emailUpdated', email: 'maximiliano.alejandro@example.com' }],
  bookingRequested: [{ key: 'bookingRequested', booking: bk(8, LONG_TITLE) }],
  bookingRefused: (['too_soon', 'too_far', 'in_past', 'booker_limit', 'invalid_phone', 'missing_fields'] as const).map(
    (reason) => ({ key: 'bookingRefused' as const, reason }),
  ),
  askBookingField: [
    { key: 'askBookingField', label: LONG_TITLE, retry: false },
    {
      key: 'askBookingField',
      label: 'How did you hear about us?',
      options: ['Instagram', 'A friend', 'Google', 'Walking by'],
      retry: true,
    },
  ],
  handoffStarted: [
    { key: 'handoffStarted', hours: WEEK, openNow: false },
    { key: 'handoffStarted', hours: WEEK, openNow: true },
  ],
  handoffEnded: [{ key: 'handoffEnded' }],
  stuck: [{ key: 'stuck' }],
  notUnderstood: [
    { key: 'notUnderstood', media: true },
    { key: 'notUnderstood', media: false },
  ],
  nameUpdatedTitle: [{ key: 'nameUpdated', name: 'Don Ramón' }],
  staffMessage: [{ key: 'staffMessage', text: 'Hola Ana, soy Marta: te llamo en cinco minutos.' }],
  // Privacy and consent (issue 14).
  privacySummary: [
    {
      key: 'privacySummary',
      summary: {
        name: 'Maximiliano Alejandro de la Santísima Trinidad',
        email: 'maximiliano.alejandro@example.com',
        phoneMasked: '+34 ••• •• 44',
        since: '2026-01-01T00:00:00.000Z',
        bookings: { upcoming: 10, past: 250 },
        messages: { received: 12000, sent: 13000 },
        feedback: 250,
        marketingConsent: true,
        optedOut: true,
        retentionDays: 36500,
      },
      url: `https://reserva.example/privacy/export/${'A'.repeat(43)}`,
      expiresAt: '2026-11-26T08:00:00.000Z',
    },
  ],
  privacyUnavailable: [{ key: 'privacyUnavailable' }],
  confirmErase: [{ key: 'confirmErase' }],
  eraseCancelBookings: [
    { key: 'eraseCancelBookings', bookings: [bk(1, LONG_TITLE)] },
    { key: 'eraseCancelBookings', bookings: Array.from({ length: 10 }, (_, i) => bk(i, LONG_TITLE)) },
  ],
  eraseKept: [{ key: 'eraseKept' }],
  eraseFailed: [{ key: 'eraseFailed' }],
  erased: [{ key: 'erased' }],
  askMarketing: [{ key: 'askMarketing' }],
  marketingGranted: [{ key: 'marketingGranted' }],
  marketingDeclined: [{ key: 'marketingDeclined' }],
  marketingRevoked: [{ key: 'marketingRevoked' }],
  optedIn: [{ key: 'optedIn' }],
};

describe('copy: every reply fits WhatsApp in es, en and pt and every formality', () => {
  for (const [key, specs] of Object.entries(WORST)) {
    it(`${key}`, () => {
      for (const spec of specs ?? []) {
        for (const name of ['Ana', 'Maximiliano Alejandro de la Santísima Trinidad', undefined])
          renderEverywhere(spec, { language: 'es', name });
      }
    });
  }
  it('free times and bookings on any day of a year fit (longest weekday and month names, 12-hour clock)', () => {
    for (let day = 0; day < 366; day++) {
      const base = Date.parse('2027-01-01T09:30:00Z') + day * 86_400_000;
      const options = [0, 1, 2, 3].map((i) => ({
        start: new Date(base + i * 3_600_000).toISOString(),
        end: new Date(base + i * 3_600_000 + 30 * 60_000).toISOString(),
      }));
      for (const language of LANGUAGES) {
        const ctx: CopyContext = {
          contact: { language },
          timeZone: TZ,
          now: NOW,
          eventTitle: 'Cita',
          lengthMinutes: 30,
        };
        for (const spec of [
          { key: 'offerSlots', requested: null, options, taken: false, widened: false, purpose: 'book' },
          {
            key: 'offerSlots',
            requested: null,
            options: options.slice(0, 3),
            taken: false,
            widened: false,
            purpose: 'book',
          },
          { key: 'chooseBooking', bookings: options.map((o, i) => ({ uid: `b${i}`, ...o })), purpose: 'cancel' },
        ] as ReplySpec[]) {
          const message = render(spec, ctx);
          expect(
            () => assertValid(message),
            `${spec.key} in ${language} on ${options[0]!.start}: ${JSON.stringify(message)}`,
          ).not.toThrow();
        }
      }
    }
  });
  it('covers every reply the paths asked for', () => {
    for (const key of replyKeysSeen) expect(Object.keys(WORST), `reply ${key} has no worst case here`).toContain(key);
  });
  it('a list of ten free times over three days has day sections and at most ten rows', () => {
    const [list] = renderEverywhere(
      { key: 'offerSlots', requested: null, options: TEN, taken: false, widened: false, purpose: 'book' },
      { language: 'es' },
    );
    expect(list?.type).toBe('list');
    if (list?.type === 'list') {
      expect(list.sections.map((s) => s.title)).toEqual(['Hoy · 25 nov', 'Mañana · 26 nov', 'Viernes 27 de nov']);
      expect(list.sections.flatMap((s) => s.rows)).toHaveLength(10);
    }
  });
});

// ——— Paths end to end: the signed webhook, the real engine and database, the fake Cal.com and Graph API. ———

const THU = (hhmm: string) => new Date(`2026-11-26T${hhmm}:00+01:00`).toISOString();

describe('engine paths end to end through the webhook (fake Cal.com)', () => {
  let h: Harness;
  let phoneSeq = 0;
  beforeAll(async () => {
    h = await startHarness({ provider: 'calcom' });
  });
  afterAll(async () => {
    await h?.close();
  });

  /** A new person per test, so each path starts at idle. */
  const person = () => `3460020${String(++phoneSeq).padStart(4, '0')}`;
  async function state(phone: string): Promise<string> {
    const s = await h.reserva.engine.inspect(phone);
    return stateName(s?.state);
  }
  /** Every message we sent that person, as rendered (before any fitting), is valid for WhatsApp. */
  async function sentAreValid(phone: string): Promise<number> {
    const rows = await h.reserva.db.prisma.outboundMessage.findMany({ where: { phone } });
    for (const r of rows) assertValid(JSON.parse(r.body) as OutgoingMessage);
    return rows.length;
  }
  async function turn(phone: string, what: Parameters<Harness['say']>[1], expected: string) {
    const replies = await h.say(phone, what);
    expect(replies.length, `no reply to ${JSON.stringify(what)}`).toBeGreaterThan(0);
    expect(await state(phone)).toBe(expected);
    return replies;
  }

  it('book exact → confirm → booked: idle → booking.searching → holding → confirming → booking → idle', async () => {
    const p = person();
    const [offer] = await turn(p, 'Quiero una cita mañana a las 17:00', 'booking.confirming');
    expect(offer!.options.map((o) => o.id)).toEqual(['v1:confirm', 'v1:decline', 'v1:cancel']);
    // A first booking: the marketing question follows, once (issue 14).
    const [done, ask] = await turn(p, { button: 'v1:confirm', title: 'Confirmar' }, 'marketing');
    expect(done!.text).toContain('✅');
    expect(ask!.options.map((o) => o.id)).toEqual(['v1:offers:yes', 'v1:offers:no']);
    expect([...h.cal!.bookings.values()].some((b) => b.start === THU('17:00') && b.status === 'accepted')).toBe(true);
    expect(await sentAreValid(p)).toBe(3);
  });

  it('busy, choose, confirm: idle → booking.searching → choosing → holding → confirming → booking → idle', async () => {
    const p = person();
    h.cal!.addBooking(THU('12:00'));
    const [offer] = await turn(p, 'Quiero una cita mañana a las 12', 'booking.choosing');
    const pick = offer!.options[0]!;
    await turn(
      p,
      offer!.type === 'list' ? { row: pick.id, title: pick.title } : { button: pick.id, title: pick.title },
      'booking.confirming',
    );
    const [done] = await turn(p, { button: 'v1:confirm', title: 'Confirmar' }, 'marketing');
    expect(done!.text).toContain('✅');
    expect(await sentAreValid(p)).toBe(4);
  });

  it('path reschedule: idle → rescheduling.searching → confirming → moving → idle', async () => {
    const p = person();
    await turn(p, 'Quiero una cita mañana a las 16:00', 'booking.confirming');
    await turn(p, 'sí', 'marketing');
    const [move] = await turn(p, 'Quiero cambiar mi cita al viernes a las 11', 'rescheduling.confirming');
    expect(move!.text).toMatch(/viernes 27 de noviembre a las 11:00/);
    const [moved] = await turn(p, 'confirmar', 'idle');
    expect(moved!.text).toContain('✅');
    const mine = [...h.cal!.bookings.values()].filter(
      (b) => b.status === 'accepted' && b.start === new Date('2026-11-27T11:00:00+01:00').toISOString(),
    );
    expect(mine).toHaveLength(1);
    expect(await sentAreValid(p)).toBe(5);
  });

  it('"Mantener" under a proposed move keeps the appointment, and tapped again later cancels nothing', async () => {
    const p = person();
    await turn(p, 'Quiero una cita mañana a las 16:30', 'booking.confirming');
    await turn(p, 'sí', 'marketing');
    const [move] = await turn(p, 'Quiero cambiar mi cita al viernes a las 13:30', 'rescheduling.confirming');
    const keep = move!.options.find((o) => o.id === 'v1:keep')!;
    expect(keep).toBeDefined();
    const [kept] = await turn(p, { button: keep.id, title: keep.title }, 'idle');
    expect(kept!.text).toMatch(/mantengo|no cambio/i);
    // The same button tapped again from the old message: no cancel question, the booking stays.
    const [later] = await turn(p, { button: keep.id, title: keep.title }, 'idle');
    expect(later!.text).not.toMatch(/¿Cancelo/);
    expect(later!.text).toMatch(/16:30/); // where the appointment stands
    expect(
      [...h.cal!.bookings.values()].filter((b) => b.status === 'accepted' && b.start === THU('16:30')),
    ).toHaveLength(1);
  });

  it('path cancel: idle → cancellation.confirming → cancelling → idle', async () => {
    const p = person();
    await turn(p, 'Quiero una cita mañana a las 15:00', 'booking.confirming');
    await turn(p, 'sí', 'marketing');
    const [ask] = await turn(p, 'cancela mi cita', 'cancellation.confirming');
    expect(ask!.options.map((o) => o.id)).toContain('v1:confirm');
    const [gone] = await turn(p, { button: 'v1:confirm', title: 'Sí, cancelar' }, 'idle');
    expect(gone!.text).toMatch(/cancelado/);
    expect([...h.cal!.bookings.values()].find((b) => b.start === THU('15:00'))?.status).toBe('cancelled');
    expect(await sentAreValid(p)).toBe(5);
  });

  it('2+ bookings, move one: idle → rescheduling.choosingBooking → searching → choosingSlot → confirming', async () => {
    const p = person();
    for (const time of ['10:00', '10:30']) {
      await turn(p, `Quiero una cita mañana a las ${time}`, 'booking.confirming');
      // The marketing question follows the first booking only.
      await turn(p, 'sí', time === '10:00' ? 'marketing' : 'idle');
    }
    const [which] = await turn(p, 'quiero cambiar mi cita', 'rescheduling.choosingBooking');
    expect(which!.options).toHaveLength(2);
    const [slots] = await turn(
      p,
      { button: which!.options[0]!.id, title: which!.options[0]!.title },
      'rescheduling.choosingSlot',
    );
    const pick = slots!.options[0]!;
    await turn(
      p,
      slots!.type === 'list' ? { row: pick.id, title: pick.title } : { button: pick.id, title: pick.title },
      'rescheduling.confirming',
    );
    const [moved] = await turn(p, { button: 'v1:confirm', title: 'Confirmar' }, 'idle');
    expect(moved!.text).toContain('✅');
    await sentAreValid(p);
  });
});

describe('engine path end to end: no WhatsApp name, the event type needs the e-mail (demo calendar)', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ provider: 'demo' });
    const cal = h.reserva.calendar;
    const eventType = cal.eventType.bind(cal);
    cal.eventType = async () => ({ ...(await eventType()), requiresEmail: true });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('book → confirm → askingName → askingEmail → booked: the name typed earlier reaches the booking', async () => {
    const p = '34600300001';
    const say = async (what: string, expected: string) => {
      const replies = await h.say(p, what, { name: '' });
      expect(replies.length, `no reply to ${what}`).toBeGreaterThan(0);
      expect(stateName((await h.reserva.engine.inspect(p))?.state)).toBe(expected);
      return replies;
    };
    await say('Quiero una cita mañana a las 13:00', 'booking.confirming');
    await say('sí', 'booking.askingName');
    await say('Lucía Pérez', 'booking.askingEmail');
    const [done] = await say('lucia@example.com', 'marketing');
    expect(done!.text).toContain('✅');
    const [row] = await h.reserva.db.prisma.demoBooking.findMany({ where: { start: new Date(THU('13:00')) } });
    expect(row).toMatchObject({ attendeeName: 'Lucía Pérez', attendeeEmail: 'lucia@example.com' });
    expect(await h.reserva.db.prisma.contact.findUnique({ where: { phone: p } })).toMatchObject({
      name: 'Lucía Pérez',
      email: 'lucia@example.com',
    });
  });
});

// Keep `other` in use for readers comparing with model-based.test.ts (the same sample bookings).
void other;
