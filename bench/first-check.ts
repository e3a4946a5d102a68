import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { findPersonalData, usePrivacyLists } from '../shared/domain/privacy.js';
import { readPrivacyLists } from '../shared/domain/privacy-lists.js';
import { percentile, round } from './stats.js';

/**
 * `npx tsx bench/first-check.ts [runs]`: the privacy guard's first check in a fresh process, as
 * after a cold start (the row "the first check in a container" of `npm run bench`), N times, each
 * in its own Node process. Prints the median and the spread, and how much of it reads the file.
 */
const TEXT = 'Een eerste tekst om de woordenlijsten te laden.';

if (process.argv.includes('--child')) {
  let readMs = 0;
  usePrivacyLists(() => {
    const t0 = performance.now();
    const lists = readPrivacyLists();
    readMs = performance.now() - t0;
    return lists;
  });
  const t0 = performance.now();
  findPersonalData(TEXT);
  const firstMs = performance.now() - t0;
  const t1 = performance.now();
  findPersonalData(TEXT);
  const secondMs = performance.now() - t1;
  console.log(JSON.stringify({ firstMs, readMs, secondMs }));
} else {
  const runs = Number(process.argv[2] ?? 15);
  const results: Array<{ firstMs: number; readMs: number; secondMs: number }> = [];
  for (let i = 0; i < runs; i++) {
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(import.meta.url), '--child'],
      {
        encoding: 'utf8',
      },
    );
    if (child.status !== 0) throw new Error(child.stderr);
    results.push(JSON.parse(child.stdout));
  }
  const show = (key: 'firstMs' | 'readMs' | 'secondMs') => {
    const values = results.map((r) => r[key]);
    return `p50 ${round(percentile(values, 50), 1)} ms (min ${round(Math.min(...values), 1)}, max ${round(Math.max(...values), 1)})`;
  };
  console.log(`first check, ${runs} fresh processes: ${show('firstMs')}`);
  console.log(`  of which reading and checking the file: ${show('readMs')}`);
  console.log(`the same text again: ${show('secondMs')}`);
}
