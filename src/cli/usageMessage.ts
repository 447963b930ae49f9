/**
 * yargs' "Unknown arguments: bar-baz, barBaz, Q" as the user wrote them: each option with its dashes (`--bar-baz`,
 * `-Q`), and without the camelCase twin yargs adds to every dashed name (`barBaz`, which nobody typed). A name the
 * command line does not hold as an option (an extra positional argument) stays as yargs gives it. Other messages pass
 * through unchanged.
 */
export function usageMessage(message: string, argv: readonly string[]): string {
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
