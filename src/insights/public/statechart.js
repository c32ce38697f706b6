// Draws an exported statechart (docs/machines/<name>.json, XState's machine JSON) as SVG: states laid
// out in layers from the initial state along the transitions, each coloured by its drop-off and
// labelled with its counts. Plain ES module, no dependencies.
const NS = 'http://www.w3.org/2000/svg';

function el(name, attrs, text) {
  const e = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

/** Green (no drop-off) → red (all dropped); grey when nothing entered. */
export function colourFor(dropOff, entered) {
  if (!entered) return '#e9edef';
  const d = Math.max(0, Math.min(1, dropOff ?? 0));
  return `hsl(${Math.round(120 * (1 - d))}, 70%, 78%)`;
}

function targetsOf(node) {
  const out = [];
  for (const list of Object.values(node.on ?? {})) {
    for (const t of Array.isArray(list) ? list : [list]) {
      for (const target of t.target ?? [])
        out.push(
          String(target)
            .replace(/^#[^.]+\./, '')
            .split('.')[0],
        );
    }
  }
  return out;
}

export function layout(machine) {
  const states = Object.keys(machine.states ?? {});
  const initial = String(machine.initial?.target?.[0] ?? states[0] ?? '')
    .replace(/^#[^.]+\./, '')
    .split('.')[0];
  const layer = new Map([[initial, 0]]);
  const queue = [initial];
  while (queue.length) {
    const s = queue.shift();
    for (const t of targetsOf(machine.states[s] ?? {})) {
      if (states.includes(t) && !layer.has(t)) {
        layer.set(t, layer.get(s) + 1);
        queue.push(t);
      }
    }
  }
  let extra = Math.max(0, ...layer.values()) + 1;
  for (const s of states) if (!layer.has(s)) layer.set(s, extra);
  const columns = new Map();
  for (const s of states) {
    const l = layer.get(s);
    if (!columns.has(l)) columns.set(l, []);
    columns.get(l).push(s);
  }
  return { states, layer, columns };
}

/** An SVG of `machine` with `funnel` (states with entered, exited, timedOut, dropOff) drawn on it. */
export function drawStatechart(name, machine, funnel) {
  const W = 170,
    H = 64,
    GX = 60,
    GY = 22;
  const { states, columns } = layout(machine);
  const rows = Math.max(1, ...[...columns.values()].map((c) => c.length));
  const width = columns.size * (W + GX) + 20;
  const height = rows * (H + GY) + 20;
  const svg = el('svg', {
    viewBox: `0 0 ${width} ${height}`,
    style: `max-width: ${width}px`,
    role: 'img',
    'aria-label': `Statechart ${name}`,
    'data-machine': name,
  });
  const pos = new Map();
  for (const [l, list] of columns) list.forEach((s, i) => pos.set(s, { x: 10 + l * (W + GX), y: 10 + i * (H + GY) }));
  const defs = el('defs', {});
  const marker = el('marker', {
    id: `arrow-${name}`,
    viewBox: '0 0 10 10',
    refX: 10,
    refY: 5,
    markerWidth: 6,
    markerHeight: 6,
    orient: 'auto',
  });
  marker.append(el('path', { d: 'M0,0 L10,5 L0,10 z', fill: '#8696a0' }));
  defs.append(marker);
  svg.append(defs);
  const drawn = new Set();
  for (const s of states) {
    for (const t of targetsOf(machine.states[s] ?? {})) {
      const a = pos.get(s),
        b = pos.get(t);
      if (!a || !b || t === s || drawn.has(`${s}>${t}`)) continue;
      drawn.add(`${s}>${t}`);
      const forward = b.x > a.x;
      const x1 = forward ? a.x + W : a.x + W / 2,
        y1 = forward ? a.y + H / 2 : a.y + H;
      const x2 = forward ? b.x : b.x + W / 2,
        y2 = forward ? b.y + H / 2 : b.y;
      svg.append(
        el('path', {
          d: `M${x1},${y1} C${x1 + 30},${y1} ${x2 - 30},${y2} ${x2},${y2}`,
          fill: 'none',
          stroke: '#8696a0',
          'stroke-width': 1.2,
          'marker-end': `url(#arrow-${name})`,
          opacity: 0.7,
        }),
      );
    }
  }
  const byState = new Map((funnel?.states ?? []).map((f) => [f.state, f]));
  for (const s of states) {
    const p = pos.get(s);
    const f = byState.get(s) ?? { entered: 0, timedOut: 0, dropOff: null, exited: {} };
    const g = el('g', {
      class: 'state',
      'data-state': s,
      'data-entered': f.entered,
      'data-timed-out': f.timedOut,
      'data-drop-off': f.dropOff ?? '',
      transform: `translate(${p.x},${p.y})`,
    });
    const final = machine.states[s]?.type === 'final';
    g.append(
      el('rect', {
        width: W,
        height: H,
        rx: final ? 30 : 10,
        fill: colourFor(f.dropOff, f.entered),
        stroke: '#54656f',
      }),
    );
    g.append(el('text', { x: W / 2, y: 22, 'text-anchor': 'middle', 'font-size': 14, 'font-weight': 600 }, s));
    const pct = f.dropOff === null || f.dropOff === undefined ? '' : ` · ${Math.round(f.dropOff * 100)}% abandono`;
    g.append(el('text', { x: W / 2, y: 40, 'text-anchor': 'middle', 'font-size': 11 }, `${f.entered} entradas${pct}`));
    const exits = Object.entries(f.exited)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 2)
      .map(([e, c]) => `${e} ${c}`)
      .join(', ');
    g.append(
      el(
        'text',
        { x: W / 2, y: 55, 'text-anchor': 'middle', 'font-size': 10, fill: '#54656f' },
        `${f.timedOut ? `⏱ ${f.timedOut} · ` : ''}${exits}`.slice(0, 34),
      ),
    );
    const title = el(
      'title',
      {},
      `${name}.${s}: ${f.entered} entered, ${f.timedOut} timed out; exits ${JSON.stringify(f.exited)}`,
    );
    g.append(title);
    svg.append(g);
  }
  return svg;
}
