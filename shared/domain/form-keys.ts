import { createHash } from 'node:crypto';

/** Form keys are stored only as this hash: a leaked table holds no working link. */
export const hashFormKey = (formKey: string): string =>
  createHash('sha256').update(formKey, 'utf8').digest('hex');
