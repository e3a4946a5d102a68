import { decodeHtml } from './html-entities.js';
import { lazy } from './lazy.js';
import { type PackagePrivacyLists, type PrivacyLists, readPrivacyLists } from './privacy-lists.js';

/**
 * Article 23: no personal data is exchanged under the covenant. Free text is checked before it is
 * stored; a finding refuses the submission with a message that names the field, what was found and
 * where, so the school rewrites one phrase instead of guessing.
 *
 * Two steps (docs/adr/0012-privacy-guard.md):
 * 1. normalise: HTML entities decoded, NFKC, zero-width characters and soft hyphens dropped,
 *    diacritics stripped, every dash, slash and digit variant mapped to ASCII, look-alike letters
 *    inside numbers mapped to digits, whitespace collapsed. Each normalised character remembers
 *    where it came from, so findings point at the original text.
 * 2. detect: each detector returns spans on the normalised text. Names use the Dutch first-name and
 *    surname lists of @zxcvbn-ts/language-nl-be, with context (titles, "leerling X", a surname after a
 *    first name) and an allow-list of Utrecht places named after people.
 */
export type PersonalDataKind =
  | 'e-mailadres'
  | 'telefoonnummer'
  | 'BSN'
  | 'IBAN'
  | 'postcode met huisnummer'
  | 'adres'
  | 'geboortedatum'
  | 'social-media-account'
  | 'naam';

export interface PersonalDataFinding {
  kind: PersonalDataKind;
  /** The words as the user wrote them. */
  text: string;
  /** Offsets in the original text (UTF-16 code units, end exclusive). */
  start: number;
  end: number;
}

// ---------------------------------------------------------------------------------------------
// 1. Normalisation

export interface Normalised {
  text: string;
  /** For each character of `text`, the offset in the original where it starts and ends. */
  from: number[];
  to: number[];
}

const ZERO_WIDTH = /[\u00AD\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF\u180E]|\u034F/u;
const DASHES = /[\u2010-\u2015\u2212\u2043\uFE58\uFE63\uFF0D\u058A\u05BE\u1806\u2E3A\u2E3B\u301C\u30A0]/u;
const SLASHES = /[\u2044\u2215\u29F8\uFF0F\u2571]/u;
const AT_SIGNS = /[\uFF20\uFE6B]/u;
// Zero code points of the decimal digit blocks NFKC leaves alone (Arabic-Indic, Devanagari, ...).
const DIGIT_ZEROS = [
  0x660, 0x6f0, 0x7c0, 0x966, 0x9e6, 0xa66, 0xae6, 0xb66, 0xbe6, 0xc66, 0xce6, 0xd66, 0xe50, 0xed0, 0xf20,
  0x1040, 0x17e0, 0x1810,
];
const ENTITY = /&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});?/giu;
const ENTITY_AT_START = /^&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});?/iu;
// Made once: esbuild writes a lone /\p{M}/ or /\p{L}/ as `new RegExp(...)`, which inside a
// function would make a new RegExp object at every call.
const MARKS = /\p{M}/gu;
const LETTER = /\p{L}/u;

function mapChar(char: string): string {
  if (char.length === 1 && char.charCodeAt(0) < 0x80) return char;
  if (ZERO_WIDTH.test(char)) return '';
  if (DASHES.test(char)) return '-';
  if (SLASHES.test(char)) return '/';
  if (AT_SIGNS.test(char)) return '@';
  const cp = char.codePointAt(0) as number;
  for (const zero of DIGIT_ZEROS) if (cp >= zero && cp <= zero + 9) return String(cp - zero);
  if (cp < 0x80) return char;
  // NFKC folds full-width and mathematical letters and digits; NFD then splits off the diacritics.
  return char
    .normalize('NFKC')
    .normalize('NFD')
    .replace(MARKS, '')
    .replace(/[\u2010-\u2015\u2212]/gu, '-');
}

export function normalise(original: string): Normalised {
  const chars: string[] = [];
  const from: number[] = [];
  const to: number[] = [];
  let space = -1; // index in chars of the pending collapsed whitespace, if any
  const push = (value: string, start: number, end: number) => {
    for (const c of value) {
      const code = c.charCodeAt(0);
      if (code === 32 || (code >= 9 && code <= 13) || (code > 127 && /\s/u.test(c))) {
        if (space >= 0) {
          to[space] = end;
          continue;
        }
        if (chars.length === 0) continue;
        space = chars.length;
        chars.push(' ');
      } else {
        space = -1;
        chars.push(c);
      }
      from.push(start);
      to.push(end);
    }
  };
  let i = 0;
  ENTITY.lastIndex = 0;
  while (i < original.length) {
    if (original[i] === '&') {
      ENTITY.lastIndex = i;
      const m = ENTITY.exec(original);
      if (m && m.index === i) {
        let decoded = decodeHtml(m[0]);
        let end = i + m[0].length;
        // A reference whose & is itself written as one ("&amp;#72;enk", encoded twice) is read as
        // the reference it spells, up to three times over.
        for (let round = 0; round < 3 && decoded === '&'; round++) {
          const spelled = ENTITY_AT_START.exec(`&${original.slice(end, end + 40)}`);
          const again = spelled ? decodeHtml(spelled[0]) : undefined;
          if (!spelled || again === spelled[0]) break;
          decoded = again as string;
          end += spelled[0].length - 1;
        }
        if (decoded !== m[0]) {
          push([...decoded].map(mapChar).join(''), i, end);
          i = end;
          continue;
        }
      }
    }
    const code = original.charCodeAt(i);
    if (code > 32 && code < 0x80) {
      space = -1;
      chars.push(original[i] as string);
      from.push(i);
      to.push(i + 1);
      i++;
      continue;
    }
    const cp = original.codePointAt(i) as number;
    const char = String.fromCodePoint(cp);
    push(mapChar(char), i, i + char.length);
    i += char.length;
  }
  if (space >= 0 && space === chars.length - 1) {
    chars.pop();
    from.pop();
    to.pop();
  }
  // Look-alike letters in numbers: O and o for 0, l, I and | for 1 (06-l2345678, O6 1234 5678), when
  // they touch no other letter and stand next to a digit.
  const text = chars
    .join('')
    .replace(
      /(?<![\p{L}])[oOlI|](?![\p{L}])(?:(?<=\d[ .\-/_,:]?[oOlI|]?)|(?=[ .\-/_,:]?[oOlI|]?\d))/gu,
      (c) => (c === 'o' || c === 'O' ? '0' : '1'),
    );
  return { text, from, to };
}

// ---------------------------------------------------------------------------------------------
// 2. Detectors: each gives [start, end) spans on the normalised text.

type Span = [number, number];
type Detector = (text: string) => Span[];

const all = (re: RegExp, text: string, group = 0): Span[] => {
  const spans: Span[] = [];
  for (const m of text.matchAll(re)) {
    const start = (m.index as number) + (group ? m[0].indexOf(m[group] as string) : 0);
    spans.push([start, start + (m[group] as string).length]);
  }
  return spans;
};

