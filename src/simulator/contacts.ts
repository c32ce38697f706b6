/**
 * The people the simulator can chat as: everyone in the Contact table plus three built-in demo
 * contacts covering the languages and registers the bot handles (es tú, es voseo, en).
 */
import type { Db } from '../db/client.js';
import { mergeTranscript, previewOf } from './transcript.js';

export interface SimulatorContact {
  phone: string;
  name: string | null;
  language: string | null;
  /** Built-in demo contact (always listed, even before the first message). */
  demo: boolean;
  /** What the demo contact is for, e.g. "escribe en voseo". */
  hint?: string;
  last?: { at: string; text: string; direction: 'in' | 'out' };
}

export const DEMO_CONTACTS: ReadonlyArray<Omit<SimulatorContact, 'last'>> = [
  { phone: '34600000001', name: 'Ana', language: 'es', demo: true, hint: 'España · tú' },
  { phone: '5491155550002', name: 'Martín', language: 'es', demo: true, hint: 'Argentina · escribe en voseo' },
  { phone: '14155550003', name: 'Emily', language: 'en', demo: true, hint: 'United States · English' },
];

/** Contacts, most recently active first; demo contacts without messages keep their fixed order after them. */
export async function listContacts(prisma: Db, opts: { max?: number } = {}): Promise<SimulatorContact[]> {
  const max = opts.max ?? 100;
  const [rows, inbox, outbound] = await Promise.all([
    prisma.contact.findMany({
      orderBy: { updatedAt: 'desc' },
      take: max,
      select: { phone: true, name: true, language: true },
    }),
    prisma.inboxMessage.findMany({
      orderBy: { seq: 'desc' },
      take: 500,
      select: { seq: true, waMessageId: true, phone: true, payload: true, status: true, error: true, receivedAt: true },
    }),
    prisma.outboundMessage.findMany({
      orderBy: { createdAt: 'desc' },
      take: 500,
      select: {
        id: true,
        waMessageId: true,
        phone: true,
        body: true,
        status: true,
        errorCode: true,
        errorTitle: true,
        createdAt: true,
      },
    }),
  ]);

  const byPhone = new Map<string, SimulatorContact>();
  for (const d of DEMO_CONTACTS) byPhone.set(d.phone, { ...d });
  for (const r of rows) {
    const demo = byPhone.get(r.phone);
    byPhone.set(r.phone, {
      ...(demo ?? { demo: false }),
      phone: r.phone,
      name: r.name ?? demo?.name ?? null,
      language: r.language ?? demo?.language ?? null,
    });
  }

  // The latest message per phone among the recent ones (enough for the sidebar preview).
  const lastIn = new Map<string, (typeof inbox)[number]>();
  for (const r of inbox) if (!lastIn.has(r.phone)) lastIn.set(r.phone, r);
  const lastOut = new Map<string, (typeof outbound)[number]>();
  for (const r of outbound) if (!lastOut.has(r.phone)) lastOut.set(r.phone, r);
  for (const [phone, contact] of byPhone) {
    const i = lastIn.get(phone);
    const o = lastOut.get(phone);
    const items = mergeTranscript(i ? [i] : [], o ? [o] : []);
    const last = items[items.length - 1];
    if (last) contact.last = { at: last.at, text: previewOf(last), direction: last.direction };
  }

  const demoOrder = new Map(DEMO_CONTACTS.map((d, i) => [d.phone, i]));
  return [...byPhone.values()].sort((a, b) => {
    if (a.last && b.last) return b.last.at.localeCompare(a.last.at);
    if (a.last || b.last) return a.last ? -1 : 1;
    return (demoOrder.get(a.phone) ?? 99) - (demoOrder.get(b.phone) ?? 99);
  });
}
