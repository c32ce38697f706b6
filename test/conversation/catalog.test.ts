/**
 * The reply catalog: every reply key rendered in every locale × register (es-tú, es-vos, es-usted,
 * en, pt) with representative and extreme data must be a message WhatsApp accepts as rendered
 * (assertValid, no fitting), never a button message without buttons, and must speak one register:
 * a word list per register rejects the forms of the others (and Spanish in English or Portuguese).
 * Then the smaller defects of issue 9 that live in the copy, each as the behaviour it fixes.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type {
  BookingSummary,
  ContactFacts,
  OpeningInterval,
  ReplySpec,
  SlotOption,
  When,
} from '../../machines/types.js';
import { DEMO_EVENT_TITLE } from '../../src/calendar/demo/provider.js';
import { parseButtonId } from '../../src/conversation/buttons.js';
import { CATALOGS, VOICES, voiceOf, type Voice } from '../../src/conversation/catalog/index.js';
import { render, type CopyContext } from '../../src/conversation/copy.js';
import { renderNotice, renderReminder, type Notice } from '../../src/conversation/notices.js';
import { renderUpsell, renderWinback } from '../../src/conversation/offers.js';
import type { Knowledge } from '../../src/knowledge/types.js';
import { assertValid, LIMITS } from '../../src/whatsapp/limits.js';
import type { OutgoingMessage } from '../../src/whatsapp/types.js';

const NOW = new Date('2026-11-25T08:00:00Z'); // Wednesday 09:00 in Madrid
const TZ = 'Europe/Madrid';
const URL = 'https://cal.example/demo/30min';
const LONG_TITLE =
  'Primera consulta de valoración con la doctora Fernández-Villalobos (presencial, clínica de Chamberí)';
const LONG_NAME = 'Maximiliano Alejandro de la Santísima Trinidad Fernández-Villalobos y Bustamante';

const FACTS: Record<Voice, Pick<ContactFacts, 'language' | 'formality'>> = {
  'es-tu': { language: 'es', formality: 'tu' },
  'es-vos': { language: 'es', formality: 'vos' },
  'es-usted': { language: 'es', formality: 'usted' },
  en: { language: 'en' },
  pt: { language: 'pt' },
};

const iso = (ms: number) => new Date(ms).toISOString();
/** n free times, four a day from today (09:30, 11:30, 13:30, 15:30 in Madrid), 30 minutes each. */
const slots = (n: number, minutes = 30): SlotOption[] =>
  Array.from({ length: n }, (_, i) => {
    const start = Date.UTC(2026, 10, 25 + Math.floor(i / 4), 8 + (i % 4) * 2, 30);
    return { start: iso(start), end: iso(start + minutes * 60_000) };
  });
/** Booking titles as data: a long one (in the person's language for the register check), the demo's, none. */
let longTitle = LONG_TITLE;
let longName = LONG_NAME;
const bookings = (n: number): BookingSummary[] =>
  slots(n).map((s, i) => ({
    uid: `0b8f2c1e-5d4a-4e7b-9c3d-${String(i).padStart(12, '0')}`,
    ...s,
    ...(i % 3 === 1 ? { title: longTitle } : i % 3 === 2 ? { title: `${DEMO_EVENT_TITLE} – Zoe` } : {}),
  }));
/** Where the appointment is (Cal.com's location: an address or a meeting link). */
const withLocation = (b: BookingSummary, location: string): BookingSummary => ({ ...b, location }) as BookingSummary;
const at = (local: string, grain: string, minutes: number): When => {
  const start = Date.parse(`${local}+01:00`);
  return { start: iso(start), end: iso(start + minutes * 60_000), grain };
};
const REQUESTS: Array<When | null> = [
  null,
  at('2026-11-26T17:00:00', 'minute', 1),
  at('2026-11-26T14:00:00', 'hour', 300), // "mañana por la tarde"
  at('2026-11-25T00:00:00', 'day', 1440),
  at('2026-11-26T00:00:00', 'day', 1440),
  at('2026-12-02T00:00:00', 'day', 4 * 1440), // "del 2 al 5"
  at('2026-11-30T00:00:00', 'week', 7 * 1440),
  at('2026-12-01T00:00:00', 'month', 31 * 1440),
];
const SUNDAY_11 = at('2026-11-29T11:00:00', 'minute', 1);
const SATURDAY_20 = at('2026-11-28T20:00:00', 'minute', 1);
const HOLIDAY = at('2026-12-08T00:00:00', 'day', 1440); // a Tuesday, closed that day
const week = (days: number[], from: string, to: string): OpeningInterval[] =>
  days.map((weekday) => ({ weekday: weekday as OpeningInterval['weekday'], from, to }));
const HOURS: OpeningInterval[][] = [
  [...week([1, 2, 3, 4, 5], '09:00', '18:00'), ...week([6], '10:00', '14:00')],
  [...week([1, 2, 3, 4, 5], '09:00', '14:00'), ...week([1, 2, 3, 4, 5], '16:00', '20:00')],
  week([1, 2, 3, 4, 5, 6, 7], '08:00', '22:00'),
  [...week([1, 3, 5], '09:00', '13:00'), ...week([2, 4], '15:00', '19:30')],
  [],
];

const KNOWLEDGE = (lang: 'es' | 'en' | 'pt'): Knowledge => {
  const t = (es: string, en: string, pt: string) => ({ es, en, pt })[lang];
  return {
    name: 'Peluquería Zoe',
    address: { text: 'Calle Mayor 1, 28013 Madrid', mapUrl: 'https://maps.example/?q=Calle+Mayor+1' },
    hoursText: {
      [lang]: t('Lunes a viernes, 9:00–18:00.', 'Monday to Friday, 9:00–18:00.', 'Segunda a sexta, 9:00–18:00.'),
    },
    parking: {
      [lang]: t(
        'Hay un aparcamiento público a 50 metros.',
        'There is a public car park 50 metres away.',
        'Há um estacionamento público a 50 metros.',
      ),
    },
    payment: t('Efectivo y tarjeta.', 'Cash and card.', 'Dinheiro e cartão.'),
    cancellationPolicy: t(
      'Cancelaciones gratis hasta 24 horas antes.',
      'Free cancellation up to 24 hours before.',
      'Cancelamento grátis até 24 horas antes.',
    ),
    services: [
      {
        id: 'cut',
        name: { es: 'Corte', en: 'Haircut', pt: 'Corte' },
        price: '25 €',
        durationMinutes: 30,
        description: t('Lavado incluido.', 'Wash included.', 'Lavagem incluída.'),
      },
      { id: 'colour', name: { es: 'Color', en: 'Colour', pt: 'Coloração' }, price: '40 €', durationMinutes: 90 },
      { id: 'beard', name: { es: 'Barba', en: 'Beard', pt: 'Barba' }, durationMinutes: 15 },
    ],
    faq: [
      {
        id: 'kids',
        questions: {},
        answer: t(
          'Atendemos a niños desde los 3 años.',
          'We see children from age 3.',
          'Atendemos crianças a partir de 3 anos.',
        ),
      },
    ],
  };
};
const HUGE_KNOWLEDGE: Knowledge = {
  name: 'N'.repeat(300),
  hoursText: 'Horario de invierno y de verano. '.repeat(200),
  parking: 'x'.repeat(5000),
  services: Array.from({ length: 40 }, (_, i) => ({
    id: `s${i}`,
    name: `${LONG_TITLE} ${i}`,
    price: `desde ${i * 10} € ${'+'.repeat(50)}`,
    durationMinutes: 45,
    description: LONG_TITLE,
  })),
  faq: [{ id: 'long', questions: {}, answer: LONG_TITLE.repeat(60) }],
};

