import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FixCommandOptions, runFix } from '../../src/cli/fixCommand';
import { createDefaultRegistry } from '../../src/index';
import { type ImageBuilder, parseSize, type RunResult } from '../../src/verify';
import { findBuilder } from '../../src/verify/builders';
import { aptListsEstimate, formatBytes } from '../../src/sizes';

const GO = 'FROM golang:1.23\nWORKDIR /src\nCOPY . .\nRUN go build -o /out/app .\nCMD ["/out/app"]\n';

/** A builder that "builds" by reading the Dockerfile: sizes by stage count, output from a `# prints:` comment. */
function fakeBuilder(options: { failAfter?: boolean; afterOutput?: string } = {}): ImageBuilder & { calls: string[] } {
  const images = new Map<string, string>();
  const calls: string[] = [];
  return {
    name: 'fakebuild',
    calls,
    build(dockerfile, context, tag, buildArgs) {
      calls.push(`build ${tag} in ${context}${Object.entries(buildArgs).map(([k, v]) => ` ${k}=${v}`).join('')}`);
      const text = readFileSync(dockerfile, 'utf8');
      if (options.failAfter && tag.endsWith('-after')) return { ok: false, log: 'step 7: COPY failed: no such file' };
      images.set(tag, text);
      return { ok: true, log: '' };
    },
    run(tag): RunResult {
      calls.push(`run ${tag}`);
      return { code: 0, output: tag.endsWith('-after') && options.afterOutput !== undefined ? options.afterOutput : 'hello\n' };
    },
    measure(tag) {
      const stages = (images.get(tag) ?? '').split('\nFROM ').length;
      return stages > 1 ? { bytes: 2_400_000, layers: 2 } : { bytes: 880_000_000, layers: 7 };
    },
    remove(tag) {
      calls.push(`rmi ${tag}`);
    },
  };
}

function run(options: Partial<FixCommandOptions>, builder: ImageBuilder | null, text = GO) {
  const dir = mkdtempSync(join(tmpdir(), 'dfopt-verify-'));
  writeFileSync(join(dir, 'Dockerfile'), text);
  let stdout = '';
  let stderr = '';
  const code = runFix(
    {
      paths: [join(dir, 'Dockerfile')],
      stdin: false,
      rule: [],
      dryRun: false,
      check: false,
      unsafe: true,
      only: ['use-multi-stage'],
      color: false,
      verify: true,
      findBuilder: () => (builder ? { builder } : { reasons: ['docker: Cannot connect to the Docker daemon', 'podman: not installed', 'buildah: not installed'] }),
      ...options,
    },
    createDefaultRegistry(),
    { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t), readStdin: () => Buffer.alloc(0) },
  );
  return { code, stdout, stderr, dir, text: readFileSync(join(dir, 'Dockerfile'), 'utf8') };
}

