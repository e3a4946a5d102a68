import { type FieldError, PersonalDataError, toFieldErrors, ValidationError } from '../domain/errors.js';
import { findPersonalDataInFields, personalDataMessage } from '../domain/privacy.js';
import type * as z from '../domain/zod.js';

// Validation and the privacy guard (article 23), apart from the intake's storage (intake.ts): a
// function that stores or reads without checking free text (pages, daily, health) does not carry
// the guard (README "Cold start").

/**
 * Validates, or throws every field error at once. Free-text fields that hold personal data are
 * named in the same answer, so nobody fixes the form twice.
 */
export function parseOrThrow<S extends z.ZodMiniType>(
  schema: S,
  raw: Record<string, unknown>,
  freeTextFields: readonly string[] = [],
): z.output<S> {
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  const errors = toFieldErrors(result.error);
  const free = Object.fromEntries(
    freeTextFields
      .filter((field) => typeof raw[field] === 'string' && !errors.some((e) => e.path === field))
      .map((field) => [field, raw[field] as string]),
  );
  errors.push(...personalDataErrors(free));
  throw new ValidationError(errors);
}

/**
 * Article 23, the one place that turns the guard's findings into field errors: each field with
 * personal data is named, with what was found and where (`found`: kind, text, start, end), so the
 * forms can mark the words. All free-text fields of one submission are checked together too.
 */
export function personalDataErrors(fields: Record<string, string | undefined>): FieldError[] {
  return findPersonalDataInFields(fields).map(({ field, findings }) => ({
    path: field,
    message: personalDataMessage(findings),
    found: findings.map(({ kind, text, start, end }) => ({ kind, text, start, end })),
  }));
}

/** Article 23: refuses free text that holds personal data, naming the field and what was found. */
export function assertNoPersonalData(fields: Record<string, string | undefined>): void {
  const errors = personalDataErrors(fields);
  if (errors.length) throw new PersonalDataError(errors);
}
