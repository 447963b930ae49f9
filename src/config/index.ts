export * from './loadConfig';
export * from './schema';
export * from './hadolintConfig';
