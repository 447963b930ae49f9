export * from './ast';
export { emptyObjectList } from './emptyList';
export * from './logicalLine';
export { MEMO, type MemoKey, memoKey, memoOn, memoOnObject } from './memo';
export * from './source';
export { parseDockerfile } from './parseDockerfile';
