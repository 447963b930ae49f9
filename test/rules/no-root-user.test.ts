import rule from '../../rules/shell-commands/no-root-user';
import { runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    { name: 'back to an app user', code: 'FROM debian:12\nUSER root\nRUN echo x\nUSER app\n' },
    { name: 'no USER', code: 'FROM debian:12\nRUN echo hi\n' },
    { name: 'rooty', code: 'FROM debian:12\nUSER rooty\n' },
    { name: 'uid 1000', code: 'FROM debian:12\nUSER 1000:1000\n' },
    { name: 'root only in a builder stage', code: 'FROM debian:12 AS build\nUSER root\nFROM debian:12\nUSER app\n' },
    { name: 'final stage overrides the parent stage', code: 'FROM debian:12 AS base\nUSER root\nFROM base\nUSER app\n' },
    { name: 'Windows ContainerUser', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nUSER ContainerUser\n' },
    { name: 'ARG without a default', code: 'FROM debian:12\nARG U\nUSER $U\n' },
  ],
  invalid: [
    { code: 'FROM debian:12\nUSER root\n', errors: [{ line: 2, column: 6, endColumn: 10, message: 'USER root at line 2 makes the image run as root' }] },
    { name: 'USER 0', code: 'FROM debian:12\nUSER 0\n', errors: [{ line: 2 }] },
    { name: 'root:root after non-root', code: 'FROM debian:12\nUSER app\nUSER root:root\n', errors: [{ line: 3 }] },
    { name: '0:0 in the final stage', code: 'FROM debian:12 AS build\nUSER nobody\nFROM debian:12\nUSER 0:0\n', errors: [{ line: 4 }] },
    { name: 'inherited from the parent stage', code: 'FROM debian:12 AS base\nUSER root\nFROM base\nRUN echo x\n', errors: [{ line: 2 }] },
    { name: 'Windows administrator', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nUSER ContainerAdministrator\n', errors: [{ line: 2 }] },
    { name: 'ARG default', code: 'FROM debian:12\nARG U=root\nUSER $U\n', errors: [{ line: 3 }] },
    { name: 'only the final stage is reported', code: 'FROM debian:12 AS one\nUSER root\nFROM debian:12 AS two\nUSER root\n', errors: [{ line: 4 }] },
  ],
});
