/** pino JSON logs with phone numbers, names and secrets redacted. */
import pino, { type Logger } from 'pino';

export const REDACT_PATHS = [
  'phone', '*.phone', 'from', '*.from', 'to', '*.to', 'name', '*.name', 'profileName', '*.profileName', 'wa_id', '*.wa_id',
  'req.headers.authorization', 'req.headers["x-hub-signature-256"]', 'req.headers["x-cal-signature-256"]',
  'attendee.name', 'attendee.phoneNumber', 'attendee.email', '*.email',
];

export function createLogger(level = 'info'): Logger {
  return pino({
    level,
    redact: { paths: REDACT_PATHS, censor: '[redacted]' },
    serializers: { err: pino.stdSerializers.err },
  });
}
