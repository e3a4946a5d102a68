import { findPersonalData } from './shared/domain/privacy.ts';
import { generatedCorpus } from './test/fixtures/privacy-generators.ts';
const corpus = generatedCorpus();
const missed = corpus.filter((c) => !findPersonalData(c.text).some((f) => f.kind === c.kind));
console.log(`${corpus.length - missed.length}/${corpus.length}`);
for (const m of missed.slice(0, 60)) console.log(m.kind, m.variant, JSON.stringify(m.text), JSON.stringify(findPersonalData(m.text).map(f=>[f.kind,f.text])));
