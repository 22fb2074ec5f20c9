/** GET /api/v1/rules: the rule set that decides, its version, the clauses and the four lists. */
import { Hono } from 'hono';
import type { CompiledRuleSet } from '../../engine/rule-set.ts';
import { methodNotAllowed } from '../errors.ts';

export function rulesRoute(ruleSet: CompiledRuleSet) {
  const { data } = ruleSet;
  const body = {
    rulesVersion: ruleSet.version,
    clauses: data.clauses.clauses,
    rules: data.decisionRules.rules,
    areas: data.areas.areas.map(({ code, label, clause, source }) => ({ code, label, clause, source })),
    lists: {
      statutoryDuties: data.statutoryDuties,
      assistanceByLaw: data.assistanceByLaw,
      negativeList: data.negativeList,
      certificates: data.certificates,
    },
    lexicon: {
      areas: data.areas,
      roles: data.roles,
      negation: data.negation,
      veto: data.veto,
      funding: data.funding,
      paperwork: data.paperwork,
    },
  };
  return new Hono().get('/', (c) => {
    c.header('ETag', `"${ruleSet.version}"`);
    c.header('Cache-Control', 'public, max-age=300');
    return c.json(body);
  }).all('/', methodNotAllowed('GET'));
}
