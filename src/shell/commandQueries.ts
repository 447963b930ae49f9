/**
 * Questions rules ask about the commands a RUN executes: which program runs (through wrappers such as sudo/env),
 * its options and operands, and where each word is in the source. Exec-form RUNs (`RUN ["ps", "aux"]`) are
 * included as one command whose words are the JSON strings, so a rule about a program sees both forms alike.
 * Built only on the public shell API (runCommands, effectiveArgv, basename).
 */
import { type InstructionNode, memoKey, memoShared } from '../parse';
import { runCommands, type ShellScript } from './runScript';
import { basename, effectiveArgv, type ShellWord, type SimpleCommand } from './splitCommands';

const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*\+?=/;

export interface CommandUse {
  /** The simple command as parsed (for exec form, one synthetic command made of the JSON strings). */
  readonly command: SimpleCommand;
  readonly script: ShellScript;
  /** argv of the program that actually runs, looking through sudo, env, xargs, … */
  readonly argv: readonly ShellWord[];
  /** Basename of that program (`apt-get` for `sudo /usr/bin/apt-get`), '' when there is none. */
  readonly name: string;
  /** `argv` after the program. */
  readonly args: readonly ShellWord[];
  /** Basenames of the wrapper programs looked through, outermost first (`['sudo']`). */
  readonly wrappers: readonly string[];
  readonly execForm: boolean;
  /** Source offsets of the whole command (end exclusive). */
  readonly sourceStart: number;
  readonly sourceEnd: number;
}

/** Source offsets of a word of a command (end exclusive). */
export function wordSpan(use: Pick<CommandUse, 'script'>, word: ShellWord): { start: number; end: number } {
  return { start: use.script.toSource(word.start), end: use.script.toSource(Math.max(word.start, word.end - 1)) + 1 };
}

const USES = memoKey('commandUses');

/** The wrappers of a command without any; made from a string so it has the elements kind of the non-empty lists. */
const NO_WRAPPERS: readonly string[] = (() => {
  const list = [''];
  list.pop();
  return list;
})();

/** Every simple command a RUN executes (shell form and heredoc bodies, or the exec-form array), memoised. */
export function commandUses(run: InstructionNode): readonly CommandUse[] {
  return memoShared(run, USES, usesOf);
}

function usesOf(run: InstructionNode): readonly CommandUse[] {
  const located = run.execForm ? execFormCommand(run) : runCommands(run);
  // A loop, not `.map`: every rule iterates this list, and `.map` makes a PACKED array before its caller is optimised
  // and a HOLEY one after (src/parse/parseDockerfile.ts says more), which deoptimised each of those loops once.
  const uses: CommandUse[] = [];
  for (const { command, script } of located) {
    const argv = effectiveArgv(command);
    // Most commands have no wrapper (argv is command.argv): they share one empty list instead of three new arrays.
    let wrappers = NO_WRAPPERS;
    const prefixLength = command.argv.length - argv.length;
    if (prefixLength > 0) {
      const list: string[] = [];
      for (let i = 0; i < prefixLength; i++) {
        const w = command.argv[i]!;
        if (!w.value.startsWith('-') && !ASSIGNMENT.test(w.value)) list.push(basename(w.value));
      }
      wrappers = list;
    }
    uses.push({
      command,
      script,
      argv,
      name: basename(argv[0]?.value ?? ''),
      args: argv.slice(1),
      wrappers,
      execForm: run.execForm !== null,
      sourceStart: script.toSource(command.start),
      sourceEnd: script.toSource(Math.max(command.start, command.end - 1)) + 1,
    });
  }
  return uses;
}

/** The exec-form array as one command, each word placed on its JSON string in the source. */
function execFormCommand(run: InstructionNode): Array<{ command: SimpleCommand; script: ShellScript }> {
  const values = run.execForm ?? [];
  if (values.length === 0) return [];
  const argsText = run.argsText;
  const { text } = argsText;
  const last = argsText.sourceOffset(text.length) ?? 0;
  const script: ShellScript = { text, commands: [], ast: null, toSource: (o) => argsText.sourceOffset(o) ?? last };
  const spans: Array<{ start: number; end: number }> = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== '"') continue;
    let j = i + 1;
    while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
    spans.push({ start: i, end: Math.min(j + 1, text.length) });
    i = j;
  }
  const whole = { start: 0, end: Math.max(1, text.trimEnd().length) };
  const argv: ShellWord[] = values.map((value, i) => {
    const span = spans.length === values.length ? spans[i]! : whole;
    return { raw: text.slice(span.start, span.end), value, start: span.start, end: span.end, literal: true };
  });
  const command: SimpleCommand = {
    argv,
    assignments: [],
    redirects: [],
    separatorBefore: null,
    enclosing: [],
    negated: false,
    background: false,
    start: argv[0]!.start,
    end: argv[argv.length - 1]!.end,
  };
  return [{ command, script }];
}

export interface ParsedOption {
  /** Without dashes: `u` for `-u`, `uid` for `--uid=1`. */
  readonly name: string;
  readonly long: boolean;
  /** The option's value (from `--x=v`, `-xv` or the next word), null when it takes none or none was given. */
  readonly value: string | null;
  readonly word: ShellWord;
}

export interface OptionSyntax {
  /** One-letter options that take a value (`u` for useradd's `-u UID`). */
  readonly shortWithValue?: string;
  /** Long options that take a value in the next word when written without `=`. */
  readonly longWithValue?: readonly string[];
  /** Whole words that are one option although they look like a cluster (wget's `-nv`, find's `-name`). */
  readonly singleDash?: readonly string[];
}

/** getopt-style reading of a command's arguments: clustered short options, `--long=value`, `--` ends options. */
export function parseOptions(args: readonly ShellWord[], syntax: OptionSyntax = {}): { options: ParsedOption[]; operands: ShellWord[] } {
  const options: ParsedOption[] = [];
  const operands: ShellWord[] = [];
  const shortWithValue = syntax.shortWithValue ?? '';
  for (let i = 0; i < args.length; i++) {
    const word = args[i]!;
    const v = word.value;
    if (v === '--') {
      operands.push(...args.slice(i + 1));
      break;
    }
    if (syntax.singleDash?.includes(v)) {
      options.push({ name: v.slice(1), long: false, value: null, word });
      continue;
    }
    if (v.startsWith('--')) {
      const eq = v.indexOf('=');
      const name = eq === -1 ? v.slice(2) : v.slice(2, eq);
      let value: string | null = eq === -1 ? null : v.slice(eq + 1);
      if (value === null && syntax.longWithValue?.includes(name) && i + 1 < args.length) value = args[++i]!.value;
      options.push({ name, long: true, value, word });
      continue;
    }
    if (v.startsWith('-') && v.length > 1) {
      for (let k = 1; k < v.length; k++) {
        const letter = v[k]!;
        if (shortWithValue.includes(letter)) {
          const rest = v.slice(k + 1);
          const value = rest !== '' ? rest : i + 1 < args.length ? args[++i]!.value : null;
          options.push({ name: letter, long: false, value, word });
          break;
        }
        options.push({ name: letter, long: false, value: null, word });
      }
      continue;
    }
    operands.push(word);
  }
  return { options, operands };
}

/** The options of `parsed` named one of `names` (short letters and long names alike). */
export const optionsNamed = (parsed: { options: readonly ParsedOption[] }, ...names: string[]): ParsedOption[] =>
  parsed.options.filter((o) => names.includes(o.name));
