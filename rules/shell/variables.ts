import type { CompoundNode, ShellList, SimpleCommandNode } from '../../src/shell/parser';
import type { ShellWord } from '../../src/shell/types';
import { commandName, DECLARATIONS, expansionsOf, walkShell } from './support';

/** Variables ShellCheck knows never hold spaces or globs (bash's numeric specials and the like). */
const WITHOUT_SPACES = new Set([
  '$', '-', '?', '!', '#', 'BASHPID', 'BASH_ARGC', 'BASH_LINENO', 'BASH_SUBSHELL', 'EUID', 'LINENO', 'OPTIND', 'PPID',
  'RANDOM', 'SECONDS', 'SHELLOPTS', 'SHLVL', 'UID', 'COLUMNS', 'HISTFILESIZE', 'HISTSIZE', 'LINES',
]);

/** The proxy variables BuildKit passes to every RUN (hadolint declares them too). */
export const PROXY_VARIABLES = ['HTTP_PROXY', 'http_proxy', 'HTTPS_PROXY', 'https_proxy', 'FTP_PROXY', 'ftp_proxy', 'NO_PROXY', 'no_proxy'];

const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)(\[[^\]]*\])?\+?=/;

/**
 * Which variables can hold spaces or globs, as ShellCheck's data flow decides: a variable is safe when every value
 * assigned to it anywhere in the script is a non-empty literal without blanks or glob characters, an arithmetic
 * result, or made only of safe variables. ARG/ENV (declared, as hadolint does, with a literal) are safe. Order and
 * scope are ignored (ShellCheck follows control flow; on Dockerfile scripts the difference is rare).
 */
export class VariableSafety {
  private readonly values = new Map<string, Array<ShellWord | 'unsafe' | 'safe'>>();
  private readonly safe = new Map<string, boolean>();

  constructor(
    ast: ShellList,
    private readonly declared: ReadonlySet<string>,
  ) {
    walkShell(ast, {
      simple: (node) => this.fromCommand(node),
      compound: (node) => this.fromCompound(node),
    });
    for (const name of this.values.keys()) this.safe.set(name, true);
    for (let changed = true; changed; ) {
      changed = false;
      for (const [name, values] of this.values) {
        if (this.safe.get(name) === false) continue;
        if (!values.every((v) => v === 'safe' || (v !== 'unsafe' && this.safeValue(v)))) {
          this.safe.set(name, false);
          changed = true;
        }
      }
    }
  }

  /** True when ShellCheck would leave an unquoted expansion of this variable alone. */
  isSafe(name: string): boolean {
    if (WITHOUT_SPACES.has(name)) return true;
    const assigned = this.safe.get(name);
    if (assigned !== undefined) return assigned;
    return this.declared.has(name);
  }

  private add(name: string, value: ShellWord | 'unsafe' | 'safe'): void {
    let list = this.values.get(name);
    if (!list) this.values.set(name, (list = []));
    list.push(value);
    if (this.declared.has(name)) list.push('safe');
  }

  private assignment(word: ShellWord): void {
    const m = ASSIGNMENT.exec(word.raw);
    if (!m) return;
    if (m[2] || word.raw[m[0].length] === '(') return this.add(m[1]!, 'unsafe');
    this.add(m[1]!, { ...word, raw: word.raw.slice(m[0].length), start: word.start + m[0].length });
  }

  private fromCommand(node: SimpleCommandNode): void {
    for (const a of node.assignments) this.assignment(a);
    const name = commandName(node);
    if (name === null) return;
    const args = node.argv.slice(1);
    if (DECLARATIONS.has(name)) for (const a of args) this.assignment(a);
    else if (name === 'read' || name === 'mapfile' || name === 'readarray' || name === 'getopts') {
      for (const a of args) if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(a.raw)) this.add(a.raw, 'unsafe');
    } else if (name === 'let') for (const a of args) this.assignmentName(a.value, 'safe');
  }

  private assignmentName(text: string, value: 'safe' | 'unsafe'): void {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)/.exec(text);
    if (m) this.add(m[1]!, value);
  }

  private fromCompound(node: CompoundNode): void {
    if ((node.kind === 'for' || node.kind === 'select') && node.words.length > 0) {
      const [variable, ...items] = node.words;
      if (items.length === 0) this.add(variable!.raw, 'unsafe');
      // An item with an unquoted expansion is split and globbed: its pieces are unknown.
      for (const item of items) this.add(variable!.raw, expansionsOf(item).some((e) => !e.quoted) ? 'unsafe' : item);
    }
  }

  private safeValue(value: ShellWord): boolean {
    const expansions = expansionsOf(value);
    let literal = '';
    let at = value.start;
    for (const e of expansions) {
      literal += value.raw.slice(at - value.start, e.start - value.start);
      at = e.end;
      if (e.kind === 'arithmetic') continue;
      if (e.kind !== 'parameter' || e.modified || !this.isSafe(e.name.replace(/^[#]/, '')) || e.name.startsWith('!')) return false;
    }
    literal += value.raw.slice(at - value.start);
    const text = literal.replace(/\\(.)/g, '$1').replace(/['"]/g, '');
    if (expansions.length === 0 && text === '') return false;
    return !/[\s*?[]/.test(text);
  }
}
