import rule from '../../rules/buildkit-checks/expose-valid-format';
import { runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    'FROM alpine\nEXPOSE 80\n',
    'FROM alpine\nEXPOSE 80/tcp 443 8000-8010/udp\n',
    { name: 'unknown variable', code: 'FROM alpine\nEXPOSE ${PORTS}\n' },
    { name: 'variable with a plain port', code: 'FROM alpine\nENV PORT=8080\nEXPOSE $PORT\n' },
  ],
  invalid: [
    { name: 'docs example: IP and host port', code: 'FROM alpine\nEXPOSE 127.0.0.1:80:80\n', errors: [{ line: 2, column: 8, endColumn: 23, message: 'an IP address' }] },
    { name: 'docs example: host port', code: 'FROM alpine\nEXPOSE 80:80\n', errors: [{ line: 2, message: 'a host port' }] },
    { name: 'IPv6', code: 'FROM alpine\nEXPOSE [::1]:8080:80/tcp\n', errors: [{ line: 2, message: 'container port (80/tcp)' }] },
    { name: 'from a variable', code: 'FROM alpine\nARG MAP=8080:80\nEXPOSE ${MAP} 443\n', errors: [{ line: 3 }] },
  ],
});
