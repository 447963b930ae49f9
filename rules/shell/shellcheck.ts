import { defineRule, type RuleModule, type Severity } from '../../src/engine';
import type { BuildState } from '../../src/model';
import type { InstructionNode } from '../../src/parse';
import { basename, isPosixShell, runScripts } from '../../src/shell';
import type { ShellCheckComment } from '../../src/shellcheck';
import { dialectOf } from './support';
import { PROXY_VARIABLES } from './variables';

/**
 * Codes hadolint excludes too: SC1090/SC1091 ask for a `# shellcheck source=` directive a RUN cannot carry, SC2187
 * says ShellCheck does not know ash.
 */
const EXCLUDED = new Set(['SC1090', 'SC1091', 'SC2187']);

const SEVERITY: Readonly<Record<ShellCheckComment['level'], Severity>> = { error: 'error', warning: 'warning', info: 'info', style: 'style' };

/** Interpreters a heredoc's own `#!` line may name for ShellCheck to read it (others are not shell: the body is skipped). */
const SHEBANG_SHELLS = new Set(['sh', 'bash', 'dash', 'ash', 'ksh', 'busybox']);

/** A stretch of the text ShellCheck reads and where it came from in the Dockerfile. */
interface Piece {
  readonly from: number;
  readonly to: number;
  readonly source: (offset: number) => number;
}

/** One file handed to ShellCheck: a declaration header, then a RUN script whose offsets map back to the Dockerfile. */
interface Input {
  readonly text: string;
  /** The script's 0-based line of a 1-based ShellCheck line, or null for a header line. */
  readonly scriptLine: (line: number) => number | null;
  readonly script: string;
  readonly lineStarts: readonly number[];
  readonly pieces: readonly Piece[];
}

/**
 * The scripts of a RUN as the shell receives them: the instruction line with the Dockerfile heredocs it reads
 * appended (`cat <<EOF > f` gets its body and terminator back, as BuildKit passes them), and each heredoc body the
 * shell runs as a script (`RUN <<EOF`, `RUN bash <<EOF`). A line that is only a heredoc marker is left out: BuildKit
 * runs the body itself.
 */
function scriptsOf(run: InstructionNode): Array<{ text: string; pieces: Piece[] }> {
  const [line, ...bodies] = runScripts(run);
  if (!line) return [];
  const out: Array<{ text: string; pieces: Piece[] }> = [];
  if (!(bodies.length > 0 && line.commands.length === 0)) {
    let text = line.text;
    const pieces: Piece[] = [{ from: 0, to: text.length, source: (o) => line.toSource(o) }];
    for (const heredoc of run.heredocs) {
      const contentStart = heredoc.contentRange?.start.offset ?? heredoc.range.end.offset;
      const terminatorStart = heredoc.range.end.offset - heredoc.name.length;
      if (heredoc.content !== '') {
        const from = text.length + 1;
        text += `\n${heredoc.content}`;
        pieces.push({ from, to: text.length, source: (o) => contentStart + o - from });
      }
      const from = text.length + 1;
      text += `\n${heredoc.name}`;
      pieces.push({ from, to: text.length, source: (o) => terminatorStart + o - from });
    }
    out.push({ text, pieces });
  }
  for (const body of bodies) out.push({ text: body.text, pieces: [{ from: 0, to: body.text.length, source: (o) => body.toSource(o) }] });
  return out.filter((s) => s.text.trim() !== '');
}

/** ShellCheck's input for each script of a RUN: `#!/bin/sh` (or bash), then `export NAME=1` for every ARG/ENV in scope, as hadolint does. */
function inputsOf(run: InstructionNode, state: BuildState): Input[] {
  const names = [...new Set([...PROXY_VARIABLES, ...state.args.keys(), ...state.env.keys()])].sort();
  const exports = names.map((n) => `export ${n}=1\n`).join('');
  const inputs: Input[] = [];
  for (const { text: script, pieces } of scriptsOf(run)) {
    const lineStarts = [0];
    for (let i = script.indexOf('\n'); i !== -1; i = script.indexOf('\n', i + 1)) lineStarts.push(i + 1);
    if (script.startsWith('#!')) {
      // A body with its own `#!` line runs under that interpreter: the declarations go after it.
      const words = script.slice(2, lineStarts[1] ?? script.length).trim().split(/\s+/);
      const interpreter = basename(words[0] ?? '') === 'env' ? words[1] : basename(words[0] ?? '');
      if (!SHEBANG_SHELLS.has(interpreter ?? '')) continue;
      const first = script.slice(0, lineStarts[1] ?? script.length);
      const text = `${first}${lineStarts.length > 1 ? '' : '\n'}${exports}${script.slice(first.length)}`;
      inputs.push({ text, script, lineStarts, pieces, scriptLine: (l) => (l === 1 ? 0 : l <= names.length + 1 ? null : l - names.length - 1) });
    } else {
      const text = `#!/bin/${dialectOf(state)}\n${exports}${script}`;
      inputs.push({ text, script, lineStarts, pieces, scriptLine: (l) => (l <= names.length + 1 ? null : l - names.length - 2) });
    }
  }
  return inputs;
}

