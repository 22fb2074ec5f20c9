/**
 * `npm run golden`: evaluates every golden case under rules/cases in Node and lists the misses with the reasons
 * the engine gave, for working on rules and lexicons. The test suite runs the same cases in workerd.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { defaultRuleSet } from '../src/engine/default-rule-set.ts';
import { evaluate } from '../src/engine/evaluate.ts';
import { evaluateRequestSchema } from '../src/contract/evaluate-request.ts';
import { goldenCasesFileSchema } from '../src/ruleset/schema.ts';
import { checkCase } from '../src/golden/check-case.ts';

const dir = process.argv[2] ?? 'rules/cases';
const filter = process.argv[3];
let passed = 0;
let failed = 0;
for (const file of readdirSync(dir).filter((f) => f.endsWith('.json')).sort()) {
  const { cases } = goldenCasesFileSchema.parse(JSON.parse(readFileSync(join(dir, file), 'utf8')));
  for (const golden of cases) {
    if (filter && !golden.id.includes(filter)) continue;
    const request = evaluateRequestSchema.parse(golden.request);
    const decision = evaluate(request, defaultRuleSet);
    const problems = checkCase(golden, decision);
    if (problems.length === 0) {
      passed++;
      continue;
    }
    failed++;
    console.log(`\n✗ ${file} ${golden.id}: ${problems.join('; ')}`);
    console.log(`  note: ${golden.note}`);
    const text = `${golden.request.title ?? ''} | ${String(golden.request.description ?? '').slice(0, 300)}`;
    console.log(`  text: ${text}`);
    const declared = Object.fromEntries(Object.entries(golden.request).filter(([k]) => k !== 'title' && k !== 'description'));
    if (Object.keys(declared).length > 0) console.log(`  declared: ${JSON.stringify(declared)}`);
    for (const r of decision.reasons) {
      console.log(`  → ${r.code}${r.area ? `(${r.area})` : ''}${r.listItem ? `[${r.listItem}]` : ''}: ${r.evidence.map((e) => `${e.field}:"${e.text}"`).join(' ')}`);
    }
    console.log(`  facts: ${JSON.stringify({ role: decision.facts.communityRole, areas: decision.facts.areas, funded: decision.facts.funded })}`);
  }
}
console.log(`\n${passed} passed, ${failed} failed`);
