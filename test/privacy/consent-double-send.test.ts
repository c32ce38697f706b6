/**
 * Marketing consent is only ever an answer to its question (issue 14, found by a new-user run
 * for issue 12): a person who sends "sí" twice to confirm a booking gets the booking and then the
 * offers question — the second "sí", sent before that question existed, is not taken as consent.
 * The clock ticks one millisecond per reading, as a real one moves between storing a message and
 * committing a turn.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Clock, type Harness } from '../support/harness.js';
import { textMessage, wrapWebhook } from '../support/whatsapp-payloads.js';

function tickingClock(iso: string): Clock {
  let t = Date.parse(iso);
  return {
    get now() {
      t += 1;
      return new Date(t);
    },
    set(i: string) {
      t = Date.parse(i);
    },
    advance(ms: number) {
      t += ms;
    },
  };
}

describe('a "sí" sent twice is no answer to the question that followed it', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      provider: 'calcom',
      clock: tickingClock('2026-11-25T09:00:00Z'),
      env: { PRIVACY_HASH_SALT: 'test-salt-0123456789abcdef' },
    });
  });
  afterAll(async () => h?.close());

  it('books once, asks about offers once, records no consent; the question stays open for its buttons', async () => {
    const p = '34600991001';
    await h.say(p, 'Quiero una cita mañana a las 12:00');
    // Both "sí" in one delivery (Meta batches): stored before the first is answered.
    const at = h.clock.now;
    const res = await h.post(
      wrapWebhook([
        textMessage({ from: p, name: 'Ana García', text: 'sí', id: 'wamid.double.1', timestamp: at }),
        textMessage({ from: p, name: 'Ana García', text: 'sí', id: 'wamid.double.2', timestamp: at }),
      ]),
    );
    expect(res.status).toBe(200);
    await h.reserva.engine.idle();
    const after = h.repliesTo(p).slice(1);
    expect(after.map((r) => r.text)).toEqual([expect.stringMatching(/^✅/), expect.stringMatching(/ofertas/)]);
    const contact = await h.reserva.db.prisma.contact.findUnique({ where: { phone: p } });
    expect(contact!.marketingConsent).toBe(false);
    expect(await h.reserva.db.prisma.consentRecord.count({ where: { contactId: contact!.id } })).toBe(0);
    expect(JSON.stringify((await h.reserva.engine.inspect(p))?.state)).toBe('"marketing"');
    const replies = await h.say(p, { button: 'v1:offers:yes', title: 'Sí, quiero ofertas' });
    expect(replies.at(-1)!.text).toMatch(/te avisaremos de ofertas/);
    expect((await h.reserva.db.prisma.contact.findUnique({ where: { phone: p } }))!.marketingConsent).toBe(true);
  });

  it('the same with two deliveries, the second read only after the first turn: its send time tells', async () => {
    const p = '34600991002';
    await h.say(p, 'Quiero una cita mañana a las 13:00');
    const sentAt = h.clock.now; // both sent in the same instant, before any answer
    const first = await h.say(p, 'sí', { id: 'wamid.two.1', sentAt });
    expect(first.map((r) => r.text)).toEqual([expect.stringMatching(/^✅/), expect.stringMatching(/ofertas/)]);
    const second = await h.say(p, 'sí', { id: 'wamid.two.2', sentAt });
    expect(second).toEqual([]); // no answer to a question it could not have seen
    expect((await h.reserva.db.prisma.contact.findUnique({ where: { phone: p } }))!.marketingConsent).toBe(false);
    h.clock.advance(5_000);
    const typed = await h.say(p, 'sí');
    expect(typed.at(-1)!.text).toMatch(/te avisaremos de ofertas/); // a yes typed after reading it is consent
  });
});

/**
 * A POST to the chat simulator whose headers go out now and whose body later: the server has the
 * request (as WhatsApp has a message when the person taps send) but handles it only once the body
 * is in — like a message handled after another one's whole turn.
 */
function openPost(url: string, body: unknown) {
  const raw = JSON.stringify(body);
  const req = request(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(raw) },
  });
  const response = new Promise<{ status: number; json: { message?: { timestamp: string } } }>((resolve, reject) => {
    req.on('response', (res) => {
      let data = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (data += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: JSON.parse(data) }));
    });
    req.on('error', reject);
  });
  req.flushHeaders();
  return {
    finish: () => {
      req.end(raw);
      return response;
    },
  };
}

describe('the chat simulator stamps a message when its POST arrives, as WhatsApp does when it is sent', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({
      provider: 'calcom',
      clock: tickingClock('2026-11-25T09:00:00Z'),
      env: { SIMULATOR: 'on', PRIVACY_HASH_SALT: 'test-salt-0123456789abcdef' },
    });
  });
  afterAll(async () => h?.close());

  it('two "sí" sent at once, the second handled after the first one\'s turn: no consent, no answer', async () => {
    const p = '34600991003';
    const url = `${h.url}/simulator/api/messages`;
    const say = (text: string) => openPost(url, { from: p, name: 'Ana García', text }).finish();
    expect((await say('Quiero una cita mañana a las 14:00')).status).toBe(202);
    await h.reserva.engine.idle();
    const before = h.repliesTo(p).length;

    // Both sent at once; the second's body arrives only after the bot answered the first.
    const first = openPost(url, { from: p, name: 'Ana García', text: 'sí' });
    const second = openPost(url, { from: p, name: 'Ana García', text: 'sí' });
    await new Promise((resolve) => setTimeout(resolve, 200)); // both requests are in
    const one = await first.finish();
    await h.reserva.engine.idle();
    const answered = h.repliesTo(p).slice(before);
    expect(answered.map((r) => r.text)).toEqual([expect.stringMatching(/^✅/), expect.stringMatching(/ofertas/)]);
    const contact = await h.reserva.db.prisma.contact.findUnique({ where: { phone: p } });
    const asked = await h.reserva.db.prisma.conversation.findUnique({ where: { contactId: contact!.id } });
    const two = await second.finish();
    await h.reserva.engine.idle();
    expect([one.status, two.status]).toEqual([202, 202]);
    // Stamped when it arrived: before the turn that asked the offers question.
    expect(Date.parse(two.json.message!.timestamp)).toBeLessThan(asked!.lastActivityAt.getTime());

    expect(h.repliesTo(p).slice(before)).toHaveLength(2); // no answer to a question it could not have seen
    expect((await h.reserva.db.prisma.contact.findUnique({ where: { phone: p } }))!.marketingConsent).toBe(false);
    expect(JSON.stringify((await h.reserva.engine.inspect(p))?.state)).toBe('"marketing"');
  });
});
