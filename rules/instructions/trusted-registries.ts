import { defineRule } from '../../src/engine';

/** hadolint's patterns: `*` (any), `*.gcr.io` (suffix), `registry.acme.*` (prefix), or an exact host. */
function matches(pattern: string, registry: string): boolean {
  const p = pattern.toLowerCase();
  if (p === '*') return true;
  if (p.startsWith('*')) return registry.endsWith(p.slice(1));
  if (p.endsWith('*')) return registry.startsWith(p.slice(0, -1));
  return registry === p;
}

/** Names Docker Hub goes by: an image with no registry comes from there. */
const DOCKER_HUB = ['docker.io', 'index.docker.io', 'registry-1.docker.io', 'hub.docker.com'];

export default defineRule({
  meta: {
    id: 'trusted-registries',
    aliases: ['DL3026'],
    category: 'security',
    severity: 'error',
    fix: 'none',
    docs: {
      summary: 'Flags a base image from a registry that is not in the `trustedRegistries` setting.',
      rationale:
        'Where base images come from is a supply-chain decision: an image from an unvetted registry runs with the same ' +
        'trust as your own code. Listing the allowed registries makes a pull from anywhere else a review item.',
      bad: 'FROM quay.io/someone/tool:1.0\n',
      good: 'FROM my-company.com/base/debian:12\nFROM scratch\n',
      notes:
        'Silent unless `trustedRegistries` is set, e.g. `trustedRegistries: [docker.io, "*.gcr.io", my-company.com]` ' +
        '(hadolint\'s key of the same name is read from .hadolint.yaml). Patterns: `*`, `*.suffix`, `prefix.*` or an exact ' +
        'host, compared case-insensitively. An image with no registry comes from Docker Hub and is allowed when any of ' +
        'docker.io, index.docker.io, registry-1.docker.io or hub.docker.com is trusted. `scratch`, earlier stages, and ' +
        'images whose registry (or whole name) comes from an ARG with no default are not checked.',
      exampleSettings: { trustedRegistries: ['my-company.com'] },
    },
  },
  create(context) {
    const trusted = context.settings.trustedRegistries;
    if (trusted.length === 0) return {};
    return {
      FROM(from) {
        const stage = context.model.stageOf(from);
        if (!stage) return;
        const { base } = stage;
        if (base.isScratch || base.stage) return;
        // `FROM ${REGISTRY}/app:1` with no default: only the build knows where it comes from.
        const host = base.written.split('/')[0]!.split(/[:@]/)[0]!;
        if (base.unresolvedArgs.length > 0 && host.includes('$')) return;
        const registry = base.ref.registry?.toLowerCase();
        const allowed = registry
          ? trusted.some((p) => matches(p, registry))
          : DOCKER_HUB.some((hub) => trusted.some((p) => matches(p, hub)));
        if (allowed) return;
        context.report({
          node: base,
          message: `Base image '${base.ref.text}' comes from ${registry ? `registry '${registry}'` : 'Docker Hub'}, which is not in trustedRegistries (${trusted.join(', ')}); use an image from a trusted registry.`,
        });
      },
    };
  },
});
