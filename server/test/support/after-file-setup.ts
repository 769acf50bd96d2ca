import { afterAll } from 'vitest';
import { runAfterFile } from './after-file.js';

// After each test file: drop the scratch PostgreSQL databases its tests used (support/postgres.ts), and
// whatever else a support module registered with afterFile.
afterAll(runAfterFile);
