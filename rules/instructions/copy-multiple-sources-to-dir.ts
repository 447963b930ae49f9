import { posix } from 'node:path';
import { defineRule, type RuleContext, type TextEdit } from '../../src/engine';
import type { InstructionNode } from '../../src/parse';
import { argsRange, expand, stageChain, stripQuotes } from './support';

export default defineRule({
  meta: {
    id: 'copy-multiple-sources-to-dir',
    aliases: ['DL3021'],
    category: 'correctness',
    severity: 'error',
    fix: 'safe',
    docs: {
      summary: 'Flags `COPY` of several sources to a destination that does not end with `/`.',
      rationale:
        'With more than one source, the destination must be a directory, written with a trailing slash: the classic ' +
        'builder fails `COPY a.txt b.txt /dst`, and BuildKit, which accepts it, copies the files one after the other ' +
        'onto a file `/dst` when no such directory exists yet. Writing `/dst/` also tells the reader it is a directory.',
      bad: 'FROM node:22-slim\nWORKDIR /app\nCOPY package.json package-lock.json .\n',
      good: 'FROM node:22-slim\nWORKDIR /app\nCOPY package.json package-lock.json ./\nCOPY ["a.txt", "b.txt", "/data/"]\n',
      notes:
        'Shell and JSON form are both checked; the destination is expanded with the ENV and ARG values in scope, and one ' +
        'that contains a variable with no known value is not flagged (hadolint 2.12 checks the text as written). ' +
        'ADD has the same constraint but is not checked, as in hadolint.',
      fixSafety:
        'The fix adds the `/` (`COPY a b .` → `COPY a b ./`; in JSON form inside the last string). The classic builder ' +
        'rejects the instruction without it, but BuildKit does not: it copies each source to the destination in turn, ' +
        'so into a directory that already exists the result is the same, while a destination that does not exist yet ' +
        'becomes a file that each source overwrites. The fix is therefore only offered where the destination is sure ' +
        'to be an existing directory, so the image stays the same: a relative path made of `.` and `..` only, or the ' +
        'working directory or a directory above it when an absolute WORKDIR earlier in the stage (or a stage it is ' +
        'built FROM) set it, as BuildKit creates the WORKDIR directory. Elsewhere adding the `/` would change which ' +
        'files the image holds, and the finding is left for you.',
    },
  },
  create(context) {
    return {
      COPY(node) {
        const words = node.execForm ?? node.words.map((w) => w.value);
        // Heredoc bodies are not words; their `<<EOF` markers are, and count as sources.
        if (words.length < 3) return;
        const dest = node.execForm ? words[words.length - 1]! : stripQuotes(words[words.length - 1]!);
        const { value, unresolved } = expand(dest, context.stateBefore(node), context.ast.escapeChar);
        if (unresolved.length > 0 || value.endsWith('/')) return;
        // In JSON form the words are dockerfile-ast's whitespace split, so the destination is not a word of its own.
        const range = node.execForm ? argsRange(context.ast, node) : node.words[node.words.length - 1]!.range;
        context.report({
          range,
          message: `COPY of ${words.length - 1} sources to '${dest}' needs a directory destination ending with '/'; write '${dest}/'.`,
          fix: () => (existingDirectory(context, node, value) ? slashEdit(context, node) : null),
        });
      },
    };
  },
});

/**
 * The working directory before `node` when an absolute WORKDIR of its stage (or of a stage it is built FROM) set it,
 * or the stage starts from scratch; null when it comes from a base image or a variable without a known value.
 */
function knownWorkdir(context: RuleContext, node: InstructionNode): string | null {
  const stage = context.model.stageOf(node);
  if (!stage) return null;
  const chain = stageChain(stage);
  // ONBUILD WORKDIR of a stage this one is built FROM runs before this stage's instructions, unseen by the model.
  if (chain.slice(1).some((s) => s.instructions.some((i) => i.trigger?.keyword === 'WORKDIR'))) return null;
  let anchored = chain[chain.length - 1]!.base.isScratch;
  for (const s of [...chain].reverse()) {
    for (const inst of s.instructions) {
      if ((s === stage && inst.index >= node.index) || inst.keyword !== 'WORKDIR') continue;
      const { value, unresolved } = expand(stripQuotes(inst.argsText.text.trim()), context.stateBefore(inst), context.ast.escapeChar);
      // The model expands a variable without a value to nothing; the build may pass a value in.
      if (unresolved.length > 0) anchored = false;
      else if (value.startsWith('/')) anchored = true;
    }
  }
  const workdir = context.stateBefore(node).workdir;
  return anchored && workdir.startsWith('/') && !/[$\\]/.test(workdir) ? posix.normalize(workdir).replace(/(.)\/+$/, '$1') : null;
}

/**
 * Whether the destination (expanded) is a directory that exists when the COPY runs, so that BuildKit copies into it
 * with or without the trailing `/`: the working directory or a directory above it.
 */
function existingDirectory(context: RuleContext, node: InstructionNode, dest: string): boolean {
  if (!dest.startsWith('/') && dest.split('/').every((s) => s === '' || s === '.' || s === '..')) return true;
  const workdir = knownWorkdir(context, node);
  if (workdir === null || dest.includes('\\')) return false;
  const target = posix.normalize(dest.startsWith('/') ? dest : posix.join(workdir, dest)).replace(/(.)\/+$/, '$1');
  return target === '/' || target === workdir || workdir.startsWith(`${target}/`);
}

const jsonString = (body: string): string | null => {
  try {
    return JSON.parse(`"${body}"`) as string;
  } catch {
    return null;
  }
};

/** The edit adding `/` to the destination: after the word, inside its quotes, or inside the last JSON string. */
function slashEdit(context: RuleContext, node: InstructionNode): TextEdit | null {
  const text = context.ast.source.text;
  if (node.execForm) {
    const { text: logical, sourceOffsets } = node.argsText;
    const last = /"((?:[^"\\]|\\.)*)"\s*\]\s*$/.exec(logical);
    if (!last || jsonString(last[1]!) !== node.execForm[node.execForm.length - 1]) return null;
    const close = sourceOffsets[last.index + 1 + last[1]!.length]!;
    return text[close] === '"' ? { start: close, end: close, text: '/' } : null;
  }
  const word = node.words[node.words.length - 1]!;
  const { start, end } = { start: word.range.start.offset, end: word.range.end.offset };
  const raw = text.slice(start, end);
  if (raw !== word.value || raw.endsWith(context.ast.escapeChar)) return null;
  const quoted = stripQuotes(raw) !== raw;
  return quoted ? { start: end - 1, end: end - 1, text: '/' } : { start: end, end, text: '/' };
}
