import { posix } from 'node:path';
import type { TextEdit } from '../../engine';
import { wordSpan } from '../../shell';
import { ALPINE_RUNTIME, BUSYBOX_RUNTIME, DISTROLESS, debianSlim } from '../bases';
import type { Artifact, Recipe, RecipeInput, RecipeOutcome } from '../types';
import { contextData, execFormEntry, withContextData, lineOf, runtimePackagesReason, optionValue, resolveProgram, type StageCommand, stageCommands, startCommand } from './support';

/** Where a builder has the CA bundle: golang images ship it; on Debian/Ubuntu the ca-certificates package puts it there. */
const CA_BUNDLE = '/etc/ssl/certs/ca-certificates.crt';

/**
 * A CMD that needs a shell keeps one: every binary `go build -o` wrote goes to a -slim image (static, so any glibc
 * or musl base runs it), and CMD/ENTRYPOINT carry over as written.
 */
function shellNeeded(input: RecipeInput, builds: readonly StageCommand[], outputs: readonly (string | null)[]): RecipeOutcome {
  const binaries = [...new Set(outputs.filter((o): o is string => o !== null))];
  if (binaries.length === 0 || outputs.includes(null)) return { declined: 'the start command needs a shell, and not every `go build` names its output with -o' };
  const builderEdits: TextEdit[] = [];
  const notes: string[] = [];
  for (const build of builds) {
    const env = input.stateBefore(build.run).env;
    if (build.use.command.assignments.some((a) => a.value.startsWith('CGO_ENABLED=')) || env.has('CGO_ENABLED') || build.run.execForm) {
      return { declined: 'the start command needs a shell and the build sets CGO_ENABLED itself' };
    }
    const at = wordSpan(build.use, build.use.argv[0]!).start;
    builderEdits.push({ start: at, end: at, text: 'CGO_ENABLED=0 ' });
    notes.push(`CGO_ENABLED=0 added to \`go ${build.use.args[0]!.value}\` at line ${lineOf(build.run)} for a static binary`);
  }
  const slim = input.finalBase === 'slim';
  const finalBase = input.finalBase === 'keep' ? input.stage.base.written : input.finalBase === 'alpine' ? ALPINE_RUNTIME : slim ? (debianSlim(input.family) ?? 'debian:bookworm-slim') : BUSYBOX_RUNTIME;
  const data = contextData(input, (name) => GO_SOURCE.test(name));
  return {
    ecosystem: 'Go',
    finalBase,
    baseReason:
      finalBase === BUSYBOX_RUNTIME
        ? 'the start command needs a shell; busybox has sh and coreutils, and a static binary needs nothing more'
        : `the start command needs a shell (optimize.finalBase: ${input.finalBase})`,
    artifacts: withContextData(binaries.map((b) => ({ from: b, to: b })), data),
    builderEdits,
    builderAppend: [],
    finalSetup: [],
    shellless: false,
    notes,
  };
}

/** What a Go build reads and the program does not: sources, module files, vendored modules. */
const GO_SOURCE = /(\.go|^go\.(mod|sum|work|work\.sum)|^vendor)$/;

/** `go build -o X`: X, resolved against the directory the build runs in. */
function builtBinary(build: StageCommand): string | null {
  const out = optionValue(build.use, '-o');
  return out && build.cwd && !out.includes('$') && !out.endsWith('/') ? posix.resolve(build.cwd, out) : null;
}

/**
 * `go install <package>[@version]`: the last element of the package path (a `/vN` major-version suffix skipped),
 * in $GOBIN, else $GOPATH/bin (golang images set GOPATH=/go; Go's default is ~/go). Null for `./...`, `.` and other
 * packages whose name is the module's, which the Dockerfile does not say.
 */
