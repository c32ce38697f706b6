/**
 * Renders the statecharts for people: XState's JSON definition (what the Stately editor imports),
 * a Mermaid stateDiagram-v2 (what GitHub renders in the README) and, per machine, one
 * self-contained file for the Stately visualizer: the machine's config with its setup's actions and
 * guards as named stubs, importing only `createMachine` from xstate, so it pastes as is.
 */
import type { AnyStateMachine, AnyStateNode } from 'xstate';
import {
  bookingMachine,
  cancellationMachine,
  confirmationMachine,
  conversationMachine,
  feedbackMachine,
  reschedulingMachine,
} from '../machines/index.js';
import { standaloneContext } from '../machines/setup.js';

export const MACHINES: AnyStateMachine[] = [
  conversationMachine,
  bookingMachine,
  reschedulingMachine,
  cancellationMachine,
  confirmationMachine,
  feedbackMachine,
];

const nodeId = (n: AnyStateNode) => n.path.join('_') || n.machine.id;

/** A guard composed with and()/or()/not(): xstate keeps the parts on the function. */
interface ComposedGuard {
  (...args: never[]): unknown;
  guards: unknown[];
}

const isComposed = (g: unknown): g is ComposedGuard =>
  typeof g === 'function' && Array.isArray((g as Partial<ComposedGuard>).guards);

/**
 * A guard's readable name: its name in setup(), or for and([...]) / or([...]) / not(...) the parts
 * joined ("wantsConfirm and hasName"), so no guard is ever exported as null.
 */
export function guardLabel(g: unknown): string {
  if (!g) return '';
  if (typeof g === 'string') return g;
  if (isComposed(g)) {
    const parts = g.guards.map((p) => {
      const label = guardLabel(p);
      return isComposed(p) && p.guards.length > 1 ? `(${label})` : label;
    });
    if (g.name === 'not') return `not ${parts.join(' ')}`;
    return parts.join(g.name === 'or' ? ' or ' : ' and ');
  }
  if (typeof g === 'object' && typeof (g as { type?: unknown }).type === 'string') return (g as { type: string }).type;
  return typeof g === 'function' && g.name ? g.name : 'inline guard';
}

function transitionsOf(n: AnyStateNode): Array<{ event: string; targets: AnyStateNode[]; guard: string }> {
  const list: Array<{ event: string; targets: AnyStateNode[]; guard: string }> = [];
  for (const [event, defs] of n.transitions) {
    for (const d of defs as Array<{ target?: AnyStateNode[]; guard?: unknown }>) {
      const name = event.replace(/^xstate\.done\.state\..*/, 'done');
      list.push({ event: name, targets: d.target ?? [], guard: guardLabel(d.guard) });
    }
  }
  for (const d of n.always ?? []) {
    list.push({ event: 'always', targets: [...(d.target ?? [])], guard: guardLabel(d.guard) });
  }
  return list;
}

export function toMermaid(machine: AnyStateMachine): string {
  const lines = ['stateDiagram-v2'];
  const walk = (n: AnyStateNode, indent: string) => {
    const children = Object.values(n.states) as AnyStateNode[];
    if (n.initial && children.length) {
      const first = (n.initial as unknown as { target: AnyStateNode[] }).target[0];
      if (first) lines.push(`${indent}[*] --> ${nodeId(first)}`);
    }
    for (const c of children) {
      if (Object.keys(c.states).length) {
        lines.push(`${indent}state "${c.key}" as ${nodeId(c)} {`);
        walk(c, indent + '  ');
        lines.push(`${indent}}`);
      } else {
        lines.push(`${indent}state "${c.key}" as ${nodeId(c)}`);
        if (c.type === 'final') lines.push(`${indent}${nodeId(c)} --> [*]`);
      }
    }
  };
  walk(machine.root, '  ');
  const edges = (n: AnyStateNode) => {
    for (const t of transitionsOf(n)) {
      for (const target of t.targets.length ? t.targets : [n]) {
        if (!n.path.length && !t.targets.length) continue;
        const from = n.path.length ? nodeId(n) : nodeId(target);
        lines.push(`  ${from} --> ${nodeId(target)}: ${t.event}${t.guard ? ` [${t.guard}]` : ''}`);
      }
    }
    for (const c of Object.values(n.states) as AnyStateNode[]) edges(c);
  };
  edges(machine.root);
  return lines.join('\n') + '\n';
}

/** XState's definition as JSON, with composed guards named (JSON would otherwise drop them). */
export function toJson(machine: AnyStateMachine): string {
  const replacer = (key: string, value: unknown) => (key === 'guard' && value ? guardLabel(value) : value);
  return JSON.stringify(machine.definition, replacer, 2) + '\n';
}

// ---- the self-contained visualizer file

