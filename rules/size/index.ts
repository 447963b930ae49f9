import type { RuleModule } from '../../src/engine';
import archiveLeftInLayer from './archive-left-in-layer';
import cacheOrder from './cache-order';
import layerCount from './layer-count';
import missingDockerignore from './missing-dockerignore';
import modifyInLaterLayer from './modify-in-later-layer';
import preferSmallerBase from './prefer-smaller-base';

/** Image-size and cache rules beyond hadolint and BuildKit (issue 12): what reaches the image, and how often. */
export const sizeRules: readonly RuleModule[] = [
  modifyInLaterLayer,
  archiveLeftInLayer,
  preferSmallerBase,
  missingDockerignore,
  cacheOrder,
  layerCount,
];
