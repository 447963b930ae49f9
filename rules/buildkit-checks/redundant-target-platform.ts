import { defineRule } from '../../src/engine';

/** `$TARGETPLATFORM`, `${TARGETPLATFORM}` or `${TARGETPLATFORM:-…}`/`${TARGETPLATFORM-…}`: all give the target platform. */
const TARGET_ONLY = /^(?:\$TARGETPLATFORM|\$\{TARGETPLATFORM(?::?-[^}$]*)?\})$/;

export default defineRule({
  meta: {
    id: 'redundant-target-platform',
    aliases: ['RedundantTargetPlatform'],
    category: 'maintainability',
    severity: 'warning',
    fix: 'unsafe',
    docs: {
      summary: 'Flags `FROM --platform=$TARGETPLATFORM`, which is what FROM does anyway.',
      rationale:
        'Base images are pulled for the target platform by default, so the flag adds noise and suggests a cross-platform ' +
        'intent that is not there. Use `--platform=$BUILDPLATFORM` for stages that must run natively on the builder.',
      bad: 'FROM --platform=$TARGETPLATFORM alpine:3.20 AS builder\nRUN apk add --no-cache git\n',
      good: 'FROM alpine:3.20 AS builder\nRUN apk add --no-cache git\nFROM --platform=$BUILDPLATFORM golang:1.23 AS cross\n',
      fixSafety:
        'Safe for `$TARGETPLATFORM` and `${TARGETPLATFORM}`: FROM already uses the target platform. Unsafe with a ' +
        'default (`${TARGETPLATFORM:-linux/amd64}`): under BuildKit FROM already uses the target platform, but the classic builder leaves TARGETPLATFORM ' +
        'unset, so `${TARGETPLATFORM:-linux/amd64}` picks linux/amd64 where the bare FROM would pull the host\'s platform, ' +
        'and a build with `--platform` set by other means may differ. Removing the flag can change the pulled image there.',
      notes:
        'Same check as BuildKit\'s RedundantTargetPlatform: only when TARGETPLATFORM is the one variable and nothing else ' +
        'is in the value (`$TARGETPLATFORM-suffix` or `linux/$TARGETARCH` are not flagged).',
    },
  },
  create(context) {
    const { source } = context.ast;
    return {
      FROM(from) {
        const platform = from.flag('platform');
        if (!platform?.value || !TARGET_ONLY.test(platform.value)) return;
        context.report({
          range: platform.range,
          ...(/[-]/.test(platform.value) ? {} : { fixSafety: 'safe' as const }),
          message: /[-]/.test(platform.value)
            ? `--platform=${platform.value} is redundant under BuildKit, where FROM already uses the target platform; remove the flag unless the image is also built with the classic builder, which leaves TARGETPLATFORM unset and so uses the default.`
            : `--platform=${platform.value} is redundant: FROM already uses the target platform; remove the flag.`,
          fix: (f) => {
            // Remove the flag and the whitespace after it, when both are on one line.
            const end = platform.range.end.offset;
            const text = source.text;
            let stop = end;
            while (text[stop] === ' ' || text[stop] === '\t') stop++;
            if (platform.range.start.line !== platform.range.end.line || stop === end) return null;
            return f.remove(source.range(platform.range.start.offset, stop));
          },
        });
      },
    };
  },
});
