import { PARTY_KINDS, ROLE_KEYS, ROLE_KIND, SCHOOL_TYPES, WIJK_BOUND_ROLES } from './parties.js';
import { WIJKEN } from './wijken.js';
import * as z from './zod.js';

/*
 * The schema of a directory file (config/directory.example.json, or the operator's import). Only the
 * tools that read such a file (shared/app/directory.ts: `npm run admin`, the local runner) build it;
 * the functions read parties from the table and carry none of it (ADR 0021).
 */

const text = (min: number, max: number) => z.string().check(z.minLength(min), z.maxLength(max));

export const partySchema = z
  .strictObject({
    id: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'id: kleine letters, cijfers en streepjes')),
    name: text(2, 120),
    kind: z.enum(PARTY_KINDS),
    role: z.enum(ROLE_KEYS),
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
      z.partialRecord(z.enum(ROLE_KEYS), z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{1,62}$/))),
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
