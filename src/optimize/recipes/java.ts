import { posix } from 'node:path';
import { escapeRegExp } from '../../model';
import { toolchainUse } from '../../model/toolchains';
import { DEBIAN_DEFAULT_JDK, DISTROLESS_JAVA_ENTRYPOINT, DISTROLESS_JAVA_MAJORS, distrolessJava, javaImageMajor, jreImage } from '../bases';
import type { Artifact, Recipe, RecipeInput, RecipeOutcome } from '../types';
import { lineOf, resolvePath, searchPath, type StageCommand, stageCommands } from './support';
import {
  addedTrust,
  artifact,
  contextPath,
  copiedFrom,
  copyOps,
  expand,
  healthcheckTools,
  installedPackages,
  installRun,
  parseArgs,
  startProgram,
  userFiles,
} from './trace';

type Tool = 'maven' | 'gradle' | 'javac';

interface JavaBuild {
  readonly cmd: StageCommand;
  readonly tool: Tool;
  /** The project directory (`-f`, `-p`, else where it ran); for javac, where the classes go (`-d`, else the cwd). */
  readonly dir: string;
}

const MAVEN_VALUE_OPTIONS = new Set(['-f', '--file', '-s', '--settings', '-gs', '--global-settings', '-P', '--activate-profiles', '-pl', '--projects', '-T', '--threads', '-t', '--toolchains', '-l', '--log-file', '-rf', '--resume-from', '-D', '--define', '-b', '--builder']);
const GRADLE_VALUE_OPTIONS = new Set(['-p', '--project-dir', '-b', '--build-file', '-c', '--settings-file', '-x', '--exclude-task', '-I', '--init-script', '-g', '--gradle-user-home', '--console', '--warning-mode', '--max-workers', '-P', '--project-prop', '-D', '--system-prop', '--priority']);
const JAVAC_VALUE_OPTIONS = new Set(['-d', '-cp', '-classpath', '--class-path', '-sourcepath', '--source-path', '-s', '-h', '--release', '-source', '-target', '-encoding', '-p', '--module-path']);

/** java launcher options that take the next word as their value. */
const JAVA_VALUE_OPTIONS = new Set(['-cp', '-classpath', '--class-path', '-p', '--module-path', '--upgrade-module-path', '--add-modules', '--add-reads', '--add-exports', '--add-opens', '--limit-modules', '--patch-module', '--source', '--enable-native-access']);

/** Files a java command line names that the program reads: agents, configuration, keystores. */
const FILE_LIKE = /^[\w./@+-]+\.(jar|war|xml|ya?ml|properties|json|conf|policy|toml|ini|cfg|jks|p12|pem|crt|key|keystore)$/i;

/** A build output: a jar or war directly in a `target/` (maven) or `build/libs/` (gradle) directory of the project. */
const MAVEN_JAR = /^(?:[^/]+\/)*target\/[^/]+\.(jar|war)$/;
const GRADLE_JAR = /^(?:[^/]+\/)*build\/libs\/[^/]+\.(jar|war)$/;
/** gradle installDist: build/install/<name>/bin/<script> runs the app from build/install/<name>/lib. */
const GRADLE_DIST = /^((?:[^/]+\/)*build\/install\/[^/]+)\/bin\/[^/]+$/;

function javaBuilds(input: RecipeInput): JavaBuild[] | { declined: string } {
  const builds: JavaBuild[] = [];
  for (const cmd of stageCommands(input)) {
    const use = toolchainUse(cmd.use.argv.map((w) => w.value));
    if (!use || use.kind !== 'java') continue;
    const tool: Tool = /^(mvn|mvnw)$/.test(cmd.use.name) ? 'maven' : /^(gradle|gradlew)$/.test(cmd.use.name) ? 'gradle' : 'javac';
    if (cmd.cwd === null) return { declined: `\`${use.label}\` at line ${lineOf(cmd.run)} runs after a \`cd\` to a directory not written down` };
    const { options } = parseArgs(cmd.use, tool === 'maven' ? MAVEN_VALUE_OPTIONS : tool === 'gradle' ? GRADLE_VALUE_OPTIONS : JAVAC_VALUE_OPTIONS);
    const option = (...names: string[]): string | null | undefined => {
      const found = names.map((n) => options.get(n)).find((v) => v !== undefined);
      return found === undefined ? undefined : expand(input, cmd.run, found[found.length - 1]!);
    };
    const given = tool === 'maven' ? option('-f', '--file') : tool === 'gradle' ? option('-p', '--project-dir') : option('-d');
    if (given === null) return { declined: `\`${use.label}\` at line ${lineOf(cmd.run)} names its project or output directory with a variable` };
    let dir = given ? posix.resolve(cmd.cwd, given) : cmd.cwd;
    if (tool === 'maven' && given && /\.xml$/.test(given)) dir = posix.dirname(dir);
    builds.push({ cmd, tool, dir });
  }
  return builds;
}

