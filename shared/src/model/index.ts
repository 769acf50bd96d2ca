export * from './status.js';
export * from './task.js';
