/**
 * Marketing consent and opt-out, as recorded facts. Consent: every grant and revocation is a
 * ConsentRecord (time, source, exact text version); Contact.marketingConsent mirrors the latest so
 * the gate reads one row. Opt-out: Contact.optedOutAt plus the number's salted hash on the
 * suppression list, which is what survives erasure; opting back in removes both.
 */
import type { Db } from '../db/client.js';
import { hashPhone } from './phone-hash.js';

export const MARKETING = 'marketing';

export interface ConsentInput {
  granted: boolean;
  /** Where it was said, e.g. "chat:button", "chat:text", "admin". */
  source: string;
  /** Version of the exact text the person was shown, e.g. "marketing-consent-es-v1". */
  textVersion: string;
}

export class UnknownContactError extends Error {
  readonly statusCode = 404;
  constructor(contactId: string) {
    super(
      `no contact with id "${contactId}" (it may have been erased); look it up again with GET /admin/contacts?phone=`,
    );
    this.name = 'UnknownContactError';
  }
}

export async function recordMarketingConsent(
  prisma: Db,
  contactId: string,
  input: ConsentInput,
  now: Date,
): Promise<void> {
  if (!input.source.trim() || !input.textVersion.trim()) {
    throw new Error(
      'recordMarketingConsent: source and textVersion are required (where it was said, and which text was shown)',
    );
  }
  await prisma.$transaction(async (tx) => {
    const contact = await tx.contact.findUnique({ where: { id: contactId } });
    if (!contact) throw new UnknownContactError(contactId);
    await tx.consentRecord.create({
      data: {
        contactId,
        purpose: MARKETING,
        granted: input.granted,
        source: input.source,
        textVersion: input.textVersion,
        createdAt: now,
      },
    });
    await tx.contact.update({ where: { id: contactId }, data: { marketingConsent: input.granted } });
  });
}

export async function optOut(prisma: Db, salt: string, contactId: string, now: Date): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const contact = await tx.contact.findUnique({ where: { id: contactId } });
    if (!contact) throw new UnknownContactError(contactId);
    if (!contact.optedOutAt) await tx.contact.update({ where: { id: contactId }, data: { optedOutAt: now } });
    const phoneHash = hashPhone(salt, contact.phone);
    await tx.$executeRaw`INSERT INTO "SuppressedNumber" ("phoneHash", "reason", "createdAt")
      VALUES (${phoneHash}, 'opt-out', ${now}) ON CONFLICT ("phoneHash") DO NOTHING`;
  });
}

export async function optIn(prisma: Db, salt: string, contactId: string): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const contact = await tx.contact.findUnique({ where: { id: contactId } });
    if (!contact) throw new UnknownContactError(contactId);
    await tx.contact.update({ where: { id: contactId }, data: { optedOutAt: null } });
    await tx.suppressedNumber.deleteMany({ where: { phoneHash: hashPhone(salt, contact.phone) } });
  });
}

export async function isSuppressed(prisma: Db, salt: string, phone: string): Promise<boolean> {
  return Boolean(await prisma.suppressedNumber.findUnique({ where: { phoneHash: hashPhone(salt, phone) } }));
}
