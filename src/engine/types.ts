import type { BuildState, SemanticModel, Stage } from '../model';
import type { DockerfileAST, InstructionNode, Keyword } from '../parse';
import type { Range } from '../parse/source';
import type { ShellCheckRunner } from '../shellcheck';
import type { SizeEstimate } from '../sizes';

export type Severity = 'error' | 'warning' | 'info' | 'style';
export type Level = Severity | 'off';
export type Category = 'correctness' | 'security' | 'size' | 'cache' | 'maintainability' | 'style';
export type FixSafety = 'none' | 'safe' | 'unsafe';

export const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info', 'style'];
export const LEVELS: readonly Level[] = ['off', ...SEVERITIES];
/** Higher is more severe. */
export const severityRank = (s: Severity): number => 4 - SEVERITIES.indexOf(s);

/** Doc sections, in ruff's order; `npm run docs` renders them. */
export interface RuleDocs {
  /** What it does: one sentence. */
  readonly summary: string;
  /** Why is this bad? */
  readonly rationale: string;
  readonly bad: string;
  readonly good: string;
  /** Why the fix is safe or not (fixable rules only). */
  readonly fixSafety?: string;
  /** Where we differ from hadolint/BuildKit, and other notes. */
  readonly notes?: string;
  /**
   * Settings the examples (and the rule's fixtures) are linted with, for rules that say nothing without them
   * (a `labelSchema`, `trustedRegistries`); the docs show them as `.dfopt.yaml`.
   */
  readonly exampleSettings?: Partial<RuleSettings> & { readonly shellcheck?: string };
  /** Files of the build context the examples (and fixtures) assume, path → content, for rules that read it (`.dockerignore`). */
  readonly exampleContext?: Readonly<Record<string, string>>;
}

export interface OptionSchema {
  readonly type: 'string' | 'number' | 'boolean' | 'string[]';
  readonly description: string;
  readonly default: unknown;
  /**
   * The default under the `recommended` preset when it differs from `default`: a rule can be quieter there (skip a case
   * that reviewers would not act on) while `strict`, `all` and `hadolint` keep the full check, as ShellCheck and
   * hadolint report it.
   */
  readonly recommendedDefault?: unknown;
}

export interface RuleMeta {
  /** kebab-case, says what it wants. */
  readonly id: string;
  /** hadolint codes (DLxxxx) and BuildKit check names; accepted everywhere an id is. */
  readonly aliases: readonly string[];
  readonly category: Category;
  readonly severity: Severity;
  readonly fix: FixSafety;
  /** In the `recommended` preset (default true). */
  readonly recommended?: boolean;
  /**
   * Aliases whose findings repeat, as another tool places them, a problem that another alias of the rule reports
   * already: off in the `recommended` and `strict` presets, so that one problem is one finding there; on under `all`
   * (the conformance suites need each tool's placement) and under `hadolint` by hadolint's own levels.
   */
  readonly repeatedAliases?: readonly string[];
  readonly docs: RuleDocs;
  readonly options?: Readonly<Record<string, OptionSchema>>;
  /**
   * Codes beyond `aliases` that the rule's findings carry, from a tool it relays (ShellCheck's SCxxxx): accepted
   * wherever an alias is (`--rule`, `ignored:`, inline directives) unless another rule has the code as an alias.
   * Each finding links to `docsUrl(code)` instead of the rule's page.
   */
  readonly externalCodes?: { readonly pattern: RegExp; readonly docsUrl: (code: string) => string };
}

