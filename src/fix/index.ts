export { applyEdits, type AppliedEdits } from './applyEdits';
export { type FixOptions, type FixResult, fixText, MAX_PASSES } from './fixText';
export { unifiedDiff } from './unifiedDiff';
export { appendToContextFile, type ContextFileChange, overlayContext } from './contextFiles';
