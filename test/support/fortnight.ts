/**
 * A scripted fortnight (Mon 16 – Sun 29 November 2026, Madrid) fed through the real webhooks: people
 * book by chatting (signed WhatsApp webhook, fake Graph API, fake Cal.com), reminders go out from the
 * job worker on a simulated clock, WhatsApp status webhooks arrive (delivered, read, one failed with
 * 131026), people tap reminder buttons (with the reminder as context), Cal.com reports no-shows.
 *
 * Who does what (appointments on Wednesdays; one 24 h reminder each, REMINDER_OFFSETS=24h):
 *   Ana    week 1, 10:00 — reminder delivered+read, taps Confirm → comes, rates 5
 *   Bea    week 1, 11:00 — reminder delivered+read, silent → no-show
 *   Carlos week 1, 12:00 — reminder delivered, silent → comes
 *   Dani   week 1, 13:00 — reminder fails (131026) → no-show
 *   Eva    week 1, 15:00 — cancels by chat before any reminder
 *   Fede   writes something nobody understands, then STOP
 *   Gabi   week 2, 10:00 — reminder delivered+read, taps Confirm → comes, rates 4
 *   Hugo   week 2, 11:00 — reminder delivered+read, taps Cancel → cancelled
 */
import { statusUpdate, templateButton, wrapWebhook } from './whatsapp-payloads.js';
import { clockAt, startHarness, type Harness } from './harness.js';
import { advanceTo, calEvent, postCal } from './lifecycle.js';
import { ADMIN_SECRET } from './admin.js';

export const PEOPLE = {
  ana: '34600000001',
  bea: '34600000002',
  carlos: '34600000003',
  dani: '34600000004',
  eva: '34600000005',
  fede: '34600000006',
  gabi: '34600000007',
  hugo: '34600000008',
} as const;

export async function startFortnight(o: { databaseUrl?: string } = {}): Promise<Harness> {
  return startHarness({
    provider: 'calcom',
    clock: clockAt('2026-11-16T08:00:00Z'),
    databaseUrl: o.databaseUrl,
    env: { REMINDER_OFFSETS: '24h', ADMIN_JWT_SECRET: ADMIN_SECRET },
  });
}

/** The last message sent to a phone whose template/interactive body names this booking's reminder. */
function lastSentTo(h: Harness, phone: string) {
  const s = h.graph.sent.filter((m) => m.to === phone);
  const last = s[s.length - 1];
  if (!last) throw new Error(`nothing was sent to ${phone}`);
  return last;
}

async function statuses(h: Harness, phone: string, messageId: string, list: Array<'delivered' | 'read' | 'failed'>) {
  for (const status of list) {
    const value = statusUpdate({
      messageId,
      recipient: phone,
      status,
      timestamp: h.clock.now,
      ...(status === 'failed' ? { error: { code: 131026, title: 'Message undeliverable' } } : {}),
    });
    const res = await h.post(wrapWebhook(value));
    if (res.status !== 200) throw new Error(`status webhook answered ${res.status}`);
  }
  await h.reserva.engine.idle();
}

/** A tap on a quick-reply button of the message `contextId` (a template reminder). */
async function tap(h: Harness, phone: string, payload: string, contextId: string) {
  const value = templateButton({ from: phone, name: 'X', payload, text: payload, timestamp: h.clock.now, contextId });
  const res = await h.post(wrapWebhook(value));
  if (res.status !== 200) throw new Error(`webhook answered ${res.status}`);
  await h.reserva.engine.idle();
}

async function book(h: Harness, phone: string, name: string, when: string) {
  await h.say(phone, `Hola, soy ${name}, quiero una cita el ${when}`, { name });
  const replies = await h.say(phone, 'sí', { name });
  if (!replies.some((r) => r.text.includes('✅')))
    throw new Error(`${name} did not book: ${JSON.stringify(replies.map((r) => r.text))}`);
}

