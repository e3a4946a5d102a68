import { html, type SafeHtml } from '../shared/domain/html.js';
import { CSS_NAME, JS_NAME } from './generated/asset-names.js';

export interface PageOptions {
  title: string;
  body: SafeHtml;
  /** Pages with a form load the enhancement script; the form works without it. */
  script?: boolean;
}

/** The frame every page shares: Dutch, the Utrecht theme, one stylesheet and at most one script, same origin. */
export function page({ title, body, script = false }: PageOptions): string {
  return html`<!doctype html>
<html lang="nl" class="utrecht-theme">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${title} – Veilig in en om school</title>
<link rel="stylesheet" href="/assets/${CSS_NAME}">
${script ? html`<script src="/assets/${JS_NAME}" defer></script>` : ''}
</head>
<body class="utrecht-page-body utrecht-body">
<a class="utrecht-skip-link utrecht-skip-link--visible-on-focus" href="#inhoud">Naar de inhoud</a>
<header class="app-header"><div class="app-container app-header__inner">
<p class="utrecht-paragraph"><a class="utrecht-link" href="/">Convenant Veilig in en om school – Utrecht</a></p>
</div></header>
<main id="inhoud" class="app-container app-stack">
${body}
</main>
</body>
</html>`.value;
}
