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

export type Submission = MeldingSubmission | VoorlichtingSubmission;
