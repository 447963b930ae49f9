import type { RuleContext } from '../../src/engine';
import type { Stage } from '../../src/model';
import { type InstructionNode, memoKey, memoOnObject, objectMemoKey, memoShared } from '../../src/parse';
import { commandUses, type CommandUse } from '../../src/shell/commandQueries';
import { managerCommand, packageNames } from '../../src/shell/packageManagers';

/** Image names whose /bin/sh and core tools are BusyBox's (ash, wget without `--progress`). */
export const BUSYBOX_IMAGE = /(^|[/:@._-])(alpine|busybox)([/:@._-]|\d|$)/i;

/** What a RUN's stage is built on, following FROM <stage> to the image it starts from. */
export interface StageOrigin {
  /** The image name, or null when it is not known before the build (an ARG without a default, an unknown stage). */
  readonly image: string | null;
  /** `apk` commands of the stage and the stages it starts from: they can install GNU tools or bash over BusyBox's. */
  readonly apkUses: readonly CommandUse[];
}

export function stageOrigin(context: RuleContext, run: InstructionNode): StageOrigin {
  // An ONBUILD trigger has its ONBUILD's index.
  const stage = context.model.stageOf(run) ?? context.model.stages.find((s) => s.instructions.some((i) => i.index === run.index));
  if (!stage) return { image: null, apkUses: [] };
  // Once per stage and lint: wget-progress and pipefail ask for every RUN of a stage, and the answer walks every
  // instruction of the stages it starts from.
  const origins = memoOnObject(context.model, STAGE_ORIGINS, newOrigins);
  let origin = origins.get(stage);
  if (origin === undefined) origins.set(stage, (origin = originOf(stage)));
  return origin;
}

const STAGE_ORIGINS = objectMemoKey('stageOrigins');
const newOrigins = (): Map<Stage, StageOrigin> => new Map();

function originOf(stage: Stage): StageOrigin {
  const chain: Stage[] = [];
  for (let s: Stage | null = stage; s && !chain.includes(s); s = s.base.stage) chain.push(s);
  const root = chain[chain.length - 1]!.base;
  // Loops, not nested flatMaps (V8 runs flatMap as a builtin that no optimising compile inlines, an array per call).
  const apkUses: CommandUse[] = [];
  for (const s of chain) {
    for (const inst of s.instructions) {
      const r = inst.keyword === 'RUN' ? inst : inst.trigger?.keyword === 'RUN' ? inst.trigger : null;
      if (r === null) continue;
      const uses = apkUsesOf(r);
      for (let i = 0; i < uses.length; i++) apkUses.push(uses[i]!);
    }
  }
  return { image: root.stage !== null || root.unresolvedArgs.length > 0 ? null : root.ref.text, apkUses };
}

const APK_USES = memoKey('apkUses');

/** A RUN's apk commands: kept with its parse, which the language server reuses while the RUN is unchanged. */
const apkUsesOf = (run: InstructionNode): readonly CommandUse[] => memoShared(run, APK_USES, apkUsesIn);

function apkUsesIn(run: InstructionNode): readonly CommandUse[] {
  const out: CommandUse[] = [];
  for (const u of commandUses(run)) if (u.name === 'apk') out.push(u);
  return out;
}

/** Whether one of the stage's `apk add` commands installs a package matching `name`. */
export const apkInstalls = (origin: StageOrigin, name: RegExp): boolean =>
  origin.apkUses.some((u) => {
    const cmd = managerCommand(u.argv);
    return cmd !== null && cmd.action === 'install' && packageNames(cmd).some((p) => name.test(p));
  });

/**
 * Whether, when the command at `offset` of `run` runs, an `apk add` of a package matching `name` has run before it:
 * in an earlier RUN of the stage or of the stages it starts from, or earlier in the same RUN. A later `apk del` (of
 * any package: it may name the `--virtual` group the package came in) counts as undoing it. ONBUILD triggers run in
 * another build, so they neither count nor are answered (false).
 */
export function apkInstalledBefore(context: RuleContext, run: InstructionNode, offset: number, name: RegExp): boolean {
  const stage = context.model.stageOf(run);
  if (!stage) return false;
  const chain: Stage[] = [];
  for (let s: Stage | null = stage; s && !chain.includes(s); s = s.base.stage) chain.unshift(s);
  let installed = false;
  for (const s of chain) {
    for (const inst of s.instructions) {
      if (inst.keyword !== 'RUN') continue;
      if (s === stage && inst.range.start.offset > run.range.start.offset) return installed;
      for (const u of commandUses(inst)) {
        if (inst === run && u.sourceStart >= offset) return installed;
        if (u.name !== 'apk') continue;
        const cmd = managerCommand(u.argv);
        if (cmd?.action === 'install' && packageNames(cmd).some((p) => name.test(p))) installed = true;
        else if (cmd?.action === 'remove') installed = false;
      }
    }
  }
  return installed;
}
