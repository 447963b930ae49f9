import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FixCommandOptions, runFix } from '../../src/cli/fixCommand';
import { createDefaultRegistry, lintText } from '../../src/index';
import { aptListsEstimate, formatBytes, sumEstimates } from '../../src/sizes';

const registry = createDefaultRegistry();
const CURL = 'FROM debian:bookworm\nRUN apt-get update && apt-get install -y --no-install-recommends curl\nCMD ["curl", "--version"]\n';
const MAKE = CURL.replace(/curl/g, 'make');
const C_APP =
  'FROM debian:bookworm\nWORKDIR /src\nCOPY hello.c Makefile ./\nRUN apt-get update\nRUN apt-get install -y gcc make libc6-dev\n' +
  'RUN make\nCMD ["/src/hello"]\n';

function fix(files: Record<string, string>, options: Partial<FixCommandOptions>) {
  const dir = mkdtempSync(join(tmpdir(), 'dfopt-savings-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  let stdout = '';
  const code = runFix(
    { paths: Object.keys(files).filter((f) => /Dockerfile/.test(f)).map((f) => join(dir, f)), stdin: false, rule: [], dryRun: true, check: false, unsafe: true, only: [], color: false, ...options },
    registry,
    { stdout: (t) => (stdout += t), stderr: () => {}, readStdin: () => Buffer.alloc(0) },
  );
  return { code, stdout };
}

describe('dfopt fix sums the estimated savings', () => {
  it('per file and in total, in the human report and in JSON', () => {
    const lists = aptListsEstimate().bytes;
    const human = fix({ Dockerfile: CURL, 'other.Dockerfile': MAKE }, { only: ['clean-package-cache'], format: 'stylish' });
    expect(human.stdout).toMatch(new RegExp(`Dockerfile: would apply 1 fix \\(clean-package-cache ×1\\); RUN instructions 1 → 1; estimated saving ${formatBytes(lists)}\\n`));
    expect(human.stdout).toContain(`2 files, would change 2 (2 fixes); RUN instructions 2 → 2; estimated saving ${formatBytes(2 * lists)} in total\n`);
    const json = JSON.parse(fix({ Dockerfile: CURL }, { only: ['clean-package-cache'], format: 'json' }).stdout) as Array<Record<string, unknown>>;
    expect(json[0]).toMatchObject({ estimatedSavingBytes: lists, estimatedFrom: 1 });
    expect(json[0]).not.toHaveProperty('measuredSavingBytes');
  });

  it('says nothing of a saving when no applied fix has an estimate', () => {
    const r = fix({ Dockerfile: 'FROM alpine:3.20 as build\n' }, {});
    expect(r.stdout).toContain('RUN instructions 0 → 0\n');
    expect(r.stdout).not.toContain('estimated saving');
  });

  it('a multi-stage rewrite counts alone: its estimate already covers the other size fixes of the image', () => {
    const findings = lintText(C_APP).findings;
    const multi = findings.find((f) => f.ruleId === 'use-multi-stage')!;
    expect(multi.estimate!.wholeImage).toBe(true);
    // Apt lists left behind, Recommends, the toolchain: all inside the multi-stage estimate.
    expect(findings.filter((f) => f.estimate && f.ruleId !== 'use-multi-stage').length).toBeGreaterThan(0);
    expect(sumEstimates(findings.map((f) => f.estimate))).toEqual({ bytes: multi.estimate!.bytes, counted: 1 });
    const json = JSON.parse(fix({ Dockerfile: C_APP, 'hello.c': 'int main(){return 0;}\n', Makefile: 'hello: hello.c\n' }, { format: 'json' }).stdout) as Array<Record<string, unknown>>;
    expect(json[0]!.applied).toHaveProperty('use-multi-stage');
    expect(json[0]).toMatchObject({ estimatedSavingBytes: multi.estimate!.bytes, estimatedFrom: 1 });
  });

  it('counts a size finding another rule\'s fix resolved (chain-run merging the delete into the dd RUN)', () => {
    const dd = 'FROM busybox:1.36\nRUN mkdir /tmp/foo\nRUN dd if=/dev/zero of=/tmp/foo/bar bs=1M count=100\nRUN rm /tmp/foo/bar\nCMD ["find", "/tmp/foo"]\n';
    const json = JSON.parse(fix({ Dockerfile: dd }, { format: 'json' }).stdout) as Array<Record<string, unknown>>;
    expect(json[0]!.applied).toEqual({ 'chain-run': 2 });
    expect(json[0]).toMatchObject({ estimatedSavingBytes: 100 * 1024 ** 2, estimatedFrom: 1 });
  });
  it('counts the lists of one apt-get update once when clean-package-cache and remove-in-same-layer both name them', () => {
    const text = 'FROM debian:bookworm\nRUN apt-get update\nRUN apt-get install -y --no-install-recommends make\nRUN rm -rf /var/lib/apt/lists/*\nCMD ["make", "--version"]\n';
    const findings = lintText(text).findings;
    const cache = findings.find((f) => f.ruleId === 'clean-package-cache')!;
    const late = findings.find((f) => f.ruleId === 'remove-in-same-layer')!;
    expect(late.estimate).toEqual(cache.estimate);
    expect(cache.estimate).toEqual(aptListsEstimate(2));
    expect(sumEstimates([cache.estimate, late.estimate])).toEqual({ bytes: aptListsEstimate().bytes, counted: 1 });
    // Two updates are two sets of lists.
    expect(sumEstimates([aptListsEstimate(2), aptListsEstimate(5)]).bytes).toBe(2 * aptListsEstimate().bytes);
    const json = JSON.parse(fix({ Dockerfile: text }, { format: 'json' }).stdout) as Array<Record<string, unknown>>;
    expect(json[0]).toMatchObject({ estimatedSavingBytes: aptListsEstimate().bytes });
  });
});
