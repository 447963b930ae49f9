import { defineRule, type TextEdit } from '../../src/engine';
import { sameStageName, type Stage } from '../../src/model';

export default defineRule({
  meta: {
    id: 'stage-name-casing',
    aliases: ['StageNameCasing'],
    category: 'style',
    severity: 'style',
    fix: 'safe',
    docs: {
      summary: 'Flags stage names (`FROM … AS Name`) that are not all lowercase.',
      rationale:
        'BuildKit lowercases stage names anyway, so `AS BuilderBase` and `--from=builderbase` are the same stage; writing ' +
        'them in lowercase keeps identifiers apart from instruction keywords and avoids mismatched spellings of one name.',
      bad: 'FROM alpine:3.20 AS BuilderBase\nRUN echo hi\n',
      good: 'FROM alpine:3.20 AS builder-base\nRUN echo hi\n',
      fixSafety:
        'The fix lowercases the stage name and, in the same edit, every reference to that stage written literally: ' +
        '`FROM <stage>`, `COPY --from=<stage>` (and `ADD --from`) and `RUN --mount=…,from=<stage>`. BuildKit compares ' +
        'stage names case-insensitively, so the build is the same; `docker build --target` is case-insensitive too. ' +
        'Not fixed when two stages share the name. References in ONBUILD triggers are left alone: they name a stage of ' +
        'the downstream build.',
      notes:
        'Same check as BuildKit\'s StageNameCasing (only `FROM image AS name` with exactly three arguments). Severity ' +
        '`style`: BuildKit reports it as a warning, but it never changes the build.',
    },
  },
  create(context) {
    const { model } = context;
    /** Edits lowercasing `stage`'s name and every literal reference to it. */
    const fixFor = (stage: Stage, name: string): TextEdit[] | null => {
      if (model.stagesNamed(name).length !== 1) return null;
      const lower = name.toLowerCase();
      const edits: TextEdit[] = [];
      const lowercase = (start: number, end: number): void => {
        if (context.ast.source.text.slice(start, end) !== lower) edits.push({ start, end, text: lower });
      };
      if (stage.nameRange) lowercase(stage.nameRange.start.offset, stage.nameRange.end.offset);
      for (const later of model.stages) {
        if (later.index <= stage.index) continue;
        if (later.base.stage === stage && sameStageName(later.base.written, name)) {
          lowercase(later.base.range.start.offset, later.base.range.end.offset);
        }
        for (const inst of later.instructions) {
          if (inst.keyword === 'COPY' || inst.keyword === 'ADD') {
            const from = inst.flag('from');
            if (from?.value && from.valueRange && sameStageName(from.value, name) && from.valueRange.end.offset - from.valueRange.start.offset === from.value.length) {
              lowercase(from.valueRange.start.offset, from.valueRange.end.offset);
            }
          }
          if (inst.keyword !== 'RUN') continue;
          for (const flag of inst.flags) {
            if (flag.name !== 'mount' || !flag.value || !flag.valueRange) continue;
            const start = flag.valueRange.start.offset;
            const written = context.ast.source.text.slice(start, flag.valueRange.end.offset);
            if (written !== flag.value) continue;
            // `from=<stage>` among the comma-separated options (an option name is case-insensitive).
            for (const m of written.matchAll(/(^|,)\s*from\s*=\s*([^,]*)/gi)) {
              const value = m[2]!.trim();
              if (!sameStageName(value, name)) continue;
              const at = start + m.index + m[0].length - m[2]!.length + m[2]!.indexOf(value);
              lowercase(at, at + value.length);
            }
          }
        }
      }
      return edits;
    };
    return {
      FROM(from) {
        const [, as, name] = from.words;
        if (from.words.length !== 3 || !as || !name || as.value.toLowerCase() !== 'as') return;
        if (name.value === name.value.toLowerCase()) return;
        const stage = model.stageOf(from);
        context.report({
          node: name,
          message: `Stage name '${name.value}' should be lowercase; write it as '${name.value.toLowerCase()}'.`,
          fix: stage ? () => fixFor(stage, name.value) : undefined,
        });
      },
    };
  },
});
