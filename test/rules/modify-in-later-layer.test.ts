import rule from '../../rules/size/modify-in-later-layer';
import { lint, RuleRegistry } from '../../src/engine';
import { fixText } from '../../src/fix';
import { memoryBuildContext } from '../support/memoryBuildContext';
import { lintText } from '../../src/index';
import { runRuleTests } from '../support/ruleTester';

/** Dockerfile text from lines (LF; the tester also runs every case with CRLF). */
const df = (...lines: string[]): string => `${lines.join('\n')}\n`;

runRuleTests(rule, {
  valid: [
    { name: 'path from the base image', code: df('FROM debian:12', 'RUN chmod 4755 /usr/bin/passwd') },
    { name: 'chmod of a file the same RUN downloaded', code: df('FROM debian:12', 'RUN curl -fsSLo /usr/local/bin/tool https://e.com/tool && chmod +x /usr/local/bin/tool') },
    {
      name: 'builder stage that never reaches the final image',
      code: df('FROM debian:12 AS build', 'COPY app.sh /app.sh', 'RUN chmod 755 /app.sh', 'FROM scratch', 'COPY --from=build /app.sh /app.sh'),
    },
    { name: 'empty directory from WORKDIR', code: df('FROM debian:12', 'WORKDIR /data', 'RUN chown -R app:app /data') },
    { name: 'empty directory from mkdir', code: df('FROM debian:12', 'RUN mkdir -p /var/log/app', 'RUN chown app /var/log/app') },
    { name: 'empty file from touch', code: df('FROM debian:12', 'RUN touch /var/log/app.log', 'RUN chmod 666 /var/log/app.log') },
    { name: 'non-recursive change of a copied directory copies only its entry', code: df('FROM debian:12', 'COPY src/ /app/', 'RUN chown app /app') },
    { name: 'mode already set by COPY', code: df('FROM debian:12', 'COPY --chmod=755 run.sh /run.sh', 'CMD ["/run.sh"]') },
    { name: 'copied in another stage that is not a base', code: df('FROM debian:12 AS a', 'COPY run.sh /run.sh', 'FROM debian:12', 'RUN chmod +x /run.sh') },
    { name: 'deleted, then created again by the same RUN', code: df('FROM debian:12', 'COPY run.sh /run.sh', 'RUN rm /run.sh && curl -o /run.sh https://e.com/run.sh && chmod +x /run.sh') },
    { name: 'a glob does not match dot files', code: df('FROM debian:12', 'COPY --from=build /src/.env /app/.env', 'RUN chmod +x /app/*') },
    { name: 'a source without extension may be a directory', code: df('FROM debian:12', 'COPY --from=upstream /opt/conda /opt/conda', 'RUN chmod 2775 /opt/conda') },
    { name: 'non-recursive chmod of a directory above a copied file', code: df('FROM debian:12', 'COPY kibana.yml /opt/kibana/config/kibana.yml', 'RUN chmod g+ws /opt/kibana') },
    { name: 'another user\'s home directory is another path', code: df('FROM debian:12', 'COPY app.jar /home/alice/app.jar', 'RUN chown bob /home/bob/app.jar') },
    { name: 'chown --from changes only files with that owner', code: df('FROM debian:12', 'COPY --chown=1000:1000 app.py /app/app.py', 'RUN chown --from root:root -R app:app /app') },
    // Issue 19 pattern 3 (hand check 2026-12-06, 01287.Dockerfile:586): without a build context, a COPY of scripts and
    // config files only is a few kB; storing them twice is not worth a size finding.
    { name: 'chmod +x of a COPY\'d entrypoint script', code: df('FROM debian:12', 'COPY docker-entrypoint.sh /usr/local/bin/', 'RUN chmod +x /usr/local/bin/docker-entrypoint.sh') },
    { name: 'chown of COPY\'d config files', code: df('FROM nginx:1.27', 'COPY nginx.conf default.conf /etc/nginx/conf.d/', 'RUN chown -R nginx:nginx /etc/nginx/conf.d/nginx.conf /etc/nginx/conf.d/default.conf') },
    { name: 'chmod of a script inside a copied tree (only that file is stored again)', code: df('FROM python:3.12', 'COPY . /app', 'RUN chmod +x /app/entrypoint.sh') },
    { name: 'chmod of a heredoc script (its size is known)', code: df('# syntax=docker/dockerfile:1', 'FROM debian:12', 'COPY <<EOF /run', 'echo hi', 'EOF', 'RUN chmod +x /run') },
    { name: 'PowerShell RUN bodies are not read', code: df('FROM mcr.microsoft.com/windows/servercore:ltsc2022', 'SHELL ["pwsh", "-Command"]', 'COPY run.ps1 C:/run.ps1', 'RUN chmod 755 /run.ps1') },
  ],
  invalid: [
    {
      name: 'inside a directory a later RUN wrote to: reported with both places, no fix',
      code: df('FROM node:22', 'WORKDIR /app', 'COPY . .', 'RUN npm ci', 'RUN chmod +x node_modules/.bin/serve'),
      errors: [{
        line: 5,
        message:
          'chmod at line 5 changes /app/node_modules/.bin/serve, inside /app, which COPY at line 3 filled and later instructions may have written to; ' +
          'the file is in an earlier layer either way, so the image stores those bytes twice; make the change where the file is written ' +
          '(set the mode with COPY --chmod=+x at line 3, or in the later RUN that creates it).',
      }],
      output: null,
    },
    {
      name: 'the lab case: COPY then chmod with an octal mode',
      code: df('FROM busybox:latest', 'COPY blob.bin /blob.bin', 'RUN chmod 600 /blob.bin', 'CMD ["stat", "-c", "%a %U %s", "/blob.bin"]'),
      errors: [{
        line: 3, column: 5, endLine: 3, endColumn: 24,
        message: 'chmod at line 3 changes /blob.bin, which COPY at line 2 created in an earlier layer, so the image stores it twice; set the mode with COPY --chmod=600 at line 2.',
      }],
      output: df('# syntax=docker/dockerfile:1', 'FROM busybox:latest', 'COPY --chmod=600 blob.bin /blob.bin', 'CMD ["stat", "-c", "%a %U %s", "/blob.bin"]'),
    },
    {
      name: 'chown and chmod of two COPYs fold into both, keeping the syntax directive and existing flags',
      code: df('# syntax=docker/dockerfile:1.4', 'FROM debian:12', 'COPY --chown=app:app app.pyz /app/app.pyz', 'COPY --from=build /out/server.jar /usr/local/lib/', 'RUN chown 1000 /app/app.pyz \\', '    && chmod 0755 /usr/local/lib/server.jar /app/app.pyz'),
      errors: [{ line: 5, message: 'set the owner with COPY --chown=1000:app at line 3' }, { line: 6, message: 'changes /usr/local/lib/server.jar (and 1 more)' }],
      output: df('# syntax=docker/dockerfile:1.4', 'FROM debian:12', 'COPY --chown=1000:app --chmod=0755 app.pyz /app/app.pyz', 'COPY --from=build --chmod=0755 /out/server.jar /usr/local/lib/'),
    },
    {
      name: 'symbolic mode on an ADD of a URL',
      code: df('FROM debian:12', 'ADD https://e.com/tool /usr/local/bin/tool', 'RUN chmod +x /usr/local/bin/tool', 'ENTRYPOINT ["tool"]'),
      errors: [{ line: 3, message: 'set the mode with ADD --chmod=+x at line 2' }],
      output: df('# syntax=docker/dockerfile:1', 'FROM debian:12', 'ADD --chmod=+x https://e.com/tool /usr/local/bin/tool', 'ENTRYPOINT ["tool"]'),
    },
    {
      name: 'symbolic mode with a syntax directive older than 1.14: no fix',
      code: df('# syntax=docker/dockerfile:1.4', 'FROM debian:12', 'COPY server.bin /usr/local/bin/', 'RUN chmod u+x /usr/local/bin/server.bin'),
      errors: [{ line: 4, message: 'changes /usr/local/bin/server.bin, which COPY at line 3 created' }],
      output: null,
    },
    {
      name: 'a file a RUN downloaded: the chmod moves into that RUN',
      code: df('FROM debian:12', 'RUN curl -fsSLo /usr/local/bin/tool https://e.com/tool', 'RUN chmod 755 /usr/local/bin/tool'),
      errors: [{ line: 3, message: 'run chmod in the RUN at line 2 that creates it' }],
      output: df('FROM debian:12', 'RUN curl -fsSLo /usr/local/bin/tool https://e.com/tool && chmod 755 /usr/local/bin/tool'),
    },
    {
      name: 'git clone then a recursive chown in a later RUN',
      code: df('FROM debian:12', 'RUN git clone https://e.com/app.git /srv/app \\', '    && make -C /srv/app', 'RUN useradd app', 'RUN chown -R app /srv/app'),
      errors: [{ line: 5, message: 'chown at line 5 changes /srv/app, which RUN at line 2 filled' }],
      output: null,
    },
    {
      name: 'the RUN does something else too: no fix',
      code: df('FROM debian:12', 'COPY app.pyz /app/app.pyz', 'RUN chmod 644 /app/app.pyz && apt-get update'),
      errors: [{ line: 3 }],
      output: null,
    },
    {
      name: 'recursive chown of copied sources after an install wrote there: no fix',
      code: df('FROM node:22', 'WORKDIR /app', 'COPY . .', 'RUN npm ci', 'RUN chown -R node:node /app'),
      errors: [{ line: 5, message: 'chown at line 5 changes /app, which COPY at line 3 filled in an earlier layer, so the image stores those bytes twice' }],
      output: null,
    },
    {
      name: 'sed -i and mv of copied files',
      code: df('FROM debian:12', 'COPY . /site', 'RUN sed -i s/dev/prod/ /site/app.js', 'COPY server.jar /tmp/server.jar', 'RUN mv /tmp/server.jar /server.jar'),
      errors: [
        { line: 3, message: 'sed -i at line 3 changes /site/app.js, inside /site, which COPY at line 2 filled' },
        { line: 5, message: 'COPY it to its final path at line 4' },
      ],
      output: null,
    },
    {
      name: 'chown by name with a useradd in between: no fix',
      code: df('FROM debian:12', 'COPY app.jar /opt/app.jar', 'RUN useradd app', 'RUN chown app:app /opt/app.jar'),
      errors: [{ line: 4, message: 'set the owner with COPY --chown=app:app at line 2' }],
      output: null,
    },
    {
      name: 'recursive chmod of a copied tree a RUN wrote into since: no fix',
      code: df('FROM debian:12', 'COPY kong /kong', 'RUN mkdir -p /kong/servroot/logs', 'RUN chmod -R 777 /kong'),
      errors: [{ line: 4, message: 'chmod at line 4 changes /kong, which COPY at line 2 created' }],
      output: null,
    },
    {
      name: 'a script renamed to a binary-looking path is judged by its source, a copied binary is still reported',
      code: df('FROM debian:12', 'COPY boot.sh /usr/bin/boot', 'COPY --from=watchdog /fwatchdog /usr/bin/fwatchdog', 'RUN chmod +x /usr/bin/boot', 'RUN chmod +x /usr/bin/fwatchdog'),
      errors: [{ line: 5, message: 'chmod at line 5 changes /usr/bin/fwatchdog, which COPY at line 3 created in an earlier layer, so the image stores those bytes twice; set the mode with COPY --chmod=+x at line 3.' }],
      output: df('# syntax=docker/dockerfile:1', 'FROM debian:12', 'COPY boot.sh /usr/bin/boot', 'COPY --from=watchdog --chmod=+x /fwatchdog /usr/bin/fwatchdog', 'RUN chmod +x /usr/bin/boot'),
    },
    {
      name: 'a recursive chown of a copied tree is still reported, even when a script in it is named',
      code: df('FROM debian:12', 'COPY . /app', 'RUN chown -R app /app /app/run.sh'),
      errors: [{ line: 3, message: 'chown at line 3 changes /app (and 1 more), which COPY at line 2 filled' }],
      output: null,
    },
    {
      name: 'only the final stage is reported',
      code: df('FROM debian:12 AS build', 'COPY a.bin /a.bin', 'RUN chmod 755 /a.bin', 'FROM debian:12', 'COPY b.bin /b.bin', 'RUN chmod 755 /b.bin'),
      errors: [{ line: 6, message: 'changes /b.bin' }],
      output: df('# syntax=docker/dockerfile:1', 'FROM debian:12 AS build', 'COPY a.bin /a.bin', 'RUN chmod 755 /a.bin', 'FROM debian:12', 'COPY --chmod=755 b.bin /b.bin'),
    },
    {
      name: 'a stage built FROM another inherits what it copied',
      code: df('FROM debian:12 AS base', 'COPY run.bin /run.bin', 'FROM base', 'RUN setfacl -m u:app:rx /run.bin'),
      errors: [{ line: 4, message: 'setfacl at line 4 changes /run.bin, which COPY at line 2 created' }],
      output: null,
    },
  ],
});

