/** Messaging effects: a reply, rendered in the person's language and register, sent once. */
import type { ReplySpec } from '../../../machines/types.js';
import { render, withPrivacyNotice } from '../../conversation/copy.js';
import type { EventTypeInfo } from '../../calendar/types.js';
import { replyMeta, withMeta } from '../../insights/kinds.js';
import type { MessageKind } from '../../privacy/gate.js';
import type { Handler } from './types.js';

/**
 * What a reply is for the privacy gate (issue 14): the rating question is a follow-up the person
 * did not ask for; staff's words answer a person who asked for one; everything else answers the
 * person's own message.
 */
export function messageKind(spec: ReplySpec): MessageKind {
  if (spec.key === 'askRating') return 'feedback';
  if (spec.key === 'staffMessage') return 'staff';
  return 'reply';
}

export const reply: Handler<'reply'> = {
  keepsTurnState: true,
  async run(spec, run, deps) {
    const et = await deps
      .eventType()
      .catch((): Pick<EventTypeInfo, 'title' | 'lengthInMinutes'> => ({ title: '', lengthInMinutes: 30 }));
    // Opening hours are only read for an answer to a business question ("¿a qué hora abrís?").
    const openingHours =
      spec.key === 'businessAnswer' && spec.topic === 'hours'
        ? await deps.calendar.openingHours().catch(() => undefined)
        : undefined;
    const rendered = render(spec as ReplySpec, {
      contact: run.facts,
      timeZone: deps.timeZone,
      now: deps.now(),
      eventTitle: et.title,
      lengthMinutes: et.lengthInMinutes,
      bookingUrl: deps.bookingUrl ?? ('bookingUrl' in et ? et.bookingUrl : undefined),
      knowledge: deps.knowledge,
      openingHours,
      reminderOffsetsMs: deps.reminderOffsetsMs,
    });
    // Issue 14: the first message a new contact ever gets links the privacy notice (whether one
    // was ever recorded is read with the turn; asked here only when the engine could not say).
    const first =
      spec.key !== 'staffMessage' &&
      !(
        run.messagedBefore ??
        (await deps.prisma.outboundMessage.findFirst({ where: { phone: run.contact.phone }, select: { id: true } }))
      );
    const message = first ? withPrivacyNotice(rendered, run.facts, deps.privacy.privacyUrl) : rendered;
    // What the message is for (insights, issue 15): stored with it, never sent.
    const meta = replyMeta(spec as ReplySpec);
    const found = deps.templateFor?.(spec as ReplySpec, run.facts) ?? null;
    const template = found ? withMeta(found, meta) : null;
    try {
      const out = await deps.outbound.send(run.contact, withMeta(message, meta), {
        key: `effect:${run.seq}`,
        template,
        effectSeq: run.seq,
        kind: messageKind(spec as ReplySpec),
        release: run.release,
      });
      // Withheld by the privacy gate: nothing went out; the engine closes the outbox row.
      if (out.status === 'withheld') return null;
      // Sent (now or before): the outbox row was closed with the send.
      return out.status === 'waiting' ? { wait: out.retryInMs } : { done: true };
    } catch (err) {
      deps.logger.warn({ err: (err as Error).message }, 'reply could not be sent');
      return null;
    }
  },
};