// E-mail: the @ and the dots also written out, with or without brackets and spaces.
const AT = String.raw`(?:@|\s+@\s+|\s*[([{<]\s*(?:at|@|apenstaartje|apestaartje|apestaart|aapje|a)\s*[)\]}>]\s*|\s+(?:at|apenstaartje|apestaartje|apestaart|aapje)\s+|\s*-at-\s*|\s*_at_\s*)`;
const DOT = String.raw`(?:\s?\.\s?|\s*[([{<]\s*(?:dot|punt|\.)\s*[)\]}>]\s*|\s+(?:dot|punt)\s+)`;
const LABEL = '[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?';
const LOCAL = String.raw`(?<![a-z0-9._%+-])[a-z0-9][a-z0-9._%+-]{0,63}(?:\s(?:dot|punt)\s[a-z0-9][a-z0-9._%+-]{0,63}){0,3}`;
const MAIL_HOSTS =
  'gmail|googlemail|hotmail|outlook|live|msn|yahoo|icloud|me|ziggo|kpnmail|kpnplanet|planet|home|xs4all|hetnet|chello|casema|upcmail|telfort|tele2|online|proton|protonmail|gmx|web|zonnet|quicknet|caiway|solcon|example|school|student|leerling';
const EMAIL_FULL = new RegExp(`${LOCAL}${AT}${LABEL}(?:${DOT}${LABEL})*${DOT}(?:[a-z]{2,24})\\b`, 'giu');
const EMAIL_BARE = new RegExp(`${LOCAL}(?:@|\\s+@\\s+)${LABEL}\\b(?!\\s*[([{]?\\s*(?:dot|punt)\\b)`, 'giu');
const EMAIL_HOST = new RegExp(`${LOCAL}${AT}(?:${MAIL_HOSTS})\\b`, 'giu');
const MAY_HOLD_EMAIL = /@|\bat\b|apenstaart|apestaart|aapje/giu;

/** Runs a detector only on the stretches around its anchors (an @, a platform name): fast on long texts. */
function around(text: string, anchor: RegExp, before: number, after: number, detect: Detector): Span[] {
  const spans: Span[] = [];
  let covered = -1;
  for (const m of text.matchAll(anchor)) {
    const at = m.index as number;
    if (at < covered) continue;
    let from = Math.max(0, at - before);
    while (from > 0 && !/\s/u.test(text[from - 1] as string)) from--;
    let to = Math.min(text.length, at + after);
    while (to < text.length && !/\s/u.test(text[to] as string)) to++;
    for (const [s, e] of detect(text.slice(from, to))) spans.push([s + from, e + from]);
    covered = to - after / 2;
  }
  return spans;
}

const email: Detector = (text) =>
  around(text, MAY_HOLD_EMAIL, 90, 110, (part) => [
    ...all(EMAIL_FULL, part),
    // "at" between two plain words is English, not an address: only a domain with a dot or a known host counts.
    ...all(EMAIL_BARE, part),
    ...all(EMAIL_HOST, part),
  ]);

