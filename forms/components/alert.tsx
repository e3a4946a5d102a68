import type { Children } from '@kitajs/html';

export type AlertType = 'info' | 'ok' | 'warning' | 'error';

/** The Utrecht alert: type, optional role and id, content in the component's own wrappers. */
export const Alert = ({
  type,
  role,
  id,
  focusable,
  children,
}: {
  type: AlertType;
  role?: 'alert' | 'status' | 'note';
  id?: string;
  focusable?: boolean;
  children?: Children;
}) => (
  <div
    class={`utrecht-alert utrecht-alert--${type}`}
    role={role}
    id={id}
    tabindex={focusable ? '-1' : undefined}
  >
    <div class="utrecht-alert__content">
      <div class="utrecht-alert__message">{children}</div>
    </div>
  </div>
);
