import { BUSYBOX_RUNTIME, DISTROLESS, debianSlim } from '../bases';
import type { Recipe } from '../types';
import { contextData, copiedTo, execFormEntry, withContextData, lineOf, resolveProgram, runtimePackagesReason, stageCommands, startCommand } from './support';
import type { RecipeInput } from '../types';

/** What a C/C++ build reads and the program does not: sources, headers, build scripts, source archives. */
const C_SOURCE =
  /(\.(c|h|cc|cpp|cxx|c\+\+|hpp|hh|hxx|s|S|in|am|ac|m4|cmake|mk|mak|tar|tgz|tar\.(gz|xz|bz2|zst)|zip)|^(Makefile|makefile|GNUmakefile|CMakeLists\.txt|configure|meson\.build|meson_options\.txt|src|include|Kbuild))$/;

/** Directories of the base image's own programs: a CMD that runs one of them is not running what the build made. */
const SYSTEM_BIN = /^\/(usr\/)?s?bin\//;

/**
 * Copies a binary and the shared objects `ldd` lists (the loader included) under /out, keeping their paths. No pipe,
 * so no failure hides behind one; `|| true` because ldd fails on a static binary, which then needs nothing more.
 */
const collectLibraries = (binary: string): string[] => [
  'mkdir -p /out',
  `cp --parents -L ${binary} /out/`,
  `(ldd ${binary} || true) > /tmp/ldd.txt`,
  `awk '$2 == "=>" && $3 ~ /^\\// {print $3} $1 ~ /^\\// {print $1}' /tmp/ldd.txt > /tmp/libs.txt`,
  'xargs -r -a /tmp/libs.txt -I{} cp --parents -L {} /out/',
];

/**
 * Where `make install` puts programs: $(PREFIX)/bin (daemons installed to sbin are rarer: not guessed), PREFIX (or prefix) given on its command line, else
 * /usr/local (the GNU and redis Makefiles' default). A DESTDIR or a PREFIX from a variable leaves it unknown.
 */
function makeInstallCandidates(input: RecipeInput, name: string): string[] {
  const out: string[] = [];
  for (const { use } of stageCommands(input)) {
    if (use.name !== 'make' || !use.args.some((a) => a.value === 'install')) continue;
    const assigned = (key: string): string | undefined => use.args.find((a) => a.value.startsWith(`${key}=`))?.value.slice(key.length + 1);
    if (assigned('DESTDIR') !== undefined) continue;
    const prefix = (assigned('PREFIX') ?? assigned('prefix') ?? '/usr/local').replace(/\/+$/, '');
    if (prefix.includes('$') || !prefix.startsWith('/')) continue;
    out.push(`${prefix}/bin/${name}`);
  }
  return out;
}

/**
 * C/C++ (make, cmake, gcc): the program CMD/ENTRYPOINT runs is the artifact. By default it goes to scratch with
 * exactly the shared libraries ldd lists (collected in the builder, glibc builders only); `distroless` gives
 * distroless/cc (glibc, libstdc++, libssl) and the binary alone.
 */
