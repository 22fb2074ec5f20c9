/** POST /api/v1/evaluate: one demand in, one decision out. Stateless; nothing is stored. */
import { Hono } from 'hono';
import { evaluate } from '../../engine/evaluate.ts';
import type { CompiledRuleSet } from '../../engine/rule-set.ts';
import { ERROR_TEXT } from '../../messages.ts';
import { errorResponse, invalidRequest, methodNotAllowed } from '../errors.ts';
import { limitBody } from '../middleware/body-limit.ts';
import { checkEvaluateRequest, parseJson } from '../validate.ts';

export const EVALUATE_BODY_LIMIT = 128 * 1024;

export function evaluateRoute(ruleSet: CompiledRuleSet) {
  return new Hono().post('/', limitBody(EVALUATE_BODY_LIMIT), async (c) => {
    const body = parseJson(await c.req.text());
    if (!body.ok) return errorResponse(c, 400, 'invalid-json', ERROR_TEXT.invalidJson);
    const checked = checkEvaluateRequest(body.value, ruleSet);
    if (!checked.ok) return invalidRequest(c, checked.issues);
    return c.json(evaluate(checked.request, ruleSet));
  }).all('/', methodNotAllowed('POST'));
}
