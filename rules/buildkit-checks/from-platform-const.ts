import { defineRule } from '../../src/engine';
import { parsePlatform, variableReferences } from './support';

/**
 * How files name an architecture (normalised as parsePlatform does) in download URLs, package names, comments:
 * `node-v20-linux-x64.tar.gz`, `powershell-linux-arm64.tar.gz`, `deb [arch=amd64]`, `PSDocker-arm32v7`.
 */
const ARCH_WORDS: Readonly<Record<string, readonly string[]>> = {
  amd64: ['amd64', 'x86_64', 'x86-64', 'x64'],
  arm64: ['arm64', 'aarch64', 'arm64v8'],
  arm: ['arm32', 'armhf', 'armel', 'armv6', 'armv6l', 'armv7', 'armv7l', 'arm32v6', 'arm32v7'],
  '386': ['i386', 'i686'],
  ppc64le: ['ppc64le'],
  s390x: ['s390x'],
  riscv64: ['riscv64'],
};

export default defineRule({
  meta: {
    id: 'from-platform-const',
    aliases: ['FromPlatformFlagConstDisallowed'],
    category: 'maintainability',
    severity: 'warning',
    fix: 'none',
    docs: {
      summary: 'Flags `FROM --platform=<constant>` (such as `linux/amd64`) in a stage whose name does not say which platform it is for.',
      rationale:
        'A constant platform pins the stage to one architecture, so the Dockerfile can no longer build a multi-platform ' +
        'image and on another machine runs under emulation. Leave the platform to `docker build --platform`, use ' +
        '`$BUILDPLATFORM`/`$TARGETPLATFORM`, or name the stage after its platform (`AS build-arm64`) to show it is deliberate.',
      bad: 'FROM --platform=linux/amd64 alpine:3.20 AS base\nRUN apk add --no-cache git\n',
      good:
        'FROM --platform=$BUILDPLATFORM alpine:3.20 AS base\nRUN apk add --no-cache git\n' +
        'FROM --platform=linux/arm64 alpine:3.20 AS build_arm64\n',
      notes:
        'Same check as BuildKit\'s FromPlatformFlagConstDisallowed: not flagged when the value uses any variable, does ' +
        'not parse as a platform, or when the stage name contains the platform\'s OS or (normalised) architecture ' +
        '(`x86_64` counts as `amd64`, `aarch64` as `arm64`). Unlike BuildKit, also not flagged when the rest of the ' +
        'file (outside FROM lines) names the pinned architecture and no other, such as a `linux-arm64.tar.gz` download, an ' +
        '`[arch=amd64]` apt source or a comment saying the image targets amd64: such a file is platform-specific by ' +
        'design and building it for another platform would fetch the wrong binaries.',
    },
  },
  create(context) {
    let rest: string | undefined;
    /** The file's text without its FROM instructions, where a pinned platform is only restated. */
    const outsideFrom = (): string => {
      if (rest === undefined) {
        const { text } = context.ast.source;
        let at = 0;
        const parts: string[] = [];
        for (const inst of context.ast.instructions) {
          if (inst.keyword !== 'FROM') continue;
          parts.push(text.slice(at, inst.range.start.offset));
          at = inst.range.end.offset;
        }
        parts.push(text.slice(at));
        rest = parts.join('\n').toLowerCase();
      }
      return rest;
    };
    const namesArch = (arch: string): boolean =>
      (ARCH_WORDS[arch] ?? [arch]).some((word) => new RegExp(`(?<![a-z0-9])${word}(?![a-z0-9])`).test(outsideFrom()));
    /** Names the pinned architecture and no other: a file that handles several (`case $TARGETARCH`) is not one-platform. */
    const onlyFor = (arch: string): boolean =>
      namesArch(arch) && Object.keys(ARCH_WORDS).every((other) => other === arch || !namesArch(other));
    return {
      FROM(from) {
        const platform = from.flag('platform');
        if (!platform?.value || platform.value.includes('$')) return;
        if (variableReferences(platform.value, context.ast.escapeChar).length > 0) return;
        const parsed = parsePlatform(platform.value);
        if (!parsed) return;
        const name = (context.model.stageOf(from)?.name ?? '').toLowerCase();
        if ((parsed.os && name.includes(parsed.os)) || (parsed.arch && name.includes(parsed.arch))) return;
        if (parsed.arch && onlyFor(parsed.arch)) return;
        context.report({
          range: platform.range,
          message: `FROM --platform=${platform.value} pins this stage to one platform; use $BUILDPLATFORM or $TARGETPLATFORM, or name the stage after the platform.`,
        });
      },
    };
  },
});
