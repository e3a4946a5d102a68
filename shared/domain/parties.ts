import { WIJKEN } from './wijken.js';
import * as z from './zod.js';

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
const roleKeys = Object.keys(ROLES) as [Role, ...Role[]];

export const SCHOOL_TYPES = ['vo', 'vso', 'mbo'] as const;
export type SchoolType = (typeof SCHOOL_TYPES)[number];

const ROLE_KIND: Record<Role, PartyKind> = {
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

const WIJK_BOUND_ROLES: readonly Role[] = ['school', 'wijkagent', 'gebiedsmanager-veiligheid'];

const text = (min: number, max: number) => z.string().check(z.minLength(min), z.maxLength(max));

export const partySchema = z
  .strictObject({
    id: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'id: kleine letters, cijfers en streepjes')),
    name: text(2, 120),
    kind: z.enum(PARTY_KINDS),
    role: z.enum(roleKeys),
    wijk: z.optional(z.enum(WIJKEN)),
    schoolType: z.optional(z.enum(SCHOOL_TYPES)),
    contactName: text(2, 120),
    email: z.email(),
    active: z._default(z.boolean(), true),
    /** Set when a termination is confirmed (art. 22c): from this date the party gets nothing and its key stops. */
    leavesOn: z.optional(z.iso.date()),
    /** Set when SES reports a bounce or complaint for the address: the operator must fix the directory. */
    bouncing: z.optional(z.boolean()),
    /**
     * A school's own party per role (art. 6: "de desbetreffende wijkagent is het eerste aanspreekpunt
     * voor de school"), by party id; the wijk's or the city's party is the default.
     */
    contacts: z.optional(
      z.partialRecord(z.enum(roleKeys), z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{1,62}$/))),
    ),
    /**
     * A voorlichting provider from the directory (role `voorlichter`, art. 3d): how schools see it
     * on the voorlichting form. Its id is the `provider` a school chooses.
     */
    voorlichting: z.optional(z.strictObject({ label: text(2, 80), hint: z.optional(text(2, 200)) })),
  })
  .check(
    z.superRefine((party, ctx) => {
      if (ROLE_KIND[party.role] !== party.kind) {
        ctx.addIssue({
          code: 'custom',
          path: ['role'],
          message: `rol ${party.role} hoort bij soort ${ROLE_KIND[party.role]}, niet ${party.kind}`,
        });
      }
      if (WIJK_BOUND_ROLES.includes(party.role) && !party.wijk) {
        ctx.addIssue({ code: 'custom', path: ['wijk'], message: `rol ${party.role} heeft een wijk nodig` });
      }
      if ((party.role === 'voorlichter') !== (party.voorlichting !== undefined)) {
        ctx.addIssue({
          code: 'custom',
          path: ['voorlichting'],
          message: 'een aanbieder van voorlichting heeft "voorlichting": { "label": … }, en alleen die',
        });
      }
      if (party.contacts && party.kind !== 'school') {
        ctx.addIssue({
          code: 'custom',
          path: ['contacts'],
          message: 'alleen een school heeft eigen contacten',
        });
      }
      if ((party.kind === 'school') !== (party.schoolType !== undefined)) {
        ctx.addIssue({
          code: 'custom',
          path: ['schoolType'],
          message: 'alleen een school heeft een schoolType (vo, vso of mbo), en een school altijd',
        });
      }
    }),
  );

export type Party = z.infer<typeof partySchema>;

/** A directory file (the example, or the operator's import): parties only; form keys are never in a file. */
export const directorySchema = z
  .strictObject({ $comment: z.optional(z.string()), parties: z.array(partySchema).check(z.minLength(1)) })
  .check(
    z.superRefine(({ parties }, ctx) => {
      const ids = new Set<string>();
      parties.forEach((party, index) => {
        if (ids.has(party.id)) {
          ctx.addIssue({ code: 'custom', path: ['parties', index, 'id'], message: `dubbel id ${party.id}` });
        }
        ids.add(party.id);
      });
      const byId = new Map(parties.map((p) => [p.id, p]));
      parties.forEach((party, index) => {
        for (const [role, id] of Object.entries(party.contacts ?? {})) {
          const target = byId.get(id);
          if (!target || target.role !== role) {
            ctx.addIssue({
              code: 'custom',
              path: ['parties', index, 'contacts', role],
              message: `${id} is geen partij met rol ${role} in deze lijst`,
            });
          }
        }
      });
    }),
  );
export type Directory = z.infer<typeof directorySchema>;

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
