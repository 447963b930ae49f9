export * from './ast';
export { emptyObjectList } from './emptyList';
export * from './logicalLine';
export { MEMO, type MemoKey, memoKey, memoOn, memoOnObject, memoShared, memoSharedInRange, type ObjectMemoKey, objectMemoKey } from './memo';
export * from './source';
export { hasNonFlagWord, parseDockerfile, setInstructionReuse } from './parseDockerfile';
export { TextMemo } from './textMemo';