/** A sample event to compute an action's params that depend on the event, for the visualizer. */
const SAMPLE_EVENT = { type: 'USER', input: { intent: 'unknown', text: '' }, bookings: [] };

/**
 * Params given as a function of context/event become their value on the sample context (a
 * reply's key is what a designer wants to read); when that can't be computed, a note says so.
 */
function staticParams(fn: (...args: never[]) => unknown): unknown {
  try {
    const value = (fn as (a: unknown) => unknown)({ context: standaloneContext(), event: SAMPLE_EVENT });
    if (value && typeof value === 'object' && 'key' in value) return { key: (value as { key: unknown }).key };
    return 'computed from the conversation by the engine';
  } catch {
    return 'computed from the conversation by the engine';
  }
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const propertyName = (k: string) => (IDENTIFIER.test(k) ? k : JSON.stringify(k));

/** JS source of a config value: guards by name, params and context computed, nothing imported. */
function toSource(value: unknown, key: string, indent: string, composed: Set<string>): string {
  if (typeof value === 'function') {
    if (key === 'guard') {
      const label = guardLabel(value);
      composed.add(label);
      return JSON.stringify(label);
    }
    if (key === 'params') return toSource(staticParams(value as (...args: never[]) => unknown), '', indent, composed);
    if (key === 'context') {
      const context = (value as (a: unknown) => unknown)({ input: undefined });
      return toSource(context, '', indent, composed);
    }
    return JSON.stringify('inline function (see machines/)');
  }
  if (value === undefined || value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  const inner = indent + '  ';
  if (Array.isArray(value)) {
    if (!value.length) return '[]';
    return `[\n${value.map((v) => inner + toSource(v, key, inner, composed)).join(',\n')},\n${indent}]`;
  }
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  if (!entries.length) return '{}';
  const body = entries.map(([k, v]) => `${inner}${propertyName(k)}: ${toSource(v, k, inner, composed)}`);
  return `{\n${body.join(',\n')},\n${indent}}`;
}

/** One file that pastes as is into https://stately.ai/viz: only `createMachine` from xstate. */
export function toVisualizer(machine: AnyStateMachine): string {
  const composed = new Set<string>();
  const { types: _types, ...config } = machine.config as Record<string, unknown>;
  const source = toSource(config, '', '  ', composed);
  const impl = machine.implementations;
  const actions = Object.keys(impl.actions).sort();
  const guards = [...new Set([...Object.keys(impl.guards), ...composed])].sort();
  const stubs = (names: string[], body: string) => names.map((n) => `      ${propertyName(n)}: ${body},`).join('\n');
  return [
    `// The "${machine.id}" statechart, written by \`npm run machines:export\` from machines/ — do not edit.`,
    '// Paste this whole file into https://stately.ai/viz (or Stately editor → Import → code).',
    '// Actions and guards are named stubs here; the real ones are in machines/setup.ts and the engine.',
    "import { createMachine } from 'xstate';",
    '',
    'export const machine = createMachine(',
    `  ${source},`,
    '  {',
    '    actions: {',
    stubs(actions, '() => {}'),
    '    },',
    '    guards: {',
    stubs(guards, '() => false'),
    '    },',
    '  },',
    ');',
    '',
  ].join('\n');
}

export interface MachineDoc {
  id: string;
  json: string;
  mermaid: string;
  visualizer: string;
}

export function machineDocs(): MachineDoc[] {
  return MACHINES.map((m) => ({ id: m.id, json: toJson(m), mermaid: toMermaid(m), visualizer: toVisualizer(m) }));
}

/** docs/machines/<id>.<ext> for every machine, with the text each must contain. */
export function machineFiles(): Array<{ file: string; text: string }> {
  return machineDocs().flatMap((d) => [
    { file: `${d.id}.json`, text: d.json },
    { file: `${d.id}.mmd`, text: d.mermaid },
    { file: `${d.id}.stately.ts`, text: d.visualizer },
  ]);
}

/** The README's diagram block: the flow machines as Mermaid, the router linked. */
export function readmeBlock(): string {
  const flows = machineDocs().filter((d) => d.id !== 'conversation');
  const parts = flows.map((d) => `#### ${d.id}\n\n\`\`\`mermaid\n${d.mermaid}\`\`\`\n`);
  return [
    '<!-- machines:start (written by npm run machines:export) -->',
    'The router, `conversation`, is in [docs/machines/conversation.mmd](docs/machines/conversation.mmd).',
    '',
    `${parts.join('\n')}<!-- machines:end -->`,
  ].join('\n');
}

export function withReadmeBlock(readme: string): string {
  return readme.replace(/<!-- machines:start[\s\S]*?<!-- machines:end -->/, readmeBlock());
}
