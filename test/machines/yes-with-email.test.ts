/**
 * New-user run: "pode ser! meu email é ana.paula@gmail.com caso precise" while asked to confirm a slot
 * was read as an e-mail correction, and the yes was lost (the flow asked to confirm again). The NLU now
 * reads the yes with the e-mail beside it; the booking flow keeps and saves the e-mail and goes on as
 * for a plain yes: to the booking when the name is known, to the name question otherwise.
 */
import { describe, expect, it } from 'vitest';
import { transition } from 'xstate';
import { conversationMachine } from '../../machines/conversation.js';
import { initialContext } from '../../machines/setup.js';
import type { ContactFacts, ConversationContext, SlotOption } from '../../machines/types.js';
import { resolveInput } from '../../src/engine/inputs.js';

const NOW = new Date('2026-11-25T08:00:00Z');
const TZ = 'Europe/Madrid';
const SLOT: SlotOption = { start: '2026-11-26T09:00:00.000Z', end: '2026-11-26T09:30:00.000Z' };

function confirming(contact: Partial<ContactFacts>) {
  const context: ConversationContext = {
    ...initialContext({ language: 'pt', timeZone: TZ, ...contact }),
    offered: [SLOT],
    selected: SLOT,
    hold: { reservationUid: 'r-1', until: '2026-11-25T08:05:00.000Z' },
  };
  return conversationMachine.resolveState({ value: { booking: 'confirming' } as never, context });
}

function say(snap: ReturnType<typeof confirming>, text: string) {
  const { input } = resolveInput(
    { id: 'wamid.x', from: '5511987654321', timestamp: NOW.toISOString(), content: { kind: 'text', text } },
    { reference: NOW, timeZone: TZ, businessHours: { start: 9, end: 18 }, lengthMinutes: 30, context: snap.context },
  );
  const [next, actions] = transition(conversationMachine, snap, { type: 'USER', input, bookings: [] });
  return { next, types: actions.map((a) => a.type) };
}

const YES_WITH_EMAIL = 'pode ser! meu email é ana.paula@gmail.com caso precise';

describe('a yes with an e-mail while confirming a slot', () => {
  it.each([false, true])('name known (e-mail required: %s): booked with that e-mail, which is saved', (required) => {
    const { next, types } = say(confirming({ name: 'Ana Paula', emailRequired: required }), YES_WITH_EMAIL);
    expect(next.value).toEqual({ booking: 'booking' });
    expect(next.context.contact.email).toBe('ana.paula@gmail.com');
    expect(types).toContain('saveEmail');
    expect(types).toContain('createBooking');
  });

  it('no name yet: the e-mail is kept and the name is asked (then nothing else is)', () => {
    const { next, types } = say(confirming({ emailRequired: true }), YES_WITH_EMAIL);
    expect(next.value).toEqual({ booking: 'askingName' });
    expect(next.context.contact.email).toBe('ana.paula@gmail.com');
    expect(types).toContain('saveEmail');
    const after = say(next, 'Ana Paula Souza');
    expect(after.next.value).toEqual({ booking: 'booking' });
  });

  it('a plain yes saves no e-mail; an e-mail alone is still a correction that asks again', () => {
    const yes = say(confirming({ name: 'Ana Paula' }), 'pode ser');
    expect(yes.next.value).toEqual({ booking: 'booking' });
    expect(yes.types).not.toContain('saveEmail');
    const email = say(confirming({ name: 'Ana Paula' }), 'meu email é ana.paula@gmail.com');
    expect(email.next.value).toEqual({ booking: 'confirming' });
    expect(email.types).toContain('saveEmail');
  });
});
