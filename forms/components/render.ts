/**
 * The pages are typed JSX rendered to a string by @kitajs/html (see docs/adr/0014). Its JSX
 * escapes attribute quotes itself but leaves text as written, so every text a component puts on the
 * page goes through `escapeHtml` (the same function the email templates use); `npm run lint` runs
 * `xss-scan`, which refuses any string in JSX that is not escaped.
 */
export { escapeHtml } from '../../shared/domain/html.js';

/** A rendered page or fragment. The pages render synchronously: a Promise here is a programming error. */
export function render(element: JSX.Element): string {
  if (typeof element !== 'string') throw new TypeError('Pages render synchronously; got a Promise.');
  return element;
}
