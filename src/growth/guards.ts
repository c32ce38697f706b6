/** What every promotional job checks first: quiet hours (wait) and the person being mid-conversation (wait). */
import type { Db } from '../db/client.js';
import type { GrowthSettings } from './config.js';
import { quietUntil } from './quiet.js';

/** A conversation with activity this recent and not at rest is not interrupted by an offer. */
const BUSY_MS = 30 * 60_000;

/** When the offer must wait until (quiet hours, or the person is in the middle of a flow), or null. */
export async function waitUntil(
  prisma: Db,
  contactId: string,
  settings: GrowthSettings,
  timeZone: string,
  now: Date,
): Promise<Date | null> {
  const quiet = quietUntil(now, settings.quietHours, timeZone);
  if (quiet) return quiet;
  const conversation = await prisma.conversation.findUnique({ where: { contactId } });
  if (
    conversation &&
    (JSON.parse(conversation.snapshot) as { value?: unknown }).value !== 'idle' &&
    now.getTime() - conversation.lastActivityAt.getTime() < BUSY_MS
  )
    return new Date(conversation.lastActivityAt.getTime() + BUSY_MS);
  return null;
}
