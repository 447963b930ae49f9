import type { Recipe } from '../types';
import { cRecipe } from './c';
import { goRecipe } from './go';
import { javaRecipe } from './java';
import { nodeRecipe } from './node';
import { packageRecipe } from './package';
import { pythonRecipe } from './python';
import { rustRecipe } from './rust';

/**
 * One recipe per toolchain use-multi-stage recognises (its ToolchainKind, or the language of native extensions:
 * `python`, `ruby`); a missing one means the finding comes without a fix, saying so.
 */
export const RECIPES: Readonly<Record<string, Recipe | undefined>> = {
  go: goRecipe,
  c: cRecipe,
  node: nodeRecipe,
  python: pythonRecipe,
  rust: rustRecipe,
  java: javaRecipe,
  package: packageRecipe,
};
