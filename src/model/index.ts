export * from './imageRef';
export * from './semanticModel';
export * from './substitute';
