/**
 * Renders the statecharts for people: XState's JSON definition (what the Stately editor imports)
 * and a Mermaid stateDiagram-v2 (what GitHub renders in the README).
 */
import type { AnyStateMachine, AnyStateNode } from 'xstate';
import { bookingMachine, cancellationMachine, confirmationMachine, conversationMachine, feedbackMachine, reschedulingMachine } from '../machines/index.js';

export const MACHINES: AnyStateMachine[] = [conversationMachine, bookingMachine, reschedulingMachine, cancellationMachine, confirmationMachine, feedbackMachine];

const nodeId = (n: AnyStateNode) => n.path.join('_') || n.machine.id;

function guardLabel(g: unknown): string {
  if (!g) return '';
  if (typeof g === 'string') return g;
  const o = g as { type?: string; params?: { guards?: unknown[] } };
  if (o.type === 'xstate.and' && o.params?.guards) return o.params.guards.map(guardLabel).join(' && ');
  return o.type ?? '';
}

function transitionsOf(n: AnyStateNode): Array<{ event: string; targets: AnyStateNode[]; guard: string }> {
  const list: Array<{ event: string; targets: AnyStateNode[]; guard: string }> = [];
  for (const [event, defs] of n.transitions) {
    for (const d of defs as Array<{ target?: AnyStateNode[]; guard?: unknown }>) {
      list.push({ event: event.replace(/^xstate\.done\.state\..*/, 'done'), targets: d.target ?? [], guard: guardLabel(d.guard) });
    }
  }
  for (const d of n.always ?? []) list.push({ event: 'always', targets: [...(d.target ?? [])], guard: guardLabel(d.guard) });
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
        lines.push(`  ${n.path.length ? nodeId(n) : nodeId(target)} --> ${nodeId(target)}: ${t.event}${t.guard ? ` [${t.guard}]` : ''}`);
      }
    }
    for (const c of Object.values(n.states) as AnyStateNode[]) edges(c);
  };
  edges(machine.root);
  return lines.join('\n') + '\n';
}

export function machineDocs(): Array<{ id: string; json: string; mermaid: string }> {
  return MACHINES.map((m) => ({ id: m.id, json: JSON.stringify(m.definition, null, 2) + '\n', mermaid: toMermaid(m) }));
}

/** The README's diagram block: the flow machines as Mermaid, the router linked. */
export function readmeBlock(): string {
  const flows = machineDocs().filter((d) => d.id !== 'conversation');
  const parts = flows.map((d) => `#### ${d.id}\n\n\`\`\`mermaid\n${d.mermaid}\`\`\`\n`);
  return `<!-- machines:start (written by npm run machines:export) -->\nThe router, \`conversation\`, is in [docs/machines/conversation.mmd](docs/machines/conversation.mmd).\n\n${parts.join('\n')}<!-- machines:end -->`;
}

export function withReadmeBlock(readme: string): string {
  return readme.replace(/<!-- machines:start[\s\S]*?<!-- machines:end -->/, readmeBlock());
}
