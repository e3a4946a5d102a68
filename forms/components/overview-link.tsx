import { Link, Paragraph } from './typography.js';

/**
 * The link to the school's overview on its form pages. Its own module: the form pages (in the intake
 * function's bundle) need only this link, not the overview pages themselves.
 */
export const OverviewLink = ({ formKey }: { formKey: string }) => (
  <Paragraph>
    <Link href={`/overzicht?sleutel=${encodeURIComponent(formKey)}`}>
      Bekijk het overzicht van uw meldingen en aanvragen
    </Link>
  </Paragraph>
);
