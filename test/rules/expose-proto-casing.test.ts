import rule from '../../rules/buildkit-checks/expose-proto-casing';
import { runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    'FROM alpine\nEXPOSE 80/tcp\n',
    'FROM alpine\nEXPOSE 80 443 53/udp 9000/sctp\n',
    { name: 'invalid protocol is a build error, not this check', code: 'FROM alpine\nEXPOSE 80/http\n' },
    { name: 'unknown variable', code: 'FROM alpine\nEXPOSE $PORT\n' },
  ],
  invalid: [
    { name: 'docs example', code: 'FROM alpine\nEXPOSE 80/TcP\n', errors: [{ line: 2, column: 8, endColumn: 14, message: "'EXPOSE 80/TcP'" }] },
    { name: 'one per port', code: 'FROM alpine\nEXPOSE 80/TCP 53/UDP 8080\n', errors: [{ line: 2, column: 8 }, { line: 2, column: 15 }], output: 'FROM alpine\nEXPOSE 80/tcp 53/udp 8080\n' },
    { name: 'after variable expansion', code: 'FROM alpine\nARG PROTO=UDP\nEXPOSE 53/${PROTO}\n', errors: [{ line: 3 }], output: null },
    { name: 'with a host mapping too', code: 'FROM alpine\nEXPOSE 8080:80/Tcp\n', errors: [{ line: 2 }] },
  ],
});
