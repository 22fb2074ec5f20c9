/** GET /healthz: the service is up and which rule set it runs. */
import { Hono } from 'hono';
import type { CompiledRuleSet } from '../../engine/rule-set.ts';
import { methodNotAllowed } from '../errors.ts';

export function healthRoute(ruleSet: CompiledRuleSet) {
  return new Hono()
    .get('/', (c) => c.json({ status: 'ok', rulesVersion: ruleSet.version }))
    .all('/', methodNotAllowed('GET'));
}
