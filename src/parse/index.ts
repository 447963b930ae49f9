export * from './ast';
export * from './logicalLine';
export * from './source';
export { parseDockerfile } from './parseDockerfile';
