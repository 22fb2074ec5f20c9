/** Validating a request body against the evaluate contract, including what zod cannot see (known list items). */
import { evaluateRequestSchema, type EvaluateRequest } from '../contract/evaluate-request.ts';
import type { CompiledRuleSet } from '../engine/rule-set.ts';
import { issuesOf, type ApiIssue } from './errors.ts';

export type Checked = { ok: true; request: EvaluateRequest } | { ok: false; issues: ApiIssue[] };

export function checkEvaluateRequest(body: unknown, ruleSet: CompiledRuleSet, prefix: (string | number)[] = []): Checked {
  const parsed = evaluateRequestSchema.safeParse(body);
  if (!parsed.success) return { ok: false, issues: issuesOf(parsed.error, prefix) };
  const { listItem } = parsed.data;
  if (listItem !== undefined && !ruleSet.listEntries.has(listItem)) {
    return {
      ok: false,
      issues: [{ path: [...prefix, 'listItem'].join('.'), message: `未知的清单事项 "${listItem}"，可选值见 GET /api/v1/rules (unknown list item)` }],
    };
  }
  return { ok: true, request: parsed.data };
}

/** Parses JSON without throwing; undefined means the body was not JSON. */
export function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}
