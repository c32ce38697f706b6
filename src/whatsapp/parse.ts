/**
 * Turns a WhatsApp Cloud API webhook body into our boundary types.
 *
 * Shape (object "whatsapp_business_account"):
 *   entry[].changes[] { field: "messages", value: { metadata, contacts[], messages[], statuses[], errors[] } }
 *
 * Never throws: anything malformed becomes a line in `errors` (saying where and what), and
 * everything that could be understood is still returned. A message whose content is
 * unreadable is still delivered as `unsupported` (so the conversation can answer "I can't read
 * that") with an `errors` line explaining why.
 */
import { parseReferral } from '../growth/referral.js';
import type { DeliveryStatus, InboundContent, InboundMessage, StatusUpdate, SystemEvent } from './types.js';

export interface ParsedWebhook {
  messages: InboundMessage[];
  statuses: StatusUpdate[];
  errors: string[];
  /** Issue 10: number / user id changes (`system` messages): they update the contact, nobody is answered. */
  system: SystemEvent[];
  /** Issue 10: edits and messages WhatsApp itself calls `unsupported`: logged, not answered. */
  ignored: Array<{ id: string; from: string; reason: string }>;
}

/** Message types that are not something the person asked: never answered (issue 10). */
const NOT_ANSWERED = new Set(['unsupported', 'edit', 'revoke', 'deleted', 'ephemeral', 'request_welcome']);

export interface ParseOptions {
  /** Used only when a message carries no valid timestamp. Defaults to the system clock. */
  now?: () => Date;
}

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const nonEmpty = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);
const num = (v: unknown): number | undefined => {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v))) return Number(v);
  return undefined;
};

const MEDIA_TYPES = ['image', 'audio', 'video', 'document', 'sticker'] as const;
const STATUSES: readonly DeliveryStatus[] = ['sent', 'delivered', 'read', 'failed'];

