import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { createDefaultRegistry, type Finding, lintText } from '../../src/index';
import { SourceText } from '../../src/parse/source';
import { sarifValidator } from '../support/sarifSchema';
import { FORMAT_NAMES, type FileResult, keptFinding, REPORTERS, type ReportOptions, reportStream, sourceLinesFor, writeReport } from '../../src/report';

const ROOT = join(__dirname, '..', '..');
const FIXTURES = ['api.Dockerfile', 'web.Dockerfile', 'clean.Dockerfile'];
const fixtureText = (name: string): string => readFileSync(join(ROOT, 'fixtures', 'report', name), 'utf8');
const crlf = (text: string): string => text.replace(/\n/g, '\r\n');

/** Real lint results over the fixtures, by absolute path (as `dfopt lint $PWD/…` gives them). */
const lintFixtures = (transform: (text: string) => string = (t) => t): FileResult[] =>
  FIXTURES.map((name) => {
    const source = transform(fixtureText(name));
    return { file: join(ROOT, 'fixtures', 'report', name), findings: lintText(source).findings, source };
  });

const options: ReportOptions = {
  color: false,
  rules: createDefaultRegistry().rules.map((r) => r.meta),
  toolVersion: '9.8.7',
  cwd: ROOT,
};
const results = lintFixtures();
const allFindings = results.flatMap((r) => r.findings);
const withSafeFix = allFindings.find((f) => f.fix?.safety === 'safe' && f.fix.edits.length > 0)!;
const withUnsafeFix = allFindings.find((f) => f.fix?.safety === 'unsafe')!;
const withoutFix = allFindings.find((f) => f.fix === null)!;

/** A finding whose message and path hold what line-based formats must escape or flatten. */
const awkward: Finding = { ...withoutFix, message: 'Cache 100% cold, really:\r\nsee <docs> & "notes"\u0001 here' };
const awkwardResults: FileResult[] = [{ file: 'dir,with:odd%/Dockerfile', findings: [awkward], source: fixtureText('api.Dockerfile') }];

const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', htmlEntities: true, isArray: (name) => ['file', 'error', 'testsuite', 'testcase'].includes(name) });
// eslint-disable-next-line no-control-regex -- the characters XML 1.0 cannot carry
const NOT_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;

describe('fixtures', () => {
  it('have several findings across files, with a safe fix, an unsafe fix and none, and a clean file', () => {
    expect(results.filter((r) => r.findings.length > 0).length).toBeGreaterThanOrEqual(2);
    expect(results.some((r) => r.findings.length === 0)).toBe(true);
    expect([withSafeFix, withUnsafeFix, withoutFix].every(Boolean)).toBe(true);
  });
});

describe.each(FORMAT_NAMES)('%s', (format) => {
  it('gives CRLF input the same lines and columns as LF', () => {
    const lf = REPORTERS[format](results, options);
    const fromCrlf = REPORTERS[format](lintFixtures(crlf), options);
    // Only JSON carries offsets, which CRLF shifts by one per line; everything else must be byte-identical.
    const dropOffsets = (text: string): string => text.replace(/"start":\d+,"end":\d+,/g, '');
    expect(dropOffsets(fromCrlf)).toBe(dropOffsets(lf));
  });

  it('is deterministic', () => {
    expect(REPORTERS[format](lintFixtures(), options)).toBe(REPORTERS[format](results, options));
  });
});

