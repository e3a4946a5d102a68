import { findPersonalData } from './shared/domain/privacy.ts';
import { NAMES, ORDINARY, PERSONAL } from './test/fixtures/privacy-corpus.ts';
const missed = NAMES.filter((t) => !findPersonalData(t).some((f) => f.kind === 'naam'));
console.log(`names ${NAMES.length - missed.length}/${NAMES.length}`); for (const m of missed) console.log('  miss', m);
const fp = ORDINARY.filter((t) => findPersonalData(t).length);
console.log(`fp ${fp.length}/${ORDINARY.length}`); for (const m of fp) console.log('  fp', m, JSON.stringify(findPersonalData(m).map(f=>[f.kind,f.text])));
const pm = PERSONAL.filter(({text,kind}) => !findPersonalData(text).some((f) => f.kind === kind));
console.log(`personal ${PERSONAL.length-pm.length}/${PERSONAL.length}`); for (const m of pm) console.log('  miss', m.kind, m.text, JSON.stringify(findPersonalData(m.text).map(f=>[f.kind,f.text])));
