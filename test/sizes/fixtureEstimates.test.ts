import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { directoryBuildContext } from '../../src/cli/buildContext';
import { lintText } from '../../src/index';
import type { Finding } from '../../src/engine';
import { IMAGE_SIZES } from '../../src/optimize/baseVariants';
import { aptListsEstimate, DEBIAN_DATA, debianClosure, debianRecommendsEstimate, debianRemovalEstimate, formatBytes, installedBytes } from '../../src/sizes';
import { finalBaseSize } from '../../src/sizes/bases';
import { runDfopt, tempProject } from '../support/cli';

// Issue 22: the estimate of each size rule on the project's files, each Dockerfile linted with its own directory as
// the build context, as the CLI does: the rule fixtures (fixtures/<rule>/bad.Dockerfile) and the lab cases whose
// builds docs/size-estimates.md measures (lab/cases, and ../shared/lab/cases when present). Every expected figure is
// worked out here from its basis (the size of a file on disk, the Debian data, a cited image size), not copied from
// dfopt's output.
const ROOT = resolve(__dirname, '..', '..');
const SHARED = resolve(ROOT, '..', 'shared', 'lab', 'cases');
const sharedIt = existsSync(SHARED) ? it : it.skip;

function lintDir(dir: string): readonly Finding[] {
  return lintText(readFileSync(join(dir, 'Dockerfile'), 'utf8'), {}, directoryBuildContext(dir)).findings;
}
function lintFixture(rule: string): readonly Finding[] {
  const dir = join(ROOT, 'fixtures', rule);
  return lintText(readFileSync(join(dir, 'bad.Dockerfile'), 'utf8'), {}, directoryBuildContext(dir)).findings;
}
/** [line, estimated bytes (null: no estimate)] of one rule's findings, in order. */
function byLine(findings: readonly Finding[], rule: string): Array<[number, number | null]> {
  return findings.filter((f) => f.ruleId === rule).map((f) => [f.range.start.line + 1, f.estimate?.bytes ?? null]);
}
const labCase = (name: string) => join(ROOT, 'lab', 'cases', name, 'before');
const sharedCase = (name: string) => join(SHARED, name, 'before');
const lists = DEBIAN_DATA.aptListsBytes;
const debian = Math.round(IMAGE_SIZES.debian.mb * 1e6);

describe('size estimates on the rule fixtures', () => {
  it('clean-package-cache: the measured apt lists; no figure for apk, pip and npm caches (what they download is unknown)', () => {
    const findings = lintFixture('clean-package-cache');
    expect(byLine(findings, 'clean-package-cache')).toEqual([[2, lists], [7, null], [8, null], [9, null]]);
    expect(findings.find((f) => f.ruleId === 'clean-package-cache')!.estimate).toEqual(aptListsEstimate(2));
  });

  it('remove-in-same-layer: a downloaded archive has no figure; the purged package and the lists do', () => {
    // Line 8 purges build-essential without --auto-remove (only the metapackage goes) and deletes the lists.
    expect(byLine(lintFixture('remove-in-same-layer'), 'remove-in-same-layer')).toEqual([
      [7, null],
      [8, DEBIAN_DATA.packages['build-essential']![0] * 1024],
      [8, lists],
    ]);
  });

  it('archive-left-in-layer and modify-in-later-layer: no figure when the files are downloads or not in the context', () => {
    expect(byLine(lintFixture('archive-left-in-layer'), 'archive-left-in-layer')).toEqual([[11, null], [13, null], [16, null]]);
    // The chown of config.yaml on line 12 is not reported (a COPY'd config file weighs a few kB), the chmod of app.jar is.
    expect(byLine(lintFixture('modify-in-later-layer'), 'modify-in-later-layer')).toEqual([[12, null], [14, null]]);
  });

  it('apt-no-install-recommends: a package that recommends nothing is estimated at 0 and says so instead of "~0 B"', () => {
    const f = lintFixture('apt-no-install-recommends').find((x) => x.ruleId === 'apt-no-install-recommends')!;
    expect(f.estimate).toEqual(debianRecommendsEstimate(['ca-certificates=20230311']));
    expect(f.estimate!.bytes).toBe(0);
    expect(f.message).toBe(
      'apt-get install at line 2 would also install recommended packages (none for these packages in the Debian 12 (bookworm) data); add `--no-install-recommends`.',
    );
    // With `minSavings` any threshold silences it.
    const text = readFileSync(join(ROOT, 'fixtures', 'apt-no-install-recommends', 'bad.Dockerfile'), 'utf8');
    expect(lintText(text, { minSavings: 1 }).findings.map((x) => x.ruleId)).not.toContain('apt-no-install-recommends');
  });

  it('useradd-no-log-init: 0 bytes on Debian 12, whose useradd no longer grows lastlog/faillog (measured); no figure elsewhere', () => {
    const f = lintFixture('useradd-no-log-init').find((x) => x.ruleId === 'useradd-no-log-init')!;
    expect(f.estimate!.bytes).toBe(0);
    expect(f.estimate!.basis).toMatch(/^measured on Debian 12/);
    expect(f.message).toContain("Debian 12's useradd no longer writes lastlog/faillog records for it (nothing added, measured)");
    const older = lintText('FROM ubuntu:20.04\nRUN useradd -u 1000000 app\n').findings.find((x) => x.ruleId === 'useradd-no-log-init')!;
    expect(older.estimate).toBeUndefined();
    expect(older.message).toBe('useradd at line 2 creates UID 1000000 without `-l`, which writes huge lastlog/faillog files into the layer; add `--no-log-init` (`-l`).');
    // A stage FROM a Debian 12 stage is Debian 12 too; an ONBUILD trigger runs in a child build this file does not show.
    const derived = lintText('FROM debian:bookworm-slim AS base\nFROM base\nRUN useradd -u 1000000 app\nONBUILD RUN useradd -u 2000000 b\n').findings;
    expect(derived.filter((x) => x.ruleId === 'useradd-no-log-init').map((x) => x.estimate?.bytes)).toEqual([0, undefined]);
  });

  it('prefer-smaller-base: python:3.12 minus python:3.12-slim, both cited', () => {
    expect(byLine(lintFixture('prefer-smaller-base'), 'prefer-smaller-base')).toEqual([[8, Math.round((IMAGE_SIZES.python.mb - IMAGE_SIZES.pythonSlim.mb) * 1e6)]]);
  });
});

