import { defineRule } from '../../src/engine';
import { keyValuePairs } from '../../src/model/semanticModel';
import type { InstructionNode } from '../../src/parse';

/** Comments meant for a tool, not descriptions: inline directives of dfopt, hadolint and BuildKit. */
const PRAGMA = /^(?:dfopt-(?:disable|enable)|hadolint\s|check\s*=|syntax\s*=|escape\s*=)/i;

export default defineRule({
  meta: {
    id: 'invalid-definition-description',
    aliases: ['InvalidDefinitionDescription'],
    category: 'maintainability',
    severity: 'warning',
    fix: 'none',
    recommended: false,
    docs: {
      summary: 'Flags a comment right above `FROM … AS name` or `ARG` that does not start with that name (`# name <description>`).',
      rationale:
        '`docker build --call=outline` and `--call=targets` show the comment right above a stage or ARG as its ' +
        'description when it starts with the name. A comment there that is not a description shows up wrongly or hides ' +
        'the real one; start it with the name, or separate it with an empty line.',
      bad: '# a non-descriptive comment\nFROM scratch AS base\n# another non-descriptive comment\nARG VERSION=1\n',
      good:
        '# base is a stage for compiling source\nFROM scratch AS base\n# VERSION This is the version number.\nARG VERSION=1\n\n' +
        '# not a description\n\nARG OTHER=2\n',
      notes:
        'BuildKit\'s InvalidDefinitionDescription, which is experimental there (off unless ' +
        '`# check=experimental=InvalidDefinitionDescription`), hence not in `recommended`. The last of the comment lines ' +
        'directly above is checked; its first word must be the stage name (as BuildKit stores it, lowercase) or one of ' +
        'the ARG\'s names. An empty comment line (`#`) or an empty line ends the description block, as Docker\'s docs ' +
        'describe. Not flagged: comments that are tool directives (`# hadolint ignore=…`, `# dfopt-disable…`, `# check=…`).',
    },
  },
  create(context) {
    const { source } = context.ast;
    const directiveLines = new Set(context.ast.directives.map((d) => d.range.start.line));
    const check = (inst: InstructionNode, names: readonly string[], what: string, example: string): void => {
      if (names.length === 0) return;
      const line = inst.range.start.line - 1;
      if (line < 0 || directiveLines.has(line)) return;
      const text = source.lineText(line);
      const m = /^\s*#(.*)$/.exec(text);
      if (!m) return;
      const content = m[1]!.trim();
      if (content === '' || PRAGMA.test(content)) return;
      if (names.includes(content.split(' ')[0]!)) return;
      const hash = text.indexOf('#');
      const start = (source.lineStarts[line] ?? 0) + hash;
      context.report({
        range: source.range(start, start + text.length - hash),
        message: `The comment above this ${what} is not a description: start it with '# ${example} ' or separate it from the ${what} with an empty line.`,
      });
    };
    return {
      FROM(from) {
        const stage = context.model.stageOf(from);
        if (!stage?.name) return;
        const name = stage.name.toLowerCase();
        check(from, [name], 'FROM', name);
      },
      ARG(arg) {
        const names = keyValuePairs(arg).map((p) => p.key);
        check(arg, names, 'ARG', names.length === 1 ? names[0]! : '<arg_key>');
      },
    };
  },
});