/** The script offset of a ShellCheck line and column (columns count characters, tabs as one); null for the header. */
function scriptOffset(input: Input, line: number, column: number): number | null {
  const index = input.scriptLine(line);
  if (index === null) return null;
  const start = input.lineStarts[Math.min(index, input.lineStarts.length - 1)]!;
  const lineEnd = index + 1 < input.lineStarts.length ? input.lineStarts[index + 1]! - 1 : input.script.length;
  let offset = index >= input.lineStarts.length ? input.script.length : start;
  for (let n = 1; n < column && offset < lineEnd; n++) offset += (input.script.codePointAt(offset) ?? 0) > 0xffff ? 2 : 1;
  return offset;
}

/** The Dockerfile offset of a script offset (the newlines joining heredocs map to just after what precedes them). */
function sourceOffset(pieces: readonly Piece[], offset: number): number {
  let piece = pieces[0]!;
  for (const p of pieces) if (p.from <= offset) piece = p;
  return offset < piece.to || piece.to === piece.from ? piece.source(offset) : piece.source(piece.to - 1) + 1;
}

/**
 * Relays the real ShellCheck for the codes the native shell rules do not check (`nativeCodes`), when the user asked
 * for it; silent otherwise. Each finding keeps ShellCheck's code and level.
 */
export function shellcheckRule(nativeCodes: ReadonlySet<string>): RuleModule {
  return defineRule({
    meta: {
      id: 'shellcheck',
      aliases: [],
      externalCodes: { pattern: /^SC\d{4}$/i, docsUrl: (code) => `https://www.shellcheck.net/wiki/${code.toUpperCase()}` },
      category: 'correctness',
      severity: 'style',
      fix: 'none',
      docs: {
        summary: 'Runs the real ShellCheck on RUN scripts for the SC codes dfopt does not check itself (only with `shellcheck: auto` or `--shellcheck`).',
        rationale:
          'hadolint runs ShellCheck over every RUN, and teams rely on its findings (`# hadolint ignore=SC2034`). dfopt ' +
          'checks the most frequent SC codes natively (the other shell rules); with a `shellcheck` binary installed, this ' +
          'rule covers every other code the same way hadolint does: the script as the shell receives it (continuations ' +
          'joined, Dockerfile heredocs put back), `#!/bin/sh` or bash as the stage\'s SHELL says, and every ARG and ENV ' +
          'in scope declared so it is not reported as unassigned.',
        bad: 'FROM debian:12\nRUN unused=1 && echo ok\n',
        good: 'FROM debian:12\nRUN echo ok\n',
        exampleSettings: { shellcheck: 'auto' },
        notes:
          'Off unless asked for, because it starts a process: `shellcheck: auto` in `.dfopt.yaml` uses the `shellcheck` on ' +
          'PATH when there is one and stays silent when there is none; `shellcheck: shellcheck` (or `--shellcheck` on the ' +
          'command line) requires it, and a missing binary is an error (exit 2). A config file names no other program, ' +
          'as it can come with the code it lints: a ShellCheck elsewhere is given as `--shellcheck=PATH`. Findings ' +
          "carry ShellCheck's code (`SC2034`) and level, link to the ShellCheck wiki, and are silenced by that code " +
          'everywhere an id is accepted: `# hadolint ignore=SC2034`, `ignored: [SC2034]`, `--rule SC2034=off` (or ' +
          '`--rule shellcheck=off` for all of them). Positions point into the Dockerfile. Like hadolint, SC1090, SC1091 ' +
          'and SC2187 are left out, as are codes a native rule checks (SC2086 is quote-expansions\'s: configure it there). ' +
          'Exec-form RUNs and PowerShell or cmd stages are skipped; a heredoc script with its own `#!` line is checked ' +
          'as that shell, and skipped when the interpreter is not a shell. Results are cached per script text for the run.',
      },
    },
    create(context) {
      const runner = context.shellcheck;
      if (!runner) return {};
      const inputs: Input[] = [];
      return {
        RUN(run) {
          const state = context.stateBefore(run);
          if (run.execForm || !isPosixShell(state.shell)) return;
          inputs.push(...inputsOf(run, state));
        },
        // As the native shell rules do: the trigger's script, in the scope of the ONBUILD line.
        ONBUILD(onbuild) {
          const run = onbuild.trigger;
          const state = context.stateBefore(onbuild);
          if (run?.keyword !== 'RUN' || run.execForm || !isPosixShell(state.shell)) return;
          inputs.push(...inputsOf(run, state));
        },
        'dockerfile:exit'() {
          if (inputs.length === 0) return;
          const results = runner.check(inputs.map((i) => i.text));
          const source = context.ast.source;
          const seen = new Set<string>();
          inputs.forEach((input, i) => {
            for (const comment of results[i]!) {
              const code = `SC${comment.code}`;
              if (EXCLUDED.has(code) || nativeCodes.has(code)) continue;
              const start = scriptOffset(input, comment.line, comment.column);
              if (start === null) continue; // about the declarations dfopt wrote
              const end = Math.max(start, scriptOffset(input, comment.endLine, comment.endColumn) ?? start);
              const from = sourceOffset(input.pieces, start);
              const to = end > start ? sourceOffset(input.pieces, end - 1) + 1 : from;
              const key = `${code}:${from}:${to}`;
              // A heredoc both appended to its line and run as a script is checked twice.
              if (seen.has(key)) continue;
              seen.add(key);
              const range = source.range(from, Math.max(from, to));
              context.report({ range, code, severity: SEVERITY[comment.level], message: `${code} at line ${range.start.line + 1}: ${comment.message}` });
            }
          });
        },
      };
    },
  });
}
