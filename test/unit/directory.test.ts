import { describe, expect, it } from 'vitest';
import { EXAMPLE_DIRECTORY } from '../../local/stack.js';
import { readDirectoryFile } from '../../shared/app/directory.js';
import { directorySchema } from '../../shared/domain/directory-schema.js';
import { WIJKEN } from '../../shared/domain/wijken.js';

describe('Example directory', () => {
  const { parties } = readDirectoryFile(EXAMPLE_DIRECTORY);

  it('has a wijkagent and a gebiedsmanager veiligheid in every one of the ten wijken', () => {
    for (const wijk of WIJKEN) {
      expect(parties.filter((p) => p.role === 'wijkagent' && p.wijk === wijk)).toHaveLength(1);
      expect(parties.filter((p) => p.role === 'gebiedsmanager-veiligheid' && p.wijk === wijk)).toHaveLength(
        1,
      );
    }
  });

  it('has at least eight schools of all three kinds over at least five wijken', () => {
    const schools = parties.filter((p) => p.kind === 'school');
    expect(schools.length).toBeGreaterThanOrEqual(8);
    expect(new Set(schools.map((s) => s.schoolType))).toEqual(new Set(['vo', 'vso', 'mbo']));
    expect(new Set(schools.map((s) => s.wijk)).size).toBeGreaterThanOrEqual(5);
  });

  it('has Halt, JoU, both Buurtteam teams and the GGD, all at example.org', () => {
    for (const role of ['halt', 'jou', 'buurtteam-vo', 'buurtteam-mbo', 'ggd']) {
      expect(parties.some((p) => p.role === role)).toBe(true);
    }
    for (const p of parties)
      expect(p.email.endsWith('.example.org') || p.email.endsWith('@example.org')).toBe(true);
  });

  it('names the voorlichting providers of art. 3d as directory entries, each with its label', () => {
    const providers = parties.filter((p) => p.role === 'voorlichter');
    expect(providers.map((p) => p.id)).toEqual(['jellinek', 'ov-utrecht']);
    for (const p of providers) expect(p.kind).toBe('aanbieder');
    const provider = providers[0]!;
    const { voorlichting: _label, ...withoutLabel } = provider;
    const missing = directorySchema.safeParse({ parties: [withoutLabel] });
    expect(missing.success).toBe(false);
    expect(JSON.stringify(missing.error?.issues)).toContain('voorlichting');
    const school = parties.find((p) => p.kind === 'school')!;
    const stray = directorySchema.safeParse({ parties: [{ ...school, voorlichting: { label: 'Iets' } }] });
    expect(stray.success).toBe(false);
  });

  it('refuses a directory with a duplicate id, a wrong role for the kind, or a wijkagent without wijk', () => {
    const base = parties[0]!;
    const result = directorySchema.safeParse({
      parties: [
        base,
        base,
        { ...base, id: 'politie-x', kind: 'politie', role: 'school', schoolType: undefined },
        { ...base, id: 'wa-x', kind: 'politie', role: 'wijkagent', wijk: undefined, schoolType: undefined },
      ],
    });
    expect(result.success).toBe(false);
    const messages = result.error?.issues.map((i) => i.message).join('\n');
    expect(messages).toMatch(/dubbel id/);
    expect(messages).toMatch(/hoort bij soort school/);
    expect(messages).toMatch(/heeft een wijk nodig/);
  });
});
