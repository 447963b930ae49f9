import type { RuleModule } from '../../src/engine';
import missingDockerignore from './missing-dockerignore';

/** Image-size and cache rules beyond hadolint and BuildKit (issue 12): what reaches the image, and how often. */
export const sizeRules: readonly RuleModule[] = [missingDockerignore];
