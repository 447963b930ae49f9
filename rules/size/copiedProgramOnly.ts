import { posix } from 'node:path';
import type { SemanticModel } from '../../src/model';
import type { InstructionNode } from '../../src/parse';
import { type CommandUse, commandUses } from '../../src/shell';
import { requestedPackages, toolInvocation } from '../../src/shell/packageManagers';

/** The program a final image starts, and the COPY or ADD that put it there. */
export interface CopiedProgram {
  readonly program: string;
  readonly copy: InstructionNode;
}

/** What distroless keeps of a distribution besides libc: the CA bundle and the time zone data. */
const DISTROLESS_HAS = new Set(['ca-certificates', 'tzdata']);
/** Instructions that add nothing the program could need from the distribution. */
const INERT = new Set(['FROM', 'LABEL', 'MAINTAINER', 'EXPOSE', 'ENV', 'ARG', 'USER', 'WORKDIR', 'VOLUME', 'STOPSIGNAL', 'CMD', 'ENTRYPOINT', 'COPY', 'ADD']);
/** Where a bare program name (`CMD ["app"]`) is found on the PATH of Debian and Ubuntu images. */
const PATH_DIRS = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];
/** Programs that need an interpreter, which distroless/cc does not have. */
const SCRIPT = /\.(sh|bash|py|pl|rb|js|mjs|cjs|php|jar|lua|r)$/i;

/**
 * The program a final image on a full distribution starts when that is all the image does: the start command is
 * exec form and runs a file that a COPY or ADD put in place, and the RUNs do nothing but install the CA bundle or
 * time zone data (which distroless has too) and tidy up after it. Null for anything else: a shell-form start needs
 * /bin/sh, a script needs its interpreter, any other RUN may give the program something of the distribution's.
 */
export function copiedProgramOnly(model: SemanticModel, instructions: readonly InstructionNode[]): CopiedProgram | null {
  let entrypoint: InstructionNode | null = null;
  let cmd: InstructionNode | null = null;
  for (const inst of instructions) {
    if (inst.keyword === 'ENTRYPOINT') entrypoint = inst;
    else if (inst.keyword === 'CMD') cmd = inst;
    else if (inst.keyword === 'RUN') {
      if (!commandUses(inst).every(housekeeping)) return null;
    } else if (inst.keyword === 'HEALTHCHECK') {
      if (!/^\s*NONE\s*$/i.test(inst.argsText.text)) return null;
    } else if (!INERT.has(inst.keyword)) return null;
  }
  const start = entrypoint ?? cmd;
  if (!start?.execForm || start.execForm.length === 0) return null;
  // An exec-form ENTRYPOINT gets a shell-form CMD as `/bin/sh -c …` arguments: that needs a shell.
  if (entrypoint && cmd && !cmd.execForm) return null;
  const program = start.execForm[0]!;
  if (SCRIPT.test(program)) return null;
  const workdir = model.stateBefore(start).workdir;
  const candidates = program.includes('/') ? [posix.resolve(workdir, program)] : PATH_DIRS.map((dir) => `${dir}/${program}`);
  const copy = instructions.find((inst) => candidates.some((path) => copiesFileTo(model, inst, path)));
  return copy ? { program, copy } : null;
}

/** Installing or removing only what distroless has, refreshing the CA bundle, deleting caches, making a file executable. */
function housekeeping(use: CommandUse): boolean {
  switch (use.name) {
    case 'rm':
    case 'chmod':
    case 'update-ca-certificates':
      return true;
    case 'apt-get':
    case 'apt':
    case 'apk': {
      const sub = use.args.find((a) => !a.value.startsWith('-'))?.value;
      if (sub === 'update' || sub === 'clean' || sub === 'autoclean') return true;
      const inv = toolInvocation(use.argv);
      const request = inv ? requestedPackages(inv) : null;
      return request !== null && request.packages.length > 0 && request.packages.every((p) => DISTROLESS_HAS.has(p.value.replace(/[=:].*$/, '')));
    }
    default:
      return false;
  }
}

/** Whether a COPY or ADD puts one of its sources at `path` (a file destination, or a directory one plus the source's name). */
function copiesFileTo(model: SemanticModel, inst: InstructionNode, path: string): boolean {
  if (inst.keyword !== 'COPY' && inst.keyword !== 'ADD') return false;
  const words = inst.execForm ?? inst.words.map((w) => w.value);
  if (words.length < 2) return false;
  const dest = words[words.length - 1]!;
  const target = posix.resolve(model.stateBefore(inst).workdir, dest);
  const sources = words.slice(0, -1);
  const intoDirectory = dest.endsWith('/') || dest === '.' || sources.length > 1;
  return sources.some((src) => (intoDirectory ? posix.join(target, posix.basename(src)) === path : target === path));
}
