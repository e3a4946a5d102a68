import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CLIENTS_OF, FUNCTIONS } from '../../bench/bundles.js';

/** Every Lambda entry point (the CDK bundles `functions/<name>.ts` for each function it deploys). */
const deployed = readdirSync('functions')
  .filter((file) => file.endsWith('.ts'))
  .map((file) => file.replace(/\.ts$/, ''))
  .sort();

describe('The cold-start benchmark', () => {
  it('measures every deployed function, each against its own SDK clients', () => {
    expect([...FUNCTIONS].sort()).toEqual(deployed);
    expect(Object.keys(CLIENTS_OF).sort()).toEqual(deployed);
  });
});
