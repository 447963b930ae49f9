import { validateConfig } from '../../src/config';
import { createDefaultRegistry, lintText } from '../../src/index';
import { REPORTERS } from '../../src/report';
import { memoryBuildContext } from '../support/memoryBuildContext';
import { IMAGE_SIZES } from '../../src/optimize/baseVariants';
import {
  aptListsEstimate,
  DEBIAN_DATA,
  debianClosure,
  debianRecommendsEstimate,
  debianRemovalEstimate,
  formatBytes,
  installedBytes,
  parseSize,
} from '../../src/sizes';
import { finalBaseSize } from '../../src/sizes/bases';

const registry = createDefaultRegistry();
const APT = 'FROM debian:bookworm\nRUN apt-get update && apt-get install -y curl\n';

describe('size data', () => {
  it('says where it comes from and holds the packages Dockerfiles install', () => {
    expect(DEBIAN_DATA.release).toBe('Debian 12 (bookworm)');
    expect(DEBIAN_DATA.lists.length).toBeGreaterThan(0);
    for (const name of ['build-essential', 'gcc', 'python3-pip', 'openjdk-17-jdk', 'git', 'curl']) expect(DEBIAN_DATA.packages[name]).toBeDefined();
    // Essential packages are in the base image, so installing them adds nothing.
    expect(DEBIAN_DATA.base).toEqual(expect.arrayContaining(['bash', 'coreutils', 'apt', 'mawk']));
    expect(DEBIAN_DATA.base).not.toContain('perl');
  });

  it('adds dependencies, and Recommends only when asked', () => {
    const without = debianClosure(['git'], false)!;
    const withRecommends = debianClosure(['git'], true)!;
    expect(without.has('git')).toBe(true);
    expect(without.has('perl')).toBe(true);
    expect(without.has('openssh-client')).toBe(false); // git Recommends openssh-client
    expect(withRecommends.has('openssh-client')).toBe(true);
    expect(debianClosure(['bash'], true)!.size).toBe(0);
    expect(debianClosure(['no-such-package'], false)).toBeNull();
    expect(debianClosure(['git=1:2.39.5-0+deb12u1'], false)).toEqual(without);
  });

  it('estimates what Recommends add and what a removal frees', () => {
    const recommends = debianRecommendsEstimate(['git'])!;
    const extra = [...debianClosure(['git'], true)!].filter((n) => !debianClosure(['git'], false)!.has(n));
    expect(recommends.bytes).toBe(installedBytes(extra));
    expect(recommends.bytes).toBeGreaterThan(1e6);
    expect(debianRecommendsEstimate(['nonexistent-thing'])).toBeNull();
    const gccOnly = debianRemovalEstimate(['gcc'], false, [])!;
    expect(gccOnly.bytes).toBe(DEBIAN_DATA.packages.gcc![0] * 1024);
    const autoRemove = debianRemovalEstimate(['gcc'], true, [])!;
    expect(autoRemove.bytes).toBeGreaterThan(gccOnly.bytes * 100);
    // What another installed package still needs stays.
    expect(debianRemovalEstimate(['gcc'], true, ['g++'])!.bytes).toBe(0);
    expect(debianRemovalEstimate(['gcc'], true, ['cpp'])!.bytes).toBe(autoRemove.bytes - installedBytes(debianClosure(['cpp'], false)!));
  });

  it('formats and parses sizes', () => {
    expect(formatBytes(180_400_000)).toBe('~180 MB');
    expect(formatBytes(3_145_728)).toBe('~3.1 MB');
    expect(formatBytes(2_000)).toBe('~2 kB');
    expect(formatBytes(512)).toBe('~512 B');
    expect(formatBytes(18_000_000, false)).toBe('18 MB');
    expect(formatBytes(-2_500_000, false)).toBe('-2.5 MB');
    expect(parseSize('1MB')).toBe(1_000_000);
    expect(parseSize('1.5 MiB')).toBe(1_572_864);
    expect(parseSize('500kB')).toBe(500_000);
    expect(parseSize(2048)).toBe(2048);
    expect(parseSize('lots')).toBeNull();
    expect(parseSize('1TB')).toBeNull();
  });
});

