/**
 * `dfopt fix --verify`: build the original and the fixed Dockerfile with a real builder, run both images' default
 * command, and compare: the proof that a rewrite still builds, still does the same thing, and is smaller.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type * as Os from 'node:os';
import { join } from 'node:path';
import type { BuildArgs, ImageBuilder, RunResult } from './builders';

export interface ImageFacts {
  readonly built: boolean;
  /** The end of the build log when the build failed. */
  readonly log: string;
  readonly bytes: number | null;
  readonly layers: number | null;
  readonly run: RunResult | null;
}

export interface Verification {
  readonly builder: string;
  readonly before: ImageFacts;
  readonly after: ImageFacts;
  /** True/false when both ran to an end; null when they could not be compared (a build failed, or both timed out). */
  readonly sameOutput: boolean | null;
}

let counter = 0;

function buildAndRun(builder: ImageBuilder, text: string, context: string, buildArgs: BuildArgs, tag: string, timeoutMs: number): ImageFacts {
  // node:os required here (only --verify gets here), so that a `dfopt lint` start-up does not load it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const dir = mkdtempSync(join((require('node:os') as typeof Os).tmpdir(), 'dfopt-verify-'));
  const dockerfile = join(dir, 'Dockerfile');
  writeFileSync(dockerfile, text);
  try {
    const build = builder.build(dockerfile, context, tag, buildArgs);
    if (!build.ok) return { built: false, log: build.log.trim().split('\n').slice(-15).join('\n'), bytes: null, layers: null, run: null };
    const { bytes, layers } = builder.measure(tag);
    const run = builder.run(tag, timeoutMs);
    return { built: true, log: '', bytes, layers, run };
  } finally {
    builder.remove(tag);
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Builds and runs both versions in `context` (the Dockerfile's build context) with the same build arguments; images
 * are removed afterwards.
 */
export function verifyFix(
  builder: ImageBuilder,
  original: string,
  fixed: string,
  context: string,
  buildArgs: BuildArgs = {},
  timeoutMs = 60_000,
): Verification {
  const id = `dfopt-verify-${process.pid}-${counter++}`;
  const before = buildAndRun(builder, original, context, buildArgs, `${id}-before`, timeoutMs);
  const after = buildAndRun(builder, fixed, context, buildArgs, `${id}-after`, timeoutMs);
  let sameOutput: boolean | null = null;
  if (before.run && after.run && !(before.run.code === null && after.run.code === null)) {
    sameOutput = before.run.code === after.run.code && before.run.output === after.run.output;
  }
  return { builder: builder.name, before, after, sameOutput };
}

const mb = (bytes: number | null): string => (bytes === null ? '? MB' : `${(bytes / 1e6).toFixed(1)} MB`);

/** One line: `verified with buildah: 330.2 MB, 9 layers → 2.4 MB, 3 layers (−99%); same output`. */
export function describeVerification(v: Verification): string {
  const facts = (f: ImageFacts): string => `${mb(f.bytes)}, ${f.layers ?? '?'} layer${f.layers === 1 ? '' : 's'}`;
  const change = v.before.bytes && v.after.bytes !== null ? (v.after.bytes / v.before.bytes - 1) * 100 : null;
  const saved = change === null ? '' : ` (${change <= 0 ? '−' : '+'}${Math.abs(change).toFixed(Math.abs(change) >= 99 ? 1 : 0)}%)`;
  const output =
    v.sameOutput === null ? 'outputs not compared (both still running at the timeout)' : v.sameOutput ? 'same output and exit status' : 'DIFFERENT output or exit status';
  return `verified with ${v.builder}: ${facts(v.before)} → ${facts(v.after)}${saved}; ${output}`;
}
