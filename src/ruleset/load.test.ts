/** The rule set is validated as a whole at start-up; a broken file stops the Worker with a message naming it. */
import { describe, expect, it } from 'vitest';
import { bundledRuleFiles } from './bundle.ts';
import { RuleSetError, validateRuleSet } from './load.ts';
import { compileRuleSet } from '../engine/rule-set.ts';
import type { RuleSetFiles } from './types.ts';

const copy = (): RuleSetFiles => structuredClone(bundledRuleFiles);

function problemsOf(files: RuleSetFiles): string[] {
  try {
    validateRuleSet(files);
  } catch (error) {
    if (error instanceof RuleSetError) return error.problems;
    throw error;
  }
  return [];
}

describe('rule set validation', () => {
  it('accepts the rules shipped in rules/', () => {
    expect(problemsOf(copy())).toEqual([]);
  });

  it('names the file and the path of a schema error', () => {
    const files = copy();
    (files.decisionRules.rules[0]!.event as { type: string }).type = 'no-such-code';
    const problems = problemsOf(files);
    expect(problems.join('\n')).toContain('rules/decision-rules.json: rules.0.event.type');
  });

  it('refuses a rule that reads a fact the engine does not produce', () => {
    const files = copy();
    files.decisionRules.rules[0]!.conditions = { all: [{ fact: 'mood', operator: 'equal', value: 'bad' }] };
    expect(problemsOf(files).join('\n')).toContain('reads unknown fact "mood"');
  });

  it('refuses a rule citing a clause that rules/clauses.json does not hold', () => {
    const files = copy();
    files.decisionRules.rules[0]!.event.params.clause = '9z';
    expect(problemsOf(files).join('\n')).toContain('clause "9z"');
  });

  it('refuses an id used by two lists', () => {
    const files = copy();
    files.negativeList.items[0]!.id = files.statutoryDuties.items[0]!.id;
    expect(problemsOf(files).join('\n')).toMatch(/id ".+" is also used/);
  });

  it('refuses a list entry without its source or phrases', () => {
    const files = copy();
    (files.statutoryDuties.items[0] as { source?: string }).source = undefined;
    (files.certificates.cancelled[0] as { phrases: string[] }).phrases = [];
    const problems = problemsOf(files).join('\n');
    expect(problems).toContain('rules/lists/statutory-duties.json: items.0.source');
    expect(problems).toContain('rules/lists/certificates.json: cancelled.0.phrases');
  });

  it('throws from compileRuleSet, which the Worker calls when its module loads', () => {
    const files = copy();
    (files.areas as { areas: unknown[] }).areas = [];
    expect(() => compileRuleSet(files)).toThrow(RuleSetError);
    expect(() => compileRuleSet(files)).toThrow(/rules\/lexicon\/areas\.json/);
  });

  it('versions the rule set by its content', () => {
    const a = compileRuleSet(copy());
    const b = compileRuleSet(copy());
    expect(a.version).toBe(b.version);
    const changed = copy();
    changed.veto.phrases.push('一票否掉了');
    expect(compileRuleSet(changed).version).not.toBe(a.version);
  });
});
