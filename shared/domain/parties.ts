import type { Party } from './directory-schema.js';

/**
 * The kinds of party that signed the covenant (art. 1.1), plus the GGD as voorlichting provider
 * (art. 13) and other prevention partners the covenant names for voorlichting (art. 3d: Jellinek,
 * OV Utrecht), added in the directory as kind `aanbieder`.
 */
export const PARTY_KINDS = [
  'school',
  'politie',
  'gemeente',
  'halt',
  'jou',
  'buurtteam',
  'ggd',
  'aanbieder',
] as const;
export type PartyKind = (typeof PARTY_KINDS)[number];

/**
 * The role decides what a party receives. Wijk-bound roles (wijkagent, gebiedsmanager) are found
 * by the school's wijk; city-wide roles by role alone.
 */
export const ROLES = {
  school: 'contactpersoon school',
  wijkagent: 'wijkagent',
  'gebiedsmanager-veiligheid': 'gebiedsmanager veiligheid',
  convenantcoordinator: 'coördinator convenant (gemeente)',
  halt: 'contactpersoon Halt',
  jou: 'contactpersoon JoU',
  'buurtteam-vo': 'Buurtteam vo/so',
  'buurtteam-mbo': 'Buurtteam mbo',
  ggd: 'contactpersoon GGD (Volksgezondheid)',
  voorlichter: 'aanbieder van voorlichting',
} as const;
export type Role = keyof typeof ROLES;
export const ROLE_KEYS = Object.keys(ROLES) as [Role, ...Role[]];

export const SCHOOL_TYPES = ['vo', 'vso', 'mbo'] as const;
export type SchoolType = (typeof SCHOOL_TYPES)[number];

export const ROLE_KIND: Record<Role, PartyKind> = {
  school: 'school',
  wijkagent: 'politie',
  'gebiedsmanager-veiligheid': 'gemeente',
  convenantcoordinator: 'gemeente',
  halt: 'halt',
  jou: 'jou',
  'buurtteam-vo': 'buurtteam',
  'buurtteam-mbo': 'buurtteam',
  ggd: 'ggd',
  voorlichter: 'aanbieder',
};

export const WIJK_BOUND_ROLES: readonly Role[] = ['school', 'wijkagent', 'gebiedsmanager-veiligheid'];

/** A party as the directory holds it; the schema is in directory-schema.ts (read only by the admin tools). */
export type { Directory, Party } from './directory-schema.js';

/** Active on a date: not switched off, and not past a confirmed termination. */
export const isActiveOn = (party: Pick<Party, 'active' | 'leavesOn'>, date: string): boolean =>
  party.active && (!party.leavesOn || date < party.leavesOn);

/**
 * The signatories of the covenant (art. 1.1). The GGD (art. 13) and the other voorlichting providers
 * from the directory (art. 3d) are providers, not signatories: they get no termination or renewal
 * mail and cannot announce a termination.
 */
export const isSignatory = (party: Pick<Party, 'kind'>): boolean =>
  party.kind !== 'ggd' && party.kind !== 'aanbieder';
