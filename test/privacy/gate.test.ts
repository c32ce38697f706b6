/**
 * The outbox gate, for every message kind: what the person asked for always goes; utility
 * messages stop at an opt-out (reminders included); promotional ones need marketing consent too;
 * an opt-out that survived erasure (suppression list) blocks like a fresh one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  decideDelivery,
  KIND_CLASS,
  MESSAGE_KINDS,
  type DeliveryFacts,
  type MessageKind,
} from '../../src/privacy/gate.js';
import { startPrivacyHarness, type PrivacyHarness } from '../support/privacy.js';

const facts = (f: Partial<DeliveryFacts> = {}): DeliveryFacts => ({
  optedOut: false,
  suppressed: false,
  marketingConsent: false,
  ...f,
});

const EXPECTED: Record<string, Record<MessageKind, boolean>> = {
  'no opt-out, no consent': {
    reply: true,
    staff: true,
    confirmation: true,
    reminder: true,
    change: true,
    feedback: true,
    upsell: false,
    winback: false,
  },
  'marketing consent': {
    reply: true,
    staff: true,
    confirmation: true,
    reminder: true,
    change: true,
    feedback: true,
    upsell: true,
    winback: true,
  },
  'opted out (even with consent)': {
    reply: true,
    staff: true,
    confirmation: false,
    reminder: false,
    change: false,
    feedback: false,
    upsell: false,
    winback: false,
  },
  'suppressed after erasure': {
    reply: true,
    staff: true,
    confirmation: false,
    reminder: false,
    change: false,
    feedback: false,
    upsell: false,
    winback: false,
  },
};
const STATES: Record<string, DeliveryFacts> = {
  'no opt-out, no consent': facts(),
  'marketing consent': facts({ marketingConsent: true }),
  'opted out (even with consent)': facts({ optedOut: true, marketingConsent: true }),
  'suppressed after erasure': facts({ suppressed: true }),
};

describe('outbox gate (pure)', () => {
  for (const [state, f] of Object.entries(STATES)) {
    it(`${state}: every kind decided as the policy says`, () => {
      for (const kind of MESSAGE_KINDS)
        expect({ kind, allowed: decideDelivery(f, kind).allowed }).toEqual({ kind, allowed: EXPECTED[state]![kind] });
    });
  }

  it('every kind has a class, and an unknown kind is refused (a new feature must declare its kind)', () => {
    expect(Object.keys(KIND_CLASS).sort()).toEqual([...MESSAGE_KINDS].sort());
    expect(decideDelivery(facts({ marketingConsent: true }), 'newsletter')).toEqual({
      allowed: false,
      reason: 'unknown-kind',
    });
  });

  it('says why it refused', () => {
    expect(decideDelivery(facts({ optedOut: true }), 'reminder')).toEqual({ allowed: false, reason: 'opted-out' });
    expect(decideDelivery(facts(), 'upsell')).toEqual({ allowed: false, reason: 'no-marketing-consent' });
  });
});

describe('outbox gate (stored facts)', () => {
  let h: PrivacyHarness;
  beforeAll(async () => {
    h = await startPrivacyHarness();
  });
  afterAll(async () => h.close());

  const contactOf = (phone: string) => h.reserva.db.prisma.contact.findUniqueOrThrow({ where: { phone } });
  const allowed = async (phone: string) => {
    const c = await contactOf(phone);
    const out: Record<string, boolean> = {};
    for (const kind of MESSAGE_KINDS) out[kind] = (await h.reserva.privacy.mayDeliver(c, kind)).allowed;
    return out;
  };

  it('follows consent, STOP / START and erasure as they are recorded', async () => {
    const phone = '34600555001';
    await h.say(phone, 'hola');
    const p = h.reserva.privacy;
    const c = await contactOf(phone);
    expect(await allowed(phone)).toEqual(EXPECTED['no opt-out, no consent']);

    await p.recordMarketingConsent(c.id, {
      granted: true,
      source: 'chat:button',
      textVersion: 'marketing-consent-es-v1',
    });
    expect(await allowed(phone)).toEqual(EXPECTED['marketing consent']);

    await p.optOut(c.id);
    expect(await allowed(phone)).toEqual(EXPECTED['opted out (even with consent)']);
    expect(await p.isSuppressed('+34 600 555 001')).toBe(true);

    await p.optIn(c.id);
    expect(await allowed(phone)).toEqual(EXPECTED['marketing consent']);
    expect(await p.isSuppressed(phone)).toBe(false);

    await p.recordMarketingConsent(c.id, {
      granted: false,
      source: 'chat:text',
      textVersion: 'marketing-consent-es-v1',
    });
    expect(await allowed(phone)).toEqual(EXPECTED['no opt-out, no consent']);
    const history = await h.reserva.db.prisma.consentRecord.findMany({
      where: { contactId: c.id },
      orderBy: { createdAt: 'asc' },
    });
    expect(history.map((r) => [r.granted, r.source, r.textVersion])).toEqual([
      [true, 'chat:button', 'marketing-consent-es-v1'],
      [false, 'chat:text', 'marketing-consent-es-v1'],
    ]);
  });

  it('an opt-out survives erasure: the number comes back fresh and still opted out until START', async () => {
    const phone = '34600555002';
    await h.say(phone, 'hola');
    const first = await contactOf(phone);
    await h.reserva.privacy.optOut(first.id);
    const report = await h.reserva.privacy.eraseContact(first.id);
    expect(report.keptOnSuppressionList).toBe(true);

    await h.say(phone, 'hola otra vez');
    const again = await contactOf(phone);
    expect(again.id).not.toBe(first.id);
    expect(again.optedOutAt).toBeTruthy(); // the engine marks a new contact from a suppressed number opted out
    expect(await allowed(phone)).toEqual(EXPECTED['suppressed after erasure']);
    await h.reserva.privacy.optIn(again.id);
    expect(await allowed(phone)).toEqual(EXPECTED['no opt-out, no consent']);
  });
});