describe('modify-in-later-layer with a build context', () => {
  const registry = new RuleRegistry([rule]);
  const run = (code: string, files: Record<string, string>) => {
    const buildContext = memoryBuildContext(files);
    const config = { extends: 'all' as const };
    const findings = lint(code, { registry, config, buildContext }).findings.filter((f) => f.ruleId === rule.meta.id);
    const output = fixText(code, { registry, config, buildContext, unsafe: true, only: new Set([rule.meta.id]) }).output;
    return { messages: findings.map((f) => f.message), output };
  };

  it('gives the bytes stored twice, and knows a source without extension is a file', () => {
    const { messages, output } = run(df('FROM busybox:latest', 'COPY blob /blob', 'RUN chmod 600 /blob'), { blob: 'x'.repeat(3 * 1024 * 1024) });
    expect(messages).toEqual([
      'chmod at line 3 changes /blob, which COPY at line 2 created in an earlier layer, so the image stores it twice (~3.1 MB more); set the mode with COPY --chmod=600 at line 2.',
    ]);
    expect(output).toBe(df('# syntax=docker/dockerfile:1', 'FROM busybox:latest', 'COPY --chmod=600 blob /blob'));
  });

  it('sums a copied directory without the files .dockerignore leaves out', () => {
    const files = { '.dockerignore': 'logs\n', 'src/a.py': 'a'.repeat(1000), 'src/lib/b.py': 'b'.repeat(200_000), 'logs/x.log': 'x'.repeat(500_000) };
    const { messages } = run(df('FROM python:3.12', 'COPY . /app', 'RUN chown -R 1000:1000 /app'), files);
    expect(messages[0]).toContain('(~201 kB more)');
    const inside = run(df('FROM python:3.12', 'COPY src /app', 'RUN chmod 600 /app/lib/b.py'), files);
    expect(inside.messages[0]).toContain('changes /app/lib/b.py, inside /app, which COPY at line 2 filled in an earlier layer, so the image stores those bytes twice (~200 kB more)');
  });

  // Issue 19 pattern 3 (hand check 2026-12-06, 01287.Dockerfile:586): the context's sizes decide, not the file's name.
  it('stays silent when the changed COPY\'d files weigh under 100 kB, and gives the size of a large one', () => {
    const code = df('FROM debian:12', 'COPY entrypoint.sh tool /usr/local/bin/', 'RUN chmod +x /usr/local/bin/entrypoint.sh /usr/local/bin/tool');
    expect(run(code, { 'entrypoint.sh': 'x'.repeat(3000), tool: 'x'.repeat(90_000) }).messages).toEqual([]);
    expect(run(code, { 'entrypoint.sh': 'x'.repeat(3000), tool: 'x'.repeat(5_000_000) }).messages).toEqual([
      'chmod at line 3 changes /usr/local/bin/entrypoint.sh (and 1 more), which COPY at line 2 created in an earlier layer, so the image stores those bytes twice (~5 MB more); set the mode with COPY --chmod=+x at line 2.',
    ]);
  });

  it('stays silent about a copied directory changed without -R', () => {
    expect(run(df('FROM debian:12', 'COPY conf /etc/app', 'RUN chmod 700 /etc/app'), { 'conf/a.ini': 'x' }).messages).toEqual([]);
  });
});

