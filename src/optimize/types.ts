import type { BuildContext, FinalBaseChoice, TextEdit } from '../engine';
import type { BuildState, SemanticModel, Stage } from '../model';
import type { DockerfileAST, InstructionNode } from '../parse';
import type { BaseFamily } from './bases';

/** The command the final image runs, as argv (exec form), or null when it needs a shell to run. */
export interface EntryCommand {
  readonly node: InstructionNode;
  readonly argv: readonly string[] | null;
}

/** What a recipe sees: the single stage being split, and what the final image must keep doing. */
export interface RecipeInput {
  readonly ast: DockerfileAST;
  readonly model: SemanticModel;
  readonly stage: Stage;
  readonly family: BaseFamily;
  readonly finalBase: FinalBaseChoice;
  /** optimize.stripBinaries: true, false, or null when not set (see OptimizeSettings). */
  readonly stripBinaries: boolean | null;
  readonly buildContext: BuildContext | undefined;
  readonly builderName: string;
  readonly entrypoint: EntryCommand | null;
  readonly cmd: EntryCommand | null;
  /** OS packages the stage installs that are not build tools: the program may need them at run time. */
  readonly runtimePackages: readonly string[];
  /** The final image needs a shell: a shell-form CMD/ENTRYPOINT or a HEALTHCHECK. */
  readonly needsShell: boolean;
  stateBefore(instruction: InstructionNode): BuildState;
}

/** A file or directory the final stage takes from the builder. */
export interface Artifact {
  readonly from: string;
  readonly to: string;
}

export interface RecipeResult {
  /** `Go`, `C/C++`, `Node.js`: for the report. */
  readonly ecosystem: string;
  readonly finalBase: string;
  /** Why that base (shown by the fix's description). */
  readonly baseReason: string;
  readonly artifacts: readonly Artifact[];
  /** Edits inside the builder stage (`CGO_ENABLED=0` before `go build`). */
  readonly builderEdits: readonly TextEdit[];
  /**
   * Appended to the builder stage: RUNs as their `&&`-chained commands (collecting a binary's shared libraries), or
   * other instructions as text (`USER root`).
   */
  readonly builderAppend: readonly (readonly string[] | string)[];
  /** RUNs the final stage runs before its COPY --from (installing a runtime from the distro), likewise. */
  readonly finalSetup: readonly (readonly string[])[];
  /** `KEY=value` pairs the final stage sets with ENV after the carried ones (`PATH=/opt/venv/bin:$PATH`). */
  readonly finalEnv?: readonly string[];
  /** The final image's ENTRYPOINT and CMD as exec-form argv, when the recipe rewrites them; else they carry over. */
  readonly entrypoint?: readonly string[] | null;
  readonly cmd?: readonly string[] | null;
  /** The final base has no shell: every carried instruction must work without one. */
  readonly shellless: boolean;
  /** What else was changed and why (`CGO_ENABLED=0: static binary`). */
  readonly notes: readonly string[];
  /** The recipe creates the image's named USER again in the final stage, so its /etc/passwd need not be copied. */
  readonly usersCreated?: boolean;
  /** Bases considered and not chosen, each with why (`dfopt fix --explain`). */
  readonly alternatives?: readonly string[];
}

export type RecipeOutcome = RecipeResult | { readonly declined: string };

export type Recipe = (input: RecipeInput) => RecipeOutcome;
