/**
 * The multi-stage rewrite: the single stage that builds and runs becomes the builder, and a new final stage on a
 * small base takes only the artifact (chosen by a recipe per ecosystem) plus the image's runtime contract: ENV,
 * LABEL, WORKDIR, USER, EXPOSE, VOLUME, STOPSIGNAL, HEALTHCHECK, ENTRYPOINT and CMD.
 *
 * The builder keeps its text as written (comments, continuations, CRLF): the edits name it, take out what only the
 * final image uses, apply the recipe's few build changes, and append the final stage after it.
 */
import type { BuildContext, OptimizeSettings, TextEdit } from '../engine';
import { escapeRegExp, finalImageStages, sameStageName, type SemanticModel, type Stage } from '../model';
import { appendLines, type DockerfileAST, type InstructionNode } from '../parse';
import { continuationStyle } from '../fix/mergeRuns';
import { commandUses, isPosixShell, plainCommand } from '../shell';
import { baseFamily } from './bases';
import { runtimePackages } from './buildPackages';
import { RECIPES } from './recipes';
import type { EntryCommand, RecipeInput } from './types';

export interface MultiStageInput {
  readonly ast: DockerfileAST;
  readonly model: SemanticModel;
  readonly settings: OptimizeSettings;
  readonly buildContext: BuildContext | undefined;
  /** The toolchain use-multi-stage found in the final image (a ToolchainKind), or what else needs a recipe. */
  readonly kind: string;
  /** What the rule found, for the explanation: "`go build` at line 4 uses the Go toolchain (base image golang:1.23)". */
  readonly trigger?: string;
}

export type MultiStagePlan =
  | { readonly ok: true; readonly edits: readonly TextEdit[]; readonly description: string; readonly explanation: readonly string[] }
  | { readonly ok: false; readonly reason: string };

/** Instructions that only describe how the image runs: they move from the builder to the final stage. */
const RUNTIME_ONLY = new Set(['CMD', 'ENTRYPOINT', 'HEALTHCHECK', 'EXPOSE', 'STOPSIGNAL']);

const RECIPE_SUBJECT: Readonly<Record<string, string>> = { python: 'Python packages with native extensions', ruby: 'Ruby gems with native extensions' };

const declined = (reason: string): MultiStagePlan => ({ ok: false, reason });

/** argv of an exec-form or plain shell-form CMD/ENTRYPOINT; null argv when it needs a shell. */
function entryCommand(node: InstructionNode | undefined): EntryCommand | null {
  if (!node) return null;
  if (node.execForm) return { node, argv: node.execForm };
  const plain = plainCommand(node.argsText.text);
  return { node, argv: plain ? plain.words.map((w) => w.value) : null };
}

/** The instruction's source text, continuation lines included, without its line break. */
const sourceOf = (ast: DockerfileAST, node: InstructionNode): string => ast.source.text.slice(node.range.start.offset, node.range.end.offset).replace(/\r?\n$/, '');

/** Offsets of the whole lines an instruction occupies, line break included. */
function lineSpan(ast: DockerfileAST, node: InstructionNode): { start: number; end: number } {
  const text = ast.source.text;
  const start = ast.source.lineStarts[node.range.start.line] ?? node.range.start.offset;
  const newline = text.indexOf('\n', Math.max(node.range.end.offset - 1, start));
  return { start, end: newline === -1 ? text.length : newline + 1 };
}

/**
 * The comment lines directly above an instruction (no blank line between, none inside another instruction's
 * continuation): what describes it, which moves with it. Null when there are none.
 */
function commentsAbove(ast: DockerfileAST, node: InstructionNode): { start: number; lines: string[] } | null {
  const standalone = new Set(ast.comments.map((c) => c.range.start.line));
  for (const inst of ast.instructions) for (let l = inst.range.start.line; l <= inst.range.end.line; l++) standalone.delete(l);
  let line = node.range.start.line;
  while (line > 0 && standalone.has(line - 1)) line--;
  if (line === node.range.start.line) return null;
  const start = ast.source.lineStarts[line]!;
  const end = ast.source.lineStarts[node.range.start.line]!;
  return { start, lines: ast.source.text.slice(start, end).replace(/\r?\n$/, '').split(/\r?\n/) };
}

