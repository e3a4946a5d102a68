import type * as z from 'zod';
import type { FieldError } from '../domain/errors.js';

/** Turns zod issues into the contract's `{path, message}` list; a field appears once, with its first message. */
export function toFieldErrors(error: z.ZodError): FieldError[] {
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const issue of error.issues) {
    const path =
      issue.code === 'unrecognized_keys' ? (issue.keys[0] ?? '') : issue.path.map((p) => String(p)).join('.');
    if (seen.has(path)) continue;
    seen.add(path);
    out.push({ path, message: issue.message });
  }
  return out;
}
