import { describe, expect, it } from 'vitest';
import { findPersonalData, isValidBsn, isValidIban } from '../../shared/domain/privacy.js';

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
});
