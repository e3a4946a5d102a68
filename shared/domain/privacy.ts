/**
 * Article 23: no personal data is exchanged under the covenant. Free text is checked before it is
 * stored; a finding refuses the submission with a message that names what was found, so the
 * school can rephrase. The guard errs on the side of refusing recognisable identifiers while letting
 * ordinary descriptions (dates, times, counts, room numbers, street names) through.
 */
export type PersonalDataKind =
  | 'e-mailadres'
  | 'telefoonnummer'
  | 'BSN'
  | 'IBAN'
  | 'postcode met huisnummer'
  | 'geboortedatum'
  | 'social-media-account';

export interface PersonalDataFinding {
  kind: PersonalDataKind;
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/u;
// Dutch numbers as people write them: 06-12345678, 06 1234 5678, +31 6 12345678, 0031612345678, 030-1234567, (030) 123 45 67.
const PHONE =
  /(?<![\p{N}])(?:(?:\+|00)\s?31[\s.-]?(?:\(0\))?[\s.-]?|\(?0)(?:[1-9][\s.()-]*){1}(?:\d[\s.()-]*){7}\d(?![\p{N}])/u;
// Nine digits, written together or grouped with spaces or dots in any way (1234.56.789, 507 52 9170).
const NINE_DIGITS = /(?<![\p{N}.,])\d(?:[.\s]?\d){8}(?![\p{N}])/gu;
const IBAN = /\b([A-Z]{2}\d{2})\s?((?:[A-Z0-9]{4}\s?){2,7}[A-Z0-9]{1,4})\b/gi;
const POSTCODE_HOUSE =
  /\b[1-9]\d{3}\s?(?!SA|SD|SS)[A-Z]{2}\b[\s,]*(?:\p{L}[\p{L}\s.'-]*\s)?\d{1,5}\s?[a-zA-Z]?\b|\b\p{L}{3,}(?:straat|laan|weg|plein|kade|gracht|singel|dijk|pad|hof)\s+\d{1,5}\s?[a-zA-Z]?\b[\s,]+[1-9]\d{3}\s?[A-Z]{2}\b/u;
const BIRTH_DATE =
  /(?:geboren|geb\.|geboortedatum|geb\.datum|date of birth|DOB)\s*(?:op|:|is|was)?\s*(?:\d{1,2}[-/.\s]\d{1,2}[-/.\s]\d{2,4}|\d{1,2}\s+\p{L}+\s+\d{4}|\d{4}-\d{2}-\d{2})/iu;
const HANDLE =
  /(?<![\p{L}\p{N}._%+-])@[A-Za-z0-9_.]{2,30}\b|\b(?:instagram|insta|tiktok|snapchat|snap|twitter|x|facebook)\.com\/[A-Za-z0-9_.]+|\b(?:insta|instagram|snap|snapchat|tiktok)\s*:\s*[A-Za-z0-9_.]{2,}/iu;

export function isValidBsn(digits: string): boolean {
  if (!/^\d{9}$/.test(digits) || /^0+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(digits[i]) * (9 - i);
  sum -= Number(digits[8]);
  return sum % 11 === 0;
}

export function isValidIban(candidate: string): boolean {
  const iban = candidate.replace(/\s+/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const value = char >= 'A' && char <= 'Z' ? String(char.charCodeAt(0) - 55) : char;
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

function containsBsn(text: string): boolean {
  for (const match of text.matchAll(NINE_DIGITS)) {
    const digits = match[0].replace(/\D/g, '');
    if (isValidBsn(digits)) return true;
  }
  return false;
}

function containsIban(text: string): boolean {
  for (const match of text.matchAll(IBAN)) {
    if (isValidIban(`${match[1]}${match[2]}`)) return true;
  }
  return false;
}

const CHECKS: ReadonlyArray<[PersonalDataKind, (text: string) => boolean]> = [
  ['e-mailadres', (text) => EMAIL.test(text)],
  ['IBAN', containsIban],
  ['BSN', containsBsn],
  ['telefoonnummer', (text) => PHONE.test(text)],
  ['postcode met huisnummer', (text) => POSTCODE_HOUSE.test(text)],
  ['geboortedatum', (text) => BIRTH_DATE.test(text)],
  ['social-media-account', (text) => HANDLE.test(text)],
];

/** Every kind of personal data found in the text, in a fixed order; empty when the text may be stored. */
export function findPersonalData(text: string): PersonalDataFinding[] {
  const normalised = text.normalize('NFKC');
  return CHECKS.filter(([, check]) => check(normalised)).map(([kind]) => ({ kind }));
}

export function personalDataMessage(findings: readonly PersonalDataFinding[]): string {
  const kinds = findings.map((f) => f.kind).join(', ');
  return `Deze tekst bevat persoonsgegevens (${kinds}). Onder het convenant worden geen persoonsgegevens uitgewisseld (artikel 23): laat namen, contactgegevens en andere herleidbare gegevens weg en beschrijf alleen wat er gebeurde.`;
}
