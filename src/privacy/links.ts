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

export type Redeemed =
  | { ok: true; data: ContactExport }
  | {
      ok: false;
      status: 404 | 410;
      error: string;
      /** issue 9/14 (session 3): why, for the person (their language when known, else every language). */
      reason: LinkFailure;
      language?: 'es' | 'en' | 'pt';
    };

// issue 9/14 (session 3): the failed link explained in the person's language.
export type LinkFailure = 'invalid' | 'used' | 'expired' | 'erased';
export const LINK_FAILURE_TEXT: Record<'es' | 'en' | 'pt', Record<LinkFailure, string>> = {
  es: {
    invalid: 'Este enlace de descarga no es válido.',
    used: 'Este enlace de descarga ya se ha usado (cada enlace funciona una sola vez).',
    expired: 'Este enlace de descarga ha caducado (cada enlace dura 24 horas).',
    erased: 'Los datos de este enlace se han borrado.',
  },
  en: {
    invalid: 'This download link is not valid.',
    used: 'This download link has already been used (each link works once).',
    expired: 'This download link has expired (links work for 24 hours).',
    erased: 'The data behind this link has been erased.',
  },
  pt: {
    invalid: 'Este link de download não é válido.',
    used: 'Este link de download já foi usado (cada link funciona uma única vez).',
    expired: 'Este link de download expirou (cada link dura 24 horas).',
    erased: 'Os dados deste link foram apagados.',
  },
};
export const LINK_ASK_AGAIN: Record<'es' | 'en' | 'pt', string> = {
  es: 'Pide uno nuevo en el chat de WhatsApp escribiendo "¿qué datos tenéis de mí?".',
  en: 'Ask for a new one in the WhatsApp chat: "what data do you have about me?".',
  pt: 'Peça um novo no chat do WhatsApp: "que dados vocês têm sobre mim?".',
};
const languageOf = (l: string | null | undefined) => (l === 'es' || l === 'en' || l === 'pt' ? l : undefined);

const ASK_AGAIN =
  'Ask again in the WhatsApp chat ("¿qué datos tenéis de mí?" / "what data do you have about me?") for a new link.';

export async function redeemExportToken(prisma: Db, token: string, now: Date): Promise<Redeemed> {
  const notFound = {
    ok: false as const,
    status: 404 as const,
    error: `This export link is not valid. ${ASK_AGAIN}`,
    reason: 'invalid' as const,
  };
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
    const contact = await prisma.contact.findUnique({ where: { id: row.contactId }, select: { language: true } });
    const language = languageOf(contact?.language);
    return {
      ok: false,
      status: 410,
      error: `This export link ${why}. ${ASK_AGAIN}`,
      reason: row.usedAt ? 'used' : 'expired',
      ...(language ? { language } : {}),
    };
  }
  const row = await prisma.exportToken.findUniqueOrThrow({ where: { tokenHash } });
  try {
    return { ok: true, data: await exportContact(prisma, row.contactId, now) };
  } catch (err) {
    if (err instanceof UnknownContactError)
      return {
        ok: false,
        status: 410,
        error: `The data behind this link has been erased. ${ASK_AGAIN}`,
        reason: 'erased',
      };
    // Nothing was downloaded: give the link back.
    await prisma.exportToken.update({ where: { tokenHash }, data: { usedAt: null } });
    throw err;
  }
}
