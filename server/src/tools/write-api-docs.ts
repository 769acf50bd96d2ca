import { writeFileSync } from 'node:fs';
import { renderReference } from '@taskomatic/shared';

/** `npm run docs`: writes the API reference generated from the contract to docs/api.md. */
const target = new URL('../../../docs/api.md', import.meta.url);
writeFileSync(target, renderReference());
process.stdout.write(`wrote ${target.pathname}\n`);