/** Every reply key (a missing one is a type error) with representative and extreme data. */
const specs = (): { [K in ReplySpec['key']]: Array<Extract<ReplySpec, { key: K }>> } => ({
  greeting: [{ key: 'greeting' }],
  help: [{ key: 'help' }],
  thanks: [{ key: 'thanks' }],
  acknowledged: [{ key: 'acknowledged' }],
  human: [{ key: 'human' }],
  optedOut: [{ key: 'optedOut' }],
  mediaNotSupported: [{ key: 'mediaNotSupported' }],
  expiredOption: [{ key: 'expiredOption' }],
  didntUnderstand: [0, 1, 2, 3].map((misses) => ({ key: 'didntUnderstand' as const, misses })),
  offerSlots: [0, 1, 3, 4, 10, 11].flatMap((n) =>
    (n === 3 || n === 10 ? REQUESTS : REQUESTS.slice(0, 2)).flatMap((requested) =>
      (
        [
          [true, false],
          [false, false],
          [false, true],
        ] as const
      ).map(([taken, widened], i) => ({
        key: 'offerSlots' as const,
        requested,
        options: slots(n),
        taken,
        widened,
        purpose: i === 1 ? ('reschedule' as const) : ('book' as const),
      })),
    ),
  ),
  noSlots: REQUESTS.map((requested) => ({ key: 'noSlots' as const, requested })),
  confirmSlot: [slots(1)[0]!, slots(8)[7]!, slots(40)[39]!].map((slot) => ({ key: 'confirmSlot' as const, slot })),
  nothingToConfirm: [{ key: 'nothingToConfirm' }],
  anotherBooking: [{ key: 'anotherBooking', slot: slots(40)[39]!, booking: bookings(1)[0]! }],
  askName: [{ key: 'askName' }],
  askEmail: [
    { key: 'askEmail', retry: false },
    { key: 'askEmail', retry: true },
  ],
  booked: [
    ...bookings(30).filter((_, i) => i % 7 === 0 || i < 3),
    withLocation(bookings(9)[8]!, 'Calle Mayor 1, 28013 Madrid'),
    withLocation(bookings(9)[8]!, `https://meet.example/${'x'.repeat(300)}`),
  ].map((booking) => ({ key: 'booked' as const, booking })),
  bookingAbandoned: [{ key: 'bookingAbandoned' }],
  calendarDown: [{ key: 'calendarDown' }],
  noBookings: (['reschedule', 'cancel', 'confirm'] as const).map((purpose) => ({
    key: 'noBookings' as const,
    purpose,
  })),
  chooseBooking: [2, 3, 4, 10, 12].flatMap((n) =>
    (['reschedule', 'cancel'] as const).map((purpose) => ({
      key: 'chooseBooking' as const,
      bookings: bookings(n),
      purpose,
    })),
  ),
  confirmReschedule: [
    { key: 'confirmReschedule', from: bookings(1)[0]!, to: slots(8)[5]! },
    { key: 'confirmReschedule', from: bookings(20)[19]!, to: slots(30)[29]! },
  ],
  rescheduled: [...bookings(3), withLocation(bookings(9)[8]!, 'Calle Mayor 1')].map((booking) => ({
    key: 'rescheduled' as const,
    booking,
  })),
  confirmCancel: bookings(9)
    .filter((_, i) => i % 4 === 0)
    .map((booking) => ({ key: 'confirmCancel' as const, booking })),
  cancelled: bookings(9)
    .filter((_, i) => i % 4 === 0)
    .map((booking) => ({ key: 'cancelled' as const, booking })),
  keptBooking: [
    { key: 'keptBooking', booking: bookings(5)[4]! },
    { key: 'keptBooking', booking: null },
  ],
  attendanceConfirmed: bookings(6)
    .filter((_, i) => i % 4 === 0)
    .map((booking) => ({ key: 'attendanceConfirmed' as const, booking })),
  askRating: [{ key: 'askRating', booking: bookings(2)[1]! }],
  askComment: [{ key: 'askComment' }],
  feedbackThanks: [{ key: 'feedbackThanks' }],
  myBookings: [0, 1, 2, 3, 4, 10, 12].map((n) => ({ key: 'myBookings' as const, bookings: bookings(n) })),
  closed: HOURS.flatMap((hours) =>
    [SUNDAY_11, SATURDAY_20, HOLIDAY, null].flatMap((requested) =>
      [0, 3, 11].map((n) => ({ key: 'closed' as const, requested, hours, options: slots(n) })),
    ),
  ),
  businessAnswer: [
    ...(['price', 'address', 'parking', 'services', 'hours', 'payment', 'cancellation_policy', 'other'] as const).map(
      (topic) => ({
        key: 'businessAnswer' as const,
        topic,
      }),
    ),
    { key: 'businessAnswer', topic: 'other', faqId: 'kids' },
    { key: 'businessAnswer', topic: 'other', faqId: 'no-such-entry' },
  ],
  unknownQuestion: [{ key: 'unknownQuestion' }],
  nameUpdated: [
    { key: 'nameUpdated', name: 'Don Ramón' },
    { key: 'nameUpdated', name: longName.repeat(4) },
  ],
  emailUpdated: [
    { key: 'emailUpdated', email: 'zoe@example.com' },
    { key: 'emailUpdated', email: `${'z'.repeat(200)}@example.com` },
  ],
  bookingRequested: [...bookings(3), withLocation(bookings(9)[8]!, 'Calle Mayor 1')].map((booking) => ({
    key: 'bookingRequested' as const,
    booking,
  })),
  bookingRefused: (['too_soon', 'too_far', 'in_past', 'booker_limit', 'invalid_phone', 'missing_fields'] as const).map(
    (reason) => ({
      key: 'bookingRefused' as const,
      reason,
    }),
  ),
  askBookingField: [
    ...[0, 1, 3, 4, 10, 11].flatMap((n) =>
      [false, true].map((retry) => ({
        key: 'askBookingField' as const,
        label: 'Referral',
        options: n ? Array.from({ length: n }, (_, i) => `Option ${i + 1}`) : undefined,
        retry,
      })),
    ),
    { key: 'askBookingField', label: longTitle, options: ['A short one', longTitle], retry: false },
    {
      key: 'askBookingField',
      label: 'Referral',
      options: ['Exactly twenty-two ch', 'Another twenty-two chr'],
      retry: false,
    },
    { key: 'askBookingField', label: 'Referral', options: ['Same', 'same', ' Same ', ''], retry: true },
  ],
  handoffStarted: HOURS.flatMap((hours) =>
    [true, false].map((openNow) => ({ key: 'handoffStarted' as const, hours, openNow })),
  ),
  handoffEnded: [{ key: 'handoffEnded' }],
  backToBot: [{ key: 'backToBot' }],
  pickBookingFirst: [
    { key: 'pickBookingFirst', purpose: 'cancel' },
    { key: 'pickBookingFirst', purpose: 'reschedule' },
  ],
  emailIncomplete: [{ key: 'emailIncomplete' }],
  // issue 9/14 (session 3)
  handoffForwarded: [{ key: 'handoffForwarded' }],
  staffMessage: [
    { key: 'staffMessage', text: 'OK, 10:30.' },
    { key: 'staffMessage', text: 'x'.repeat(5000) },
  ],
  stuck: [{ key: 'stuck' }],
  optedIn: [{ key: 'optedIn' }],
  notUnderstood: [
    { key: 'notUnderstood', media: true },
    { key: 'notUnderstood', media: false },
  ],
  // Privacy and consent (issue 14).
  privacySummary: [
    { name: longName, email: `${'z'.repeat(200)}@example.com`, counts: 12345, flags: true },
    { name: null, email: null, counts: 1, flags: false },
    { name: 'Zoe', email: 'zoe@example.com', counts: 0, flags: false },
  ].map(({ name, email, counts, flags }) => ({
    key: 'privacySummary' as const,
    summary: {
      name,
      email,
      phoneMasked: '+34 ••• •• 44',
      since: '2026-01-01T00:00:00.000Z',
      bookings: { upcoming: counts, past: counts },
      messages: { received: counts * 10, sent: counts * 10 },
      feedback: counts,
      marketingConsent: flags,
      optedOut: flags,
      retentionDays: 36500,
    },
    url: `https://reserva.example/privacy/export/${'A'.repeat(43)}`,
    expiresAt: '2026-11-26T08:00:00.000Z',
  })),
  privacyUnavailable: [{ key: 'privacyUnavailable' }],
  confirmErase: [{ key: 'confirmErase' }],
  eraseCancelBookings: [1, 2, 5, 10].map((n) => ({ key: 'eraseCancelBookings' as const, bookings: bookings(n) })),
  eraseKept: [{ key: 'eraseKept' }],
  eraseFailed: [{ key: 'eraseFailed' }],
  erased: [{ key: 'erased' }],
  askMarketing: [{ key: 'askMarketing' }, { key: 'askMarketing', again: true }],
  marketingGranted: [{ key: 'marketingGranted' }],
  marketingDeclined: [{ key: 'marketingDeclined' }],
  marketingRevoked: [{ key: 'marketingRevoked' }],
  slowDown: [{ key: 'slowDown' }],
});
const ALL_SPECS: ReplySpec[] = Object.values(specs()).flat();
/** The same replies with neutral data (a long title of Zs), for the word-list check. */
longTitle = 'Zumba '.repeat(20).trim();
longName = 'Zoe '.repeat(30).trim();
const NEUTRAL_SPECS: ReplySpec[] = Object.values(specs()).flat();
longTitle = LONG_TITLE;
longName = LONG_NAME;

