export * from './loadConfig';
export * from './schema';
