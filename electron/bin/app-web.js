#!/usr/bin/env node
// The desktop app served to a browser on 127.0.0.1 (see README, "The app without a desktop").
import { main } from '../dist/web-main.js';

main(process.argv.slice(2)).catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
