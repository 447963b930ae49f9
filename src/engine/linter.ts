import { buildSemanticModel, type SemanticModel } from '../model';
import { type DockerfileAST, DockerfileParseError, type InstructionNode, parseDockerfile } from '../parse';
import { type Range, SourceText } from '../parse/source';
import type { ShellCheckRunner } from '../shellcheck';
import { isBuildKitCheck } from './buildkitChecks';
import { checksAreErrors, Suppressions } from './directives';
import { docsUrl, type RuleRegistry } from './registry';
import { type ActiveRule, levelFor, type LintConfig, resolveActiveRules } from './ruleConfig';
import type {
  BuildContext,
  Finding,
  Fixer,
  Listeners,
  ReportDescriptor,
  RuleContext,
  RuleModule,
  TextEdit,
} from './types';
import { severityRank } from './types';

export interface LintOptions {
  readonly registry: RuleRegistry;
  readonly config?: LintConfig;
  readonly buildContext?: BuildContext;
  /** The real ShellCheck, for the rule that relays it; without one that rule stays silent. */
  readonly shellcheck?: ShellCheckRunner;
  /**
   * Per-rule CPU cost, as ESLint's TIMING=1: when given, each rule's `create` and listeners are timed and their
   * milliseconds added under its id (parsing and the semantic model under `(parse)` and `(model)`). Costs a clock
   * read per listener call, so it is off unless asked for.
   */
  readonly timing?: Map<string, number>;
  /**
   * When given, a rule that throws (in `create` or a listener) is reported here once per lint and its listeners are
   * skipped for the rest of that lint, while the other rules go on: the language server's choice, where one broken
   * rule must not take every diagnostic down. Without it the exception propagates (the CLI fails loudly).
   */
  readonly onRuleError?: (ruleId: string, error: unknown) => void;
}

export interface LintResult {
  /** Sorted by position. */
  readonly findings: readonly Finding[];
  /** Null when the file did not parse (then the only finding is `syntax-error`). */
  readonly ast: DockerfileAST | null;
  readonly model: SemanticModel | null;
}

/** For a fixable rule's finding that comes without a fix and without the rule saying why. */
const GENERIC_DECLINE = 'this case is beyond what the fix rewrites automatically; change it by hand';

/** The fixer every rule's fix receives; a rule that must know before reporting whether its fix applies calls it itself. */
export const fixer: Fixer = {
  replace: (range, text) => ({ start: range.start.offset, end: range.end.offset, text }),
  insertBefore: (range, text) => ({ start: range.start.offset, end: range.start.offset, text }),
  insertAfter: (range, text) => ({ start: range.end.offset, end: range.end.offset, text }),
  remove: (range) => ({ start: range.start.offset, end: range.end.offset, text: '' }),
};

/**
 * A fix computed before reporting, or why there is none, as the report's `fix` or `fixDeclined`: for rules whose fix
 * code knows the reason it declines.
 */
export const fixOrDeclined = (result: TextEdit | readonly TextEdit[] | string): { fix: () => TextEdit | readonly TextEdit[] } | { fixDeclined: string } =>
  typeof result === 'string' ? { fixDeclined: result } : { fix: () => result };

type Handler = (arg: never) => void;

/**
 * Lints Dockerfile text: parse once, build the semantic model, run every active rule's listeners on one walk,
 * drop suppressed findings. Pure: no file system, no network.
 */
