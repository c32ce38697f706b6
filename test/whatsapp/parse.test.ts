import { describe, expect, it } from 'vitest';
import { parseWebhook } from '../../src/whatsapp/parse.js';
import {
  buttonReply,
  listReply,
  locationMessage,
  mediaMessage,
  reactionMessage,
  statusUpdate,
  templateButton,
  textMessage,
  unsupportedMessage,
  wrapWebhook,
} from '../support/whatsapp-payloads.js';

const T = new Date('2025-03-04T15:00:00Z');
const from = '5215512345678';

/** Round-trips through JSON like a real POST would. */
const parse = (v: unknown) => parseWebhook(JSON.parse(JSON.stringify(v)));

describe('parseWebhook: literal Cloud API payload', () => {
  it('parses a text message exactly as Meta documents it', () => {
    const body = {
      object: 'whatsapp_business_account',
      entry: [
        {
          id: '102290129340398',
          changes: [
            {
              value: {
                messaging_product: 'whatsapp',
                metadata: { display_phone_number: '15550783881', phone_number_id: '106540352242922' },
                contacts: [{ profile: { name: 'Sheena Nelson' }, wa_id: '16505551234' }],
                messages: [
                  {
                    from: '16505551234',
                    id: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=',
                    timestamp: '1749416383',
                    type: 'text',
                    text: { body: 'Does it come in another color?' },
                  },
                ],
              },
              field: 'messages',
            },
          ],
        },
      ],
    };
    expect(parseWebhook(body)).toEqual({
      messages: [
        {
          id: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQTRBNjU5OUFFRTAzODEwMTQ0RgA=',
          from: '16505551234',
          profileName: 'Sheena Nelson',
          timestamp: new Date(1749416383 * 1000).toISOString(),
          content: { kind: 'text', text: 'Does it come in another color?' },
          phoneNumberId: '106540352242922',
        },
      ],
      statuses: [],
      errors: [],
      system: [],
      ignored: [],
    });
  });
});

