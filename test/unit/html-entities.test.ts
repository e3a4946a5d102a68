import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeHTML } from 'entities/lib/decode.js';
import { afterEach, describe, expect, it } from 'vitest';
import { HTML_ENTITIES_FILE } from '../../forms/build.js';
import { DependencyUnavailableError } from '../../shared/domain/errors.js';
import {
  decodeHtml,
  htmlEntitiesFile,
  loadHtmlDecoder,
  useHtmlDecoder,
} from '../../shared/domain/html-entities.js';
import { findPersonalData } from '../../shared/domain/privacy.js';

/**
 * The privacy guard decodes HTML character references with the `entities` library, loaded from a
 * file beside the code at the first text that holds one (README "Cold start"). The file must decode
 * exactly as the library does, and without it a text with a reference is refused (503), never
 * passed unread.
 */
describe('The HTML decoder beside the code', () => {
  afterEach(() => useHtmlDecoder());

  it('is the file the build wrote, and decodes as the entities library does', () => {
    expect(htmlEntitiesFile()).toBe(HTML_ENTITIES_FILE);
    const samples = [
      '&commat;',
      '&period;',
      '&lpar;&rpar;',
      '&eacute;&Eacute;&euml;',
      '&nbsp;',
      '&amp;',
      '&amp',
      '&lt',
      '&notit;',
      '&notin;',
      '&NotNestedGreaterGreater;',
      '&bogus;',
      '&;',
      '&#74;',
      '&#x4a;',
      '&#X4A;',
      '&#0;',
      '&#x80;',
      '&#x9F;',
      '&#xD800;',
      '&#x110000;',
      '&#1114111;',
      '&#9999999;',
      '&#65',
      '&#x',
    ];
    const decode = loadHtmlDecoder();
    for (const s of samples) expect(decode(s), s).toBe(decodeHTML(s));
    // Random references from the letters and digits a name could be spelled with.
    const alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789;#';
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    for (let i = 0; i < 5000; i++) {
      const length = 1 + (next() % 12);
      const s = `&${Array.from({ length }, () => alphabet[next() % alphabet.length]).join('')}`;
      expect(decode(s), s).toBe(decodeHTML(s));
    }
  });

  it('reads a reference encoded twice or three times as the reference it spells', () => {
    for (const text of [
      'Gisteren heeft &amp;#72;enk Vermeulen het hek vernield.',
      'Gisteren heeft &amp;amp;#x48;enk Vermeulen het hek vernield.',
    ])
      expect(
        findPersonalData(text).map((f) => f.kind),
        text,
      ).toEqual(['naam']);
    expect(findPersonalData('Mail jan&amp;commat;example&amp;period;org').map((f) => f.kind)).toContain(
      'e-mailadres',
    );
    // The finding points at the text as written, from the first & to the end of the name.
    const [finding] = findPersonalData('Gisteren heeft &amp;#72;enk Vermeulen het hek vernield.');
    expect(finding?.text).toBe('&amp;#72;enk Vermeulen');
    // An ampersand that spells nothing stays an ampersand.
    expect(findPersonalData('Fietsen &amp; scooters bij het hek, &amp;co.')).toEqual([]);
  });

  it('finds a name and an address hidden behind references', () => {
    expect(
      findPersonalData('Gisteren heeft &#72;enk Vermeulen het hek vernield.').map((f) => f.kind),
    ).toEqual(['naam']);
    expect(findPersonalData('Mail jan&commat;example&period;org').map((f) => f.kind)).toContain(
      'e-mailadres',
    );
  });

  it('fails closed: without the file a text with a reference is refused, a text without one is checked', () => {
    const dir = mkdtempSync(join(tmpdir(), 'html-entities-'));
    try {
      const broken = join(dir, 'broken.cjs');
      writeFileSync(broken, 'exports.decodeHTML = (s) => s;');
      for (const file of ['/nonexistent/html-entities.cjs', broken]) {
        useHtmlDecoder(() => loadHtmlDecoder(file));
        expect(() => findPersonalData('Mail jan&commat;example&period;org'), file).toThrow(
          DependencyUnavailableError,
        );
        expect(findPersonalData('Het hek bij de fietsenstalling is kapot.')).toEqual([]);
      }
      // Back with its file the guard decodes again: a failed load is not remembered.
      useHtmlDecoder();
      expect(decodeHtml('&commat;')).toBe('@');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
