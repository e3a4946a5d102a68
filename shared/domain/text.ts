/**
 * Text that email cannot carry safely never reaches the outbox. Every string a request brings is
 * normalised (NFC; invisible zero-width characters and the BOM removed; Unicode line separators
 * become newlines) and then refused when it still holds what SES or a mail client would break on or
 * could be fooled by: ill-formed Unicode (a lone surrogate), NUL and other control characters (tab
 * and newlines are fine), and bidirectional overrides and isolates (U+202A-U+202E, U+2066-U+2069),
 * which can make a text read differently from what it says.
 */

// Zero-width space, zero-width non-joiner, word joiner, BOM: invisible, meaningless in our texts.
const INVISIBLE = /[\u200B\u200C\u2060\uFEFF]/g;
// A zero-width joiner only means something inside an emoji sequence; anywhere else it is dropped.
const LONE_JOINER = /(?<!\p{Extended_Pictographic}\uFE0F?)\u200D|\u200D(?!\p{Extended_Pictographic})/gu;
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;
const BIDI = /[\u202A-\u202E\u2066-\u2069]/;
// A high surrogate not followed by a low one, or a low one without a high one before it.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const isWellFormed = (value: string) => !LONE_SURROGATE.test(value);

export type UnsafeTextKind = 'ongeldig-unicode' | 'stuurteken' | 'tekenrichting';

export const UNSAFE_TEXT_MESSAGES: Record<UnsafeTextKind, string> = {
  'ongeldig-unicode':
    'Deze tekst bevat een teken dat niet bestaat (een half teken). Typ de tekst opnieuw, of plak hem zonder opmaak.',
  stuurteken:
    'Deze tekst bevat een onzichtbaar stuurteken dat niet in een e-mail kan. Typ de tekst opnieuw, of plak hem zonder opmaak.',
  tekenrichting:
    'Deze tekst bevat een onzichtbaar teken dat de leesrichting omdraait. Dat kan niet in een e-mail. Typ de tekst opnieuw, of plak hem zonder opmaak.',
};

/** The string as it is stored and sent: NFC, without invisible characters, with plain newlines. */
export function normaliseText(value: string): string {
  if (!isWellFormed(value)) return value; // refused by unsafeTextKind; normalize() would hide it.
  return value
    .replace(INVISIBLE, '')
    .replace(LONE_JOINER, '')
    .replace(/[\u2028\u2029]/g, '\n')
    .normalize('NFC');
}

/** Why this (normalised) string cannot go into an email, or undefined when it can. */
export function unsafeTextKind(value: string): UnsafeTextKind | undefined {
  if (!isWellFormed(value)) return 'ongeldig-unicode';
  if (CONTROL.test(value)) return 'stuurteken';
  if (BIDI.test(value)) return 'tekenrichting';
  return undefined;
}

export interface UnsafeTextIssue {
  path: string;
  kind: UnsafeTextKind;
}

/**
 * Normalises every string in a request's fields (nested too) and lists the ones that stay unsafe,
 * by field path. Returns the normalised fields.
 */
export function cleanFields(fields: Record<string, unknown>): {
  fields: Record<string, unknown>;
  issues: UnsafeTextIssue[];
} {
  const issues: UnsafeTextIssue[] = [];
  const walk = (value: unknown, path: string): unknown => {
    if (typeof value === 'string') {
      const clean = normaliseText(value);
      const kind = unsafeTextKind(clean);
      if (kind) issues.push({ path, kind });
      return clean;
    }
    if (Array.isArray(value)) return value.map((v, i) => walk(v, `${path}.${i}`));
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, v] of Object.entries(value)) {
        const keyKind = unsafeTextKind(key);
        if (keyKind) issues.push({ path: path ? `${path}.?` : '?', kind: keyKind });
        out[key] = walk(v, path ? `${path}.${key}` : key);
      }
      return out;
    }
    return value;
  };
  return { fields: walk(fields, '') as Record<string, unknown>, issues };
}
