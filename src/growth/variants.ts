/** A/B variants: pure. A contact always gets the same variant (hash of its id), spread by weight. */
import { createHash } from 'node:crypto';

export function pickVariant<V extends { id: string; weight: number }>(contactId: string, variants: V[]): V | null {
  if (!variants.length) return null;
  const total = variants.reduce((a, v) => a + v.weight, 0);
  const h = createHash('sha256').update(`winback:${contactId}`).digest().readUInt32BE(0) / 0x1_0000_0000;
  let x = h * total;
  for (const v of variants) {
    if (x < v.weight) return v;
    x -= v.weight;
  }
  return variants[variants.length - 1]!;
}
