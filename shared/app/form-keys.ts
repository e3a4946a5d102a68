import { sha256 } from './ids.js';

/** Form keys are stored only as this hash: a leaked table holds no working link. */
export const hashFormKey = (formKey: string): string => sha256(formKey);
