import { type DockerfileAST, type InstructionNode, memoKey, memoShared, type WordNode } from '../parse';
import type { Range } from '../parse/source';
import { type ImageRef, parseImageRef } from './imageRef';
import { PersistentMap } from './persistentMap';
import { MAX_EXPANDED_LENGTH, substitute, type Substitution } from './substitute';

export interface BaseImage {
  /** The image word as written in FROM. */
  readonly written: string;
  readonly range: Range;
  /** Reference after substituting global ARGs with their defaults. */
  readonly ref: ImageRef;
  /** Global ARGs it used that have no default (their value is only known at build time). */
  readonly unresolvedArgs: readonly string[];
  /** Set when FROM names an earlier stage. */
  readonly stage: Stage | null;
  readonly isScratch: boolean;
}

export interface StageDependency {
  /** The stage depended on, or null when `--from` names an external image. */
  readonly stage: Stage | null;
  readonly reference: string;
  readonly via: InstructionNode;
  readonly kind: 'from' | 'copy' | 'mount';
}

/** What is in effect when an instruction runs: image config inherited along `FROM <stage>` chains plus this stage's own. */
export interface BuildState {
  readonly workdir: string;
  readonly user: string | null;
  readonly shell: readonly string[];
  /** name → value, null when dfopt cannot know it (its expansion passed MAX_EXPANDED_LENGTH). */
  readonly env: ReadonlyMap<string, string | null>;
  /** ARGs in scope: name → default, expanded (null when declared without one, or when it cannot be known). */
  readonly args: ReadonlyMap<string, string | null>;
}

export interface Stage {
  readonly index: number;
  /** `AS name`, as written; compare with `sameStageName` (stage names are case-insensitive). */
  readonly name: string | null;
  readonly nameRange: Range | null;
  readonly from: InstructionNode;
  readonly base: BaseImage;
  /**
   * The image at the bottom of this stage's FROM chain: its own base, or, when it is built FROM an earlier stage,
   * that stage's rootBase. Kept here so rules need not walk the chain for every instruction (quadratic in a long chain).
   */
  readonly rootBase: BaseImage;
  readonly platform: string | null;
  /** Instructions after FROM, up to the next FROM. */
  readonly instructions: readonly InstructionNode[];
  readonly dependencies: readonly StageDependency[];
  readonly isFinal: boolean;
  /** State at the end of the stage. */
  readonly finalState: BuildState;
}

export interface GlobalArg {
  readonly name: string;
  /** As written, before expansion. */
  readonly defaultValue: string | null;
  readonly instruction: InstructionNode;
}

/** Where expanding a variable would have produced a value over MAX_EXPANDED_LENGTH; from there on it is unknown. */
export interface ExpansionOverflow {
  readonly instruction: InstructionNode;
  /** The variable set (ENV/ARG) or, for FROM/WORKDIR/USER, the first one referenced. */
  readonly name: string;
  readonly limit: number;
}

export interface SemanticModel {
  readonly ast: DockerfileAST;
  readonly expansionOverflows: readonly ExpansionOverflow[];
  readonly globalArgs: readonly GlobalArg[];
  readonly stages: readonly Stage[];
  readonly finalStage: Stage | null;
  stageOf(instruction: InstructionNode): Stage | null;
  /** State in effect when `instruction` runs (before its own effect). */
  stateBefore(instruction: InstructionNode): BuildState;
  stageByReference(reference: string): Stage | undefined;
  /** Every stage named `name` (compared as `sameStageName` does), in file order; empty when none. */
  stagesNamed(name: string): readonly Stage[];
}

export const sameStageName = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

const POSIX_SHELL = ['/bin/sh', '-c'] as const;
const WINDOWS_SHELL = ['cmd', '/S', '/C'] as const;
/**
 * Every state is made here, as one object literal: states made by spreading (`{ ...state, env }`) went through V8's
 * generic object copy, the model's largest cost after the expansions (1.3 % of a language-server lint), and had a
 * shape per combination of fields changed.
 */
const stateOf = (
  workdir: string,
  user: string | null,
  shell: readonly string[],
  env: ReadonlyMap<string, string | null>,
  args: ReadonlyMap<string, string | null>,
): BuildState => ({ workdir, user, shell, env, args });

