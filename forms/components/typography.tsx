import type { Children } from '@kitajs/html';

/** Utrecht heading, paragraph, link and lists: the text components every page uses. */
export const Heading1 = ({ children }: { children?: Children }) => (
  <h1 class="utrecht-heading-1">{children}</h1>
);

export const Heading2 = ({ children }: { children?: Children }) => (
  <h2 class="utrecht-heading-2">{children}</h2>
);

export const Heading3 = ({ children }: { children?: Children }) => (
  <h3 class="utrecht-heading-3">{children}</h3>
);

export const Paragraph = ({
  children,
  class: extra,
  id,
  ...data
}: {
  children?: Children;
  class?: string;
  id?: string;
  [data: `data-${string}`]: string | boolean | undefined;
}) => (
  <p class={extra ? `utrecht-paragraph ${extra}` : 'utrecht-paragraph'} id={id} {...data}>
    {children}
  </p>
);

export const Link = ({
  href,
  children,
  download,
}: {
  href: string;
  children?: Children;
  download?: boolean;
}) => (
  <a class="utrecht-link" href={href} download={download ? '' : undefined}>
    {children}
  </a>
);

export const UnorderedList = ({
  children,
  ...data
}: {
  children?: Children;
  [data: `data-${string}`]: string | boolean | undefined;
}) => (
  <ul class="utrecht-unordered-list" {...data}>
    {children}
  </ul>
);

export const ListItem = ({
  children,
  ...data
}: {
  children?: Children;
  [data: `data-${string}`]: string | undefined;
}) => (
  <li class="utrecht-unordered-list__item" {...data}>
    {children}
  </li>
);

export const OrderedList = ({
  children,
  ...data
}: {
  children?: Children;
  [data: `data-${string}`]: boolean;
}) => (
  <ol class="utrecht-ordered-list" {...data}>
    {children}
  </ol>
);

export const OrderedListItem = ({ children }: { children?: Children }) => (
  <li class="utrecht-ordered-list__item">{children}</li>
);
