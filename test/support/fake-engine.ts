/**
 * A scripted stand-in for the conversation engine, for simulator tests that must not depend on
 * the NLU or calendar: stores inbound messages and statuses like the real one (InboxMessage,
 * OutboundMessage rows), and answers with fixed messages of every kind through a sender.
 */
import type { Db } from '../../src/db/client.js';
import type { EngineApi } from '../../src/engine/types.js';
import type { InboundMessage, OutgoingMessage, StatusUpdate, WhatsAppSender } from '../../src/whatsapp/types.js';

export interface FakeEngine extends EngineApi {
  ingested: { messages: InboundMessage[]; statuses: StatusUpdate[] }[];
  /** Makes the next ingest throw this error. */
  failNext(message: string): void;
}

const RANK: Record<string, number> = { queued: 0, sent: 1, delivered: 2, read: 3, failed: 4 };

export function reply(m: InboundMessage): { state: string; messages: OutgoingMessage[] } {
  const c = m.content;
  const id =
    c.kind === 'button_reply' || c.kind === 'list_reply' ? c.id : c.kind === 'template_button' ? c.payload : '';
  const text = c.kind === 'text' ? c.text.toLowerCase() : '';
  if (c.kind === 'media')
    return {
      state: 'idle',
      messages: [{ type: 'text', body: 'Todavía no puedo escuchar audios 🙏 ¿Me lo escribes?' }],
    };
  if (id === 'v1:confirm' || id.startsWith('v1:attend:')) {
    return {
      state: 'idle',
      messages: [
        {
          type: 'text',
          body:
            '✅ Listo, Ana: *jueves 26 de noviembre, 11:00–11:30*. ' +
            'Para cambiarla, escribe "cambiar" o "cancelar" cuando quieras.',
        },
      ],
    };
  }
  if (id === 'v1:reschedule' || text.includes('otra')) {
    return {
      state: 'booking.choosingSlot',
      messages: [
        {
          type: 'list',
          body: 'Las 12:00 ya están ocupadas. Lo más cercano ese día:',
          buttonText: 'Ver horarios',
          sections: [
            {
              title: 'Mañana',
              rows: [{ id: 'v1:slot:2026-11-26T10:30:00Z', title: '11:30', description: 'jueves 26 de noviembre' }],
            },
            {
              title: 'Tarde',
              rows: [{ id: 'v1:slot:2026-11-26T15:00:00Z', title: '16:00', description: 'jueves 26 de noviembre' }],
            },
          ],
        },
      ],
    };
  }
  if (text.includes('recordatorio')) {
    return {
      state: 'confirmation.waiting',
      messages: [
        {
          type: 'template',
          name: 'appointment_reminder',
          language: 'es',
          bodyParams: ['Ana', 'mañana a las 11:00'],
          quickReplies: ['v1:attend:abc', 'v1:reschedule:abc', 'v1:cancel:abc'],
          preview: 'Hola Ana, te recordamos tu cita *mañana a las 11:00*.',
        },
      ],
    };
  }
  return {
    state: 'booking.confirming',
    messages: [
      {
        type: 'buttons',
        body: 'Hola Ana 👋 Puedo reservarte el *jueves 26 de noviembre a las 11:00* (30 min). ¿La confirmo?',
        buttons: [
          { id: 'v1:confirm', title: 'Confirmar' },
          { id: 'v1:reschedule', title: 'Otra hora' },
          { id: 'v1:cancel', title: 'Cancelar' },
        ],
      },
    ],
  };
}

export function createFakeEngine(deps: { prisma: Db; sender: WhatsAppSender; delayMs?: number }): FakeEngine {
  const { prisma, sender } = deps;
  const states = new Map<string, { state: string; updatedAt: string; turns: number }>();
  const pending = new Set<Promise<void>>();
  let failure: string | null = null;

  const process = async (m: InboundMessage) => {
    await sender.markRead(m.id, { typing: true });
    await new Promise((r) => setTimeout(r, deps.delayMs ?? 150));
    await prisma.contact.upsert({
      where: { phone: m.from },
      create: { phone: m.from, name: m.profileName ?? null },
      update: {},
    });
    const { state, messages } = reply(m);
    for (const message of messages) {
      const row = await prisma.outboundMessage.create({
        data: { phone: m.from, kind: message.type, body: JSON.stringify(message), status: 'queued' },
      });
      const { messageId } = await sender.send(m.from, message);
      await prisma.outboundMessage.update({
        where: { id: row.id },
        data: { waMessageId: messageId, status: 'sent', sentAt: new Date() },
      });
    }
    await prisma.inboxMessage.update({
      where: { waMessageId: m.id },
      data: { status: 'processed', processedAt: new Date() },
    });
    const prev = states.get(m.from);
    states.set(m.from, { state, updatedAt: new Date().toISOString(), turns: (prev?.turns ?? 0) + 1 });
  };

  const engine: FakeEngine = {
    ingested: [],
    failNext(message) {
      failure = message;
    },
    async ingest(input) {
      if (failure) {
        const message = failure;
        failure = null;
        throw new Error(message);
      }
      engine.ingested.push(input);
      let stored = 0;
      let duplicates = 0;
      for (const m of input.messages) {
        const exists = await prisma.inboxMessage.findUnique({ where: { waMessageId: m.id } });
        if (exists) {
          duplicates++;
          continue;
        }
        await prisma.inboxMessage.create({ data: { waMessageId: m.id, phone: m.from, payload: JSON.stringify(m) } });
        stored++;
        const p = process(m).finally(() => pending.delete(p));
        pending.add(p);
      }
      for (const s of input.statuses) {
        const row = await prisma.outboundMessage.findUnique({ where: { waMessageId: s.messageId } });
        if (row && (RANK[s.status] ?? 0) > (RANK[row.status] ?? 0)) {
          await prisma.outboundMessage.update({
            where: { id: row.id },
            data: {
              status: s.status,
              ...(s.status === 'read' ? { readAt: new Date(s.timestamp) } : { deliveredAt: new Date(s.timestamp) }),
            },
          });
        }
        stored++;
      }
      return { stored, duplicates };
    },
    async inspect(phone) {
      const s = states.get(phone);
      return s
        ? {
            state: s.state.includes('.') ? { [s.state.split('.')[0]!]: s.state.split('.')[1] } : s.state,
            context: { turns: s.turns, phone },
            machineVersion: 1,
            updatedAt: s.updatedAt,
          }
        : null;
    },
    async idle() {
      while (pending.size) await Promise.all([...pending]);
    },
  };
  return engine;
}
