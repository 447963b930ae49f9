import { type DocumentSymbol, SymbolKind } from 'vscode-languageserver';
import { escapeRegExp, type Stage, type StageDependency } from '../model';
import type { InstructionNode } from '../parse';
import type { Range } from '../parse/source';
import type { Analysis } from './analysis';
import { toLspRange } from './protocol';

/** A place in the text that names a stage: its `AS name`, a `FROM name`, `COPY --from=name` or `--mount=from=name`. */
export interface StageMention {
  readonly stage: Stage;
  readonly range: Range;
  /** Null for the stage's own `AS name`. */
  readonly dependency: StageDependency | null;
}

/** Every mention of a stage, for hover and go-to-definition. */
export function stageMentions(analysis: Analysis): StageMention[] {
  const { model, source } = analysis;
  if (!model) return [];
  const mentions: StageMention[] = [];
  for (const stage of model.stages) {
    if (stage.nameRange) mentions.push({ stage, range: stage.nameRange, dependency: null });
    for (const dependency of stage.dependencies) {
      if (!dependency.stage) continue;
      const range = referenceRange(dependency, stage, (r) => source.slice(r));
      if (range) mentions.push({ stage: dependency.stage, range, dependency });
    }
  }
  return mentions;
}

function referenceRange(dependency: StageDependency, stage: Stage, slice: (r: Range) => string): Range | null {
  if (dependency.kind === 'from') return stage.base.range;
  if (dependency.kind === 'copy') return dependency.via.flag('from')?.valueRange ?? null;
  for (const flag of dependency.via.flags) {
    if (flag.name !== 'mount' || !flag.valueRange) continue;
    const text = slice(flag.valueRange);
    const m = new RegExp(`(^|,)from=${escapeRegExp(dependency.reference)}(,|$)`).exec(text);
    if (!m) continue;
    const start = flag.valueRange.start.offset + m.index + m[1]!.length + 'from='.length;
    const at = (offset: number) => ({ line: flag.valueRange!.start.line, column: flag.valueRange!.start.column + offset - flag.valueRange!.start.offset, offset });
    // Mount specs are one word, so the reference is on the flag's line.
    if (flag.valueRange.start.line === flag.valueRange.end.line) return { start: at(start), end: at(start + dependency.reference.length) };
  }
  return null;
}

export const contains = (range: Range, offset: number): boolean => range.start.offset <= offset && offset <= range.end.offset;

export function mentionAt(analysis: Analysis, offset: number): StageMention | undefined {
  return stageMentions(analysis).find((m) => contains(m.range, offset));
}

/** Where a stage is defined: its name, or its FROM when unnamed. */
export const stageTarget = (stage: Stage): Range => stage.nameRange ?? stage.from.range;

export const stageLabel = (stage: Stage): string => (stage.name ? `stage '${stage.name}'` : `stage ${stage.index}`);

/** Stages, each with its instructions; ARGs before the first FROM at the top level. */
export function documentSymbols(analysis: Analysis): DocumentSymbol[] {
  const { model, ast } = analysis;
  if (!model || !ast) return [];
  const symbols: DocumentSymbol[] = [];
  const firstFrom = model.stages[0]?.from.index ?? ast.instructions.length;
  for (const instruction of ast.instructions.slice(0, firstFrom)) symbols.push(instructionSymbol(instruction));
  for (const stage of model.stages) {
    const last = stage.instructions.at(-1) ?? stage.from;
    symbols.push({
      name: stage.name ?? `stage ${stage.index}`,
      detail: `FROM ${stage.base.written}${stage.isFinal ? ' (final)' : ''}`,
      kind: SymbolKind.Class,
      range: toLspRange({ start: stage.from.range.start, end: last.range.end }),
      selectionRange: toLspRange(stage.nameRange ?? stage.from.keywordRange),
      children: [stage.from, ...stage.instructions].map(instructionSymbol),
    });
  }
  return symbols;
}

const SYMBOL_KINDS: Partial<Record<InstructionNode['keyword'], SymbolKind>> = {
  ARG: SymbolKind.Variable,
  ENV: SymbolKind.Variable,
  LABEL: SymbolKind.Property,
  RUN: SymbolKind.Function,
  CMD: SymbolKind.Event,
  ENTRYPOINT: SymbolKind.Event,
  FROM: SymbolKind.Module,
};

function instructionSymbol(instruction: InstructionNode): DocumentSymbol {
  const args = instruction.argsText.text.replace(/\s+/g, ' ').trim();
  return {
    name: instruction.keyword,
    detail: args.length > 60 ? `${args.slice(0, 59)}…` : args,
    kind: SYMBOL_KINDS[instruction.keyword] ?? SymbolKind.Field,
    range: toLspRange(instruction.range),
    selectionRange: toLspRange(instruction.keywordRange),
  };
}
