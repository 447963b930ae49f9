import type { DockerfileAST } from '../parse';
import type { Range } from '../parse/source';
import type { RuleRegistry } from './registry';

/** Every rule, for directives that name none. */
const ALL = '*';

interface LineSpan {
  readonly rules: ReadonlySet<string>;
  readonly from: number;
  readonly to: number;
}

export interface UnknownRuleReference {
  readonly name: string;
  readonly range: Range;
}

/**
 * Inline suppressions from comments and parser directives:
 * `# dfopt-disable-next-line a, b`, `# dfopt-disable a` … `# dfopt-enable a`, `# dfopt-disable-file [a]`,
 * hadolint's `# hadolint ignore=DL3008,DL3015` (next instruction) and `# hadolint global ignore=…`,
 * and BuildKit's `# check=skip=A,B` / `skip=all`. Names are resolved through aliases to rule ids.
 */
export class Suppressions {
  /** Per rule key, the spans naming it sorted by first line, with the furthest last line reached so far. */
  private readonly spansByKey = new Map<string, { from: number[]; reach: number[] }>();
  private readonly fileWide = new Set<string>();
  readonly unknown: UnknownRuleReference[] = [];
  /** Nothing is suppressed (most files): findings are not looked up at all. */
  private readonly none: boolean;

  /** `checkOptions`: the BUILDKIT_DOCKERFILE_CHECK build arg, which replaces the file's `# check=` directive. */
  constructor(ast: DockerfileAST, registry: RuleRegistry, { honourHadolint = true, checkOptions }: { honourHadolint?: boolean; checkOptions?: string } = {}) {
    // A language server builds this on every keystroke, and nearly every comment is prose: only one starting with
    // `dfopt-`, `hadolint` or `check=` (any case) can be a directive, so the regexes and the per-instruction pass
    // below run only for files that have such a comment.
    let directives = false;
    let checks = false;
    for (const comment of ast.comments) {
      const text = comment.content.trim();
      if (text.startsWith('dfopt-') || (honourHadolint && text.startsWith('hadolint'))) directives = true;
      else if (CHECK_PREFIX.test(text)) checks = true;
    }
    const spans: LineSpan[] = [];
    const resolve = (names: string[], range: Range, reportUnknown: boolean): Set<string> =>
      resolveNames(registry, names, range, reportUnknown ? this.unknown : null);
    if (directives) readDirectives(ast, honourHadolint, resolve, spans, this.fileWide);
    if (checks) readCheckComments(ast, resolve, spans);

    for (const { value, range } of fileCheckOptions(ast, checkOptions)) {
      for (const part of value.split(';')) {
        const [key, list = ''] = part.split('=', 2).map((s) => s.trim());
        if (key?.toLowerCase() !== 'skip') continue;
        for (const id of resolve(splitNames(list), range, false)) this.fileWide.add(id);
      }
    }

    if (spans.length > 0) this.index(spans);
    this.none = this.fileWide.size === 0 && this.spansByKey.size === 0;
  }

  /**
   * A finding is looked up by key and binary search, not against every span: N findings in a file of N
   * `# dfopt-disable-next-line` comments cost N² otherwise.
   */
  private index(spans: readonly LineSpan[]): void {
    const grouped = new Map<string, LineSpan[]>();
    for (const span of spans) {
      for (const key of span.rules) {
        const list = grouped.get(key);
        if (list) list.push(span);
        else grouped.set(key, [span]);
      }
    }
    for (const [key, list] of grouped) {
      list.sort((a, b) => a.from - b.from);
      const from = list.map((span) => span.from);
      const reach: number[] = [];
      for (const span of list) reach.push(Math.max(span.to, reach.at(-1) ?? -Infinity));
      this.spansByKey.set(key, { from, reach });
    }
  }

  /** Whether a span naming `key` covers `line`: of the spans starting at or before it, one reaches it. */
  private covers(key: string, line: number): boolean {
    const index = this.spansByKey.get(key);
    if (!index) return false;
    let lo = 0;
    let hi = index.from.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (index.from[mid]! <= line) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 && index.reach[lo - 1]! >= line;
  }

