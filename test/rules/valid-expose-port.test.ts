import rule from '../../rules/instructions/valid-expose-port';
import { runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    'FROM debian:12.5\nEXPOSE 80 443\n',
    { name: 'max port with protocol', code: 'FROM debian:12.5\nEXPOSE 65535/tcp 0/udp 5000/sctp\n' },
    { name: 'range', code: 'FROM debian:12.5\nEXPOSE 7000-7010\n' },
    { name: 'ARG default', code: 'FROM debian:12.5\nARG PORT=8080\nEXPOSE $PORT\n' },
    { name: 'ARG without value', code: 'FROM debian:12.5\nARG PORT\nEXPOSE ${PORT}/udp\n' },
    { name: 'host mapping is another rule', code: 'FROM debian:12.5\nEXPOSE 8080:80\n' },
    { name: 'upper-case protocol is another rule', code: 'FROM debian:12.5\nEXPOSE 80/TCP\n' },
    { name: 'continuation with comment', code: 'FROM debian:12.5\nEXPOSE 80 \\\n# https\n  443\n' },
  ],
  invalid: [
    { code: 'FROM debian:12.5\nEXPOSE 80000\n', errors: [{ line: 2, column: 8, endColumn: 13, message: "EXPOSE '80000' is outside" }] },
    { name: 'one bad among several', code: 'FROM debian:12.5\nEXPOSE 80 443 70000\n', errors: [{ line: 2, column: 15 }] },
    { name: 'with protocol', code: 'FROM debian:12.5\nEXPOSE 99999/udp\n', errors: [{ line: 2 }] },
    { name: 'range end', code: 'FROM debian:12.5\nEXPOSE 8000-70000\n', errors: [{ line: 2 }] },
    { name: 'reversed range', code: 'FROM debian:12.5\nEXPOSE 9000-8000\n', errors: [{ line: 2, message: 'ends before it starts' }] },
    { name: 'unknown protocol', code: 'FROM debian:12.5\nEXPOSE 8080/http\n', errors: [{ line: 2, message: 'protocol' }] },
    { name: 'not a number', code: 'FROM debian:12.5\nEXPOSE http\n', errors: [{ line: 2, message: 'not a port number' }] },
    {
      name: 'ARG default out of range',
      code: 'FROM debian:12.5\nARG PORT=123456\nEXPOSE $PORT\n',
      errors: [{ line: 3, message: "'$PORT' (= '123456')" }],
    },
  ],
});
