/**
 * JSON schemas (TypeBox) of the admin API: they validate params, query and body (a 400 names the
 * field) and document the routes in /openapi.json.
 */
import { SEGMENTS } from '../growth/segments.js';
import { Type, type Static } from '@sinclair/typebox';

export const CONVERSATION_STATES = [
  'handoff',
  'idle',
  'booking',
  'rescheduling',
  'cancellation',
  'confirmation',
  'feedback',
] as const;

export const ContactIdParams = Type.Object(
  {
    id: Type.String({
      minLength: 1,
      maxLength: 64,
      pattern: '^[A-Za-z0-9_-]+$',
      description: 'Contact id (from GET /admin/contacts)',
    }),
  },
  { additionalProperties: false },
);
export type ContactIdParams = Static<typeof ContactIdParams>;

export const ContactsQuery = Type.Object(
  {
    phone: Type.Optional(
      Type.String({
        minLength: 3,
        maxLength: 32,
        pattern: '^[+0-9 ().-]+$',
        description: 'Whole or partial phone number; spaces, dashes and + are ignored',
      }),
    ),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Text in the name, phone or e-mail' })),
    cursor: Type.Optional(
      Type.String({
        minLength: 1,
        maxLength: 64,
        pattern: '^[A-Za-z0-9_-]+$',
        description: 'nextCursor of the previous page',
      }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
    // Growth (issue 16).
    segment: Type.Optional(
      Type.Union(
        SEGMENTS.map((x) => Type.Literal(x)),
        { description: 'Contacts in this segment (any of theirs)' },
      ),
    ),
    minScore: Type.Optional(Type.Integer({ minimum: 0, maximum: 100, description: 'Lead score at least this' })),
  },
  { additionalProperties: false },
);
export type ContactsQuery = Static<typeof ContactsQuery>;

export const ConversationsQuery = Type.Object(
  {
    state: Type.Optional(
      Type.Union(
        CONVERSATION_STATES.map((s) => Type.Literal(s)),
        { description: 'Top-level statechart state' },
      ),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
  },
  { additionalProperties: false },
);
export type ConversationsQuery = Static<typeof ConversationsQuery>;

export const StaffMessageBody = Type.Object(
  {
    text: Type.String({
      minLength: 1,
      maxLength: 4096,
      pattern: '\\S',
      description: 'Sent to the person on WhatsApp as written',
    }),
  },
  { additionalProperties: false },
);
export type StaffMessageBody = Static<typeof StaffMessageBody>;

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

export const ContactSummary = Type.Object({
  id: Type.String(),
  phone: Type.String(),
  name: Nullable(Type.String()),
  language: Nullable(Type.String()),
  lastInboundAt: Nullable(Type.String({ format: 'date-time' })),
  state: Nullable(Type.String({ description: 'Top-level statechart state, null before the first message' })),
  // Growth (issue 16): the lead score and segment (null before the first computation).
  score: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: 100 }), Type.Null()])),
  segment: Type.Optional(Nullable(Type.String())),
  scoreReasons: Type.Optional(
    Type.Array(Type.Object({ factor: Type.String(), points: Type.Number(), detail: Type.String() })),
  ),
});

export const Message = Type.Object({
  id: Type.String(),
  direction: Type.Union([Type.Literal('in'), Type.Literal('out')]),
  text: Type.String(),
  at: Type.String({ format: 'date-time' }),
  status: Type.Optional(Type.String()),
  error: Type.Optional(Type.String()),
});

export const HandoffInfo = Type.Object({
  id: Type.String(),
  reason: Type.String(),
  startedAt: Type.String({ format: 'date-time' }),
  endedAt: Nullable(Type.String({ format: 'date-time' })),
  endedBy: Nullable(Type.String()),
  chatwootConversationId: Type.Union([Type.Integer(), Type.Null()]),
});

export const ConversationSummary = Type.Object({
  contact: ContactSummary,
  state: Type.String(),
  waitingSince: Nullable(Type.String({ format: 'date-time', description: 'When the open hand-off started' })),
  lastActivityAt: Type.String({ format: 'date-time' }),
  lastMessage: Type.Union([Message, Type.Null()]),
});

export const ContactDetail = Type.Object({
  contact: Type.Object({
    ...ContactSummary.properties,
    email: Nullable(Type.String()),
    formality: Nullable(Type.String()),
    optedOutAt: Nullable(Type.String()),
    createdAt: Type.String(),
  }),
  bookings: Type.Array(
    Type.Object({
      uid: Type.String(),
      start: Type.String(),
      end: Type.String(),
      status: Type.String(),
      title: Nullable(Type.String()),
    }),
  ),
  conversation: Type.Union([
    Type.Object({
      state: Type.String(),
      stateDetail: Type.String(),
      version: Type.Integer(),
      lastActivityAt: Type.String(),
      handoff: Type.Union([HandoffInfo, Type.Null()]),
    }),
    Type.Null(),
  ]),
  window: Type.Object({ open: Type.Boolean(), lastInboundAt: Nullable(Type.String()), template: Type.Boolean() }),
  messages: Type.Array(Message),
});

export const ErrorBody = Type.Object({
  error: Type.String(),
  message: Type.String(),
  field: Type.Optional(Type.String({ description: 'The field that failed validation' })),
});