function installedBinary(input: RecipeInput, install: StageCommand): string | null {
  const packages = install.use.args.slice(1).filter((a) => !a.value.startsWith('-')).map((a) => a.value);
  if (packages.length !== 1 || packages[0]!.includes('$') || packages[0]!.includes('...')) return null;
  const parts = packages[0]!.replace(/@.*$/, '').split('/').filter((p) => p !== '' && p !== '.');
  if (parts.length === 0 || packages[0]!.startsWith('.')) return null;
  if (/^v\d+$/.test(parts[parts.length - 1]!) && parts.length > 1) parts.pop();
  const env = input.stateBefore(install.run).env;
  const assigned = (name: string): string | undefined =>
    install.use.command.assignments.map((a) => a.value).find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1);
  const gobin = assigned('GOBIN') ?? env.get('GOBIN');
  const gopath = assigned('GOPATH') ?? env.get('GOPATH') ?? (/(^|\/)golang$/.test(input.stage.base.ref.repository) ? '/go' : '/root/go');
  const dir = gobin ?? `${gopath.split(':')[0]}/bin`;
  return dir.includes('$') ? null : posix.join(dir, parts[parts.length - 1]!);
}

/**
 * Go: the binary `go build -o` writes is the artifact. Built with CGO_ENABLED=0 it is static, so it runs on scratch or
 * distroless/static (which adds CA certificates, /etc/passwd and /tmp); a cgo build needs libc: distroless/cc.
 */
