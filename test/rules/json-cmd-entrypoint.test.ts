import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import rule from '../../rules/instructions/json-cmd-entrypoint';
import { lintText } from '../../src/index';
import { findingsFor, fixedBy, runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    'FROM debian:12.5\nCMD ["python", "app.py"]\n',
    { name: 'exec-form ENTRYPOINT', code: 'FROM debian:12.5\nENTRYPOINT ["/docker-entrypoint.sh"]\n' },
    { name: 'exec form over lines', code: 'FROM debian:12.5\nCMD ["nginx", \\\n# no daemon\n     "-g", \\\n     "daemon off;"]\n' },
    { name: 'shell-form RUN', code: 'FROM debian:12.5\nRUN echo hi\n' },
    { name: 'HEALTHCHECK CMD', code: 'FROM debian:12.5\nHEALTHCHECK CMD curl -f http://localhost/ || exit 1\n' },
    { name: 'ONBUILD CMD', code: 'FROM debian:12.5\nONBUILD CMD echo hi\n' },
    { name: 'empty exec form', code: 'FROM debian:12.5\nENTRYPOINT []\n' },
    {
      name: 'allowFinalExec: setup, then exec of the program',
      code: 'FROM debian:12.5\nCMD \\\n    # install when missing\n    if [[ ! -d ./vendor ]]; then composer install; fi && \\\n    exec ./bin/rr serve -c rr.yml\n',
      options: { allowFinalExec: true },
    },
    { name: 'allowFinalExec: after ; and &&', code: 'FROM debian:12.5\nCMD cd /srv; test -f app.conf && exec app --config app.conf\n', options: { allowFinalExec: true } },
    { name: 'allowBusyBoxLoneCommand: alpine', code: 'FROM alpine:3.20\nCMD /bin/bash\n', options: { allowBusyBoxLoneCommand: true } },
    { name: 'allowBusyBoxLoneCommand: redirection and variable', code: 'FROM node:22-alpine\nENV PORT=80\nCMD node server.js --port $PORT > /var/log/app.log\n', options: { allowBusyBoxLoneCommand: true } },
    { name: 'allowBusyBoxLoneCommand: stage built FROM an alpine stage', code: 'FROM busybox:1.36 AS base\nFROM base\nCMD httpd -f\n', options: { allowBusyBoxLoneCommand: true } },
    { name: 'allowFinalExec: exec -a', code: 'FROM debian:12.5\nCMD exec -a app /usr/bin/app\n', options: { allowFinalExec: true } },
  ],
  invalid: [
    {
      name: 'malformed JSON (missing comma): says where, no fix',
      code: 'FROM alpine:3.20\nCMD ["bash", "-c" "echo hi"]\n',
      errors: [{ line: 2, message: "CMD at line 2 is meant as a JSON array but is not valid JSON at 2:19 (expected ',' or ']' after array element), so Docker runs it in shell form; correct the JSON." }],
      output: null,
    },
    { name: 'single quotes are not JSON', code: "FROM alpine:3.20\nENTRYPOINT ['nginx']\n", errors: [{ line: 2, message: 'is not valid JSON' }], output: null },
    { code: 'FROM debian:12.5\nCMD python app.py\n', errors: [{ line: 2, column: 5, endColumn: 18, message: 'CMD at line 2 is in shell form' }], output: 'FROM debian:12.5\nCMD ["python", "app.py"]\n' },
    { name: 'ENTRYPOINT', code: 'FROM debian:12.5\nENTRYPOINT /docker-entrypoint.sh\n', errors: [{ line: 2 }], output: 'FROM debian:12.5\nENTRYPOINT ["/docker-entrypoint.sh"]\n' },
    { name: 'single quotes are not JSON', code: 'FROM debian:12.5\nCMD ["python", \'app.py\']\n', errors: [{ line: 2 }], output: null },
    { name: 'both', code: 'FROM debian:12.5\nENTRYPOINT exec app\nCMD --help\n', errors: [{ line: 2 }, { line: 3 }], output: 'FROM debian:12.5\nENTRYPOINT ["app"]\nCMD ["--help"]\n' },
    {
      name: 'PowerShell SHELL still DL3025',
      code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["pwsh", "-Command"]\nCMD Write-Host hi\n',
      errors: [{ line: 3 }],
      output: null,
    },
    {
      name: 'quoted words, lower-case keyword, continuation with a comment line',
      code: 'FROM nginx:1.27\ncmd nginx \\\n# stay in the foreground\n    -g \'daemon off;\' "-e" "stderr"\n',
      errors: [{ line: 2 }],
      output: 'FROM nginx:1.27\ncmd ["nginx", \\\n# stay in the foreground\n    "-g", "daemon off;", "-e", "stderr"]\n',
    },
    {
      name: 'escape directive',
      code: '# escape=`\nFROM debian:12.5\nENTRYPOINT exec  C:/app/app.exe `\n# listen\n  --serve\n',
      errors: [{ line: 3 }],
      output: '# escape=`\nFROM debian:12.5\nENTRYPOINT ["C:/app/app.exe", `\n# listen\n  "--serve"]\n',
    },
    {
      name: 'arguments start on a continuation line: reported at the CMD line its message names',
      code: 'FROM debian:12.5\nCMD \\\n    # start the app\n    app --serve\n',
      errors: [{ line: 2, column: 1, endLine: 4, message: 'CMD at line 2 is in shell form' }],
      output: 'FROM debian:12.5\nCMD \\\n    # start the app\n    ["app", "--serve"]\n',
    },
    // A shell-form ENTRYPOINT also ignores CMD and `docker run` arguments, so neither skip applies to it.
    { name: 'allowFinalExec: not for ENTRYPOINT', code: 'FROM debian:12.5\nENTRYPOINT cd /srv && exec app\n', options: { allowFinalExec: true }, errors: [{ line: 2 }], output: null },
    { name: 'allowBusyBoxLoneCommand: not for ENTRYPOINT', code: 'FROM alpine:3.20\nENTRYPOINT httpd -f\n', options: { allowBusyBoxLoneCommand: true }, errors: [{ line: 2 }], output: 'FROM alpine:3.20\nENTRYPOINT ["httpd", "-f"]\n' },
    { name: 'allowFinalExec: exec only after ||', code: 'FROM debian:12.5\nCMD check || exec app\n', options: { allowFinalExec: true }, errors: [{ line: 2 }], output: null },
    { name: 'allowFinalExec: exec inside an if', code: 'FROM debian:12.5\nCMD if [ -n "$X" ]; then exec app; fi\n', options: { allowFinalExec: true }, errors: [{ line: 2 }], output: null },
    { name: 'allowFinalExec: exec not last', code: 'FROM debian:12.5\nCMD exec app; echo done\n', options: { allowFinalExec: true }, errors: [{ line: 2 }], output: null },
    { name: 'allowFinalExec: exec in a pipeline', code: 'FROM debian:12.5\nCMD exec app | tee log\n', options: { allowFinalExec: true }, errors: [{ line: 2 }], output: null },
    { name: 'allowFinalExec: a background job stays a child', code: 'FROM debian:12.5\nCMD worker & exec app\n', options: { allowFinalExec: true }, errors: [{ line: 2 }], output: null },
    { name: 'allowFinalExec: exec with only a redirection', code: 'FROM debian:12.5\nCMD app; exec 2>&1\n', options: { allowFinalExec: true }, errors: [{ line: 2 }], output: null },
    {
      name: 'allowFinalExec: a PowerShell exec is not the shell builtin',
      code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["pwsh", "-Command"]\nCMD exec app\n',
      options: { allowFinalExec: true },
      errors: [{ line: 3 }],
      output: null,
    },
    { name: 'allowBusyBoxLoneCommand: Debian dash forks', code: 'FROM debian:12.5\nCMD /bin/bash\n', options: { allowBusyBoxLoneCommand: true }, errors: [{ line: 2, message: 'runs as a child of the shell' }], output: 'FROM debian:12.5\nCMD ["/bin/bash"]\n' },
    { name: 'allowBusyBoxLoneCommand: unknown base', code: 'ARG BASE\nFROM $BASE\nCMD app\n', options: { allowBusyBoxLoneCommand: true }, errors: [{ line: 3 }], output: 'ARG BASE\nFROM $BASE\nCMD ["app"]\n' },
    { name: 'allowBusyBoxLoneCommand: two commands', code: 'FROM alpine:3.20\nCMD cd /srv && ./app\n', options: { allowBusyBoxLoneCommand: true }, errors: [{ line: 2 }], output: null },
    { name: 'allowBusyBoxLoneCommand: pipeline', code: 'FROM alpine:3.20\nCMD app | tee log\n', options: { allowBusyBoxLoneCommand: true }, errors: [{ line: 2 }], output: null },
    { name: 'allowBusyBoxLoneCommand: background', code: 'FROM alpine:3.20\nCMD app &\n', options: { allowBusyBoxLoneCommand: true }, errors: [{ line: 2 }], output: null },
    { name: 'allowBusyBoxLoneCommand: a builtin runs in the shell', code: 'FROM alpine:3.20\nCMD cd /srv\n', options: { allowBusyBoxLoneCommand: true }, errors: [{ line: 2 }], output: null },
    {
      name: 'allowBusyBoxLoneCommand: explicit SHELL',
      code: 'FROM alpine:3.20\nSHELL ["/bin/ash", "-eo", "pipefail", "-c"]\nCMD app\n',
      options: { allowBusyBoxLoneCommand: true },
      errors: [{ line: 3 }],
      output: 'FROM alpine:3.20\nSHELL ["/bin/ash", "-eo", "pipefail", "-c"]\nCMD ["app"]\n',
    },
    {
      name: 'default (strict, hadolint): alpine lone command reported, saying BusyBox execs it',
      code: 'FROM alpine:3.20\nCMD /bin/bash\n',
      errors: [{ line: 2, message: "CMD at line 2 is in shell form; BusyBox sh execs a lone command, so the program gets the signals here, but not under a /bin/sh that forks it (Debian's dash); write it as a JSON array." }],
      output: 'FROM alpine:3.20\nCMD ["/bin/bash"]\n',
    },
    {
      name: 'default (strict, hadolint): exec last is still reported, saying it makes the program PID 1',
      code: 'FROM debian:12.5\nCMD setup; exec app\n',
      errors: [{ line: 2, message: 'CMD at line 2 is in shell form; its final exec makes the program PID 1, but the exec form needs no shell; write it as a JSON array, with any setup in a script.' }],
      output: null,
    },
    { name: 'exec -a: no fix', code: 'FROM debian:12.5\nCMD exec -a app /bin/app\n', errors: [{ line: 2 }], output: null },
    { name: 'exec on its own line is kept apart: no fix', code: 'FROM debian:12.5\nCMD exec \\\n  app\n', errors: [{ line: 2 }], output: null },
    { name: 'bash SHELL is POSIX', code: 'FROM debian:12.5\nSHELL ["/bin/bash", "-c"]\nCMD ./run.sh --x=1\n', errors: [{ line: 3 }], output: 'FROM debian:12.5\nSHELL ["/bin/bash", "-c"]\nCMD ["./run.sh", "--x=1"]\n' },
    { name: 'variable: no fix', code: 'FROM debian:12.5\nCMD app --port $PORT\n', errors: [{ line: 2 }], output: null },
    { name: 'quoted variable: no fix', code: 'FROM debian:12.5\nCMD app "$@"\n', errors: [{ line: 2 }], output: null },
    { name: 'glob: no fix', code: 'FROM debian:12.5\nCMD cat /etc/*.conf\n', errors: [{ line: 2 }], output: null },
    { name: 'tilde: no fix', code: 'FROM debian:12.5\nCMD ~/bin/app\n', errors: [{ line: 2 }], output: null },
    { name: 'operators: no fix', code: 'FROM debian:12.5\nCMD migrate && serve\n', errors: [{ line: 2 }], output: null },
    { name: 'redirection: no fix', code: 'FROM debian:12.5\nCMD app > /var/log/app.log\n', errors: [{ line: 2 }], output: null },
    { name: 'assignment: no fix', code: 'FROM debian:12.5\nCMD DEBUG=1 app\n', errors: [{ line: 2 }], output: null },
    { name: 'backslash: no fix', code: 'FROM debian:12.5\nCMD app my\\ file\n', errors: [{ line: 2 }], output: null },
    { name: 'subshell: no fix', code: 'FROM debian:12.5\nCMD (app)\n', errors: [{ line: 2 }], output: null },
    { name: 'comment in the text: no fix', code: 'FROM debian:12.5\nCMD app #serve\n', errors: [{ line: 2 }], output: null },
    { name: 'shell builtin: no fix', code: 'FROM debian:12.5\nCMD cd /srv\n', errors: [{ line: 2 }], output: null },
    { name: 'brace expansion under bash: no fix', code: 'FROM debian:12.5\nCMD app {a,b}\n', errors: [{ line: 2 }], output: null },
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

describe('json-cmd-entrypoint fixture', () => {
  it('fixes fixtures/json-cmd-entrypoint/bad.Dockerfile into fixed.Dockerfile, byte for byte', () => {
    const dir = join(__dirname, '../../fixtures/json-cmd-entrypoint');
    const bad = readFileSync(join(dir, 'bad.Dockerfile'), 'utf8');
    const fixed = fixedBy(rule, bad, { code: bad });
    expect(fixed).toBe(readFileSync(join(dir, 'fixed.Dockerfile'), 'utf8'));
    expect(fixedBy(rule, fixed, { code: fixed })).toBe(fixed);
    expect(findingsFor(rule, fixed).length).toBeLessThan(findingsFor(rule, bad).length);
  });
});