const EMPTY_STATE: BuildState = stateOf('/', null, POSIX_SHELL, PersistentMap.empty(), PersistentMap.empty());

/** `key=value` pairs (modern form) or `key value…` (legacy ENV form), values unquoted. */
export function keyValuePairs(instruction: InstructionNode): ReadonlyArray<{ readonly key: string; readonly value: string | null; readonly word: WordNode }> {
  // The model reads them, and then several rules: once per parse (kept across the language server's lints).
  return memoShared(instruction, KEY_VALUE_PAIRS, pairsOf);
}

const KEY_VALUE_PAIRS = memoKey('keyValuePairs');

function pairsOf(instruction: InstructionNode): ReadonlyArray<{ readonly key: string; readonly value: string | null; readonly word: WordNode }> {
  const words = instruction.words;
  const first = words[0];
  if (!first) return [];
  if (!first.value.includes('=') && instruction.keyword === 'ENV') {
    const rest = instruction.argsText.text.slice(first.value.length).trim();
    return [{ key: first.value, value: unquote(rest), word: first }];
  }
  // A loop, not `.map`: the array is then of one hidden class whether this runs optimised or not (parseDockerfile).
  const pairs: Array<{ key: string; value: string | null; word: WordNode }> = [];
  for (const word of words) {
    const eq = word.value.indexOf('=');
    pairs.push(eq === -1 ? { key: word.value, value: null, word } : { key: word.value.slice(0, eq), value: unquote(word.value.slice(eq + 1)), word });
  }
  return pairs;
}

function unquote(value: string): string {
  const q = value[0];
  if (value.length >= 2 && (q === '"' || q === "'") && value[value.length - 1] === q) return value.slice(1, -1);
  return value;
}

/** Windows images say so in their repository (mcr.microsoft.com/windows/servercore) or tag (python:3.13-windowsservercore). */
const looksWindows = (ref: ImageRef): boolean =>
  /(^|\/)windows(\/|$)|windowsservercore|nanoserver/i.test(`${ref.registry ?? ''}/${ref.repository}`) ||
  /windowsservercore|nanoserver|ltsc20\d\d/i.test(ref.tag ?? '');

/** Options of `--mount=type=bind,from=builder,source=/x`. */
export function mountOptions(value: string): Map<string, string> {
  const options = new Map<string, string>();
  for (const part of value.split(',')) {
    const eq = part.indexOf('=');
    options.set((eq === -1 ? part : part.slice(0, eq)).trim().toLowerCase(), eq === -1 ? 'true' : part.slice(eq + 1).trim());
  }
  return options;
}

