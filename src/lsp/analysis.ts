import type { DfoptConfig } from '../config';
import { type BuildContext, type Finding, lint, type RuleRegistry } from '../engine';
import { type FixResult, fixText } from '../fix';
import type { SemanticModel } from '../model';
import type { DockerfileAST } from '../parse';
import { MAX_DOCKERFILE_BYTES } from '../parse/limits';
import { SourceText } from '../parse/source';
import type { ShellCheckRunner } from '../shellcheck';

/** A rule that threw while linting one text: its listeners stop for that run; the other rules go on. */
export interface RuleFailure {
  readonly ruleId: string;
  readonly error: unknown;
}

/** What the engine needs for one document: the rules, its config and its build context. */
export interface LintSetup {
  readonly registry: RuleRegistry;
  readonly config: DfoptConfig;
  readonly buildContext: BuildContext | undefined;
  /** The real ShellCheck when the config asks for it (`shellcheck:`). */
  readonly shellcheck?: ShellCheckRunner;
}

/** One version of one document, linted: every answer about that version (diagnostics, actions, hover) reads this. */
export interface Analysis {
  readonly version: number;
  readonly source: SourceText;
  readonly findings: readonly Finding[];
  readonly ast: DockerfileAST | null;
  readonly model: SemanticModel | null;
  readonly failures: readonly RuleFailure[];
  /** Set when the engine itself failed on this text (not one rule): then there are no findings. */
  readonly crash: unknown;
  /** The text's size in bytes when it is over MAX_DOCKERFILE_BYTES: then it is not linted, as the CLI does not read it. */
  readonly tooLarge: number | null;
}

/** The text's UTF-8 size when it is over MAX_DOCKERFILE_BYTES, else null (counted only when it may be: 3 bytes a char at most). */
const sizeOver = (text: string): number | null => {
  if (text.length * 3 <= MAX_DOCKERFILE_BYTES) return null;
  const bytes = Buffer.byteLength(text, 'utf8');
  return bytes > MAX_DOCKERFILE_BYTES ? bytes : null;
};

/**
 * An exception inside one rule (a bug, or text it never expected while the user is half-way through typing) is
 * recorded once per lint and silences only that rule: in an editor one broken rule must not take every other
 * diagnostic, or the server, down with it. The CLI keeps failing loudly instead.
 */
const isolated = (setup: LintSetup, failures: RuleFailure[]) => ({
  ...setup,
  onRuleError: (ruleId: string, error: unknown) => failures.push({ ruleId, error }),
});

/** Lints one version of a document. Never throws: a failure becomes part of the analysis, to be shown, not raised. */
export function analyze(text: string, version: number, setup: LintSetup): Analysis {
  const tooLarge = sizeOver(text);
  if (tooLarge !== null) return { version, source: new SourceText(text), findings: [], ast: null, model: null, failures: [], crash: null, tooLarge };
  try {
    const failures: RuleFailure[] = [];
    const result = lint(text, isolated(setup, failures));
    // The parser has already indexed this text's lines; a file that did not parse has no AST to take them from.
    const source = result.ast?.source ?? new SourceText(text);
    return { version, source, findings: result.findings, ast: result.ast, model: result.model, failures, crash: null, tooLarge: null };
  } catch (error) {
    return { version, source: new SourceText(text), findings: [], ast: null, model: null, failures: [], crash: error, tooLarge: null };
  }
}

/** `dfopt fix` on one document's text; null when the engine failed or the text is too large (then nothing is offered). */
export function fixDocument(text: string, setup: LintSetup, options: { unsafe?: boolean; only?: ReadonlySet<string> } = {}): FixResult | null {
  if (sizeOver(text) !== null) return null;
  try {
    return fixText(text, { ...isolated(setup, []), ...options });
  } catch {
    return null;
  }
}
