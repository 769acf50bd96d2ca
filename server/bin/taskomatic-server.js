#!/usr/bin/env node
// Runs the compiled command line (npm install builds it; `npm run build` rebuilds it).
import { main } from '../dist/cli/main.js';

await main(process.argv);
