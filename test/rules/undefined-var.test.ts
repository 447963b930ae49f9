import rule from '../../rules/buildkit-checks/undefined-var';
import { runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    'FROM scratch AS base\nARG foo\nCOPY $foo .\n',
    { name: 'ARG in a parent stage', code: 'FROM scratch AS base\nARG foo=Dockerfile\nFROM base\nCOPY $foo .\n' },
    { name: 'shell-form RUN/CMD are expanded by the shell', code: 'FROM scratch\nRUN echo $PATH $HOME\nCMD echo $X\n' },
    { name: 'base image env is unknown', code: 'FROM python AS base\nARG VERSION=$PYTHON_VERSION\nCOPY $APP_HOME /x\n' },
    { name: 'PATH is always set', code: 'FROM scratch\nENV PATH=$PATH:/app/bin\n' },
    { name: 'single quotes and escapes are literal', code: "FROM scratch\nLABEL a='$x' b=\\$y\n" },
    { name: 'ARG pairs are sequential', code: 'FROM scratch\nARG A=1 B=$A\n' },
    { name: 'ONBUILD in the parent makes the env unknown', code: 'FROM scratch AS base\nONBUILD ENV X=1\nFROM base\nWORKDIR $X\n' },
    { name: 'external base: a changed digit is another variable', code: 'FROM alpine\nARG PY3=3.12\nLABEL v=$PY2\n' },
    { name: 'external base: two edits away is not a slip', code: 'FROM golang:1.22\nARG GOOS=linux\nENV X=$GOARCH\n' },
    { name: 'external base: short names are not compared', code: 'FROM alpine\nARG AB=1\nLABEL v=$AC\n' },
    { name: 'external base: an ENV of the same name later is the image\'s', code: 'FROM golang\nENV PATH=$GOPATH/bin:$PATH\nENV GOPATH=/go\n' },
    { name: 'the ARG that declares it, used in its own default', code: 'FROM alpine\nARG B=$B\n' },
    { name: 'heredoc body is not checked', code: 'FROM scratch\nCOPY <<EOF /x\n$nothing\nEOF\n' },
  ],
  invalid: [
    { name: 'docs example', code: 'FROM scratch AS base\nCOPY $foo .\n', errors: [{ line: 2, column: 6, endColumn: 10, message: "'$foo'" }] },
    { name: 'ARG default', code: 'FROM scratch AS base\nARG VERSION=$foo\n', errors: [{ line: 2, column: 13, message: "'$foo'" }] },
    { name: 'used before its ARG', code: 'FROM scratch\nCOPY $foo .\nARG foo=bar\nRUN echo $foo\n', errors: [{ line: 2 }] },
    {
      name: 'typo with suggestion',
      code: 'FROM scratch\nARG DIR_BINARIES=binaries/\nARG DIR_ASSETS=assets/\nCOPY $DIR_ASSET .\n',
      errors: [{ line: 4, message: 'did you mean $DIR_ASSETS?' }],
    },
    { name: 'PATH typo', code: 'FROM scratch\nENV PATH=$PAHT:/tmp/bin\n', errors: [{ line: 2, message: 'did you mean $PATH?' }] },
    { name: 'ENV sees only earlier instructions', code: 'FROM scratch\nENV A=1 B=${A:-2}\n', errors: [{ line: 2, column: 11 }] },
    {
      name: 'external base: only case mismatches',
      code: 'FROM alpine:3.20\nARG VERSION=1\nLABEL v=$version other=$HOME\n',
      errors: [{ line: 3, column: 9, message: 'did you mean $VERSION?' }],
    },
    {
      name: 'external base: used before its ARG',
      code: 'FROM alpine\nCOPY $foo .\nARG foo=bar\nRUN echo $foo\n',
      errors: [{ line: 2, column: 6, message: "uses '$foo' before the ARG at line 3 declares it" }],
    },
    {
      name: 'external base: one letter from a declared name',
      code: 'FROM alpine\nARG DIR_BINARIES=binaries/\nARG DIR_ASSETS=assets/\nCOPY $DIR_ASSET .\n',
      errors: [{ line: 4, message: 'did you mean $DIR_ASSETS?' }],
    },
    { name: 'external base: PATH misspelt', code: 'FROM alpine\nENV PATH=$PAHT:/tmp/bin\n', errors: [{ line: 2, message: 'did you mean $PATH?' }] },
    {
      name: 'flags: --chown and --mount',
      code: 'FROM scratch AS a\nCOPY --chown=$USER_ID x /x\nFROM a\nRUN --mount=type=cache,id=$TARGETPLATFORM,target=/c true\n',
      errors: [{ line: 2, message: "'$USER_ID'" }, { line: 4, message: "'$TARGETPLATFORM'" }],
    },
  ],
});