function ctxFor(
  voice: Voice,
  o: { name?: string; zoneNote?: string; knowledge?: Knowledge | null; bookingUrl?: string | null } = {},
): CopyContext {
  const facts = FACTS[voice];
  const lang = facts.language;
  return {
    contact: { ...facts, ...(o.name ? { name: o.name } : {}), ...(o.zoneNote ? { zoneNote: o.zoneNote } : {}) },
    timeZone: TZ,
    now: NOW,
    eventTitle: DEMO_EVENT_TITLE,
    lengthMinutes: 30,
    ...(o.bookingUrl === null ? {} : { bookingUrl: o.bookingUrl ?? URL }),
    ...(o.knowledge === null ? {} : { knowledge: o.knowledge ?? KNOWLEDGE(lang) }),
    openingHours: HOURS[0],
  };
}

/** Every string the person sees in a message. */
function visible(m: OutgoingMessage): string[] {
  switch (m.type) {
    case 'text':
      return [m.body];
    case 'buttons':
      return [m.body, ...m.buttons.map((b) => b.title)];
    case 'list':
      return [
        m.body,
        m.buttonText,
        ...m.sections.flatMap((s) => [s.title ?? '', ...s.rows.flatMap((r) => [r.title, r.description ?? ''])]),
      ];
    case 'template':
      return [m.preview ?? ''];
  }
}