describe('estimates on findings', () => {
  it('quotes the estimate in the message and carries it on the finding', () => {
    const findings = lintText(APT).findings;
    const cache = findings.find((f) => f.ruleId === 'clean-package-cache')!;
    expect(cache.estimate).toEqual(aptListsEstimate(2));
    expect(cache.message).toContain(`/var/lib/apt/lists (${formatBytes(DEBIAN_DATA.aptListsBytes)}) in the layer`);
    const recommends = findings.find((f) => f.ruleId === 'apt-no-install-recommends')!;
    // The fix keeps ca-certificates (curl needs it for https), so its closure is not counted as saved.
    expect(recommends.estimate!.bytes).toBe(debianRecommendsEstimate(['curl', 'ca-certificates'])!.bytes);
    expect(recommends.estimate!.bytes).toBeLessThan(debianRecommendsEstimate(['curl'])!.bytes);
  });

  it('gives no figure where the data does not describe the image', () => {
    for (const base of ['ubuntu:24.04', 'debian:trixie', 'python:3.12-slim', 'debian:${RELEASE}']) {
      const findings = lintText(APT.replace('debian:bookworm', base)).findings.filter((f) => f.ruleId === 'clean-package-cache' || f.ruleId === 'apt-no-install-recommends');
      expect(findings.length).toBe(2);
      for (const f of findings) {
        expect(f.estimate).toBeUndefined();
        expect(f.message).not.toMatch(/~\d/);
      }
    }
  });

  it('minSavings drops findings estimated below it and keeps those without an estimate', () => {
    // pin-apt-versions left the recommended preset; it is turned on here as the finding without an estimate.
    const pinned = { rules: { 'pin-apt-versions': 'warning' as const } };
    const all = lintText(APT, pinned).findings;
    const some = lintText(APT, { ...pinned, minSavings: 5_000_000 }).findings;
    expect(all.map((f) => f.ruleId)).toContain('apt-no-install-recommends');
    expect(debianRecommendsEstimate(['curl'])!.bytes).toBeLessThan(5_000_000);
    expect(some.map((f) => f.ruleId)).not.toContain('apt-no-install-recommends');
    expect(some.map((f) => f.ruleId)).toContain('clean-package-cache'); // ~20 MB
    expect(some.map((f) => f.ruleId)).toContain('pin-apt-versions'); // no estimate: kept
    expect(lintText(APT, { minSavings: 50_000_000 }).findings.map((f) => f.ruleId)).not.toContain('clean-package-cache');
  });

  it('config accepts minSavings as a size and rejects nonsense', () => {
    expect(validateConfig({ minSavings: '1MB' }, '.dfopt.yaml', registry).minSavings).toBe(1_000_000);
    expect(validateConfig({ minSavings: 1024 }, '.dfopt.yaml', registry).minSavings).toBe(1024);
    expect(() => validateConfig({ minSavings: 'big' }, '.dfopt.yaml', registry)).toThrow(/minSavings: must be a size/);
  });

  it('JSON and SARIF carry the number; stylish sums it', () => {
    const findings = lintText(APT, { rules: { 'pin-apt-versions': 'warning' } }).findings;
    const results = [{ file: 'Dockerfile', findings, source: APT }];
    const json = JSON.parse(REPORTERS.json(results, {})) as Array<{ findings: Array<{ rule: string; estimatedBytes?: number; estimateBasis?: string }> }>;
    const cache = json[0]!.findings.find((f) => f.rule === 'clean-package-cache')!;
    expect(cache.estimatedBytes).toBe(DEBIAN_DATA.aptListsBytes);
    expect(cache.estimateBasis).toMatch(/apt-get update/);
    expect(json[0]!.findings.find((f) => f.rule === 'pin-apt-versions')).not.toHaveProperty('estimatedBytes');
    const sarif = JSON.parse(REPORTERS.sarif(results, {})) as { runs: Array<{ results: Array<{ ruleId: string; properties?: Record<string, unknown> }> }> };
    expect(sarif.runs[0]!.results.find((r) => r.ruleId === 'clean-package-cache')!.properties!.estimatedBytes).toBe(DEBIAN_DATA.aptListsBytes);
    const total = findings.reduce((sum, f) => sum + (f.estimate?.bytes ?? 0), 0);
    expect(REPORTERS.stylish(results, {})).toContain(`${formatBytes(total)} estimated savings from 2 size findings with an estimate`);
  });
});