describe('size estimates on the lab cases', () => {
  it('add-extracts-archives: the archive as it is on disk', () => {
    const dir = labCase('archive-left-in-layer');
    expect(byLine(lintDir(dir), 'add-extracts-archives')).toEqual([[2, statSync(join(dir, 'app.tar.gz')).size]]);
  });

  it('modify-in-later-layer: the copied file as it is on disk', () => {
    const dir = labCase('modify-in-later-layer');
    const f = lintDir(dir).find((x) => x.ruleId === 'modify-in-later-layer')!;
    expect(f.estimate).toEqual({ bytes: statSync(join(dir, 'blob')).size, basis: 'sizes of the copied files in the build context' });
  });

  it('remove-in-same-layer: remove followed by autoremove in one RUN frees the dependencies too', () => {
    const findings = lintDir(labCase('redis-source'));
    // Line 19: `apt-get remove -y curl make gcc && apt-get autoremove -y`; nothing else installed keeps any of them.
    const freed = debianRemovalEstimate(['curl', 'make', 'gcc'], true, [])!;
    expect(byLine(findings, 'remove-in-same-layer')).toEqual([[19, freed.bytes], [20, lists]]);
    expect(freed.bytes).toBeGreaterThan(installedBytes(['curl', 'make', 'gcc']) * 10);
    // Same words, autoremove in the next RUN: only the named packages count for the remove.
    const split = readFileSync(join(labCase('redis-source'), 'Dockerfile'), 'utf8').replace('gcc && apt-get autoremove -y', 'gcc\nRUN apt-get autoremove -y');
    const named = lintText(split, {}, directoryBuildContext(labCase('redis-source'))).findings.find((f) => f.ruleId === 'remove-in-same-layer' && f.range.start.line === 18)!;
    expect(named.estimate!.bytes).toBe(installedBytes(['curl', 'make', 'gcc']));
    // An autoremove before the remove frees nothing of what the remove leaves.
    const before = split.replace('RUN apt-get remove -y curl make gcc\nRUN apt-get autoremove -y', 'RUN apt-get autoremove -y && apt-get remove -y curl make gcc');
    const early = lintText(before, {}, directoryBuildContext(labCase('redis-source'))).findings.find((f) => f.ruleId === 'remove-in-same-layer' && f.range.start.line === 18)!;
    expect(early.estimate!.bytes).toBe(installedBytes(['curl', 'make', 'gcc']));
  });

  it('apt-no-install-recommends and use-multi-stage on curl-tls: the Recommends the fix drops; the whole Debian image', () => {
    const findings = lintDir(labCase('curl-tls'));
    // The fix keeps ca-certificates (curl's TLS needs it), so its closure is not counted.
    expect(byLine(findings, 'apt-no-install-recommends')).toEqual([[2, debianRecommendsEstimate(['curl', 'ca-certificates'])!.bytes]]);
    // Everything apt installed with Recommends, the lists the update left, and debian:bookworm (into scratch).
    expect(byLine(findings, 'use-multi-stage')).toEqual([[1, installedBytes(debianClosure(['curl'], true)!) + lists + debian]]);
  });

  it('use-multi-stage on redis-apt: a package copied into scratch leaves only the base and the lists to count', () => {
    expect(byLine(lintDir(labCase('redis-apt')), 'use-multi-stage')).toEqual([[1, lists + debian]]);
  });

  it('prefer-smaller-base on cleanup-across-separators: debian:bookworm minus bookworm-slim, both cited', () => {
    expect(byLine(lintDir(labCase('cleanup-across-separators')), 'prefer-smaller-base')).toEqual([[1, Math.round((IMAGE_SIZES.debian.mb - IMAGE_SIZES.debianSlim.mb) * 1e6)]]);
  });

  it('useradd-no-log-init on useradd-high-uid: 0 bytes (the lab measures what -l saves on debian:bookworm-slim)', () => {
    expect(byLine(lintDir(labCase('useradd-high-uid')), 'useradd-no-log-init')).toEqual([[3, 0]]);
  });

  sharedIt('remove-in-same-layer on busybox-dd: bs × count of the dd', () => {
    const dir = sharedCase('busybox-dd');
    const [, bs, count] = /bs=(\d+)M count=(\d+)/.exec(readFileSync(join(dir, 'Dockerfile'), 'utf8'))!;
    expect(byLine(lintDir(dir), 'remove-in-same-layer')).toEqual([[4, Number(bs) * 1024 ** 2 * Number(count)]]);
  });

  sharedIt('use-multi-stage on c-hello and go-hello: the build packages with Recommends, the lists, and the base left', () => {
    expect(byLine(lintDir(sharedCase('c-hello')), 'use-multi-stage')).toEqual([[1, installedBytes(debianClosure(['gcc', 'make', 'libc6-dev'], true)!) + lists + debian]]);
    const toStatic = debian - finalBaseSize('gcr.io/distroless/static-debian12:nonroot')!.bytes;
    const go = lintDir(sharedCase('go-hello'));
    expect(byLine(go, 'use-multi-stage')).toEqual([[1, installedBytes(debianClosure(['golang-go'], true)!) + lists + toStatic]]);
    expect(byLine(go, 'apt-no-install-recommends')).toEqual([[3, debianRecommendsEstimate(['golang-go'])!.bytes]]);
  });
});

