/** Messaging effects: a reply, rendered in the person's language and register, sent once. */
import type { ReplySpec } from '../../../machines/types.js';
import { render } from '../../conversation/copy.js';
import type { EventTypeInfo } from '../../calendar/types.js';
import { replyMeta, withMeta } from '../../insights/kinds.js';
import type { Handler } from './types.js';

export const reply: Handler<'reply'> = {
  async run(spec, run, deps) {
    const et = await deps
      .eventType()
      .catch((): Pick<EventTypeInfo, 'title' | 'lengthInMinutes'> => ({ title: '', lengthInMinutes: 30 }));
    // Opening hours are only read for an answer to a business question ("¿a qué hora abrís?").
    const openingHours =
      spec.key === 'businessAnswer' && spec.topic === 'hours'
        ? await deps.calendar.openingHours().catch(() => undefined)
        : undefined;
    const message = render(spec as ReplySpec, {
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
    // What the message is for (insights, issue 15): stored with it, never sent.
    const meta = replyMeta(spec as ReplySpec);
    const found = deps.templateFor?.(spec as ReplySpec, run.facts) ?? null;
    const template = found ? withMeta(found, meta) : null;
    try {
      const out = await deps.outbound.send(run.contact, withMeta(message, meta), {
        key: `effect:${run.seq}`,
        kind: spec.key === 'staffMessage' ? 'staff' : spec.key === 'askRating' ? 'feedback' : 'reply',
        template,
        effectSeq: run.seq,
      });
      // Withheld by the privacy gate: nothing to wait for; the engine closes the row.
      if (out.status === 'withheld') return null;
      // Sent (now or before): the outbox row was closed with the send.
      return out.status === 'waiting' ? { wait: out.retryInMs } : { done: true };
    } catch (err) {
      deps.logger.warn({ err: (err as Error).message }, 'reply could not be sent');
      return null;
    }
  },
};
