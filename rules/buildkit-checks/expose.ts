import type { RuleContext } from '../../src/engine';
import { substitute } from '../../src/model/substitute';
import type { InstructionNode, WordNode } from '../../src/parse';

export interface PortSpec {
  readonly word: WordNode;
  /** The port as BuildKit sees it, after variable expansion. */
  readonly raw: string;
  readonly ip: string;
  readonly hostPort: string;
  readonly containerPort: string;
  /** As written (before BuildKit lowercases it); '' when none. */
  readonly proto: string;
}

/**
 * EXPOSE words split the way BuildKit's parsePort does (frontend/dockerfile/dockerfile2llb/convert_expose.go):
 * `[ip:][hostPort:]containerPort[/proto]`. Words whose variables have no known value are skipped, and so are
 * specs BuildKit rejects outright (unknown protocol, no port): those fail the build before any check runs.
 */
export function exposedPorts(context: RuleContext, expose: InstructionNode): PortSpec[] {
  const state = context.stateBefore(expose);
  const lookup = (name: string): string | null | undefined =>
    state.env.get(name) ?? (state.args.has(name) ? state.args.get(name) : undefined);
  const specs: PortSpec[] = [];
  for (const word of expose.words) {
    const sub = substitute(word.value.replace(/^(["'])(.*)\1$/, '$2'), lookup, context.ast.escapeChar);
    if (sub.unresolved.length > 0) continue;
    for (const raw of sub.value.split(/\s+/).filter(Boolean)) {
      const parts = raw.split(':');
      const n = parts.length;
      const ip = n >= 3 ? parts.slice(0, n - 2).join(':') : '';
      const hostPort = n >= 2 ? parts[n - 2]! : '';
      const last = parts[n - 1]!;
      const slash = last.indexOf('/');
      const containerPort = slash === -1 ? last : last.slice(0, slash);
      const proto = slash === -1 ? '' : last.slice(slash + 1);
      if (containerPort === '' || !['', 'tcp', 'udp', 'sctp'].includes(proto.toLowerCase())) continue;
      specs.push({ word, raw, ip, hostPort, containerPort, proto });
    }
  }
  return specs;
}