export const goRecipe: Recipe = (input) => {
  const builds = stageCommands(input).filter((c) => c.use.name === 'go' && /^(build|install)$/.test(c.use.args[0]?.value ?? ''));
  if (builds.length === 0) return { declined: 'no `go build` or `go install` in the stage' };
  const start = startCommand(input);
  if (!start) return { declined: 'the image has no CMD or ENTRYPOINT naming the binary' };
  const outputs = builds.map((b) => (b.use.args[0]!.value === 'install' ? installedBinary(input, b) : builtBinary(b)));
  if (start.argv === null) return shellNeeded(input, builds, outputs);
  const program = resolveProgram(input, start.argv[0]!, outputs.filter((o): o is string => o !== null));
  const index = program === null ? -1 : outputs.lastIndexOf(program);
  if (index === -1) {
    const unnamed = outputs.some((o) => o === null);
    return {
      declined: unnamed
        ? '`go build` without a literal `-o` path (or `go install` of the current module): where the binary lands depends on the module path'
        : `${start.keyword} runs \`${start.argv[0]}\`, which is not a binary that \`go build -o\` or \`go install\` writes`,
    };
  }
  const build = builds[index]!;
  const runtime = input.needsShell ? null : runtimePackagesReason(input, 'a distroless or scratch image');
  if (runtime) return { declined: runtime };
  const binary = program!;
  const env = input.stateBefore(build.run).env;
  const assigned = build.use.command.assignments.map((a) => a.value).find((a) => a.startsWith('CGO_ENABLED='));
  const cgoSetting = assigned ? assigned.slice('CGO_ENABLED='.length) : (env.get('CGO_ENABLED') ?? null);
  const cgo = cgoSetting === '1';
  const notes: string[] = [];
  const builderEdits: TextEdit[] = [];
  if (input.stripBinaries !== false && !build.run.execForm) {
    const has = (flag: string): boolean => build.use.args.some((a) => a.value === flag || a.value.startsWith(`${flag}=`));
    // GOFLAGS=-ldflags=... is the build's own linker flags too: a command-line -ldflags would replace them.
    const goflags = build.use.command.assignments.map((a) => a.value).find((a) => a.startsWith('GOFLAGS='))?.slice('GOFLAGS='.length) ?? env.get('GOFLAGS') ?? '';
    const ownLdflags = has('-ldflags') || /(^|\s|["'])-?-ldflags\b/.test(goflags);
    // -trimpath changes the file paths runtime.Caller and stack traces report, so only an explicit opt-in adds it.
    const flags = [...(input.stripBinaries !== true || has('-trimpath') ? [] : ['-trimpath']), ...(ownLdflags ? [] : ['-ldflags="-s -w"'])];
    if (flags.length > 0) {
      const at = wordSpan(build.use, build.use.args[0]!).end; // after `build`
      builderEdits.push({ start: at, end: at, text: ` ${flags.join(' ')}` });
      notes.push(
        input.stripBinaries === true
          ? `${flags.join(' ')} added (optimize.stripBinaries): no symbol table or build paths in the binary`
          : '-ldflags="-s -w" added (optimize.stripBinaries, on by default when the build sets no -ldflags): no symbol table or DWARF; panics still print stack traces (set stripBinaries: false to keep debugger symbols)',
      );
    }
  }
  if (!cgo && cgoSetting !== '0') {
    if (build.run.execForm) return { declined: `\`go build\` at line ${lineOf(build.run)} is in exec form; cannot set CGO_ENABLED=0 for a static binary` };
    const at = wordSpan(build.use, build.use.argv[0]!).start;
    builderEdits.push({ start: at, end: at, text: 'CGO_ENABLED=0 ' });
    notes.push(`CGO_ENABLED=0 added to \`go ${build.use.args[0]!.value}\` at line ${lineOf(build.run)} for a static binary`);
  }

  let finalBase: string;
  let baseReason: string;
  let shellless = true;
  // A shell at run time (a HEALTHCHECK): busybox for a static binary, unless the user chose a base.
  const choice = input.needsShell && ['auto', 'distroless', 'scratch'].includes(input.finalBase) ? (cgo ? 'slim' : 'busybox') : input.finalBase;
  switch (choice) {
    case 'auto':
    case 'distroless':
      finalBase = cgo ? DISTROLESS.cc : DISTROLESS.static;
      baseReason = cgo ? 'a cgo binary needs glibc, which distroless/cc has' : 'a static binary needs no libc; distroless/static adds CA certificates, /etc/passwd and /tmp';
      break;
    case 'scratch':
      if (cgo) return { declined: 'CGO_ENABLED=1: the binary needs libc, which scratch lacks (use finalBase: distroless)' };
      finalBase = 'scratch';
      baseReason = 'optimize.finalBase is scratch and the binary is static';
      break;
    case 'alpine':
      if (cgo) return { declined: 'CGO_ENABLED=1 against glibc: the binary would not run on alpine (musl)' };
      finalBase = ALPINE_RUNTIME;
      baseReason = 'optimize.finalBase is alpine';
      shellless = false;
      break;
    case 'keep':
      finalBase = input.stage.base.written;
      baseReason = 'optimize.finalBase is keep';
      shellless = false;
      break;
    case 'busybox':
      if (cgo) return { declined: 'CGO_ENABLED=1: the binary needs glibc, which busybox lacks (use finalBase: slim)' };
      finalBase = BUSYBOX_RUNTIME;
      baseReason = input.needsShell ? 'the image needs a shell at run time; busybox has sh and coreutils, and a static binary needs nothing more' : 'optimize.finalBase is busybox';
      shellless = false;
      break;
    default: {
      const slim = debianSlim(input.family);
      if (!slim) return { declined: `the image needs a shell at run time and ${input.stage.base.written} has no known -slim variant` };
      finalBase = slim;
      baseReason = input.needsShell ? 'the image needs a shell at run time' : 'optimize.finalBase is slim';
      shellless = false;
    }
  }
  const data = contextData(input, (name) => GO_SOURCE.test(name));
  const artifacts: Artifact[] = withContextData([{ from: binary, to: binary }], data);
  if (data.length > 0) notes.push(`also copies ${data.map((d) => d.from).join(', ')}: files COPY brought in besides Go sources, which the program may read`);
  if (finalBase === 'scratch') {
    const hasBundle =
      input.stage.base.ref.repository.endsWith('golang') ||
      stageCommands(input).some((c) => /^(apt-get|apt|apk)$/.test(c.use.name) && c.use.args.some((a) => a.value === 'ca-certificates'));
    if (hasBundle) artifacts.push({ from: CA_BUNDLE, to: CA_BUNDLE });
    else notes.push('no CA bundle in the builder: HTTPS clients in the binary would fail on scratch');
  }
  const entry = shellless ? execFormEntry(input, [binary]) : {};
  if (!entry) return { declined: 'the CMD after the ENTRYPOINT needs a shell, which the final base lacks' };
  const alternatives =
    finalBase === DISTROLESS.static
      ? [
          'scratch — a few hundred KB smaller, but no CA certificates, /etc/passwd or /tmp (optimize.finalBase: scratch)',
          `${debianSlim(input.family) ?? 'debian:bookworm-slim'} — a shell and a package manager the binary does not use (optimize.finalBase: slim)`,
        ]
      : [];
  return { ecosystem: 'Go', finalBase, baseReason, artifacts, builderEdits, builderAppend: [], finalSetup: [], ...entry, shellless, notes, alternatives };
};