  /** `codes`: the aliases the finding corresponds to; naming any of them, or the rule id, silences it. */
  isSuppressed(ruleId: string, codes: readonly string[], line: number): boolean {
    if (this.none) return false;
    const matches = (keys: ReadonlySet<string>): boolean =>
      keys.has(ALL) || keys.has(ruleId) || codes.some((code) => keys.has(codeKey(ruleId, code)));
    return (
      matches(this.fileWide) ||
      this.covers(ALL, line) ||
      this.covers(ruleId, line) ||
      codes.some((code) => this.covers(codeKey(ruleId, code), line))
    );
  }
}

/** What every `check=` comment that readCheckComments reads starts with. */
const CHECK_PREFIX = /^check\s*=/i;

type ResolveNames = (names: string[], range: Range, reportUnknown: boolean) => Set<string>;

/** Rule names of a directive as rule ids (or `id#code` keys for one alias of a rule with several); `*` for all. */
function resolveNames(registry: RuleRegistry, names: string[], range: Range, unknown: UnknownRuleReference[] | null): Set<string> {
  if (names.length === 0) return new Set([ALL]);
  const ids = new Set<string>();
  for (const name of names) {
    if (name.toLowerCase() === 'all') {
      ids.add(ALL);
      continue;
    }
    const rule = registry.get(name);
    if (!rule) {
      unknown?.push({ name, range });
      continue;
    }
    // One alias of a rule with several (DL3007 of pin-base-image) silences only that alias's findings.
    const code = registry.codeOf(rule, name);
    ids.add(code ? codeKey(rule.meta.id, code) : rule.meta.id);
  }
  return ids;
}

const splitNames = (list: string): string[] =>
  list
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter(Boolean);

/** The `# dfopt-…` and `# hadolint …` comments: spans of lines, and file-wide ids. */
function readDirectives(ast: DockerfileAST, honourHadolint: boolean, resolve: ResolveNames, spans: LineSpan[], fileWide: Set<string>): void {
  // Instructions come in document order: the first one starting after a line is found by binary search, not by a
  // scan per comment (a file of N `# hadolint ignore=` lines and N instructions cost N² otherwise).
  const instructions = ast.instructions;
  const nextInstruction = (line: number): readonly [number, number] | undefined => {
    let lo = 0;
    let hi = instructions.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (instructions[mid]!.range.start.line > line) hi = mid;
      else lo = mid + 1;
    }
    const found = instructions[lo];
    return found && [found.range.start.line, found.range.end.line];
  };

  const openBlocks = new Map<string, number>();
  for (const comment of ast.comments) {
    const text = comment.content.trim();
    const line = comment.range.start.line;
    let m: RegExpExecArray | null;
    if ((m = /^dfopt-disable-next-line\b(.*)$/.exec(text))) {
      const target = nextInstruction(line);
      if (target) spans.push({ rules: resolve(splitNames(stripReason(m[1]!)), comment.range, true), from: target[0], to: target[1] });
    } else if ((m = /^dfopt-disable-file\b(.*)$/.exec(text))) {
      for (const id of resolve(splitNames(stripReason(m[1]!)), comment.range, true)) fileWide.add(id);
    } else if ((m = /^dfopt-disable\b(.*)$/.exec(text))) {
      for (const id of resolve(splitNames(stripReason(m[1]!)), comment.range, true)) {
        if (!openBlocks.has(id)) openBlocks.set(id, line);
      }
    } else if ((m = /^dfopt-enable\b(.*)$/.exec(text))) {
      const ids = resolve(splitNames(stripReason(m[1]!)), comment.range, true);
      const closing = ids.has(ALL) ? [...openBlocks.keys()] : [...ids];
      for (const id of closing) {
        const from = openBlocks.get(id);
        if (from === undefined) continue;
        spans.push({ rules: new Set([id]), from, to: line });
        openBlocks.delete(id);
      }
    } else if (honourHadolint && (m = /^hadolint\s+global\s+ignore\s*=\s*(.*)$/.exec(text))) {
      for (const id of resolve(splitNames(m[1]!), comment.range, false)) fileWide.add(id);
    } else if (honourHadolint && (m = /^hadolint\s+ignore\s*=\s*(.*)$/.exec(text))) {
      const target = nextInstruction(line);
      const ids = resolve(splitNames(m[1]!), comment.range, false);
      // hadolint ignores the next line, even when it is another comment (`# hadolint ignore=DL1001` above a pragma).
      if (target && ids.size > 0) spans.push({ rules: ids, from: line + 1, to: target[1] });
    }
  }
  for (const [id, from] of openBlocks) spans.push({ rules: new Set([id]), from, to: Number.MAX_SAFE_INTEGER });
}