// `dfopt lint` over a tree keeps per file only its findings and the few lines reporters read (sourceLinesFor), and
// writes the long formats in pieces (writeReport), file by file where it can (reportStream): the reports must not
// change by a byte.
describe('what a long run keeps', () => {
  const kept = (rs: readonly FileResult[]): FileResult[] =>
    rs.map((r) => ({ file: r.file, findings: r.findings.map(keptFinding), sourceLines: sourceLinesFor(new SourceText(r.source!), r.findings) }));

  it.each(FORMAT_NAMES)('%s: the same report from the kept lines as from the whole text, whole or in pieces', (format) => {
    for (const rs of [results, lintFixtures(crlf), awkwardResults, []]) {
      const whole = REPORTERS[format](rs, options);
      expect(REPORTERS[format](kept(rs), options)).toBe(whole);
      const pieces: string[] = [];
      writeReport(format, kept(rs), options, (chunk) => pieces.push(chunk));
      expect(pieces.join('')).toBe(whole);
      // File by file, as `dfopt lint` makes its reports while it lints.
      const streamed: string[] = [];
      const stream = reportStream(format, options, (chunk) => streamed.push(chunk));
      for (const result of kept(rs)) stream.file(result);
      stream.end();
      expect(streamed.join('')).toBe(whole);
    }
  });

  it('the JSON formats are what JSON.stringify writes', () => {
    for (const rs of [results, []]) {
      const json = REPORTERS.json(rs, options);
      expect(json).toBe(`${JSON.stringify(JSON.parse(json))}\n`);
      for (const format of ['sarif', 'codeclimate'] as const) {
        const out = REPORTERS[format](rs, options);
        expect(out).toBe(`${JSON.stringify(JSON.parse(out), null, 2)}\n`);
      }
    }
  });

  it('keeps the flagged lines and the positions of fix edits, not the text', () => {
    const text = `FROM ubuntu\n${'# a comment no finding is about\n'.repeat(500)}MAINTAINER someone\n`;
    const findings = lintText(text).findings;
    const lines = sourceLinesFor(new SourceText(text), findings);
    const flagged = new Set(findings.map((f) => f.range.start.line));
    expect(flagged.size).toBeLessThan(10);
    for (const line of flagged) expect(lines.lineText(line)).toBe(new SourceText(text).lineText(line));
    expect(() => lines.lineText(250)).toThrow(/not kept/);
    const edit = findings.find((f) => f.fix)!.fix!.edits[0]!;
    expect(lines.range(edit.start, edit.end)).toEqual(new SourceText(text).range(edit.start, edit.end));
  });

  it('finds the kept lines and positions of a file with many findings (looked up through an index past 32)', () => {
    const text = `FROM debian:12\n${Array.from({ length: 60 }, (_, i) => `RUN apt-get install -y pkg${i}\n`).join('')}`;
    const findings = lintText(text).findings;
    const source = new SourceText(text);
    const lines = sourceLinesFor(source, findings);
    expect(new Set(findings.map((f) => f.range.start.line)).size).toBeGreaterThan(32);
    for (const f of findings) {
      expect(lines.lineText(f.range.start.line)).toBe(source.lineText(f.range.start.line));
      for (const edit of f.fix?.edits ?? []) expect(lines.range(edit.start, edit.end)).toEqual(source.range(edit.start, edit.end));
    }
    expect(findings.filter((f) => f.fix).length).toBeGreaterThan(32);
    expect(() => lines.lineText(text.split('\n').length + 5)).toThrow(/not kept/);
    expect(() => lines.range(1, 2)).toThrow(/not kept/);
  });

  it('keeps every field of a finding', () => {
    for (const finding of allFindings) expect(keptFinding(finding)).toEqual(finding);
  });
});

describe('json', () => {
  const parsed = JSON.parse(REPORTERS.json(results, options));

  it('keeps the documented fields and adds code, docsUrl and the edits', () => {
    expect(parsed.map((r: { file: string }) => r.file)).toEqual(results.map((r) => r.file));
    const entries = parsed.flatMap((r: { findings: unknown[] }) => r.findings);
    expect(entries).toHaveLength(allFindings.length);
    const byFinding = (f: Finding) => entries[allFindings.indexOf(f)];
    expect(byFinding(withoutFix)).toEqual({
      rule: withoutFix.ruleId,
      aliases: withoutFix.aliases,
      code: withoutFix.code,
      codes: withoutFix.codes,
      severity: withoutFix.severity,
      line: withoutFix.range.start.line + 1,
      column: withoutFix.range.start.column + 1,
      endLine: withoutFix.range.end.line + 1,
      endColumn: withoutFix.range.end.column + 1,
      message: withoutFix.message,
      fix: null,
      edits: null,
      docsUrl: withoutFix.docsUrl,
      ...(withoutFix.fixDeclined ? { fixDeclined: withoutFix.fixDeclined } : {}),
    });
    expect(byFinding(withSafeFix).fix).toBe('safe');
    expect(byFinding(withUnsafeFix).fix).toBe('unsafe');
    expect(byFinding(withSafeFix).code).toMatch(/^(DL\d{4}|[A-Z]\w+)$/);
  });

  it("gives each edit 1-based positions that point at the same text as its offsets", () => {
    for (const [i, result] of results.entries()) {
      const source = new SourceText(result.source!);
      for (const entry of parsed[i].findings) {
        for (const edit of entry.edits ?? []) {
          expect(source.offsetAt(edit.line - 1, edit.column - 1)).toBe(edit.start);
          expect(source.offsetAt(edit.endLine - 1, edit.endColumn - 1)).toBe(edit.end);
          expect(typeof edit.text).toBe('string');
        }
      }
    }
    expect(parsed.flatMap((r: { findings: { edits: unknown[] | null }[] }) => r.findings).filter((f: { edits: unknown[] | null }) => f.edits?.length).length).toBeGreaterThan(1);
  });
});

