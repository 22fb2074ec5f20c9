/** Every golden case under rules/cases, evaluated in the Workers runtime. The suite fails on any miss. */
import { describe, expect, it } from 'vitest';
import { defaultRuleSet } from '../src/engine/default-rule-set.ts';
import { evaluate } from '../src/engine/evaluate.ts';
import { evaluateRequestSchema } from '../src/contract/evaluate-request.ts';
import { REASON_CODES, AREA_CODES } from '../src/ruleset/schema.ts';
import { checkCase } from '../src/golden/check-case.ts';
import { goldenCases as all } from './support/golden.ts';

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

  it('points every piece of evidence at the exact text it quotes', () => {
    for (const { golden } of all) {
      const request = evaluateRequestSchema.parse(golden.request);
      const decision = evaluate(request, defaultRuleSet);
      const evidence = [...decision.reasons.flatMap((r) => r.evidence), ...decision.warnings.flatMap((w) => w.evidence)];
      for (const e of evidence) {
        if (e.field !== 'title' && e.field !== 'description' && e.field !== 'funding.conditions') continue;
        const source = e.field === 'funding.conditions' ? request.funding?.conditions : request[e.field];
        expect(source?.slice(e.start, e.end), `${golden.id} ${e.field}@${e.start}`).toBe(e.text);
        expect(e.end).toBeGreaterThan(e.start);
      }
    }
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
