import { posix } from 'node:path';
import { installsDevDependencies } from '../../model/toolchains';
import { DEBIAN_NODE_MAJOR, DISTROLESS, DISTROLESS_NODE_MAJORS, debianSlim } from '../bases';
import type { Recipe, RecipeInput } from '../types';
import { lineOf, stageCommands, startCommand } from './support';

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
  const argv = start.argv;
  const runsNode = argv !== null && /^(node|nodejs)$/.test(posix.basename(argv[0] ?? ''));
  const notes: string[] = [];
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
      if (/(^|\/)node$/.test(input.stage.base.ref.repository) && major !== null) {
        return { ...common, finalBase: `node:${major}-slim`, baseReason: `node:${major}-slim has node and npm without build tools`, finalSetup: [], shellless: false };
      }
      const slim = debianSlim(input.family);
      if (!slim || !fromPackages) return { declined: `no known slim image with Node.js for ${input.stage.base.written}` };
      return {
        ...common,
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