export function buildSemanticModel(ast: DockerfileAST): SemanticModel {
  const globalArgs: GlobalArg[] = [];
  const stages: Stage[] = [];
  const stageIndexOf = new Map<InstructionNode, number>();
  const stateBeforeOf = new Map<InstructionNode, BuildState>();
  const escape = ast.escapeChar;
  const expansionOverflows: ExpansionOverflow[] = [];
  const expand = (text: string, lookup: Lookup, inst: InstructionNode, name?: string): Substitution => {
    const sub = substitute(text, lookup, escape);
    if (sub.tooLarge) expansionOverflows.push({ instruction: inst, name: name ?? sub.unresolved[0] ?? '', limit: MAX_EXPANDED_LENGTH });
    return sub;
  };
  /** Global ARG values, expanded with the global ARGs before them (as BuildKit does). */
  const globalValues = new Map<string, string | null>();
  const globalLookup: Lookup = (name) => globalValues.get(name);

  /**
   * Stages by lower-cased name (what `sameStageName` compares), in file order, filled as stages close: a lookup is
   * one map access, where scanning `stages` made a file of thousands of `COPY --from` stages quadratic.
   */
  const byName = new Map<string, Stage[]>();
  const findStage = (reference: string): Stage | undefined => {
    const named = byName.get(reference.toLowerCase());
    if (named) return named[0];
    return /^\d+$/.test(reference) ? stages[Number(reference)] : undefined;
  };

  interface OpenStage {
    from: InstructionNode;
    instructions: InstructionNode[];
    dependencies: StageDependency[];
    state: BuildState;
    base: BaseImage;
    name: string | null;
    nameRange: Range | null;
    platform: string | null;
  }
  let current: OpenStage | null = null;

  const closeStage = (isFinal: boolean): void => {
    if (!current) return;
    const c = current;
    const stage: Stage = {
      index: stages.length,
      name: c.name,
      nameRange: c.nameRange,
      from: c.from,
      base: c.base,
      rootBase: c.base.stage ? c.base.stage.rootBase : c.base,
      platform: c.platform,
      instructions: c.instructions,
      dependencies: c.dependencies,
      isFinal,
      finalState: c.state,
    };
    stages.push(stage);
    if (stage.name !== null) {
      const key = stage.name.toLowerCase();
      const named = byName.get(key);
      if (named) named.push(stage);
      else byName.set(key, [stage]);
    }
    current = null;
  };

  for (const inst of ast.instructions) {
    if (inst.keyword === 'FROM') {
      closeStage(false);
      const imageWord = inst.words[0]!;
      const sub = expand(imageWord.value, globalLookup, inst);
      const baseStage = findStage(sub.value) ?? null;
      const ref = parseImageRef(sub.value);
      const asWord = inst.words[1];
      const nameWord = asWord && asWord.value.toUpperCase() === 'AS' ? inst.words[2] : undefined;
      const platformFlag = inst.flag('platform');
      const inherited = baseStage ? baseStage.finalState : EMPTY_STATE;
      const state = stateOf(inherited.workdir, inherited.user, baseStage ? inherited.shell : looksWindows(ref) ? WINDOWS_SHELL : POSIX_SHELL, inherited.env, PersistentMap.empty());
      current = {
        from: inst,
        instructions: [],
        dependencies: baseStage ? [{ stage: baseStage, reference: sub.value, via: inst, kind: 'from' }] : [],
        state,
        base: {
          written: imageWord.value,
          range: imageWord.range,
          ref,
          unresolvedArgs: sub.unresolved,
          stage: baseStage,
          isScratch: !baseStage && sub.value.toLowerCase() === 'scratch',
        },
        name: nameWord?.value ?? null,
        nameRange: nameWord?.range ?? null,
        platform: platformFlag?.value ?? null,
      };
      stageIndexOf.set(inst, stages.length);
      stateBeforeOf.set(inst, EMPTY_STATE);
      continue;
    }
    if (!current) {
      // Before the first FROM only ARG is meaningful; anything else is left to rules to report.
      stateBeforeOf.set(inst, EMPTY_STATE);
      if (inst.keyword === 'ARG') {
        for (const { key, value } of keyValuePairs(inst)) {
          globalArgs.push({ name: key, defaultValue: value, instruction: inst });
          globalValues.set(key, value === null ? null : argDefault(expand(value, globalLookup, inst, key), value));
        }
      }
      continue;
    }
    const c: OpenStage = current;
    stageIndexOf.set(inst, stages.length);
    stateBeforeOf.set(inst, c.state);
    c.instructions.push(inst);
    c.state = applyInstruction(c.state, inst, globalLookup, expand);
    const fromFlag = inst.keyword === 'COPY' || inst.keyword === 'ADD' ? inst.flag('from') : undefined;
    if (fromFlag?.value) {
      c.dependencies.push({ stage: findStage(fromFlag.value) ?? null, reference: fromFlag.value, via: inst, kind: 'copy' });
    }
    if (inst.keyword === 'RUN') {
      for (const flag of inst.flags) {
        if (flag.name !== 'mount' || !flag.value) continue;
        const from = mountOptions(flag.value).get('from');
        if (from) c.dependencies.push({ stage: findStage(from) ?? null, reference: from, via: inst, kind: 'mount' });
      }
    }
  }
  closeStage(true);

  return {
    ast,
    expansionOverflows,
    globalArgs,
    stages,
    finalStage: stages[stages.length - 1] ?? null,
    stageOf: (inst) => {
      const i = stageIndexOf.get(inst);
      return i === undefined ? null : (stages[i] ?? null);
    },
    stateBefore: (inst) => stateBeforeOf.get(inst) ?? EMPTY_STATE,
    stageByReference: findStage,
    stagesNamed: (name) => byName.get(name.toLowerCase()) ?? [],
  };
}

