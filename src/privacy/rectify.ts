/**
 * Rectification (GDPR art. 16): correct the name or e-mail we keep. Validated here so the chat and
 * the admin API give the same clear error. Future Cal.com bookings' attendee is updated by the
 * caller where the provider allows it (the returned `changed` says what changed).
 */
import type { Db } from '../db/client.js';
import { UnknownContactError } from './consent.js';

export interface Rectification {
  name?: string | null;
  email?: string | null;
}

export class InvalidRectificationError extends Error {
  readonly statusCode = 400;
  constructor(message: string) {
    super(message);
    this.name = 'InvalidRectificationError';
  }
}

const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]{2,}$/;

export function normaliseName(name: string): string {
  // Control characters and runs of spaces out; a name is not a paragraph.
  const clean = name
    .replace(/\p{Cc}|\p{Cf}/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!clean) throw new InvalidRectificationError('name is empty; send the name to keep, e.g. "Ana García"');
  if ([...clean].length > 100) throw new InvalidRectificationError('name is longer than 100 characters');
  return clean;
}

export function normaliseEmail(email: string): string {
  const clean = email.trim().toLowerCase();
  if (clean.length > 254 || !EMAIL.test(clean))
    throw new InvalidRectificationError(
      `"${email.slice(0, 60)}" is not an e-mail address; write it like ana@example.com`,
    );
  return clean;
}

export async function rectifyContact(
  prisma: Db,
  contactId: string,
  input: Rectification,
): Promise<{ changed: Array<'name' | 'email'> }> {
  const data: { name?: string | null; email?: string | null } = {};
  if (input.name !== undefined) data.name = input.name === null ? null : normaliseName(input.name);
  if (input.email !== undefined) data.email = input.email === null ? null : normaliseEmail(input.email);
  if (!Object.keys(data).length) throw new InvalidRectificationError('nothing to change: send "name" and/or "email"');
  const contact = await prisma.contact.findUnique({ where: { id: contactId } });
  if (!contact) throw new UnknownContactError(contactId);
  const changed = (['name', 'email'] as const).filter((k) => data[k] !== undefined && data[k] !== contact[k]);
  if (changed.length) await prisma.contact.update({ where: { id: contactId }, data });
  return { changed };
}
