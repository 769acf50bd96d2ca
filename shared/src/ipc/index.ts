export * from './channels.js';
export * from './client-methods.js';
export * from './desktop-api.js';
export * from './ipc-error.js';
export * from './satellite.js';
export * from './wire.js';
