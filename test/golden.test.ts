/** Every golden case under rules/cases, evaluated in the Workers runtime. The suite fails on any miss. */
import { describe, expect, it } from 'vitest';
import { defaultRuleSet } from '../src/engine/default-rule-set.ts';
import { evaluate } from '../src/engine/evaluate.ts';
import { evaluateRequestSchema } from '../src/contract/evaluate-request.ts';
import { goldenCasesFileSchema, REASON_CODES, AREA_CODES, type GoldenCase } from '../src/ruleset/schema.ts';
import { checkCase } from '../src/golden/check-case.ts';

const files = import.meta.glob('../rules/cases/*.json', { eager: true, import: 'default' });
const all: Array<{ file: string; golden: GoldenCase }> = Object.entries(files).flatMap(([file, content]) =>
  goldenCasesFileSchema.parse(content).cases.map((golden) => ({ file: file.replace('../rules/cases/', ''), golden })),
);

describe('golden cases', () => {
  it('has at least 120 cases with unique ids', () => {
    expect(all.length).toBeGreaterThanOrEqual(120);
    expect(new Set(all.map((c) => c.golden.id)).size).toBe(all.length);
  });

  it.each(all.map(({ file, golden }) => [`${file} ${golden.id}`, golden] as const))('%s', (_, golden) => {
    const request = evaluateRequestSchema.parse(golden.request);
    const decision = evaluate(request, defaultRuleSet);
    expect(checkCase(golden, decision), golden.note).toEqual([]);
  });

  it('produces every reason code and every area code somewhere', () => {
    const codes = new Set<string>();
    const areas = new Set<string>();
    for (const { golden } of all) {
      const decision = evaluate(evaluateRequestSchema.parse(golden.request), defaultRuleSet);
      decision.reasons.forEach((r) => codes.add(r.code));
      decision.facts.forbiddenAreas.forEach((a) => areas.add(a));
    }
    expect([...REASON_CODES].filter((c) => !codes.has(c))).toEqual([]);
    expect([...AREA_CODES].filter((a) => !areas.has(a))).toEqual([]);
  });
});