function builderName(model: SemanticModel): string {
  for (const name of ['build', 'builder', 'build-stage']) if (!model.stages.some((s) => s.name && sameStageName(s.name, name))) return name;
  return `build-${model.stages.length}`;
}

const jsonArray = (argv: readonly string[]): string => `[${argv.map((a) => JSON.stringify(a)).join(', ')}]`;

export function planMultiStage(input: MultiStageInput): MultiStagePlan {
  const { ast, model } = input;
  const finalStage = model.finalStage;
  if (!finalStage) return declined('the file has no stage');
  // A final stage built FROM other stages is one image made in several steps: the builder is that whole lineage,
  // which recipes see as one stage (the root's base image, every instruction in order, the final state).
  const lineage = finalImageStages(model);
  const root = lineage[0]!;
  const stage: Stage = lineage.length === 1 ? finalStage : { ...finalStage, base: root.base, instructions: lineage.flatMap((s) => s.instructions) };
  if (stage.base.isScratch) return declined('the final stage is already FROM scratch');
  if (stage.base.unresolvedArgs.length > 0) {
    return declined(`the base image depends on ARG ${stage.base.unresolvedArgs.join(', ')} without a default`);
  }
  if (!isPosixShell(stage.finalState.shell)) return declined('the stage runs a non-POSIX shell (a Windows image)');
  if (stage.instructions.some((i) => i.keyword === 'ONBUILD')) return declined('the stage has ONBUILD triggers, which belong to the image built from it');
  const recipe = RECIPES[input.kind];
  if (!recipe) return declined(`no optimizer recipe for ${/ /.test(input.kind) ? input.kind : RECIPE_SUBJECT[input.kind] ?? `the ${input.kind} toolchain`} yet`);

  const last = (keyword: string): InstructionNode | undefined => [...stage.instructions].reverse().find((i) => i.keyword === keyword);
  const entrypoint = entryCommand(last('ENTRYPOINT'));
  const cmd = entryCommand(last('CMD'));
  const healthcheck = last('HEALTHCHECK');
  const healthNeedsTools = healthcheck !== undefined && !/^\s*none\s*$/i.test(healthcheck.argsText.text);
  const name = finalStage.name ?? builderName(model);
  const recipeInput: RecipeInput = {
    ast,
    model,
    stage,
    family: baseFamily(stage.base.ref),
    finalBase: input.settings.finalBase,
    stripBinaries: input.settings.stripBinaries,
    buildContext: input.buildContext,
    builderName: name,
    entrypoint,
    cmd,
    runtimePackages: runtimePackages(stage.instructions),
    needsShell: (entrypoint !== null && entrypoint.argv === null) || (cmd !== null && cmd.argv === null) || healthNeedsTools,
    stateBefore: (i) => model.stateBefore(i),
  };
  const result = recipe(recipeInput);
  if ('declined' in result) return declined(result.declined);
  if (result.shellless && healthNeedsTools) {
    return declined(`the HEALTHCHECK at line ${healthcheck!.range.start.line + 1} needs a shell or tools that ${result.finalBase} does not have`);
  }
  // The download tools a HEALTHCHECK probes with are in few small bases: busybox and alpine have a wget, none has curl.
  const probe = healthNeedsTools ? /\b(curl|wget)\b/.exec(healthcheck!.argsText.text)?.[1] : undefined;
  const hasProbe = (tool: string): boolean =>
    (tool === 'wget' && /^(busybox|alpine)(:|$)|-alpine/.test(result.finalBase)) || result.finalSetup.some((run) => run.some((c) => c.includes(tool)));
  if (probe && !hasProbe(probe)) {
    return declined(`the HEALTHCHECK at line ${healthcheck!.range.start.line + 1} runs ${probe}, which ${result.finalBase} does not have`);
  }

  // Instructions that leave the builder take the comments above them along (emitted: the final stage writes them).
  const emitted = new Set<InstructionNode>();
  const withComments = (inst: InstructionNode): string[] => {
    if (!finalStage.instructions.includes(inst) || !RUNTIME_ONLY.has(inst.keyword)) return [sourceOf(ast, inst)];
    emitted.add(inst);
    return [...(commentsAbove(ast, inst)?.lines ?? []), sourceOf(ast, inst)];
  };

  // The runtime contract, in the original order.
  const carried: string[] = [];
  const trailing: string[] = [];
  let user: InstructionNode | undefined;
  for (const inst of stage.instructions) {
    switch (inst.keyword) {
      case 'ENV':
      case 'LABEL':
        carried.push(sourceOf(ast, inst));
        break;
      case 'EXPOSE':
      case 'VOLUME':
      case 'STOPSIGNAL':
      case 'HEALTHCHECK':
        trailing.push(...withComments(inst));
        break;
      case 'USER':
        user = inst;
        break;
      default:
        break;
    }
  }
  // ARGs the carried instructions expand must be declared in the final stage too.
  const uses = [...carried, ...trailing].join('\n');
  const args = stage.instructions
    .filter((i) => i.keyword === 'ARG')
    .filter((i) => i.words.some((w) => new RegExp(`\\$\\{?${w.value.split('=')[0]!.replace(/[^A-Za-z0-9_]/g, '')}\\b`).test(uses)))
    .map((i) => sourceOf(ast, i));
  const globalArgs = model.globalArgs.filter((g) => new RegExp(`\\$\\{?${escapeRegExp(g.name)}\\b`).test(uses)).map((g) => `ARG ${g.name}`);

  const workdir = stage.finalState.workdir;
  const lower = finalStage.from.keywordText === finalStage.from.keywordText.toLowerCase();
  const kw = (keyword: string): string => (lower ? keyword.toLowerCase() : keyword);
  const eol = ast.source.text.includes('\r\n') ? '\r\n' : '\n';
  // New RUNs follow the file's own way of continuing `&&` chains.
  const style = continuationStyle(ast);
  const runText = (commands: readonly string[]): string =>
    `${kw('RUN')} ` +
    commands.join(style.operatorFirst ? ` ${ast.escapeChar}${eol}${style.indent}&& ` : ` && ${ast.escapeChar}${eol}${style.indent}`);
  // Distroless publishes no version tags (only latest, nonroot, debug and their -<arch> forms). Untagged it is
  // `latest`, which pin-base-image rightly flags; `nonroot` is the tag distroless recommends, with the same files, and
  // lints clean. It changes the default user (uid 65532 instead of root), which matters only without a USER of the
  // stage's own, and then the report says so.
  const distroless = /^gcr\.io\/distroless\/[^:@]+$/.test(result.finalBase);
  const finalBase = distroless ? `${result.finalBase}:nonroot` : result.finalBase;
  const finalLines: string[] = [`${kw('FROM')} ${finalBase}`, ...globalArgs, ...args, ...carried];
  for (const env of result.finalEnv ?? []) finalLines.push(`${kw('ENV')} ${env}`);
  if (workdir !== '/') finalLines.push(`${kw('WORKDIR')} ${workdir}`);
  finalLines.push(...result.finalSetup.map(runText));
  for (const artifact of result.artifacts) finalLines.push(`${kw('COPY')} --from=${name} ${artifact.from} ${artifact.to}`);
  const userName = user ? (user.words[0]?.value ?? '').split(':')[0]! : '';
  const namedUser = userName !== '' && !/^\d+$/.test(userName) && userName !== 'root';
  // A user the builder created (or its base has) exists only in the builder's /etc/passwd: a shell-less base has
  // none of its own, and a slim one lacks those the stage added.
  const createsUsers = stage.instructions.some((i) => i.keyword === 'RUN' && commandUses(i).some((u) => /^(useradd|adduser)$/.test(u.name)));
  const passwdCopied = result.usersCreated === true || result.artifacts.some((a) => a.to === '/etc/passwd');
  if (namedUser && !passwdCopied && (result.shellless || createsUsers)) finalLines.push(`${kw('COPY')} --from=${name} /etc/passwd /etc/group /etc/`);
  finalLines.push(...trailing);
  if (user) finalLines.push(sourceOf(ast, user));
  const entryLine = (keyword: 'ENTRYPOINT' | 'CMD', rewritten: readonly string[] | null | undefined, original: EntryCommand | null): void => {
    if (rewritten === null || (!rewritten && !original)) return;
    const lines = original ? withComments(original.node) : [''];
    if (rewritten) lines[lines.length - 1] = `${kw(keyword)} ${jsonArray(rewritten)}`;
    finalLines.push(...lines);
  };
  entryLine('ENTRYPOINT', result.entrypoint, entrypoint);
  entryLine('CMD', result.cmd, cmd);

  // Edits: name the builder, move the runtime-only instructions out of it, append the final stage.
  const edits: TextEdit[] = [];
  if (!finalStage.name) edits.push({ start: finalStage.base.range.end.offset, end: finalStage.base.range.end.offset, text: ` ${kw('AS')} ${name}` });
  // Only the final stage's own: a stage it is built FROM may also be the base of other stages.
  for (const inst of finalStage.instructions) {
    if (!RUNTIME_ONLY.has(inst.keyword)) continue;
    const span = lineSpan(ast, inst);
    const comments = emitted.has(inst) ? commentsAbove(ast, inst) : null;
    edits.push({ start: comments?.start ?? span.start, end: span.end, text: '' });
  }
  edits.push(...result.builderEdits);
  const builderAppend = result.builderAppend.map((a) => (typeof a === 'string' ? a : runText(a)));
  const appended = appendLines(ast.source.text, builderAppend.map((l) => l + eol).join('') + eol + finalLines.join(eol) + eol, eol);
  edits.push({ start: appended.at, end: appended.at, text: appended.text });

  const copies = result.artifacts.map((a) => a.from).join(', ');
  const userNote =
    distroless && !user
      ? `${finalBase} runs as uid 65532, not root as the original did: if the program needs root (a port below 1024, writing root-owned paths), write ${result.finalBase}:latest; either tag moves, so pin its digest (\`docker buildx imagetools inspect ${finalBase}\`) for a reproducible build`
      : null;
  const description =
    `${result.ecosystem} multi-stage build: builds in stage '${name}', final stage FROM ${finalBase} (${result.baseReason}), ` +
    `copies ${copies}${result.notes.length ? `; ${result.notes.join('; ')}` : ''}${userNote ? `; note: ${userNote}` : ''}`;
  const counted = new Map<string, number>();
  for (const inst of stage.instructions) {
    if (['ENV', 'LABEL', 'EXPOSE', 'VOLUME', 'STOPSIGNAL', 'HEALTHCHECK'].includes(inst.keyword)) counted.set(inst.keyword, (counted.get(inst.keyword) ?? 0) + 1);
  }
  const contract = [
    ...[...counted].map(([k, n]) => (n > 1 ? `${k} ×${n}` : k)),
    ...(workdir !== '/' ? [`WORKDIR ${workdir}`] : []),
    ...(user ? [`USER ${userName}`] : []),
    ...(entrypoint ? ['ENTRYPOINT'] : []),
    ...(cmd ? ['CMD'] : []),
  ];
  const starts = [entrypoint, cmd].filter((e): e is EntryCommand => e !== null);
  const explanation = [
    ...(input.trigger ? [`why: ${input.trigger}`] : []),
    `builder: the original stage, ${finalStage.name ? `'${name}'` : `named '${name}'`}; CMD, ENTRYPOINT, EXPOSE, HEALTHCHECK and STOPSIGNAL move to the final stage`,
    `start command: ${starts.map((e) => `${e.node.keyword} ${e.argv ? JSON.stringify(e.argv) : `${e.node.argsText.text.trim()} (needs a shell)`}`).join(', ')}`,
    `artifact: ${result.artifacts.map((a) => (a.from === a.to ? a.from : `${a.from} → ${a.to}`)).join(', ')}`,
    ...result.notes.map((n) => `change: ${n}`),
    `final base: ${finalBase} — ${result.baseReason}${input.settings.finalBase === 'auto' ? '' : ` (optimize.finalBase: ${input.settings.finalBase})`}`,
    ...(result.alternatives ?? []).map((a) => `not chosen: ${a}`),
    `carried over: ${contract.join(', ') || 'nothing else'}`,
    ...(userNote ? [`note: ${userNote}`] : []),
  ];
  return { ok: true, edits, description, explanation };
}