export const cRecipe: Recipe = (input) => {
  const start = startCommand(input);
  if (!start) return { declined: 'the image has no CMD or ENTRYPOINT naming the program' };
  const node = (input.entrypoint ?? input.cmd)!.node;
  if (start.argv === null && !input.needsShell) return { declined: `${start.keyword} at line ${lineOf(node)} needs a shell` };
  // A program found by PATH lookup is the build's when `make install` put it in a directory on the PATH.
  const program = start.argv ? resolveProgram(input, start.argv[0]!, makeInstallCandidates(input, start.argv[0]!)) : null;
  if (!program) {
    return {
      declined: start.argv
        ? `${start.keyword} runs \`${start.argv[0]}\` by PATH lookup: where the build put it is not written down (use an absolute path)`
        : `${start.keyword} at line ${lineOf(node)} needs a shell to run`,
    };
  }
  if (/\.(sh|bash|py|pl|rb|js|php)$/.test(program)) return { declined: `${start.keyword} runs ${program}, a script, not a compiled program` };
  const copied = copiedTo(input, program);
  if (copied) return { declined: `${start.keyword} runs ${program}, which COPY/ADD at line ${lineOf(copied)} puts there: it is not what the build compiles` };
  const runtime = runtimePackagesReason(input, 'the final stage');
  if (runtime) return { declined: runtime };
  if (SYSTEM_BIN.test(program)) return { declined: `${start.keyword} runs ${program}, which may be a program of the base image rather than the build's artifact` };
  if (input.family.libc !== 'glibc' && input.finalBase !== 'keep') {
    return { declined: `${input.stage.base.written} is not a known glibc (Debian/Ubuntu) image: the shared libraries the binary needs cannot be collected` };
  }
  const data = contextData(input, (name) => C_SOURCE.test(name));
  const dataNote = data.length > 0 ? [`also copies ${data.map((d) => d.from).join(', ')}: files COPY brought in besides sources, which the program may read`] : [];
  const choice = input.needsShell && input.finalBase !== 'keep' ? 'slim' : input.finalBase;
  const entry = execFormEntry(input, [program]);
  switch (choice) {
    case 'auto':
    case 'scratch':
    case 'busybox': {
      if (input.family.distro !== 'debian' && input.family.distro !== 'ubuntu') {
        return { declined: `collecting shared libraries with ldd and cp --parents needs a Debian/Ubuntu builder, not ${input.stage.base.written}` };
      }
      // busybox (chosen in the config) adds a shell to the same self-contained tree.
      const busybox = choice === 'busybox';
      if (!entry && !busybox) return { declined: 'the CMD after the ENTRYPOINT needs a shell, which scratch lacks' };
      return {
        ecosystem: 'C/C++',
        finalBase: busybox ? BUSYBOX_RUNTIME : 'scratch',
        baseReason: busybox
          ? 'optimize.finalBase is busybox: sh and coreutils, plus the binary and the shared libraries ldd lists'
          : 'the binary and the shared libraries ldd lists are all it needs',
        artifacts: [{ from: '/out/', to: '/' }, ...data],
        builderEdits: [],
        builderAppend: [collectLibraries(program)],
        finalSetup: [],
        ...(busybox ? {} : entry),
        shellless: !busybox,
        notes: [`${program} and its shared libraries collected under /out in the builder`, ...dataNote],
        alternatives: [
          `${DISTROLESS.cc} — about 20 MB of glibc, libstdc++ and libssl whether the program uses them or not (optimize.finalBase: distroless)`,
          'static linking (LDFLAGS=-static) would need no libraries at all, but changes how the program is built',
        ],
      };
    }
    case 'distroless':
      if (!entry) return { declined: 'the CMD after the ENTRYPOINT needs a shell, which distroless lacks' };
      return {
        ecosystem: 'C/C++',
        finalBase: DISTROLESS.cc,
        baseReason: 'distroless/cc has glibc, libstdc++ and libssl; other libraries the binary links are not there',
        artifacts: withContextData([{ from: program, to: program }], data),
        builderEdits: [],
        builderAppend: [],
        finalSetup: [],
        ...entry,
        shellless: true,
        notes: dataNote,
      };
    case 'alpine':
      return { declined: 'a glibc binary does not run on alpine (musl)' };
    case 'keep':
    case 'slim': {
      const base = choice === 'keep' ? input.stage.base.written : debianSlim(input.family);
      if (!base) return { declined: `${input.stage.base.written} has no known -slim variant` };
      return {
        ecosystem: 'C/C++',
        finalBase: base,
        baseReason: input.needsShell ? 'the image needs a shell at run time' : `optimize.finalBase is ${choice}`,
        artifacts: withContextData([{ from: program, to: program }], data),
        builderEdits: [],
        builderAppend: [],
        finalSetup: [],
        shellless: false,
        notes: [...dataNote, 'libraries installed only in the builder are not in the final image: add their runtime packages if the binary needs them'],
      };
    }
  }
};