/** The build that writes `path` (a jar in target/ or build/libs/, or a gradle distribution's start script). */
function buildOutput(builds: readonly JavaBuild[], path: string): JavaBuild | undefined {
  return builds.find((b) => {
    if (b.tool === 'javac' || (path !== b.dir && !path.startsWith(`${b.dir}/`))) return false;
    const rel = posix.relative(b.dir, path);
    return b.tool === 'maven' ? MAVEN_JAR.test(rel) : GRADLE_JAR.test(rel) || GRADLE_DIST.test(rel);
  });
}

interface JavaCommand {
  /** Options before the jar or main class. */
  readonly options: readonly string[];
  readonly jar: string | null;
  readonly main: string | null;
  readonly classpath: string | null;
}

/** `java [options] -jar app.jar [args]` / `java [options] [-cp cp] Main [args]`; null for modules and @argfiles. */
function parseJava(argv: readonly string[]): JavaCommand | null {
  const options: string[] = [];
  let classpath: string | null = null;
  for (let i = 1; i < argv.length; i++) {
    const word = argv[i]!;
    if (word === '-jar') return argv[i + 1] ? { options, jar: argv[i + 1]!, main: null, classpath } : null;
    if (word === '-m' || word === '--module' || word.startsWith('--module=') || word.startsWith('@')) return null;
    if (JAVA_VALUE_OPTIONS.has(word)) {
      if (/^(-cp|-classpath|--class-path)$/.test(word)) classpath = argv[i + 1] ?? null;
      options.push(word, argv[++i] ?? '');
      continue;
    }
    if (word.startsWith('--class-path=')) classpath = word.slice('--class-path='.length);
    if (word.startsWith('-') || word.startsWith('$')) {
      options.push(word);
      continue;
    }
    return { options, jar: null, main: word, classpath };
  }
  return null;
}

/** The path a command-line word names, for the files the program reads (`-javaagent:/opt/agent.jar=…`, `--config=app.yml`). */
function namedFile(word: string): string | null {
  const agent = /^-(?:javaagent|agentpath):([^=]+)/.exec(word)?.[1];
  if (agent) return agent;
  const value = word.includes('=') && word.startsWith('-') ? word.slice(word.indexOf('=') + 1) : word.startsWith('-') ? null : word;
  const path = value?.replace(/^file:/, '') ?? null;
  return path && FILE_LIKE.test(path) && !path.includes('$') ? path : null;
}

/** The major of the JDK the stage builds with: from the image tag, or the JDK package installed. */
function javaMajor(input: RecipeInput): { major: number; packages: boolean } | null {
  const fromImage = javaImageMajor(input.stage.base.ref);
  if (fromImage !== null) return { major: fromImage, packages: false };
  for (const { name } of installedPackages(input)) {
    const explicit = /^(?:openjdk-?|temurin-|java-)(\d+)/.exec(name)?.[1];
    if (explicit) return { major: Number(explicit), packages: true };
  }
  const codename = input.family.distro === 'debian' ? input.family.codename : null;
  const defaults = installedPackages(input).some((p) => /^(default-jdk(-headless)?|maven|gradle)$/.test(p.name));
  if (defaults && codename && DEBIAN_DEFAULT_JDK[codename]) return { major: DEBIAN_DEFAULT_JDK[codename]!, packages: true };
  return null;
}

