import type { EmailMessage } from './emails.js';
import { html } from './html.js';

export const OVERVIEW_LINK_TEXT = 'Uw overzicht: alles wat aan u is gestuurd of wat u heeft verstuurd';

/**
 * Every email carries the recipient's personal overview link (issue 15), just above the footer, in
 * the text and the HTML part. Added in one place, so no template can forget it.
 */
export function withOverviewLink(message: EmailMessage, url: string): EmailMessage {
  const text = `${message.text.trimEnd()}\n\n${OVERVIEW_LINK_TEXT}:\n${url}\n`;
  const link = html`<p><a href="${url}">${OVERVIEW_LINK_TEXT}</a></p>\n<hr>`.value;
  const at = message.html.lastIndexOf('<hr>');
  const htmlPart =
    at >= 0
      ? `${message.html.slice(0, at)}${link}${message.html.slice(at + 4)}`
      : message.html.replace('</body>', `${link}</body>`);
  return { ...message, text, html: htmlPart };
}
