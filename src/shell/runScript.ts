import type { InstructionNode } from '../parse';
import { basename, type SimpleCommand, splitCommands } from './splitCommands';

/** One piece of shell code from a RUN: the instruction line itself, or a heredoc body the shell executes. */
export interface ShellScript {
  readonly text: string;
  readonly commands: readonly SimpleCommand[];
  /** Source offset of a script offset. */
  toSource(offset: number): number;
}

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh', 'ksh', 'mksh', 'busybox']);

/** False for PowerShell, cmd and anything else whose syntax is not POSIX sh. */
export function isPosixShell(shell: readonly string[]): boolean {
  const exe = basename((shell[0] ?? '/bin/sh').replace(/\\/g, '/')).toLowerCase().replace(/\.exe$/, '');
  return SHELLS.has(exe);
}

const cache = new WeakMap<InstructionNode, readonly ShellScript[]>();

/**
 * The shell scripts a shell-form RUN executes, memoised per instruction. Exec-form RUNs execute no shell and
 * yield nothing. A heredoc body counts when the RUN's command is empty (BuildKit runs it as a script) or a shell
 * reading it from stdin.
 */
export function runScripts(run: InstructionNode): readonly ShellScript[] {
  const cached = cache.get(run);
  if (cached) return cached;
  const scripts: ShellScript[] = [];
  if (!run.execForm) {
    const line = run.argsText;
    const lineCommands = splitCommands(line.text);
    scripts.push({
      text: line.text,
      commands: lineCommands,
      toSource: (o) => line.sourceOffsets[o] ?? line.sourceOffsets[line.sourceOffsets.length - 1] ?? 0,
    });
    const runsShell = lineCommands.length === 0 || (lineCommands.length === 1 && SHELLS.has(basename(lineCommands[0]!.argv[0]?.value ?? '')));
    if (runsShell) {
      for (const heredoc of run.heredocs) {
        const base = heredoc.contentRange?.start.offset ?? heredoc.range.end.offset;
        scripts.push({ text: heredoc.content, commands: splitCommands(heredoc.content), toSource: (o) => base + o });
      }
    }
  }
  cache.set(run, scripts);
  return scripts;
}

/** Every simple command a RUN executes, with the script it came from (for source ranges). */
export function runCommands(run: InstructionNode): Array<{ command: SimpleCommand; script: ShellScript }> {
  return runScripts(run).flatMap((script) => script.commands.map((command) => ({ command, script })));
}

