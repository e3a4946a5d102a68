/** Utrecht's ten wijken: routing, evaluation and reports are organised per wijk. */
export const WIJKEN = [
  'Binnenstad',
  'Noordoost',
  'Oost',
  'Zuid',
  'Zuidwest',
  'West',
  'Noordwest',
  'Overvecht',
  'Leidsche Rijn',
  'Vleuten-De Meern',
] as const;

export type Wijk = (typeof WIJKEN)[number];

export const isWijk = (value: string): value is Wijk => (WIJKEN as readonly string[]).includes(value);
