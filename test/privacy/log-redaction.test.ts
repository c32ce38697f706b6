/**
 * Logs leak nothing about the person: a whole conversation (booking with name and e-mail, a
 * correction, an export link, a failed send, erasure) runs through the signed webhook with the
 * log at its most verbose (trace), then the captured log is searched for the phone's digits (with
 * and without separators), the name and the e-mail — and for the secrets.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrivacyHarness, type PrivacyHarness } from '../support/privacy.js';

const PHONE = '34611987654';
const NAME = 'Valentina Quiroga';
const EMAIL = 'valentina.quiroga@correo.example';
const SECRETS = ['test-app-secret', 'graph-token', 'test-salt-0123456789abcdef'];

describe('log redaction over a whole conversation', () => {
  let h: PrivacyHarness;
  beforeAll(async () => {
    h = await startPrivacyHarness({ captureLog: true });
  });
  afterAll(async () => h.close());

  it('never writes the phone digits, the name, the e-mail or a secret', async () => {
    await h.say(PHONE, 'Hola, quiero una cita mañana a las 17:00', { name: NAME });
    await h.say(PHONE, 'sí', { name: NAME });
    await h.say(PHONE, `me llamo ${NAME}`, { name: NAME });
    await h.say(PHONE, `mi correo es ${EMAIL}`, { name: NAME });
    await h.say(PHONE, 'borra mis datos', { name: NAME });
    // An invalid signature, a malformed body and a request with the phone in the URL are logged too.
    await h.post(
      JSON.stringify({
        object: 'whatsapp_business_account',
        entry: [
          { changes: [{ value: { messages: [{ from: PHONE, id: 'x', type: 'text', text: { body: EMAIL } }] } }] },
        ],
      }),
      { signature: 'sha256=00' },
    );
    await h.post(
      '{"object":"whatsapp_business_account","entry":[{"changes":[{"value":{"messages":[{"from":"' +
        PHONE +
        '","type":"weird"}]}}]}]}',
    );
    await fetch(`${h.url}/simulator/api/conversations/${PHONE}`);
    const contact = await h.reserva.db.prisma.contact.findUniqueOrThrow({ where: { phone: PHONE } });
    await h.reserva.privacy.rectifyContact(contact.id, { name: NAME, email: EMAIL });
    await h.reserva.privacy.createExportLink(contact.id);
    await h.reserva.privacy.optOut(contact.id);
    await h.reserva.privacy.eraseContact(contact.id);
    await h.reserva.engine.idle();

    expect(h.log.length).toBeGreaterThan(10);
    const text = h.log.join('\n');
    const digits = PHONE.slice(2); // national part: 611987654
    const leaks = [
      PHONE,
      digits,
      '611 987 654',
      '611-987-654',
      NAME,
      'Valentina',
      'Quiroga',
      EMAIL,
      'valentina.quiroga',
      ...SECRETS,
    ].filter((needle) => text.toLowerCase().includes(needle.toLowerCase()));
    const where = leaks.map((l) => h.log.find((line) => line.toLowerCase().includes(l.toLowerCase())));
    expect({ leaks, where }).toEqual({ leaks: [], where: [] });
  });
});
