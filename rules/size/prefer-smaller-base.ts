import { defineRule, type RuleContext } from '../../src/engine';
import { finalImageStages, instructionsOf, type Stage } from '../../src/model';
import { baseImageToolchain, isToolchainEntrypoint, officialName, packageToolchain, toolchainUse } from '../../src/model/toolchains';
import { formatBytes } from '../../src/sizes';
import { finalBaseSize } from '../../src/sizes/bases';
import { formatSize, IMAGE_SIZES, saving, smallerVariant, type SmallerBase, TOOLCHAIN_RUNTIME } from '../../src/optimize/baseVariants';
import type { InstructionNode } from '../../src/parse';
import { basename, type CommandUse, commandUses, effectiveArgv, splitCommands } from '../../src/shell';
import { requestedPackages, toolInvocation } from '../../src/shell/packageManagers';
import { multiStageReport } from '../use-multi-stage';
import { type CopiedProgram, copiedProgramOnly } from './copiedProgramOnly';

/** Report only when the variant saves at least this share of the original (ubuntu → debian-slim saves ~4 %). */
const MIN_SHARE = 0.25;
/** Where a program that needs only libc, libstdc++, the CA bundle and time zone data runs (no shell, no package manager). */
const DISTROLESS_CC = 'gcr.io/distroless/cc-debian12';

/**
 * Programs the full python/node images (buildpack-deps underneath) have and their -slim variants lack, with the
 * Debian packages that bring them back.
 */
const BUILD_TOOLS: ReadonlyArray<readonly [RegExp, readonly string[]]> = [
  [/^curl$/, ['curl']],
  [/^wget$/, ['wget']],
  [/^git$/, ['git']],
  [/^(gcc|cc|g\+\+|c\+\+|cpp)$/, ['gcc', 'g++', 'build-essential']],
  [/^make$/, ['make', 'build-essential']],
  [/^(ssh|scp|sftp|ssh-keyscan|ssh-keygen)$/, ['openssh-client', 'ssh']],
  [/^(unzip)$/, ['unzip']],
  [/^(bzip2|bunzip2)$/, ['bzip2']],
  [/^(xz|unxz)$/, ['xz-utils']],
  [/^(gpg|gpg2)$/, ['gnupg', 'gpg', 'gnupg2']],
  [/^(ps|pgrep|pkill|top|free|watch)$/, ['procps']],
  [/^file$/, ['file']],
  [/^patch$/, ['patch']],
  [/^(hg)$/, ['mercurial']],
  [/^(svn)$/, ['subversion']],
  [/^(pkg-config)$/, ['pkg-config', 'pkgconf']],
  [/^(autoconf|automake|autoreconf|libtool)$/, ['autoconf', 'automake', 'libtool']],
];
/** On node's full image node-gyp finds python3, make and g++; node:slim has none of them. */
const NODE_BUILD_TOOLS: ReadonlyArray<readonly [RegExp, readonly string[]]> = [[/^python3?$/, ['python3', 'python3-minimal', 'python-is-python3']]];
/** Debian's -slim drops man pages, docs and translations (dpkg path-exclude). */
const DOCS_TOOLS: ReadonlyArray<readonly [RegExp, readonly string[]]> = [
  [/^(man|info|apropos|whatis)$/, ['man-db', 'info']],
  [/^(locale-gen|localedef)$/, []],
];
/** Package installs that compile from source when no wheel/prebuilt binary fits: the full images carry the compiler. */
const COMPILING_INSTALLS = /^(pip|pip3|pip[\d.]+|pipenv|poetry|uv|npm|yarn|pnpm|gem|bundle|node-gyp)$/;
/** JDK packages whose postinst needs /usr/share/man/man1, which Debian's -slim leaves out (fails on older releases). */
const MAN_PAGE_PACKAGES = /^(openjdk-\d+-(jre|jdk)(-headless)?|default-(jre|jdk)(-headless)?|postgresql-client(-\d+)?)$/;
/** Keep-alive commands of dev containers (`sleep infinity`, `tail -f /dev/null`) and toolchain wrappers (`go-wrapper run`). */
const KEEP_ALIVE = /^(sleep|tail|go-wrapper)$/;
/** Final stage names of development, test and CI environments (`dev`, `development`, `dev-envs`, `devcontainer`, `test`, `ci`). */
const DEV_STAGE = /^(dev|develop|development|devcontainer|dev[-_].*|.*[-_]dev|test|tests|testing|ci|debug)$/i;
/** Tools only a JDK has. */
const JDK_TOOLS = /^(javac|jar|jlink|jdeps|jshell|jcmd|jstack|jmap|jps|jstat|jhsdb|jconsole|jdb|javadoc|jpackage|native-image)$/;

