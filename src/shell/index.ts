export * from './commandQueries';
export * from './parser';
export * from './runScript';
export * from './splitCommands';
export * from './plainCommand';
export * from './glob';
