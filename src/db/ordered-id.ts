/**
 * Row ids that sort in the order they were made (within a process, even on the same
 * millisecond): time (base 36, fixed width), a counter, then randomness. Outbound messages use
 * them, so "oldest first" is also "sent first" when two replies of one turn share a millisecond
 * (the simulator's transcript orders by createdAt, then id).
 */
import { randomBytes } from 'node:crypto';

let last = 0;
let counter = 0;

export function orderedId(nowMs = Date.now()): string {
  if (nowMs > last) {
    last = nowMs;
    counter = 0;
  } else counter++; // same millisecond, or the clock went back: keep counting from the last time
  const time = last.toString(36).padStart(9, '0');
  return `o${time}${counter.toString(36).padStart(4, '0')}${randomBytes(5).toString('hex')}`;
}
