import rule from '../../rules/instructions/copy-multiple-sources-to-dir';
import { runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    'FROM debian:12.5\nCOPY a.txt b.txt /dst/\n',
    { name: 'single source', code: 'FROM debian:12.5\nCOPY a.txt /dst\n' },
    { name: 'JSON form with slash', code: 'FROM debian:12.5\nCOPY ["a.txt", "b.txt", "/dst/"]\n' },
    { name: 'quoted destination with slash', code: 'FROM debian:12.5\nCOPY a b "/opt/app/"\n' },
    { name: 'ADD is not checked', code: 'FROM debian:12.5\nADD a.tar.gz b.tar.gz /opt\n' },
    { name: 'dot-slash', code: 'FROM debian:12.5\nWORKDIR /app\nCOPY --chown=1000 a b ./\n' },
    { name: 'ARG destination ending with slash', code: 'FROM debian:12.5\nARG DEST=/opt/app/\nCOPY a b $DEST\n' },
    { name: 'ARG without value', code: 'FROM debian:12.5\nARG DEST\nCOPY a b $DEST\n' },
  ],
  invalid: [
    { code: 'FROM debian:12.5\nCOPY a.txt b.txt /dst\n', errors: [{ line: 2, column: 18, endColumn: 22, message: "write '/dst/'" }] },
    { name: 'three sources', code: 'FROM debian:12.5\nCOPY a b c /opt/app\n', errors: [{ line: 2, message: 'COPY of 3 sources' }] },
    { name: 'JSON form', code: 'FROM debian:12.5\nCOPY ["a.txt", "b.txt", "/dst"]\n', errors: [{ line: 2, column: 6 }] },
    { name: 'relative dest with --from', code: 'FROM debian:12.5 AS b\nFROM debian:12.5\nCOPY --from=b *.json main.js dist\n', errors: [{ line: 3 }] },
    {
      name: 'continuation with comment',
      code: 'FROM debian:12.5\nCOPY a \\\n# the second file\n  b \\\n  /dst\n',
      errors: [{ line: 5, column: 3 }],
    },
    { name: 'ARG destination without slash', code: 'FROM debian:12.5\nARG DEST=/opt\nCOPY a b $DEST\n', errors: [{ line: 3 }] },
  ],
});