describe('minSavings from .dfopt.yaml, through the CLI', () => {
  const DOCKERFILE = 'FROM debian:bookworm\nRUN apt-get update && apt-get install -y curl\n';
  const lint = (config?: string) => runDfopt(['lint', 'Dockerfile'], { cwd: tempProject({ Dockerfile: DOCKERFILE, ...(config ? { '.dfopt.yaml': config } : {}) }) });

  it('drops the findings estimated below it, and the stylish total sums what is left', () => {
    const recommends = debianRecommendsEstimate(['curl', 'ca-certificates'])!.bytes;
    expect(recommends).toBeLessThan(5e6);
    const all = lint();
    expect(all.stdout).toContain('apt-no-install-recommends');
    expect(all.stdout).toContain(`${formatBytes(lists + recommends)} estimated savings from 2 size findings with an estimate`);
    const some = lint('minSavings: 5MB\n');
    expect(some.code).toBe(0);
    expect(some.stdout).not.toContain('apt-no-install-recommends');
    expect(some.stdout).toContain('clean-package-cache');
    expect(some.stdout).toContain(`${formatBytes(lists)} estimated savings from 1 size finding with an estimate`);
  });

  it('a value that is not a size: one line naming the file and line, exit 2', () => {
    const bad = lint('minSavings: big\n');
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/^dfopt: \S+\.dfopt\.yaml:1: minSavings: must be a size such as 1MB, 500kB, 2MiB or a number of bytes\n$/);
  });
});
