import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PRIVACY_LISTS_FILE } from '../../forms/build.js';
import { assertNoPersonalData } from '../../shared/app/validation.js';
import { DependencyUnavailableError } from '../../shared/domain/errors.js';
import { findPersonalData, lexiconLists, usePrivacyLists } from '../../shared/domain/privacy.js';
import {
  encodePrivacyLists,
  type PrivacyLists,
  privacyListsFile,
  readPrivacyLists,
} from '../../shared/domain/privacy-lists.js';

/**
 * The guard's word and name lists are a data file beside the code, read at the first check
 * (README "Cold start"). Without them it must refuse to judge (503, nothing stored), never pass
 * every name through.
 */
describe('The privacy guard’s lists, read from a file at the first check', () => {
  afterEach(() => usePrivacyLists());

  it('reads the file the build wrote: the lists of @zxcvbn-ts/language-nl-be as the guard folds them', async () => {
    expect(privacyListsFile()).toBe(PRIVACY_LISTS_FILE);
    const pkg = (name: string) =>
      import(`@zxcvbn-ts/language-nl-be/dist/${name}.json.js`).then((m: { default: string[] }) => m.default);
    const expected = lexiconLists({
      boysFirstnames: await pkg('boysFirstnames'),
      girlsFirstnames: await pkg('girlsFirstnames'),
      lastnames: await pkg('lastnames'),
      commonWords: await pkg('commonWords'),
    });
    expect(readFileSync(PRIVACY_LISTS_FILE, 'utf8')).toBe(encodePrivacyLists(expected));
    expect(readPrivacyLists()).toEqual(expected);
    expect(findPersonalData('Gisteren heeft Henk Vermeulen het hek vernield.').map((f) => f.kind)).toEqual([
      'naam',
    ]);
  });

  it('folds the lists when the code is built: accents off, lower case, surnames also without tussenvoegsel', () => {
    const lists = lexiconLists({
      boysFirstnames: ['Thomas', 'José', 'thomas'],
      girlsFirstnames: ['Zoë', 'Chloé'],
      lastnames: ['Van der Berg', 'de Vries', 'Çelik', 'Jansen'],
      commonWords: ['de', 'café', 'Het', 'cafe'],
    });
    expect(lists).toEqual({
      firstNames: ['thomas', 'jose', 'zoe', 'chloe'],
      surnames: ['van der berg', 'berg', 'de vries', 'vries', 'celik', 'jansen'],
      // An index is a rank: a word that folds like an earlier one keeps its own place.
      commonWords: ['de', 'cafe', 'het', 'cafe'],
    });
    expect(() => encodePrivacyLists({ ...lists, surnames: ['a|b'] })).toThrow();
  });

  it('fails closed when the file is missing: every check throws a 503, even a text without names', () => {
    usePrivacyLists(() => readPrivacyLists('/nonexistent/privacy-lists.json'));
    for (const text of ['Gisteren heeft Henk Vermeulen het hek vernield.', 'Het hek is kapot.', '12345']) {
      expect(() => findPersonalData(text)).toThrow(DependencyUnavailableError);
      expect(() => assertNoPersonalData({ description: text })).toThrow(DependencyUnavailableError);
    }
    // Back with its lists the guard works again: a failed read is not remembered.
    usePrivacyLists();
    expect(findPersonalData('Gisteren heeft Henk Vermeulen het hek vernield.')).toHaveLength(1);
  });

  it('fails closed when a list is empty or cut short', () => {
    const dir = mkdtempSync(join(tmpdir(), 'privacy-lists-'));
    try {
      const full = JSON.parse(readFileSync(PRIVACY_LISTS_FILE, 'utf8')) as Record<keyof PrivacyLists, string>;
      const cases: Array<Partial<Record<keyof PrivacyLists, unknown>> | string> = [
        { ...full, surnames: '' },
        { ...full, firstNames: full.firstNames.split('|').slice(0, 10).join('|') },
        { ...full, commonWords: full.commonWords.replaceAll(/[^|]/gu, '') },
        { ...full, commonWords: full.commonWords.split('|') },
        { surnames: full.surnames, commonWords: full.commonWords },
        readFileSync(PRIVACY_LISTS_FILE, 'utf8').slice(0, -100),
        '{"firstNames": ',
      ];
      for (const [i, content] of cases.entries()) {
        const file = join(dir, `case-${i}.json`);
        writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
        usePrivacyLists(() => readPrivacyLists(file));
        expect(() => findPersonalData('Lisa werd gepest.'), `case ${i}`).toThrow(DependencyUnavailableError);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
