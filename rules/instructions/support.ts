import type { RuleContext } from '../../src/engine';
import type { BuildState, SemanticModel, Stage } from '../../src/model';
import { substitute, type Substitution } from '../../src/model';
import type { DockerfileAST, FlagNode, InstructionNode, Keyword } from '../../src/parse';
import type { Range } from '../../src/parse/source';

/** The arguments of an instruction, from the first word to the last (the whole instruction when it has none). */
export function argsRange(ast: DockerfileAST, node: InstructionNode): Range {
  const first = node.words[0];
  const last = node.words[node.words.length - 1];
  return first && last ? ast.source.range(first.range.start.offset, last.range.end.offset) : node.range;
}

export const stripQuotes = (word: string): string =>
  word.length >= 2 && (word[0] === '"' || word[0] === "'") && word.endsWith(word[0]) ? word.slice(1, -1) : word;

/** Expands `$VAR` with what is in scope for the instruction (ENV, then the stage's ARGs), as BuildKit does. */
export function expand(text: string, state: BuildState, escapeChar: string): Substitution {
  return substitute(text, (name) => state.env.get(name) ?? (state.args.has(name) ? state.args.get(name) : undefined), escapeChar);
}

/** The stage and the earlier stages it is built `FROM`, nearest first. */
export function stageChain(stage: Stage): Stage[] {
  const chain: Stage[] = [];
  for (let s: Stage | null = stage; s && !chain.includes(s); s = s.base.stage) chain.push(s);
  return chain;
}

/**
 * The last instruction with this keyword that takes effect before `node` in its stage, looking through the stages it
 * is built `FROM` (their instructions all ran before this stage's). ONBUILD triggers do not count.
 */
export function lastBefore(model: SemanticModel, node: InstructionNode, keyword: Keyword): InstructionNode | undefined {
  const stage = model.stageOf(node);
  if (!stage) return undefined;
  const [own, ...ancestors] = stageChain(stage);
  const found = own!.instructions.filter((i) => i.keyword === keyword && i.index < node.index).pop();
  if (found) return found;
  for (const s of ancestors) {
    const hit = s.instructions.filter((i) => i.keyword === keyword).pop();
    if (hit) return hit;
  }
  return undefined;
}

/** 1-based line of a node, for messages. */
export const lineOf = (node: { readonly range: Range }): number => node.range.start.line + 1;

/** A COPY's `--from` reference (quotes removed) with the flag and the stage the COPY is in, or null without one. */
export function copyFromReference(context: RuleContext, copy: InstructionNode): { flag: FlagNode; stage: Stage; reference: string } | null {
  const flag = copy.flag('from');
  const stage = context.model.stageOf(copy);
  if (!flag?.value || !stage) return null;
  return { flag, stage, reference: stripQuotes(flag.value) };
}