/** A text edit on the original source, as offsets: `[start, end) → text`. */
export interface TextEdit {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export interface Fixer {
  replace(range: Range, text: string): TextEdit;
  insertBefore(range: Range, text: string): TextEdit;
  insertAfter(range: Range, text: string): TextEdit;
  remove(range: Range): TextEdit;
}

export interface ReportDescriptor {
  /** Where: an instruction (or any node with a range), or an explicit range. */
  readonly node?: { readonly range: Range };
  readonly range?: Range;
  readonly message: string;
  /**
   * Which of the rule's aliases this finding is (DL3007 rather than DL3006), or several when they are the same check
   * (`['DL4003', 'MultipleInstructionsDisallowed']`). Omit it when every alias of the rule names this finding.
   */
  readonly code?: string | readonly string[];
  readonly fix?: (fixer: Fixer) => TextEdit | readonly TextEdit[] | null;
  /**
   * A finding more severe than the rule's level (a layer count that fails the build): it raises the level, never
   * lowers it, and a rule turned off stays off.
   */
  readonly severity?: Severity;
  /**
   * `safe` for a fix that, in this case, cannot change the image although the rule's fixes in general may (a
   * `chmod 600` folded into `COPY --chmod=600`). Never raises a fix above the rule's declared safety.
   */
  readonly fixSafety?: 'safe';
  /** What the fix does and why, for fixes too large to read from a diff (the optimizer's rewrites). */
  readonly fixDescription?: string;
  /**
   * Why this finding of a fixable rule comes without a fix (`LABEL maintainer "…"` is not rewritten because a value
   * with spaces has no unambiguous key=value form): one clause, shown as `no fix: <reason>`.
   */
  readonly fixDeclined?: string;
  /** Files of the build context the fix writes as well (`.dockerignore`), applied only together with `fix`. */
  readonly fixFiles?: () => readonly ContextFileEdit[] | null;
  /** The reasoning behind such a fix, one point per line (`dfopt fix --explain`). */
  readonly fixExplanation?: readonly string[];
  /** Other places the finding is about (the RUN that created the file a later layer deletes), for editors. */
  readonly related?: readonly RelatedRange[];
  /**
   * Bytes the image would lose if the finding were acted on, and what the figure rests on; only when there is a
   * basis (measured data, the build context's file sizes). `minSavings` drops findings whose estimate is below it.
   */
  readonly estimate?: SizeEstimate;
}

/** A second place a finding points at, and what it is. */
export interface RelatedRange {
  readonly range: Range;
  readonly message: string;
}

/** Read-only access to the build context (the Dockerfile's directory or --context); injected, never opened by the core. */
export interface BuildContext {
  readonly root: string;
  /** The Dockerfile's path relative to `root` (`/`-separated) when it lies inside the context (for `<Dockerfile>.dockerignore`). */
  readonly dockerfile?: string;
  list(dir: string): readonly string[];
  stat(path: string): { readonly size: number; readonly isDirectory: boolean } | null;
  read(path: string): string | null;
  /**
   * What `compute` derives from the context's files alone, remembered under `key` while they are taken as
   * unchanging (one CLI run) and shared by every Dockerfile using the context. Optional: rules compute without it.
   */
  memo?<T>(key: string, compute: () => T): T;
}

/**
 * What the optimizer's final stage is built on: `auto` picks per recipe (the smallest base that runs the artifact),
 * `keep` keeps the original base (multi-stage only), the others force that kind of base.
 */
export type FinalBaseChoice = 'auto' | 'scratch' | 'distroless' | 'busybox' | 'slim' | 'alpine' | 'keep';
export const FINAL_BASE_CHOICES: readonly FinalBaseChoice[] = ['auto', 'scratch', 'distroless', 'busybox', 'slim', 'alpine', 'keep'];

export interface OptimizeSettings {
  readonly finalBase: FinalBaseChoice;
  /**
   * Go builds the optimizer rewrites: true adds `-trimpath -ldflags="-s -w"` (smaller, no debug symbols, no local
   * paths), false adds nothing; null (not set) adds `-ldflags="-s -w"` only, when the build sets no linker flags of its
   * own: the symbol table and DWARF go, the runtime's pclntab stays, so panics print the same stack traces.
   */
  readonly stripBinaries: boolean | null;
}

export interface RuleSettings {
  readonly trustedRegistries: readonly string[];
  readonly imagePins: Readonly<Record<string, string>>;
  readonly optimize: OptimizeSettings;
  readonly labelSchema: Readonly<Record<string, string>>;
  readonly strictLabels: boolean;
}

export interface RuleContext {
  readonly id: string;
  readonly options: Readonly<Record<string, unknown>>;
  readonly ast: DockerfileAST;
  readonly model: SemanticModel;
  readonly settings: RuleSettings;
  readonly buildContext: BuildContext | undefined;
  /** The real ShellCheck, when the user asked for it (`shellcheck:` in the config, `--shellcheck`); injected like the build context. */
  readonly shellcheck: ShellCheckRunner | undefined;
  stateBefore(instruction: InstructionNode): BuildState;
  report(descriptor: ReportDescriptor): void;
}

type InstructionListener = (node: InstructionNode) => void;

export type Listeners = { readonly [K in Keyword]?: InstructionListener } & {
  /** Every instruction, after its keyword listener. */
  readonly '*'?: InstructionListener;
  readonly 'stage:enter'?: (stage: Stage) => void;
  readonly 'stage:exit'?: (stage: Stage) => void;
  readonly 'dockerfile:exit'?: (model: SemanticModel) => void;
};

export interface RuleModule {
  readonly meta: RuleMeta;
  create(context: RuleContext): Listeners;
}

/**
 * A fix to a file of the build context other than the Dockerfile: `append` goes at its end (on a line of its own),
 * the file is created when missing. Appending never reorders or deletes what the user wrote.
 */
export interface ContextFileEdit {
  /** Relative to the build context root, `/`-separated. */
  readonly path: string;
  readonly append: string;
}

export interface FindingFix {
  readonly safety: 'safe' | 'unsafe';
  readonly edits: readonly TextEdit[];
  /** Edits to other files of the build context. */
  readonly files?: readonly ContextFileEdit[];
  readonly description?: string;
  readonly explanation?: readonly string[];
}

export interface Finding {
  readonly ruleId: string;
  readonly aliases: readonly string[];
  /** The hadolint code or BuildKit check this finding corresponds to (the first of `codes`), when there is one. */
  readonly code: string | null;
  /** Every alias this finding corresponds to: what inline directives and per-alias levels match against. */
  readonly codes: readonly string[];
  readonly severity: Severity;
  readonly message: string;
  readonly range: Range;
  readonly fix: FindingFix | null;
  readonly docsUrl: string;
  /** Other places the finding is about, when the rule names them. */
  readonly related?: readonly RelatedRange[];
  /** Bytes acting on the finding would save, when the rule could ground a figure (size rules). */
  readonly estimate?: SizeEstimate;
  /** Why a finding of a fixable rule has no fix (`fix` is null): the rule's reason, or a generic one. */
  readonly fixDeclined?: string;
}
