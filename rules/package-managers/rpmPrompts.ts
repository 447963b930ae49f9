import { hasAnyOption, optionValues, type ToolInvocation } from '../../src/shell/packageManagers';

/**
 * yum/dnf/microdnf commands that install and ask "Is this ok [y/N]" first. Updates and removals prompt too, but as in
 * hadolint they are not checked: such a prompt fails the build at once, loudly, whereas an install prompts only
 * once its dependencies grow.
 */
const TRANSACTIONS = new Set(['install', 'groupinstall', 'localinstall', 'reinstall', 'in', 'swap']);
/** `group …` and `module …` subcommands that install. */
const NESTED: Record<string, ReadonlySet<string>> = {
  group: new Set(['install']),
  groups: new Set(['install']),
  module: new Set(['install', 'enable', 'switch-to']),
};

export function rpmPrompts(inv: ToolInvocation): boolean {
  if (TRANSACTIONS.has(inv.subcommand)) return true;
  const nested = NESTED[inv.subcommand];
  return nested !== undefined && nested.has(inv.args.operands[0]?.value ?? '');
}

export function rpmAnswered(inv: ToolInvocation): boolean {
  return (
    hasAnyOption(inv.args, '-y', '--assumeyes', '--assume-yes') ||
    optionValues(inv.args, '--setopt').some((v) => /^assumeyes=(1|true|yes|on)$/i.test(v))
  );
}
