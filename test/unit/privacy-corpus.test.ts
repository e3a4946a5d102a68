import { describe, expect, it } from 'vitest';
import { findPersonalData } from '../../shared/domain/privacy.js';
import { ORDINARY, PERSONAL } from '../fixtures/privacy-corpus.js';

describe('Privacy guard on the corpus', () => {
  it('has at least 200 ordinary and 100 personal-data texts', () => {
    expect(ORDINARY.length).toBeGreaterThanOrEqual(200);
    expect(PERSONAL.length).toBeGreaterThanOrEqual(100);
  });

  it('lets every ordinary text pass', () => {
    expect(ORDINARY.filter((text) => findPersonalData(text).length > 0)).toEqual([]);
  });

  it('refuses every personal-data text and names the kind found', () => {
    const missed = PERSONAL.filter(({ text, kind }) => !findPersonalData(text).some((f) => f.kind === kind));
    expect(missed).toEqual([]);
  });
});
