import type { TextEdit } from '../../src/engine';
import type { DockerfileAST } from '../../src/parse';
import type { CommandUse } from '../../src/shell/commandQueries';
import { wordSpan } from '../../src/shell/commandQueries';

/**
 * The edit putting `option` right after the program word of a command (`useradd` → `useradd -l`): ` -l` in shell
 * form and heredoc bodies, `, "-l"` in an exec-form RUN. Null when the word is not written in one piece in the
 * source (split by a line continuation, or an exec-form element whose span the parser could not place).
 */
export function insertOptionAfterProgram(ast: DockerfileAST, use: CommandUse, option: string): TextEdit | null {
  const word = use.argv[0];
  if (!word) return null;
  const { start, end } = wordSpan(use, word);
  if (ast.source.text.slice(start, end) !== word.raw) return null;
  return { start: end, end, text: use.execForm ? `, ${JSON.stringify(option)}` : ` ${option}` };
}
