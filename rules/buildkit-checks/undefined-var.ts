import { defineRule } from '../../src/engine';
import { keyValuePairs, type Stage } from '../../src/model/semanticModel';
import type { InstructionNode } from '../../src/parse';
import type { Range } from '../../src/parse/source';
import { editDistance, rangeInValue, rangeInWord, suggestName, type VariableReference, variableReferences } from './support';

interface StageScope {
  /** True when every variable in the base image's environment is known (the chain of stages starts at scratch). */
  readonly known: boolean;
  /** What a stage built FROM this one knows: `known`, unless this stage has ONBUILD triggers (they run first there). */
  readonly knownToHeirs: boolean;
  /** Names declared by ARG or ENV (and PATH, which BuildKit always sets) at the end of the stage. */
  readonly declared: ReadonlySet<string>;
}

/** Instructions whose words BuildKit expands (and checks): instructions.SupportsSingleWordExpansion. */
const EXPANDS_WORDS = new Set(['ENV', 'LABEL', 'COPY', 'ADD', 'WORKDIR', 'USER', 'VOLUME', 'STOPSIGNAL']);
const EXPANDED_FLAGS: Readonly<Record<string, readonly string[]>> = {
  COPY: ['chown', 'chmod'],
  ADD: ['chown', 'chmod', 'checksum'],
  RUN: ['mount'],
};

/**
 * Whether `name` is a slip of `declared`: the same name in other case, or one edit away (a letter added, dropped,
 * changed or two swapped: `$PAHT`, `$DIR_ASSET` for `DIR_ASSETS`) in a name of four or more characters. A base image
 * defines such a near twin of a name the Dockerfile declares too rarely to keep quiet about; a changed digit
 * (`$PY2` next to `ARG PY3`) is a different variable, not a slip.
 */
function isNearMiss(name: string, declared: string): boolean {
  if (name.toLowerCase() === declared.toLowerCase()) return true;
  if (name.length < 4 || editDistance(name, declared) !== 1) return false;
  if (name.length !== declared.length) return true;
  const differing = [...name].map((c, i) => [c, declared[i]!] as const).filter(([a, b]) => a !== b);
  return !(differing.length === 1 && differing.every(([a, b]) => /\d/.test(a) && /\d/.test(b)));
}

/** One stage's walk: whether its base's environment is known, the names declared so far, the ARGs still ahead. */
class StagePass {
  constructor(
    readonly known: boolean,
    readonly declared: Set<string>,
    readonly laterArgs: Map<string, InstructionNode>,
  ) {}
}