describe('sarif', () => {
  const validate = sarifValidator();
  const log = JSON.parse(REPORTERS.sarif(results, options));
  const run = log.runs[0];

  it('validates against the official SARIF 2.1.0 schema', () => {
    expect(validate(log) ? [] : validate.errors).toEqual([]);
    expect(validate(JSON.parse(REPORTERS.sarif(awkwardResults, options))) ? [] : validate.errors).toEqual([]);
    expect(validate(JSON.parse(REPORTERS.sarif(results, { color: false }))) ? [] : validate.errors).toEqual([]);
  });

  it('the validation can fail', () => {
    expect(validate({ ...log, runs: [{ ...run, results: [{ ...run.results[0], level: 'fatal' }] }] })).toBe(false);
  });

  it('describes each rule that has results: aliases, descriptions, help URI, default level', () => {
    const ids = [...new Set(allFindings.map((f) => f.ruleId))];
    expect(run.tool.driver.rules.map((r: { id: string }) => r.id)).toEqual(ids);
    expect(run.tool.driver.version).toBe('9.8.7');
    for (const rule of run.tool.driver.rules) {
      const meta = createDefaultRegistry().meta(rule.id)!;
      expect(rule.properties.aliases).toEqual(meta.aliases);
      expect(rule.shortDescription.text).toBe(meta.docs.summary);
      expect(rule.fullDescription.text).toBe(meta.docs.rationale);
      expect(rule.helpUri).toBe(allFindings.find((f) => f.ruleId === rule.id)!.docsUrl);
      expect(['error', 'warning', 'note']).toContain(rule.defaultConfiguration.level);
    }
  });

  it('locates results relative to %SRCROOT% with 1-based regions, and gives fixes for fixable findings', () => {
    expect(run.results).toHaveLength(allFindings.length);
    for (const [i, finding] of allFindings.entries()) {
      const result = run.results[i];
      expect(run.tool.driver.rules[result.ruleIndex].id).toBe(finding.ruleId);
      const location = result.locations[0].physicalLocation;
      expect(location.artifactLocation).toEqual({ uri: expect.stringMatching(/^fixtures\/report\/\w+\.Dockerfile$/), uriBaseId: '%SRCROOT%' });
      expect(location.region).toEqual({
        startLine: finding.range.start.line + 1,
        startColumn: finding.range.start.column + 1,
        endLine: finding.range.end.line + 1,
        endColumn: finding.range.end.column + 1,
      });
      expect(result.fixes !== undefined).toBe(finding.fix !== null && finding.fix.edits.length > 0);
    }
    const safe = run.results[allFindings.indexOf(withSafeFix)];
    const source = new SourceText(results.find((r) => r.findings.includes(withSafeFix))!.source!);
    const replacements = safe.fixes[0].artifactChanges[0].replacements;
    expect(
      replacements.map((r: { deletedRegion: Record<string, number>; insertedContent: { text: string } }) => ({
        start: source.offsetAt(r.deletedRegion.startLine! - 1, r.deletedRegion.startColumn! - 1),
        end: source.offsetAt(r.deletedRegion.endLine! - 1, r.deletedRegion.endColumn! - 1),
        text: r.insertedContent.text,
      })),
    ).toEqual([...withSafeFix.fix!.edits].sort((a, b) => a.start - b.start));
  });

  it('has partialFingerprints that are unique and survive edits elsewhere in the file', () => {
    const prints = (log: { runs: { results: { partialFingerprints: Record<string, string> }[] }[] }) =>
      log.runs[0]!.results.map((r) => Object.values(r.partialFingerprints)[0]);
    const before = prints(log);
    expect(new Set(before).size).toBe(before.length);
    // Two lines on top move every finding (and change messages that name line numbers) but not what was flagged.
    const shifted = lintFixtures((text) => (text.startsWith('FROM') ? `# syntax=docker/dockerfile:1\n# build the api\n${text}` : text));
    expect(shifted.flatMap((r) => r.findings).map((f) => f.range.start.line)).not.toEqual(allFindings.map((f) => f.range.start.line));
    expect(prints(JSON.parse(REPORTERS.sarif(shifted, options)))).toEqual(before);
  });
});

