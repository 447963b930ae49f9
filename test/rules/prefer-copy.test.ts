import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import rule from '../../rules/prefer-copy';
import { findingsFor, fixedBy, runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    { name: 'ONBUILD ADD is not checked, as in hadolint', code: 'FROM debian:12.5\nONBUILD ADD app.py /app/\n' },
    'FROM debian:12.5\nCOPY app.py /app/\n',
    { name: 'tarball is unpacked', code: 'FROM debian:12.5\nADD rootfs.tar.xz /\nADD app.tgz /opt/\nADD x.tar.zst /opt/\nADD y.tar.bz2 /opt/\n' },
    { name: 'URL', code: 'FROM debian:12.5\nADD https://example.com/file.txt /scratch/\nADD git@github.com:moby/buildkit.git /src\n' },
    { name: 'ADD-only flags', code: 'FROM debian:12.5\nADD --checksum=sha256:abc https://example.com/a /a\nADD --keep-git-dir=true https://github.com/moby/buildkit.git /b\nADD --unpack=false app.py /c/\n' },
    { name: 'ARG without value could be a URL', code: 'FROM debian:12.5\nARG SRC\nADD ${SRC} /opt/\n' },
    { name: 'ARG default resolving to an archive', code: 'FROM debian:12.5\nARG PKG=tool-1.2.tar.gz\nADD $PKG /opt/\n' },
    { name: 'multi-stage with archive from a stage', code: 'FROM alpine:3.20 AS fetch\nRUN echo\nFROM debian:12.5\nADD --from=fetch /out/rootfs.tar.gz /\n' },
    { name: 'continuation with comment line', code: 'FROM debian:12.5\nADD \\\n# the release tarball\n  release.tar.gz /opt/\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12.5\nADD app.py /app/\n',
      errors: [{ line: 2, column: 1, endLine: 2, endColumn: 4, message: 'ADD at line 2 copies local files only; use COPY' }],
      output: 'FROM debian:12.5\nCOPY app.py /app/\n',
    },
    { name: 'directory', code: 'FROM debian:12.5\nADD src/ /app/src/\n', errors: [{ line: 2 }], output: 'FROM debian:12.5\nCOPY src/ /app/src/\n' },
    { name: 'zip is not unpacked', code: 'FROM debian:12.5\nADD ["bundle.zip", "/opt/"]\n', errors: [{ line: 2 }], output: 'FROM debian:12.5\nCOPY ["bundle.zip", "/opt/"]\n' },
    { name: 'chown and chmod flags', code: 'FROM debian:12.5\nADD --chown=app:app --chmod=644 config.yml /etc/app/\n', errors: [{ line: 2 }], output: 'FROM debian:12.5\nCOPY --chown=app:app --chmod=644 config.yml /etc/app/\n' },
    { name: 'mixed archive and plain file', code: 'FROM debian:12.5\nADD app.tar.gz readme.md /opt/\n', errors: [{ line: 2, message: 'give the archive or URL its own ADD' }], output: null },
    { name: 'heredoc ADD', code: 'FROM debian:12.5\nADD <<EOF /etc/motd\nhello\nEOF\n', errors: [{ line: 2 }], output: 'FROM debian:12.5\nCOPY <<EOF /etc/motd\nhello\nEOF\n' },
    { name: 'lower-case and continuation with a comment line', code: 'from debian:12.5\nadd \\\n# the config\n  conf/ /etc/app/\n', errors: [{ line: 2, column: 1 }], output: 'from debian:12.5\ncopy \\\n# the config\n  conf/ /etc/app/\n' },
    { name: 'ARG default resolved to a plain file', code: 'FROM debian:12.5\nARG SRC=app.jar\nADD ${SRC} /opt/app.jar\n', errors: [{ line: 3 }], output: null },
    { name: 'multi-stage, --from a stage', code: 'FROM alpine:3.20 AS build\nRUN echo\nFROM debian:12.5\nADD --from=build /out/app /usr/local/bin/app\n', errors: [{ line: 4 }], output: 'FROM alpine:3.20 AS build\nRUN echo\nFROM debian:12.5\nCOPY --from=build /out/app /usr/local/bin/app\n' },
    { name: 'glob could match an archive: no fix', code: 'FROM debian:12.5\nADD *.txt /docs/\n', errors: [{ line: 2 }], output: null },
    {
      name: 'escape directive, mixed-case keyword, continuation with a comment line',
      code: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nAdd `\n# the app\n  app.exe C:/app/\n',
      errors: [{ line: 3 }],
      output: '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nCopy `\n# the app\n  app.exe C:/app/\n',
    },
    { name: 'variable in the destination only', code: 'FROM debian:12.5\nENV DIR=/srv\nADD app.py $DIR/\n', errors: [{ line: 3 }], output: 'FROM debian:12.5\nENV DIR=/srv\nCOPY app.py $DIR/\n' },
  ],
});

describe('prefer-copy fixture', () => {
  it('fixes fixtures/prefer-copy/bad.Dockerfile into fixed.Dockerfile, byte for byte', () => {
    const dir = join(__dirname, '../../fixtures/prefer-copy');
    const bad = readFileSync(join(dir, 'bad.Dockerfile'), 'utf8');
    const fixed = fixedBy(rule, bad, { code: bad });
    expect(fixed).toBe(readFileSync(join(dir, 'fixed.Dockerfile'), 'utf8'));
    expect(fixedBy(rule, fixed, { code: fixed })).toBe(fixed);
    expect(findingsFor(rule, fixed).length).toBeLessThan(findingsFor(rule, bad).length);
  });
});