interface Blocker {
  /** What the image does, for the message: `` `curl` at line 7 ``. */
  readonly what: string;
  /** Why the variant cannot run it: `lacks` (a program) or a full sentence part. */
  readonly why: 'lacks' | string;
}

const lineOf = (node: InstructionNode): number => node.range.start.line + 1;

/** Programs named in CMD/ENTRYPOINT/HEALTHCHECK: exec-form words or shell-form commands. */
function startedPrograms(inst: InstructionNode): string[] {
  let text = inst.argsText.text;
  if (inst.keyword === 'HEALTHCHECK') {
    const m = /\bCMD\s+([\s\S]*)$/i.exec(text);
    if (!m) return [];
    text = m[1]!;
  }
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) {
    try {
      const words = JSON.parse(trimmed) as unknown;
      if (Array.isArray(words) && words.every((w) => typeof w === 'string')) {
        const argv = words as string[];
        // `["sh", "-c", "curl …"]`: the commands the shell runs.
        if (argv.length >= 3 && /(^|\/)(ba|da)?sh$/.test(argv[0]!) && argv[1] === '-c') return programsOf(argv[2]!);
        return argv.slice(0, 1).map(basename);
      }
    } catch {
      return [];
    }
  }
  return programsOf(trimmed);
}

function programsOf(script: string): string[] {
  return splitCommands(script)
    .map((c) => basename(effectiveArgv(c)[0]?.value ?? ''))
    .filter(Boolean);
}

/** Whether use-multi-stage reports this file (then its message and fix cover the base image). */
function useMultiStageFires(context: RuleContext): boolean {
  return multiStageReport(context) !== null;
}

/** Why the variant cannot simply replace the base: the first program the stage uses that it lacks and does not install. */
function firstBlocker(chain: readonly Stage[], variant: SmallerBase, node: boolean): Blocker | null {
  const instructions = instructionsOf(chain);
  const installed = new Set<string>();
  for (const inst of instructions) {
    if (inst.keyword !== 'RUN') continue;
    for (const use of commandUses(inst)) for (const name of installedBy(use)) installed.add(name);
  }
  const tools = variant.lacks === 'docs' ? DOCS_TOOLS : node ? [...BUILD_TOOLS, ...NODE_BUILD_TOOLS] : BUILD_TOOLS;
  const missing = (program: string): boolean =>
    tools.some(([re, packages]) => re.test(program) && (packages.length === 0 || !packages.some((p) => installed.has(p))));
  const compilerInstalled = ['gcc', 'build-essential', 'g++'].some((p) => installed.has(p));
  for (const inst of instructions) {
    if (inst.keyword === 'RUN') {
      for (const use of commandUses(inst)) {
        if (missing(use.name)) return { what: `\`${use.name}\` at line ${lineOf(inst)}`, why: 'lacks' };
        if (variant.lacks === 'build-tools' && COMPILING_INSTALLS.test(use.name) && !compilerInstalled) {
          const sub = use.args.find((a) => !a.value.startsWith('-'))?.value ?? '';
          if (/^(install|i|ci|add|sync|update)$/.test(sub) || (use.name === 'yarn' && sub === '') || use.name === 'bundle') {
            return {
              what: `\`${use.name}${sub ? ` ${sub}` : ''}\` at line ${lineOf(inst)}`,
              why: "may compile packages that have no prebuilt binary with the gcc, make and -dev headers only the full image has",
            };
          }
        }
        if (variant.lacks === 'docs') {
          const pkg = installedBy(use).find((name) => MAN_PAGE_PACKAGES.test(name));
          if (pkg) return { what: `\`${pkg}\` at line ${lineOf(inst)}`, why: 'runs a postinst that writes into /usr/share/man, which -slim leaves out' };
        }
      }
      if (variant.lacks === 'docs' && /\/usr\/share\/(doc|man|locale|info)\b/.test(inst.argsText.text)) {
        return { what: `the RUN at line ${lineOf(inst)}`, why: 'reads or writes /usr/share/doc, man, info or locale, which -slim leaves out' };
      }
    } else if (inst.keyword === 'CMD' || inst.keyword === 'ENTRYPOINT' || inst.keyword === 'HEALTHCHECK') {
      const program = startedPrograms(inst).find(missing);
      if (program) return { what: `\`${program}\` at line ${lineOf(inst)}`, why: 'lacks' };
    }
  }
  return null;
}