describe('checkstyle', () => {
  const output = REPORTERS.checkstyle(results, options);

  it('is well-formed XML with one file element per file and one error per finding', () => {
    expect(XMLValidator.validate(output)).toBe(true);
    const doc = xml.parse(output).checkstyle;
    expect(doc.version).toBe('4.3');
    expect(doc.file.map((f: { name: string }) => f.name)).toEqual(results.map((r) => r.file));
    for (const [i, file] of doc.file.entries()) {
      expect(file.error ?? []).toHaveLength(results[i]!.findings.length);
      for (const [j, error] of (file.error ?? []).entries()) {
        const finding = results[i]!.findings[j]!;
        expect(error).toEqual({
          line: String(finding.range.start.line + 1),
          column: String(finding.range.start.column + 1),
          severity: expect.stringMatching(/^(error|warning|info)$/),
          message: finding.message,
          source: `dfopt.${finding.ruleId}`,
        });
      }
    }
  });

  it('escapes markup and drops characters XML 1.0 cannot hold', () => {
    const awkwardOutput = REPORTERS.checkstyle(awkwardResults, options);
    expect(XMLValidator.validate(awkwardOutput)).toBe(true);
    expect(awkwardOutput).not.toMatch(NOT_XML_CHAR);
    expect(xml.parse(awkwardOutput).checkstyle.file[0].error[0].message).toBe(awkward.message.replace('\u0001', '\uFFFD'));
  });
});

describe('junit', () => {
  const output = REPORTERS.junit(results, options);

  it('is well-formed XML: a testsuite per file, a failing testcase per finding, a passing one for a clean file', () => {
    expect(XMLValidator.validate(output)).toBe(true);
    const doc = xml.parse(output).testsuites;
    expect(Number(doc.failures)).toBe(allFindings.length);
    expect(doc.testsuite.map((s: { name: string }) => s.name)).toEqual(results.map((r) => r.file));
    for (const [i, suite] of doc.testsuite.entries()) {
      const findings = results[i]!.findings;
      if (findings.length === 0) {
        expect(suite.testcase).toHaveLength(1);
        expect(suite.testcase[0].failure).toBeUndefined();
      } else {
        expect(suite.testcase.map((t: { name: string }) => t.name)).toEqual(findings.map((f) => f.ruleId));
        expect(suite.testcase.map((t: { failure: { message: string } }) => t.failure.message)).toEqual(findings.map((f) => f.message));
      }
    }
  });

  it('escapes markup and drops characters XML 1.0 cannot hold', () => {
    const awkwardOutput = REPORTERS.junit(awkwardResults, options);
    expect(XMLValidator.validate(awkwardOutput)).toBe(true);
    expect(awkwardOutput).not.toMatch(NOT_XML_CHAR);
    expect(xml.parse(awkwardOutput).testsuites.testsuite[0].testcase[0].failure.message).toBe(awkward.message.replace('\u0001', '\uFFFD'));
  });
});

