import { describe, expect, it } from 'vitest';
import { findPersonalData } from '../../shared/domain/privacy.js';
import { NAMES, ORDINARY, PERSONAL } from '../fixtures/privacy-corpus.js';
import { generatedCorpus } from '../fixtures/privacy-generators.js';

/** Issue 13's targets; a failure lists every miss so the next person sees what to fix. */
const show = (texts: string[]) => texts.map((t) => `  ${JSON.stringify(t)}`).join('\n');

describe('Privacy guard on the corpora', () => {
  it('has the corpus sizes the issue asks for', () => {
    expect(generatedCorpus().length).toBeGreaterThanOrEqual(1000);
    expect(NAMES.length).toBeGreaterThanOrEqual(100);
    expect(ORDINARY.length).toBeGreaterThanOrEqual(500);
  });

  it('finds every generated case (recall 100%)', () => {
    const missed = generatedCorpus().filter(
      ({ text, kind }) => !findPersonalData(text).some((f) => f.kind === kind),
    );
    expect(missed.length, `missed:\n${show(missed.map((m) => `${m.kind} / ${m.variant}: ${m.text}`))}`).toBe(
      0,
    );
  });

  it('finds a name in at least 95% of the names set', () => {
    const missed = NAMES.filter((text) => !findPersonalData(text).some((f) => f.kind === 'naam'));
    expect(missed.length / NAMES.length, `missed:\n${show(missed)}`).toBeLessThanOrEqual(0.05);
  });

  it('refuses at most 2% of the ordinary texts', () => {
    const refused = ORDINARY.filter((text) => findPersonalData(text).length > 0);
    const detail = refused.map(
      (t) =>
        `${t} → ${findPersonalData(t)
          .map((f) => `${f.kind}: "${f.text}"`)
          .join(', ')}`,
    );
    expect(refused.length / ORDINARY.length, `refused:\n${show(detail)}`).toBeLessThanOrEqual(0.02);
  });

  it('refuses every hand-written personal-data text and names the kind found', () => {
    const missed = PERSONAL.filter(({ text, kind }) => !findPersonalData(text).some((f) => f.kind === kind));
    expect(missed).toEqual([]);
  });
});
