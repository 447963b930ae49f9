import { defineRule } from '../../src/engine';
import { parsePlatform } from './support';

/** Docker Hub's per-architecture namespaces of the official images: each holds images for one platform only. */
const ARCH_NAMESPACES: Readonly<Record<string, { os: string; arch: string }>> = {
  amd64: { os: 'linux', arch: 'amd64' },
  arm32v5: { os: 'linux', arch: 'arm' },
  arm32v6: { os: 'linux', arch: 'arm' },
  arm32v7: { os: 'linux', arch: 'arm' },
  arm64v8: { os: 'linux', arch: 'arm64' },
  i386: { os: 'linux', arch: '386' },
  mips64le: { os: 'linux', arch: 'mips64le' },
  ppc64le: { os: 'linux', arch: 'ppc64le' },
  riscv64: { os: 'linux', arch: 'riscv64' },
  s390x: { os: 'linux', arch: 's390x' },
  winamd64: { os: 'windows', arch: 'amd64' },
};
const DOCKER_HUB = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io']);
const WINDOWS_IMAGE = /^(?:mcr\.microsoft\.com\/windows(?:\/|$)|mcr\.microsoft\.com\/(?:[^/]+\/)*(?:nanoserver|servercore|windowsservercore)(?:$|[:@/]))/i;

export default defineRule({
  meta: {
    id: 'invalid-base-image-platform',
    aliases: ['InvalidBaseImagePlatform'],
    category: 'correctness',
    severity: 'warning',
    fix: 'none',
    docs: {
      summary: 'Flags a FROM whose constant `--platform` contradicts a base image that exists for one platform only (`--platform=linux/arm64 amd64/alpine`).',
      rationale:
        'The base image is pulled for the platform it was built for, not the one asked for, so the stage either fails or ' +
        'runs foreign binaries under emulation. Use the multi-platform image (`alpine`) or a matching `--platform`.',
      bad: 'FROM --platform=linux/arm64 amd64/alpine:3.20\nFROM --platform=linux/amd64 mcr.microsoft.com/windows/nanoserver:ltsc2022\n',
      good: 'FROM --platform=linux/arm64 arm64v8/alpine:3.20\nFROM --platform=linux/arm64 alpine:3.20\nFROM amd64/alpine:3.20\n',
      notes:
        'BuildKit\'s InvalidBaseImagePlatform compares the platform of the pulled image with the expected one, which ' +
        'needs the registry. Offline only narrow cases are certain, so only these are reported: the FROM has a constant ' +
        '`--platform` (no variables) and the image is in one of Docker Hub\'s single-architecture namespaces (`amd64/`, ' +
        '`arm64v8/`, `arm32v7/`, `i386/`, `ppc64le/`, `s390x/`…) or is a Windows image from mcr.microsoft.com, and its ' +
        'OS or architecture differs from the flag\'s. Like BuildKit, variants (`arm/v6` vs `arm/v7`) are not compared. ' +
        'Without `--platform` the expected platform is only known at build time, so nothing is reported.',
    },
  },
  create(context) {
    return {
      FROM(from) {
        const platform = from.flag('platform');
        if (!platform?.value || platform.value.includes('$')) return;
        const expected = parsePlatform(platform.value);
        const stage = context.model.stageOf(from);
        if (!expected || !stage || stage.base.stage || stage.base.isScratch || stage.base.unresolvedArgs.length > 0) return;
        const { ref } = stage.base;
        let actual: { os: string; arch: string } | undefined;
        if (ref.registry === null || DOCKER_HUB.has(ref.registry.toLowerCase())) {
          const namespace = ref.repository.split('/');
          if (namespace.length === 2) actual = ARCH_NAMESPACES[namespace[0]!];
        } else if (WINDOWS_IMAGE.test(`${ref.registry}/${ref.repository}`)) {
          actual = { os: 'windows', arch: '' };
        }
        if (!actual) return;
        const osDiffers = actual.os !== expected.os;
        const archDiffers = actual.arch !== '' && expected.arch !== '' && actual.arch !== expected.arch;
        if (!osDiffers && !archDiffers) return;
        const shown = actual.arch ? `${actual.os}/${actual.arch}` : actual.os;
        context.report({
          node: stage.base,
          message: `Base image '${stage.base.written}' is built for ${shown} only, but --platform=${platform.value} asks for another platform; use a multi-platform image or a matching --platform.`,
        });
      },
    };
  },
});
