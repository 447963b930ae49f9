import { posix } from 'node:path';
import type { InstructionNode } from '../../parse';
import { type CommandUse, commandUses } from '../../shell';
import type { RecipeInput } from '../types';

const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** Every command the stage's RUNs execute, with the directory it runs in (WORKDIR, then literal `cd`s before it). */
export interface StageCommand {
  readonly run: InstructionNode;
  readonly use: CommandUse;
  /** Null when a `cd` to somewhere unknown (a variable, `-`) came first. */
  readonly cwd: string | null;
}

export function stageCommands(input: RecipeInput): StageCommand[] {
  const out: StageCommand[] = [];
  for (const run of input.stage.instructions) {
    if (run.keyword !== 'RUN') continue;
    let cwd: string | null = input.stateBefore(run).workdir;
    for (const use of commandUses(run)) {
      out.push({ run, use, cwd });
      if (use.name === 'cd') {
        const target = use.args[0];
        cwd = cwd !== null && target && target.literal !== false && !target.value.includes('$') && target.value !== '-' ? posix.resolve(cwd, target.value) : null;
      }
    }
  }
  return out;
}

/** The value of `-o X` / `-o=X` / `--output X` style options. */
export function optionValue(use: CommandUse, ...names: string[]): string | null {
  const args = use.args;
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!.value;
    for (const name of names) {
      if (word === name && i + 1 < args.length) return args[i + 1]!.value;
      if (word.startsWith(`${name}=`)) return word.slice(name.length + 1);
    }
  }
  return null;
}

/** Where the program a CMD/ENTRYPOINT names lives: absolute, relative to WORKDIR, or looked up in PATH among `candidates`. */
export function resolveProgram(input: RecipeInput, program: string, candidates: readonly string[]): string | null {
  const workdir = input.stage.finalState.workdir;
  if (program.startsWith('/')) return posix.normalize(program);
  if (program.includes('/')) return posix.resolve(workdir, program);
  const path = (input.stage.finalState.env.get('PATH') ?? DEFAULT_PATH).split(':');
  return candidates.find((c) => posix.basename(c) === program && path.includes(posix.dirname(c))) ?? null;
}

/** The command the image starts: ENTRYPOINT's program if there is one, else CMD's. */
export function startCommand(input: RecipeInput): { keyword: 'ENTRYPOINT' | 'CMD'; argv: readonly string[] | null } | null {
  if (input.entrypoint) return { keyword: 'ENTRYPOINT', argv: input.entrypoint.argv };
  if (input.cmd) return { keyword: 'CMD', argv: input.cmd.argv };
  return null;
}

/**
 * ENTRYPOINT/CMD for a final base without a shell: the starting program replaced by `program` (its absolute path),
 * both in exec form. Null when something still needs a shell (a shell-form CMD after an ENTRYPOINT).
 */
export function execFormEntry(input: RecipeInput, program: readonly string[]): { entrypoint?: readonly string[]; cmd?: readonly string[] } | null {
  const start = startCommand(input);
  if (!start?.argv) return null;
  const replaced = [...program, ...start.argv.slice(1)];
  if (start.keyword === 'CMD') return { cmd: replaced };
  if (input.cmd && input.cmd.argv === null) return null;
  return input.cmd ? { entrypoint: replaced, cmd: input.cmd.argv! } : { entrypoint: replaced };
}

/** Why a base without the distro's packages cannot run this image: the packages it installs besides build tools. */
export function runtimePackagesReason(input: RecipeInput, base: string): string | null {
  const names = input.runtimePackages;
  if (names.length === 0) return null;
  const listed = names.length > 4 ? `${names.slice(0, 4).join(', ')}, …` : names.join(', ');
  return `the stage installs ${listed}, which the program may need at run time and ${base} would not have`;
}

/** The file a COPY or ADD put at `path` (`COPY start.sh /usr/local/bin/start`), if one did: then it is no build output. */
export function copiedTo(input: RecipeInput, path: string): InstructionNode | undefined {
  return input.stage.instructions.find((inst) => {
    if ((inst.keyword !== 'COPY' && inst.keyword !== 'ADD') || inst.flag('from')) return false;
    const words = inst.execForm ?? inst.words.map((w) => w.value);
    if (words.length < 2) return false;
    const dest = words[words.length - 1]!;
    const target = posix.resolve(input.stateBefore(inst).workdir, dest);
    return words.slice(0, -1).some((src) => target === path || (dest.endsWith('/') && posix.join(target, posix.basename(src)) === path));
  });
}

export const lineOf = (node: InstructionNode): number => node.range.start.line + 1;
