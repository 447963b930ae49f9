import { defineRule } from '../../src/engine';
import { exposedPorts } from './expose';

export default defineRule({
  meta: {
    id: 'expose-proto-casing',
    aliases: ['ExposeProtoCasing'],
    category: 'style',
    severity: 'style',
    fix: 'safe',
    docs: {
      summary: 'Flags an EXPOSE protocol that is not lowercase (`80/TCP`).',
      rationale: 'Docker lowercases the protocol anyway; writing `tcp`, `udp` or `sctp` keeps the file consistent with the image config.',
      bad: 'FROM nginx:1.27\nEXPOSE 80/TcP 53/UDP\n',
      good: 'FROM nginx:1.27\nEXPOSE 80/tcp 53/udp 8080\n',
      fixSafety: 'BuildKit lowercases the protocol when it records the port, so the image is the same.',
      notes:
        'Same check as BuildKit\'s ExposeProtoCasing, after expanding variables with known values. Unknown protocols ' +
        '(`80/http`) are a build error in BuildKit and are not reported here. Severity `style`: BuildKit reports it as a ' +
        'warning, but it never changes the build.',
    },
  },
  create(context) {
    return {
      EXPOSE(expose) {
        for (const spec of exposedPorts(context, expose)) {
          if (spec.proto === spec.proto.toLowerCase()) continue;
          const { word } = spec;
          const literal = word.value === spec.raw && word.range.end.offset - word.range.start.offset === word.value.length;
          context.report({
            node: word,
            message: `Protocol in 'EXPOSE ${spec.raw}' should be lowercase; write '${spec.proto.toLowerCase()}'.`,
            fix: literal ? (f) => f.replace(word.range, word.value.replace(spec.proto, spec.proto.toLowerCase())) : undefined,
          });
        }
      },
    };
  },
});
