import { posix } from 'node:path';
import { installsDevDependencies } from '../../model/toolchains';
import { DEBIAN_NODE_MAJOR, DISTROLESS, DISTROLESS_NODE_MAJORS, debianSlim } from '../bases';
import type { Recipe, RecipeInput } from '../types';
import { lineOf, stageCommands, startCommand } from './support';
import { contextPath } from './trace';

const INSTALL = /^(install|i|ci|add)$/;

/** Major version of the node the builder has: from a `node:<major>…` base, or Debian's nodejs package. */
function nodeMajor(input: RecipeInput, fromPackages: boolean): number | null {
  const ref = input.stage.base.ref;
  if (/(^|\/)node$/.test(ref.repository)) {
    const major = /^(\d+)/.exec(ref.tag ?? '')?.[1];
    return major ? Number(major) : null;
  }
  if (fromPackages && input.family.distro === 'debian' && input.family.codename) return DEBIAN_NODE_MAJOR[input.family.codename] ?? null;
  return null;
}

/** `npm start` / `npm run start` / `npm run-script start`, with nothing after it. */
const isNpmStart = (argv: readonly string[] | null): boolean =>
  argv !== null && /^npm$/.test(posix.basename(argv[0] ?? '')) &&
  ((argv.length === 2 && argv[1] === 'start') || (argv.length === 3 && /^(run|run-script)$/.test(argv[1]!) && argv[2] === 'start'));

/**
 * What `npm start` runs, as argv, when that is plain `node <file> [args]`: the `start` script of the app's package.json
 * (read from the build context through the COPY that put it there), or npm's default `node server.js` when there
 * is no start script and server.js exists. Otherwise why it cannot be known or written without npm.
 */
function npmStartCommand(input: RecipeInput, appDir: string): { argv: string[] } | { declined: string } {
  const why = (reason: string) => ({ declined: `CMD runs \`npm start\`, and ${reason}` });
  if (!input.buildContext) return why('its start script is in package.json, which dfopt reads only from the build context (run dfopt where the context is)');
  const at = contextPath(input, posix.join(appDir, 'package.json'));
  const text = at === null ? null : input.buildContext.read(at);
  if (at === null || text === null) return why(`no COPY from the build context puts package.json into ${appDir}`);
  let pkg: { scripts?: Record<string, unknown> };
  try {
    pkg = JSON.parse(text) as typeof pkg;
  } catch {
    return why(`${at} is not valid JSON`);
  }
  const scripts = pkg.scripts && typeof pkg.scripts === 'object' ? pkg.scripts : {};
  // npm runs these around `start`: without npm they would not run.
  const around = ['prestart', 'poststart'].find((k) => k in scripts);
  if (around) return why(`package.json has a \`${around}\` script that npm runs around it`);
  const start = scripts.start;
  if (start === undefined) {
    const server = contextPath(input, posix.join(appDir, 'server.js'));
    if (server !== null && input.buildContext.stat(server) !== null) return { argv: ['node', 'server.js'] };
    return why('package.json has no start script (and there is no server.js for npm\'s default)');
  }
  const words = typeof start === 'string' ? start.trim().split(/\s+/) : [];
  // Only `node file args` with plain words: anything a shell would interpret (`&&`, `$VAR`, quotes, env prefixes) is left to npm.
  if (!/^node(js)?$/.test(words[0] ?? '') || words.length < 2 || words.some((w) => /[^\w./:=@+,-]/.test(w))) {
    return why(`its start script (\`${String(start)}\`) is not a plain \`node <file>\` command`);
  }
  return { argv: ['node', ...words.slice(1)] };
}

/**
 * Node.js: the app directory (WORKDIR, where the dependencies were installed) is the artifact, without
 * devDependencies. It goes to distroless/nodejs (no npm, no shell: the CMD becomes `node`'s arguments) when the
 * node major is known, else to a -slim image with node.
 */