export function lint(text: string, options: LintOptions): LintResult {
  const { registry, config = {}, timing } = options;
  const active = resolveActiveRules(config, registry);

  let ast: DockerfileAST;
  const parseStart = timing && performance.now();
  try {
    ast = parseDockerfile(text);
    if (timing) addTime(timing, '(parse)', parseStart!);
  } catch (error) {
    if (!(error instanceof DockerfileParseError)) throw error;
    const meta = registry.meta('syntax-error')!;
    const source = new SourceText(text);
    const start = source.position(error.line - 1, error.column - 1);
    return {
      ast: null,
      model: null,
      findings: [
        ...checksBeforeSyntaxError(text, source, error.line, options),
        {
          ruleId: meta.id,
          aliases: meta.aliases,
          code: 'DL1000',
          codes: ['DL1000'],
          severity: 'error',
          message: `${capitalise(error.message)}.`,
          range: { start, end: start },
          fix: null,
          docsUrl: docsUrl(meta.id),
        },
      ],
    };
  }
  const modelStart = timing && performance.now();
  const model = buildSemanticModel(ast);
  if (timing) addTime(timing, '(model)', modelStart!);
  const checkOptions = config.buildArgs?.BUILDKIT_DOCKERFILE_CHECK;
  const suppressions = new Suppressions(ast, registry, { honourHadolint: !config.disableIgnorePragma, checkOptions });
  const findings: Finding[] = [];
  const checksFail = checksAreErrors(ast, checkOptions);
  const settings = {
    trustedRegistries: config.trustedRegistries ?? [],
    imagePins: config.imagePins ?? {},
    optimize: { finalBase: config.optimize?.finalBase ?? 'auto', stripBinaries: config.optimize?.stripBinaries ?? null },
    labelSchema: config.labelSchema ?? {},
    strictLabels: config.strictLabels ?? false,
  };

  const push = (rule: RuleModule, setting: ActiveRule, descriptor: ReportDescriptor): void => {
    const range: Range | undefined = descriptor.range ?? descriptor.node?.range;
    if (!range) throw new Error(`rule ${rule.meta.id} reported without a node or range`);
    const { aliases } = rule.meta;
    const codes: readonly string[] =
      descriptor.code === undefined ? aliases : typeof descriptor.code === 'string' ? [descriptor.code] : descriptor.code;
    const external = rule.meta.externalCodes;
    const unknown = codes.find((c) => !aliases.includes(c) && !external?.pattern.test(c));
    if (unknown) throw new Error(`rule ${rule.meta.id} reported ${unknown}, which is not one of its aliases`);
    const level = levelFor(setting, codes);
    if (level === 'off') return;
    // `# check=error=true`: BuildKit fails the build on any of its checks, so they are errors here too.
    const raised = descriptor.severity && severityRank(descriptor.severity) > severityRank(level) ? descriptor.severity : level;
    const severity = checksFail && codes.some(isBuildKitCheck) ? 'error' : raised;
    if (suppressions.isSuppressed(rule.meta.id, codes, range.start.line)) return;
    if (descriptor.estimate && config.minSavings !== undefined && descriptor.estimate.bytes < config.minSavings) return;
    let fix: Finding['fix'] = null;
    if (descriptor.fix && rule.meta.fix !== 'none') {
      const produced = descriptor.fix(fixer);
      const edits: readonly TextEdit[] = produced === null ? [] : 'start' in produced ? [produced] : produced;
      const files = descriptor.fixFiles?.() ?? [];
      if (edits.length > 0 || files.length > 0) {
        const safety = descriptor.fixSafety ?? rule.meta.fix;
        fix = files.length > 0 ? { safety, edits, files } : { safety, edits };
        if (descriptor.fixDescription) fix = { ...fix, description: descriptor.fixDescription };
        if (descriptor.fixExplanation) fix = { ...fix, explanation: descriptor.fixExplanation };
      }
    }
    findings.push({
      ruleId: rule.meta.id,
      aliases,
      code: codes[0] ?? null,
      codes,
      severity,
      message: descriptor.message,
      range,
      fix,
      docsUrl: external && codes[0] && !aliases.includes(codes[0]) ? external.docsUrl(codes[0]) : docsUrl(rule.meta.id),
      ...(descriptor.related && descriptor.related.length > 0 ? { related: descriptor.related } : {}),
      ...(descriptor.estimate ? { estimate: descriptor.estimate } : {}),
      ...(fix === null && rule.meta.fix !== 'none' ? { fixDeclined: descriptor.fixDeclined ?? GENERIC_DECLINE } : {}),
    });
  };

  // Collect every rule's listeners by event, so the walk below visits each node once; with onRuleError each listener
  // keeps the index of its rule, whose failure silences the rest of its listeners (the try/catch lives here, in one
  // place, rather than in a wrapper closure per listener per lint).
  const handlers = new Map<string, Handler[]>();
  const owners = new Map<string, number[]>();
  const { onRuleError } = options;
  const ruleIds: string[] = [];
  const failed: boolean[] = [];
  // Made once per lint, not once per rule: a language server runs all of this on every keystroke.
  const stateBefore = (instruction: InstructionNode) => model.stateBefore(instruction);
  for (const rule of registry.rules) {
    const setting = active.get(rule.meta.id);
    if (!setting) continue;
    const context: RuleContext = {
      id: rule.meta.id,
      options: setting.options,
      ast,
      model,
      settings,
      buildContext: options.buildContext,
      shellcheck: options.shellcheck,
      stateBefore,
      report: (descriptor) => push(rule, setting, descriptor),
    };
    const createStart = timing && performance.now();
    let listeners: Listeners;
    if (onRuleError) {
      try {
        listeners = rule.create(context);
      } catch (error) {
        onRuleError(rule.meta.id, error);
        continue;
      }
    } else {
      listeners = rule.create(context);
    }
    if (timing) addTime(timing, rule.meta.id, createStart!);
    const index = ruleIds.length;
    ruleIds.push(rule.meta.id);
    failed.push(false);
    // for…in rather than Object.entries: no array of pairs per rule per lint.
    for (const event in listeners) {
      const handler = (listeners as Record<string, unknown>)[event];
      if (typeof handler !== 'function') continue;
      const list = handlers.get(event) ?? [];
      list.push(timing ? timed(timing, rule.meta.id, handler as Handler) : (handler as Handler));
      handlers.set(event, list);
      if (onRuleError) {
        const ruleIndexes = owners.get(event) ?? [];
        ruleIndexes.push(index);
        owners.set(event, ruleIndexes);
      }
    }
  }

  const emit = onRuleError
    ? (event: string, arg: unknown): void => {
        const list = handlers.get(event);
        if (!list) return;
        const ruleIndexes = owners.get(event)!;
        for (let i = 0; i < list.length; i++) {
          const index = ruleIndexes[i]!;
          if (failed[index]) continue;
          try {
            (list[i] as (a: unknown) => void)(arg);
          } catch (error) {
            failed[index] = true;
            onRuleError(ruleIds[index]!, error);
          }
        }
      }
    : (event: string, arg: unknown): void => {
        const list = handlers.get(event);
        if (list) for (const handler of list) (handler as (a: unknown) => void)(arg);
      };
  const visit = (instruction: InstructionNode): void => {
    emit(instruction.keyword, instruction);
    emit('*', instruction);
  };

  const firstFrom = model.stages[0]?.from.index ?? ast.instructions.length;
  for (const instruction of ast.instructions.slice(0, firstFrom)) visit(instruction);
  for (const stage of model.stages) {
    emit('stage:enter', stage);
    visit(stage.from);
    for (const instruction of stage.instructions) visit(instruction);
    emit('stage:exit', stage);
  }
  emit('dockerfile:exit', model);

  const invalid = registry.meta('invalid-directive');
  const invalidSetting = invalid && active.get(invalid.id);
  if (invalid && invalidSetting) {
    for (const ref of suppressions.unknown) {
      const rule = registry.get(invalid.id)!;
      push(rule, invalidSetting, {
        range: ref.range,
        message: `Unknown rule '${ref.name}' in an inline directive; check the spelling (\`dfopt rules\` lists every id and alias).`,
      });
    }
  }

  const tooLarge = registry.get('expansion-too-large');
  const tooLargeSetting = tooLarge && active.get(tooLarge.meta.id);
  if (tooLarge && tooLargeSetting) {
    for (const overflow of model.expansionOverflows) {
      const line = overflow.instruction.range.start.line + 1;
      push(tooLarge, tooLargeSetting, {
        node: overflow.instruction,
        message:
          `Expanding '${overflow.name}' at line ${line} would make a value over ${overflow.limit / 1024} KiB, so dfopt treats it as unknown from here on; ` +
          'a variable that references itself more than once doubles on every line, so build the value without that.',
      });
    }
  }

  findings.sort((a, b) => a.range.start.offset - b.range.start.offset || a.ruleId.localeCompare(b.ruleId));
  return { findings, ast, model };
}

