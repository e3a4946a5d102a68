import { describe, expect, it } from 'vitest';
import {
  findPersonalData,
  findPersonalDataInFields,
  isValidBsn,
  isValidIban,
  normalise,
} from '../../shared/domain/privacy.js';

const kinds = (text: string) => findPersonalData(text).map((f) => f.kind);

describe('Privacy guard (article 23)', () => {
  it.each([
    ['Mail de ouders via ouder.test@example.org', 'e-mailadres'],
    ['Bel 06-12345678 voor overleg', 'telefoonnummer'],
    ['Bel 06 1234 5678 voor overleg', 'telefoonnummer'],
    ['Bereikbaar op +31 6 12345678', 'telefoonnummer'],
    ['Bereikbaar op 0031612345678', 'telefoonnummer'],
    ['Het vaste nummer is 030-1234567', 'telefoonnummer'],
    ['BSN 111222333 hoort bij de leerling', 'BSN'],
    ['Rekening NL91 ABNA 0417 1643 00', 'IBAN'],
    ['Woont op 3511 AB 12', 'postcode met huisnummer'],
    ['Adres Voorbeeldstraat 12, 3512 CD', 'postcode met huisnummer'],
    ['De leerling is geboren op 12-03-2010', 'geboortedatum'],
    ['geboortedatum: 1 april 2011', 'geboortedatum'],
    ['Filmpje staat op @pestaccount_123', 'social-media-account'],
    ['Zie instagram.com/iemand_anders', 'social-media-account'],
    // A platform name right before another ("X" is one): the account after the second still counts
    // (found by the hardening property test with padding that ended in "X").
    ['Over het voorval: X snapchat: jongen2010', 'social-media-account'],
    ['Zit op ig tiktok pester_2011', 'social-media-account'],
  ])('refuses "%s" as %s', (text, kind) => {
    expect(kinds(text)).toContain(kind);
  });

  it.each([
    'Op 27-11-2026 om 10:30 zijn twee laptops gestolen uit lokaal 2.14.',
    'Ongeveer 15 leerlingen stonden bij de ingang aan de Voorbeeldstraat.',
    'Schade aan 3 fietsen, geschat op 450 euro.',
    'Tussen 12:15 en 12:45 was er overlast bij het winkelcentrum.',
    'Lokaal 123456 is een nummer dat niet bestaat, maar 9 cijfers 123456789 is geen geldig BSN.',
    'In week 48 herhaalde het zich drie keer.',
    'Groep van 5 tot 8 jongeren, leeftijd rond 14 jaar.',
  ])('lets an ordinary description pass: "%s"', (text) => {
    expect(kinds(text)).toEqual([]);
  });

  it('checks BSNs with the 11-test and IBANs with mod 97', () => {
    expect(isValidBsn('111222333')).toBe(true);
    expect(isValidBsn('123456789')).toBe(false);
    expect(isValidIban('NL91ABNA0417164300')).toBe(true);
    expect(isValidIban('NL91ABNA0417164301')).toBe(false);
  });

  it('returns the words as written, with their place in the original text', () => {
    const text = 'Bel&nbsp;06\u2013l2\u200B34 56 78 of mail jan (at) gmail punt com.';
    const found = findPersonalData(text);
    expect(found.map((f) => [f.kind, f.text])).toEqual([
      ['telefoonnummer', '06\u2013l2\u200B34 56 78'],
      ['e-mailadres', 'jan (at) gmail punt com'],
    ]);
    for (const f of found) expect(text.slice(f.start, f.end)).toBe(f.text);
  });

  it('normalises entities, width, dashes, zero-width characters and whitespace', () => {
    expect(normalise('a&#64;b \uFF10\uFF16\u2014\u00AD1\u200B2 \n\t x').text).toBe('a@b 06-12 x');
  });

  it('finds names with titles, tussenvoegsels and context, and lets Utrecht places pass', () => {
    expect(kinds('Jan de Vries uit 3B wordt gepest door Pietje Puk')).toEqual(['naam', 'naam']);
    expect(kinds('Meneer van den Berg zag het.')).toEqual(['naam']);
    expect(kinds('De leerling genaamd thijs had een mes.')).toEqual(['naam']);
    expect(
      kinds('Bij het Anne Frankplein en de Jan van Scorelstraat, vlak bij station Vaartsche Rijn.'),
    ).toEqual([]);
    expect(kinds('Storm en regen; Ben je er morgen? Door de regen bleef iedereen binnen.')).toEqual([]);
  });

  it('checks the fields of one submission joined, so data split over two fields is caught', () => {
    const result = findPersonalDataInFields({ theme: 'Bel voor overleg 06-1234', remarks: '5678 na vieren' });
    expect(result.map((r) => [r.field, r.findings.map((f) => f.kind)])).toEqual([
      ['theme', ['telefoonnummer']],
      ['remarks', ['telefoonnummer']],
    ]);
    expect(result[0]?.findings[0]?.text).toBe('06-1234');
  });
});
