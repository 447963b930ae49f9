import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { version } from '../../package.json';
import { FORMAT_NAMES } from '../../src/report';
import { sarifValidator } from '../support/sarifSchema';

const BIN = resolve(__dirname, '..', '..', 'bin', 'dfopt.js');
const dfopt = (args: string[], cwd: string, input?: string) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, input, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};
const project = (files: Record<string, string>): string => {
  const dir = mkdtempSync(join(tmpdir(), 'dfopt-formats-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
};

// A safe fix (prefer-copy), an unsafe one (apt-get-assume-yes) ; the second file is CRLF.
const API = 'FROM ubuntu:22.04\nRUN apt-get install curl\nADD app.sh /app.sh\nCMD ["/app.sh"]\n';
const WEB = 'FROM alpine:3.20 as build\r\nEXPOSE 80/TCP\r\nCMD ["sh"]\r\n';

describe('dfopt lint --format', () => {
  it('-f sarif -o FILE writes SARIF that validates against the official schema, paths relative to the working directory', () => {
    const dir = project({ 'api.Dockerfile': API, 'web.Dockerfile': WEB });
    const r = dfopt(['lint', '-f', 'sarif', '-o', 'report.sarif', 'api.Dockerfile', join(dir, 'web.Dockerfile')], dir);
    expect([r.code, r.stdout, r.stderr]).toEqual([1, '', '']);
    const log = JSON.parse(readFileSync(join(dir, 'report.sarif'), 'utf8'));
    const validate = sarifValidator();
    expect(validate(log) ? [] : validate.errors).toEqual([]);
    expect(log.runs[0].tool.driver.version).toBe(version);
    const uris = new Set(log.runs[0].results.map((x: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => x.locations[0]!.physicalLocation.artifactLocation.uri));
    expect(uris).toEqual(new Set(['api.Dockerfile', 'web.Dockerfile']));
    expect(log.runs[0].results.some((x: { fixes?: unknown }) => x.fixes)).toBe(true);
  });

  it.each(FORMAT_NAMES)('-f %s -o FILE writes exactly what it prints', (format) => {
    const dir = project({ 'api.Dockerfile': API, 'web.Dockerfile': WEB });
    const printed = dfopt(['lint', '--no-color', '-f', format, 'api.Dockerfile', 'web.Dockerfile'], dir);
    const written = dfopt(['lint', '--no-color', '-f', format, '-o', 'out.txt', 'api.Dockerfile', 'web.Dockerfile'], dir);
    expect(printed.code).toBe(1);
    expect(printed.stdout).toMatch(/prefer-copy/);
    expect([written.code, written.stdout]).toEqual([1, '']);
    expect(readFileSync(join(dir, 'out.txt'), 'utf8')).toBe(printed.stdout);
  });

  it('an unwritable --output-file is exit 2 with one line naming it', () => {
    const dir = project({ Dockerfile: API });
    const target = join(dir, 'missing', 'report.sarif');
    const r = dfopt(['lint', '-f', 'sarif', '-o', target, 'Dockerfile'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`dfopt: ${target}: cannot write the report (no such file or directory)\n`);
  });

  it('-f github prints workflow commands that CI annotates', () => {
    const dir = project({ Dockerfile: API });
    const r = dfopt(['lint', '-f', 'github', 'Dockerfile'], dir);
    expect(r.stdout).toMatch(/^::error file=Dockerfile,line=3,col=1,endLine=3,endColumn=4,title=prefer-copy \(DL3020\)::ADD at line 3 /m);
  });
});

describe('dfopt fix --format json', () => {
  it('reports per file what was applied, whether it was written, and the findings left', () => {
    const dir = project({ 'api.Dockerfile': API, 'web.Dockerfile': WEB });
    const r = dfopt(['fix', '--format', 'json', 'api.Dockerfile', 'web.Dockerfile'], dir);
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout);
    expect(report).toEqual([
      {
        file: 'api.Dockerfile',
        changed: true,
        written: true,
        fixes: 1,
        applied: { 'prefer-copy': 1 },
        descriptions: [],
        contextFiles: [],
        declined: [{ rule: 'apt-no-install-recommends', line: 2, column: 5, reason: 'its fix may change the image: run with --unsafe to apply it' }],
        findings: expect.arrayContaining([
          expect.objectContaining({ rule: 'apt-get-assume-yes', code: 'DL3014', fix: 'unsafe', edits: [expect.objectContaining({ line: 2, text: ' -y' })] }),
        ]),
      },
      { file: 'web.Dockerfile', changed: true, written: true, fixes: 2, applied: { 'from-as-casing': 1, 'expose-proto-casing': 1 }, descriptions: [], contextFiles: [], declined: [], findings: [] },
    ]);
    expect(report[0].findings.map((f: { rule: string }) => f.rule)).not.toContain('prefer-copy');
    expect(readFileSync(join(dir, 'api.Dockerfile'), 'utf8')).toContain('COPY app.sh /app.sh');
    expect(readFileSync(join(dir, 'web.Dockerfile'), 'utf8')).toBe('FROM alpine:3.20 AS build\r\nEXPOSE 80/tcp\r\nCMD ["sh"]\r\n');
  });

  it('with --dry-run writes nothing and prints only the JSON', () => {
    const dir = project({ Dockerfile: API });
    const r = dfopt(['fix', '--dry-run', '-f', 'json', 'Dockerfile'], dir);
    expect(JSON.parse(r.stdout)[0]).toMatchObject({ file: 'Dockerfile', changed: true, written: false, applied: { 'prefer-copy': 1 } });
    expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toBe(API);
  });

  it('with --stdin prints the fixed text on stdout and the JSON on stderr', () => {
    const dir = project({});
    const r = dfopt(['fix', '--stdin', '--format', 'json'], dir, API);
    expect(r.stdout).toBe(API.replace('ADD', 'COPY'));
    expect(JSON.parse(r.stderr)[0]).toMatchObject({ file: '<stdin>', changed: true, written: false });
  });

  it('-o FILE writes the report, stylish or json, instead of printing it', () => {
    const dir = project({ Dockerfile: API });
    const stylish = dfopt(['fix', '--no-color', '--dry-run', '-o', 'fix.txt', 'Dockerfile'], dir);
    // The diff of --dry-run is still printed; the report (what would be applied, the findings left) goes to the file.
    expect(stylish.stdout).toMatch(/^--- /);
    expect(stylish.stdout).not.toContain('would apply');
    expect(readFileSync(join(dir, 'fix.txt'), 'utf8')).toMatch(/^Dockerfile: would apply 1 fix \(prefer-copy ×1\)/);
    const json = dfopt(['fix', '-f', 'json', '-o', 'fix.json', 'Dockerfile'], dir);
    expect([json.stdout, json.stderr]).toEqual(['', '']);
    expect(JSON.parse(readFileSync(join(dir, 'fix.json'), 'utf8'))[0]).toMatchObject({ written: true, applied: { 'prefer-copy': 1 } });
  });
});
