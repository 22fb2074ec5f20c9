/**
 * GET /api/v1/rules: the rule set that decides, its version, the clauses and the four lists.
 * GET /api/v1/rules/:version: the same for any rule set that made a recorded decision (kept in D1 when first used).
 */
import { Hono } from 'hono';
import type { CompiledRuleSet } from '../../engine/rule-set.ts';
import type { AppEnv } from '../../env.ts';
import { LIFECYCLE_TEXT } from '../../messages.ts';
import type { RuleSetData } from '../../ruleset/types.ts';
import { getStoredRuleSet, RULES_VERSION_PATTERN } from '../../store/rule-sets.ts';
import { errorResponse, methodNotAllowed } from '../errors.ts';

/** The answer of GET /api/v1/rules for a rule set's validated content. */
export function rulesBody(version: string, data: RuleSetData) {
  return {
    rulesVersion: version,
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
}

/** "sha256:<hex>" as decisions carry it; the bare hex and upper case are accepted too. */
function normaliseVersion(raw: string): string | null {
  const lower = raw.trim().toLowerCase();
  const version = /^[0-9a-f]{64}$/.test(lower) ? `sha256:${lower}` : lower;
  return RULES_VERSION_PATTERN.test(version) ? version : null;
}

export function rulesRoute(ruleSet: CompiledRuleSet) {
  const body = rulesBody(ruleSet.version, ruleSet.data);
  return new Hono<AppEnv>()
    .get('/', (c) => {
      c.header('ETag', `"${ruleSet.version}"`);
      c.header('Cache-Control', 'public, max-age=300');
      return c.json(body);
    })
    .all('/', methodNotAllowed('GET'))
    .get('/:version', async (c) => {
      const version = normaliseVersion(c.req.param('version'));
      if (!version) {
        return errorResponse(c, 400, 'invalid-request', LIFECYCLE_TEXT.rulesVersionMalformed, [
          { path: 'version', message: LIFECYCLE_TEXT.rulesVersionMalformed },
        ]);
      }
      // A version names its content (a hash of it), so the answer never changes.
      const cacheForever = () => {
        c.header('ETag', `"${version}"`);
        c.header('Cache-Control', 'public, max-age=31536000, immutable');
      };
      if (version === ruleSet.version) {
        cacheForever();
        return c.json(body);
      }
      const stored = await getStoredRuleSet(c.env.DB, version);
      if (!stored) return errorResponse(c, 404, 'not-found', LIFECYCLE_TEXT.rulesVersionNotFound);
      cacheForever();
      return c.json(rulesBody(stored.version, stored.data));
    })
    .all('/:version', methodNotAllowed('GET'));
}