describe('remove-in-same-layer estimates', () => {
  const removal = (text: string, files?: Record<string, string>) =>
    lintText(text, {}, files ? memoryBuildContext(files) : undefined).findings.find((f) => f.ruleId === 'remove-in-same-layer');
  const GCC = 'FROM debian:bookworm\nRUN apt-get update && apt-get install -y --no-install-recommends gcc && rm -rf /var/lib/apt/lists/*\n';

  it('a package removal frees what the Debian data says, with its dependencies under --auto-remove', () => {
    const auto = removal(`${GCC}RUN apt-get purge -y --auto-remove gcc\n`)!;
    expect(auto.estimate).toEqual(debianRemovalEstimate(['gcc'], true, []));
    expect(auto.message).toContain(`removes gcc (${formatBytes(auto.estimate!.bytes)}), which`);
    const named = removal(`${GCC}RUN apt-get purge -y gcc\n`)!;
    expect(named.estimate!.bytes).toBe(DEBIAN_DATA.packages.gcc![0] * 1024);
    // What another installed package still needs is not freed.
    const kept = removal(GCC.replace('gcc &&', 'gcc g++ &&') + 'RUN apt-get purge -y --auto-remove gcc\n')!;
    expect(kept.estimate).toEqual(debianRemovalEstimate(['gcc'], true, ['g++']));
    expect(removal(`${GCC.replace('debian:bookworm', 'ubuntu:24.04')}RUN apt-get purge -y gcc\n`)!.estimate).toBeUndefined();
  });

  it('apt lists deleted later cost the measured lists', () => {
    const f = removal('FROM debian:bookworm\nRUN apt-get update && apt-get install -y --no-install-recommends curl\nRUN rm -rf /var/lib/apt/lists/*\n')!;
    expect(f.estimate).toEqual(aptListsEstimate(2));
  });

  it('a directory deleted inside a COPY\'d tree costs its files in the context, ignored ones left out', () => {
    const text = 'FROM debian:bookworm\nCOPY . /app\nRUN rm -rf /app/node_modules\n';
    const files = { 'server.js': 'x', 'node_modules/a/index.js': 'a'.repeat(150_000), 'node_modules/b.js': 'b'.repeat(50_000), 'node_modules/c.log': 'c'.repeat(900_000) };
    expect(removal(text, files)!.estimate).toEqual({ bytes: 1_100_000, basis: 'sizes of the copied files in the build context' });
    expect(removal(text, { ...files, '.dockerignore': '**/*.log\n' })!.estimate!.bytes).toBe(200_000);
    // dd with a literal bs and count writes exactly bs × count bytes.
    const dd = removal('FROM busybox:1.36\nRUN mkdir /tmp/foo\nRUN dd if=/dev/zero of=/tmp/foo/bar bs=1M count=100\nRUN rm /tmp/foo/bar\n')!;
    expect(dd.estimate).toEqual({ bytes: 100 * 1024 ** 2, basis: 'bs × count of the dd that wrote it' });
    expect(removal('FROM busybox:1.36\nRUN dd if=/dev/zero of=/tmp/bar bs=1M count=100 seek=5\nRUN rm /tmp/bar\n')!.estimate).toBeUndefined();
    // A download's size is unknown, so a delete that includes one has no figure at all.
    expect(removal('FROM debian:bookworm\nRUN curl -o /tmp/a.tgz https://e.com/a.tgz\nRUN rm /tmp/a.tgz\n')!.estimate).toBeUndefined();
  });
});