/** Unix seconds (string or number) → ISO string; undefined when unusable. */
function isoFromUnix(v: unknown): string | undefined {
  const n = num(v);
  if (n === undefined || n < 0) return undefined;
  const d = new Date(n * 1000);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

export function parseWebhook(body: unknown, opts: ParseOptions = {}): ParsedWebhook {
  const out: ParsedWebhook = { messages: [], statuses: [], errors: [], system: [], ignored: [] };
  const now = opts.now ?? (() => new Date());

  if (!isObj(body)) {
    out.errors.push(
      'webhook body is not a JSON object: expected the Cloud API {"object":"whatsapp_business_account","entry":[...]}',
    );
    return out;
  }
  if (body.object !== 'whatsapp_business_account') {
    out.errors.push(
      `webhook "object" is ${JSON.stringify(body.object)}, expected "whatsapp_business_account": ` +
        'is this webhook subscribed to the right product?',
    );
    return out;
  }
  if (!Array.isArray(body.entry)) {
    out.errors.push('webhook "entry" is missing or not an array');
    return out;
  }

  body.entry.forEach((entry, ei) => {
    const at = `entry[${ei}]`;
    if (!isObj(entry) || !Array.isArray(entry.changes)) {
      out.errors.push(`${at}: expected an object with a "changes" array`);
      return;
    }
    entry.changes.forEach((change, ci) => {
      const cat = `${at}.changes[${ci}]`;
      if (!isObj(change) || !isObj(change.value)) {
        out.errors.push(`${cat}: expected an object with a "value" object`);
        return;
      }
      // Other fields (template status updates, account alerts…) are valid but not ours to handle.
      if (change.field !== undefined && change.field !== 'messages') return;
      parseValue(change.value, `${cat}.value`, out, now);
    });
  });
  return out;
}

function parseValue(value: Obj, at: string, out: ParsedWebhook, now: () => Date): void {
  const phoneNumberId = isObj(value.metadata) ? nonEmpty(value.metadata.phone_number_id) : undefined;

  const names = new Map<string, string>();
  if (value.contacts !== undefined) {
    if (!Array.isArray(value.contacts)) out.errors.push(`${at}.contacts: expected an array`);
    else
      for (const c of value.contacts) {
        const waId = isObj(c) ? nonEmpty(c.wa_id) : undefined;
        // Issue 10: people with a username come with their business-scoped user id.
        const userId = isObj(c) ? nonEmpty(c.user_id) : undefined;
        const name =
          isObj(c) && isObj(c.profile) ? (nonEmpty(c.profile.name) ?? nonEmpty(c.profile.username)) : undefined;
        if (waId && name) names.set(waId, name);
        if (userId && name) names.set(userId, name);
      }
  }

  // Errors at the value level (e.g. a webhook reporting a platform problem).
  if (Array.isArray(value.errors)) {
    value.errors.forEach((e, i) => {
      const code = isObj(e) ? num(e.code) : undefined;
      const title = isObj(e) ? (str(e.title) ?? str(e.message)) : undefined;
      out.errors.push(`${at}.errors[${i}]: WhatsApp reported error ${code ?? '?'}${title ? ` (${title})` : ''}`);
    });
  }

  if (value.messages !== undefined) {
    if (!Array.isArray(value.messages)) out.errors.push(`${at}.messages: expected an array`);
    else
      value.messages.forEach((m, i) => {
        if (notAnswered(m, out)) return;
        const msg = parseMessage(m, `${at}.messages[${i}]`, out.errors, names, now);
        if (msg) {
          if (phoneNumberId) msg.phoneNumberId = phoneNumberId;
          out.messages.push(msg);
        }
      });
  }

  if (value.statuses !== undefined) {
    if (!Array.isArray(value.statuses)) out.errors.push(`${at}.statuses: expected an array`);
    else
      value.statuses.forEach((s, i) => {
        const st = parseStatus(s, `${at}.statuses[${i}]`, out.errors, now);
        if (st) out.statuses.push(st);
      });
  }
}

/**
 * Issue 10: `system` messages (number or user id changed) become SystemEvents; edits and
 * `unsupported` (edited messages, polls, view-once: WhatsApp's own error 131051) are set aside.
 * True when taken.
 */
function notAnswered(m: unknown, out: ParsedWebhook): boolean {
  if (!isObj(m)) return false;
  const type = nonEmpty(m.type) ?? '';
  const id = nonEmpty(m.id) ?? '';
  const from = nonEmpty(m.from) ?? nonEmpty(m.from_user_id) ?? '';
  if (type === 'system') {
    const sys = isObj(m.system) ? m.system : {};
    const kind = nonEmpty(sys.type);
    const newPhone = nonEmpty(sys.wa_id) ?? nonEmpty(sys.new_wa_id);
    const newUserId = nonEmpty(sys.user_id) ?? nonEmpty(sys.new_user_id);
    if ((kind === 'user_changed_number' || kind === 'customer_changed_number') && newPhone && from) {
      out.system.push({ kind: 'number_changed', from, newPhone, ...(newUserId ? { userId: newUserId } : {}) });
    } else if (kind === 'user_changed_user_id' && newUserId && from) {
      out.system.push({ kind: 'user_id_changed', from, newUserId });
    } else {
      out.ignored.push({ id, from, reason: `system message ${kind ?? '?'}` });
    }
    return true;
  }
  const unsupportedError = Array.isArray(m.errors) && m.errors.some((e) => isObj(e) && num(e.code) === 131051);
  if (NOT_ANSWERED.has(type) || unsupportedError) {
    out.ignored.push({
      id,
      from,
      reason: type === 'edit' ? 'an edit of an earlier message' : `message type ${type || '?'}`,
    });
    return true;
  }
  return false;
}

function parseMessage(
  m: unknown,
  at: string,
  errors: string[],
  names: Map<string, string>,
  now: () => Date,
): InboundMessage | undefined {
  if (!isObj(m)) {
    errors.push(`${at}: expected an object`);
    return undefined;
  }
  const id = nonEmpty(m.id);
  // A person with a username and no shared number: their business-scoped user id (issue 10).
  const from = nonEmpty(m.from) ?? nonEmpty(m.from_user_id);
  if (!id || !from) {
    errors.push(`${at}: missing ${!id ? '"id"' : '"from"'}; message dropped (cannot reply or deduplicate without it)`);
    return undefined;
  }
  let timestamp = isoFromUnix(m.timestamp);
  if (!timestamp) {
    errors.push(`${at}: invalid timestamp ${JSON.stringify(m.timestamp)} (expected unix seconds); using receipt time`);
    timestamp = now().toISOString();
  }
  const rawType = nonEmpty(m.type) ?? 'missing';
  const content = parseContent(m, rawType, at, errors);

  const msg: InboundMessage = { id, from, timestamp, content };
  const profileName = names.get(from);
  if (profileName) msg.profileName = profileName;
  const contextId = isObj(m.context) ? nonEmpty(m.context.id) : undefined;
  if (contextId) msg.contextId = contextId;
  // Growth (issue 16): a message from a Click-to-WhatsApp ad carries the ad.
  const referral = parseReferral(m.referral);
  if (referral) msg.referral = referral;
  return msg;
}

function parseContent(m: Obj, type: string, at: string, errors: string[]): InboundContent {
  const bad = (what: string): InboundContent => {
    errors.push(`${at}: ${type} message ${what}; delivered as unsupported`);
    return { kind: 'unsupported', rawType: type };
  };

  switch (type) {
    case 'text': {
      const text = isObj(m.text) ? str(m.text.body) : undefined;
      return text === undefined ? bad('has no text.body string') : { kind: 'text', text };
    }
    case 'interactive': {
      const it = m.interactive;
      if (!isObj(it)) return bad('has no "interactive" object');
      if (it.type === 'button_reply') {
        const r = it.button_reply;
        const id = isObj(r) ? nonEmpty(r.id) : undefined;
        if (!isObj(r) || !id) return bad('button_reply without an id');
        return { kind: 'button_reply', id, title: str(r.title) ?? '' };
      }
      if (it.type === 'list_reply') {
        const r = it.list_reply;
        const id = isObj(r) ? nonEmpty(r.id) : undefined;
        if (!isObj(r) || !id) return bad('list_reply without an id');
        const c: InboundContent = { kind: 'list_reply', id, title: str(r.title) ?? '' };
        const description = nonEmpty(r.description);
        if (description) c.description = description;
        return c;
      }
      // nfm_reply (Flows) and future interactive replies: not something we send.
      return { kind: 'unsupported', rawType: `interactive.${nonEmpty(it.type) ?? 'missing'}` };
    }
    case 'button': {
      // Quick reply tapped on a template message.
      const b = m.button;
      if (!isObj(b)) return bad('has no "button" object');
      const payload = str(b.payload);
      const text = str(b.text);
      if (payload === undefined && text === undefined) return bad('button has neither payload nor text');
      return { kind: 'template_button', payload: payload ?? text ?? '', text: text ?? payload ?? '' };
    }
    case 'location': {
      const l = m.location;
      const latitude = isObj(l) ? num(l.latitude) : undefined;
      const longitude = isObj(l) ? num(l.longitude) : undefined;
      if (!isObj(l) || latitude === undefined || longitude === undefined)
        return bad('has no numeric latitude/longitude');
      const c: InboundContent = { kind: 'location', latitude, longitude };
      const name = nonEmpty(l.name) ?? nonEmpty(l.address);
      if (name) c.name = name;
      return c;
    }
    case 'reaction': {
      const r = m.reaction;
      const messageId = isObj(r) ? nonEmpty(r.message_id) : undefined;
      if (!isObj(r) || !messageId) return bad('reaction without message_id');
      // An empty/missing emoji means the reaction was removed.
      return { kind: 'reaction', emoji: str(r.emoji) ?? '', messageId };
    }
    default:
      break;
  }

  if ((MEDIA_TYPES as readonly string[]).includes(type)) {
    const media = m[type];
    const voice = type === 'audio' && isObj(media) && media.voice === true;
    const mediaType = (voice ? 'voice' : type) as (typeof MEDIA_TYPES)[number] | 'voice';
    const c: InboundContent = { kind: 'media', mediaType };
    const caption = isObj(media) ? nonEmpty(media.caption) : undefined;
    if (caption) c.caption = caption;
    return c;
  }

  // "unknown", "unsupported", "contacts", "order", "system", "request_welcome"… and anything new.
  return { kind: 'unsupported', rawType: type };
}

function parseStatus(s: unknown, at: string, errors: string[], now: () => Date): StatusUpdate | undefined {
  if (!isObj(s)) {
    errors.push(`${at}: expected an object`);
    return undefined;
  }
  const messageId = nonEmpty(s.id);
  const recipient = nonEmpty(s.recipient_id) ?? '';
  const status = str(s.status) as DeliveryStatus | undefined;
  if (!messageId) {
    errors.push(`${at}: status without "id"; dropped`);
    return undefined;
  }
  if (!status || !STATUSES.includes(status)) {
    errors.push(
      `${at}: status ${JSON.stringify(s.status)} for ${messageId} is not one of ${STATUSES.join('/')}; dropped`,
    );
    return undefined;
  }
  let timestamp = isoFromUnix(s.timestamp);
  if (!timestamp) {
    errors.push(`${at}: invalid timestamp ${JSON.stringify(s.timestamp)} (expected unix seconds); using receipt time`);
    timestamp = now().toISOString();
  }
  const out: StatusUpdate = { messageId, recipient, status, timestamp };
  const callbackData = nonEmpty(s.biz_opaque_callback_data);
  if (callbackData) out.callbackData = callbackData;
  if (Array.isArray(s.errors) && isObj(s.errors[0])) {
    const e = s.errors[0];
    const code = num(e.code);
    if (code !== undefined) out.errorCode = code;
    const title = nonEmpty(e.title) ?? nonEmpty(e.message);
    if (title) out.errorTitle = title;
    const details = (isObj(e.error_data) ? nonEmpty(e.error_data.details) : undefined) ?? nonEmpty(e.message);
    if (details) out.errorDetails = details;
  } else if (status === 'failed') {
    errors.push(`${at}: failed status for ${messageId} carries no errors[]`);
  }
  return out;
}
