/**
 * Compiles json-rules-engine rule JSON into plain closures. The JSON stays the source of truth (and
 * json-rules-engine itself is the reference the tests and the benchmark compare against); the closures exist
 * because json-rules-engine clones conditions and awaits every fact on each run, which costs more than the
 * whole text reading at the edge.
 */
import type { ConditionJson, DecisionRule, FactValue, RuleOperator } from '../../ruleset/schema.ts';

export type Facts = Readonly<Record<string, FactValue | undefined>>;
export type Predicate = (facts: Facts) => boolean;

export interface CompiledRule {
  rule: DecisionRule;
  matches: Predicate;
}

const OPERATORS: Record<RuleOperator, (factValue: unknown, value: FactValue) => boolean> = {
  equal: (a, b) => a === b,
  notEqual: (a, b) => a !== b,
  in: (a, b) => Array.isArray(b) && (b as unknown[]).includes(a),
  notIn: (a, b) => Array.isArray(b) && !(b as unknown[]).includes(a),
  contains: (a, b) => Array.isArray(a) && a.includes(b),
  doesNotContain: (a, b) => Array.isArray(a) && !a.includes(b),
  lessThan: (a, b) => typeof a === 'number' && typeof b === 'number' && a < b,
  lessThanInclusive: (a, b) => typeof a === 'number' && typeof b === 'number' && a <= b,
  greaterThan: (a, b) => typeof a === 'number' && typeof b === 'number' && a > b,
  greaterThanInclusive: (a, b) => typeof a === 'number' && typeof b === 'number' && a >= b,
};

export function compileCondition(condition: ConditionJson): Predicate {
  if ('all' in condition) {
    const parts = condition.all.map(compileCondition);
    return (facts) => parts.every((part) => part(facts));
  }
  if ('any' in condition) {
    const parts = condition.any.map(compileCondition);
    return (facts) => parts.some((part) => part(facts));
  }
  if ('not' in condition) {
    const inner = compileCondition(condition.not);
    return (facts) => !inner(facts);
  }
  const { fact, operator, value } = condition;
  const test = OPERATORS[operator];
  return (facts) => test(facts[fact], value);
}

export function compileRules(rules: readonly DecisionRule[]): CompiledRule[] {
  return [...rules]
    .sort((a, b) => (b.priority ?? 1) - (a.priority ?? 1))
    .map((rule) => ({ rule, matches: compileCondition(rule.conditions) }));
}

/** Fact names a condition reads, to check at load time that every rule only reads facts the engine produces. */
export function factsReadBy(condition: ConditionJson, into = new Set<string>()): Set<string> {
  if ('all' in condition) condition.all.forEach((c) => factsReadBy(c, into));
  else if ('any' in condition) condition.any.forEach((c) => factsReadBy(c, into));
  else if ('not' in condition) factsReadBy(condition.not, into);
  else into.add(condition.fact);
  return into;
}
