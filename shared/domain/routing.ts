import type { MeldingCategory } from './melding.js';
import { isActiveOn, type Party, type Role, type SchoolType } from './parties.js';

/**
 * Who the covenant makes responsible, as data. A rule names a role (or a role per school type),
 * the article it follows from, and the reason in words a recipient understands. Wijk-bound roles
 * are matched to the school's wijk; the others are city-wide.
 */
export interface RouteRule {
  role: Role | Record<SchoolType, Role>;
  article: string;
  reason: string;
}

export const MELDING_ROUTES: Record<MeldingCategory, readonly RouteRule[]> = {
  'strafbaar-feit': [
    {
      role: 'wijkagent',
      article: '3a',
      reason: 'Strafbare handelingen in en om school worden in alle gevallen gemeld bij de politie.',
    },
  ],
  'onveilige-situatie': [
    {
      role: 'wijkagent',
      article: '3a',
      reason: 'De politie wordt ingelicht bij onveilige situaties, zoals ernstig pesten (ook online).',
    },
  ],
  'overlast-omgeving': [
    { role: 'jou', article: '18', reason: 'JoU speelt in op overlastmeldingen rondom de school.' },
    {
      role: 'gebiedsmanager-veiligheid',
      article: '12b',
      reason:
        'De gemeente (THOR, met de gebiedsmanager veiligheid) kan toezicht houden in de omgeving van de school.',
    },
    {
      role: 'wijkagent',
      article: '4',
      reason: 'Meldingen over overlast worden altijd serieus genomen en onderzocht.',
    },
  ],
  zorgsignaal: [
    {
      role: { vo: 'buurtteam-vo', vso: 'buurtteam-vo', mbo: 'buurtteam-mbo' },
      article: '3h, 19',
      reason:
        'Het Buurtteam helpt als kernpartner zorgsignalen te duiden (consult en advies, zonder persoonsgegevens).',
    },
  ],
};

const WIJK_BOUND: ReadonlySet<Role> = new Set<Role>(['wijkagent', 'gebiedsmanager-veiligheid']);

export interface Recipient {
  partyId: string;
  name: string;
  role: Role;
  article: string;
  reason: string;
}

export interface RoutingGap {
  role: Role;
  article: string;
  wijk?: string;
}

export interface RoutingDecision {
  recipients: Recipient[];
  /** Rules that found nobody in the directory: the submission is kept and the operator is told. */
  gaps: RoutingGap[];
}

export function resolveRole(rule: RouteRule, school: Party): Role {
  if (typeof rule.role === 'string') return rule.role;
  return rule.role[school.schoolType ?? 'vo'];
}

/**
 * Applies the rules to one school and the current directory. A party that is told under two rules
 * is told once, with both articles.
 */
export function route(
  rules: readonly RouteRule[],
  school: Party,
  directory: readonly Party[],
  today: string,
): RoutingDecision {
  const byParty = new Map<string, Recipient>();
  const gaps: RoutingGap[] = [];
  for (const rule of rules) {
    const role = resolveRole(rule, school);
    // The school's own party for this role, when it has one that is active (art. 6); else the default.
    const own = directory.find(
      (party) => party.id === school.contacts?.[role] && party.role === role && isActiveOn(party, today),
    );
    const matches = own
      ? [own]
      : directory.filter(
          (party) =>
            isActiveOn(party, today) &&
            party.role === role &&
            (!WIJK_BOUND.has(role) || party.wijk === school.wijk),
        );
    if (matches.length === 0) {
      gaps.push({ role, article: rule.article, ...(WIJK_BOUND.has(role) ? { wijk: school.wijk } : {}) });
    }
    for (const party of matches) {
      const known = byParty.get(party.id);
      if (known) {
        known.article = `${known.article}, ${rule.article}`;
        known.reason = `${known.reason} ${rule.reason}`;
      } else {
        byParty.set(party.id, {
          partyId: party.id,
          name: party.name,
          role,
          article: rule.article,
          reason: rule.reason,
        });
      }
    }
  }
  return { recipients: [...byParty.values()], gaps };
}

export const routeMelding = (
  category: MeldingCategory,
  school: Party,
  directory: readonly Party[],
  today: string,
) => route(MELDING_ROUTES[category], school, directory, today);
