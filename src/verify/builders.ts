/**
 * The container builders `dfopt fix --verify` can drive: docker (with buildx when present), podman and buildah, the
 * first that answers. This is the only place dfopt starts other programs, and only when --verify asks it to.
 */
import type * as ChildProcess from 'node:child_process';

export interface RunResult {
  /** Exit status; null when the run was stopped at the timeout. */
  readonly code: number | null;
  readonly output: string;
}

export interface ImageBuilder {
  /** `docker buildx`, `docker`, `podman`, `buildah`. */
  readonly name: string;
  /** Builds with the build arguments the command line gives (`--build-arg NAME=VALUE` for each). */
  build(dockerfile: string, context: string, tag: string, buildArgs: BuildArgs): { readonly ok: boolean; readonly log: string };
  /** Runs the image's default ENTRYPOINT + CMD, as `docker run --rm <image>` does. */
  run(tag: string, timeoutMs: number): RunResult;
  /** Image size in bytes and filesystem layers, null when the builder does not say. */
  measure(tag: string): { readonly bytes: number | null; readonly layers: number | null };
  remove(tag: string): void;
}

export type BuildArgs = Readonly<Record<string, string>>;

type SpawnSyncReturns<T> = ChildProcess.SpawnSyncReturns<T>;
type Spawn = (command: string, args: readonly string[], timeoutMs?: number) => SpawnSyncReturns<string>;

/** `--build-arg NAME=VALUE` for each, as docker, podman and buildah all take them. */
const buildArgFlags = (buildArgs: BuildArgs): string[] => Object.entries(buildArgs).flatMap(([name, value]) => ['--build-arg', `${name}=${value}`]);

// Required on first use (only --verify gets here), so a `dfopt lint` start-up never loads child_process.
const defaultSpawn: Spawn = (command, args, timeoutMs) =>
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  (require('node:child_process') as typeof ChildProcess).spawnSync(command, args, { encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'pipe'] });

const output = (r: SpawnSyncReturns<string>): string => `${r.stdout ?? ''}${r.stderr ?? ''}`;
const works = (r: SpawnSyncReturns<string>): boolean => !r.error && r.status === 0;
const firstLine = (r: SpawnSyncReturns<string>): string =>
  r.error ? ((r.error as NodeJS.ErrnoException).code === 'ENOENT' ? 'not installed' : r.error.message) : (output(r).trim().split('\n')[0] ?? `exit ${r.status}`);

/** docker and podman share a command line. */
function dockerLike(name: string, exe: string, command: readonly string[], spawn: Spawn): ImageBuilder {
  return {
    name,
    build(dockerfile, context, tag, buildArgs) {
      const r = spawn(exe, [...command, ...buildArgFlags(buildArgs), '-f', dockerfile, '-t', tag, context]);
      return { ok: works(r), log: output(r) };
    },
    run(tag, timeoutMs) {
      const r = spawn(exe, ['run', '--rm', tag], timeoutMs);
      return { code: r.error ? null : r.status, output: output(r) };
    },
    measure(tag) {
      const r = spawn(exe, ['image', 'inspect', '--format', '{{.Size}} {{len .RootFS.Layers}}', tag]);
      const [bytes, layers] = works(r) ? r.stdout.trim().split(/\s+/).map(Number) : [];
      return { bytes: Number.isFinite(bytes) ? bytes! : null, layers: Number.isFinite(layers) ? layers! : null };
    },
    remove(tag) {
      spawn(exe, ['rmi', '-f', tag]);
    },
  };
}

/** `2.13 MB`, `1.1 GB`, `232 KB` (buildah's decimal units) → bytes. */
export function parseSize(text: string): number | null {
  const m = /^([\d.]+)\s*([kKMGT]?B)$/.exec(text.trim());
  if (!m) return null;
  const scale: Record<string, number> = { B: 1, kB: 1e3, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12 };
  return Math.round(Number(m[1]) * (scale[m[2]!] ?? 1));
}

function buildah(spawn: Spawn): ImageBuilder {
  return {
    name: 'buildah',
    build(dockerfile, context, tag, buildArgs) {
      const r = spawn('buildah', ['bud', '--layers', ...buildArgFlags(buildArgs), '-f', dockerfile, '-t', tag, context]);
      return { ok: works(r), log: output(r) };
    },
    run(tag, timeoutMs) {
      // buildah has no `run <image>`: start a working container and run what the image's config says.
      const inspect = spawn('buildah', ['inspect', '--type', 'image', tag]);
      if (!works(inspect)) return { code: 125, output: output(inspect) };
      const config = (JSON.parse(inspect.stdout) as { OCIv1?: { config?: { Entrypoint?: string[]; Cmd?: string[] } } }).OCIv1?.config ?? {};
      const command = [...(config.Entrypoint ?? []), ...(config.Cmd ?? [])];
      if (command.length === 0) return { code: 125, output: 'the image has no ENTRYPOINT or CMD' };
      const from = spawn('buildah', ['from', tag]);
      if (!works(from)) return { code: 125, output: output(from) };
      const container = from.stdout.trim().split('\n').pop()!;
      try {
        const r = spawn('buildah', ['run', container, '--', ...command], timeoutMs);
        return { code: r.error ? null : r.status, output: output(r) };
      } finally {
        spawn('buildah', ['rm', container]);
      }
    },
    measure(tag) {
      const inspect = spawn('buildah', ['inspect', '--type', 'image', tag]);
      const images = spawn('buildah', ['images', '--json', tag]);
      const layers = works(inspect)
        ? ((JSON.parse(inspect.stdout) as { OCIv1?: { rootfs?: { diff_ids?: string[] } } }).OCIv1?.rootfs?.diff_ids?.length ?? null)
        : null;
      const size = works(images) ? (JSON.parse(images.stdout) as Array<{ size?: string }>)[0]?.size : undefined;
      return { bytes: size ? parseSize(size) : null, layers };
    },
    remove(tag) {
      spawn('buildah', ['rmi', '-f', tag]);
    },
  };
}

/** The first builder that works here, or why none does (one reason per builder tried). */
export function findBuilder(spawn: Spawn = defaultSpawn): { readonly builder: ImageBuilder } | { readonly reasons: readonly string[] } {
  const reasons: string[] = [];
  const docker = spawn('docker', ['info', '--format', '{{.ServerVersion}}']);
  if (works(docker)) {
    const buildx = works(spawn('docker', ['buildx', 'version']));
    return { builder: dockerLike(buildx ? 'docker buildx' : 'docker', 'docker', buildx ? ['buildx', 'build', '--load'] : ['build'], spawn) };
  }
  reasons.push(`docker: ${firstLine(docker)}`);
  const podman = spawn('podman', ['info']);
  if (works(podman)) return { builder: dockerLike('podman', 'podman', ['build'], spawn) };
  reasons.push(`podman: ${firstLine(podman)}`);
  const buildahInfo = spawn('buildah', ['info']);
  if (works(buildahInfo)) return { builder: buildah(spawn) };
  reasons.push(`buildah: ${firstLine(buildahInfo)}`);
  return { reasons };
}
