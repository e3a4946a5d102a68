import type { Children } from '@kitajs/html';
import { escapeHtml } from './render.js';

/** The Utrecht table with its caption, header row and body. */
export const Table = ({
  class: extra,
  caption,
  head,
  children,
  ...data
}: {
  class?: string;
  caption: string;
  head: Children;
  children?: Children;
  [data: `data-${string}`]: boolean;
}) => (
  <table class={extra ? `utrecht-table ${extra}` : 'utrecht-table'} {...data}>
    <caption class="utrecht-table__caption">{escapeHtml(caption)}</caption>
    <thead class="utrecht-table__header">
      <tr class="utrecht-table__row">{head}</tr>
    </thead>
    <tbody class="utrecht-table__body">{children}</tbody>
  </table>
);

export const TableRow = ({
  children,
  ...data
}: {
  children?: Children;
  [data: `data-${string}`]: string;
}) => (
  <tr class="utrecht-table__row" {...data}>
    {children}
  </tr>
);

export const TableHeaderCell = ({ scope, children }: { scope: 'col' | 'row'; children?: Children }) => (
  <th class="utrecht-table__header-cell" scope={scope}>
    {children}
  </th>
);

/** A cell; numeric cells in a stacked table carry their column's name for narrow screens. */
export const TableCell = ({ label, children }: { label?: string; children?: Children }) =>
  label ? (
    <td class="utrecht-table__cell utrecht-table__cell--numeric" data-label={escapeHtml(label)}>
      {children}
    </td>
  ) : (
    <td class="utrecht-table__cell">{children}</td>
  );
