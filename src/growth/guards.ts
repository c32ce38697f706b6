/** What every promotional job checks first: quiet hours (wait) and the person being mid-conversation (wait). */
import type { Db } from '../db/client.js';
import type { GrowthSettings } from './config.js';
import { quietUntil } from './quiet.js';

/** A conversation with activity this recent and not at rest is not interrupted by an offer. */
const BUSY_MS = 30 * 60_000;

/** The conversation's state while the marketing-consent question waits for its answer (machines/privacy.ts). */
const MARKETING_QUESTION = 'marketing';

/**
 * When the offer must wait until (quiet hours, or the person is in the middle of a flow), or null.
 * The marketing-consent question (issue 14, asked once after a first booking) is a flow of its own:
 * unanswered, the offer waits for the answer (a "yes" in the chat lets the offer follow; without it
 * the gate withholds it); once consent is on record (given in the chat or by another channel) the
 * question is settled and the offer need not wait.
 */
export async function waitUntil(
  prisma: Db,
  contactId: string,
  settings: GrowthSettings,
  timeZone: string,
  now: Date,
): Promise<Date | null> {
  const quiet = quietUntil(now, settings.quietHours, timeZone);
  if (quiet) return quiet;
  const conversation = await prisma.conversation.findUnique({
    where: { contactId },
    include: { contact: { select: { marketingConsent: true } } },
  });
  if (!conversation || now.getTime() - conversation.lastActivityAt.getTime() >= BUSY_MS) return null;
  const state = (JSON.parse(conversation.snapshot) as { value?: unknown }).value;
  if (state === 'idle') return null;
  if (state === MARKETING_QUESTION && conversation.contact.marketingConsent) return null;
  return new Date(conversation.lastActivityAt.getTime() + BUSY_MS);
}
