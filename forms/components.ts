import { html, type SafeHtml } from '../shared/domain/html.js';

export type AlertType = 'info' | 'ok' | 'warning' | 'error';

/** The Utrecht alert: type, optional role and id, content in the component's own wrappers. */
export function alert(
  type: AlertType,
  content: SafeHtml,
  options: { role?: 'alert' | 'status' | 'note'; id?: string; focusable?: boolean } = {},
): SafeHtml {
  return html`<div class="utrecht-alert utrecht-alert--${type}"${options.role ? html` role="${options.role}"` : ''}${
    options.id ? html` id="${options.id}"` : ''
  }${options.focusable ? html` tabindex="-1"` : ''}><div class="utrecht-alert__content"><div class="utrecht-alert__message">${content}</div></div></div>`;
}
