import rule from '../../rules/instructions/no-inline-ignore-pragma';
import { runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    'FROM debian:12.5\n# ignore this comment\nRUN echo hi\n',
    { name: 'global ignore is file-wide, not inline', code: '# hadolint global ignore=DL3059\nFROM debian:12.5\nRUN echo a\n' },
    { name: 'shell pragma', code: 'FROM debian:12.5\n# hadolint shell=bash\nRUN echo hi\n' },
    { name: 'misspelled pragma is a comment', code: 'FROM debian:12.5\n# hadolint ignor=DL3003\nRUN cd /x\n' },
    { name: 'dfopt file-wide disable', code: '# dfopt-disable-file\nFROM debian:12.5\n' },
    { name: 'BuildKit check directive', code: '# check=skip=JSONArgsRecommended\nFROM debian:12.5\nCMD echo hi\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12.5\n# hadolint ignore=DL3003\nRUN cd /scratch && echo hi\n',
      errors: [{ line: 2, column: 1, endColumn: 25, message: '`# hadolint ignore` pragma at line 2' }],
    },
    {
      name: 'two pragmas',
      code: 'FROM debian:12.5\n# hadolint ignore=DL3003\nRUN cd /a\n#hadolint ignore = DL3059\nRUN echo b\n',
      errors: [{ line: 2 }, { line: 4 }],
    },
    {
      name: 'dfopt inline directives',
      code: 'FROM debian:12.5\n# dfopt-disable-next-line chain-run\nRUN echo a\n# dfopt-disable chain-run\nRUN echo b\n# dfopt-enable chain-run\n',
      errors: [{ line: 2, message: 'dfopt-disable-next-line' }, { line: 4, message: '`# dfopt-disable`' }],
    },
    {
      name: 'pragma inside a continuation',
      code: 'FROM debian:12.5\nRUN apt-get update \\\n# hadolint ignore=DL3008\n  && apt-get install -y curl\n',
      errors: [{ line: 3 }],
    },
  ],
});
