import { COVENANT, type Term } from '../domain/covenant.js';
import type { Store } from './ports.js';

/** The configured terms plus the renewals the gemeente recorded through the product. */
export async function allTerms(deps: { store: Pick<Store, 'listTerms'> }): Promise<Term[]> {
  const recorded = await deps.store.listTerms();
  const byNumber = new Map<number, Term>(COVENANT.terms.map((t) => [t.number, t]));
  for (const t of recorded) byNumber.set(t.number, t);
  return [...byNumber.values()].sort((a, b) => a.number - b.number);
}
