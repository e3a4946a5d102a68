import { describe, expect, it } from 'vitest';
import { cleanFields, normaliseText, unsafeTextKind } from '../../shared/domain/text.js';

describe('Text email can carry', () => {
  it('refuses lone surrogates, control characters and bidi overrides, naming the field', () => {
    const { issues } = cleanFields({
      description: 'kapot \ud800 teken',
      reason: 'nul\u0000teken',
      remarks: 'omgekeerd \u202Etxet',
      preferredDates: ['ok', 'ook \u2066iso\u2069'],
      theme: 'Gewone tekst, met tab\ten\nregels.',
    });
    expect(issues).toEqual([
      { path: 'description', kind: 'ongeldig-unicode' },
      { path: 'reason', kind: 'stuurteken' },
      { path: 'remarks', kind: 'tekenrichting' },
      { path: 'preferredDates.1', kind: 'tekenrichting' },
    ]);
  });

  it('removes invisible zero-width characters and keeps emoji sequences whole', () => {
    expect(normaliseText('fiets\u200Bstalling\uFEFF')).toBe('fietsstalling');
    expect(normaliseText('a\u200Db')).toBe('ab');
    const family = '👨\u200D👩\u200D👧';
    expect(normaliseText(family)).toBe(family);
    expect(normaliseText('e\u0301')).toBe('é');
    expect(unsafeTextKind(normaliseText('regel\u2028regel'))).toBeUndefined();
    expect(unsafeTextKind('😀 paar surrogaten is goed')).toBeUndefined();
  });
});
