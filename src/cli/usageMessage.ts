/**
 * yargs' usage errors in dfopt's words. `Invalid values: Argument: format, Given: "x", Choices: "a", "b"` becomes
 * what --max-warnings and dfopt's other checked options say: `--format takes a or b, not 'x'`. `Unknown arguments:
 * bar-baz, barBaz, Q` names each option as the user wrote it, with its dashes (`--bar-baz`, `-Q`) and without the
 * camelCase twin yargs adds to every dashed name (`barBaz`, which nobody typed); a name the command line does not hold
 * as an option (an extra positional argument) stays as yargs gives it. `Not enough arguments following: config` is
 * `--config needs a value`. Other messages pass through unchanged.
 */
export function usageMessage(message: string, argv: readonly string[]): string {
  // requiresArg's message, for an option given last or right before another option.
  const missing = /^Not enough arguments following: ([\w-]+)$/.exec(message);
  if (missing) return `${missing[1]!.length === 1 ? '-' : '--'}${missing[1]} needs a value`;
  const invalid = /^Invalid values?: (Argument: .*)$/s.exec(message);
  if (invalid) return invalidChoices(invalid[1]!) ?? message;
  const unknown = /^(Unknown arguments?): (.*)$/s.exec(message);
  if (!unknown) return message;
  const names = unknown[2]!.split(', ');
  const kebab = (name: string): string => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
  const flagOf = (name: string): string => (name.length === 1 ? `-${name}` : `--${name}`);
  const typed = (name: string): boolean => {
    const flag = flagOf(name);
    const inGroup = (a: string): boolean => name.length === 1 && /^-[A-Za-z]+$/.test(a) && a.includes(name);
    return argv.some((a) => a === flag || a.startsWith(`${flag}=`) || inGroup(a));
  };
  const shown: string[] = [];
  const seen = new Set<string>();
  for (const name of names) {
    const key = name.length === 1 ? name : kebab(name);
    if (seen.has(key)) continue;
    seen.add(key);
    // Of a name and its twin, the one on the command line; else the dashed one, as --help lists it.
    const twins = names.filter((n) => (n.length === 1 ? n : kebab(n)) === key);
    const written = twins.find(typed);
    shown.push(written !== undefined ? flagOf(written) : name);
  }
  return `${shown.length === 1 ? 'Unknown argument' : 'Unknown arguments'}: ${shown.join(', ')}`;
}

/** `--NAME takes a, b or c, not 'x'` for each "Argument: NAME, Given: "x", Choices: "a", "b", "c"" (null if not that). */
function invalidChoices(list: string): string | null {
  const parts: string[] = [];
  const each = /Argument: ([\w-]+), Given: (.*?), Choices: (.*?)(?= Argument: |$)/gs;
  let consumed = 0;
  for (let m = each.exec(list); m !== null; m = each.exec(list)) {
    const unquote = (s: string): string => (/^".*"$/s.test(s) ? s.slice(1, -1) : s);
    const choices = m[3]!.split(', ').map(unquote);
    const named = choices.length > 1 ? `${choices.slice(0, -1).join(', ')} or ${choices.at(-1)}` : choices[0]!;
    parts.push(`--${m[1]} takes ${named}, not '${unquote(m[2]!)}'`);
    consumed = each.lastIndex;
  }
  return parts.length > 0 && consumed === list.length ? parts.join('; ') : null;
}

/** Every command's boolean options (test/cli/usageMessage.test.ts holds this to what `--help` marks [boolean]). */
export const BOOLEAN_OPTIONS: ReadonlySet<string> = new Set([
  'help', 'version', 'stdin', 'color', 'quiet', 'cache', 'timing', 'dry-run', 'check', 'exit-non-zero-on-fix', 'unsafe',
  'explain', 'verify', 'force', 'stdio',
]);

/**
 * `--dry-run=yes`: yargs reads a boolean option's value other than true or false as false, so `dfopt fix
 * --dry-run=yes` wrote the file it was asked only to show. The usage error for such a value, else null.
 */
export function booleanValueError(args: readonly string[]): string | null {
  for (const arg of args) {
    if (arg === '--') break;
    const m = /^--(no-)?([A-Za-z][\w-]*)=(.*)$/s.exec(arg);
    if (m && BOOLEAN_OPTIONS.has(m[2]!) && m[3] !== 'true' && m[3] !== 'false') {
      return `--${m[1] ?? ''}${m[2]} takes no value (or true or false), not '${m[3]}'`;
    }
  }
  return null;
}