describe('parseWebhook: every message kind', () => {
  it('text with profile name, timestamp and context', () => {
    const r = parse(
      wrapWebhook(
        textMessage({
          from,
          name: 'Ana',
          text: 'Hola, quiero una cita',
          id: 'wamid.1',
          timestamp: T,
          contextId: 'wamid.ours',
        }),
      ),
    );
    expect(r.errors).toEqual([]);
    expect(r.messages).toEqual([
      {
        id: 'wamid.1',
        from,
        profileName: 'Ana',
        timestamp: T.toISOString(),
        content: { kind: 'text', text: 'Hola, quiero una cita' },
        contextId: 'wamid.ours',
        phoneNumberId: '100000000000001',
      },
    ]);
  });

  it('interactive button_reply and list_reply', () => {
    const r = parse(
      wrapWebhook([
        buttonReply({ from, name: 'Ana', buttonId: 'confirm:v1:42', title: 'Confirmar', contextId: 'wamid.q' }),
        listReply({
          from,
          name: 'Ana',
          rowId: 'slot:v1:2025-03-05T10:00',
          title: 'Mié 10:00',
          description: 'Dra. López',
        }),
        listReply({ from, rowId: 'slot:x', title: 'Jue' }),
      ]),
    );
    expect(r.errors).toEqual([]);
    expect(r.messages.map((m) => m.content)).toEqual([
      { kind: 'button_reply', id: 'confirm:v1:42', title: 'Confirmar' },
      { kind: 'list_reply', id: 'slot:v1:2025-03-05T10:00', title: 'Mié 10:00', description: 'Dra. López' },
      { kind: 'list_reply', id: 'slot:x', title: 'Jue' },
    ]);
    expect(r.messages[0]!.contextId).toBe('wamid.q');
    expect(r.messages[2]!.profileName).toBeUndefined();
  });

  it('template quick reply (type "button") with payload and text', () => {
    const r = parse(
      wrapWebhook(
        templateButton({
          from,
          name: 'Ana',
          payload: 'reminder:confirm:42',
          text: 'Confirmar',
          contextId: 'wamid.reminder',
        }),
      ),
    );
    expect(r.messages[0]!.content).toEqual({
      kind: 'template_button',
      payload: 'reminder:confirm:42',
      text: 'Confirmar',
    });
    expect(r.messages[0]!.contextId).toBe('wamid.reminder');
  });

  it('location, reaction (and removed reaction)', () => {
    const r = parse(
      wrapWebhook([
        locationMessage({ from, latitude: 19.4326, longitude: -99.1332, name: 'Zócalo' }),
        locationMessage({ from, latitude: 1.5, longitude: 2.5, address: 'Calle 1' }),
        reactionMessage({ from, messageId: 'wamid.ours', emoji: '👍🏽' }),
        reactionMessage({ from, messageId: 'wamid.ours', emoji: '' }),
      ]),
    );
    expect(r.errors).toEqual([]);
    expect(r.messages.map((m) => m.content)).toEqual([
      { kind: 'location', latitude: 19.4326, longitude: -99.1332, name: 'Zócalo' },
      { kind: 'location', latitude: 1.5, longitude: 2.5, name: 'Calle 1' },
      { kind: 'reaction', emoji: '👍🏽', messageId: 'wamid.ours' },
      { kind: 'reaction', emoji: '', messageId: 'wamid.ours' },
    ]);
  });

  it('media: image with caption, audio, voice note, video, document, sticker', () => {
    const kinds = ['image', 'audio', 'voice', 'video', 'document', 'sticker'] as const;
    const r = parse(
      wrapWebhook(
        kinds.map((k) => mediaMessage({ from, mediaType: k, caption: k === 'image' ? 'mi receta' : undefined })),
      ),
    );
    expect(r.errors).toEqual([]);
    expect(r.messages.map((m) => m.content)).toEqual([
      { kind: 'media', mediaType: 'image', caption: 'mi receta' },
      { kind: 'media', mediaType: 'audio' },
      { kind: 'media', mediaType: 'voice' },
      { kind: 'media', mediaType: 'video' },
      { kind: 'media', mediaType: 'document' },
      { kind: 'media', mediaType: 'sticker' },
    ]);
  });

  it(
    'types we do not read become unsupported, without errors; what WhatsApp ' +
      'itself flags unsupported (131051: edits, polls…) is set aside',
    () => {
      const plain = (rawType: string) => {
        const v = unsupportedMessage({ from, rawType });
        delete (v.messages![0] as { errors?: unknown }).errors;
        return v;
      };
      const r = parse(
        wrapWebhook([
          unsupportedMessage({ from, rawType: 'unknown' }),
          unsupportedMessage({ from, rawType: 'unsupported' }),
          plain('contacts'),
          plain('hologram'),
        ]),
      );
      expect(r.errors).toEqual([]);
      expect(r.messages.map((m) => m.content)).toEqual([
        { kind: 'unsupported', rawType: 'contacts' },
        { kind: 'unsupported', rawType: 'hologram' },
      ]);
      expect(r.ignored.map((i) => i.reason)).toEqual(['message type unknown', 'message type unsupported']);
    },
  );

  it(
    'usernames: a message with only from_user_id comes from the BSUID; ' +
      'system messages are number changes, not messages',
    () => {
      const v = textMessage({ from, text: 'hola', id: 'wamid.u', timestamp: T });
      const m = v.messages![0]! as Record<string, unknown>;
      delete m.from;
      m.from_user_id = 'ES.1349120865530274';
      const sys = textMessage({ from, text: '', id: 'wamid.s', timestamp: T });
      Object.assign(sys.messages![0]!, {
        type: 'system',
        system: { body: 'changed', wa_id: '34622333444', type: 'user_changed_number' },
      });
      const edit = textMessage({ from, text: '', id: 'wamid.e', timestamp: T });
      Object.assign(edit.messages![0]!, { type: 'edit', edit: { original_message_id: 'wamid.u' } });
      const r = parse(wrapWebhook([v, sys, edit]));
      expect(r.messages.map((x) => x.from)).toEqual(['ES.1349120865530274']);
      expect(r.system).toEqual([{ kind: 'number_changed', from, newPhone: '34622333444' }]);
      expect(r.ignored.map((i) => i.id)).toEqual(['wamid.e']);
    },
  );

  it('interactive replies we do not send (Flows nfm_reply) become unsupported', () => {
    const v = textMessage({ from, text: 'x' });
    v.messages![0] = {
      ...v.messages![0],
      type: 'interactive',
      interactive: { type: 'nfm_reply', nfm_reply: { response_json: '{}' } },
    };
    const r = parse(wrapWebhook(v));
    expect(r.messages[0]!.content).toEqual({ kind: 'unsupported', rawType: 'interactive.nfm_reply' });
  });
});

describe('parseWebhook: statuses', () => {
  it('sent, delivered, read and failed with error code/title/details', () => {
    const r = parse(
      wrapWebhook([
        statusUpdate({ messageId: 'wamid.a', recipient: from, status: 'sent', timestamp: T }),
        statusUpdate({ messageId: 'wamid.a', recipient: from, status: 'delivered', timestamp: T }),
        statusUpdate({ messageId: 'wamid.a', recipient: from, status: 'read', timestamp: T }),
        statusUpdate({
          messageId: 'wamid.b',
          recipient: from,
          status: 'failed',
          timestamp: T,
          error: {
            code: 131047,
            title: 'Re-engagement message',
            details: 'More than 24 hours have passed since the recipient last replied.',
          },
        }),
      ]),
    );
    expect(r.errors).toEqual([]);
    expect(r.statuses).toEqual([
      { messageId: 'wamid.a', recipient: from, status: 'sent', timestamp: T.toISOString() },
      { messageId: 'wamid.a', recipient: from, status: 'delivered', timestamp: T.toISOString() },
      { messageId: 'wamid.a', recipient: from, status: 'read', timestamp: T.toISOString() },
      {
        messageId: 'wamid.b',
        recipient: from,
        status: 'failed',
        timestamp: T.toISOString(),
        errorCode: 131047,
        errorTitle: 'Re-engagement message',
        errorDetails: 'More than 24 hours have passed since the recipient last replied.',
      },
    ]);
  });

  it('drops unknown statuses (e.g. "deleted") with an error line, keeps the rest', () => {
    const v = statusUpdate({ messageId: 'wamid.a', recipient: from, status: 'sent' });
    v.statuses!.push({ id: 'wamid.c', status: 'deleted', timestamp: '1', recipient_id: from });
    const r = parse(wrapWebhook(v));
    expect(r.statuses).toHaveLength(1);
    expect(r.errors).toEqual([
      expect.stringContaining('status "deleted" for wamid.c is not one of sent/delivered/read/failed'),
    ]);
  });

  it('notes a failed status without errors[]', () => {
    const r = parse(wrapWebhook(statusUpdate({ messageId: 'wamid.f', recipient: from, status: 'failed' })));
    expect(r.statuses[0]!.status).toBe('failed');
    expect(r.errors).toEqual([expect.stringContaining('failed status for wamid.f carries no errors[]')]);
  });
});