/** BuildKit's checks that run while it parses instructions (instructions.ParseInstructionWithLinter), before any error. */
const PARSE_TIME_CHECKS: ReadonlySet<string> = new Set(['MaintainerDeprecated', 'StageNameCasing', 'FromAsCasing']);

/**
 * The parse-time checks' findings on the lines above a syntax error: BuildKit reports them before it fails on the
 * error, so a file with one bad line still shows them. They come without fixes, which would need a parsing file.
 */
function checksBeforeSyntaxError(text: string, source: SourceText, errorLine: number, options: LintOptions): Finding[] {
  if (errorLine <= 1) return [];
  const end = source.position(errorLine - 1, 0).offset;
  const before = lint(text.slice(0, end), options);
  if (before.ast === null) return [];
  const reason = `the file does not parse (line ${errorLine}); correct the syntax error first`;
  return before.findings
    .filter((f) => f.codes.some((code) => PARSE_TIME_CHECKS.has(code)))
    .map(({ fixDeclined, ...f }) => ({ ...f, fix: null, ...(f.fix || fixDeclined ? { fixDeclined: reason } : {}) }));
}

function addTime(timing: Map<string, number>, key: string, start: number): void {
  timing.set(key, (timing.get(key) ?? 0) + performance.now() - start);
}

function timed(timing: Map<string, number>, id: string, handler: Handler): Handler {
  return (arg) => {
    const start = performance.now();
    try {
      handler(arg);
    } finally {
      addTime(timing, id, start);
    }
  };
}

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