export default defineRule({
  meta: {
    id: 'undefined-var',
    aliases: ['UndefinedVar'],
    category: 'correctness',
    severity: 'warning',
    fix: 'none',
    docs: {
      summary: 'Flags `$VAR` in Dockerfile instructions when no ARG or ENV in scope declares VAR.',
      rationale:
        'Docker expands an undeclared variable to an empty string without any error, so `COPY $foo .` copies the whole ' +
        'context and `ENV PATH=$PAHT:/app/bin` throws the PATH away. Declare the variable (ARG or ENV) before using it, ' +
        'or fix the misspelt name.',
      bad: 'FROM scratch AS base\nCOPY $foo .\nARG foo\n\nFROM alpine:3.20\nARG VERSION=1\nENV APP_VERSION=$version\n',
      good: 'FROM scratch AS base\nARG foo\nCOPY $foo .\n\nFROM python:3.12\nARG VERSION=$PYTHON_VERSION\n',
      notes:
        'BuildKit\'s UndefinedVar checks the instructions Docker itself expands (ENV, LABEL, COPY, ADD, WORKDIR, USER, ' +
        'VOLUME, STOPSIGNAL, ARG defaults, `RUN --mount` options, COPY/ADD `--chown`/`--chmod`), never shell-form RUN, ' +
        'CMD or ENTRYPOINT, whose variables the shell expands; `${VAR:-default}` still counts as a use. It also knows ' +
        'the base image\'s environment, which a linter cannot see offline. To stay free of false positives this rule ' +
        'reports: in stages that start from `scratch` (directly or through earlier stages, with no ONBUILD on the way), ' +
        'every variable not declared by ARG or ENV in scope (PATH is always set); in stages built on another image, only ' +
        'a slip of a name declared in scope (other case, `$version` after `ARG VERSION`, or one edit in a name of four ' +
        'or more characters, `$PAHT`, `$DIR_ASSET` after `ARG DIR_ASSETS`, but not a changed digit) and a use before ' +
        'the ARG later in the stage that declares it, since the base image could define any other name. COPY/ADD ' +
        'heredoc bodies are not checked.',
    },
  },
  create(context) {
    const { source, escapeChar } = context.ast;
    const scopes = new Map<Stage, StageScope>();

    const scopeOf = (stage: Stage): { known: boolean; declared: Set<string> } => {
      const base = stage.base.stage;
      if (base) {
        // Read from the base's scope, not found again by walking its instructions for every stage built on it.
        const inherited = scopes.get(base);
        return { known: inherited?.knownToHeirs ?? false, declared: new Set(inherited?.declared ?? []) };
      }
      const fromScratch = stage.base.isScratch && !stage.base.written.includes('$');
      return { known: fromScratch, declared: new Set(['PATH']) };
    };

    // The walk of a stage in steps, each its own function: in one listener (the loop, the per-instruction checks and
    // the report inside it) it was on-stack-replaced and compiled again on a fuzz giant's every lint and fix, and a
    // rare branch's missing feedback deoptimised all of it.
    const check = (pass: StagePass, inst: InstructionNode, text: string, where: (start: number, end: number) => Range, seen: Set<string>): void => {
      for (const ref of variableReferences(text, escapeChar)) {
        if (pass.declared.has(ref.name) || seen.has(ref.name)) continue;
        reportRef(pass, inst, ref, where, seen);
      }
    };

    /** A reference to a name not declared (yet): reported when the scope is known, a later ARG declares it, or it is a slip. */
    const reportRef = (pass: StagePass, inst: InstructionNode, ref: VariableReference, where: (start: number, end: number) => Range, seen: Set<string>): void => {
      const suggestion = suggestName(ref.name, pass.declared);
      const laterArg = pass.laterArgs.get(ref.name) === inst ? undefined : pass.laterArgs.get(ref.name);
      if (!pass.known && !laterArg && !(suggestion !== undefined && isNearMiss(ref.name, suggestion))) return;
      seen.add(ref.name);
      context.report({
        range: where(ref.start, ref.end),
        message: laterArg
          ? `${inst.keywordText} uses '$${ref.name}' before the ARG at line ${laterArg.range.start.line + 1} declares it; ` +
            'move the ARG above this line, as the variable is not the build argument here.'
          : `${inst.keywordText} uses '$${ref.name}', which no ARG or ENV before it declares` +
            `${suggestion ? ` (did you mean $${suggestion}?)` : ''}; declare it or fix the name, as it expands to an empty string.`,
      });
    };

    const checkInstruction = (pass: StagePass, inst: InstructionNode): void => {
      const seen = new Set<string>();
      const flagNames = EXPANDED_FLAGS[inst.keyword];
      if (flagNames !== undefined) checkFlags(pass, inst, flagNames, seen);
      if (EXPANDS_WORDS.has(inst.keyword)) {
        // Only words with a `$` hold a reference: no range closure made for the others.
        for (const word of inst.words) if (word.value.includes('$')) check(pass, inst, word.value, (s, e) => rangeInWord(source, word, s, e), seen);
      }
      if (inst.keyword === 'ENV') {
        for (const { key } of keyValuePairs(inst)) pass.declared.add(key);
      } else if (inst.keyword === 'ARG') declareArgs(pass, inst, seen);
    };

    const checkFlags = (pass: StagePass, inst: InstructionNode, flagNames: readonly string[], seen: Set<string>): void => {
      for (const flagName of flagNames) {
        for (const flag of inst.flags) {
          if (flag.name !== flagName || !flag.value) continue;
          check(pass, inst, flag.value, (s, e) => rangeInValue(source, flag.valueRange, flag.value!, s, e, flag.range), seen);
        }
      }
    };

    /** ARG is dispatched pair by pair: `ARG A=1 B=$A` sees A. */
    const declareArgs = (pass: StagePass, inst: InstructionNode, seen: Set<string>): void => {
      for (const { key, value, word } of keyValuePairs(inst)) {
        if (value !== null) {
          const eq = word.value.indexOf('=');
          check(pass, inst, word.value.slice(eq + 1), (s, e) => rangeInWord(source, word, eq + 1 + s, eq + 1 + e), seen);
        }
        pass.declared.add(key);
        if (pass.laterArgs.get(key) === inst) pass.laterArgs.delete(key);
      }
    };

    return {
      'stage:exit'(stage) {
        const { known, declared } = scopeOf(stage);
        // Names an ARG later in this stage declares, to the first such ARG: using one before it is a mistake even on an
        // image whose environment is unknown, since the author meant the build argument.
        const laterArgs = new Map<string, InstructionNode>();
        for (let i = stage.instructions.length - 1; i >= 0; i--) {
          const inst = stage.instructions[i]!;
          if (inst.keyword === 'ARG') for (const { key } of keyValuePairs(inst)) laterArgs.set(key, inst);
        }
        const pass = new StagePass(known, declared, laterArgs);
        for (const inst of stage.instructions) checkInstruction(pass, inst);
        scopes.set(stage, { known, knownToHeirs: known && !stage.instructions.some((i) => i.keyword === 'ONBUILD'), declared });
      },
    };
  },
});
