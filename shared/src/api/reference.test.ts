import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONTRACT } from './contract.js';
import { renderReference } from './reference.js';

describe('the API reference', () => {
  it('docs/api.md is what the contract generates (run `npm run docs` after changing the contract)', () => {
    const checkedIn = readFileSync(new URL('../../../docs/api.md', import.meta.url), 'utf8');
    expect(checkedIn).toBe(renderReference());
  });

  it('documents every method', () => {
    const reference = renderReference();
    for (const name of Object.keys(CONTRACT)) expect(reference).toContain(`### ${name}\n`);
  });
});
