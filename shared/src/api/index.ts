export * from './contract.js';
export * from './faults.js';
export * from './method.js';
export * from './structs.js';
export * from './types.js';
export { AUTH, CATALOG, SATELLITE, SYSTEM, TENANTS } from './contract-admin.js';
export { RUNS } from './contract-runs.js';
export { SCHEDULES } from './contract-schedules.js';
export { SPACEWALK_ORG, SPACEWALK_SAT } from './contract-spacewalk.js';
