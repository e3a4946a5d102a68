import type { Children } from '@kitajs/html';
import { CSS_NAME, FAVICON_NAME, JS_NAME } from '../generated/asset-names.js';
import { escapeHtml, render } from './render.js';
import { Link, Paragraph } from './typography.js';

/** The pages every footer links to, with their real content in forms/info-pages.tsx. */
export const FOOTER_LINKS = [
  { href: '/privacy', label: 'Privacyverklaring' },
  { href: '/contact', label: 'Contact' },
  { href: '/toegankelijkheid', label: 'Toegankelijkheidsverklaring' },
] as const;

export interface PageOptions {
  title: string;
  /** Pages with a form load the enhancement script; the form works without it. */
  script?: boolean;
  /** Pages with wide content (the wijk report) use the full page width. */
  wide?: boolean;
  children?: Children;
}

/**
 * The frame every page shares, as the gemeente's own sites: the Utrecht page layout with page
 * header, page body and page footer; Dutch; one stylesheet, one font and at most one script, all
 * from this origin.
 */
export const PageLayout = ({ title, script = false, wide = false, children }: PageOptions) => (
  <html lang="nl" class="utrecht-theme utrecht-root">
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <meta name="referrer" content="no-referrer" />
      <title>{escapeHtml(title)} – Veilig in en om school</title>
      <link rel="icon" href={`/assets/${FAVICON_NAME}`} type="image/svg+xml" />
      <link rel="stylesheet" href={`/assets/${CSS_NAME}`} />
      {script ? <script src={`/assets/${JS_NAME}`} defer></script> : ''}
    </head>
    <body class="utrecht-body utrecht-document">
      <a class="utrecht-skip-link utrecht-skip-link--visible-on-focus" href="#inhoud">
        Naar de inhoud
      </a>
      <div class="utrecht-page-layout">
        <div class="app-header-band" aria-hidden="true"></div>
        <header class="utrecht-page-header">
          <div class="utrecht-page-header__content">
            <p class="app-service-name">
              <Link href="/">Veilig in en om school</Link>
            </p>
            <Paragraph class="app-service-owner">Gemeente Utrecht en partners</Paragraph>
          </div>
        </header>
        <div class="utrecht-page-body">
          <div class="utrecht-page-body__content">
            <main id="inhoud" class={`app-main app-stack${wide ? ' app-wide' : ''}`} tabindex="-1">
              {children}
            </main>
          </div>
        </div>
        <footer class="utrecht-page-footer">
          <div class="utrecht-page-footer__content">
            <Paragraph>
              <strong>Bij direct gevaar: bel 112.</strong> Zorgen over huiselijk geweld of kindermishandeling?
              Bel Veilig Thuis: 0800-2000.
            </Paragraph>
            <nav aria-label="Over deze dienst">
              <ul class="app-footer-links">
                {FOOTER_LINKS.map((l) => (
                  <li>
                    <Link href={l.href}>{l.label}</Link>
                  </li>
                ))}
              </ul>
            </nav>
          </div>
        </footer>
      </div>
    </body>
  </html>
);

/** A whole page as the handlers send it. */
export const page = (element: JSX.Element): string => `<!doctype html>\n${render(element)}`;