describe('modify-in-later-layer fix safety', () => {
  const safetyOf = (code: string) =>
    lintText(code, { extends: 'all' }).findings.filter((f) => f.ruleId === 'modify-in-later-layer').map((f) => f.fix?.safety ?? null);
  it('an octal mode and literal owner folded into the COPY is safe; a symbolic mode or a move into a RUN is unsafe', () => {
    expect(safetyOf('# syntax=docker/dockerfile:1\nFROM alpine:3.20\nCOPY app.bin /app.bin\nRUN chmod 755 /app.bin && chown 1000:1000 /app.bin\n')).toEqual(['safe', 'safe']);
    // Without a syntax directive the fix adds one, which makes the build pull a frontend image: unsafe (issue 19).
    expect(safetyOf('FROM alpine:3.20\nCOPY app.bin /app.bin\nRUN chmod 755 /app.bin && chown 1000:1000 /app.bin\n')).toEqual(['unsafe', 'unsafe']);
    expect(safetyOf('FROM alpine:3.20\nCOPY app.bin /app.bin\nRUN chown 1000:1000 /app.bin\n')).toEqual(['safe']);
    expect(safetyOf('FROM alpine:3.20\nCOPY app.bin /app.bin\nRUN chmod +x /app.bin\n')).toEqual(['unsafe']);
    expect(safetyOf('FROM alpine:3.20\nRUN wget -O /tool https://example.com/tool\nRUN chmod 755 /tool\n')).toEqual(['unsafe']);
  });
});