/**
 * BuildKit (linter.WithMergedConfigFromComments) also reads the comments an instruction collected since the
 * previous one (blank lines do not break them, an empty `#` does): the first that parses as a `check=`
 * directive (value cut at the first space, so `// reason` may follow) skips those checks for that instruction.
 * One pass over the comments in line order, each instruction taking those between it and the previous one.
 */
function readCheckComments(ast: DockerfileAST, resolve: ResolveNames, spans: LineSpan[]): void {
  const directiveLines = new Set(ast.directives.map((d) => d.range.start.line));
  const byLine = [...ast.comments].sort((a, b) => a.range.start.line - b.range.start.line);
  let next = 0;
  let previousEnd = -1;
  for (const instruction of ast.instructions) {
    while (next < byLine.length && byLine[next]!.range.start.line <= previousEnd) next++;
    const collected: typeof byLine = [];
    while (next < byLine.length && byLine[next]!.range.start.line < instruction.range.start.line) {
      const comment = byLine[next++]!;
      if (!directiveLines.has(comment.range.start.line)) collected.push(comment);
    }
    previousEnd = instruction.range.end.line;
    const lastReset = collected.map((c) => c.content.trim() === '').lastIndexOf(true);
    for (const comment of collected.slice(lastReset + 1)) {
      const m = /^([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$/.exec(comment.content.trim());
      if (!m || m[1]!.toLowerCase() !== 'check') continue;
      const skip = buildKitSkipList(m[2]!.split(' ')[0]!);
      if (skip !== undefined) {
        const ids = resolve(splitNames(skip), comment.range, false);
        spans.push({ rules: ids, from: instruction.range.start.line, to: instruction.range.end.line });
      }
      break;
    }
  }
}

const codeKey = (ruleId: string, code: string): string => `${ruleId}#${code}`;

/**
 * Whether the file has BuildKit's `# check=error=true` parser directive, which makes any build check fail the build.
 * The value is read as Go's strconv.ParseBool does (`1`, `t`, `true`, `TRUE`, `True`).
 */
export function checksAreErrors(ast: DockerfileAST, checkOptions?: string): boolean {
  let errors = false;
  for (const { value } of fileCheckOptions(ast, checkOptions)) {
    for (const part of value.split(';')) {
      const eq = part.indexOf('=');
      if (eq === -1 || part.slice(0, eq).trim().toLowerCase() !== 'error') continue;
      errors = ['1', 't', 'T', 'true', 'TRUE', 'True'].includes(part.slice(eq + 1).trim());
    }
  }
  return errors;
}

/**
 * The file-wide check options: the BUILDKIT_DOCKERFILE_CHECK build arg when given (BuildKit then ignores the
 * directive: dockerui sets LinterConfig from the arg and newRuleLinter reads the directive only without one), else
 * the `# check=` directives.
 */
function fileCheckOptions(ast: DockerfileAST, checkOptions: string | undefined): Array<{ value: string; range: Range }> {
  if (checkOptions !== undefined) {
    const start = { line: 0, column: 0, offset: 0 };
    return [{ value: checkOptions, range: { start, end: start } }];
  }
  // A loop, not `.map`: the array is then of one hidden class whether this runs optimised or not (parseDockerfile).
  const options: Array<{ value: string; range: Range }> = [];
  for (const d of ast.directives) if (d.name === 'check') options.push({ value: d.value, range: d.range });
  return options;
}

/**
 * The `skip=` list of a BuildKit check option string as linter.ParseLintOptions reads it, or undefined when it has
 * none or the string is invalid (an option without `=` or with an unknown key makes BuildKit ignore it all).
 */
function buildKitSkipList(options: string): string | undefined {
  let skip: string | undefined;
  for (const part of options.split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1) return undefined;
    const key = part.slice(0, eq).trim();
    if (key === 'skip') skip = part.slice(eq + 1);
    else if (key !== 'experimental' && key !== 'error') return undefined;
  }
  return skip;
}

/** ESLint-style `-- reason` after the rule list. */
const stripReason = (text: string): string => text.split(/\s--\s/)[0] ?? '';
