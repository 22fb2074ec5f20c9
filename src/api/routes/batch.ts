/**
 * POST /api/v1/evaluate/batch: many demands at once, as JSON { items: [...] } or as a duty-list CSV table.
 * An invalid item gets an error in its place; the others are still evaluated.
 */
import { Hono, type Context } from 'hono';
import { evaluate } from '../../engine/evaluate.ts';
import type { CompiledRuleSet } from '../../engine/rule-set.ts';
import type { Decision, Effect } from '../../engine/types.ts';
import { CsvError } from '../../duty-list/csv.ts';
import { DutyListError, readDutyList, type DutyListRow } from '../../duty-list/rows.ts';
import { ERROR_TEXT } from '../../messages.ts';
import { errorResponse, invalidRequest, methodNotAllowed, type ApiIssue } from '../errors.ts';
import { limitBody } from '../middleware/body-limit.ts';
import { checkEvaluateRequest, parseJson } from '../validate.ts';

export const BATCH_MAX_ITEMS = 500;
export const BATCH_BODY_LIMIT = 4 * 1024 * 1024;

type ItemResult =
  | (Decision & { row?: DutyListRow['carried'] & { line: number } })
  | { error: { code: 'invalid-request'; message: string; issues: ApiIssue[] }; row?: { line: number } };

export function batchRoute(ruleSet: CompiledRuleSet) {
  return new Hono().post('/', limitBody(BATCH_BODY_LIMIT), async (c) => {
    const contentType = c.req.header('content-type') ?? '';
    const text = await c.req.text();
    if (/text\/csv|application\/csv/i.test(contentType)) return fromCsv(c, text, ruleSet);
    const body = parseJson(text);
    if (!body.ok) return errorResponse(c, 400, 'invalid-json', ERROR_TEXT.invalidJson);
    const items = (body.value as { items?: unknown } | null)?.items;
    if (!Array.isArray(items) || items.length === 0 || items.length > BATCH_MAX_ITEMS) {
      return invalidRequest(c, [{ path: 'items', message: ERROR_TEXT.batchSize(BATCH_MAX_ITEMS) }]);
    }
    const results = items.map((item, index) => evaluateItem(item, ruleSet, ['items', index]));
    return c.json({ results, summary: summarise(results) });
  }).all('/', methodNotAllowed('POST'));
}

function fromCsv(c: Context, text: string, ruleSet: CompiledRuleSet) {
  let rows: DutyListRow[];
  try {
    rows = readDutyList(text);
  } catch (error) {
    if (error instanceof CsvError) return invalidRequest(c, [{ path: 'csv', message: ERROR_TEXT.csvMalformed(error.line) }]);
    if (error instanceof DutyListError) {
      return invalidRequest(c, [{ path: 'csv', message: error.kind === 'empty' ? ERROR_TEXT.csvEmpty : ERROR_TEXT.csvNoColumns }]);
    }
    throw error;
  }
  if (rows.length > BATCH_MAX_ITEMS) return invalidRequest(c, [{ path: 'csv', message: ERROR_TEXT.batchSize(BATCH_MAX_ITEMS) }]);
  const results = rows.map((row): ItemResult => {
    const result = evaluateItem(row.request, ruleSet, [`line${row.line}`]);
    return { ...result, row: { line: row.line, ...row.carried } };
  });
  return c.json({ results, summary: summarise(results) });
}

function evaluateItem(item: unknown, ruleSet: CompiledRuleSet, prefix: (string | number)[]): ItemResult {
  const checked = checkEvaluateRequest(item, ruleSet, prefix);
  if (!checked.ok) return { error: { code: 'invalid-request', message: ERROR_TEXT.invalidRequest, issues: checked.issues } };
  return evaluate(checked.request, ruleSet);
}

function summarise(results: ItemResult[]): Record<Effect, number> & { invalid: number } {
  const summary = { allow: 0, reject: 0, 'needs-review': 0, invalid: 0 };
  for (const r of results) {
    if ('decision' in r) summary[r.decision]++;
    else summary.invalid++;
  }
  return summary;
}
