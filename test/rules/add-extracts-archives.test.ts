import rule from '../../rules/shell-commands/add-extracts-archives';
import { runRuleTests } from '../support/ruleTester';

runRuleTests(rule, {
  valid: [
    { name: 'zip is not extracted by ADD', code: 'FROM debian:12\nCOPY bundle.zip /tmp/bundle.zip\nRUN unzip /tmp/bundle.zip\n' },
    { name: 'never extracted', code: 'FROM debian:12\nCOPY app.tar.gz /opt/\n' },
    { name: 'ADD already', code: 'FROM debian:12\nADD app.tar.gz /opt/\nRUN tar -xzf /opt/app.tar.gz\n' },
    { name: 'tar create', code: 'FROM debian:12\nCOPY app.tar /tmp/\nRUN tar -cf /tmp/other.tar /etc --exclude=/etc/x\n' },
    { name: 'COPY --from', code: 'FROM alpine:3.20 AS dl\nRUN echo x\nFROM debian:12\nCOPY --from=dl /out/app.tar.gz /tmp/\nRUN tar -xzf /tmp/app.tar.gz\n' },
    { name: 'extracted in a later stage', code: 'FROM debian:12\nCOPY app.tar.gz /tmp/\nFROM debian:12\nRUN tar -xzf /tmp/app.tar.gz\n' },
    { name: 'another archive', code: 'FROM debian:12\nCOPY a.tar.gz /tmp/\nRUN tar -xzf /tmp/b.tar.gz\n' },
    { name: 'gunzip of a plain .gz', code: 'FROM debian:12\nCOPY dump.gz /tmp/\nRUN gunzip /tmp/dump.gz\n' },
    { name: 'PowerShell stage is skipped', code: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["pwsh", "-Command"]\nCOPY app.tar C:/tmp/\nRUN tar -xf C:/tmp/app.tar\n' },
  ],
  invalid: [
    {
      code: 'FROM debian:12\nCOPY app.tar.gz /tmp/\nRUN tar -xzf /tmp/app.tar.gz -C /opt\n',
      errors: [{ line: 2, column: 6, endColumn: 16, message: 'app.tar.gz is copied at line 2 and extracted at line 3; use `ADD app.tar.gz <dir>/`' }],
    },
    { name: 'archive named by the destination, --extract', code: 'FROM debian:12\nCOPY src/data /data.tar.xz\nRUN tar --extract -f /data.tar.xz\n', errors: [{ line: 2, column: 15 }] },
    { name: 'gunzip of a tarball', code: 'FROM debian:12\nCOPY app.tgz /tmp/\nRUN gunzip /tmp/app.tgz && tar -xf /tmp/app.tar\n', errors: [{ line: 2 }] },
    { name: 'old-style tar xzf', code: 'FROM debian:12\nCOPY app.tar.gz ./\nRUN tar xzf app.tar.gz\n', errors: [{ line: 2 }] },
    { name: 'tar -x on a .gz', code: 'FROM debian:12\nCOPY dist.gz /tmp/\nRUN tar -xzf /tmp/dist.gz\n', errors: [{ line: 2 }] },
    {
      name: 'heredoc extraction, continuation with a comment line',
      code: 'FROM debian:12\nCOPY a.tar \\\n# and b\n     b.tar.bz2 /tmp/\nRUN <<EOF\ntar -xf /tmp/a.tar\ntar -xjf /tmp/b.tar.bz2\nEOF\n',
      errors: [{ line: 2, column: 6 }, { line: 4, column: 6 }],
    },
    { name: 'ONBUILD is not a RUN in this stage but a later RUN is', code: 'FROM debian:12\nCOPY app.tar /tmp/\nRUN echo x\nRUN tar -xf /tmp/app.tar\n', errors: [{ line: 2, message: 'extracted at line 4' }] },
    {
      name: 'fix: the COPY and the RUN that only extracts it become ADD (the lab case)',
      code: 'FROM busybox:latest\nCOPY app.tar.gz /tmp/\nRUN mkdir -p /app && tar xzf /tmp/app.tar.gz -C /app\nCMD ["ls", "/app"]\n',
      errors: [{ line: 2 }],
      output: 'FROM busybox:latest\nADD app.tar.gz /app/\nCMD ["ls", "/app"]\n',
    },
    {
      name: 'fix: a trailing rm of the archive goes too; relative to WORKDIR',
      code: 'FROM debian:12\nWORKDIR /srv\nCOPY app.tar ./\nRUN tar -xvf app.tar \\\n    && rm -f app.tar\n',
      errors: [{ line: 3 }],
      output: 'FROM debian:12\nWORKDIR /srv\nADD app.tar ./\n',
    },
    {
      name: 'bind mount: --strip-components has no ADD equivalent',
      code: 'FROM debian:12\nCOPY app.tar.gz /tmp/\nRUN tar -xzf /tmp/app.tar.gz -C /opt --strip-components=1\n',
      errors: [{ line: 2 }],
      output: 'FROM debian:12\nRUN --mount=type=bind,source=app.tar.gz,target=/tmp/app.tar.gz tar -xzf /tmp/app.tar.gz -C /opt --strip-components=1\n',
    },
    {
      name: 'no fix: the RUN also deletes the archive, which a read-only bind mount cannot',
      code: 'FROM debian:12\nCOPY app.tar.gz /tmp/\nRUN tar -xzf /tmp/app.tar.gz -C /opt --strip-components=1 && rm /tmp/app.tar.gz\n',
      errors: [{ line: 2 }],
      output: null,
    },
    {
      name: 'no fix: a later RUN reads the archive',
      code: 'FROM debian:12\nCOPY app.tar.gz /tmp/\nRUN tar -xzf /tmp/app.tar.gz -C /opt\nRUN sha256sum /tmp/app.tar.gz\n',
      errors: [{ line: 2 }],
      output: null,
    },
    {
      name: 'bind mount: the RUN does more than extract',
      code: 'FROM debian:12\nCOPY app.tar.gz /tmp/\nRUN tar -xzf /tmp/app.tar.gz -C /opt && make -C /opt\n',
      errors: [{ line: 2 }],
      output: 'FROM debian:12\nRUN --mount=type=bind,source=app.tar.gz,target=/tmp/app.tar.gz tar -xzf /tmp/app.tar.gz -C /opt && make -C /opt\n',
    },
    {
      name: 'no fix: a USER between them (extracted as another user)',
      code: 'FROM debian:12\nCOPY app.tar.gz /tmp/\nUSER app\nRUN tar -xzf /tmp/app.tar.gz -C /home/app\n',
      errors: [{ line: 2 }],
      output: null,
    },
  ],
});
