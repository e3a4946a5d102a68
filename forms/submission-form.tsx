import type { Children } from '@kitajs/html';
import type { FieldError } from '../shared/domain/errors.js';
import type { Party } from '../shared/domain/parties.js';
import type { ProviderChoice } from '../shared/domain/voorlichting.js';
import { PostForm } from './components/form.js';
import type { FormValues } from './components/form-field.js';

export interface SubmissionFormInput {
  school: Party;
  formKey: string;
  idempotencyKey: string;
  values?: FormValues;
  errors?: FieldError[];
  /** A date-time in the Dutch format the fields expect, to show as an example (now). */
  exampleOccurredAt: string;
  /** The voorlichting form's providers: the fixed ones and those from the directory (art. 3d). */
  providers?: readonly ProviderChoice[];
}

const PATHS = {
  melding: '/api/meldingen',
  voorlichting: '/api/voorlichtingen',
  beeindiging: '/api/beeindigingen',
} as const;

/** The form of a submission: it posts to its API route with the form key and the idempotency key. */
export const SubmissionPostForm = ({
  kind,
  input,
  anchors,
  button,
  children,
}: {
  kind: keyof typeof PATHS;
  input: SubmissionFormInput;
  anchors: Record<string, string>;
  button: string;
  children?: Children;
}) => (
  <PostForm
    action={PATHS[kind]}
    name={kind}
    errors={input.errors ?? []}
    anchors={anchors}
    hidden={{ formKey: input.formKey, idempotencyKey: input.idempotencyKey }}
    button={button}
  >
    {children}
  </PostForm>
);
