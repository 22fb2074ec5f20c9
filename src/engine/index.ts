export { evaluate } from './evaluate.ts';
export { compileRuleSet, type CompiledRuleSet } from './rule-set.ts';
export { assembleFacts } from './facts/assemble.ts';
export type * from './types.ts';
