/**
 * Single-use export links: `GET /privacy/export/:token`. The token (32 random bytes, base64url) is
 * only in the link; the database keeps its SHA-256, the contact and the expiry (24 h). Redeeming
 * marks it used in the same statement that checks it is unused and unexpired, so two clicks can
 * never both download.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/client.js';
import { UnknownContactError } from './consent.js';
import { exportContact, type ContactExport } from './export.js';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface ExportLink {
  url: string;
  expiresAt: Date;
}

export async function createExportLink(
  prisma: Db,
  contactId: string,
  opts: { publicUrl: string; ttlMs: number; now: Date },
): Promise<ExportLink> {
  const contact = await prisma.contact.findUnique({ where: { id: contactId }, select: { id: true } });
  if (!contact) throw new UnknownContactError(contactId);
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(opts.now.getTime() + opts.ttlMs);
  await prisma.exportToken.create({ data: { tokenHash: hashToken(token), contactId, expiresAt, createdAt: opts.now } });
  return { url: `${opts.publicUrl}/privacy/export/${token}`, expiresAt };
}

export type Redeemed = { ok: true; data: ContactExport } | { ok: false; status: 404 | 410; error: string };

const ASK_AGAIN =
  'Ask again in the WhatsApp chat ("¿qué datos tenéis de mí?" / "what data do you have about me?") for a new link.';

export async function redeemExportToken(prisma: Db, token: string, now: Date): Promise<Redeemed> {
  const notFound = { ok: false as const, status: 404 as const, error: `This export link is not valid. ${ASK_AGAIN}` };
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return notFound;
  const tokenHash = hashToken(token);
  const claimed = await prisma.exportToken.updateMany({
    where: { tokenHash, usedAt: null, expiresAt: { gt: now } },
    data: { usedAt: now },
  });
  if (claimed.count !== 1) {
    const row = await prisma.exportToken.findUnique({ where: { tokenHash } });
    if (!row) return notFound;
    const why = row.usedAt ? 'has already been used (each link works once)' : 'has expired (links work for 24 hours)';
    return { ok: false, status: 410, error: `This export link ${why}. ${ASK_AGAIN}` };
  }
  const row = await prisma.exportToken.findUniqueOrThrow({ where: { tokenHash } });
  try {
    return { ok: true, data: await exportContact(prisma, row.contactId, now) };
  } catch (err) {
    if (err instanceof UnknownContactError)
      return { ok: false, status: 410, error: `The data behind this link has been erased. ${ASK_AGAIN}` };
    // Nothing was downloaded: give the link back.
    await prisma.exportToken.update({ where: { tokenHash }, data: { usedAt: null } });
    throw err;
  }
}
