export * from './ast';
export { emptyObjectList } from './emptyList';
export * from './logicalLine';
export { memoKey, memoOn } from './memo';
export * from './source';
export { parseDockerfile } from './parseDockerfile';
