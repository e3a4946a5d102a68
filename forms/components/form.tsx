import type { Children } from '@kitajs/html';
import type { FieldError } from '../../shared/domain/errors.js';
import { Alert } from './alert.js';
import { escapeHtml } from './render.js';
import { Heading2 } from './typography.js';

/** The Utrecht button. */
export const Button = ({
  type = 'button',
  appearance,
  children,
  ...data
}: {
  type?: 'button' | 'submit';
  appearance: 'primary-action' | 'secondary-action';
  children?: Children;
  [data: `data-${string}`]: boolean;
}) => (
  <button class={`utrecht-button utrecht-button--${appearance}`} type={type} {...data}>
    {children}
  </button>
);

/** The hidden button of a page the script can print (shown by the script). */
export const PrintButton = ({ children }: { children?: Children }) => (
  <button class="utrecht-button utrecht-button--secondary-action" type="button" data-print hidden>
    {children}
  </button>
);

/** Every form's errors on top, each a link to its field; focused by the script after a failed send. */
export const ErrorSummary = ({
  errors,
  anchors,
}: {
  errors: readonly FieldError[];
  anchors: Record<string, string>;
}) =>
  errors.length ? (
    <Alert type="error" role="alert" id="foutmeldingen" focusable>
      <Heading2>Controleer het formulier</Heading2>
      <ul class="utrecht-unordered-list">
        {errors.map((e) => (
          <li class="utrecht-unordered-list__item">
            <a class="utrecht-link" href={`#${escapeHtml(anchors[e.path] ?? 'formulier')}`}>
              {escapeHtml(e.message)}
            </a>
          </li>
        ))}
      </ul>
    </Alert>
  ) : (
    ''
  );

export interface PostFormOptions {
  action: string;
  /** Which form it is, for the enhancement script (`data-form`). */
  name: string;
  errors: readonly FieldError[];
  /** Where each field's error in the summary links to. */
  anchors: Record<string, string>;
  hidden?: Record<string, string>;
  button: string;
  children?: Children;
}

/** Every form of the product: the error summary, the form posting to the API, hidden fields, fields, button. */
export const PostForm = (o: PostFormOptions) => (
  <>
    <ErrorSummary errors={o.errors} anchors={o.anchors} />
    <form
      id="formulier"
      class="app-stack"
      method="post"
      action={escapeHtml(o.action)}
      novalidate
      data-form={o.name}
    >
      {Object.entries(o.hidden ?? {}).map(([name, value]) => (
        <input type="hidden" name={name} value={escapeHtml(value)} />
      ))}
      {o.children}
      <p class="utrecht-paragraph" aria-live="polite" data-status></p>
      <Button type="submit" appearance="primary-action">
        {escapeHtml(o.button)}
      </Button>
    </form>
  </>
);

/** A form that answers through a signed link from an email: it posts to the link's own API route. */
export const LinkAnswerForm = ({
  token,
  ...o
}: Omit<PostFormOptions, 'action' | 'hidden'> & { token: string }) => (
  <PostForm action={`/api/acties/${encodeURIComponent(token)}`} {...o} />
);
