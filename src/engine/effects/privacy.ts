/**
 * Privacy effects (issue 14), carried out by the privacy services (src/privacy): the access
 * summary with its export link, erasure, and the marketing-consent record. The statechart decides
 * when (machines/privacy.ts); these only do it.
 */
import type { ConversationEvent } from '../../../machines/types.js';
import { UnknownContactError } from '../../privacy/consent.js';
import type { Handler } from './types.js';

export const prepareExport: Handler<'prepareExport'> = {
  giveUp: () => ({ type: 'PRIVACY_EXPORT_FAILED' }),
  async run(_p, run, deps): Promise<ConversationEvent> {
    try {
      const [summary, link] = await Promise.all([
        deps.privacy.summarise(run.contact.id),
        deps.privacy.createExportLink(run.contact.id),
      ]);
      return { type: 'PRIVACY_EXPORT_READY', summary, url: link.url, expiresAt: link.expiresAt.toISOString() };
    } catch (err) {
      deps.logger.warn({ err: (err as Error).message }, 'could not prepare the data export');
      return { type: 'PRIVACY_EXPORT_FAILED' };
    }
  },
};

/**
 * The turn's last effect: the "erased" reply went out before it. Everything about the person goes,
 * this outbox row and the conversation included, so nothing is committed after it (`done`): the
 * engine finds no contact next round and the person's work ends there.
 */
export const eraseContact: Handler<'eraseContact'> = {
  giveUp: () => ({ type: 'ERASE_FAILED' }),
  async run(_p, run, deps) {
    try {
      const report = await deps.privacy.eraseContact(run.contact.id);
      deps.logger.info(
        { keptOnSuppressionList: report.keptOnSuppressionList, rows: report.counts },
        'contact erased at their request in the chat',
      );
    } catch (err) {
      if (!(err instanceof UnknownContactError)) throw err; // retried, then ERASE_FAILED
      // Erased already (an earlier attempt whose end was lost): that is the result we wanted.
    }
    return { done: true };
  },
};

export const markMarketingAsked: Handler<'markMarketingAsked'> = {
  async run(_p, run, deps) {
    await deps.prisma.contact.updateMany({
      where: { id: run.contact.id, marketingAskedAt: null },
      data: { marketingAskedAt: deps.now() },
    });
    return null;
  },
};

export const recordMarketingConsent: Handler<'recordMarketingConsent'> = {
  async run(p, run, deps) {
    await deps.privacy.recordMarketingConsent(run.contact.id, {
      granted: p.granted,
      source: p.source,
      textVersion: p.textVersion,
    });
    return null;
  },
};