describe('codeclimate', () => {
  const issues = JSON.parse(REPORTERS.codeclimate(results, options));

  it('gives GitLab the fields it reads, with paths relative to the repository root', () => {
    expect(issues).toHaveLength(allFindings.length);
    for (const [i, finding] of allFindings.entries()) {
      expect(issues[i]).toMatchObject({
        type: 'issue',
        check_name: finding.ruleId,
        description: finding.message,
        severity: expect.stringMatching(/^(info|minor|major|critical|blocker)$/),
        fingerprint: expect.stringMatching(/^[0-9a-f]{16}$/),
        location: {
          path: expect.stringMatching(/^fixtures\/report\/\w+\.Dockerfile$/),
          positions: { begin: { line: finding.range.start.line + 1, column: finding.range.start.column + 1 } },
        },
      });
    }
  });

  it('has unique fingerprints, stable across runs and unrelated edits', () => {
    const prints = issues.map((issue: { fingerprint: string }) => issue.fingerprint);
    expect(new Set(prints).size).toBe(prints.length);
    const shifted = lintFixtures((text) => `# a comment\n${text}`);
    expect(JSON.parse(REPORTERS.codeclimate(shifted, options)).map((issue: { fingerprint: string }) => issue.fingerprint)).toEqual(prints);
  });

  it('tells apart the same rule flagging identical lines', () => {
    const source = 'FROM alpine:3.20\nADD app.sh /app.sh\nADD app.sh /app.sh\nCMD ["/app.sh"]\n';
    const findings = lintText(source).findings.filter((f) => f.ruleId === 'prefer-copy');
    expect(findings).toHaveLength(2);
    const prints = JSON.parse(REPORTERS.codeclimate([{ file: 'Dockerfile', findings, source }], options)).map((issue: { fingerprint: string }) => issue.fingerprint);
    expect(new Set(prints).size).toBe(2);
  });
});

/** What the Actions runner does to a workflow command's message and properties. */
const unescapeData = (text: string): string => text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
const unescapeProperty = (text: string): string => unescapeData(text.replace(/%3A/g, ':').replace(/%2C/g, ','));
const COMMAND = /^::(error|warning|notice) ([^:]*)::(.*)$/;
const properties = (list: string): Record<string, string> =>
  Object.fromEntries(list.split(',').map((p) => [p.slice(0, p.indexOf('=')), unescapeProperty(p.slice(p.indexOf('=') + 1))]));

describe('github', () => {
  it('prints one workflow command per finding with 1-based positions and a repo-relative file', () => {
    const lines = REPORTERS.github(results, options).trimEnd().split('\n');
    expect(lines).toHaveLength(allFindings.length);
    for (const [i, finding] of allFindings.entries()) {
      const [, command, props, message] = lines[i]!.match(COMMAND)!;
      expect(command).toBe({ error: 'error', warning: 'warning', info: 'notice', style: 'notice' }[finding.severity]);
      expect(unescapeData(message!)).toBe(finding.message);
      expect(properties(props!)).toMatchObject({
        file: expect.stringMatching(/^fixtures\/report\/\w+\.Dockerfile$/),
        line: String(finding.range.start.line + 1),
        endLine: String(finding.range.end.line + 1),
        title: expect.stringContaining(finding.ruleId),
      });
    }
  });

  it('survives messages and paths with %, commas, colons and line breaks', () => {
    const lines = REPORTERS.github(awkwardResults, options).split('\n');
    expect(lines).toEqual([expect.any(String), '']);
    const [, , props, message] = lines[0]!.match(COMMAND)!;
    expect(message).not.toMatch(/[\r\n]/);
    expect(unescapeData(message!)).toBe(awkward.message);
    expect(properties(props!).file).toBe('dir,with:odd%/Dockerfile');
  });

  it('leaves out columns on a range over several lines', () => {
    const multiLine: Finding = { ...withoutFix, range: { start: withoutFix.range.start, end: { line: withoutFix.range.start.line + 1, column: 2, offset: 0 } } };
    const line = REPORTERS.github([{ file: 'Dockerfile', findings: [multiLine] }], options);
    expect(properties(line.trimEnd().match(COMMAND)![2]!)).not.toHaveProperty('col');
  });
});

