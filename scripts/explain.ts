/** `npx tsx scripts/explain.ts "<text>" [title]`: prints the hits and community duties the engine reads. */
import { defaultRuleSet } from '../src/engine/default-rule-set.ts';
import { scanField } from '../src/engine/read/scan.ts';
import { readDuties } from '../src/engine/read/duties.ts';
import { evaluate } from '../src/engine/evaluate.ts';

const [text = '', title] = process.argv.slice(2);
const scan = scanField('description', text, defaultRuleSet.matcher);
for (const [i, clause] of scan.clauses.entries()) {
  const hits = scan.byClause[i]!.map((h) => `${text.slice(h.start, h.end)}:${h.tag.kind}${'area' in h.tag ? `/${h.tag.area}` : ''}${'id' in h.tag ? `/${h.tag.id}` : ''}`);
  console.log(`[${clause.sentence}.${i}] ${text.slice(clause.start, clause.end)}\n     ${hits.join('  ')}`);
}
for (const d of readDuties(scan).duties) {
  console.log(`duty ${d.role} "${d.evidence.text}" span="${text.slice(d.start, d.end)}" topics=${d.topics.length} acts=${d.hardActs.length} support=${d.supportOnly} statutory=${d.statutory.length} explained=${d.explained}`);
}
const decision = evaluate({ description: text, ...(title ? { title } : {}) }, defaultRuleSet);
console.log(decision.decision, decision.reasons.map((r) => `${r.code}${r.area ? `(${r.area})` : ''}`).join(' '), JSON.stringify(decision.facts));
