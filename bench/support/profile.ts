/**
 * Reads a V8 .cpuprofile and attributes each sample to a stage of a turn, by the nearest frame on
 * its stack (leaf first) whose script belongs to a stage. Native frames (JSON, crypto, GC) count
 * for the stage that called them; samples with no stage frame at all are "other" (idle excluded).
 */
export interface StageTimes {
  http: number;
  nlu: number;
  statechart: number;
  db: number;
  outbound: number;
  engine: number;
  other: number;
}

interface Node {
  id: number;
  callFrame: { functionName: string; url: string };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
}

const RULES: Array<[keyof StageTimes, RegExp]> = [
  [
    'outbound',
    new RegExp(
      String.raw`src\/engine\/outbound|src\/whatsapp\/client|src\/calendar\/calcom\/http|src\/net\/|` +
        String.raw`node_modules\/undici|internal\/deps\/undici|node:_http_client|node:_http_agent|node:https`,
    ),
  ],
  ['nlu', /src\/nlu\/|node_modules\/compromise|src\/engine\/inputs/],
  ['statechart', /node_modules\/xstate|\/machines\/|src\/engine\/snapshots/],
  ['db', /src\/db\/|node_modules\/(pg|pg-protocol|pg-pool|better-sqlite3|@prisma|\.prisma)|src\/generated\//],
  [
    'http',
    new RegExp(
      String.raw`node_modules\/(fastify|find-my-way|light-my-request|avvio|@fastify|fast-json-stringify|` +
        String.raw`secure-json-parse)|src\/http\/|src\/whatsapp\/(parse|signature)|node:_http_server`,
    ),
  ],
  ['engine', /src\/engine\/|src\/conversation\/|src\/calendar\/|src\/lifecycle\//],
];
/**
 * Socket and HTTP plumbing shared by the webhook server and the outbound clients: it belongs to
 * the nearest caller above it that a rule names (a reply's socket write is outbound, a webhook's
 * parse is http), and to http only when none does.
 */
const PLUMBING = new RegExp(
  String.raw`node:net|node:_http_common|node:_http_outgoing|node:_http_incoming|node:internal\/http|` +
    String.raw`node:stream|node:internal\/streams`,
);

/** Sampled µs per stage of one profile (idle excluded), unscaled. */
export function stageTotals(profile: Profile): StageTimes {
  const parent = new Map<number, number>();
  const byId = new Map<number, Node>();
  for (const n of profile.nodes) {
    byId.set(n.id, n);
    for (const c of n.children ?? []) parent.set(c, n.id);
  }
  const stageOf = new Map<number, keyof StageTimes | 'idle'>();
  const resolve = (id: number): keyof StageTimes | 'idle' => {
    const cached = stageOf.get(id);
    if (cached) return cached;
    let cur: number | undefined = id;
    let found: keyof StageTimes | 'idle' = 'other';
    let plumbing = false;
    const leaf = byId.get(id);
    if (leaf && /^\((idle|program)\)$/.test(leaf.callFrame.functionName)) found = 'idle';
    else {
      while (cur !== undefined) {
        const url = byId.get(cur)?.callFrame.url ?? '';
        if (url && PLUMBING.test(url)) plumbing = true;
        const hit = url && !PLUMBING.test(url) ? RULES.find(([, re]) => re.test(url)) : undefined;
        if (hit) {
          found = hit[0];
          break;
        }
        cur = parent.get(cur);
      }
      if (found === 'other' && plumbing) found = 'http';
    }
    stageOf.set(id, found);
    return found;
  };
  const totals: StageTimes = { http: 0, nlu: 0, statechart: 0, db: 0, outbound: 0, engine: 0, other: 0 };
  profile.samples.forEach((id, i) => {
    const stage = resolve(id);
    if (stage !== 'idle') totals[stage] += profile.timeDeltas[i] ?? 0;
  });
  return totals;
}

/**
 * CPU µs per turn by stage, over one profile per thread: the samples' shares, scaled to the CPU
 * the process really used (`cpuMicros`; on a loaded machine a sample's interval includes time
 * the thread waited for a core).
 */
export function summarizeProfiles(profiles: Profile[], turns: number, cpuMicros?: number): StageTimes {
  const totals: StageTimes = { http: 0, nlu: 0, statechart: 0, db: 0, outbound: 0, engine: 0, other: 0 };
  for (const p of profiles) {
    const t = stageTotals(p);
    for (const k of Object.keys(totals) as Array<keyof StageTimes>) totals[k] += t[k];
  }
  const per = Math.max(1, turns);
  const sampled = Object.values(totals).reduce((a, b) => a + b, 0);
  const scale = cpuMicros && sampled > 0 ? cpuMicros / sampled : 1;
  const out = { ...totals };
  for (const k of Object.keys(out) as Array<keyof StageTimes>) out[k] = (totals[k] * scale) / per;
  return out;
}

export function summarizeProfile(profile: Profile, turns: number, cpuMicros?: number): StageTimes {
  return summarizeProfiles([profile], turns, cpuMicros);
}