export const nodeRecipe: Recipe = (input) => {
  const start = startCommand(input);
  if (!start) return { declined: 'the image has no CMD or ENTRYPOINT' };
  const appDir = input.stage.finalState.workdir;
  if (appDir === '/') return { declined: 'the app is not in a WORKDIR of its own, so the directory to copy is not known' };
  const commands = stageCommands(input);
  const installs = commands.filter((c) => /^(npm|yarn|pnpm)$/.test(c.use.name) && INSTALL.test(c.use.args[0]?.value ?? '') && !c.use.args.some((a) => a.value === '-g' || a.value === '--global'));
  if (installs.length === 0) return { declined: 'no npm/yarn/pnpm install of the app\'s dependencies in the stage' };
  const outside = installs.find((c) => c.cwd === null || (c.cwd !== appDir && !c.cwd.startsWith(`${appDir}/`)));
  if (outside) return { declined: `the install at line ${lineOf(outside.run)} runs outside WORKDIR ${appDir}` };
  const fromPackages = commands.some((c) => /^(apt-get|apt)$/.test(c.use.name) && c.use.args.some((a) => /^nodejs([=:].*)?$/.test(a.value)));
  const major = nodeMajor(input, fromPackages);
  let argv = start.argv;
  const notes: string[] = [];
  // `npm start` becomes the node command of the start script, so the final image needs no npm.
  let npmStart: readonly string[] | null = null;
  /** Why `npm start` stays as it is (then the final image needs npm). */
  let keepsNpm: string | null = null;
  if (isNpmStart(argv) && start.keyword === 'CMD') {
    const resolved = npmStartCommand(input, appDir);
    if ('declined' in resolved) keepsNpm = resolved.declined;
    else npmStart = argv = resolved.argv;
  }
  if (npmStart) {
    notes.push(`CMD \`npm start\` runs its start script directly (\`${npmStart.join(' ')}\`): npm and the npm_* variables it sets are not in the final image`);
  }
  const runsNode = argv !== null && /^(node|nodejs)$/.test(posix.basename(argv[0] ?? ''));
  const builderAppend: (string[] | string)[] = [];
  const dev = installs.find((c) => installsDevDependencies(c.use.argv.map((w) => w.value)) !== null);
  if (dev) {
    if (dev.use.name !== 'npm') return { declined: `devDependencies installed by ${dev.use.name} at line ${lineOf(dev.run)}: only npm's are pruned for now` };
    const user = input.stage.finalState.user;
    // The files belong to root (COPY and the install ran as root unless USER came first); prune as their owner.
    if (user !== null && !/^(root|0)(:.*)?$/.test(user)) builderAppend.push('USER root');
    builderAppend.push(['npm prune --omit=dev']);
    notes.push('devDependencies pruned in the builder after the build');
  }

  const distroless = major !== null && DISTROLESS_NODE_MAJORS.has(major) && runsNode && !input.needsShell;
  const choice = input.finalBase === 'auto' ? (distroless ? 'distroless' : 'slim') : input.finalBase;
  const artifacts = [{ from: appDir, to: appDir }];
  const common = { ecosystem: 'Node.js', artifacts, builderEdits: [], builderAppend, notes };
  switch (choice) {
    case 'distroless': {
      if (!distroless) {
        if (keepsNpm) return { declined: `${keepsNpm}; distroless/nodejs has no npm` };
        return { declined: major === null ? 'the Node.js major version is not known from the base image' : `distroless has no image for this start command or for Node.js ${major}` };
      }
      // distroless/nodejs starts `node` itself (ENTRYPOINT ["/nodejs/bin/node"]): the command keeps only node's arguments.
      const args = argv!.slice(1);
      const entry =
        start.keyword === 'ENTRYPOINT'
          ? { entrypoint: ['/nodejs/bin/node', ...args], ...(input.cmd && input.cmd.argv === null ? { cmd: null } : {}) }
          : { cmd: args };
      if (start.keyword === 'ENTRYPOINT' && input.cmd && input.cmd.argv === null) return { declined: 'the CMD after the ENTRYPOINT needs a shell, which distroless lacks' };
      return {
        ...common,
        finalBase: DISTROLESS.nodejs(major!),
        baseReason: `Node.js ${major} ${fromPackages ? `is Debian ${input.family.codename}'s nodejs` : `from ${input.stage.base.written}`}; distroless/nodejs has node and nothing else (no npm, no shell)`,
        finalSetup: [],
        ...entry,
        shellless: true,
        alternatives: [`a -slim image with node — adds a shell (and npm on node:${major}-slim) the app does not use at run time (optimize.finalBase: slim)`],
      };
    }
    case 'slim':
    case 'keep': {
      if (choice === 'keep') return { ...common, finalBase: input.stage.base.written, baseReason: 'optimize.finalBase is keep', finalSetup: [], shellless: false };
      const notDistroless = keepsNpm ? [`distroless/nodejs — ${keepsNpm}, and distroless has no npm`] : [];
      if (/(^|\/)node$/.test(input.stage.base.ref.repository) && major !== null) {
        return { ...common, finalBase: `node:${major}-slim`, baseReason: `node:${major}-slim has node and npm without build tools`, finalSetup: [], shellless: false, alternatives: notDistroless };
      }
      const slim = debianSlim(input.family);
      if (!slim || !fromPackages) return { declined: `no known slim image with Node.js for ${input.stage.base.written}` };
      // The slim image gets Debian's nodejs only: `npm start` would not run there.
      if (keepsNpm) return { declined: keepsNpm };
      return {
        ...common,
        ...(npmStart ? { cmd: npmStart } : {}),
        finalBase: slim,
        baseReason: `${slim} with Debian's nodejs package only (no npm, no build tools)`,
        finalSetup: [['apt-get update', 'apt-get install -y --no-install-recommends nodejs', 'rm -rf /var/lib/apt/lists/*']],
        shellless: false,
      };
    }
    default:
      return { declined: `optimize.finalBase ${choice} cannot run a Node.js app (it needs the node runtime)` };
  }
};