describe('dfopt fix --verify', () => {
  it('builds and runs both, reports sizes and layers, and writes the fix', () => {
    const builder = fakeBuilder();
    const r = run({}, builder);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('verified with fakebuild: 880.0 MB, 7 layers → 2.4 MB, 2 layers (−99.7%); same output and exit status; saved 878 MB measured, no estimate\n');
    expect(r.text).toContain('FROM gcr.io/distroless/static-debian12');
    expect(builder.calls.filter((c) => c.startsWith('build'))).toEqual([
      expect.stringMatching(/-before in .*dfopt-verify-/),
      expect.stringMatching(/-after in .*dfopt-verify-/),
    ]);
    expect(builder.calls.filter((c) => c.startsWith('rmi')).length).toBe(2); // images are cleaned up
  });

  it('does not write a fix whose image does not build, and says why (exit 1)', () => {
    const r = run({}, fakeBuilder({ failAfter: true }));
    expect(r.code).toBe(1);
    expect(r.text).toBe(GO);
    expect(r.stderr).toContain('Dockerfile: not written: the fixed Dockerfile does not build:\nstep 7: COPY failed: no such file');
  });

  it('does not write a fix whose image prints something else', () => {
    const r = run({}, fakeBuilder({ afterOutput: 'exec /out/app: no such file or directory\n' }));
    expect(r.code).toBe(1);
    expect(r.text).toBe(GO);
    expect(r.stderr).toContain('the fixed image does not run the same');
  });

  it('without a working builder: one clear line, exit 2, nothing written', () => {
    const r = run({}, null);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(
      'dfopt: --verify needs a container builder and none works here (docker: Cannot connect to the Docker daemon; podman: not installed; buildah: not installed)\n',
    );
    expect(r.text).toBe(GO);
  });

  it('builds both images with the build arguments of --build-arg (a NAME alone from the environment)', () => {
    const builder = fakeBuilder();
    process.env.DFOPT_TEST_GO_VERSION = '1.23';
    try {
      const r = run({ buildArg: ['BASE=golang', 'DFOPT_TEST_GO_VERSION', 'DFOPT_TEST_UNSET'] }, builder);
      expect(r.code).toBe(0);
    } finally {
      delete process.env.DFOPT_TEST_GO_VERSION;
    }
    expect(builder.calls.filter((c) => c.startsWith('build'))).toEqual([
      expect.stringMatching(/-before in .* BASE=golang DFOPT_TEST_GO_VERSION=1.23$/),
      expect.stringMatching(/-after in .* BASE=golang DFOPT_TEST_GO_VERSION=1.23$/),
    ]);
  });

  // What each builder's command line gets: `--build-arg NAME=VALUE` per argument, before the Dockerfile and the context.
  it.each([
    ['docker buildx', ['docker', 'buildx', 'build', '--load']],
    ['podman', ['podman', 'build']],
    ['buildah', ['buildah', 'bud', '--layers']],
  ])('%s gets the build arguments', (name, command) => {
    const spawned: string[][] = [];
    const spawn = (exe: string, args: readonly string[]) => {
      spawned.push([exe, ...args]);
      const ok = exe === name.split(' ')[0];
      return { status: ok ? 0 : 1, stdout: '', stderr: ok ? '' : 'not here', pid: 0, output: [], signal: null };
    };
    const found = findBuilder(spawn);
    if (!('builder' in found)) throw new Error(found.reasons.join('; '));
    expect(found.builder.name).toBe(name);
    found.builder.build('/tmp/x/Dockerfile', '/src', 'tag1', { A: '1', B: 'x=y z' });
    expect(spawned[spawned.length - 1]).toEqual([...command, '--build-arg', 'A=1', '--build-arg', 'B=x=y z', '-f', '/tmp/x/Dockerfile', '-t', 'tag1', '/src']);
  });

  it('finds no builder when none is installed', () => {
    const missing = () => ({ error: Object.assign(new Error('spawn x ENOENT'), { code: 'ENOENT' }), status: null, stdout: '', stderr: '', pid: 0, output: [], signal: null });
    expect(findBuilder(missing)).toEqual({ reasons: ['docker: not installed', 'podman: not installed', 'buildah: not installed'] });
  });

  it('reads buildah sizes', () => {
    expect(parseSize('2.13 MB')).toBe(2_130_000);
    expect(parseSize('232 KB')).toBe(232_000);
    expect(parseSize('1.1 GB')).toBe(1_100_000_000);
    expect(parseSize('big')).toBeNull();
  });

  it('prints the measured saving beside the estimate, and JSON carries both', () => {
    const builder = fakeBuilder();
    const images = new Map<string, number>();
    const build = builder.build.bind(builder);
    builder.build = (dockerfile, context, tag, buildArgs) => {
      images.set(tag, readFileSync(dockerfile, 'utf8').includes('/var/lib/apt/lists') ? 100_000_000 : 118_000_000);
      return build(dockerfile, context, tag, buildArgs);
    };
    builder.measure = (tag) => ({ bytes: images.get(tag) ?? null, layers: 2 });
    const apt = 'FROM debian:bookworm\nRUN apt-get update && apt-get install -y --no-install-recommends curl\nCMD ["curl", "--version"]\n';
    const r = run({ only: ['clean-package-cache'] }, builder, apt);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`; saved 18 MB measured, ${formatBytes(aptListsEstimate().bytes)} estimated\n`);
    const json = run({ only: ['clean-package-cache'], format: 'json' }, builder, apt);
    expect(JSON.parse(json.stdout)[0]).toMatchObject({ measuredSavingBytes: 18_000_000, estimatedSavingBytes: aptListsEstimate().bytes });
  });
});
