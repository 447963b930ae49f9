import { type BuildState, buildSemanticModel, type SemanticModel } from '../model';
import { type DockerfileAST, DockerfileParseError, type InstructionNode, parseDockerfile } from '../parse';
import { exactSize } from '../parse/exactSize';
import { flattened, type Range, SourceText } from '../parse/source';
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
  RuleMeta,
  RuleModule,
  RuleSettings,
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

/** The engine's default config (none given): one object, so that its resolved rules are cached like any config's. */
const NO_CONFIG: LintConfig = {};

/**
 * Lints Dockerfile text: parse once, build the semantic model, run every active rule's listeners on one walk,
 * drop suppressed findings. Pure: no file system, no network.
 */
export function lint(text: string, options: LintOptions): LintResult {
  const { registry, config = NO_CONFIG } = options;
  return lintWith(text, options, planFor(config, registry));
}

function lintWith(text: string, options: LintOptions, plan: Plan): LintResult {
  const { registry, config = NO_CONFIG, timing } = options;

  let ast: DockerfileAST;
  const parseStart = timing && performance.now();
  try {
    ast = parseDockerfile(text);
    if (timing) addTime(timing, '(parse)', parseStart!);
  } catch (error) {
    if (!(error instanceof DockerfileParseError)) throw error;
    // The lines above a syntax error that do not parse either: checksBeforeSyntaxError keeps nothing of them.
    if (plan.aboveSyntaxError) return { findings: [], ast: null, model: null };
    return syntaxErrorResult(text, error, options);
  }
  const modelStart = timing && performance.now();
  const model = buildSemanticModel(ast);
  if (timing) addTime(timing, '(model)', modelStart!);
  const checkOptions = config.buildArgs?.BUILDKIT_DOCKERFILE_CHECK;
  const suppressions = new Suppressions(ast, registry, { honourHadolint: !config.disableIgnorePragma, checkOptions });
  const findings: Finding[] = [];
  const checksFail = checksAreErrors(ast, checkOptions);
  const { settings } = plan;

  const push: Push = (rule, setting, descriptor) => {
    const range: Range | undefined = descriptor.range ?? descriptor.node?.range;
    if (!range) throw new Error(`rule ${rule.meta.id} reported without a node or range`);
    const { aliases } = rule.meta;
    const codes: readonly string[] =
      descriptor.code === undefined ? aliases : typeof descriptor.code === 'string' ? [descriptor.code] : descriptor.code;
    const external = rule.meta.externalCodes;
    // A finding without its own codes has the rule's aliases: nothing to check (a closure per finding otherwise).
    const unknown = codes === aliases ? undefined : codes.find((c) => !aliases.includes(c) && !external?.pattern.test(c));
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
      const edits: readonly TextEdit[] = produced === null ? [] : 'start' in produced ? [produced] : exactSize(produced);
      const files = descriptor.fixFiles?.() ?? [];
      if (edits.length > 0 || files.length > 0) {
        for (let i = 0; i < edits.length; i++) flattened(edits[i]!.text);
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
      message: flattened(descriptor.message),
      range,
      fix,
      docsUrl: external && codes[0] && !aliases.includes(codes[0]) ? external.docsUrl(codes[0]) : docsUrl(rule.meta.id),
      ...(descriptor.related && descriptor.related.length > 0 ? { related: descriptor.related } : {}),
      ...(descriptor.estimate ? { estimate: descriptor.estimate } : {}),
      ...(fix === null && rule.meta.fix !== 'none' ? { fixDeclined: descriptor.fixDeclined ?? GENERIC_DECLINE } : {}),
    });
  };

  // Made once per lint, not once per rule: a language server runs all of this on every keystroke.
  const stateBefore = (instruction: InstructionNode) => model.stateBefore(instruction);
  // The plan's Dispatch and rule contexts are free unless this lint runs inside another with the same plan.
  const nested = plan.dispatch.inUse;
  const dispatch = nested ? new Dispatch() : plan.dispatch;
  dispatch.open(options.onRuleError);
  const contexts = nested ? newContexts(plan.rules, settings, push) : (plan.contexts ??= newContexts(plan.rules, settings, (rule, setting, descriptor) => plan.push!(rule, setting, descriptor)));
  if (!nested) plan.push = push;
  try {
    for (let r = 0; r < contexts.length; r++) {
      const context = contexts[r]!;
      context.ast = ast;
      context.model = model;
      context.buildContext = options.buildContext;
      context.shellcheck = options.shellcheck;
      context.stateBefore = stateBefore;
      dispatch.start(plan.rules[r]!.rule, context, timing);
    }
    walk(ast, model, dispatch);
  } finally {
    dispatch.close();
    // The contexts are kept for the next lint, not what this one's listeners held.
    if (!nested) {
      for (let r = 0; r < contexts.length; r++) clearContext(contexts[r]!);
      plan.push = null;
    }
  }

  const { invalid } = plan;
  if (invalid) {
    for (const ref of suppressions.unknown) {
      push(invalid.rule, invalid.setting, {
        range: ref.range,
        message: `Unknown rule '${ref.name}' in an inline directive; check the spelling (\`dfopt rules\` lists every id and alias).`,
      });
    }
  }
  const { tooLarge } = plan;
  if (tooLarge) {
    for (const overflow of model.expansionOverflows) {
      const line = overflow.instruction.range.start.line + 1;
      push(tooLarge.rule, tooLarge.setting, {
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

type Push = (rule: RuleModule, setting: ActiveRule, descriptor: ReportDescriptor) => void;

type MutableContext = { -readonly [K in keyof RuleContext]: RuleContext[K] };

/**
 * A context per rule, filled in by each lint. Kept per plan (as its Dispatch is): ~90 objects and their `report`
 * closures were the engine's largest allocation per lint (~16 KB of the ~335 KB a corpus file's lint allocates).
 * Object literals of one shape: a class with `report` on its prototype raised the corpus lint's peak RSS by 3-4 MB
 * (105 -> 108-109 MB, 3 runs each; why was not found).
 */
function newContexts(rules: readonly PlannedRule[], settings: RuleSettings, push: Push): MutableContext[] {
  return rules.map(({ rule, setting }) => ({
    id: rule.meta.id,
    options: setting.options,
    ast: NO_AST,
    model: NO_MODEL,
    settings,
    buildContext: undefined,
    shellcheck: undefined,
    stateBefore: noState,
    report: (descriptor: ReportDescriptor) => push(rule, setting, descriptor),
  }));
}

/** Drops what a lint put in a context (its AST and model), so that they do not outlive it. */
function clearContext(context: MutableContext): void {
  context.ast = NO_AST;
  context.model = NO_MODEL;
  context.buildContext = undefined;
  context.shellcheck = undefined;
  context.stateBefore = noState;
}

/** What a context holds between lints: nothing any rule may read (no rule runs then). */
const NO_AST = null as unknown as DockerfileAST;
const NO_MODEL = null as unknown as SemanticModel;
const noState = (): BuildState => {
  throw new Error('a rule context was used after its lint');
};

/** An active rule with its level and options. */
interface PlannedRule {
  readonly rule: RuleModule;
  readonly setting: ActiveRule;
}

/** What a lint needs of a config and a registry, worked out once for the pair (a language server lints each keystroke). */
interface Plan {
  /** The active rules, in registry order. */
  readonly rules: readonly PlannedRule[];
  /** The engine's own findings' rules, when active. */
  readonly invalid: PlannedRule | undefined;
  readonly tooLarge: PlannedRule | undefined;
  /** The lint of the lines above a syntax error, for BuildKit's parse-time checks (checksBeforeSyntaxError). */
  readonly aboveSyntaxError: boolean;
  /** The config's settings as rules see them: made once per config, not once per lint. */
  readonly settings: RuleSettings;
  /** The listeners' table, filled and emptied by each lint with this plan. */
  readonly dispatch: Dispatch;
  /** The rules' contexts, made at the first lint and filled by each (see newContexts). */
  contexts: MutableContext[] | null;
  /** Where the contexts' reports go: the lint under way's findings. */
  push: Push | null;
}

/** A config's plan for every lint, and the one for the lines above a syntax error (its parse-time check rules only). */
interface Plans {
  readonly all: Plan;
  readonly parseTimeChecks: Plan;
}

const plans = new WeakMap<RuleRegistry, WeakMap<LintConfig, Plans>>();

/** Cached as resolveActiveRules is: per registry and config object (configs are treated as immutable). */
function plansFor(config: LintConfig, registry: RuleRegistry): Plans {
  let byConfig = plans.get(registry);
  if (byConfig === undefined) plans.set(registry, (byConfig = new WeakMap()));
  let cached = byConfig.get(config);
  if (cached === undefined) {
    const active = resolveActiveRules(config, registry);
    const planned = (rule: RuleModule | undefined): PlannedRule | undefined => {
      const setting = rule && active.get(rule.meta.id);
      return setting && { rule: rule!, setting };
    };
    const invalid = registry.meta('invalid-directive');
    const rules = registry.rules.flatMap((rule) => planned(rule) ?? []);
    const settings: RuleSettings = {
      trustedRegistries: config.trustedRegistries ?? [],
      imagePins: config.imagePins ?? {},
      optimize: { finalBase: config.optimize?.finalBase ?? 'auto', stripBinaries: config.optimize?.stripBinaries ?? null },
      labelSchema: config.labelSchema ?? {},
      strictLabels: config.strictLabels ?? false,
    };
    cached = {
      all: { rules, invalid: invalid && planned(registry.get(invalid.id)), tooLarge: planned(registry.get('expansion-too-large')), aboveSyntaxError: false, settings, dispatch: new Dispatch(), contexts: null, push: null },
      // Only the rules whose findings can carry one of those checks' codes (an alias, or a relayed tool's code): the
      // others' findings are all dropped there, so running them would only cost a whole lint on every keystroke that
      // leaves a line unparsable. The engine's own findings (no codes) are dropped too.
      parseTimeChecks: { rules: rules.filter(({ rule }) => canReportParseTimeCheck(rule.meta)), invalid: undefined, tooLarge: undefined, aboveSyntaxError: true, settings, dispatch: new Dispatch(), contexts: null, push: null },
    };
    byConfig.set(config, cached);
  }
  return cached;
}

const planFor = (config: LintConfig, registry: RuleRegistry): Plan => plansFor(config, registry).all;

/** Every instruction in document order (those before the first FROM first), inside its stage's enter and exit. */
function walk(ast: DockerfileAST, model: SemanticModel, dispatch: Dispatch): void {
  const firstFrom = model.stages[0]?.from.index ?? ast.instructions.length;
  for (let i = 0; i < firstFrom; i++) dispatch.instruction(ast.instructions[i]!);
  // Indexed loops: no iterator results per instruction (see rules/shell/support.ts shellScriptListeners).
  const { stages } = model;
  for (let s = 0; s < stages.length; s++) {
    const stage = stages[s]!;
    dispatch.emit('stage:enter', stage);
    dispatch.instruction(stage.from);
    const { instructions } = stage;
    for (let i = 0; i < instructions.length; i++) dispatch.instruction(instructions[i]!);
    dispatch.emit('stage:exit', stage);
  }
  dispatch.emit('dockerfile:exit', model);
}

/** One event's listeners for the lint under way: the first `count` of `handlers`, and the index of each one's rule. */
interface EventListeners {
  readonly handlers: Array<Handler | undefined>;
  readonly owners: number[];
  count: number;
}

/**
 * Every rule's listeners by event, so one walk visits each node once. Each listener keeps the index of its rule: with
 * onRuleError a rule that throws is reported once and the rest of its listeners are skipped (the try/catch lives
 * here, in one place, rather than in a wrapper closure per listener per lint); without it the exception propagates.
 *
 * One per plan, used again by each lint (see `open`): the map and arrays were ~8 KB made per lint (sampling heap
 * profile of the corpus CLI lint, 1.7 % of what it allocated), the same every time for the same rules.
 */
class Dispatch {
  private readonly byEvent = new Map<string, EventListeners>();
  /** byEvent's values, for `close` to walk without an iterator. */
  private readonly entries: EventListeners[] = [];
  private readonly ruleIds: string[] = [];
  private readonly failed: boolean[] = [];
  private rules = 0;
  private onRuleError: LintOptions['onRuleError'] = undefined;
  /** Set between `open` and `close`: a lint started meanwhile (a rule that lints) makes a Dispatch of its own. */
  inUse = false;

  open(onRuleError: LintOptions['onRuleError']): void {
    this.inUse = true;
    this.onRuleError = onRuleError;
  }

  /** Drops the lint's listeners (they hold its AST and model) and keeps the arrays for the next lint. */
  close(): void {
    for (let e = 0; e < this.entries.length; e++) {
      const entry = this.entries[e]!;
      for (let i = 0; i < entry.count; i++) entry.handlers[i] = undefined;
      entry.count = 0;
    }
    this.rules = 0;
    this.onRuleError = undefined;
    this.inUse = false;
  }

  /** Creates a rule's listeners and adds them; a rule whose `create` throws under onRuleError adds none. */
  start(rule: RuleModule, context: RuleContext, timing: Map<string, number> | undefined): void {
    const createStart = timing && performance.now();
    let listeners: Listeners;
    if (this.onRuleError) {
      try {
        listeners = rule.create(context);
      } catch (error) {
        this.onRuleError(rule.meta.id, error);
        return;
      }
    } else {
      listeners = rule.create(context);
    }
    if (timing) addTime(timing, rule.meta.id, createStart!);
    const owner = this.rules++;
    this.ruleIds[owner] = rule.meta.id;
    this.failed[owner] = false;
    // for…in rather than Object.entries: no array of pairs per rule per lint.
    for (const event in listeners) {
      const handler = (listeners as Record<string, unknown>)[event];
      if (typeof handler !== 'function') continue;
      let entry = this.byEvent.get(event);
      if (entry === undefined) {
        this.byEvent.set(event, (entry = { handlers: [], owners: [], count: 0 }));
        this.entries.push(entry);
      }
      entry.handlers[entry.count] = timing ? timed(timing, rule.meta.id, handler as Handler) : (handler as Handler);
      entry.owners[entry.count++] = owner;
    }
  }

  instruction(instruction: InstructionNode): void {
    this.emit(instruction.keyword, instruction);
    this.emit('*', instruction);
  }

  emit(event: string, arg: unknown): void {
    const entry = this.byEvent.get(event);
    if (entry === undefined) return;
    const { handlers, owners, count } = entry;
    if (!this.onRuleError) {
      // The CLI's case: an exception propagates, so no rule is ever marked failed and there is nothing to look up
      // per call (each lint makes some 2,000 of them).
      for (let i = 0; i < count; i++) (handlers[i] as (a: unknown) => void)(arg);
      return;
    }
    for (let i = 0; i < count; i++) {
      const owner = owners[i]!;
      if (this.failed[owner]) continue;
      try {
        (handlers[i] as (a: unknown) => void)(arg);
      } catch (error) {
        if (!this.onRuleError) throw error;
        this.failed[owner] = true;
        this.onRuleError(this.ruleIds[owner]!, error);
      }
    }
  }
}

function syntaxErrorResult(text: string, error: DockerfileParseError, options: LintOptions): LintResult {
  const meta = options.registry.meta('syntax-error')!;
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
        range: { start, end: error.length > 0 ? source.position(error.line - 1, error.column - 1 + error.length) : start },
        fix: null,
        docsUrl: docsUrl(meta.id),
      },
    ],
  };
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
  const before = lintWith(text.slice(0, end), options, plansFor(options.config ?? NO_CONFIG, options.registry).parseTimeChecks);
  if (before.ast === null) return [];
  const reason = `the file does not parse (line ${errorLine}); correct the syntax error first`;
  return before.findings
    .filter((f) => f.codes.some((code) => PARSE_TIME_CHECKS.has(code)))
    .map(({ fixDeclined, ...f }) => ({ ...f, fix: null, ...(f.fix || fixDeclined ? { fixDeclined: reason } : {}) }));
}

/** Whether a rule's findings can carry a code of PARSE_TIME_CHECKS: push accepts only aliases and external codes. */
function canReportParseTimeCheck(meta: RuleMeta): boolean {
  for (const code of PARSE_TIME_CHECKS) {
    if (meta.aliases.includes(code) || meta.externalCodes?.pattern.test(code)) return true;
  }
  return false;
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
