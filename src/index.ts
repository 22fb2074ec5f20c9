/** Worker entry. The rule set compiles when this module loads: a broken rules file stops the Worker starting. */
import { createApp } from './api/app.ts';
import { defaultRuleSet } from './engine/default-rule-set.ts';

const app = createApp(defaultRuleSet);

export default app satisfies ExportedHandler;