/** Package names a command installs (apt, apt-get, apk, yum, dnf, …), versions stripped. */
function installedBy(use: CommandUse): string[] {
  if (use.name === 'apt' || use.name === 'aptitude') {
    const words = use.args.map((a) => a.value);
    const sub = words.find((w) => !w.startsWith('-'));
    if (sub !== 'install') return [];
    return words.slice(words.indexOf(sub) + 1).filter((w) => !w.startsWith('-')).map(stripVersion);
  }
  const inv = toolInvocation(use.argv);
  const request = inv && inv.tool !== 'pip' && inv.tool !== 'npm' && inv.tool !== 'gem' ? requestedPackages(inv) : null;
  return (request?.packages ?? []).map((w) => stripVersion(w.value));
}

const stripVersion = (word: string): string => word.toLowerCase().replace(/[=:].*$/, '');

/** A CMD that only keeps the container running (`sleep infinity` after an init ENTRYPOINT): a dev container. */
function keptAlive(instructions: readonly InstructionNode[]): boolean {
  const cmd = [...instructions].reverse().find((i) => i.keyword === 'CMD');
  if (!cmd) return false;
  const argv = startCommand([cmd]);
  return argv !== null && KEEP_ALIVE.test(basename(argv[0] ?? ''));
}

/** Whether the image installs a compiler, SDK or packaging tools of its own: a build environment, not a runtime. */
function installsToolchain(runs: readonly InstructionNode[]): boolean {
  return runs.some((run) =>
    commandUses(run).some((use) =>
      installedBy(use).some((name) => packageToolchain(name) !== null || /^(devscripts|debhelper|dh-make|rpm-build)$/.test(name)),
    ),
  );
}

/** The argv of the final image's command (ENTRYPOINT + CMD words), exec or shell form. */
function startCommand(instructions: readonly InstructionNode[]): string[] | null {
  let entrypoint: InstructionNode | null = null;
  let cmd: InstructionNode | null = null;
  for (const inst of instructions) {
    if (inst.keyword === 'ENTRYPOINT') entrypoint = inst;
    else if (inst.keyword === 'CMD') cmd = inst;
  }
  const first = entrypoint ?? cmd;
  if (!first) return null;
  if (first.execForm) return [...first.execForm];
  const command = splitCommands(first.argsText.text)[0];
  return command ? effectiveArgv(command).map((w) => w.value) : [];
}