describe('archive, base and multi-stage estimates', () => {
  const finding = (text: string, rule: string, files?: Record<string, string>) =>
    lintText(text, {}, files ? memoryBuildContext(files) : undefined).findings.find((f) => f.ruleId === rule);

  it('an archive COPY\'d and unpacked later costs its size in the context', () => {
    const copied = 'FROM debian:bookworm\nCOPY app.tar.gz /tmp/\nRUN tar -xzf /tmp/app.tar.gz -C /opt\n';
    const tgz = { 'app.tar.gz': 'z'.repeat(700_000) };
    const add = finding(copied, 'add-extracts-archives', tgz)!;
    expect(add.estimate).toEqual({ bytes: 700_000, basis: 'size of the archive in the build context' });
    expect(add.message).toContain('app.tar.gz (~700 kB) is copied at line 2');
    // From another stage: archive-left-in-layer's case, and the size stays unknown.
    const zip = 'FROM debian:bookworm\nCOPY bundle.zip /tmp/\nRUN unzip /tmp/bundle.zip -d /srv\n';
    const left = finding(zip, 'archive-left-in-layer', { 'bundle.zip': 'z'.repeat(3_000_000) })!;
    expect(left.estimate!.bytes).toBe(3_000_000);
    expect(left.message).toContain('/tmp/bundle.zip copied by COPY at line 2 (~3 MB) is unpacked by unzip');
    expect(finding(zip, 'archive-left-in-layer')!.estimate).toBeUndefined();
    const fromStage = 'FROM debian:bookworm AS dl\nRUN touch /b.zip\nFROM debian:bookworm\nCOPY --from=dl /b.zip /tmp/\nRUN unzip /tmp/b.zip -d /srv\n';
    expect(finding(fromStage, 'archive-left-in-layer', { 'b.zip': 'x' })!.estimate).toBeUndefined();
  });

  it('prefer-smaller-base: the gap between the two cited image sizes', () => {
    const f = finding('FROM python:3.12\nCOPY app.py /app.py\nCMD ["python", "/app.py"]\n', 'prefer-smaller-base')!;
    expect(f.estimate!.bytes).toBe(Math.round((IMAGE_SIZES.python.mb - IMAGE_SIZES.pythonSlim.mb) * 1e6));
    expect(f.estimate!.basis).toBe(`${IMAGE_SIZES.python.source} minus ${IMAGE_SIZES.pythonSlim.source}`);
    expect(f.message).toContain('(~896 MB less: python:3.12 ~1.02 GB');
  });

  it('use-multi-stage: the build packages a builder keeps, plus the base when the rewrite names a sized one', () => {
    const go = 'FROM debian:bookworm\nRUN apt-get update && apt-get install -y --no-install-recommends golang-go && rm -rf /var/lib/apt/lists/*\n' +
      'WORKDIR /app\nCOPY . .\nRUN go build -o /usr/local/bin/hello .\nCMD ["hello"]\n';
    const f = finding(go, 'use-multi-stage')!;
    // The rewrite moves to distroless/static: debian:bookworm (cited) less distroless/static (cited) is saved too.
    const toStatic = Math.round(IMAGE_SIZES.debian.mb * 1e6) - finalBaseSize('gcr.io/distroless/static-debian12')!.bytes;
    expect(f.estimate).toMatchObject({ bytes: installedBytes(debianClosure(['golang-go'], false)!) + toStatic, wholeImage: true });
    expect(f.estimate!.basis).toContain('minus gcr.io/distroless/static-debian12, GoogleContainerTools/distroless README');
    expect(f.message).toContain(`Final image keeps the Go toolchain`);
    expect(f.message).toContain(formatBytes(f.estimate!.bytes));
    // Lists left by an update in its own RUN stay in the image, and count.
    const lists = finding(go.replace(' && rm -rf /var/lib/apt/lists/*', ''), 'use-multi-stage')!;
    expect(lists.estimate!.bytes).toBe(f.estimate!.bytes + DEBIAN_DATA.aptListsBytes);
    // A C program goes to scratch: the debian:bookworm base is saved as well (cited size).
    const c = finding('FROM debian:bookworm\nWORKDIR /src\nCOPY hello.c Makefile ./\nRUN apt-get update && apt-get install -y --no-install-recommends gcc make libc6-dev && rm -rf /var/lib/apt/lists/*\nRUN make\nCMD ["/src/hello"]\n', 'use-multi-stage', { 'hello.c': 'int main(){}', Makefile: 'hello: hello.c\n' })!;
    expect(c.estimate!.basis).toContain(`plus ${IMAGE_SIZES.debian.source} minus scratch`);
    expect(c.estimate!.bytes).toBe(installedBytes(debianClosure(['gcc', 'make', 'libc6-dev'], false)!) + Math.round(IMAGE_SIZES.debian.mb * 1e6));
    // distroless/nodejs brings node: Debian's nodejs closure is not counted as saved.
    const node = finding(
      'FROM debian:bookworm\nRUN apt-get update && apt-get install -y --no-install-recommends nodejs npm && rm -rf /var/lib/apt/lists/*\n' +
        'WORKDIR /app\nCOPY . .\nRUN npm install --omit=dev\nCMD ["node", "server.js"]\n',
      'use-multi-stage',
      { 'package.json': '{"name":"a","version":"1.0.0"}', 'server.js': 'console.log(1)\n' },
    )!;
    const all = debianClosure(['nodejs', 'npm'], false)!;
    const runtime = debianClosure(['nodejs'], false)!;
    const cc = finalBaseSize('gcr.io/distroless/cc-debian12')!;
    expect(node.estimate!.bytes).toBe(installedBytes([...all].filter((n) => !runtime.has(n))) + Math.round(IMAGE_SIZES.debian.mb * 1e6) - cc.bytes);
    expect(node.estimate!.basis).toMatch(/less nodejs, which gcr\.io\/distroless\/nodejs\S* brings/);
    expect(node.estimate!.basis).toContain('minus the lab\'s gcr.io/distroless/cc stand-in');
    // A program from a package copied into scratch: no build package is left to count, but the base still is.
    const redis = finding('FROM debian:bookworm\nRUN apt-get update && apt-get install -y --no-install-recommends redis-server && rm -rf /var/lib/apt/lists/*\nCMD ["redis-server", "--version"]\n', 'use-multi-stage')!;
    expect(redis.estimate).toMatchObject({ bytes: Math.round(IMAGE_SIZES.debian.mb * 1e6), basis: `${IMAGE_SIZES.debian.source} minus scratch (empty)` });
    // No figure without the Debian data: a toolchain image, or Ubuntu.
    expect(finding('FROM golang:1.23\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\nCMD ["/out/app"]\n', 'use-multi-stage')!.estimate).toBeUndefined();
    expect(finding(go.replace('debian:bookworm', 'ubuntu:24.04'), 'use-multi-stage')!.estimate).toBeUndefined();
  });
});
