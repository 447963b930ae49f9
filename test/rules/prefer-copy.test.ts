import rule from '../../rules/prefer-copy';
import { runRuleTests } from '../support/ruleTester';

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
    },
    { name: 'directory', code: 'FROM debian:12.5\nADD src/ /app/src/\n', errors: [{ line: 2 }] },
    { name: 'zip is not unpacked', code: 'FROM debian:12.5\nADD ["bundle.zip", "/opt/"]\n', errors: [{ line: 2 }] },
    { name: 'chown and chmod flags', code: 'FROM debian:12.5\nADD --chown=app:app --chmod=644 config.yml /etc/app/\n', errors: [{ line: 2 }] },
    { name: 'mixed archive and plain file', code: 'FROM debian:12.5\nADD app.tar.gz readme.md /opt/\n', errors: [{ line: 2, message: 'give the archive or URL its own ADD' }] },
    { name: 'heredoc ADD', code: 'FROM debian:12.5\nADD <<EOF /etc/motd\nhello\nEOF\n', errors: [{ line: 2 }] },
    { name: 'lower-case and continuation with a comment line', code: 'from debian:12.5\nadd \\\n# the config\n  conf/ /etc/app/\n', errors: [{ line: 2, column: 1 }] },
    { name: 'ARG default resolved to a plain file', code: 'FROM debian:12.5\nARG SRC=app.jar\nADD ${SRC} /opt/app.jar\n', errors: [{ line: 3 }] },
    { name: 'multi-stage, --from a stage', code: 'FROM alpine:3.20 AS build\nRUN echo\nFROM debian:12.5\nADD --from=build /out/app /usr/local/bin/app\n', errors: [{ line: 4 }] },
  ],
});
