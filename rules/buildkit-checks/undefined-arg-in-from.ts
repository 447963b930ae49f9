import { defineRule } from '../../src/engine';
import { PREDEFINED_PLATFORM_ARGS, rangeInValue, rangeInWord, suggestName, variableReferences } from './support';

export default defineRule({
  meta: {
    id: 'undefined-arg-in-from',
    aliases: ['UndefinedArgInFrom'],
    category: 'correctness',
    severity: 'warning',
    fix: 'none',
    docs: {
      summary: 'Flags variables in `FROM` (image or `--platform`) that no ARG before the first FROM declares.',
      rationale:
        'FROM can only use global ARGs (declared before the first FROM) and the predefined platform ARGs. Anything else ' +
        'expands to an empty string, so `FROM node:22${VARIANT}` silently builds `node:22`, and a misspelt ' +
        '`$BUILDPLATFOMR` gives an empty platform.',
      bad: 'FROM node:22${VARIANT} AS jsbuilder\nFROM --platform=$BULIDPLATFORM alpine:3.20\n',
      good: 'ARG VARIANT="-alpine3.20"\nFROM node:22${VARIANT} AS jsbuilder\nFROM --platform=$BUILDPLATFORM alpine:3.20\n',
      notes:
        'Same check as BuildKit\'s UndefinedArgInFrom. Declared means declared before the first FROM, with or without a ' +
        'default; BUILDPLATFORM, BUILDOS, BUILDARCH, BUILDVARIANT, BUILDOSVERSION, the TARGET* equivalents and TARGETSTAGE ' +
        'are predefined. `${VAR:-default}` still counts as a use of VAR, as in BuildKit. The message suggests a close ' +
        'declared name when there is one.',
    },
  },
  create(context) {
    const { source, escapeChar } = context.ast;
    /** The same for every FROM of the file: made at the first reference to check (most FROMs have none). */
    let declaredNames: Set<string> | null = null;
    const declared = (): Set<string> =>
      (declaredNames ??= new Set<string>([...PREDEFINED_PLATFORM_ARGS.keys(), ...context.model.globalArgs.map((a) => a.name)]));
    return {
      FROM(from) {
        const reported = new Set<string>();
        const message = (name: string): string => {
          const suggestion = suggestName(name, declared());
          return `FROM uses '$${name}', which no ARG before the first FROM declares${suggestion ? ` (did you mean ${suggestion}?)` : ''}; declare it with ARG or fix the name.`;
        };
        const platform = from.flag('platform');
        if (platform?.value) {
          for (const ref of variableReferences(platform.value, escapeChar)) {
            if (declared().has(ref.name) || reported.has(ref.name)) continue;
            reported.add(ref.name);
            context.report({ range: rangeInValue(source, platform.valueRange, platform.value, ref.start, ref.end, platform.range), message: message(ref.name) });
          }
        }
        const image = from.words[0];
        if (!image) return;
        for (const ref of variableReferences(image.value, escapeChar)) {
          if (declared().has(ref.name) || reported.has(ref.name)) continue;
          reported.add(ref.name);
          context.report({ range: rangeInWord(source, image, ref.start, ref.end), message: message(ref.name) });
        }
      },
    };
  },
});
