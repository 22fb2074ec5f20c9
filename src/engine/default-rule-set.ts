/** The rule set shipped with this build, compiled at module load (the Worker refuses to start if it is broken). */
import { bundledRuleFiles } from '../ruleset/bundle.ts';
import { compileRuleSet } from './rule-set.ts';

export const defaultRuleSet = compileRuleSet(bundledRuleFiles);
