import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import rule from '../../rules/package-managers/apt-no-install-recommends';
import { findingsFor, fixedBy, runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    'FROM debian:12\nRUN apt-get install -y --no-install-recommends curl=7.88.1-10\n',
    { name: 'flag after the package and before the subcommand', code: 'FROM debian:12\nRUN apt-get install -y curl --no-install-recommends && apt-get --no-install-recommends install -y wget\n' },
    { name: '-o APT::Install-Recommends=false / 0', code: 'FROM debian:12\nRUN apt-get install -y -o APT::Install-Recommends=false curl && apt-get -o apt::install-recommends=0 install -y wget\n' },
    { name: 'config written by an earlier RUN', code: 'FROM debian:12\nRUN echo \'APT::Install-Recommends "0";\' > /etc/apt/apt.conf.d/99norecommends\nRUN apt-get install -y curl\n' },
    {
      name: 'config written in the base stage',
      code: 'FROM debian:12 AS base\nRUN printf \'APT::Install-Recommends "false";\\n\' > /etc/apt/apt.conf.d/01norec\nFROM base\nRUN apt-get install -y curl\n',
    },
    {
      name: 'comment line inside a continuation',
      code: 'FROM debian:12\nRUN apt-get install -y \\\n# the recommends flag:\n    --no-install-recommends \\\n    curl=7.88.1-10\n',
    },
    { name: 'heredoc with the flag', code: 'FROM debian:12\nRUN <<EOF\napt-get install -y --no-install-recommends curl\nEOF\n' },
    { name: 'PowerShell stage is skipped', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["pwsh", "-Command"]\nRUN apt-get install -y curl\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nRUN apt-get install -y curl=7.88.1-10\n',
      errors: [{ line: 2, column: 5, endColumn: 20, message: 'apt-get install at line 2 also installs recommended packages (~1 MB); add `--no-install-recommends`.' }],
      output: 'FROM debian:12\nRUN apt-get install --no-install-recommends -y curl=7.88.1-10 ca-certificates\n',
    },
    { name: 'misspelled flag', code: 'FROM debian:12\nRUN apt-get install -y --no-install-recommend curl\n', errors: [{ line: 2 }], output: 'FROM debian:12\nRUN apt-get install --no-install-recommends -y --no-install-recommend curl ca-certificates\n' },
    { name: 'flag on another command', code: 'FROM debian:12\nRUN apt-get update --no-install-recommends && apt-get install -y curl\n', errors: [{ line: 2, column: 47 }], output: 'FROM debian:12\nRUN apt-get update --no-install-recommends && apt-get install --no-install-recommends -y curl ca-certificates\n' },
    { name: 'config written after the install', code: 'FROM debian:12\nRUN apt-get install -y curl && echo \'APT::Install-Recommends "0";\' > /etc/apt/apt.conf.d/99x\n', errors: [{ line: 2, column: 5 }] },
    { name: 'config in an unrelated stage', code: 'FROM debian:12 AS a\nRUN echo \'APT::Install-Recommends "0";\' > /etc/apt/apt.conf.d/99x\nFROM debian:12\nRUN apt-get install -y curl\n', errors: [{ line: 4 }] },
    { name: 'ONBUILD', code: 'FROM debian:12\nONBUILD RUN apt-get install -y curl\n', errors: [{ line: 2, column: 13 }], output: 'FROM debian:12\nONBUILD RUN apt-get install --no-install-recommends -y curl ca-certificates\n' },
    { name: 'heredoc body', code: 'FROM debian:12\nRUN <<EOF\napt-get install -y curl\nEOF\n', errors: [{ line: 3, column: 1, endColumn: 16 }], output: 'FROM debian:12\nRUN <<EOF\napt-get install --no-install-recommends -y curl ca-certificates\nEOF\n' },
    {
      name: 'fix: continuation with comment lines',
      code: 'FROM debian:12\nRUN apt-get update \\\n    # tools\n    && apt-get install \\\n    # pinned\n    -y curl=7.88.1-10\n',
      errors: [{ line: 4 }],
      output: 'FROM debian:12\nRUN apt-get update \\\n    # tools\n    && apt-get install --no-install-recommends \\\n    # pinned\n    -y curl=7.88.1-10 ca-certificates\n',
    },
    { name: 'fix: exec form', code: 'FROM debian:12\nRUN ["apt-get", "install", "-y", "curl"]\n', errors: [{ line: 2 }], output: 'FROM debian:12\nRUN ["apt-get", "install", "--no-install-recommends", "-y", "curl", "ca-certificates"]\n' },
    { name: 'fix: no TLS client, nothing added', code: 'FROM debian:12\nRUN apt-get install -y jq\n', errors: [{ line: 2 }], output: 'FROM debian:12\nRUN apt-get install --no-install-recommends -y jq\n' },
    {
      name: 'fix: gcc keeps libc6-dev, the headers and crt1.o every compile needs (issue 21 item 4)',
      code: 'FROM debian:12\nRUN apt-get install -y curl make gcc\n',
      errors: [{ line: 2 }],
      output: 'FROM debian:12\nRUN apt-get install --no-install-recommends -y curl make gcc ca-certificates libc6-dev\n',
    },
    {
      name: 'fix: exec form names each kept recommends as its own element',
      code: 'FROM debian:12\nRUN ["apt-get", "install", "-y", "git", "g++"]\n',
      errors: [{ line: 2 }],
      output: 'FROM debian:12\nRUN ["apt-get", "install", "--no-install-recommends", "-y", "git", "g++", "ca-certificates", "libc6-dev"]\n',
    },
    {
      name: 'fix: build-essential or libc6-dev already named: nothing added for gcc',
      code: 'FROM debian:12\nRUN apt-get install -y build-essential gcc && apt-get install -y gcc libc6-dev\n',
      errors: [{ line: 2 }, { line: 2 }],
      output: 'FROM debian:12\nRUN apt-get install --no-install-recommends -y build-essential gcc && apt-get install --no-install-recommends -y gcc libc6-dev\n',
    },
    {
      name: 'fix: ca-certificates already named',
      code: 'FROM debian:12\nRUN apt-get install -y ca-certificates wget\n',
      errors: [{ line: 2 }],
      output: 'FROM debian:12\nRUN apt-get install --no-install-recommends -y ca-certificates wget\n',
    },
    {
      // Issue 21: `--no-install-recommends` dropped the CA bundle, and `curl https://…` then failed with exit 77.
      name: 'fix: git through a variable keeps the CA bundle',
      code: 'FROM debian:12\nENV TOOLS="git make"\nRUN apt-get install -y $TOOLS\n',
      errors: [{ line: 3 }],
      output: 'FROM debian:12\nENV TOOLS="git make"\nRUN apt-get install --no-install-recommends -y $TOOLS ca-certificates\n',
    },
    {
      name: 'fix: escape=` file',
      code: '# escape=`\nFROM debian:12\nRUN apt-get install -y `\n    curl\n',
      errors: [{ line: 3 }],
      output: '# escape=`\nFROM debian:12\nRUN apt-get install --no-install-recommends -y `\n    curl ca-certificates\n',
    },
  ],
});

describe('apt-no-install-recommends fixture', () => {
  it('fixes fixtures/apt-no-install-recommends/bad.Dockerfile into fixed.Dockerfile, byte for byte', () => {
    const dir = join(__dirname, '../../fixtures/apt-no-install-recommends');
    const bad = readFileSync(join(dir, 'bad.Dockerfile'), 'utf8');
    const fixed = fixedBy(rule, bad, { code: bad });
    expect(fixed).toBe(readFileSync(join(dir, 'fixed.Dockerfile'), 'utf8'));
    expect(fixedBy(rule, fixed, { code: fixed })).toBe(fixed);
    expect(findingsFor(rule, fixed).length).toBeLessThan(findingsFor(rule, bad).length);
  });
});
