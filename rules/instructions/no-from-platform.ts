import { defineRule } from '../../src/engine';

export default defineRule({
  meta: {
    id: 'no-from-platform',
    aliases: ['DL3029'],
    category: 'maintainability',
    severity: 'warning',
    fix: 'none',
    docs: {
      summary: 'Flags `FROM --platform=…` with a value other than `$BUILDPLATFORM` or `$TARGETPLATFORM`.',
      rationale:
        'A fixed `--platform` pins the stage to one architecture whatever `docker build --platform` asks for: a ' +
        'multi-platform build silently produces amd64 binaries in the arm64 image, or runs everything under emulation. ' +
        'Leave the platform to the build, or use `$BUILDPLATFORM` for stages that cross-compile.',
      bad: 'FROM --platform=linux/amd64 debian:12-slim\n',
      good: 'FROM --platform=$BUILDPLATFORM golang:1.23 AS build\nARG TARGETOS TARGETARCH\nRUN GOOS=$TARGETOS GOARCH=$TARGETARCH go build -o /out/app .\nFROM debian:12-slim\nCOPY --from=build /out/app /app\n',
      notes:
        'As hadolint 2.12, any value that mentions BUILDPLATFORM or TARGETPLATFORM is accepted and anything else is ' +
        'flagged, an ARG included (`--platform=$PLAT`). BuildKit\'s FromPlatformFlagConstDisallowed is a narrower check ' +
        '(constant values only, and not when the stage name mentions the platform); it is a rule of its own.',
    },
  },
  create(context) {
    return {
      FROM(from) {
        const flag = from.flag('platform');
        if (!flag || flag.value === null) return;
        if (/BUILDPLATFORM|TARGETPLATFORM/.test(flag.value)) return;
        context.report({
          range: flag.range,
          message: `FROM --platform=${flag.value} at line ${from.range.start.line + 1} pins the stage to one platform whatever the build targets; remove it or use $BUILDPLATFORM for cross-compiling stages.`,
        });
      },
    };
  },
});