/** A file the stage visibly puts in place: COPY/ADD onto it or into a directory above it, a cp/mv, or curl/wget -o. */
function visiblyCreated(input: RecipeInput, path: string): boolean {
  for (const inst of input.stage.instructions) {
    if ((inst.keyword !== 'COPY' && inst.keyword !== 'ADD') || inst.flag('from')) continue;
    const words = inst.execForm ?? inst.words.map((w) => w.value);
    const dest = words[words.length - 1];
    if (!dest || dest.includes('$') || words.length < 2) continue;
    const target = posix.resolve(input.stateBefore(inst).workdir, dest);
    if (path === target || path.startsWith(`${target}/`)) return true;
  }
  for (const cmd of stageCommands(input)) {
    if (cmd.cwd === null) continue;
    const out = parseArgs(cmd.use, new Set(['-o', '--output', '-O', '--output-document'])).options;
    const written = cmd.use.name === 'curl' ? (out.get('-o') ?? out.get('--output')) : cmd.use.name === 'wget' ? (out.get('-O') ?? out.get('--output-document')) : undefined;
    if (written?.some((w) => posix.resolve(cmd.cwd!, w) === path)) return true;
  }
  return copyOps(input).some((op) => op.dest === path || (op.destIsDir !== false && posix.dirname(path) === op.dest));
}

const volumes = (input: RecipeInput): string[] =>
  input.stage.instructions
    .filter((i) => i.keyword === 'VOLUME')
    .flatMap((i) => i.execForm ?? i.words.map((w) => w.value))
    .map((v) => posix.resolve(input.stage.finalState.workdir, v));

/** A pom whose jar is not self-contained: its dependencies copied next to it (maven-dependency-plugin, a Class-Path prefix). */
function pomCopiesDependencies(input: RecipeInput, dir: string): boolean {
  const pom = contextPath(input, posix.join(dir, 'pom.xml'));
  const text = pom === null ? null : input.buildContext!.read(pom);
  return text !== null && /copy-dependencies|<classpathPrefix>/.test(text);
}

/**
 * The base's tag with the ARG it was written with put back (`eclipse-temurin:${JAVA_VERSION}-jdk` →
 * `eclipse-temurin:${JAVA_VERSION}-jre`), so that changing the ARG changes both stages.
 */
function parameterized(input: RecipeInput, base: string): { base: string; arg: string | null } {
  const written = input.stage.base.written;
  const colon = base.lastIndexOf(':');
  const version = /^[^-]+/.exec(base.slice(colon + 1))?.[0];
  if (colon === -1 || !version) return { base, arg: null };
  for (const g of input.model.globalArgs) {
    const name = escapeRegExp(g.name);
    const ref = new RegExp(`\\$\\{${name}\\}|\\$${name}\\b`).exec(written)?.[0];
    if (ref && g.defaultValue === version) return { base: `${base.slice(0, colon + 1)}${ref}${base.slice(colon + 1 + version.length)}`, arg: g.name };
  }
  return { base, arg: null };
}

/**
 * Java (maven, gradle, javac): the jar CMD/ENTRYPOINT runs with `java -jar` (maven's target/, gradle's build/libs/,
 * or a literal copy of one), the classes directory (WORKDIR) a `java Main` runs from, or a gradle installDist tree. It
 * runs on distroless/java<major> (`java` only, no shell) when distroless has the major and the command needs no shell,
 * else on the JRE image of the same major.
 */
