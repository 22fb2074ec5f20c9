/** Worker entry. The rule set compiles when this module loads: a broken rules file stops the Worker starting. */
import { createWorker } from './worker.ts';
import { bundledRuleFiles } from './ruleset/bundle.ts';
import type { Env } from './env.ts';

export default createWorker(bundledRuleFiles) satisfies ExportedHandler<Env>;
