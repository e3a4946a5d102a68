import { describe, expect, it } from 'vitest';
import type { Party } from '../../shared/domain/parties.js';
import { route, routeMelding } from '../../shared/domain/routing.js';

const party = (p: Partial<Party> & Pick<Party, 'id' | 'kind' | 'role'>): Party => ({
  name: p.id,
  contactName: 'Anne Voorbeeld',
  email: `${p.id}@example.org`,
  active: true,
  ...p,
});

const school = party({ id: 'school-oost', kind: 'school', role: 'school', wijk: 'Oost', schoolType: 'vo' });
const mbo = party({ id: 'mbo-west', kind: 'school', role: 'school', wijk: 'West', schoolType: 'mbo' });
const directory: Party[] = [
  school,
  mbo,
  party({ id: 'wa-oost', kind: 'politie', role: 'wijkagent', wijk: 'Oost' }),
  party({ id: 'wa-west', kind: 'politie', role: 'wijkagent', wijk: 'West' }),
  party({ id: 'gm-oost', kind: 'gemeente', role: 'gebiedsmanager-veiligheid', wijk: 'Oost' }),
  party({ id: 'jou', kind: 'jou', role: 'jou' }),
  party({ id: 'bt-vo', kind: 'buurtteam', role: 'buurtteam-vo' }),
  party({ id: 'bt-mbo', kind: 'buurtteam', role: 'buurtteam-mbo' }),
  party({ id: 'halt', kind: 'halt', role: 'halt' }),
];

const told = (category: Parameters<typeof routeMelding>[0], from: Party, dir = directory) =>
  Object.fromEntries(
    routeMelding(category, from, dir, '2026-11-27').recipients.map((r) => [r.partyId, r.article]),
  );

describe('Routing: melding', () => {
  it('sends a strafbaar feit and an onveilige situatie to the wijkagent of the school’s own wijk (art. 3a)', () => {
    expect(told('strafbaar-feit', school)).toEqual({ 'wa-oost': '3a' });
    expect(told('onveilige-situatie', mbo)).toEqual({ 'wa-west': '3a' });
  });

  it('sends overlast to JoU, the gebiedsmanager and the wijkagent (art. 18, 12b, 4)', () => {
    expect(told('overlast-omgeving', school)).toEqual({ jou: '18', 'gm-oost': '12b', 'wa-oost': '4' });
  });

  it('sends a zorgsignaal to the Buurtteam of the school’s type (art. 3h, 19)', () => {
    expect(told('zorgsignaal', school)).toEqual({ 'bt-vo': '3h, 19' });
    expect(told('zorgsignaal', mbo)).toEqual({ 'bt-mbo': '3h, 19' });
  });

  it('skips inactive parties and names the gap, so the school and the operator know', () => {
    const withoutWijkagent = directory.map((p) => (p.id === 'wa-oost' ? { ...p, active: false } : p));
    const decision = routeMelding('strafbaar-feit', school, withoutWijkagent, '2026-11-27');
    expect(decision.recipients).toEqual([]);
    expect(decision.gaps).toEqual([{ role: 'wijkagent', article: '3a', wijk: 'Oost' }]);
  });

  it('skips a party from the first day of its confirmed termination (art. 22c)', () => {
    const leaving = directory.map((p) => (p.id === 'wa-oost' ? { ...p, leavesOn: '2027-07-17' } : p));
    expect(routeMelding('strafbaar-feit', school, leaving, '2027-07-16').recipients).toHaveLength(1);
    expect(routeMelding('strafbaar-feit', school, leaving, '2027-07-17').recipients).toHaveLength(0);
  });

  it('never routes to a party of another wijk', () => {
    const west = routeMelding('overlast-omgeving', mbo, directory, '2026-11-27');
    expect(west.recipients.map((r) => r.partyId).sort()).toEqual(['jou', 'wa-west']);
    expect(west.gaps).toEqual([{ role: 'gebiedsmanager-veiligheid', article: '12b', wijk: 'West' }]);
  });

  it('tells a party once when two rules name it, with both articles', () => {
    const decision = route(
      [
        { role: 'wijkagent', article: '3a', reason: 'Strafbaar.' },
        { role: 'wijkagent', article: '4', reason: 'Overlast.' },
      ],
      school,
      directory,
      '2026-11-27',
    );
    expect(decision.recipients).toEqual([
      {
        partyId: 'wa-oost',
        name: 'wa-oost',
        role: 'wijkagent',
        article: '3a, 4',
        reason: 'Strafbaar. Overlast.',
      },
    ]);
  });
});

describe('Routing that follows the school (art. 6)', () => {
  const own = party({ id: 'wa-school', kind: 'politie', role: 'wijkagent', wijk: 'Oost' });
  const withOwn = { ...school, contacts: { wijkagent: 'wa-school' } };
  const dir = [...directory, own];

  it('sends to the school’s own wijkagent instead of the wijk’s, and keeps the other roles’ defaults', () => {
    expect(told('strafbaar-feit', withOwn, dir)).toEqual({ 'wa-school': '3a' });
    expect(told('overlast-omgeving', withOwn, dir)).toEqual({
      jou: '18',
      'gm-oost': '12b',
      'wa-school': '4',
    });
  });

  it('falls back to the wijk’s wijkagent when the school’s own is not active', () => {
    expect(told('strafbaar-feit', withOwn, [...directory, { ...own, active: false }])).toEqual({
      'wa-oost': '3a',
    });
  });

  it('refuses a directory whose school names a contact that does not exist or has another role', async () => {
    const { directorySchema } = await import('../../shared/domain/directory-schema.js');
    const file = (contacts: Record<string, string>) => ({
      parties: [
        { ...school, contacts },
        { ...own, contactName: 'Bram Voorbeeld' },
      ],
    });
    expect(directorySchema.safeParse(file({ wijkagent: 'wa-school' })).success).toBe(true);
    const unknown = directorySchema.safeParse(file({ wijkagent: 'wa-nergens' }));
    expect(unknown.error?.issues[0]?.message).toBe(
      'wa-nergens is geen partij met rol wijkagent in deze lijst',
    );
    expect(directorySchema.safeParse(file({ jou: 'wa-school' })).success).toBe(false);
  });
});