export const javaRecipe: Recipe = (input) => {
  const start = startProgram(input);
  if (!start) return { declined: 'the image has no CMD or ENTRYPOINT naming the jar' };
  if (!start.argv) return { declined: `${start.keyword} at line ${lineOf(start.node)} needs a shell, and the command it starts is not written down` };
  if (/windowsservercore|nanoserver/.test(input.stage.base.ref.tag ?? '')) return { declined: 'a Windows base image' };
  const found = javaBuilds(input);
  if ('declined' in found) return found;
  const builds = found;
  if (builds.length === 0) return { declined: 'no maven, gradle or javac build in the stage' };
  const trust = addedTrust(input);
  if (trust) return { declined: trust };
  const workdir = input.stage.finalState.workdir;
  const ops = copyOps(input);
  const isOutput = (source: string): boolean => buildOutput(builds, source) !== undefined;
  const produced = (path: string): boolean => isOutput(path) || copiedFrom(ops, path, isOutput) !== null;

  const argv = start.argv;
  const program = argv[0]!;
  const artifacts: Artifact[] = [];
  const notes: string[] = [];
  let mode: 'jar' | 'classes' | 'dist';
  let command: JavaCommand | null = null;
  if (posix.basename(program) === 'java') {
    command = parseJava(argv);
    if (!command) return { declined: `${start.keyword} runs java with a module, an @argfile or no main class: what it loads is not written down` };
    if (command.jar !== null) {
      mode = 'jar';
      if (/[*?[]/.test(command.jar)) return { declined: `${start.keyword} runs the jar ${command.jar}, a glob: COPY --from needs its literal name` };
      if (command.jar.includes('$')) return { declined: `${start.keyword} names the jar with a variable (${command.jar})` };
      const jar = posix.resolve(workdir, command.jar);
      const direct = buildOutput(builds, jar);
      if (!direct && !produced(jar)) {
        return { declined: `${start.keyword} runs ${jar}, which is not a jar that maven (target/) or gradle (build/libs/) writes, nor a copy of one` };
      }
      const owner = direct ?? buildOutput(builds, copiedFrom(ops, jar, isOutput)!.source)!;
      if (owner.tool === 'maven' && direct && pomCopiesDependencies(input, owner.dir)) {
        artifacts.push(artifact(posix.dirname(jar)));
        notes.push(`the pom copies dependencies next to the jar: all of ${posix.dirname(jar)} is copied`);
      } else artifacts.push(artifact(jar));
    } else {
      mode = 'classes';
      const classpath = command.classpath ?? input.stage.finalState.env.get('CLASSPATH') ?? '.';
      if (classpath.includes('$')) return { declined: `the class path ${classpath} depends on a variable` };
      const entries = classpath.split(':').filter(Boolean).map((e) => posix.resolve(workdir, e.replace(/\/\*$/, '')));
      if (workdir !== '/' && entries.every((e) => e === workdir || e.startsWith(`${workdir}/`))) {
        if (!builds.some((b) => b.dir === workdir || b.dir.startsWith(`${workdir}/`))) {
          return { declined: `the class path is in ${workdir}, but no build writes there` };
        }
        artifacts.push(artifact(workdir));
      } else {
        return { declined: `${start.keyword} runs class ${command.main} from ${classpath}, outside a WORKDIR of its own: the classes to copy are not known` };
      }
    }
  } else {
    const path = resolvePath(input, program, searchPath(input), produced);
    const dist = path === null ? null : builds.find((b) => b.tool === 'gradle' && (path === b.dir || path.startsWith(`${b.dir}/`)) && GRADLE_DIST.test(posix.relative(b.dir, path)));
    if (!path || !dist) return { declined: `${start.keyword} runs \`${program}\`, not java with a jar the build wrote (or a gradle installDist script)` };
    mode = 'dist';
    artifacts.push(artifact(posix.join(dist.dir, GRADLE_DIST.exec(posix.relative(dist.dir, path))![1]!)));
  }

  // Other files the command line names: copied when the stage visibly makes them, left to the run when on a VOLUME.
  const copiedDirs = artifacts.map((a) => a.from);
  const covered = (p: string): boolean => copiedDirs.some((d) => p === d || p.startsWith(`${d}/`));
  const words = [...(command?.options ?? []), ...argv.slice(argv.indexOf(command?.jar ?? command?.main ?? program) + 1)];
  for (const word of words) {
    const named = namedFile(word);
    if (!named) continue;
    const path = posix.resolve(workdir, named);
    if (covered(path) || volumes(input).some((v) => path === v || path.startsWith(`${v}/`))) continue;
    if (!visiblyCreated(input, path) && !produced(path)) return { declined: `the start command names ${named}, which the build does not visibly create` };
    artifacts.push(artifact(path));
    copiedDirs.push(path);
  }

  const found2 = javaMajor(input);
  if (!found2) return { declined: 'the Java major version is not known from the base image tag or the JDK package installed' };
  const { major, packages } = found2;
  const codename = input.family.distro === 'debian' ? input.family.codename : null;
  const jre = packages ? (codename ? `debian:${codename}-slim` : `eclipse-temurin:${major}-jre`) : jreImage(input.stage.base.ref, major);
  const jreBase = packages ? { base: jre, arg: null } : parameterized(input, jre);
  const needsShell = start.needsShell || mode === 'dist';
  const distrolessOk = DISTROLESS_JAVA_MAJORS.has(major) && !needsShell;
  const alternatives: string[] = [];
  let choice = input.finalBase;
  // Debian -slim gets the JRE package (and a HEALTHCHECK's curl/wget); Temurin's Ubuntu images have curl and wget,
  // its Alpine ones busybox wget.
  const setup = (finalBase: string): string[][] => {
    const tools = healthcheckTools(input);
    if (packages && codename !== null && finalBase === jre) {
      // -slim images drop the man directories, where the JRE's update-alternatives links its manual pages.
      return [['mkdir -p /usr/share/man/man1', ...installRun('debian', [`openjdk-${major}-jre-headless`, ...tools])]];
    }
    const missing = /-alpine$/.test(finalBase) ? tools.filter((t) => t === 'curl') : [];
    if (missing.length > 0) notes.push(`${missing.join(', ')} installed in the final stage for the HEALTHCHECK`);
    return missing.length > 0 ? [installRun('alpine', missing)] : [];
  };
  const jreResult = (finalBase: string, baseReason: string): RecipeOutcome => ({
    ecosystem: 'Java',
    finalBase,
    baseReason,
    artifacts: [...artifacts, ...userFiles(input)],
    builderEdits: [],
    builderAppend: [],
    finalSetup: choice === 'keep' ? [] : setup(finalBase),
    shellless: false,
    notes,
    alternatives,
  });
  const jreReason = packages && codename ? `${jre} with Debian's openjdk-${major}-jre-headless: the JRE of the JDK the build used` : `the Java ${major} JRE of the JDK the build used`;

  if (choice === 'auto') {
    choice = distrolessOk && jreBase.arg === null ? 'distroless' : 'slim';
    if (!distrolessOk) {
      alternatives.push(
        `${distrolessJava(major)}: ${DISTROLESS_JAVA_MAJORS.has(major) ? (mode === 'dist' ? 'the installDist start script needs a shell' : 'the start command needs a shell') : `distroless has no Java ${major} image`}`,
      );
    } else if (jreBase.arg !== null) {
      alternatives.push(`${distrolessJava(major)}: it names Java ${major} literally, while the builder's version comes from ARG ${jreBase.arg}`);
    } else alternatives.push(`${jreBase.base}: a full JRE image with a shell, larger than distroless`);
  }
  switch (choice) {
    case 'distroless': {
      if (!distrolessOk) {
        return { declined: DISTROLESS_JAVA_MAJORS.has(major) ? 'the start command needs a shell, which distroless lacks' : `distroless has no image for Java ${major}` };
      }
      const entry = distrolessEntry(input, start.keyword, argv, command!, workdir);
      if (!entry) return { declined: 'the CMD after the ENTRYPOINT needs a shell, which distroless lacks' };
      return {
        ecosystem: 'Java',
        finalBase: distrolessJava(major),
        baseReason: `Java ${major} ${packages ? 'from the JDK package the stage installs' : `from ${input.stage.base.written}`}; distroless/java has its JRE and nothing else (no shell)`,
        artifacts,
        builderEdits: [],
        builderAppend: [],
        finalSetup: [],
        ...entry,
        shellless: true,
        notes,
        alternatives,
      };
    }
    case 'scratch':
      return { declined: 'a Java program needs a JVM, which scratch lacks' };
    case 'alpine':
      return jreResult(`eclipse-temurin:${major}-jre-alpine`, 'optimize.finalBase is alpine');
    case 'keep':
      return jreResult(input.stage.base.written, 'optimize.finalBase is keep');
    default:
      return jreResult(jreBase.base, needsShell && input.finalBase === 'auto' ? `${jreReason}; ${mode === 'dist' ? 'the installDist start script' : 'the start command'} needs a shell` : jreReason);
  }
};

/**
 * The start command on distroless/java, whose ENTRYPOINT is `java -jar`: a CMD `java -jar app.jar …` becomes CMD
 * `["/abs/app.jar", …]`; other commands keep their `java` arguments behind ENTRYPOINT `/usr/bin/java`.
 */
function distrolessEntry(
  input: RecipeInput,
  keyword: 'ENTRYPOINT' | 'CMD',
  argv: readonly string[],
  command: JavaCommand,
  workdir: string,
): { entrypoint?: readonly string[]; cmd?: readonly string[] } | null {
  const java = DISTROLESS_JAVA_ENTRYPOINT[0];
  if (keyword === 'CMD') {
    if (command.jar !== null && command.options.length === 0) {
      const at = argv.indexOf('-jar');
      return { cmd: [posix.resolve(workdir, command.jar), ...argv.slice(at + 2)] };
    }
    return { entrypoint: [java], cmd: argv.slice(1) };
  }
  if (input.cmd && input.cmd.argv === null) return null;
  // The CMD, carried over as written, still follows.
  return { entrypoint: [java, ...(input.entrypoint?.argv ?? argv).slice(1)] };
}
