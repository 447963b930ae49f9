import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fixText } from '../../src/fix';
import { createDefaultRegistry, lintText } from '../../src/index';
import { finalImageRunCount, multiStageProblem } from '../../src/optimize';
import { parseDockerfile } from '../../src/parse';
import { runScripts } from '../../src/shell';

/**
 * Fix safety over every corpus file, with and without unsafe fixes: the output parses, fixing it again changes
 * nothing, no fix is left unapplied, RUN instructions never grow in number, every comment line survives, and safe
 * fixes leave the ordered list of commands the RUNs execute (argv words) exactly as it was.
 */
const CORPUS = resolve(__dirname, '..', '..', '..', 'shared', 'corpus', 'files');
const present = existsSync(CORPUS);
const registry = createDefaultRegistry();
const config = { extends: 'all' as const };

/** `<rule that appears> after <fix applied>` → why that composition is expected (fix-composition-exceptions.json). */
const compositionExceptions = Object.fromEntries(
  Object.entries(JSON.parse(readFileSync(join(__dirname, 'fix-composition-exceptions.json'), 'utf8')) as Record<string, string>).filter(([k]) => k !== '//'),
);

const runs = (text: string) => parseDockerfile(text).instructions.filter((i) => i.keyword === 'RUN');
const commentLines = (text: string) => text.split(/\r?\n/).filter((l) => /^\s*#/.test(l)).map((l) => l.trim());
/**
 * Every command the RUNs execute, in order, as argv values. Two spellings count as the same command, as the safe
 * fixes that write them claim: a backquoted substitution without backslashes and `$(…)` (prefer-dollar-paren), and
 * `egrep`/`fgrep` and `grep -E`/`grep -F`, which is what those wrappers run (no-egrep-fgrep).
 */
const sameSpelling = (word: string): string =>
  word.replace(/`([^`\\]*)`/g, '$$($1)').replace(/\b([ef])grep\b/g, (_, kind: string) => `grep -${kind.toUpperCase()}`);
const commandList = (text: string) =>
  runs(text).flatMap((run) => runScripts(run).flatMap((s) => s.commands.map((c) => c.argv.map((w) => sameSpelling(w.value)).join(' '))));

/**
 * The commands after safe fixes are the commands before, in order, except `chmod`/`chown`/`chgrp` ones that
 * modify-in-later-layer folded into `COPY --chmod/--chown` (the only safe fix that takes a command out of a RUN:
 * the files end up the same).
 */
function sameCommandsSaveFolds(before: readonly string[], after: readonly string[]): boolean {
  let i = 0;
  for (const command of before) {
    if (i < after.length && after[i] === command) i++;
    else if (!/^(chmod|chown|chgrp) /.test(command)) return false;
  }
  return i === after.length;
}

(present ? describe : describe.skip)('fixing every corpus file', () => {
  const files = present ? readdirSync(CORPUS).filter((f) => f.endsWith('.Dockerfile')) : [];
  const texts = files.map((f) => [f, readFileSync(join(CORPUS, f), 'utf8')] as const);

  for (const unsafe of [false, true]) {
    it(`keeps every file valid and stable (${unsafe ? 'with' : 'without'} --unsafe)`, () => {
      const failures: string[] = [];
      const applied = new Map<string, number>();
      let changed = 0;
      let runsBefore = 0;
      let runsAfter = 0;
      let multiStage = 0;
      const declined = new Map<string, number>();
      // Fix composition: a rule with no finding before the fixes must have none after them, unless listed.
      const introduced = new Map<string, string[]>();
      const excused = new Set<string>();
      for (const [file, text] of texts) {
        const result = fixText(text, { registry, config, unsafe });
        if (!result.parsed) continue; // syntax errors are never fixed (nothing written)
        if (result.brokenPass) failures.push(`${file}: a pass of ${result.brokenPass.rules.join(', ')} did not parse: ${result.brokenPass.message}`);
        const unfixable = result.findings.find((f) => f.ruleId === 'use-multi-stage' && !f.fix);
        const reason = unfixable && /\(no automatic fix: (.*)\)\.$/.exec(unfixable.message)?.[1];
        if (unsafe && reason) {
          const key = reason.replace(/`[^`]*`/g, '`…`').replace(/line \d+/g, 'line N').replace(/(base image|FROM stage|ARG) \S+/g, '$1 …');
          declined.set(key, (declined.get(key) ?? 0) + 1);
        }
        if (result.output === text) continue;
        changed++;
        // Composition is checked on both runs: issue 19 defines it on the --unsafe one, and the safe fixes alone are
        // what `dfopt fix` applies by default.
        const rulesBefore = new Set(lintText(text, config).findings.map((f) => f.ruleId));
        for (const f of result.findings) {
          if (rulesBefore.has(f.ruleId)) continue;
          const key = [...result.applied.keys()].map((fixRule) => `${f.ruleId} after ${fixRule}`).find((k) => k in compositionExceptions);
          if (key) excused.add(key);
          else introduced.set(f.ruleId, [...(introduced.get(f.ruleId) ?? []), `${file}:${f.range.start.line + 1}`]);
        }
        for (const [rule, n] of result.applied) applied.set(rule, (applied.get(rule) ?? 0) + n);
        let again;
        try {
          again = fixText(result.output, { registry, config, unsafe });
        } catch (error) {
          failures.push(`${file}: fixed output throws: ${(error as Error).message}`);
          continue;
        }
        if (!again.parsed) failures.push(`${file}: fixed output does not parse`);
        else if (again.output !== result.output) failures.push(`${file}: not idempotent (${[...again.applied.keys()].join(', ')} fix again)`);
        const leftover = result.findings.filter((f) => f.fix && (unsafe || f.fix.safety === 'safe'));
        if (leftover.length > 0) failures.push(`${file}: fixes left after ${result.passes} passes: ${leftover.map((f) => f.ruleId).join(', ')}`);
        const [before, after] = [runs(text).length, runs(result.output).length];
        runsBefore += before;
        runsAfter += after;
        // The optimizer adds builder RUNs (ldd collection, npm prune) that no layer of the image keeps: for its
        // rewrites the count that must not grow is that of the RUN layers in the final image.
        if (result.applied.has('use-multi-stage')) {
          const [imageBefore, imageAfter] = [finalImageRunCount(text), finalImageRunCount(result.output)];
          if (imageAfter > imageBefore) failures.push(`${file}: RUN layers of the final image grew ${imageBefore} → ${imageAfter}`);
        }
        // instruction-in-arguments frees a RUN that a stray continuation had swallowed into the previous instruction:
        // that RUN was always meant to exist, so the count may grow by it.
        else if (after > before && !result.applied.has('instruction-in-arguments')) failures.push(`${file}: RUN instructions grew ${before} → ${after}`);
        const kept = new Set(commentLines(result.output));
        const lost = commentLines(text).filter((c) => !kept.has(c));
        if (lost.length > 0) failures.push(`${file}: comment lines lost: ${JSON.stringify(lost.slice(0, 2))}`);
        if (!unsafe && !sameCommandsSaveFolds(commandList(text), commandList(result.output))) {
          failures.push(`${file}: safe fixes changed the commands the RUNs execute`);
        }
        if (result.applied.has('use-multi-stage')) {
          multiStage++;
          const problem = multiStageProblem(text, result.output);
          if (problem) failures.push(`${file}: multi-stage rewrite: ${problem}`);
        }
      }
      for (const [rule, where] of introduced) failures.push(`fixes introduced ${where.length} ${rule} finding(s) absent before (${where.slice(0, 3).join(', ')})`);
      if (unsafe) {
        const stale = Object.keys(compositionExceptions).filter((k) => !excused.has(k));
        if (stale.length > 0) failures.push(`fix-composition-exceptions.json entries that no longer happen: ${stale.join('; ')}`);
        console.log(
          `use-multi-stage: ${multiStage} files rewritten into multi-stage builds; declined: ` +
            [...declined].sort((a, b) => b[1] - a[1]).map(([r, n]) => `${n} × ${r}`).join('; '),
        );
      }
      console.log(
        `fix${unsafe ? ' --unsafe' : ''}: ${changed} of ${texts.length} files changed; RUN instructions in them ${runsBefore} → ${runsAfter}; ` +
          `fixes: ${[...applied].sort((a, b) => b[1] - a[1]).map(([r, n]) => `${r} ${n}`).join(', ')}; failures: ${failures.length}`,
      );
      expect(failures.slice(0, 20)).toEqual([]);
    });
  }
});
