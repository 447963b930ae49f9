import rule from '../../rules/instructions/json-cmd-entrypoint';
import { lintText } from '../../src/index';
import { runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    'FROM debian:12.5\nCMD ["python", "app.py"]\n',
    { name: 'exec-form ENTRYPOINT', code: 'FROM debian:12.5\nENTRYPOINT ["/docker-entrypoint.sh"]\n' },
    { name: 'exec form over lines', code: 'FROM debian:12.5\nCMD ["nginx", \\\n# no daemon\n     "-g", \\\n     "daemon off;"]\n' },
    { name: 'shell-form RUN', code: 'FROM debian:12.5\nRUN echo hi\n' },
    { name: 'HEALTHCHECK CMD', code: 'FROM debian:12.5\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1\n' },
    { name: 'ONBUILD CMD', code: 'FROM debian:12.5\nONBUILD CMD echo hi\n' },
    { name: 'empty exec form', code: 'FROM debian:12.5\nENTRYPOINT []\n' },
  ],
  invalid: [
    { code: 'FROM debian:12.5\nCMD python app.py\n', errors: [{ line: 2, column: 5, endColumn: 18, message: 'CMD at line 2 is in shell form' }] },
    { name: 'ENTRYPOINT', code: 'FROM debian:12.5\nENTRYPOINT /docker-entrypoint.sh\n', errors: [{ line: 2 }] },
    { name: 'single quotes are not JSON', code: 'FROM debian:12.5\nCMD ["python", \'app.py\']\n', errors: [{ line: 2 }] },
    { name: 'both', code: 'FROM debian:12.5\nENTRYPOINT exec app\nCMD --help\n', errors: [{ line: 2 }, { line: 3 }] },
    {
      name: 'PowerShell SHELL still DL3025',
      code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["pwsh", "-Command"]\nCMD Write-Host hi\n',
      errors: [{ line: 3 }],
    },
  ],
});

describe('json-cmd-entrypoint codes', () => {
  const codes = (text: string) => lintText(text, { extends: 'all' }).findings.filter((f) => f.ruleId === rule.meta.id).map((f) => f.codes);

  it('is also JSONArgsRecommended when no SHELL was set', () => {
    expect(codes('FROM debian:12.5\nCMD python app.py\n')).toEqual([['DL3025', 'JSONArgsRecommended']]);
  });

  it('is only DL3025 after an explicit SHELL, here or in the stage it is built FROM', () => {
    expect(codes('FROM debian:12.5\nSHELL ["/bin/bash", "-c"]\nCMD python app.py\n')).toEqual([['DL3025']]);
    expect(codes('FROM debian:12.5 AS base\nSHELL ["/bin/bash", "-c"]\nFROM base\nCMD python app.py\n')).toEqual([['DL3025']]);
  });

  it('counts only a SHELL that comes before', () => {
    expect(codes('FROM debian:12.5\nCMD python app.py\nSHELL ["/bin/bash", "-c"]\n')).toEqual([['DL3025', 'JSONArgsRecommended']]);
  });
});
