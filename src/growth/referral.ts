/**
 * Click-to-WhatsApp ads (issue 16): the `referral` object WhatsApp adds to the first message a person
 * sends from an ad (source_id, source_type, source_url, headline, ctwa_clid), kept with the contact —
 * first touch: a later ad does not replace it.
 */
import type { Db } from '../db/client.js';

export interface AdReferral {
  sourceId?: string;
  sourceType?: string;
  sourceUrl?: string;
  headline?: string;
  ctwaClid?: string;
}

const str = (x: unknown, max = 500) => (typeof x === 'string' && x.trim() ? x.trim().slice(0, max) : undefined);

/** WhatsApp's `messages[].referral`, or undefined when absent or empty. */
export function parseReferral(raw: unknown): AdReferral | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const r = raw as Record<string, unknown>;
  const out: AdReferral = {
    sourceId: str(r.source_id, 100),
    sourceType: str(r.source_type, 20),
    sourceUrl: str(r.source_url),
    headline: str(r.headline, 200),
    ctwaClid: str(r.ctwa_clid, 200),
  };
  const kept = Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined)) as AdReferral;
  return Object.keys(kept).length ? kept : undefined;
}

/** Keeps the ad with the contact unless one is kept already. */
export async function keepReferral(prisma: Db, contactId: string, r: AdReferral, at: Date): Promise<void> {
  await prisma.contactReferral.upsert({
    where: { contactId },
    create: { contactId, ...r, receivedAt: at },
    update: {},
  });
}
