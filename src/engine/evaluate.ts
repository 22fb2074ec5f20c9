/** The engine's one entry point: a validated request and a compiled rule set in, a decision out. Pure. */
import type { EvaluateRequest } from '../contract/evaluate-request.ts';
import { assembleFacts } from './facts/assemble.ts';
import { decide } from './decide.ts';
import type { CompiledRuleSet } from './rule-set.ts';
import type { Decision } from './types.ts';

export function evaluate(request: EvaluateRequest, ruleSet: CompiledRuleSet): Decision {
  return decide(assembleFacts(request, ruleSet), ruleSet);
}