async function uidOf(h: Harness, phone: string): Promise<string> {
  const b = await h.reserva.db.prisma.booking.findFirstOrThrow({
    where: { contact: { phone } },
    orderBy: { createdAt: 'desc' },
  });
  return b.uid;
}

async function noShow(h: Harness, phone: string) {
  const uid = await uidOf(h, phone);
  const res = await postCal(
    h,
    calEvent(
      'BOOKING_NO_SHOW_UPDATED',
      {
        message: 'x_marked_as_no_show',
        bookingUid: uid,
        bookingId: 1,
        attendees: [{ email: `${phone}@sms.cal.com`, noShow: true }],
      },
      h.clock.now,
    ),
  );
  if (res.status >= 300) throw new Error(`Cal.com webhook answered ${res.status}: ${await res.text()}`);
  await h.reserva.engine.idle();
}

export async function playFortnight(h: Harness): Promise<void> {
  const p = PEOPLE;
  // Week 1, Monday 09:00 Madrid.
  await book(h, p.ana, 'Ana', 'miércoles a las 10');
  await book(h, p.bea, 'Bea', 'miércoles a las 11');
  await book(h, p.carlos, 'Carlos', 'miércoles a las 12');
  await book(h, p.dani, 'Dani', 'miércoles a las 13');
  await book(h, p.eva, 'Eva', 'miércoles a las 15');
  await h.say(p.eva, 'quiero cancelar mi cita', { name: 'Eva' });
  await h.say(p.eva, 'sí', { name: 'Eva' });
  await h.say(p.fede, 'blorp quux zzyzx', { name: 'Fede' });
  await h.say(p.fede, 'STOP', { name: 'Fede' });

  // Tuesday: the 24 h reminders (templates: the window has closed), their statuses, Ana's tap.
  await advanceTo(h, '2026-11-17T12:00:00Z');
  const reminder = (phone: string) => lastSentTo(h, phone).id;
  await statuses(h, p.ana, reminder(p.ana), ['delivered', 'read']);
  await statuses(h, p.bea, reminder(p.bea), ['delivered', 'read']);
  await statuses(h, p.carlos, reminder(p.carlos), ['delivered']);
  await statuses(h, p.dani, reminder(p.dani), ['failed']);
  h.clock.set('2026-11-17T12:10:00Z');
  await tap(h, p.ana, `v1:attend:${await uidOf(h, p.ana)}`, reminder(p.ana));

  // Wednesday after the appointments: Bea and Dani did not come (Cal.com says so); rating questions.
  await advanceTo(h, '2026-11-18T12:30:00Z');
  await noShow(h, p.bea);
  await noShow(h, p.dani);
  await advanceTo(h, '2026-11-18T16:00:00Z');
  await tap(h, p.ana, 'v1:rating:5', lastSentTo(h, p.ana).id);
  await h.say(p.ana, 'Todo perfecto, gracias', { name: 'Ana' });

  // Week 2.
  await advanceTo(h, '2026-11-23T08:00:00Z');
  await book(h, p.gabi, 'Gabi', 'miércoles a las 10');
  await book(h, p.hugo, 'Hugo', 'miércoles a las 11');
  await advanceTo(h, '2026-11-24T12:00:00Z');
  await statuses(h, p.gabi, reminder(p.gabi), ['delivered', 'read']);
  await statuses(h, p.hugo, reminder(p.hugo), ['delivered', 'read']);
  await tap(h, p.gabi, `v1:attend:${await uidOf(h, p.gabi)}`, reminder(p.gabi));
  await tap(h, p.hugo, `v1:cancel:${await uidOf(h, p.hugo)}`, reminder(p.hugo));
  await h.say(p.hugo, 'sí', { name: 'Hugo' });
  await advanceTo(h, '2026-11-25T16:00:00Z');
  await tap(h, p.gabi, 'v1:rating:4', lastSentTo(h, p.gabi).id);
  await h.say(p.gabi, 'Muy bien', { name: 'Gabi' });
  await advanceTo(h, '2026-11-29T12:00:00Z');
  await h.reserva.engine.idle();
}
