import type { Afspraak } from './afspraak.js';
import type { Beeindiging } from './beeindiging.js';
import type { Mededeling } from './mededeling.js';
import type { Melding } from './melding.js';
import type { Party } from './parties.js';
import type { Recipient, RoutingGap } from './routing.js';
import type { Voorlichting } from './voorlichting.js';

/** What is stored at intake and rendered later: who submitted, who was told and why. */
interface SubmissionBase {
  id: string;
  createdAt: string;
  school: Pick<Party, 'id' | 'name' | 'wijk' | 'schoolType'>;
  recipients: Recipient[];
  gaps: RoutingGap[];
}

export interface MeldingSubmission extends SubmissionBase {
  kind: 'melding';
  melding: Melding;
}

export interface VoorlichtingSubmission extends SubmissionBase {
  kind: 'voorlichting';
  voorlichting: Voorlichting;
}

/** Art. 22: any party's intent to leave; everyone else is told, the gemeente organises the meeting. */
export interface BeeindigingSubmission {
  kind: 'beeindiging';
  id: string;
  createdAt: string;
  party: Pick<Party, 'id' | 'name' | 'kind' | 'wijk'>;
  beeindiging: Beeindiging;
  /** End of the term in which it was announced, and whether it came before that end (art. 22a). */
  termEnd: string;
  timely: boolean;
  recipients: Recipient[];
  gaps: RoutingGap[];
}

/**
 * Art. 7: the wijkagent tells one school something first (an announced arrest, a locker check,
 * agreed surveillance), without a melding to hang it on. The school is its one recipient.
 */
export interface MededelingSubmission {
  kind: 'mededeling';
  id: string;
  createdAt: string;
  party: Pick<Party, 'id' | 'name' | 'kind' | 'wijk'>;
  /** The school it is for (also its one recipient); its wijk places it in the index. */
  school: Pick<Party, 'id' | 'name' | 'wijk'>;
  mededeling: Mededeling;
  recipients: Recipient[];
  gaps: RoutingGap[];
}

/**
 * Art. 20: an agreement per wijk or per school (jassencontrole, fietsverlichtingsactie, snoeproute),
 * recorded by the gemeente's coordinator; told to the schools concerned, the wijkagent and the
 * gebiedsmanager of the wijk.
 */
export interface AfspraakSubmission {
  kind: 'afspraak';
  id: string;
  createdAt: string;
  party: Pick<Party, 'id' | 'name' | 'kind' | 'wijk'>;
  /** The wijk it is for; its index partition. */
  wijk: string;
  /** The one school it is for; absent for every school of the wijk. */
  school?: Pick<Party, 'id' | 'name' | 'wijk'>;
  afspraak: Afspraak;
  recipients: Recipient[];
  gaps: RoutingGap[];
}

export type RoutedSubmission = MeldingSubmission | VoorlichtingSubmission;
export type Submission = RoutedSubmission | BeeindigingSubmission | MededelingSubmission | AfspraakSubmission;

/**
 * The party that submitted: a school for meldingen and voorlichting, any party for a beeindiging,
 * the wijkagent for a mededeling.
 */
export const submitterOf = (s: Submission): { id: string; name: string; wijk?: string | undefined } =>
  s.kind === 'beeindiging' || s.kind === 'mededeling' || s.kind === 'afspraak' ? s.party : s.school;

/** The wijk a submission is indexed under (termination announcements concern every wijk: undefined). */
export const submissionWijk = (s: { kind: string; school?: { wijk?: string | undefined }; wijk?: string }) =>
  s.kind === 'beeindiging' ? undefined : s.kind === 'afspraak' ? s.wijk : s.school?.wijk;
