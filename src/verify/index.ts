export { findBuilder, type ImageBuilder, parseSize, type RunResult } from './builders';
export { describeVerification, type Verification, verifyFix } from './verifyFix';
