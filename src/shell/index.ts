export * from './runScript';
export * from './splitCommands';