type Lookup = (name: string) => string | null | undefined;

const expandedOrUnknown = (sub: Substitution): string | null => (sub.tooLarge ? null : sub.value);

/**
 * An ARG default as BuildKit would expand it; null when too large to know. When it uses an ARG without a value
 * (given by `--build-arg`, or a predefined platform ARG) or something substitute leaves alone (`${A#prefix}`,
 * quotes inside the value, which BuildKit's word processing would change), the default as written: its `$` tells
 * rules the value is dynamic, as before ARG defaults were expanded.
 */
const argDefault = (sub: Substitution, written: string): string | null =>
  sub.tooLarge ? null : sub.unresolved.length > 0 || sub.value.includes('${') || /["']/.test(written) ? written : sub.value;

/** ENV, then ARG, of a state. Made by the instructions that expand variables only: the others (most) need none. */
const lookupIn =
  (state: BuildState): Lookup =>
  (name) =>
    state.env.has(name) ? state.env.get(name) : state.args.has(name) ? state.args.get(name) : undefined;

function applyInstruction(
  state: BuildState,
  inst: InstructionNode,
  globalLookup: Lookup,
  expand: (text: string, lookup: Lookup, inst: InstructionNode, name?: string) => Substitution,
): BuildState {
  switch (inst.keyword) {
    case 'WORKDIR': {
      const lookup = lookupIn(state);
      // `WORKDIR "/app/My Project"`: BuildKit's word processing removes the quotes.
      const dir = unquote(expand(inst.argsText.text.trim(), lookup, inst).value);
      const workdir = dir.startsWith('/') || /^[A-Za-z]:[\\/]/.test(dir) ? dir : joinPath(state.workdir, dir);
      return stateOf(workdir, state.user, state.shell, state.env, state.args);
    }
    case 'USER':
      return stateOf(state.workdir, expand(inst.argsText.text.trim(), lookupIn(state), inst).value, state.shell, state.env, state.args);
    case 'SHELL':
      return inst.execForm ? stateOf(state.workdir, state.user, inst.execForm, state.env, state.args) : state;
    case 'ENV': {
      // Every value is expanded with the state before the instruction, as BuildKit does.
      const lookup = lookupIn(state);
      let env = PersistentMap.from(state.env);
      for (const { key, value } of keyValuePairs(inst)) env = env.set(key, expandedOrUnknown(expand(value ?? '', lookup, inst, key)));
      return stateOf(state.workdir, state.user, state.shell, env, state.args);
    }
    case 'ARG': {
      const lookup = lookupIn(state);
      let args = PersistentMap.from(state.args);
      for (const { key, value } of keyValuePairs(inst)) {
        // A bare `ARG NAME` inside a stage re-imports the global ARG with its default.
        args = args.set(key, value === null ? (globalLookup(key) ?? null) : argDefault(expand(value, lookup, inst, key), value));
      }
      return stateOf(state.workdir, state.user, state.shell, state.env, args);
    }
    default:
      return state;
  }
}

function joinPath(base: string, rel: string): string {
  if (rel === '' || rel === '.') return base;
  return base.endsWith('/') ? base + rel : `${base}/${rel}`;
}

/** The stages whose layers make up the final image: the final stage and the stages it is built FROM, base first. */
export function finalImageStages(model: SemanticModel): Stage[] {
  // A Set for the cycle guard and one reverse at the end: `includes` and `unshift` per stage were quadratic in a
  // long `FROM <previous stage>` chain.
  const chain: Stage[] = [];
  const seen = new Set<Stage>();
  for (let stage = model.finalStage; stage && !seen.has(stage); stage = stage.base.stage) {
    seen.add(stage);
    chain.push(stage);
  }
  return chain.reverse();
}

/**
 * The stages' instructions, in order: what `stages.flatMap((s) => s.instructions)` gives, by a loop (the flatMap
 * builtin reads each element through the generic property path; it was most of use-multi-stage's own time).
 */
export function instructionsOf(stages: readonly Stage[]): InstructionNode[] {
  const out: InstructionNode[] = [];
  for (const stage of stages) for (let i = 0; i < stage.instructions.length; i++) out.push(stage.instructions[i]!);
  return out;
}