export default defineRule({
  meta: {
    id: 'prefer-smaller-base',
    aliases: [],
    category: 'size',
    severity: 'info',
    fix: 'unsafe',
    docs: {
      summary: "Flags a final image whose base has a smaller variant that runs the same thing (`python:3.12` → `python:3.12-slim`).",
      rationale:
        'The default tags of the official language images are built on buildpack-deps: compilers, version control, ' +
        'hundreds of -dev libraries. Measured (uncompressed, linux/amd64, docker-library repo-info): python:3.12 ' +
        '~1.02 GB vs python:3.12-slim ~124 MB; node:24 ~1.13 GB vs node:24-slim ~227 MB; debian:bookworm ~117 MB vs ' +
        'debian:bookworm-slim ~75 MB (no man pages, docs or translations); eclipse-temurin:17-jdk ~422 MB vs 17-jre ' +
        '~264 MB. An image that only runs an application pulls, stores and scans all of that for nothing.',
      bad: 'FROM python:3.12\nWORKDIR /app\nCOPY app.py .\nCMD ["python", "app.py"]\n',
      good: 'FROM python:3.12-slim\nWORKDIR /app\nCOPY app.py .\nCMD ["python", "app.py"]\n',
      fixSafety:
        'Unsafe: the fix rewrites the tag of the base image in FROM, so the files the container finds change. It is ' +
        'offered only for a variant of the same image on the same distribution release and libc: `debian:<v>` → ' +
        '`debian:<v>-slim`, `python:<v>[-<release>]` → `python:<v>-slim[-<release>]`, `node:<v>[-<release>]` → ' +
        '`node:<v>[-<release>]-slim` (the moving tags of both follow the same default Debian release), and a JDK tag ' +
        'of eclipse-temurin, sapmachine or ibm-semeru-runtimes → the same vendor\'s `-jre` tag on the same OS. It is ' +
        'not offered, and the message says why, when the image uses something the variant lacks and does not ' +
        'install it itself: for python/node `curl`, `wget`, `git`, `gcc`/`make`, `ssh`, `unzip`, `ps`, … in a RUN, ' +
        'CMD, ENTRYPOINT or HEALTHCHECK, or a `pip`/`npm`/`yarn`/`gem`/`bundle` install (packages without prebuilt ' +
        'binaries compile with the full image\'s gcc and -dev headers) without installing a compiler; for Debian ' +
        '`man`, `locale-gen`, paths under /usr/share/doc|man|locale, or JDK/postgresql-client packages whose ' +
        'postinst writes man pages; for a JDK, any JDK-only tool (`javac`, `jar`, `jcmd`, `jstack`, …). A base ' +
        'written with an ARG (`python:${PY}`) is not rewritten. Moves to another family (Alpine: musl instead of ' +
        'glibc, apk package names; distroless: no shell, no package manager; Debian for Ubuntu; another vendor\'s ' +
        'JRE) are only named in the message, never applied. Scripts the image runs are not read: test the image.',
      notes:
        'Looks only at the stage chain that makes up the final image (its base image is the one judged); builder ' +
        'stages never ship and are ignored. Fires only when the final image starts something of its own (CMD or ' +
        'ENTRYPOINT) that is not a shell or the toolchain itself, i.e. a runtime image rather than a dev or CI image; ' +
        'nor when its final stage is named as a development, test or CI environment (`dev`, `development`, ' +
        '`dev-envs`, `test`, `ci`, …), nor when it keeps a dev container alive (`sleep infinity`, `tail -f /dev/null`) or declares ONBUILD triggers ' +
        '(a base for other images, judged where it is used), nor when it removes its build dependencies with the ' +
        'official-images idiom (`apt-mark showmanual` … `apt-get purge --auto-remove`): such published base images ' +
        'picked their base for the images built on them. ' +
        'Toolchain images as the runtime (golang, rust, gcc, maven, gradle, a JDK that builds) belong to ' +
        '`use-multi-stage`: when it fires on the file this rule stays silent; when nothing in the image builds with ' +
        'the toolchain (the artifact was copied in) this rule names a runtime base instead, unless the image installs compilers, SDKs or packaging tools of its ' +
        'own (build-essential, nodejs, devscripts, …: a build environment). A JDK is judged only when ' +
        'the image starts `java`. The variant table with its sizes and their sources is src/optimize/baseVariants.ts ' +
        '(docker-library repo-info\'s uncompressed sizes, read 2026-11-23; Docker Hub shows compressed sizes). ' +
        'Ubuntu → debian-slim is in the table but saves only ~3 MB (ubuntu:24.04 ~78 MB vs debian:bookworm-slim ' +
        '~75 MB), under the 25 % the rule asks for, so it stays quiet there, unless the image only starts a program ' +
        'that a COPY or ADD put in place (exec form, not a script; its RUNs install nothing but ca-certificates or ' +
        'tzdata): then, on Ubuntu and on Debian (slim or not), it names gcr.io/distroless/cc-debian12 (~22 MB, the ' +
        'lab\'s stand-in measured here) or static/scratch for a static binary, as a suggestion without a fix, since the ' +
        'program may need a library of the distribution that the Dockerfile does not show. Base images from an ARG without a ' +
        'default or whose whole name is an ARG (`FROM ${IMAGE}`: the caller picks), digests and non-official images ' +
        'are not judged.',
    },
  },
  create(context) {
    return {
      'dockerfile:exit'(model) {
        const final = model.finalStage;
        if (!final) return;
        const chain = finalImageStages(model);
        const root = chain[0]!;
        const base = root.base;
        if (base.isScratch || base.stage || base.unresolvedArgs.length > 0) return;
        const instructions = instructionsOf(chain);
        const start = startCommand(instructions);
        if (!start || start.length === 0 || isToolchainEntrypoint(start) || KEEP_ALIVE.test(basename(start[0] ?? ''))) return;
        if (keptAlive(instructions)) return;
        // The official-images idiom (`apt-mark showmanual` … `purge --auto-remove`) marks a published base image built
        // with size in mind: its base was chosen for the images built on it (nginx Unit's language images).
        if (instructions.some((i) => i.keyword === 'RUN' && /\bapt-mark\s+(showmanual|auto)\b/.test(i.argsText.text))) return;
        // The whole image name is a parameter (`FROM ${IMAGE}`, a default for tests): the caller picks the base.
        if (base.written.startsWith('$')) return;
        // A stage named as a development or CI environment wants the full image's tools.
        if (final.name && DEV_STAGE.test(final.name)) return;
        // A base for other images (its ONBUILD triggers run there) is judged where it is used.
        if (instructions.some((i) => i.keyword === 'ONBUILD')) return;

        const name = officialName(base.ref) ?? '';
        const toolchain = baseImageToolchain(base.ref);
        const runs = instructions.filter((i) => i.keyword === 'RUN');
        const buildsWith = (kind: string): boolean =>
          runs.some((r) => commandUses(r).some((u) => toolchainUse(u.argv.map((w) => w.value))?.kind === kind));

        // Compilers as the runtime: use-multi-stage's territory.
        const runtime = TOOLCHAIN_RUNTIME[name];
        if (runtime || name === 'maven' || name === 'gradle') {
          if (buildsWith(toolchain ?? '') || installsToolchain(runs) || useMultiStageFires(context)) return;
          const suggestion = runtime ?? 'a JRE image (eclipse-temurin:<major>-jre)';
          context.report({
            range: base.range,
            message:
              `Final image runs on ${base.ref.text}, which ships a whole toolchain (hundreds of MB) that nothing in the image builds with; ` +
              `run the artifact on ${suggestion} or debian:bookworm-slim instead (use-multi-stage's fix does this when the image builds it).`,
            fixDeclined: 'which runtime image fits depends on the artifact, which the Dockerfile does not show',
          });
          return;
        }

        const variant = smallerVariant(base.ref);
        const saved = variant ? saving(variant) : null;
        const variantPays = variant !== null && !(saved && saved.share < MIN_SHARE);
        // A full distribution that only starts a program COPY'd in: distroless runs it without the distribution.
        const copied = name === 'ubuntu' || name === 'debian' ? copiedProgramOnly(model, instructions) : null;
        if (copied && !variantPays) {
          if (!useMultiStageFires(context)) reportDistroless(context, base, copied);
          return;
        }
        if (!variant || !variantPays) return;
        const isJdk = toolchain === 'java';
        if (isJdk) {
          if (basename(start[0] ?? '') !== 'java') return;
          if (buildsWith('java')) return;
        }
        if (useMultiStageFires(context)) return;

        // The gap between the two measured tags: other versions of either weigh a little more or less.
        const estimate =
          saved && variant.from && variant.to
            ? { bytes: Math.round(saved.mb * 1e6), basis: `${variant.from.source} minus ${variant.to.source}` }
            : null;
        const sizes =
          variant.from && variant.to
            ? ` (${formatBytes(estimate?.bytes ?? 0)} less: ${variant.from.tag} ${formatSize(variant.from.mb)}, ${variant.to.tag} ${formatSize(variant.to.mb)})`
            : '';
        const withEstimate = estimate ? { estimate } : {};
        const also = variant.alsoSuggest
          ? `, or ${variant.alsoSuggest} (no shell)`
          : copied
            ? `, or ${DISTROLESS_CC} (no shell; the image only starts \`${copied.program}\`, which the ${copied.copy.keyword} at line ${lineOf(copied.copy)} puts there)`
            : '';
        const blocker = isJdk ? jdkToolUse(instructions) : firstBlocker(chain, variant, name === 'node');
        const lead = `Final image is based on ${base.ref.text}; ${variant.image} runs the same thing in less space${sizes}`;
        if (!variant.sameFamily) {
          context.report({ range: base.range, message: `${lead}${also} — a suggestion only: ${variant.caveat}.`, fixDeclined: variant.caveat!, ...withEstimate });
          return;
        }
        if (blocker) {
          context.report({
            range: base.range,
            message:
              `${lead}${also}, but no fix: ${blocker.what} ` +
              (blocker.why === 'lacks' ? `needs a program ${variant.image} lacks` : blocker.why) +
              '; install what it needs there, or keep this base.',
            fixDeclined: `${blocker.what} ${blocker.why === 'lacks' ? `needs a program ${variant.image} lacks` : blocker.why}`,
            ...withEstimate,
          });
          return;
        }
        if (base.written.includes('$')) {
          context.report({
            range: base.range,
            message: `${lead}${also}; switch the tag (no automatic fix: the image name comes from an ARG).`,
            fixDeclined: 'the image name comes from an ARG',
            ...withEstimate,
          });
          return;
        }
        context.report({
          range: base.range,
          message: `${lead}${also}; switch to it.`,
          fix: (fixer) => fixer.replace(base.range, variant.image),
          ...withEstimate,
        });
      },
    };
  },
});

