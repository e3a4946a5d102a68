import { isActiveOn } from '../domain/parties.js';
import { amsterdamDate } from '../domain/time.js';
import { providerChoices } from '../domain/voorlichting.js';
import { directoryOf, type IntakeDeps } from './intake.js';

/** The providers the voorlichting form offers: the fixed ones and the directory's (art. 3d). */
export async function voorlichtingProviders(deps: Pick<IntakeDeps, 'store' | 'now' | 'cache'>) {
  const today = amsterdamDate(deps.now());
  const directory = await directoryOf(deps);
  const byId = new Map(directory.map((p) => [p.id, p]));
  return providerChoices(directory, (id) => {
    const party = byId.get(id);
    return !!party && isActiveOn(party, today);
  });
}
