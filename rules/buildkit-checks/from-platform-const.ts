import { defineRule } from '../../src/engine';
import { parsePlatform, variableReferences } from './support';

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
        '(`x86_64` counts as `amd64`, `aarch64` as `arm64`).',
    },
  },
  create(context) {
    return {
      FROM(from) {
        const platform = from.flag('platform');
        if (!platform?.value || platform.value.includes('$')) return;
        if (variableReferences(platform.value, context.ast.escapeChar).length > 0) return;
        const parsed = parsePlatform(platform.value);
        if (!parsed) return;
        const name = (context.model.stageOf(from)?.name ?? '').toLowerCase();
        if ((parsed.os && name.includes(parsed.os)) || (parsed.arch && name.includes(parsed.arch))) return;
        context.report({
          range: platform.range,
          message: `FROM --platform=${platform.value} pins this stage to one platform; use $BUILDPLATFORM or $TARGETPLATFORM, or name the stage after the platform.`,
        });
      },
    };
  },
});
