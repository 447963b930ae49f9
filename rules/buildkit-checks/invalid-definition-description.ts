import { defineRule } from '../../src/engine';
import { keyValuePairs } from '../../src/model/semanticModel';
import type { InstructionNode } from '../../src/parse';

/** Comments meant for a tool, not descriptions: inline directives of dfopt, hadolint and BuildKit. */
const PRAGMA = /^(?:dfopt-(?:disable|enable)|hadolint\s|check\s*=|syntax\s*=|escape\s*=)/i;

/** A name as words: `build-fuse_overlay` and `Build fuse overlay` both read `build fuse overlay`. */
const words = (text: string): string => ` ${text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim()} `;

export default defineRule({
  meta: {
    id: 'invalid-definition-description',
    aliases: ['InvalidDefinitionDescription'],
    category: 'maintainability',
    severity: 'warning',
    fix: 'none',
    recommended: false,
    docs: {
      summary:
        'Flags a comment right above `FROM … AS name` or `ARG name` that talks about that name but is not in the ' +
        '`# name <description>` form that `docker build --call=outline` shows.',
      rationale:
        '`docker build --call=outline` and `--call=targets` show a stage or ARG description taken from the comment ' +
        'lines right above it, from a line that starts with the name. A comment that describes the stage or ARG in ' +
        'other words is lost there; start one of its lines with the name.',
      bad: '# The runtime image\nFROM scratch AS runtime\n# Version to install (VERSION)\nARG VERSION=1\n',
      good:
        '# runtime is the image we ship\nFROM scratch AS runtime\n# VERSION is the version to install.\nARG VERSION=1\n\n' +
        '# Install the toolchain\nARG OTHER=2\n',
      notes:
        'BuildKit\'s InvalidDefinitionDescription, which is experimental there (off unless ' +
        '`# check=experimental=InvalidDefinitionDescription`), hence not in `recommended`. The comment block is the ' +
        'comment lines directly above; an empty comment line (`#`) or an empty line ends it, and tool directives ' +
        '(`# hadolint ignore=…`, `# dfopt-disable…`, `# check=…`) are not part of it. Not flagged, unlike BuildKit: a ' +
        'block with a line starting with the name anywhere in it (BuildKit\'s outline finds the description there; ' +
        'BuildKit\'s check reads only the last line), and a block that never mentions the name (an ordinary comment, ' +
        'such as a section heading or an explanation, is not a description gone wrong). The finding is on the ' +
        'instruction, where BuildKit puts it.',
    },
  },
  create(context) {
    const { source } = context.ast;
    const directiveLines = new Set(context.ast.directives.map((d) => d.range.start.line));
    /** The comment lines directly above `line`, as BuildKit's parser collects them into PrevComment. */
    const commentBlock = (line: number): string[] => {
      const block: string[] = [];
      for (let l = line - 1; l >= 0 && !directiveLines.has(l); l--) {
        const m = /^\s*#(.*)$/.exec(source.lineText(l));
        const content = m?.[1]?.trim();
        if (!content || PRAGMA.test(content)) break;
        block.unshift(content);
      }
      return block;
    };
    const check = (inst: InstructionNode, names: readonly string[], what: string, example: string): void => {
      if (names.length === 0) return;
      const block = commentBlock(inst.range.start.line);
      if (block.length === 0) return;
      if (block.some((line) => names.includes(line.split(' ')[0]!))) return;
      const text = words(block.join(' '));
      if (!names.some((name) => words(name).trim() !== '' && text.includes(words(name)))) return;
      const first = inst.range.start.line - block.length + 1;
      context.report({
        node: inst,
        message:
          `The comment at line ${first} describes this ${what} but no line of it starts with the name, so ` +
          `'docker build --call=outline' does not show it: start it with '# ${example} '.`,
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
