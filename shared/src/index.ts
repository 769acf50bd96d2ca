export * from './model/index.js';
export * from './schedule/index.js';
export * from './api/index.js';
