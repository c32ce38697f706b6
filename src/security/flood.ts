/**
 * Per-phone flood guard for inbound messages. Every message is still stored once in the inbox (the
 * webhook does that before this is asked); the engine asks `admit(phone, at)` when it takes a
 * message out of the inbox, and:
 *   - "process": run the turn as usual;
 *   - "notify":  the first message over the limit — mark it processed without a turn and send ONE
 *                polite note (catalog key `slowDown`, kind "reply" at the gate);
 *   - "quiet":   further messages while the flood lasts — mark processed, no turn, no reply.
 * The flood is over once the phone has sent fewer than `maxPerWindow` messages in the last window;
 * the next flood gets one note again. In memory per instance (bounded LRU of phones): a flood is a
 * burst, and messages of one person are processed by one instance at a time anyway.
 */
export type FloodVerdict = 'process' | 'notify' | 'quiet';

export interface FloodGuard {
  admit(phone: string, at: Date): FloodVerdict;
  /** Phones currently tracked (tests, metrics). */
  size(): number;
}

export interface FloodGuardOptions {
  /** Messages per window before the guard steps in. Default 20. */
  maxPerWindow?: number;
  /** Default 60 s. */
  windowMs?: number;
  /** Phones tracked at most (least recently seen dropped first). Default 10,000. */
  maxPhones?: number;
}

interface State {
  times: number[];
  notified: boolean;
}

export function createFloodGuard(opts: FloodGuardOptions = {}): FloodGuard {
  const max = Math.max(1, opts.maxPerWindow ?? 20);
  const windowMs = Math.max(1, opts.windowMs ?? 60_000);
  const maxPhones = Math.max(1, opts.maxPhones ?? 10_000);
  const phones = new Map<string, State>();
  return {
    admit(phone, at) {
      const t = at.getTime();
      const state = phones.get(phone) ?? { times: [], notified: false };
      phones.delete(phone);
      phones.set(phone, state); // most recently seen last
      while (phones.size > maxPhones) {
        const oldest = phones.keys().next().value;
        if (oldest === undefined) break;
        phones.delete(oldest);
      }
      state.times = state.times.filter((x) => x > t - windowMs);
      if (state.times.length < max) {
        state.notified = false;
        state.times.push(t);
        return 'process';
      }
      state.times.push(t);
      if (state.times.length > max * 4) state.times = state.times.slice(-max * 4);
      if (state.notified) return 'quiet';
      state.notified = true;
      return 'notify';
    },
    size: () => phones.size,
  };
}
