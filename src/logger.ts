/**
 * pino JSON logs with phone numbers, names, e-mails, message text and secrets redacted — in named
 * fields at any depth, in the message string, in URLs and in errors. Three layers:
 * - `redact` paths: the usual places, cheap (fast-redact);
 * - `formatters.log`: every plain object logged is walked (depth ≤ 6): a sensitive key's value is
 *   replaced, and every string has its phone-like digit runs and e-mail addresses masked;
 * - `hooks.logMethod`: the message string itself (e.g. Fastify's "Route GET:/…/34600… not found").
 * Names in free text can't be recognised: log them under a key (name, profileName…), never in `msg`.
 */
import pino, { type DestinationStream, type Logger } from 'pino';

export const REDACT_PATHS = [
  'phone',
  '*.phone',
  'from',
  '*.from',
  'to',
  '*.to',
  'name',
  '*.name',
  'profileName',
  '*.profileName',
  'wa_id',
  '*.wa_id',
  'email',
  '*.email',
  'attendee.name',
  'attendee.phoneNumber',
  'attendee.email',
  'req.headers.authorization',
  'req.headers["x-hub-signature-256"]',
  'req.headers["x-cal-signature-256"]',
  'req.headers.cookie',
];

/** Keys whose values are personal data or secrets, compared lower-case with "-" and "_" removed. */
const SENSITIVE_KEYS = new Set(
  [
    'phone',
    'phoneNumber',
    'from',
    'to',
    'recipient',
    'recipient_id',
    'wa_id',
    'waId',
    'name',
    'profileName',
    'firstName',
    'lastName',
    'email',
    'attendee',
    'attendeeName',
    'attendeeEmail',
    'attendeePhone',
    'text',
    'body',
    'caption',
    'comment',
    'responses',
    'address',
    'authorization',
    'cookie',
    'token',
    'accessToken',
    'apiKey',
    'secret',
    'appSecret',
    'password',
    'salt',
    'signature',
    'x-hub-signature-256',
    'x-cal-signature-256',
    'hashSalt',
    'verifyToken',
  ].map((k) => k.toLowerCase().replace(/[-_]/g, '')),
);

const CENSOR = '[redacted]';
const DATE_LIKE = /^\d{4}-\d{2}-\d{2}$|^\d{2}:\d{2}(:\d{2})?$/;
const EMAIL = /[^\s@"'<>(),;:]+@[^\s@"'<>(),;:]+\.[a-z]{2,}/gi;

/** Phone numbers hide in URLs (/simulator/api/conversations/346…) and free text: mask long digit runs. */
export function maskDigits(text: string): string {
  return text.replace(/\+?\d[\d\s().-]{5,}\d/g, (run) => {
    const digits = run.replace(/\D/g, '').length;
    return digits >= 7 && !DATE_LIKE.test(run) ? CENSOR : run;
  });
}

/** Digit runs and e-mail addresses masked. */
export function maskPersonal(text: string): string {
  return maskDigits(text.replace(EMAIL, '[email]'));
}

const isPlain = (v: unknown): v is Record<string, unknown> => {
  if (!v || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
};

/** A scrubbed copy of a log object (plain objects and arrays only; errors go to their serializer). */
export function scrub(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return maskPersonal(value);
  if (depth > 6) return value;
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  if (!isPlain(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] =
      SENSITIVE_KEYS.has(k.toLowerCase().replace(/[-_]/g, '')) && v != null && k !== 'err'
        ? CENSOR
        : scrub(v, depth + 1);
  }
  return out;
}

export function createLogger(level = 'info', destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: REDACT_PATHS, censor: CENSOR },
      formatters: { log: (obj) => scrub(obj) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          const masked = args.map((a) => (typeof a === 'string' ? maskPersonal(a) : a)) as Parameters<typeof method>;
          method.apply(this, masked);
        },
      },
      serializers: {
        err: (err: Error) => {
          const s = pino.stdSerializers.err(err);
          return {
            ...(scrub({ ...s, message: undefined, stack: undefined }) as object),
            message: maskPersonal(s.message ?? ''),
            stack: s.stack ? maskPersonal(s.stack) : undefined,
          };
        },
        req: (req: { method?: string; url?: string; ip?: string; id?: string }) => ({
          id: req.id,
          method: req.method,
          url: maskPersonal(req.url ?? ''),
        }),
        res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      },
    },
    destination,
  );
}
