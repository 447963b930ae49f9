import { defineRule } from '../../src/engine';
import { expand, stripQuotes } from './support';

const PORT_SPEC = /^(\d+)(?:-(\d+))?(?:\/([A-Za-z]*))?$/;
const PROTOCOLS = new Set(['tcp', 'udp', 'sctp']);
const MAX_PORT = 65535;

/** Why an EXPOSE word is not a valid port, or null. Host mappings (`80:80`) are BuildKit's ExposeInvalidFormat, not ours. */
function problem(spec: string): string | null {
  const m = PORT_SPEC.exec(spec);
  if (!m) return /^[^:]*$/.test(spec) ? 'is not a port number' : null;
  const [, low = '', high, protocol] = m;
  if (Number(low) > MAX_PORT || (high !== undefined && Number(high) > MAX_PORT)) return `is outside the port range 0-${MAX_PORT}`;
  if (high !== undefined && Number(high) < Number(low)) return 'is a range that ends before it starts';
  if (protocol !== undefined && !PROTOCOLS.has(protocol.toLowerCase())) return 'has a protocol other than tcp, udp or sctp';
  return null;
}

export default defineRule({
  meta: {
    id: 'valid-expose-port',
    aliases: ['DL3011'],
    category: 'correctness',
    severity: 'error',
    fix: 'none',
    docs: {
      summary: 'Flags an `EXPOSE` port outside 0-65535, a reversed port range, or an unknown protocol.',
      rationale:
        'Ports are 16-bit numbers, and Docker only knows tcp, udp and sctp: `EXPOSE 80000` or `EXPOSE 8080/http` fails when ' +
        'the image config is written or when the container starts, far from the typo that caused it.',
      bad: 'FROM nginx:1.27\nEXPOSE 80 80800\nEXPOSE 9000-8000/udp\n',
      good: 'FROM nginx:1.27\nARG PORT=8080\nEXPOSE 80 443/tcp 7000-7010/udp $PORT\n',
      notes:
        'Variables are expanded with the ENV and ARG values in scope first (hadolint 2.12 skips any word with a variable); ' +
        'a word with a variable that has no known value is skipped. Besides hadolint\'s range check, reversed ranges, ' +
        'non-numeric ports and unknown protocols are flagged. `host:container` mappings are left to the rule for BuildKit\'s ExposeInvalidFormat, ' +
        'and upper-case protocols to the one for ExposeProtoCasing.',
    },
  },
  create(context) {
    return {
      EXPOSE(node) {
        const state = context.stateBefore(node);
        for (const word of node.words) {
          const { value, unresolved } = expand(stripQuotes(word.value), state, context.ast.escapeChar);
          if (unresolved.length > 0) continue;
          // One word may expand to several (`ARG PORTS="80 443"`).
          for (const spec of stripQuotes(value).split(/\s+/).filter(Boolean)) {
            const why = problem(spec);
            if (!why) continue;
            const shown = spec === word.value ? `'${spec}'` : `'${word.value}' (= '${spec}')`;
            context.report({ range: word.range, message: `EXPOSE ${shown} ${why}; use a port from 0 to ${MAX_PORT} with /tcp, /udp or /sctp.` });
          }
        }
      },
    };
  },
});
