/**
 * Growth admin routes (issue 16), behind the admin JWT (viewer role): GET /admin/segments (counts)
 * and GET /admin/contacts.csv (the contact list with scores, same filters as GET /admin/contacts).
 */
import { Type, type Static } from '@sinclair/typebox';
import type { AdminExtension } from '../admin/plugin.js';
import type { Db } from '../db/client.js';
import { contactIdsFor, scoresOf } from './contacts.js';
import { SEGMENTS } from './segments.js';

const CsvQuery = Type.Object(
  {
    segment: Type.Optional(Type.Union(SEGMENTS.map((x) => Type.Literal(x)))),
    minScore: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
  },
  { additionalProperties: false },
);
type CsvQuery = Static<typeof CsvQuery>;

const SegmentsReply = Type.Object({
  /** Contacts whose first (primary) segment is this one. */
  primary: Type.Record(Type.String(), Type.Integer()),
  /** Contacts matching this segment (a contact may match several). */
  matching: Type.Record(Type.String(), Type.Integer()),
  scored: Type.Integer(),
  unscored: Type.Integer(),
});

/** RFC 4180 field; a leading =, +, - or @ is quoted with ' so spreadsheets don't run it as a formula. */
export function csvField(v: unknown): string {
  let s = v === null || v === undefined ? '' : String(v);
  if (/^[=+\-@]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function growthRoutes(prisma: Db): AdminExtension {
  return (api, scope) => {
    api.get(
      '/admin/segments',
      {
        onRequest: scope.viewer,
        schema: {
          tags: ['growth'],
          summary: 'How many contacts are in each segment',
          security: scope.security,
          response: { 200: SegmentsReply, ...scope.errors },
        },
      },
      async () => {
        const rows = await prisma.contactScore.findMany({ select: { segment: true, segments: true } });
        const primary = Object.fromEntries(SEGMENTS.map((s) => [s, 0]));
        const matching = Object.fromEntries(SEGMENTS.map((s) => [s, 0]));
        for (const r of rows) {
          primary[r.segment] = (primary[r.segment] ?? 0) + 1;
          for (const s of JSON.parse(r.segments) as string[]) matching[s] = (matching[s] ?? 0) + 1;
        }
        const contacts = await prisma.contact.count();
        return { primary, matching, scored: rows.length, unscored: Math.max(0, contacts - rows.length) };
      },
    );

    api.get<{ Querystring: CsvQuery }>(
      '/admin/contacts.csv',
      {
        onRequest: scope.viewer,
        schema: {
          tags: ['growth'],
          summary: 'Contacts with their score, segments and consent, as CSV (filters as GET /admin/contacts)',
          security: scope.security,
          querystring: CsvQuery,
          produces: ['text/csv'],
        },
      },
      async (req, reply) => {
        const ids = await contactIdsFor(prisma, req.query);
        const contacts = await prisma.contact.findMany({
          where: ids ? { id: { in: ids } } : {},
          orderBy: { createdAt: 'asc' },
          select: { id: true, phone: true, name: true, language: true, marketingConsent: true, optedOutAt: true },
        });
        const scores = await scoresOf(
          prisma,
          contacts.map((c) => c.id),
        );
        const head = [
          'id',
          'phone',
          'name',
          'language',
          'score',
          'segment',
          'segments',
          'marketing_consent',
          'opted_out',
          'reasons',
        ];
        const lines = contacts.map((c) => {
          const s = scores.get(c.id);
          return [
            c.id,
            c.phone,
            c.name,
            c.language,
            s?.score,
            s?.segment,
            s?.segments.join(' '),
            c.marketingConsent,
            Boolean(c.optedOutAt),
            s?.reasons.map((r) => `${r.factor} ${r.points}: ${r.detail}`).join('; '),
          ]
            .map(csvField)
            .join(',');
        });
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', 'attachment; filename="reserva-contacts.csv"')
          .send([head.join(','), ...lines].join('\r\n') + '\r\n');
      },
    );
  };
}
