/**
 * Lone UTF-16 surrogates ("\ud800" in JSON text) are valid JSON but not valid Unicode: Postgres
 * rejects them and Prisma's query engine throws on them. They are replaced by U+FFFD at the parse
 * boundary, in every string and key, so nothing downstream ever sees one.
 */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function isWellFormedText(text: string): boolean {
  LONE_SURROGATE.lastIndex = 0;
  return !LONE_SURROGATE.test(text);
}

export function toWellFormedText(text: string): string {
  return text.replace(LONE_SURROGATE, '\ufffd');
}

/** A copy of a parsed JSON value with every string well formed; `replaced` counts the strings fixed. */
export function sanitizeJson(value: unknown): { value: unknown; replaced: number } {
  let replaced = 0;
  const fix = (s: string) => {
    if (isWellFormedText(s)) return s;
    replaced++;
    return toWellFormedText(s);
  };
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return fix(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      const out: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[fix(k)] = walk(x);
      return out;
    }
    return v;
  };
  const result = walk(value);
  return { value: result, replaced };
}

/**
 * Who a message is from: a wa_id (digits only, E.164 without "+") or a business-scoped user id
 * (BSUID, e.g. "US.13491208655302741918", "US.ENT.…"). Anything else can't be answered.
 */
export const SENDER_ID = /^\d{6,20}$|^[A-Z]{2}\.(?:ENT\.)?[A-Za-z0-9]{1,128}$/;

/**
 * Inbound messages we can answer and store: a well-formed sender. Others are dropped (and counted)
 * so no inbox row is ever made from an invalid message.
 */
export function answerable<M extends { from: string }>(messages: M[]): { kept: M[]; dropped: number } {
  const kept = messages.filter((m) => SENDER_ID.test(m.from));
  return { kept, dropped: messages.length - kept.length };
}