function checkSendable(m: OutgoingMessage, where: string): void {
  try {
    assertValid(m);
  } catch (err) {
    throw new Error(`${where}: ${(err as Error).message}\n${JSON.stringify(m, null, 1)}`, { cause: err });
  }
  const all = visible(m).join('\n');
  expect(all, where).not.toMatch(/undefined|null|NaN|Invalid DateTime|\[object Object\]/);
  expect(all, `${where}: Markdown is not WhatsApp formatting`).not.toMatch(/\*\*|\]\(|^#/m);
  if (m.type !== 'template') {
    const emoji = m.body.match(/\p{Extended_Pictographic}/gu) ?? [];
    expect(emoji.length, `${where}: at most one emoji`).toBeLessThanOrEqual(1);
    expect((m.body.match(/\*/g) ?? []).length % 2, `${where}: unbalanced *bold*`).toBe(0);
  }
}

describe('every reply in every locale and register is a message WhatsApp accepts', () => {
  for (const voice of VOICES) {
    it(`${voice}: ${ALL_SPECS.length} replies × 3 contacts fit, as rendered`, () => {
      const contexts = [
        ctxFor(voice, { name: 'Zoe' }),
        ctxFor(voice, {
          name: LONG_NAME,
          zoneNote: voice === 'en' ? '(Madrid time)' : voice === 'pt' ? '(horário de Madrid)' : '(hora de Madrid)',
          knowledge: HUGE_KNOWLEDGE,
        }),
        ctxFor(voice, { knowledge: null, bookingUrl: null }),
      ];
      for (const spec of ALL_SPECS) {
        for (const [i, ctx] of contexts.entries())
          checkSendable(
            render(spec, ctx),
            `${spec.key} in ${voice} (contact ${i}) ${JSON.stringify(spec).slice(0, 160)}`,
          );
      }
    });
  }
});

/**
 * Words that give away another register or language. Checked as whole words, lower-cased, on
 * everything the person sees (URLs removed); the data in these renders is neutral ("Zoe").
 */
const TU = [
  'puedes',
  'quieres',
  'tienes',
  'necesitas',
  'escríbeme',
  'escríbemelo',
  'escribe',
  'elige',
  'toca',
  'perdona',
  'dime',
  'cambias',
  'escríbelo',
  'puntúala',
  'contigo',
];
const VOS = [
  'podés',
  'querés',
  'tenés',
  'necesitás',
  'escribime',
  'escribímelo',
  'escribí',
  'elegí',
  'tocá',
  'perdoná',
  'decime',
  'cambiás',
  'escribilo',
  'puntualo',
  'vos',
  'hablá',
];
const USTED = [
  'usted',
  'su',
  'sus',
  'le',
  'escríbame',
  'escríbamelo',
  'escriba',
  'elija',
  'toque',
  'disculpe',
  'dígame',
  'escríbalo',
  'puntúela',
  'desea',
  'necesita',
  'quiere',
  'tiene',
  'puede',
];
const TU_PRONOUNS = ['te', 'tu', 'tus', 'ti', 'contigo'];
const SPANISH = [
  'cita',
  'citas',
  'hola',
  'gracias',
  'mañana',
  'hoy',
  'ahora',
  'el',
  'los',
  'las',
  'del',
  'y',
  'pero',
  'hueco',
  'huecos',
  'turno',
  'demostración',
  'usted',
  'puedes',
  'quieres',
  'tienes',
  'necesitas',
];
const ENGLISH = ['the', 'you', 'your', 'and', 'book', 'appointment', 'tomorrow', 'today'];
const PORTUGUESE = ['você', 'seu', 'sua', 'não', 'horário', 'amanhã', 'hoje', 'obrigado', 'agendar'];
/** The pt catalog is Brazilian (você): no European-Portuguese-only words (new-user run: "gerir"). */
const EUROPEAN_PORTUGUESE = [
  'gerir',
  'marcação',
  'marcações',
  'telemóvel',
  'registo',
  'equipa',
  'utilizador',
  'contacto',
  'morada',
  'ecrã',
  'connosco',
];
const FORBIDDEN: Record<Voice, string[]> = {
  'es-tu': [...VOS, ...USTED, ...ENGLISH, ...PORTUGUESE],
  'es-vos': [...TU, ...USTED, ...ENGLISH, ...PORTUGUESE],
  'es-usted': [...TU, ...TU_PRONOUNS, ...VOS, ...ENGLISH, ...PORTUGUESE],
  en: [...SPANISH, 'de', 'la', 'que', 'para', 'por', 'con', 'te', 'tu', 'su', ...PORTUGUESE],
  pt: [...SPANISH, 'tu', 'teu', 'tua', 'te', 'contigo', 'vos', ...ENGLISH, ...EUROPEAN_PORTUGUESE],
};
const words = (s: string) =>
  s
    .replace(/https?:\/\/\S+/g, ' ')
    .toLowerCase()
    .split(/[^\p{L}]+/u)
    .filter(Boolean);

describe('one register per catalog: no forms of another register or language', () => {
  for (const voice of VOICES) {
    it(`${voice} speaks only ${voice}`, () => {
      const bad = new Set(FORBIDDEN[voice]);
      const ctxs = [ctxFor(voice, { name: 'Zoe' }), ctxFor(voice, { knowledge: null, bookingUrl: null })];
      const found: string[] = [];
      for (const spec of NEUTRAL_SPECS) {
        for (const ctx of ctxs) {
          const shown = visible(render(spec, ctx)).join('\n');
          const hits = words(shown).filter((w) => bad.has(w));
          if (hits.length) found.push(`${spec.key}: [${[...new Set(hits)].join(', ')}] in "${shown.slice(0, 200)}"`);
          if (voice === 'en' || voice === 'pt') expect(shown, `${voice} ${spec.key}`).not.toMatch(/[¿¡ñ]/);
        }
      }
      // Texts whose reply keys land with the flows work (stuck, notUnderstood, askName retry, offer notes).
      const t = CATALOGS[voice].texts;
      const pending = [
        t.stuck({ link: URL }),
        t.stuck({}),
        t.notUnderstood({ media: true }),
        t.notUnderstood({ media: false }),
        t.askName({ retry: true }),
        t.privacyNotice({ url: URL }),
        t.offerSlots({ lead: { kind: 'nearby' }, pick: { how: 'buttons' }, purpose: 'book', note: 'miss' }),
        t.offerSlots({
          lead: { kind: 'first' },
          pick: { how: 'list', button: 'X' },
          purpose: 'reschedule',
          note: 'media',
        }),
      ];
      for (const shown of pending) {
        const hits = words(shown).filter((w) => bad.has(w));
        if (hits.length) found.push(`[${hits.join(', ')}] in "${shown}"`);
        expect(shown.length).toBeLessThan(LIMITS.interactiveBody);
      }
      expect([...new Set(found)].slice(0, 10)).toEqual([]);
    });
  }
  it('picks the catalog from the contact: tú unless vos or usted is known; one for en and pt', () => {
    expect(voiceOf({ language: 'es' })).toBe('es-tu');
    expect(voiceOf({ language: 'es', formality: 'vos' })).toBe('es-vos');
    expect(voiceOf({ language: 'es', formality: 'usted' })).toBe('es-usted');
    expect(voiceOf({ language: 'en', formality: 'usted' })).toBe('en');
    expect(voiceOf({ language: 'pt', formality: 'vos' })).toBe('pt');
  });
  it('button labels fit WhatsApp as written in every catalog', () => {
    for (const voice of VOICES) {
      for (const [k, v] of Object.entries(CATALOGS[voice].labels))
        // talkToPerson is a list row (≤ 24), every other label a reply button (≤ 20).
        expect(v.length, `${voice}.${k}`).toBeLessThanOrEqual(
          k === 'talkToPerson' ? LIMITS.rowTitle : LIMITS.buttonTitle,
        );
    }
  });
});

const body = (m: OutgoingMessage) => (m.type === 'template' ? (m.preview ?? '') : m.body);
const es = ctxFor('es-tu', { name: 'Ana' });
const en = ctxFor('en', { name: 'Ana' });
const pt = ctxFor('pt', { name: 'Ana' });
const today = bookings(1)[0]!; // today 09:30
const tomorrow = bookings(5)[4]!; // tomorrow 09:30
const friday = bookings(9)[8]!; // Friday 09:30

describe('issue 9, the smaller defects that lived in the copy', () => {
  it('a proposal to someone abroad says the zone and the length in one bracket (new-user run)', () => {
    const abroad = ctxFor('en', { name: 'Ana', zoneNote: '(Madrid time)' });
    const text = body(render({ key: 'confirmSlot', slot: tomorrow }, abroad));
    expect(text).toContain('(Madrid time, 30 min)');
    expect(text).not.toContain(') (');
    expect(body(render({ key: 'confirmSlot', slot: tomorrow }, es))).toMatch(/\* \(30 min\)/);
    const move = body(render({ key: 'confirmReschedule', from: tomorrow, to: friday }, abroad));
    expect(move.match(/Madrid time/g)).toHaveLength(1);
    const list = render(
      { key: 'offerSlots', requested: null, options: slots(4), taken: false, widened: false, purpose: 'book' },
      abroad,
    );
    expect(body(list)).toMatch(/\n\(Madrid time\)$/);
    const home = render(
      { key: 'offerSlots', requested: null, options: slots(4), taken: false, widened: false, purpose: 'book' },
      en,
    );
    expect(body(home)).not.toContain('Madrid time');
  });

  it('a move is confirmed like a booking: what, when, where and how to change it (conversation style)', () => {
    for (const ctx of [es, ctxFor('es-vos'), ctxFor('es-usted'), en, pt]) {
      const text = body(render({ key: 'rescheduled', booking: friday }, ctx));
      expect(text).toMatch(/\((Cita de demostración|Demo appointment|Agendamento de demonstração)\)/);
      expect(text).toMatch(/"(cambiar|change|mudar)"/);
    }
  });

  it('says "de mañana" / "del jueves", never "el mañana" or "del hoy" (confirm, move, cancel)', () => {
    for (const ctx of [es, ctxFor('es-vos'), ctxFor('es-usted'), en, pt]) {
      for (const spec of [
        { key: 'confirmSlot', slot: today },
        { key: 'confirmSlot', slot: tomorrow },
        { key: 'confirmReschedule', from: today, to: tomorrow },
        { key: 'confirmReschedule', from: tomorrow, to: friday },
        { key: 'confirmCancel', booking: tomorrow },
        { key: 'cancelled', booking: today },
        { key: 'keptBooking', booking: tomorrow },
        { key: 'rescheduled', booking: today },
        { key: 'attendanceConfirmed', booking: tomorrow },
        { key: 'askRating', booking: today },
      ] as ReplySpec[]) {
        const text = body(render(spec, ctx));
        expect(text).not.toMatch(/\b(el|del|al) \*?(hoy|mañana)\b/i);
        expect(text).not.toMatch(/\bon \*?(today|tomorrow)\b/i);
        expect(text).not.toMatch(/\b(na|no) \*?(hoje|amanhã)\b/i);
      }
    }
    expect(body(render({ key: 'confirmCancel', booking: tomorrow }, es))).toBe(
      '¿Cancelo tu cita de *mañana, jueves 26 de noviembre a las 09:30*?',
    );
    expect(body(render({ key: 'confirmCancel', booking: friday }, es))).toBe(
      '¿Cancelo tu cita del *viernes 27 de noviembre a las 09:30*?',
    );
    expect(body(render({ key: 'confirmReschedule', from: today, to: friday }, es))).toBe(
      '¿Muevo tu cita de hoy, miércoles 25 de noviembre a las 09:30 al *viernes 27 de noviembre a las 09:30*?',
    );
    expect(body(render({ key: 'confirmReschedule', from: friday, to: tomorrow }, ctxFor('es-usted')))).toBe(
      '¿Muevo su cita del viernes 27 de noviembre a las 09:30 a *mañana, jueves 26 de noviembre a las 09:30*?',
    );
    expect(body(render({ key: 'confirmCancel', booking: tomorrow }, en))).toBe(
      'Shall I cancel your appointment *tomorrow, Thursday, November 26 at 9:30 AM*?',
    );
  });

  it('times behind a list button: "toca Ver horarios", not "¿Cuál te viene bien?"', () => {
    const list = render(
      { key: 'offerSlots', requested: null, options: slots(8), taken: false, widened: false, purpose: 'book' },
      es,
    );
    expect(list.type).toBe('list');
    expect(body(list)).toContain('Toca *Ver horarios*');
    expect(body(list)).not.toMatch(/¿Cuál te viene bien\?/i);
    // issue 9/14 (session 3): never a colon followed by a new sentence.
    expect(body(list)).not.toMatch(/: [A-ZÁÉÍÓÚ¿]/);
    const three = render(
      { key: 'offerSlots', requested: null, options: slots(3), taken: false, widened: false, purpose: 'book' },
      es,
    );
    expect(three.type).toBe('buttons');
    expect(body(three)).toMatch(/: ¿cuál te viene bien\?/);
    expect(
      body(
        render(
          { key: 'offerSlots', requested: null, options: slots(8), taken: false, widened: false, purpose: 'book' },
          en,
        ),
      ),
    ).toContain('Tap *See times*');
  });

  it('rows under a day section show the time only; the day is the section title', () => {
    const m = render(
      { key: 'offerSlots', requested: null, options: slots(10), taken: false, widened: false, purpose: 'book' },
      es,
    );
    if (m.type !== 'list') throw new Error('expected a list');
    expect(m.sections.map((s) => s.title)).toEqual(['Hoy · 25 nov', 'Mañana · 26 nov', 'Viernes 27 de nov']);
    for (const row of m.sections.flatMap((s) => s.rows)) {
      expect(row.title).toMatch(/^\d{2}:\d{2}$/);
      expect(row.description).not.toMatch(/hoy|mañana|jueves|viernes|noviembre/i);
      expect(row.description).toMatch(/30 min/);
    }
    const enList = render(
      { key: 'offerSlots', requested: null, options: slots(10), taken: false, widened: false, purpose: 'book' },
      en,
    );
    if (enList.type !== 'list') throw new Error('expected a list');
    expect(enList.sections[0]!.rows[0]!.title).toBe('9:30 AM');
  });

  it('the demo calendar\'s "Cita de demostración" is said in the person\'s language, without their own name', () => {
    const booking = { ...friday, title: `${DEMO_EVENT_TITLE} – Ana` };
    expect(body(render({ key: 'booked', booking }, en))).toContain('(Demo appointment)');
    expect(body(render({ key: 'booked', booking }, pt))).toContain('(Agendamento de demonstração)');
    expect(body(render({ key: 'booked', booking }, es))).toContain('(Cita de demostración)');
    expect(body(render({ key: 'booked', booking }, es))).not.toContain('Ana)');
    expect(body(render({ key: 'booked', booking: { ...friday, title: undefined } }, en))).toContain(
      '(Demo appointment)',
    );
  });

  it('a confirmation says what, when, where, and how to change it (the next step last)', () => {
    const booking = withLocation({ ...friday, title: undefined }, 'Calle Mayor 1, Madrid');
    expect(body(render({ key: 'booked', booking }, es))).toBe(
      '✅ Listo, Ana: *viernes 27 de noviembre, 09:30–10:00* (Cita de demostración).\nDónde: Calle Mayor 1, ' +
        'Madrid\nTe recordaré el día antes y una hora antes. Para cambiarla, escribe "cambiar" o "cancelar" cuando ' +
        'quieras.',
    );
    expect(body(render({ key: 'booked', booking }, en))).toContain('\nWhere: Calle Mayor 1, Madrid\n');
  });

  it('promises only the reminders that will still go out: no "day before" for a same-day appointment', () => {
    expect(body(render({ key: 'booked', booking: friday }, es))).toContain(
      'Te recordaré el día antes y una hora antes.',
    );
    expect(body(render({ key: 'booked', booking: friday }, en))).toContain(
      "I'll remind you the day before and one hour before.",
    );
    const sameDay = body(render({ key: 'booked', booking: bookings(4)[3]! }, es)); // today 15:30
    expect(sameDay).toContain('Te recordaré una hora antes.');
    expect(sameDay).not.toContain('el día antes');
    const inHalfAnHour = {
      uid: 'soon',
      start: iso(NOW.getTime() + 30 * 60_000),
      end: iso(NOW.getTime() + 60 * 60_000),
    };
    expect(body(render({ key: 'booked', booking: inHalfAnHour }, es))).not.toMatch(/recordar/);
    expect(
      body(render({ key: 'booked', booking: friday }, { ...es, reminderOffsetsMs: [48 * 3_600_000, 2 * 3_600_000] })),
    ).toContain('Te recordaré 2 días antes y 2 horas antes.');
  });

  it('STOP: no more messages at all, reminders included, and how to undo it', () => {
    for (const voice of VOICES) {
      const text = body(render({ key: 'optedOut' }, ctxFor(voice)));
      expect(text).not.toMatch(/promoc|promot|promoç/i);
      expect(text).toMatch(/recordatorios|reminders|lembretes/);
      expect(text).toMatch(voice.startsWith('es') ? /ALTA/ : /START/);
    }
  });

  it('no string patching left in the copy: no .replace() on rendered text', () => {
    const dir = join(import.meta.dirname, '../../src/conversation');
    const files = ['copy.ts', 'messages.ts', ...readdirSync(join(dir, 'catalog')).map((f) => `catalog/${f}`)];
    for (const f of files) expect(readFileSync(join(dir, f), 'utf8'), f).not.toMatch(/\.replace(All)?\(/);
  });
});

describe('the new replies', () => {
  const standard = HOURS[0]!;
  it('closed: the opening hours in words, then the nearest open times', () => {
    const m = render({ key: 'closed', requested: SUNDAY_11, hours: standard, options: slots(3) }, es);
    expect(body(m)).toBe(
      'Los domingos cerramos. Abrimos de lunes a viernes de 9:00 a 18:00 y los sábados de 10:00 a 14:00. Lo más ' +
        'cercano que tengo libre: ¿cuál te viene bien?',
    );
    expect(m.type === 'buttons' && m.buttons.map((b) => b.id)).toEqual(
      slots(3).map((s) => `v1:slot:${s.start.replace('.000Z', 'Z')}`),
    );
    expect(body(render({ key: 'closed', requested: SATURDAY_20, hours: standard, options: slots(8) }, en))).toBe(
      "We're closed at 8:00 PM. Our hours: Monday–Friday 9:00–18:00 and Saturdays 10:00–14:00. Tap *See times* for " +
        'the nearest free times.',
    );
    expect(body(render({ key: 'closed', requested: SUNDAY_11, hours: standard, options: [] }, pt))).toBe(
      'Aos domingos fechamos. Abrimos de segunda a sexta das 9:00 às 18:00 e aos sábados das 10:00 às 14:00. ' +
        'Escreva outro dia ou hora e eu vejo.',
    );
    expect(body(render({ key: 'closed', requested: null, hours: HOURS[1]!, options: [] }, es))).toContain(
      'Abrimos de lunes a viernes de 9:00 a 14:00 y de 16:00 a 20:00.',
    );
    expect(
      body(render({ key: 'closed', requested: null, hours: HOURS[3]!, options: [] }, ctxFor('es-usted'))),
    ).toContain('Abrimos los lunes, miércoles y viernes de 9:00 a 13:00 y los martes y jueves de 15:00 a 19:30.');
    expect(body(render({ key: 'closed', requested: HOLIDAY, hours: standard, options: [] }, es))).toMatch(
      /^El martes 8 de diciembre cerramos\./,
    );
  });

  it("Cal.com's default booking title says the service, not 'between Host and <the person>' (new-user run)", () => {
    const booking = { ...friday, title: 'Consulta between Dr. Ruiz and Marta Ruiz' };
    const text = body(render({ key: 'booked', booking }, es));
    expect(text).toContain('(Consulta)');
    expect(text).not.toMatch(/between|Marta Ruiz\)/);
    const custom = { ...friday, title: 'Corte de pelo con Ana' };
    expect(body(render({ key: 'booked', booking: custom }, es))).toContain('(Corte de pelo con Ana)');
  });

  it('my bookings: one → three buttons; two or three → actions under each; more → pick one first', () => {
    const one = render({ key: 'myBookings', bookings: [friday] }, es);
    expect(one.type === 'buttons' && one.buttons.map((b) => parseButtonId(b.id))).toEqual([
      { kind: 'booking', uid: friday.uid, intent: 'confirm' },
      { kind: 'booking', uid: friday.uid, intent: 'reschedule' },
      { kind: 'booking', uid: friday.uid, intent: 'cancel' },
    ]);
    expect(body(one)).toContain('*viernes 27 de noviembre a las 09:30* (Cita de demostración · 30 min)');
    const three = render({ key: 'myBookings', bookings: bookings(3) }, en);
    if (three.type !== 'list') throw new Error('expected a list');
    expect(three.sections).toHaveLength(3);
    expect(three.sections.map((s) => s.rows.map((r) => r.title))).toEqual(
      Array(3).fill(['Confirm', 'Change time', 'Cancel booking']),
    );
    const twelve = render({ key: 'myBookings', bookings: bookings(12) }, pt);
    if (twelve.type !== 'list') throw new Error('expected a list');
    expect(twelve.sections.flatMap((s) => s.rows).map((r) => parseButtonId(r.id).kind)).toEqual(
      Array(10).fill('booking'),
    );
    expect(body(twelve)).toContain('Você tem 12 horários marcados: Mostro os 10 mais próximos.');
    expect(render({ key: 'myBookings', bookings: [] }, es).type).toBe('buttons');
  });

  it("business answers wrap the knowledge with a lead in the person's language", () => {
    expect(body(render({ key: 'businessAnswer', topic: 'price' }, es))).toBe(
      'Estos son nuestros precios:\n• Corte: 25 €, 30 min\n• Color: 40 €, 90 min\n\n¿Te reservo una cita?',
    );
    expect(body(render({ key: 'businessAnswer', topic: 'address' }, en))).toBe(
      "You'll find us here:\nCalle Mayor 1, 28013 Madrid\nMap: https://maps.example/?q=Calle+Mayor+1\n\nShall I book " +
        'you an appointment?',
    );
    expect(body(render({ key: 'businessAnswer', topic: 'parking' }, ctxFor('es-usted')))).toBe(
      'Sobre el aparcamiento:\nHay un aparcamiento público a 50 metros.\n\n¿Le reservo una cita?',
    );
    expect(body(render({ key: 'businessAnswer', topic: 'other', faqId: 'kids' }, pt))).toContain(
      'Atendemos crianças a partir de 3 anos.',
    );
    const huge = render({ key: 'businessAnswer', topic: 'services' }, ctxFor('es-tu', { knowledge: HUGE_KNOWLEDGE }));
    expect(huge.type).toBe('text');
    expect(body(huge)).toMatch(/…y 30 más\.\n\n¿Te reservo una cita\?$/);
    const unknown = render({ key: 'businessAnswer', topic: 'other' }, es);
    expect(body(unknown)).toMatch(/^Eso no lo sé/);
    expect(body(unknown)).toContain(URL);
    expect(body(render({ key: 'businessAnswer', topic: 'parking' }, ctxFor('en', { knowledge: null })))).toMatch(
      /^I don't know that/,
    );
  });

  it("hand-off while closed names the team's hours", () => {
    expect(body(render({ key: 'handoffStarted', hours: HOURS[0]!, openNow: false }, es))).toContain(
      '(abrimos de lunes a viernes de 9:00 a 18:00 y los sábados de 10:00 a 14:00)',
    );
    expect(body(render({ key: 'handoffStarted', hours: HOURS[0]!, openNow: true }, es))).not.toMatch(/abrimos/);
  });

  it('booking refused: a next step per reason', () => {
    const ids = (reason: Extract<ReplySpec, { key: 'bookingRefused' }>['reason']) => {
      const m = render({ key: 'bookingRefused', reason }, es);
      return m.type === 'buttons' ? m.buttons.map((b) => b.id) : [];
    };
    expect(ids('too_soon')).toEqual(['v1:book', 'v1:human']);
    expect(ids('booker_limit')).toEqual(['v1:mybookings', 'v1:human']);
    expect(ids('invalid_phone')).toEqual(['v1:human']);
    expect(body(render({ key: 'bookingRefused', reason: 'missing_fields' }, es))).toContain(URL);
  });

  it('a booking question with fixed answers: buttons, a list, or the answers written out', () => {
    const ask = (n: number, long = false) =>
      render(
        {
          key: 'askBookingField',
          label: 'Referral',
          options: Array.from({ length: n }, (_, i) => (long ? `${LONG_TITLE} ${i}` : `Option ${i + 1}`)),
          retry: false,
        },
        en,
      );
    expect(ask(3).type).toBe('buttons');
    expect(ask(4).type).toBe('list');
    expect(ask(10).type).toBe('list');
    expect(ask(11).type).toBe('text');
    expect(ask(2, true).type).toBe('text');
    expect(body(ask(0))).toBe('For the booking, the business asks for: *Referral*. Write it here.');
    expect(body(ask(11))).toMatch(/Write the number or the text of one of these:\n1\. Option 1\n2\. Option 2\n/);
    const three = ask(3);
    expect(three.type === 'buttons' && three.buttons.map((b) => [b.id, b.title])).toEqual([
      ['v1:field:1', 'Option 1'],
      ['v1:field:2', 'Option 2'],
      ['v1:field:3', 'Option 3'],
    ]);
  });

  it('never a button message without buttons: no free times says so and offers a person', () => {
    const m = render(
      {
        key: 'offerSlots',
        requested: at('2026-11-26T12:00:00', 'minute', 1),
        options: [],
        taken: false,
        widened: false,
        purpose: 'book',
      },
      es,
    );
    expect(m.type === 'buttons' && m.buttons.map((b) => b.id)).toEqual(['v1:human', 'v1:cancel']);
    expect(body(m)).toBe(
      'Las 12:00 ya están ocupadas y no veo otras horas cerca. Escríbeme otro día u hora, o habla con una persona ' +
        'del equipo.',
    );
  });
});

describe('reminders and business notices speak from the same catalogs', () => {
  const NOTICES: Notice[] = ['cancelledByBusiness', 'rescheduledByBusiness', 'noShow'];
  it('fit WhatsApp and keep to one register in every catalog', () => {
    for (const voice of VOICES) {
      const bad = new Set(FORBIDDEN[voice]);
      const ctx = { contact: { ...FACTS[voice], name: 'Zoe' }, timeZone: TZ, now: NOW };
      for (const b of [today, tomorrow, friday]) {
        const messages = [
          renderReminder(ctx, b),
          ...NOTICES.map((n) => renderNotice(n, ctx, { start: b.start, uid: b.uid })),
          renderNotice('rescheduledByBusiness', ctx, { start: b.start }),
        ];
        for (const m of messages) {
          checkSendable(m, `${voice}: ${body(m)}`);
          const shown = visible(m).join('\n');
          expect(
            words(shown).filter((w) => bad.has(w)),
            `${voice}: ${shown}`,
          ).toEqual([]);
          expect(shown).not.toMatch(/\b(el|del|al) \*?(hoy|mañana)\b|\bon \*?(today|tomorrow)\b/i);
        }
      }
    }
  });
  it('say the day the way the person reads it', () => {
    const ctx = { contact: { language: 'es' as const, name: 'Ana García' }, timeZone: TZ, now: NOW };
    expect(body(renderReminder(ctx, tomorrow))).toBe(
      '⏰ Recordatorio, Ana: tu cita es *mañana, jueves 26 de noviembre a las 09:30*. ¿Vendrás?',
    );
    expect(body(renderNotice('cancelledByBusiness', ctx, { start: friday.start }))).toBe(
      'Lo sentimos, tu cita del viernes 27 de noviembre a las 09:30 ha sido cancelada por el negocio. ' +
        '¿Quieres reservar otra hora?',
    );
    const moved = renderNotice('rescheduledByBusiness', ctx, { start: friday.start, uid: 'bk-1' });
    expect(body(moved)).toMatch(/ahora es el \*viernes 27 de noviembre a las 09:30\*/);
    expect(moved.type === 'buttons' && moved.buttons.map((b) => b.id)).toEqual([
      'v1:attend:bk-1',
      'v1:reschedule:bk-1',
      'v1:cancel:bk-1',
    ]);
  });
});

describe('promotional offers (issue 16) speak from the same catalogs', () => {
  const meta = { purpose: 'upsell', bookingUid: 'bk-1' };
  it('fit WhatsApp and keep to one register in every catalog', () => {
    for (const voice of VOICES) {
      const bad = new Set(FORBIDDEN[voice]);
      const contact = FACTS[voice];
      const messages = [
        ...(['before', 'after'] as const).flatMap((position) =>
          ['09:30', '10:30 PM', 'Z'.repeat(40)].map((time) =>
            renderUpsell(contact, { service: 'Zumba', time, position, take: 'v1:take:2:2026-11-27T09:30:00Z', meta }),
          ),
        ),
        ...['Zoe', ''].map((name) =>
          renderWinback(contact, {
            name,
            slots: [0, 1, 2].map((i) => ({ id: `v1:take:1:2026-12-1${i}T09:00:00Z`, title: `Zumba ${i}` })),
            meta,
          }),
        ),
      ];
      for (const m of messages) {
        checkSendable(m, `${voice}: ${body(m)}`);
        expect(m.meta).toEqual(meta);
        const shown = visible(m).join('\n');
        expect(
          words(shown).filter((w) => bad.has(w)),
          `${voice}: ${shown}`,
        ).toEqual([]);
      }
    }
  });
  it('say what the business configured, or the catalog default with the time on the one-tap button', () => {
    const take = 'v1:take:2:2026-11-27T09:30:00Z';
    const upsell = renderUpsell(
      { language: 'es', formality: 'usted' },
      { service: 'Peeling facial', time: '10:30', position: 'after', take, meta },
    );
    expect(upsell).toEqual({
      type: 'buttons',
      body: '¿Desea añadir *Peeling facial* justo después, a las 10:30? Toque el botón y queda reservado.',
      buttons: [
        { id: take, title: 'Reservar 10:30' },
        { id: 'v1:thanks', title: 'No, gracias' },
      ],
      meta,
    });
    const own = renderUpsell(
      { language: 'en' },
      { service: 'Peeling', time: '10:30', position: 'before', take, body: 'Peeling at 10:30?', meta },
    );
    expect(body(own)).toBe('Peeling at 10:30?');
    expect(own.type === 'buttons' && own.buttons.map((b) => b.title)).toEqual(['Book 10:30', 'No, thanks']);
    const slots = [{ id: 'v1:take:1:2026-12-10T09:00:00Z', title: 'jue 10, 10:00' }];
    expect(body(renderWinback({ language: 'pt' }, { name: '', slots, meta }))).toBe(
      'Olá! Temos horários livres nos próximos dias. Quer um? Com um toque fica agendado.',
    );
    expect(body(renderWinback({ language: 'es', formality: 'vos' }, { name: 'Ana', slots, meta }))).toMatch(
      /^¡Hola, Ana! /,
    );
  });
});

describe('replies whose keys land with the flows and hand-off branches', () => {
  const landing = (spec: object) => spec as unknown as ReplySpec;
  it('stuck, notUnderstood and staff messages render in every catalog, and an unknown key gets help', () => {
    for (const voice of VOICES) {
      const bad = new Set(FORBIDDEN[voice]);
      for (const ctx of [ctxFor(voice, { name: 'Zoe' }), ctxFor(voice, { bookingUrl: null })]) {
        for (const spec of [
          { key: 'stuck' },
          { key: 'notUnderstood', media: true },
          { key: 'notUnderstood', media: false },
        ]) {
          const m = render(landing(spec), ctx);
          checkSendable(m, `${voice} ${spec.key}`);
          expect(
            words(visible(m).join(' ')).filter((w) => bad.has(w)),
            `${voice} ${spec.key}`,
          ).toEqual([]);
        }
        const help = render(landing({ key: 'noSuchReply' }), ctx);
        expect(body(help)).toBe(CATALOGS[voice].texts.help());
      }
    }
    const stuck = render(landing({ key: 'stuck' }), es);
    expect(body(stuck)).toContain(URL);
    expect(stuck.type === 'list' && stuck.sections.flatMap((x) => x.rows.map((r) => [r.id, r.title]))).toEqual([
      ['v1:human', 'Hablar con una persona'],
      ['v1:book', 'Ver horarios'],
    ]);
    expect(render(landing({ key: 'staffMessage', text: 'Hola Ana, soy Marta: te llamo en 5 minutos.' }), en)).toEqual({
      type: 'text',
      body: 'Hola Ana, soy Marta: te llamo en 5 minutos.',
    });
  });
});
