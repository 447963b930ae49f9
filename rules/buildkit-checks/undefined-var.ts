import { defineRule } from '../../src/engine';
import { keyValuePairs, type Stage } from '../../src/model/semanticModel';
import type { InstructionNode } from '../../src/parse';
import type { Range } from '../../src/parse/source';
import { rangeInValue, rangeInWord, suggestName, variableReferences } from './support';

interface StageScope {
  /** True when every variable in the base image's environment is known (the chain of stages starts at scratch). */
  readonly known: boolean;
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
        'a variable that differs just in case from one declared in scope (`$version` after `ARG VERSION`), since the ' +
        'base image could define any other name. COPY/ADD heredoc bodies are not checked.',
    },
  },
  create(context) {
    const { source, escapeChar } = context.ast;
    const scopes = new Map<Stage, StageScope>();

    const scopeOf = (stage: Stage): { known: boolean; declared: Set<string> } => {
      const base = stage.base.stage;
      if (base) {
        const inherited = scopes.get(base);
        const hasOnbuild = base.instructions.some((i) => i.keyword === 'ONBUILD');
        return { known: (inherited?.known ?? false) && !hasOnbuild, declared: new Set(inherited?.declared ?? []) };
      }
      const fromScratch = stage.base.isScratch && !stage.base.written.includes('$');
      return { known: fromScratch, declared: new Set(['PATH']) };
    };

    return {
      'stage:exit'(stage) {
        const { known, declared } = scopeOf(stage);
        const check = (inst: InstructionNode, text: string, where: (start: number, end: number) => Range, seen: Set<string>): void => {
          for (const ref of variableReferences(text, escapeChar)) {
            if (declared.has(ref.name) || seen.has(ref.name)) continue;
            const suggestion = suggestName(ref.name, declared);
            const caseOnly = suggestion !== undefined && suggestion.toLowerCase() === ref.name.toLowerCase();
            if (!known && !caseOnly) continue;
            seen.add(ref.name);
            context.report({
              range: where(ref.start, ref.end),
              message:
                `${inst.keywordText} uses '$${ref.name}', which no ARG or ENV before it declares` +
                `${suggestion ? ` (did you mean $${suggestion}?)` : ''}; declare it or fix the name, as it expands to an empty string.`,
            });
          }
        };
        for (const inst of stage.instructions) {
          const seen = new Set<string>();
          for (const flagName of EXPANDED_FLAGS[inst.keyword] ?? []) {
            for (const flag of inst.flags) {
              if (flag.name !== flagName || !flag.value) continue;
              check(inst, flag.value, (s, e) => rangeInValue(source, flag.valueRange, flag.value!, s, e, flag.range), seen);
            }
          }
          if (EXPANDS_WORDS.has(inst.keyword)) {
            for (const word of inst.words) check(inst, word.value, (s, e) => rangeInWord(source, word, s, e), seen);
          }
          if (inst.keyword === 'ENV') {
            for (const { key } of keyValuePairs(inst)) declared.add(key);
          } else if (inst.keyword === 'ARG') {
            // ARG is dispatched pair by pair: `ARG A=1 B=$A` sees A.
            for (const { key, value, word } of keyValuePairs(inst)) {
              if (value !== null) {
                const eq = word.value.indexOf('=');
                check(inst, word.value.slice(eq + 1), (s, e) => rangeInWord(source, word, eq + 1 + s, eq + 1 + e), seen);
              }
              declared.add(key);
            }
          }
        }
        scopes.set(stage, { known, declared });
      },
    };
  },
});
