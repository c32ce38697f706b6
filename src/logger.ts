/** pino JSON logs with phone numbers, names, e-mails and secrets redacted. */
import pino, { type DestinationStream, type Logger } from 'pino';

export const REDACT_PATHS = [
  'phone', '*.phone', 'from', '*.from', 'to', '*.to', 'name', '*.name', 'profileName', '*.profileName', 'wa_id', '*.wa_id',
  'email', '*.email', 'attendee.name', 'attendee.phoneNumber', 'attendee.email',
  'req.headers.authorization', 'req.headers["x-hub-signature-256"]', 'req.headers["x-cal-signature-256"]',
];

/** Phone numbers hide in URLs (/simulator/api/conversations/346…) and free text: mask long digit runs. */
export function maskDigits(text: string): string {
  return text.replace(/\+?\d[\d\s-]{5,}\d/g, '[redacted]');
}

export function createLogger(level = 'info', destination?: DestinationStream): Logger {
  return pino(
    {
      level,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      serializers: {
        err: (err: Error) => {
          const s = pino.stdSerializers.err(err);
          return { ...s, message: maskDigits(s.message ?? ''), stack: s.stack ? maskDigits(s.stack) : undefined };
        },
        req: (req: { method?: string; url?: string; ip?: string; id?: string }) => ({ id: req.id, method: req.method, url: maskDigits(req.url ?? '') }),
        res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      },
    },
    destination,
  );
}
