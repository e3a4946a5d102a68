import { PageLayout, page } from './components/page-layout.js';
import { escapeHtml } from './components/render.js';
import { Heading1, Paragraph } from './components/typography.js';
import { Call112 } from './info-pages.js';

/*
 * Short pages with a message only. Their own module: the intake and acties functions show them, and
 * need none of the confirmation and status pages (forms/pages.tsx) or the emails those describe.
 */

export type KeyProblem = 'missing' | 'unknown' | 'wrong-party';

const KEY_PROBLEMS: Record<KeyProblem, { title: string; text: string }> = {
  missing: {
    title: 'De link is niet compleet',
    text: 'In de link naar dit formulier ontbreekt de sleutel van uw organisatie. Gebruik de volledige link die uw organisatie heeft gekregen.',
  },
  unknown: {
    title: 'Deze link werkt niet (meer)',
    text: 'De sleutel in deze link is onbekend of ingetrokken. Misschien is er een nieuwe link gemaakt.',
  },
  'wrong-party': {
    title: 'Dit formulier is niet voor uw organisatie',
    text: 'Dit formulier is voor scholen. Gebruik het formulier dat bij uw organisatie hoort.',
  },
};

export function keyProblemPage(problem: KeyProblem): string {
  const { title, text } = KEY_PROBLEMS[problem];
  return page(
    <PageLayout title={title}>
      <Heading1>{escapeHtml(title)}</Heading1>
      <Paragraph>{escapeHtml(text)}</Paragraph>
      <Paragraph>
        Vraag de contactpersoon van uw organisatie om de juiste link, of de gebiedsmanager veiligheid van uw
        wijk.
      </Paragraph>
      <Call112 />
    </PageLayout>,
  );
}

export function messagePage(title: string, paragraphs: string[]): string {
  return page(
    <PageLayout title={title}>
      <Heading1>{escapeHtml(title)}</Heading1>
      {paragraphs.map((p) => (
        <Paragraph>{escapeHtml(p)}</Paragraph>
      ))}
    </PageLayout>,
  );
}
