import rule from '../../rules/package-managers/pin-npm-versions';
import { runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    'FROM node:22\nRUN npm install express@4.21.1\n',
    { name: 'install from package.json', code: 'FROM node:22\nRUN npm install && npm ci\n' },
    { name: 'scoped with version and range', code: 'FROM node:22\nRUN npm i -g @angular/cli@17.1.0 typescript@^5.6\n' },
    { name: 'tarball, folder, git with ref, github shorthand with ref', code: 'FROM node:22\nRUN npm install ./pkg.tgz ../lib git+https://github.com/org/repo.git#v1.0.0 org/repo#v2\n' },
    { name: 'option values are not packages', code: 'FROM node:22\nRUN npm install --loglevel warn --prefix /opt/app express@4.21.1\n' },
    { name: 'heredoc pinned', code: 'FROM node:22\nRUN <<EOF\nnpm install -g pnpm@9.12.3\nEOF\n' },
    { name: 'PowerShell stage is skipped', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["pwsh", "-Command"]\nRUN npm install -g pnpm\n' },
  ],
  invalid: [
    {
      code: 'FROM node:22\nRUN npm install -g typescript\n',
      errors: [{ line: 2, column: 20, endColumn: 30, message: 'npm install at line 2 does not pin the version of `typescript`; write `typescript@<version>`' }],
    },
    { name: 'scoped without version', code: 'FROM node:22\nRUN npm install @angular/cli\n', errors: [{ line: 2, column: 17, message: '`@angular/cli@<version>`' }] },
    { name: 'dist-tag is not a version', code: 'FROM node:22\nRUN npm i -g npm@latest\n', errors: [{ line: 2, column: 14, message: 'write `npm@<version>`' }] },
    { name: 'git URL without ref', code: 'FROM node:22\nRUN npm install git+https://github.com/org/repo.git\n', errors: [{ line: 2, message: '#<ref>' }] },
    { name: 'npm add alias', code: 'FROM node:22\nRUN npm add lodash\n', errors: [{ line: 2, column: 13 }] },
    { name: 'heredoc body', code: 'FROM node:22\nRUN <<EOF\nnpm install -g pnpm\nEOF\n', errors: [{ line: 3, column: 16 }] },
  ],
});
