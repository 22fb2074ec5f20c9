/** Builds the Worker from rule files: compile (and so validate) the rule set, then mount the API on it. */
import { createApp } from './api/app.ts';
import { compileRuleSet } from './engine/rule-set.ts';
import type { RuleSetFiles } from './ruleset/types.ts';

export function createWorker(files: RuleSetFiles) {
  return createApp(compileRuleSet(files));
}