describe('gnu', () => {
  const GNU = /^(.+):(\d+)\.(\d+)-(?:(\d+)\.)?(\d+): (error|warning|note): (.*) \[([\w-]+)\]$/;

  it('prints file:line.col-endCol: severity: message [rule], one line per finding', () => {
    const lines = REPORTERS.gnu(results, options).trimEnd().split('\n');
    expect(lines).toHaveLength(allFindings.length);
    const files = results.flatMap((r) => r.findings.map(() => r.file));
    for (const [i, finding] of allFindings.entries()) {
      const [, file, line, column, endLine, endColumn, , message, rule] = lines[i]!.match(GNU)!;
      expect([file, Number(line), Number(column), Number(endColumn), message, rule]).toEqual([
        files[i],
        finding.range.start.line + 1,
        finding.range.start.column + 1,
        finding.range.end.column + 1,
        finding.message,
        finding.ruleId,
      ]);
      expect(endLine === undefined).toBe(finding.range.start.line === finding.range.end.line);
    }
  });

  it('names the end line when the range spans lines, and keeps a multi-line message on one line', () => {
    const multiLine: Finding = { ...awkward, range: { start: awkward.range.start, end: { line: awkward.range.start.line + 2, column: 4, offset: 0 } } };
    const out = REPORTERS.gnu([{ file: 'Dockerfile', findings: [multiLine] }], options);
    expect(out.trimEnd().split('\n')).toHaveLength(1);
    expect(out).toContain(`Dockerfile:${awkward.range.start.line + 1}.${awkward.range.start.column + 1}-${awkward.range.start.line + 3}.5: `);
  });
});

describe('compact', () => {
  it('prints file:line:col: severity rule message, one line per finding', () => {
    const lines = REPORTERS.compact(results, options).trimEnd().split('\n');
    const expected = results.flatMap((r) =>
      r.findings.map((f) => `${r.file}:${f.range.start.line + 1}:${f.range.start.column + 1}: ${f.severity} ${f.ruleId} ${f.message}`),
    );
    expect(lines).toEqual(expected);
    expect(REPORTERS.compact(awkwardResults, options).trimEnd().split('\n')).toHaveLength(1);
  });
});

// A Dockerfile's text quoted in a message, and its path, are not dfopt's: printed to a terminal as they were,
// `FROBNICATE\x1b]0;pwned\x07` set the terminal's title. The human and line formats write control characters as
// escapes; the machine formats keep the text exactly.
describe('control characters from the Dockerfile and its path', () => {
  const hostile: Finding = { ...withoutFix, message: "Unknown instruction 'FROBNICATE\u001b]0;pwned\u0007', tab\tkept, \u009b and \u2028." };
  const hostileResults: FileResult[] = [{ file: 'dir\u001b[2J/Dockerfile', findings: [hostile], source: fixtureText('api.Dockerfile') }];
  const shown = "Unknown instruction 'FROBNICATE\\x1b]0;pwned\\x07', tab\tkept, \\x9b and \\u2028.";

  it.each(['stylish', 'compact', 'gnu'] as const)('%s writes them as escapes', (format) => {
    const out = REPORTERS[format](hostileResults, options);
    expect(out).toContain(shown);
    expect(out).toContain('dir\\x1b[2J/Dockerfile');
    // eslint-disable-next-line no-control-regex -- the characters that must not reach a terminal
    expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028]/);
  });

  it('json keeps them exactly', () => {
    const [file] = JSON.parse(REPORTERS.json(hostileResults, options)) as [{ file: string; findings: [{ message: string }] }];
    expect([file.file, file.findings[0].message]).toEqual([hostileResults[0]!.file, hostile.message]);
  });
});

describe('README', () => {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

  it('lists every format in the options table and the Output formats table', () => {
    const optionRow = readme.split('\n').find((line) => line.startsWith('| `-f, --format'))!;
    for (const format of FORMAT_NAMES) {
      expect(optionRow).toContain(`\`${format}\``);
      expect(readme).toMatch(new RegExp(`^\\| \`${format}\` \\|`, 'm'));
    }
  });

  it("shows the json shape that dfopt prints for its example", () => {
    const example = readme.match(/`--format json` prints an array[\s\S]*?```json\n([\s\S]*?)```/)![1]!;
    const documented = JSON.parse(example);
    const source = 'FROM alpine:3.20\nADD app.sh /app.sh\nCMD ["/app.sh"]\n';
    const actual = JSON.parse(REPORTERS.json([{ file: 'Dockerfile', findings: lintText(source).findings, source }], options));
    expect(actual).toEqual([{ ...documented[0], findings: [{ ...documented[0].findings[0], message: actual[0].findings[0].message }] }]);
  });
});
