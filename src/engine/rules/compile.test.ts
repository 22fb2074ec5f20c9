/**
 * The compiled closures must decide exactly as json-rules-engine does on the same rule JSON and the same facts:
 * json-rules-engine is the reference semantics of rules/decision-rules.json.
 */
import { Engine } from 'json-rules-engine';
import { describe, expect, it } from 'vitest';
import { defaultRuleSet } from '../default-rule-set.ts';
import { assembleFacts } from '../facts/assemble.ts';
import { evaluateRequestSchema } from '../../contract/evaluate-request.ts';
import { goldenCases } from '../../../test/support/golden.ts';
import { compileCondition } from './compile.ts';

describe('compiled rules', () => {
  it('fire exactly where json-rules-engine fires, for every golden case', async () => {
    const engine = new Engine(structuredClone(defaultRuleSet.data.decisionRules.rules) as never, { allowUndefinedFacts: false });
    for (const { golden } of goldenCases) {
      const facts = assembleFacts(evaluateRequestSchema.parse(golden.request), defaultRuleSet).facts;
      const { events } = await engine.run({ ...facts });
      const reference = events.map((e) => e.type).sort();
      const compiled = defaultRuleSet.rules.filter((r) => r.matches(facts)).map((r) => r.rule.event.type).sort();
      expect(compiled, golden.id).toEqual(reference);
    }
  });

  it('supports all, any, not and every operator', () => {
    const condition = compileCondition({
      all: [
        { fact: 'n', operator: 'greaterThan', value: 1 },
        { fact: 'n', operator: 'lessThanInclusive', value: 3 },
        { any: [{ fact: 's', operator: 'in', value: ['a', 'b'] }, { fact: 'list', operator: 'contains', value: 'x' }] },
        { not: { fact: 's', operator: 'equal', value: 'z' } },
      ],
    });
    expect(condition({ n: 2, s: 'a', list: [] })).toBe(true);
    expect(condition({ n: 2, s: 'c', list: ['x'] })).toBe(true);
    expect(condition({ n: 4, s: 'a', list: [] })).toBe(false);
    expect(condition({ n: 2, s: 'c', list: [] })).toBe(false);
    expect(condition({ n: '2', s: 'a', list: [] })).toBe(false);
  });
});