// Digit runs: digits with the separators phones, word processors and forms produce.
const DIGIT_RUN = /(?:\+\s?|(?<![\d])\(\s?)?\d(?:\d|[ .\-_/,:()]{1,3}(?=\(?\d)|\(0\))*/gu;
const GROUP = /\d+/gu;
const ISOLATED_TIME = /(?<![\d][.:,]?)(?:[01]?\d|2[0-3])[:.][0-5]\d(?![.:,]?\d)/u;
const DATE_LIKE = /^(?:0?[1-9]|[12]\d|3[01])[-/.](?:0?[1-9]|1[0-2])[-/.](?:\d{2}|\d{4})$/u;

interface DigitGroup {
  start: number;
  end: number;
  digits: string;
}

function digitGroups(text: string): DigitGroup[][] {
  const runs: DigitGroup[][] = [];
  for (const m of text.matchAll(DIGIT_RUN)) {
    const base = m.index as number;
    const groups: DigitGroup[] = [];
    for (const g of m[0].matchAll(GROUP)) {
      const start = base + (g.index as number);
      groups.push({ start, end: start + g[0].length, digits: g[0] });
    }
    // A leading + belongs to the first group.
    const plus = m[0].startsWith('+');
    if (plus && groups[0]) groups[0] = { ...groups[0], start: base, digits: `+${groups[0].digits}` };
    runs.push(groups);
  }
  return runs;
}

function isPhone(digits: string, candidate: string): boolean {
  if (ISOLATED_TIME.test(candidate) || DATE_LIKE.test(candidate.trim())) return false;
  if (/^\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}\s/u.test(candidate)) return false;
  if (digits.startsWith('+')) {
    const rest = digits.slice(1).replace(/^(31)0/u, '$1');
    return rest.length >= 9 && rest.length <= 15;
  }
  if (digits.startsWith('00')) {
    const rest = digits.slice(2);
    if (rest.startsWith('31')) return /^310?\d{9}$/u.test(rest);
    return rest.length >= 9 && rest.length <= 15 && rest[0] !== '0';
  }
  return /^0[1-9]\d{8}$/u.test(digits);
}

let lastNumbers: { text: string; spans: { phone: Span[]; bsn: Span[] } } | undefined;
function numberSpans(text: string): { phone: Span[]; bsn: Span[] } {
  if (lastNumbers?.text === text) return lastNumbers.spans;
  const spans = findNumbers(text);
  lastNumbers = { text, spans };
  return spans;
}

function findNumbers(text: string): { phone: Span[]; bsn: Span[] } {
  const phone: Span[] = [];
  const bsn: Span[] = [];
  for (const groups of digitGroups(text)) {
    for (let i = 0; i < groups.length; i++) {
      let digits = '';
      for (let j = i; j < groups.length && j < i + 12; j++) {
        digits += (groups[j] as DigitGroup).digits;
        if (digits.replace('+', '').length > 16) break;
        const start = (groups[i] as DigitGroup).start;
        const end = (groups[j] as DigitGroup).end;
        // Only lengths a phone number or a BSN can have are looked at closer.
        const first = digits[0];
        if (
          (first === '0' || first === '+') &&
          digits.length >= 10 &&
          isPhone(digits, text.slice(start, end))
        )
          phone.push([start, end]);
        if (digits.length === 9 && isValidBsn(digits) && !ISOLATED_TIME.test(text.slice(start, end)))
          bsn.push([start, end]);
      }
    }
  }
  return { phone, bsn };
}

const WHATSAPP = /\b(?:wa\.me|api\.whatsapp\.com|chat\.whatsapp\.com|whatsapp\.com)\/\S+/giu;

export function isValidBsn(digits: string): boolean {
  if (!/^\d{9}$/.test(digits) || /^0+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(digits[i]) * (9 - i);
  sum -= Number(digits[8]);
  return sum % 11 === 0;
}

export function isValidIban(candidate: string): boolean {
  const iban = candidate.replace(/[\s.\-_/]+/g, '').toUpperCase();
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  const rearranged = iban.slice(4) + iban.slice(0, 4);
  let remainder = 0;
  for (const char of rearranged) {
    const value = char >= 'A' && char <= 'Z' ? String(char.charCodeAt(0) - 55) : char;
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

const IBAN_COUNTRIES =
  'AD|AE|AL|AT|AZ|BA|BE|BG|BH|BR|BY|CH|CR|CY|CZ|DE|DK|DO|EE|EG|ES|FI|FO|FR|GB|GE|GI|GL|GR|GT|HR|HU|IE|IL|IQ|IS|IT|JO|KW|KZ|LB|LC|LI|LT|LU|LV|MC|MD|ME|MK|MR|MT|MU|NL|NO|PK|PL|PS|PT|QA|RO|RS|SA|SC|SE|SI|SK|SM|ST|SV|TL|TN|TR|UA|VA|VG|XK';
const IBAN_START = lazy(
  () => new RegExp(`(?<![\\p{L}\\p{N}/.@_-])(?:${IBAN_COUNTRIES})[ .\\-_/]?\\d[ .\\-_/]?\\d`, 'giu'),
);
const iban: Detector = (text) => {
  const spans: Span[] = [];
  for (const m of text.matchAll(IBAN_START())) {
    const start = m.index as number;
    // Walk forward over letters, digits and single separators; try each length a valid IBAN can have.
    let compact = '';
    let lastEnd = start;
    let best = -1;
    for (let k = start; k < text.length && compact.length < 34; k++) {
      const c = text[k] as string;
      if (/[a-z0-9]/iu.test(c)) {
        compact += c;
        lastEnd = k + 1;
        if (compact.length >= 15 && isValidIban(compact)) best = lastEnd;
      } else if (!/[ .\-_/]/u.test(c) || /[ .\-_/]/u.test(text[k - 1] ?? '')) break;
    }
    if (best > 0) spans.push([start, best]);
  }
  return spans;
};

// Addresses.
/** Postcode letters in lower case that are also words ("2026 om 10 uur"): not taken as a postcode. */
export const TWO_LETTER_WORDS: ReadonlySet<string> = new Set(
  'om en in op de te is al na zo of ik je we ze uw er bij nu as to an at af ad en of ga ja nee eh hé he oh ok tv pc uur ma di wo do vr za zo'.split(
    ' ',
  ),
);
const POSTCODE = /\b([1-9]\d{3}) ?-? ?([a-z]{2})\b/giu;
const HOUSE_NUMBER = String.raw`\d{1,5}(?:-\d{1,3}\b|\s?-?\s?[a-z]{1,3}\b|\s?(?:bis|hs|huis|boven|beneden|zw|rd)\b)?`;
const postcodeHouse: Detector = (text) => {
  const spans: Span[] = [];
  for (const m of text.matchAll(POSTCODE)) {
    const letters = m[2] as string;
    if (letters === letters.toLowerCase() && TWO_LETTER_WORDS.has(letters)) continue;
    if (/^(SA|SD|SS)$/u.test(letters)) continue;
    const start = m.index as number;
    const end = start + m[0].length;
    // House number after (street name and city allowed between) or before the postcode.
    const after = new RegExp(
      `^[\\s,]*(?:[\\p{L}'.-]+[\\s,]+){0,4}?(?:nr\\.?\\s?|nummer\\s)?${HOUSE_NUMBER}`,
      'iu',
    ).exec(text.slice(end, end + 60));
    const before = new RegExp(`${HOUSE_NUMBER}[\\s,]*(?:[\\p{L}'.-]+[\\s,]+){0,3}$`, 'iu').exec(
      text.slice(Math.max(0, start - 50), start),
    );
    if (after && !/^\s*[,\s]*\d{1,2}[:.]\d{2}/u.test(text.slice(end)))
      spans.push([start, end + after[0].length]);
    else if (before) spans.push([start - before[0].length, end]);
    else if (
      /\b(?:postcode|adres|woont|woonachtig|wonend)\b/iu.test(text.slice(Math.max(0, start - 40), start))
    )
      spans.push([start, end]);
  }
  return spans;
};

// Street and number without a list of suffixes: a capitalised word (not a sentence start, not a
// school noun) followed by a house number, or any word and number after "woont", "adres" and the like.
const NOT_STREETS = new Set(
  (
    'lokaal lokalen kluis kluisje kluisjes week weken groep klas klassen bus tram lijn trein spoor perron gang ' +
    'verdieping etage gebouw vleugel uur jaar jaren artikel art lid nummer nr pagina blz hoofdstuk minuten euro ' +
    'procent leerlingen leerjaar jaargang havo vwo vmbo mbo atheneum gymnasium mavo kader basis niveau periode ' +
    'toets cijfer cijfers kamer zaal ruimte hal lift trap kantoor postvak locker lockers tafel tafels stoel bank ' +
    'maart april mei juni juli augustus september oktober november december januari februari ' +
    'maandag dinsdag woensdag donderdag vrijdag zaterdag zondag vanaf tot om rond circa ongeveer sinds na voor ' +
    'pagina versie fase stap dag dagen maand maanden keer cel sector team kwartaal ronde wedstrijd bijlage ' +
    'agenda punt punten item graad graden kilometer meter km route telefoon ' +
    'tussen tegen over onder boven naast achter binnen buiten bij van met door en of de het een in op uit aan ' +
    'blok unit deel stuk stuks tablet laptop laptops fiets fietsen scooter auto jongeren kinderen volwassenen ' +
    'docenten ouders personen mensen meisjes jongens bladzijde opgave vraag vragen serie code kanaal hoofdstuk'
  ).split(' '),
);
const STREET_NUMBER = lazy(
  () =>
    new RegExp(
      `(?<=(?:^|[^.!?:\\n]\\s))([A-Z][\\p{L}'-]{3,}(?:\\s[A-Z][\\p{L}'-]+){0,2}|[a-z][\\p{L}-]{3,}(?:straat|laan|weg|plein|kade|gracht|singel|dijk|pad|hof|dreef|steeg|baan|park|veld|markt|straatweg|wal|plantsoen|dam))\\s(${HOUSE_NUMBER})(?![\\d]|[.,:/-]\\d|\\s?(?:uur|min|minuten|euro|keer|leerlingen|jaar|km|meter|%|x\\b|personen|procent|jongeren|kinderen|ste|e\\b|de\\b))`,
      'gu',
    ),
);
const LIVES_AT = lazy(
  () =>
    new RegExp(
      `\\b(?:woont|wonen|woonde|woonachtig|wonend|woonadres|adres|verblijft|thuisadres|huisadres)\\b[^.!?\\n]{0,40}?\\b([\\p{L}][\\p{L}'-]{2,}(?:\\s[\\p{L}][\\p{L}'-]+){0,2})\\s(${HOUSE_NUMBER})\\b(?!\\s?(?:uur|euro|keer|leerlingen|jaar))`,
      'giu',
    ),
);
const streetNumber: Detector = (text) => {
  const spans: Span[] = [];
  for (const m of text.matchAll(STREET_NUMBER())) {
    const street = m[1] as string;
    const words = street.toLowerCase().split(' ');
    if (words.some((w) => NOT_STREETS.has(w))) continue;
    const start = m.index as number;
    spans.push([start, start + m[0].length]);
  }
  for (const m of text.matchAll(LIVES_AT())) {
    const street = (m[1] as string).toLowerCase().split(' ');
    if (street.some((w) => NOT_STREETS.has(w) && !['van', 'de', 'het'].includes(w))) continue;
    const start = (m.index as number) + m[0].indexOf(m[1] as string);
    spans.push([start, (m.index as number) + m[0].length]);
  }
  return spans;
};

// Birth dates: the keyword in its abbreviations, then a date in any common format.
const MONTHS =
  'januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|jan|feb|febr|mrt|mar|apr|jun|jul|aug|sep|sept|okt|oct|nov|dec|january|february|march|may|june|july|august|october';
const DATE = String.raw`(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}\s?[-/. ]\s?\d{1,2}\s?[-/. ]\s?(?:\d{4}|'?\d{2})|\d{1,2}(?:e|ste|de)?\s?[-/.]?\s?(?:${MONTHS})\.?\s?[-/.]?\s?(?:\d{4}|'?\d{2})|(?:${MONTHS})\.?\s\d{1,2}(?:e|st|nd|rd|th)?,?\s(?:\d{4}|'\d{2})|\d{8})`;
const BIRTH_WORDS = String.raw`(?:geboren|geb(?:oren)?\.?|geb\.?\s?datum|geb\.?\s?dat\.?|gebdat\.?|geboortedatum|geboortedag|geboorte(?:\s?datum)?|verjaardag|jarig|date\s+of\s+birth|d\.?o\.?b\.?|born|°|\*)`;
const BIRTH_DATE = lazy(
  () =>
    new RegExp(
      `(?<![\\p{L}])${BIRTH_WORDS}(?![\\p{L}])[\\s:=,-]*(?:(?:op|is|was|in|on|de|het|jaar|:)\\s*){0,2}(${DATE})(?!\\d)`,
      'giu',
    ),
);
const BIRTH_YEAR =
  /(?<![\p{L}])(?:geboren|geb\.?|geboortejaar|bouwjaar(?=\s\d{4}\b(?!\s*(?:auto|scooter))))(?![\p{L}])\s*(?:in|op)?\s*((?:19|20)\d\d)\b/giu;
const birthDate: Detector = (text) => [
  ...all(BIRTH_DATE(), text),
  ...all(BIRTH_YEAR, text).filter(([s]) => !/^bouwjaar/iu.test(text.slice(s))),
];

// Social media: handles, profile URLs and platform names followed by an account name.
const PLATFORMS =
  'instagram|insta|ig|snapchat|snap|sc|tiktok|tik tok|tt|discord|telegram|twitter|x|facebook|fb|youtube|yt|twitch|threads|bereal|roblox|steam|reddit|pinterest|linkedin|whatsapp|signal|kik|onlyfans|fortnite|xbox|psn|playstation|spotify|soundcloud|tumblr|vsco|likee|bigo';
const PROFILE_URL =
  /\b(?:(?:www\.|m\.|vm\.)?(?:instagram\.com|instagr\.am|tiktok\.com|snapchat\.com|facebook\.com|fb\.com|fb\.me|twitter\.com|x\.com|youtube\.com|youtu\.be|twitch\.tv|discord\.gg|discord\.com|discordapp\.com|t\.me|telegram\.me|threads\.net|reddit\.com|linkedin\.com|pinterest\.com|roblox\.com|steamcommunity\.com|onlyfans\.com|vsco\.co|kik\.me|linktr\.ee))\/\S+/giu;
const HANDLE = /(?<![\p{L}\p{N}._%+-])@[a-z0-9_](?:[a-z0-9_.]{0,28}[a-z0-9_])/giu;
const PLATFORM_ACCOUNT = lazy(
  () =>
    new RegExp(
      `(?<![\\p{L}])(?:${PLATFORMS})(?![\\p{L}])(?:[\\s:=/-]*(?:account|acc|accountnaam|naam|profiel|gebruikersnaam|username|user|handle|id|tag|nick|nickname|is|heet|als|van|onder|de naam|=|:|-)[\\s:=/-]*){0,3}[\\s:=/-]*@?([a-z0-9_](?:[a-z0-9_.]{0,28}[a-z0-9_])?(?:#\\d{4})?)(?![\\p{L}\\p{N}_])`,
      'giu',
    ),
);
const DISCORD_TAG = /(?<![\p{L}\p{N}])[a-z][a-z0-9_.]{2,30}#\d{4}\b/giu;

// ---------------------------------------------------------------------------------------------
// Names

const fold = (w: string) => w.normalize('NFD').replace(MARKS, '').toLowerCase();
const TUSSENVOEGSELS = [
  'van der',
  'van den',
  'van de',
  "van 't",
  'van het',
  'van',
  'de',
  'der',
  'den',
  'ten',
  'ter',
  'te',
  "'t",
  'het',
  'op de',
  'op ten',
  'in de',
  "in 't",
  'uit de',
  'uit den',
  'aan de',
  'bij de',
  'van de la',
  'la',
  'le',
  'du',
  'da',
  'di',
  'del',
  'dos',
  'el',
  'al',
  'ben',
  'bin',
  'abu',
  'ibn',
  'vanden',
  'vander',
  'vande',
];
const TV_FIRST_WORDS = new Set(TUSSENVOEGSELS.map((t) => t.split(' ')[0] as string));
interface Lexicon {
  commonRank: ReadonlyMap<string, number>;
  firstNames: ReadonlySet<string>;
  surnames: ReadonlySet<string>;
}
let lexiconBuilt: Lexicon | undefined;
let listsSource: () => PrivacyLists = () => readPrivacyLists();

/**
 * Where the lists come from: by default the data file beside the code (privacy-lists.ts). Tests
 * point it elsewhere to prove the guard fails closed; the lists are built again at the next check.
 */
export function usePrivacyLists(source: () => PrivacyLists = () => readPrivacyLists()): void {
  listsSource = source;
  lexiconBuilt = undefined;
}

/**
 * The package's lists as the guard uses them: folded, first names and surnames each once, and every
 * surname with a tussenvoegsel also without it ("de vries", "vries"). forms/build.ts writes this to
 * the lists file, so the folding is done once when the code is built, with this very code.
 */
export function lexiconLists(raw: PackagePrivacyLists): PrivacyLists {
  const surnames = new Set<string>();
  for (const lastname of raw.lastnames) {
    const name = fold(lastname);
    surnames.add(name);
    for (const t of TUSSENVOEGSELS)
      if (name.startsWith(`${t} `)) {
        surnames.add(name.slice(t.length + 1));
        break;
      }
  }
  return {
    firstNames: [...new Set([...raw.boysFirstnames, ...raw.girlsFirstnames].map(fold))],
    surnames: [...surnames],
    commonWords: raw.commonWords.map(fold),
  };
}

/**
 * The word and name lists, read and put in sets at the first check rather than at import: no
 * bundle carries them, and a function that never checks free text never reads them. A missing list
 * throws (DependencyUnavailableError, 503) and is tried again at the next check.
 */
function lexicon(): Lexicon {
  if (lexiconBuilt) return lexiconBuilt;
  const { firstNames, surnames, commonWords } = listsSource();
  // In order, so a word that folds like an earlier one keeps the later rank, as before the file was folded.
  const commonRank = new Map<string, number>();
  for (let i = 0; i < commonWords.length; i++) commonRank.set(commonWords[i] as string, i);
  lexiconBuilt = { commonRank, firstNames: new Set(firstNames), surnames: new Set(surnames) };
  return lexiconBuilt;
}
/** Names that are also everyday Dutch (or English) words: only with context. */
const isCommonWord = (w: string, below = 3000) =>
  DUTCH_WORD_NAMES.has(w) ? below > 0 : (lexicon().commonRank.get(w) ?? Number.POSITIVE_INFINITY) < below;
/** First names in the lists that are first of all Dutch words ("Storm en regen", "Winter is"). */
const DUTCH_WORD_NAMES = new Set(
  'storm winter zomer lente herfst wolf job lot toon roos bo per ben bent door ken elke lieve helder marine dag hoop mei juni april zon vos sterre mark will bo noa wil jan beer bas tim kim'.split(
    ' ',
  ),
);

/**
 * Utrecht places and institutions that carry a person's name (streets, parks, stations, schools,
 * buildings), and shops: masked before names are looked for. Lower case, diacritics stripped.
 */
export const PLACE_ALLOW_LIST: readonly string[] = [
  'anne frank',
  'anne frankplein',
  'anne franklaan',
  'jan van scorel',
  'willem van noort',
  'willem van noortplein',
  'willem van noortstraat',
  'kardinaal de jong',
  'kardinaal de jongweg',
  'prins hendrik',
  'prins hendriklaan',
  'prins bernhard',
  'prins bernhardplein',
  'prins claus',
  'prins clausbrug',
  'koningin wilhelmina',
  'koningin wilhelminalaan',
  'koningin maxima',
  'koningin juliana',
  'koning willem',
  'willem alexander',
  'willem-alexander',
  'willem de zwijger',
  'johan de witt',
  'johan de wittstraat',
  'jan pieterszoon coen',
  'jan pieterszoon coenstraat',
  'pieter nieuwland',
  'pieter nieuwlandstraat',
  'van lieflandlaan',
  'paulus potter',
  'paulus potterstraat',
  'david van mollem',
  'david van mollemstraat',
  'adriaen van ostade',
  'adriaen van ostadelaan',
  'jan van galen',
  'jan van galenstraat',
  'van galen',
  'hendrik de keyser',
  'vincent van gogh',
  'vincent van goghlaan',
  'karel doorman',
  'karel doormanlaan',
  'albert schweitzer',
  'albert schweitzerdreef',
  'albert heijn',
  'dick bruna',
  'nijntje',
  'miffy',
  'johan cruijff',
  'max euwe',
  'gerrit rietveld',
  'rietveld',
  'rietveld schroder',
  'rietveld schroderhuis',
  'sint maarten',
  'sint-maarten',
  'sint martinus',
  'sint bonifatius',
  'sint-bonifatius',
  'sint gregorius',
  'sint-gregorius',
  'sint jacob',
  'sint jacobsstraat',
  'st. jacobsstraat',
  'sint willibrord',
  'sint nicolaas',
  'sinterklaas',
  'sint nicolaaskerk',
  'jacobikerk',
  'janskerk',
  'janskerkhof',
  'pieterskerk',
  'pieterskerkhof',
  'mariaplaats',
  'catharijnesingel',
  'hoog catharijne',
  'catharina',
  'leidsche rijn',
  'vaartsche rijn',
  'maximapark',
  'maxima park',
  'julianapark',
  'wilhelminapark',
  'griftpark',
  'park lepelenburg',
  'park transwijk',
  'park de watertoren',
  'de uithof',
  'utrecht science park',
  'station zuilen',
  'station lunetten',
  'station overvecht',
  'station terwijde',
  'station vaartsche rijn',
  'station leidsche rijn',
  'utrecht centraal',
  'jaarbeurs',
  'tivoli',
  'tivolivredenburg',
  'galgenwaard',
  'lombok',
  'kanaleneiland',
  'hoograven',
  'tolsteeg',
  'lunetten',
  'zuilen',
  'ondiep',
  'overvecht',
  'amelisweerd',
  'rijnsweerd',
  'de meern',
  'vleuten',
  'de bilt',
  'de dom',
  'domtoren',
  'domplein',
  'neude',
  'vredenburg',
  'oudegracht',
  'nieuwegracht',
  'maliebaan',
  'biltstraat',
  'amsterdamsestraatweg',
  'kanaalstraat',
  'marco pololaan',
  'jan van eijckcollege',
  'jan van eyck',
  'christiaan huygens',
  'huygens',
  'erasmus',
  'spinoza',
  'descartes',
  'thomas a kempis',
  'thomas a kempiscollege',
  'gerrit rietveld college',
  'st. bonifatiuscollege',
  'niels stensen',
  'niels stensen college',
  'anna van rijn',
  'anna van rijn college',
  'martin luther king',
  'nelson mandela',
  'bernardus',
  'het anne frankhuis',
  'jumbo',
  'hema',
  'action',
  'lidl',
  'aldi',
  'kruidvat',
  'etos',
  'primark',
  'mcdonalds',
  "mcdonald's",
  'burger king',
  'kfc',
  'coolblue',
  'bol.com',
  'mediamarkt',
  'ikea',
  'gamma',
  'praxis',
  'dirk',
  'plus',
  'spar',
  'vomar',
  'ah',
  'ns',
  'u-ov',
  'qbuzz',
  'ret',
  'gvb',
  'halt',
  'jou',
  'ggd',
  'buurtteam',
  'magister',
  'somtoday',
  'teams',
  'microsoft teams',
  'google',
  'apple',
  'samsung',
  'nike',
  'adidas',
  'jezus',
  'maria',
  'allah',
  'mohammed cartoon',
  'koning willem-alexander',
  'koningsdag',
  'sint-maartensdag',
  'pasen',
  'pinksteren',
  'kerst',
  'ramadan',
  'suikerfeest',
  'offerfeest',
];
// Built at the first check, as the word lists are: a request that checks no free text never needs them.
const PLACE_ALLOW = lazy(() => ({
  phrases: new Set(PLACE_ALLOW_LIST.map(fold)),
  maxWords: Math.max(...PLACE_ALLOW_LIST.map((p) => p.split(/\s+/u).length)),
  firstWords: new Set(PLACE_ALLOW_LIST.map((p) => fold(p).split(/\s+/u)[0] as string)),
}));

const TITLES = new Set(
  (
    'meneer mevrouw mevr mevr. mw mw. mvr mvr. dhr dhr. heer hr hr. mr mr. mrs mrs. ms ms. juf juffrouw meester ' +
    'meneertje mijnheer madam dokter dr dr. drs drs. ir ir. ing ing. prof prof. zuster broeder ' +
    'docent docente mentor mentrix leraar lerares conrector rector directeur directrice teamleider coordinator ' +
    'conciërge concierge conciergé coach trainer begeleider stagiair stagiaire ' +
    'oom tante opa oma neef nicht broer broertje zus zusje zuster vader moeder pa ma papa mama stiefvader ' +
    'stiefmoeder pleegvader pleegmoeder vriend vriendin vriendje vriendinnetje klasgenoot klasgenote buurman ' +
    'buurvrouw wijkagent agent agente jongerenwerker'
  ).split(' '),
);
/** Words after which the next word is a name even in lower case. */
const NAMING = new Set(
  'genaamd genoemd heet heette heten noemt noemde bijnaam alias roepnaam voornaam achternaam'.split(' '),
);
const NAMING_PHRASES =
  /\b(?:naam is|naam was|heet|heette|roepnaam|voornaam|achternaam|bijnaam|genaamd|genoemd|zoon van|dochter van|kind van|moeder van|vader van|ouders van|broer van|zus van|familie|fam\.?|gezin)\s*:?\s*$/iu;
const NAMING_LAST_WORDS = new Set(
  'is was heet heette roepnaam voornaam achternaam bijnaam genaamd genoemd van familie fam gezin'.split(' '),
);
const PUPIL = new Set('leerling leerlinge scholier student studente cursist pupil jongen meisje'.split(' '));
/** Words that follow a first name at a sentence start when it is a name ("Ben is ...", not "Ben je ..."). */
const NAME_VERBS = new Set(
  (
    'is was werd wordt heeft had zegt zei kreeg krijgt komt kwam zit zat gaat ging en uit van met die loopt liep ' +
    'pest pestte sloeg slaat schopte duwde stal steelt dreigde dreigt huilde huilt vertelde vertelt belde appte ' +
    'stuurde deelde maakte filmde noemde moest wil wilde kan kon mag heeft'
  ).split(' '),
);
/** Capitalised words that are no surnames even after a first name. */
const NOT_SURNAMES = new Set(
  'ik jij hij zij wij jullie u het de een en of maar want dus toen daarna ook nog wel niet geen dat dit die deze die wat wie waar hoe waarom'.split(
    ' ',
  ),
);
const PLACE_SUFFIX =
  /^\p{L}{2,}(?:straat|laan|weg|plein|kade|gracht|singel|dijk|pad|hof|dreef|steeg|baan|park|veld|markt|wal|plantsoen|dam|brug|tunnel|school|college|lyceum|huis|kerk|plaats|hal|bad|haven|poort|kwartier|wijk|buurt|centrum|station|toren)$/u;
const PLACE_PREFIX = new Set(
  'sint st st. station park stadion kerk prins prinses koning koningin kardinaal burgemeester graaf gravin generaal museum huis stichting college lyceum basisschool school gymnasium hotel cafe restaurant winkelcentrum wijkcentrum buurthuis theater plein straat kapitein admiraal dokter-'.split(
    ' ',
  ),
);

interface Token {
  word: string; // as written (normalised)
  lower: string;
  start: number;
  end: number;
  cap: boolean;
  sentenceStart: boolean;
  /** Followed directly (no punctuation) by the next token. */
  joined: boolean;
  masked: boolean;
}

const WORD = /[\p{L}][\p{L}'’-]*[\p{L}]|[\p{L}]/gu;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let prevEnd = 0;
  for (const m of text.matchAll(WORD)) {
    const start = m.index as number;
    const between = text.slice(prevEnd, start);
    const first = m[0][0] as string;
    const prev = tokens[tokens.length - 1];
    if (prev && between === ' ') {
      prev.joined = true;
      tokens.push({
        word: m[0],
        lower: m[0].toLowerCase(),
        start,
        end: start + m[0].length,
        cap: first !== first.toLowerCase(),
        sentenceStart: false,
        joined: false,
        masked: false,
      });
      prevEnd = start + m[0].length;
      continue;
    }
    const sentenceStart =
      tokens.length === 0
        ? !LETTER.test(between) && !/[,]/u.test(between)
        : /[!?:;"“(\u2022*]|^\s*-\s/u.test(between) ||
          (/\./u.test(between) &&
            !/^(?:dhr|mevr|mw|mr|dr|drs|ir|ing|prof|hr|mvr|st|fam)$/u.test(prev?.lower ?? ''));
    // Line breaks are no sentence boundary: people break lines in the middle of a name.
    if (prev) prev.joined = /^\.?\s{1,2}$/u.test(between);
    tokens.push({
      word: m[0],
      lower: m[0].toLowerCase(),
      start,
      end: start + m[0].length,
      cap: first !== first.toLowerCase(),
      sentenceStart: sentenceStart || (tokens.length === 0 && !/\d/u.test(between)),
      joined: false,
      masked: false,
    });
    prevEnd = start + m[0].length;
  }
  return tokens;
}

function maskPlaces(tokens: Token[]): void {
  for (let i = 0; i < tokens.length; i++) {
    if (!PLACE_ALLOW().firstWords.has((tokens[i] as Token).lower)) continue;
    for (let n = Math.min(PLACE_ALLOW().maxWords, tokens.length - i); n >= 1; n--) {
      const phrase = tokens
        .slice(i, i + n)
        .map((t) => t.lower)
        .join(' ');
      if (PLACE_ALLOW().phrases.has(phrase)) {
        for (let k = i; k < i + n; k++) (tokens[k] as Token).masked = true;
        i += n - 1;
        break;
      }
    }
  }
}

const isFirstName = (lower: string): boolean => {
  if (lexicon().firstNames.has(lower)) return true;
  // Diminutives and informal forms: Pietje, Jantje, Keesje, Mohammedje.
  if (isCommonWord(lower, 20000)) return false;
  for (const suffix of ['tje', 'pje', 'kje', 'etje', 'je', 'ke', 'ie', 'y'])
    if (lower.endsWith(suffix) && lexicon().firstNames.has(lower.slice(0, -suffix.length))) return true;
  return false;
};

/** Tussenvoegsel at tokens[i..]: the number of tokens it uses, 0 if none. */
function tussenvoegsel(tokens: Token[], i: number): number {
  if (!TV_FIRST_WORDS.has((tokens[i] as Token | undefined)?.lower ?? '')) return 0;
  for (const n of [3, 2, 1]) {
    const words = tokens.slice(i, i + n);
    if (words.length < n || words.some((t) => t.masked)) continue;
    const phrase = words.map((t) => t.lower).join(' ');
    if (TUSSENVOEGSELS.includes(phrase) && (n === 1 || words.slice(0, -1).every((t) => t.joined))) return n;
  }
  return 0;
}

const looksLikePlace = (t: Token | undefined, next: Token | undefined) =>
  !!t &&
  (PLACE_SUFFIX.test(t.lower) ||
    (next !== undefined && t.joined && PLACE_SUFFIX.test(next.lower) && next.cap));

/** A surname after position i (optionally with tussenvoegsels): its end token index, or -1. */
function surnameAt(tokens: Token[], i: number, strict: boolean): number {
  const tv = tussenvoegsel(tokens, i);
  const j = i + tv;
  const t = tokens[j];
  if (!t || t.masked || (tv > 0 && !(tokens[j - 1] as Token).joined)) return -1;
  if (looksLikePlace(t, tokens[j + 1])) return -1;
  if (NOT_SURNAMES.has(t.lower)) return -1;
  if (t.cap && !t.sentenceStart && t.word.length >= 2) return j;
  if (tv > 0 && lexicon().surnames.has(t.lower) && !isCommonWord(t.lower, strict ? 1500 : 400)) return j;
  if (tv > 0 && !strict && !isCommonWord(t.lower, 20000) && t.word.length >= 3) return j;
  return -1;
}

function names(text: string): Span[] {
  const tokens = tokenize(text);
  maskPlaces(tokens);
  const spans: Span[] = [];
  const add = (a: number, b: number) => {
    const s = tokens[a] as Token;
    const e = tokens[b] as Token;
    spans.push([s.start, e.end]);
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as Token;
    if (t.masked) continue;
    const prev = tokens[i - 1];
    const next = tokens[i + 1];

    // 1. After a title, a pupil word or a naming word: the next word (and a surname) is a name.
    if (prev && !prev.masked && prev.joined) {
      const title = TITLES.has(prev.lower) || TITLES.has(`${prev.lower}.`);
      const pupil = PUPIL.has(prev.lower);
      const naming =
        NAMING.has(prev.lower) ||
        (NAMING_LAST_WORDS.has(prev.lower) &&
          NAMING_PHRASES.test(text.slice(Math.max(0, t.start - 30), t.start)));
      if (
        (title || pupil) &&
        t.cap &&
        !t.sentenceStart &&
        t.word.length >= 2 &&
        !NOT_SURNAMES.has(t.lower) &&
        !looksLikePlace(t, next)
      ) {
        const end = surnameAt(tokens, i + 1, true);
        add(i, end > 0 && (tokens[end - 1] as Token).joined ? end : i);
        continue;
      }
      if (title && !pupil) {
        // "meneer de Vries", "mevrouw van der berg"
        const end = surnameAt(tokens, i, false);
        if (end >= i && tussenvoegsel(tokens, i) > 0) {
          add(i, end);
          i = end;
          continue;
        }
        if (!t.cap && lexicon().surnames.has(t.lower) && !isCommonWord(t.lower, 20000)) {
          add(i, i);
          continue;
        }
      }
      if (naming && t.word.length >= 2 && !isCommonWord(t.lower, 600) && !NOT_SURNAMES.has(t.lower)) {
        const end = surnameAt(tokens, i + 1, false);
        add(i, end > 0 ? end : i);
        continue;
      }
    }

    // 2. A surname with its tussenvoegsel: "de Vries", "van den Berg", lower case "de vries".
    const tv = tussenvoegsel(tokens, i);
    if (tv > 0 && (prev === undefined || !TITLES.has(prev.lower))) {
      const s = tokens[i + tv];
      const allJoined = tokens.slice(i, i + tv).every((x) => x.joined);
      if (
        s &&
        allJoined &&
        !s.masked &&
        lexicon().surnames.has(s.lower) &&
        !looksLikePlace(s, tokens[i + tv + 1]) &&
        ((s.cap && !s.sentenceStart && !isCommonWord(s.lower, 400)) ||
          (!s.cap && !lexicon().commonRank.has(s.lower)))
      ) {
        const first =
          prev?.cap &&
          !prev.sentenceStart &&
          prev.joined &&
          !prev.masked &&
          !NOT_SURNAMES.has(prev.lower) &&
          !PLACE_PREFIX.has(prev.lower);
        add(first ? i - 1 : i, i + tv);
        i += tv;
        continue;
      }
    }

    // 3. A capitalised word before a surname from the list: "Henk Vermeulen".
    if (
      t.cap &&
      t.joined &&
      next?.cap &&
      !next.masked &&
      !next.sentenceStart &&
      lexicon().surnames.has(next.lower) &&
      !isCommonWord(next.lower, 5000) &&
      !NOT_SURNAMES.has(t.lower) &&
      !PLACE_PREFIX.has(t.lower) &&
      !looksLikePlace(next, tokens[i + 2])
    ) {
      add(i, i + 1);
      i += 1;
      continue;
    }

    // 4. A first name from the list.
    if (!isFirstName(t.lower) || t.word.length < 2) continue;
    if (looksLikePlace(t, next)) continue;
    if (
      tokens
        .slice(i + 1, i + 4)
        .some((x, k, a) => PLACE_SUFFIX.test(x.lower) && x.cap && (k === 0 || (a[k - 1] as Token).joined))
    )
      continue;
    if (!t.cap && isCommonWord(t.lower, 20000)) continue;
    if (
      prev &&
      (PLACE_PREFIX.has(prev.lower) || PLACE_PREFIX.has(`${prev.lower}.`)) &&
      prev.cap &&
      prev.joined
    )
      continue;
    const surnameEnd = t.joined ? surnameAt(tokens, i + 1, !t.cap) : -1;
    const ambiguous = isCommonWord(t.lower);
    if (surnameEnd > 0) {
      add(i, surnameEnd);
      i = surnameEnd;
      continue;
    }
    if (!t.cap) continue;
    if (!ambiguous && !isCommonWord(t.lower, 20000)) {
      add(i, i);
      continue;
    }
    // Also a word: a name mid-sentence, or at a sentence start before a verb ("Ben is", not "Ben je").
    if (!t.sentenceStart) {
      if (!isCommonWord(t.lower, 400) || (next && NAME_VERBS.has(next.lower) && t.joined)) add(i, i);
      continue;
    }
    if (t.sentenceStart && next && t.joined && NAME_VERBS.has(next.lower) && !isCommonWord(t.lower, 400))
      add(i, i);
  }
  return spans;
}

// ---------------------------------------------------------------------------------------------

export const DETECTORS: ReadonlyArray<[PersonalDataKind, Detector]> = [
  ['e-mailadres', email],
  ['IBAN', iban],
  ['telefoonnummer', (text) => [...all(WHATSAPP, text), ...numberSpans(text).phone]],
  ['BSN', (text) => numberSpans(text).bsn],
  ['geboortedatum', birthDate],
  ['postcode met huisnummer', postcodeHouse],
  ['adres', streetNumber],
  ['social-media-account', social],
  ['naam', names],
];

const MAY_NAME_PLATFORM = new RegExp(`\\b(?:${PLATFORMS})\\b`, 'gi');
function social(text: string): Span[] {
  const spans: Span[] = [];
  if (text.includes('/')) spans.push(...around(text, /\//gu, 40, 60, (part) => all(PROFILE_URL, part)));
  if (text.includes('@')) spans.push(...all(HANDLE, text));
  if (text.includes('#')) spans.push(...all(DISCORD_TAG, text));
  spans.push(
    ...around(text, MAY_NAME_PLATFORM, 10, 80, (part) =>
      platformAccounts(part).map(([s, e]) => widen(part, s, e)),
    ),
  );
  return spans.filter(([s, e]) => isHandle(text, s, e));
}

const PLATFORM_NAME = new RegExp(`^(?:${PLATFORMS})$`, 'iu');

/**
 * The accounts after platform names. When the "account" is itself a platform name ("X snapchat:
 * jongen2010"), the search starts again at it, so the account after the second name is found.
 */
function platformAccounts(text: string): Span[] {
  const re = PLATFORM_ACCOUNT();
  const spans: Span[] = [];
  re.lastIndex = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    const account = m[1] as string;
    const start = m.index + m[0].indexOf(account);
    if (PLATFORM_NAME.test(account)) re.lastIndex = start;
    else spans.push([start, start + account.length]);
  }
  return spans;
}

/** A platform name followed by an account: show the platform too. */
function widen(text: string, start: number, end: number): Span {
  const re = new RegExp(`(?:${PLATFORMS})[^\\p{L}]*(?:\\p{L}+[^\\p{L}]+){0,3}$`, 'iu');
  const m = re.exec(text.slice(Math.max(0, start - 40), start));
  return [m ? start - m[0].length : start, end];
}

/** An account name after a platform word must look like one: not an ordinary word. */
function isHandle(text: string, start: number, end: number): boolean {
  const span = text.slice(start, end);
  if (/\//u.test(span) || span.startsWith('@') || /#\d{4}$/u.test(span)) return true;
  const handle = /([a-z0-9_.]+)$/iu.exec(span)?.[1] ?? '';
  if (/[\d_.]/u.test(handle) && LETTER.test(handle) && !/^\d/u.test(handle)) return true;
  if (/[\d_.]/u.test(handle)) return /[a-z]/iu.test(handle);
  // A plain word only counts after an explicit "account", "naam", ":" and is no common word.
  return (
    /(?:account|acc|naam|profiel|username|gebruikersnaam|handle|heet|:|=)\s*$/iu.test(
      span.slice(0, span.length - handle.length),
    ) && !isCommonWord(handle.toLowerCase(), 20000)
  );
}

/** Every piece of personal data found in the text, in the order of the text; empty when it may be stored. */
export function findPersonalData(original: string): PersonalDataFinding[] {
  if (!original) return [];
  // Fails closed: without its lists the guard refuses to judge any text, not only texts with words.
  lexicon();
  const n = normalise(original);
  const found: PersonalDataFinding[] = [];
  for (const [kind, detect] of DETECTORS) {
    for (const [s, e] of detect(n.text)) {
      if (e <= s) continue;
      const start = n.from[s] as number;
      const end = n.to[e - 1] as number;
      if (found.some((f) => f.kind === kind && f.start <= start && f.end >= end)) continue;
      // One piece of text is one finding: an IBAN is not also a phone number.
      if (found.some((f) => f.kind !== kind && f.start < end && f.end > start)) continue;
      for (let k = found.length - 1; k >= 0; k--) {
        const f = found[k] as PersonalDataFinding;
        if (f.kind === kind && start <= f.start && end >= f.end) found.splice(k, 1);
      }
      found.push({ kind, text: original.slice(start, end), start, end });
    }
  }
  return found.sort((a, b) => a.start - b.start || a.end - b.end);
}

export interface FieldFindings {
  field: string;
  findings: PersonalDataFinding[];
}

const JOIN = '\n';

/**
 * The guard over all free-text fields of one submission: each field alone, and all of them joined,
 * so a number or a name split over two fields is caught too (and reported in each field it touches).
 */
export function findPersonalDataInFields(fields: Record<string, string | undefined>): FieldFindings[] {
  const entries = Object.entries(fields).filter(
    (e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '',
  );
  const result = new Map<string, PersonalDataFinding[]>();
  for (const [field, text] of entries) {
    const findings = findPersonalData(text);
    if (findings.length) result.set(field, findings);
  }
  if (entries.length > 1) {
    const joined = entries.map(([, text]) => text).join(JOIN);
    let offset = 0;
    const bounds = entries.map(([field, text]) => {
      const b = { field, text, start: offset, end: offset + text.length };
      offset += text.length + JOIN.length;
      return b;
    });
    for (const f of findPersonalData(joined)) {
      const touched = bounds.filter((b) => f.start < b.end && f.end > b.start);
      if (touched.length < 2) continue;
      for (const b of touched) {
        const start = Math.max(f.start, b.start) - b.start;
        const end = Math.min(f.end, b.end) - b.start;
        const list = result.get(b.field) ?? [];
        if (!list.some((x) => x.kind === f.kind && x.start <= start && x.end >= end))
          list.push({ kind: f.kind, text: b.text.slice(start, end), start, end });
        result.set(b.field, list);
      }
    }
  }
  return entries
    .filter(([field]) => result.has(field))
    .map(([field]) => ({
      field,
      findings: (result.get(field) as PersonalDataFinding[]).sort((a, b) => a.start - b.start),
    }));
}

export function personalDataMessage(findings: readonly PersonalDataFinding[]): string {
  const kinds = [...new Set(findings.map((f) => f.kind))].join(', ');
  const quoted = [...new Set(findings.map((f) => `"${f.text.trim()}"`))].slice(0, 5).join(', ');
  const names = findings.some((f) => f.kind === 'naam')
    ? ' Noem geen namen: schrijf bijvoorbeeld "een leerling uit de tweede klas" of "een docent".'
    : '';
  return `Deze tekst bevat persoonsgegevens (${kinds}): ${quoted}. Onder het convenant worden geen persoonsgegevens uitgewisseld (artikel 23): laat namen, contactgegevens en andere herleidbare gegevens weg en beschrijf alleen wat er gebeurde.${names}`;
}
