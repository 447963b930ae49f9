import { defineRule, type Fixer } from '../src/engine';
import type { BaseImage } from '../src/model';

const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const DIGEST = /^[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[A-Za-z0-9=_-]+$/;

/** `node`, `library/node`, `docker.io/library/node` and `index.docker.io/library/node` are the same image. */
function familiarName(name: string): string {
  return name
    .toLowerCase()
    .replace(/^(docker\.io|index\.docker\.io|registry-1\.docker\.io)\//, '')
    .replace(/^library\//, '');
}

/** A pin value: `22.11-bookworm`, `:22.11`, `sha256:…`, `@sha256:…` or `22.11@sha256:…`; null when malformed. */
export function parsePin(value: string): { tag: string | null; digest: string | null } | null {
  const v = value.trim().replace(/^:/, '');
  const at = v.indexOf('@');
  const [tag, digest] = at !== -1 ? [v.slice(0, at) || null, v.slice(at + 1)] : DIGEST.test(v) && v.includes(':') ? [null, v] : [v, null];
  if (tag !== null && !TAG.test(tag)) return null;
  if (digest !== null && !DIGEST.test(digest)) return null;
  if (tag === null && digest === null) return null;
  if (tag === 'latest' && digest === null) return null;
  return { tag, digest };
}

export default defineRule({
  meta: {
    id: 'pin-base-image',
    aliases: ['DL3006', 'DL3007'],
    category: 'correctness',
    severity: 'warning',
    fix: 'safe',
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
        '(hadolint checks the unexpanded text). An image that depends on an ARG with no default is not flagged ' +
        '(hadolint flags `FROM ${IMAGE}`): the build must pass `--build-arg`, and that value is what gets pinned. hadolint reports the two cases as DL3006 and DL3007.',
      fixSafety:
        'dfopt never picks a version itself: the fix applies only a pin you gave, in the config\'s `imagePins` ' +
        '(`imagePins: { node: 22.11-bookworm, alpine: "3.20" }`; `docker.io/library/node` and `node` are the same key) ' +
        'or with `dfopt fix --pin node=22.11-bookworm`. It sets the tag (`node` / `node:latest` → ' +
        '`node:22.11-bookworm`) or a digest (`alpine@sha256:…`, `alpine:3.20@sha256:…`) on the image word, leaving ' +
        'the rest of the FROM alone. Without a pin for the image there is no fix, nor for an image written with a ' +
        'variable. It counts as safe because the new reference is the one you named for that image: an untagged or ' +
        '`latest` base has no fixed content, so the Dockerfile did not determine the base image before, and the pin ' +
        'records the choice you made in the config or on the command line. Choose a pin that is what `latest` meant ' +
        'for you: a pin naming another version changes the base image.',
      exampleSettings: { imagePins: { node: '22.11-bookworm' } },
    },
  },
  create(context) {
    const pinFor = (base: BaseImage): string | null => {
      const { ref } = base;
      // Only a reference written literally can be edited; one from an ARG is pinned through the ARG's default.
      if (base.written !== ref.text || base.written.includes('$')) return null;
      const name = familiarName(`${ref.registry ? `${ref.registry}/` : ''}${ref.repository}`);
      // The last matching key wins: `--pin` entries come after the config's.
      const key = Object.keys(context.settings.imagePins).filter((k) => familiarName(k.trim()) === name).pop();
      const pin = key === undefined ? null : parsePin(context.settings.imagePins[key]!);
      if (!pin) return null;
      const bare = ref.tag === null ? base.written : base.written.slice(0, base.written.length - ref.tag.length - 1);
      return `${bare}${pin.tag === null ? '' : `:${pin.tag}`}${pin.digest === null ? '' : `@${pin.digest}`}`;
    };
    const fix = (base: BaseImage) => {
      const pinned = pinFor(base);
      if (pinned !== null) return { fix: (f: Fixer) => f.replace(base.range, pinned) };
      const declined = base.written !== base.ref.text || base.written.includes('$')
        ? 'the image comes from an ARG; pin the ARG\'s default instead'
        : `dfopt never picks a version itself; give one in imagePins or with 'dfopt fix --pin ${base.ref.repository}=<tag>'`;
      return { fixDeclined: declined };
    };
    return {
      FROM(from) {
        const stage = context.model.stageOf(from);
        if (!stage) return;
        const { base } = stage;
        if (base.isScratch || base.stage || base.ref.digest) return;
        const image = base.ref.text;
        // `FROM ${base}` with no default: the build must pass --build-arg, and the caller's value is what gets pinned;
        // a default here would only hide a missing argument (issue 19, corpus 02128.Dockerfile:2).
        if (base.unresolvedArgs.length > 0) return;
        const shown = base.written === image ? `'${image}'` : `'${base.written}' (= '${image}')`;
        if (base.ref.tag === null) {
          context.report({
            node: base,
            code: 'DL3006',
            message: `Base image ${shown} has no tag, so each build may pull a different image; pin a version tag or a digest.`,
            ...fix(base),
          });
        } else if (base.ref.tag === 'latest') {
          context.report({
            node: base,
            code: 'DL3007',
            message: `Base image ${shown} uses the moving 'latest' tag; pin a version tag or a digest.`,
            ...fix(base),
          });
        }
      },
    };
  },
});