/** A JDK-only tool the image uses (then a JRE cannot replace the JDK). */
function jdkToolUse(instructions: readonly InstructionNode[]): Blocker | null {
  for (const inst of instructions) {
    if (inst.keyword === 'RUN') {
      const use = commandUses(inst).find((u) => JDK_TOOLS.test(u.name));
      if (use) return { what: `\`${use.name}\` at line ${lineOf(inst)}`, why: 'lacks' };
    } else if (inst.keyword === 'CMD' || inst.keyword === 'ENTRYPOINT' || inst.keyword === 'HEALTHCHECK') {
      const program = startedPrograms(inst).find((p) => JDK_TOOLS.test(p));
      if (program) return { what: `\`${program}\` at line ${lineOf(inst)}`, why: 'lacks' };
    }
  }
  return null;
}

/**
 * The suggestion for a full Debian or Ubuntu image that only starts a program COPY'd in: distroless/cc, or
 * static/scratch for a static binary. Named only, never applied: the program may still need a library or file of
 * the distribution that nothing in the Dockerfile shows.
 */
function reportDistroless(context: RuleContext, base: Stage['base'], copied: CopiedProgram): void {
  const from = officialName(base.ref) === 'ubuntu' ? IMAGE_SIZES.ubuntu : /(^|-)slim/.test(base.ref.tag ?? '') ? IMAGE_SIZES.debianSlim : IMAGE_SIZES.debian;
  const to = finalBaseSize(DISTROLESS_CC);
  const bytes = to ? Math.round(from.mb * 1e6) - to.bytes : 0;
  const estimate = to && bytes > 0 ? { bytes, basis: `${from.source} minus ${to.source}` } : null;
  const sizes = estimate ? ` (${formatBytes(bytes)} less: ${from.tag} ${formatSize(from.mb)}, ${DISTROLESS_CC} ${formatSize(to!.bytes / 1e6)})` : '';
  context.report({
    range: base.range,
    message:
      `Final image is based on ${base.ref.text} but only starts \`${copied.program}\`, which the ${copied.copy.keyword} at line ${lineOf(copied.copy)} puts there; ` +
      `${DISTROLESS_CC} (glibc, libstdc++, CA certificates, time zone data; no shell) runs it in less space${sizes}, ` +
      `or gcr.io/distroless/static-debian12 or scratch when it is statically linked — a suggestion only: check that it needs nothing else from the distribution.`,
    related: [{ range: copied.copy.range, message: `the ${copied.copy.keyword} that puts ${copied.program} in the image` }],
    fixDeclined: 'distroless has no shell and no package manager, and the program may need a library of the distribution that the Dockerfile does not show',
    ...(estimate ? { estimate } : {}),
  });
}
