/**
 * The salt of the suppression list's hashes: PRIVACY_HASH_SALT when set; otherwise one generated
 * at first start and kept in PrivacySetting (so every instance and every restart agree). The
 * generated salt sits next to the hashes: set PRIVACY_HASH_SALT in production.
 */
import { randomBytes } from 'node:crypto';
import type { Db } from '../db/client.js';

const KEY = 'phoneHashSalt';

export async function resolveHashSalt(
  prisma: Db,
  configured: string | undefined,
  warn: (msg: string) => void,
): Promise<string> {
  if (configured) return configured;
  const existing = await prisma.privacySetting.findUnique({ where: { key: KEY } });
  if (existing) return existing.value;
  const value = randomBytes(32).toString('hex');
  // Two instances starting at once: the first insert wins, both read it back.
  await prisma.$executeRaw`INSERT INTO "PrivacySetting" ("key", "value", "createdAt")
    VALUES (${KEY}, ${value}, ${new Date()}) ON CONFLICT ("key") DO NOTHING`;
  warn(
    'PRIVACY_HASH_SALT is not set: generated one and stored it in the database (PrivacySetting). Set ' +
      'PRIVACY_HASH_SALT in production so a database dump alone cannot test numbers against the suppression list.',
  );
  const row = await prisma.privacySetting.findUniqueOrThrow({ where: { key: KEY } });
  return row.value;
}
