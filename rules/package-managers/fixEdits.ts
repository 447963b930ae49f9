import type { Fixer, TextEdit } from '../../src/engine';
import type { DockerfileAST, InstructionNode } from '../../src/parse';
import { endsInBareBackslash, type ShellWord } from '../../src/shell';
import type { ToolCommand } from './toolCommands';

/**
 * An edit putting a new argument (`-y`, `--no-install-recommends`) next to `word` of a package-manager command:
 * ` -y` after it (or `-n ` before it) in shell form and heredoc bodies, `, "-y"` in an exec-form RUN. Null when the
 * word cannot be located exactly in the source (an exec-form element written with escapes), or when an argument after
 * it would be escaped (endsInBareBackslash).
 */
export function insertArgument(
  fixer: Fixer,
  ast: DockerfileAST,
  run: InstructionNode,
  command: ToolCommand,
  word: ShellWord,
  argument: string,
  where: 'after' | 'before' = 'after',
): TextEdit | null {
  const range = command.range(word);
  if (run.execForm) {
    if (ast.source.text.slice(range.start.offset, range.end.offset) !== word.raw) return null;
    const element = JSON.stringify(argument);
    return where === 'after' ? fixer.insertAfter(range, `, ${element}`) : fixer.insertBefore(range, `${element}, `);
  }
  if (where === 'after' && endsInBareBackslash(word.raw)) return null;
  return where === 'after' ? fixer.insertAfter(range, ` ${argument}`) : fixer.insertBefore(range, `${argument} `);
}
