import { defineRule } from '../../src/engine';
import { cleanPath, loadIgnore } from '../../src/model/dockerignore';
import { substitute } from '../../src/model/substitute';
import type { InstructionNode, WordNode } from '../../src/parse';


const isRemote = (src: string): boolean => /^[a-z][a-z0-9+.-]*:\/\//i.test(src) || /^git@/.test(src);

export default defineRule({
  meta: {
    id: 'copy-ignored-file',
    aliases: ['CopyIgnoredFile'],
    category: 'correctness',
    severity: 'warning',
    fix: 'none',
    docs: {
      summary: 'Flags COPY and ADD sources that `.dockerignore` excludes from the build context.',
      rationale:
        'Files matched by `.dockerignore` are never sent to the builder, so copying one fails the build with "not found", ' +
        'or, with a wildcard, silently copies less than intended. Copy something else, or stop ignoring the file.',
      exampleContext: { '.dockerignore': '*.log\nsecrets/\n' },
      bad: 'FROM alpine:3.20\nCOPY build.log /var/log/\nADD secrets/api.txt /run/\n',
      good: 'FROM alpine:3.20\nCOPY app/ /app/\nCOPY --from=builder /out/build.log /var/log/\n',
      notes:
        'Same check as BuildKit\'s CopyIgnoredFile. It needs the build context: the CLI reads it from the Dockerfile\'s ' +
        'directory (or `--context DIR`); without one (`--stdin` alone, the language server, `lint()` without a ' +
        '`buildContext`) the rule stays silent. `<Dockerfile>.dockerignore` next to the Dockerfile takes precedence ' +
        'over `.dockerignore`, as in Docker. Like BuildKit, nothing is reported when the ignore file has exceptions ' +
        '(`!pattern`), since a file below an ignored directory may be re-included; `COPY --from` and remote ADD sources ' +
        'are not checked, and neither are sources whose variables have no known value. `COPY . .` is flagged only when ' +
        'a pattern (`*`, `**`) ignores everything. Unlike BuildKit, a source written with a leading `/` is checked too ' +
        '(it still names a path in the context).',
    },
  },
  create(context) {
    const build = context.buildContext;
    const loaded = build ? loadIgnore(build) : null;
    if (!loaded || loaded.ignore.hasExclusions) return {};
    const { file, ignore } = loaded;
    const rootIgnored = ignore.patterns.some((p) => !p.exclusion && ['*', '**', '**/*'].includes(p.pattern));

    const check = (inst: InstructionNode): void => {
      if (inst.keyword === 'COPY' && inst.flag('from')) return;
      const state = context.stateBefore(inst);
      const lookup = (name: string): string | null | undefined =>
        state.env.get(name) ?? (state.args.has(name) ? state.args.get(name) : undefined);
      const words = inst.words.filter((w) => !w.value.startsWith('<<'));
      let sources: Array<{ value: string; word: WordNode | null }>;
      if (inst.execForm) {
        sources = inst.execForm.slice(0, -1).map((value) => ({ value, word: null }));
      } else {
        sources = words.slice(0, -1).map((word) => ({ value: word.value.replace(/^(["'])(.*)\1$/, '$2'), word }));
      }
      for (const source of sources) {
        if (isRemote(source.value)) continue;
        const sub = substitute(source.value, lookup, context.ast.escapeChar);
        if (sub.unresolved.length > 0) continue;
        const path = cleanPath(sub.value);
        if (path === '.' || path === '/') {
          if (!rootIgnored) continue;
        } else if (!ignore.isIgnored(path.replace(/^\/+/, ''))) {
          continue;
        }
        context.report({
          node: source.word ?? inst,
          message: `${inst.keywordText} source '${source.value}' is excluded by ${file}, so it is not in the build context; copy another path or stop ignoring it.`,
        });
      }
    };
    return { COPY: check, ADD: check };
  },
});