describe('parseWebhook: garbage never throws', () => {
  const garbage: unknown[] = [
    null,
    undefined,
    42,
    'hello',
    [],
    {},
    { object: 'page', entry: [] },
    { object: 'whatsapp_business_account' },
    { object: 'whatsapp_business_account', entry: 'x' },
    { object: 'whatsapp_business_account', entry: [null, 1, { changes: 'x' }, { changes: [null, { value: 3 }] }] },
  ];
  for (const g of garbage) {
    it(`handles ${JSON.stringify(g) ?? 'undefined'}`, () => {
      const r = parseWebhook(g);
      expect(r.messages).toEqual([]);
      expect(r.statuses).toEqual([]);
      expect(r.errors.length).toBeGreaterThan(0);
    });
  }

  it('an empty entry list is fine', () => {
    expect(parseWebhook({ object: 'whatsapp_business_account', entry: [] })).toEqual({
      messages: [],
      statuses: [],
      errors: [],
      system: [],
      ignored: [],
    });
  });

  it('ignores non-"messages" fields (template status updates) silently', () => {
    const r = parseWebhook({
      object: 'whatsapp_business_account',
      entry: [{ id: '1', changes: [{ field: 'message_template_status_update', value: { event: 'APPROVED' } }] }],
    });
    expect(r).toEqual({ messages: [], statuses: [], errors: [], system: [], ignored: [] });
  });

  it('drops messages without id/from, keeps good siblings, and explains', () => {
    const v = textMessage({ from, text: 'ok', id: 'wamid.good', timestamp: T });
    // A message without an id, and something that is not a message at all.
    v.messages!.push(
      { type: 'text', text: { body: 'no id' }, from, timestamp: '1' },
      7 as unknown as Record<string, unknown>,
    );
    const r = parse(wrapWebhook(v));
    expect(r.messages.map((m) => m.id)).toEqual(['wamid.good']);
    expect(r.errors).toEqual([
      expect.stringContaining('messages[1]: missing "id"'),
      expect.stringContaining('messages[2]: expected an object'),
    ]);
  });

  it('delivers malformed content as unsupported with an explanation', () => {
    const v = textMessage({ from, text: 'x', id: 'wamid.t' });
    const base = v.messages![0]!;
    v.messages = [
      { ...base, id: 'm1', text: undefined },
      { ...base, id: 'm2', type: 'interactive', interactive: { type: 'button_reply', button_reply: {} } },
      { ...base, id: 'm3', type: 'location', location: { latitude: 'north' } },
      { ...base, id: 'm4', type: 'button', button: 5 },
      { ...base, id: 'm5', type: 'reaction', reaction: { emoji: '❤️' } },
      { ...base, id: 'm6', type: undefined },
    ];
    const r = parse(wrapWebhook(v));
    expect(r.messages.map((m) => m.content)).toEqual([
      { kind: 'unsupported', rawType: 'text' },
      { kind: 'unsupported', rawType: 'interactive' },
      { kind: 'unsupported', rawType: 'location' },
      { kind: 'unsupported', rawType: 'button' },
      { kind: 'unsupported', rawType: 'reaction' },
      { kind: 'unsupported', rawType: 'missing' },
    ]);
    expect(r.errors).toHaveLength(5);
    expect(r.errors[0]).toMatch(/messages\[0\]: text message has no text\.body string; delivered as unsupported/);
  });

  it('uses the injected clock when a timestamp is unusable', () => {
    const v = textMessage({ from, text: 'x' });
    v.messages![0]!.timestamp = 'yesterday';
    const r = parseWebhook(JSON.parse(JSON.stringify(wrapWebhook(v))), { now: () => T });
    expect(r.messages[0]!.timestamp).toBe(T.toISOString());
    expect(r.errors).toEqual([expect.stringContaining('invalid timestamp "yesterday"')]);
  });

  it('reports value-level errors from Meta', () => {
    const v = statusUpdate({ messageId: 'w', recipient: from, status: 'sent' });
    Object.assign(v, { errors: [{ code: 131000, title: 'Something went wrong' }] });
    const r = parse(wrapWebhook(v));
    expect(r.errors).toEqual([expect.stringContaining('WhatsApp reported error 131000 (Something went wrong)')]);
  });
});
