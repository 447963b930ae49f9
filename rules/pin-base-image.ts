import { defineRule } from '../src/engine';

export default defineRule({
  meta: {
    id: 'pin-base-image',
    aliases: ['DL3006', 'DL3007'],
    category: 'correctness',
    severity: 'warning',
    fix: 'none',
    docs: {
      summary: 'Flags `FROM` with no tag, or with `:latest`.',
      rationale:
        'An untagged or `latest` base image changes under you: the same Dockerfile builds a different image next week, ' +
        'cache keys break and a rebuild can pull in a new major version. A version tag (or a digest) makes builds repeatable.',
      bad: 'FROM ubuntu\nFROM node:latest AS build\n',
      good: 'FROM ubuntu:24.04\nFROM node:22.11-bookworm AS build\nFROM alpine@sha256:1e42bbe2508154c9126d48c2b8a75420c3544343bf86fd041fb7527e017a4b4a\n',
      notes:
        'Not flagged: `scratch`, names of earlier stages and references with a digest. ARGs with defaults are resolved ' +
        'first, so `ARG TAG=latest` + `FROM node:${TAG}` is flagged and `ARG BASE=debian:12` + `FROM ${BASE}` is not ' +
        '(hadolint checks the unexpanded text). An image from an ARG with no default is flagged unless a tag is written ' +
        'after it (`FROM ${IMAGE}:1.2`): only a default can pin it. hadolint reports the two cases as DL3006 and DL3007.',
    },
  },
  create(context) {
    return {
      FROM(from) {
        const stage = context.model.stageOf(from);
        if (!stage) return;
        const { base } = stage;
        if (base.isScratch || base.stage || base.ref.digest) return;
        const image = base.ref.text;
        if (base.unresolvedArgs.length > 0) {
          // The image depends on --build-arg alone; only a default can pin it (hadolint reports these too).
          const args = base.unresolvedArgs.map((a) => `ARG ${a}`).join(', ');
          if (base.ref.tag === null && base.ref.digest === null) {
            context.report({
              node: base,
              code: 'DL3006',
              message: `Base image '${base.written}' comes from ${args} with no default, so nothing pins it; give the ARG a default with a version tag.`,
            });
          }
          return;
        }
        const shown = base.written === image ? `'${image}'` : `'${base.written}' (= '${image}')`;
        if (base.ref.tag === null) {
          context.report({
            node: base,
            code: 'DL3006',
            message: `Base image ${shown} has no tag, so each build may pull a different image; pin a version tag or a digest.`,
          });
        } else if (base.ref.tag === 'latest') {
          context.report({
            node: base,
            code: 'DL3007',
            message: `Base image ${shown} uses the moving 'latest' tag; pin a version tag or a digest.`,
          });
        }
      },
    };
  },
});
