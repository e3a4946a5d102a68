import type { ActionKind } from './signing.js';

/** A signed link on an overview row: what it does (Dutch label) and where it goes. */
export interface SignedAction {
  action: ActionKind;
  label: string;
  href: string;
}

export const OVERVIEW_ACTION_LABELS: Partial<Record<ActionKind, string>> = {
  gezien: 'Gezien',
  terugkoppeling: 'Terugkoppeling geven',
  afdoening: 'Afdoening vastleggen',
  'voorlichting-antwoord': 'Beantwoorden',
  'beeindiging-uitkomst': 'Uitkomst vastleggen',
  'overleg-plannen': 'Overleg plannen',
  status: 'Status bekijken',
};
