import fc from 'fast-check';
import { describe, it } from 'vitest';
import { findPersonalData } from '../../shared/domain/privacy.js';
import { ARBITRARIES } from '../fixtures/privacy-generators.js';

/** Each kind in each writing variant, as a property: fast-check shrinks a miss to its simplest form. */
describe('Privacy guard properties', () => {
  for (const [kind, arbitrary] of Object.entries(ARBITRARIES)) {
    it(`finds every generated ${kind}`, () => {
      fc.assert(
        fc.property(arbitrary, (c) => findPersonalData(c.text).some((f) => f.kind === c.kind)),
        { numRuns: 300, seed: 4213 },
      );
    });
  }
});
