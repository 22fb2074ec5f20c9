/**
 * Loaded requests → decisions, the JSON the API would answer, and the exit code. Validation and evaluation are the
 * API's own (checkEvaluateRequest, evaluate), so a demand gets the same answer here as from the Worker.
 */
import type { ApiIssue } from '../api/errors.ts';
import { checkEvaluateRequest } from '../api/validate.ts';
import { evaluate } from '../engine/evaluate.ts';
import type { CompiledRuleSet } from '../engine/rule-set.ts';
import type { Decision, Effect } from '../engine/types.ts';
import { ERROR_TEXT } from '../messages.ts';
import type { CliItem, InputFailure, InputKind, RowInfo } from './input.ts';

export interface ItemError {
  error: { code: 'invalid-request'; message: string; issues: ApiIssue[] };
  row?: RowInfo;
}

/** One entry of `results`, shaped as the batch endpoint shapes it. */
export type ItemResult = (Decision & { row?: RowInfo }) | ItemError;

export type Summary = Record<Effect, number> & { invalid: number };

export interface Outcome {
  kind: InputKind;
  shape: 'single' | 'batch';
  items: CliItem[];
  results: ItemResult[];
  summary: Summary;
  rulesVersion: string;
}

export function isError(result: ItemResult): result is ItemError {
  return 'error' in result;
}

export function runCheck(
  loaded: { kind: InputKind; shape: 'single' | 'batch'; items: CliItem[] },
  ruleSet: CompiledRuleSet,
): Outcome {
  const results = loaded.items.map((item): ItemResult => {
    const checked = checkEvaluateRequest(item.request, ruleSet, item.prefix);
    const result: ItemResult = checked.ok
      ? evaluate(checked.request, ruleSet)
      : { error: { code: 'invalid-request', message: ERROR_TEXT.invalidRequest, issues: checked.issues } };
    return item.row ? { ...result, row: item.row } : result;
  });
  return { ...loaded, results, summary: summarise(results), rulesVersion: ruleSet.version };
}

/** Key order as the batch endpoint writes it, so a diff of the two outputs is empty. */
export function summarise(results: ItemResult[]): Summary {
  const summary: Summary = { allow: 0, reject: 0, 'needs-review': 0, invalid: 0 };
  for (const r of results) {
    if (isError(r)) summary.invalid++;
    else summary[r.decision]++;
  }
  return summary;
}

export const EXIT = { allow: 0, 'needs-review': 1, reject: 2, invalid: 3 } as const;

/**
 * The most serious outcome wins. An invalid item outranks a reject: a check that could not read part of its input
 * has not passed, and a script must not mistake it for a finished verdict.
 */
export function exitCodeOf(outcome: Outcome | InputFailure): number {
  if (!('results' in outcome)) return EXIT.invalid;
  const { summary } = outcome;
  if (summary.invalid > 0) return EXIT.invalid;
  if (summary.reject > 0) return EXIT.reject;
  if (summary['needs-review'] > 0) return EXIT['needs-review'];
  return EXIT.allow;
}

/** Whether --only lets a result through. Invalid items always show: they need fixing whatever the filter. */
export function shown(result: ItemResult, only: Effect | undefined): boolean {
  return only === undefined || isError(result) || result.decision === only;
}

/**
 * What --json prints: the API's response body. Single: the decision, or the 400 body { error } for an invalid
 * request; undefined when --only filters the one decision out. Batch: { results, summary }, the summary over all
 * items even when --only shortens results.
 */
export function jsonOutput(outcome: Outcome, only?: Effect): unknown {
  if (outcome.shape === 'single') {
    const [result] = outcome.results;
    if (!result || !shown(result, only)) return undefined;
    return result;
  }
  return { results: outcome.results.filter((r) => shown(r, only)), summary: outcome.summary };
}

/** The 4xx body for input that could not be read at all: { error: { code, message, issues? } }. */
export function failureJson(failure: InputFailure): unknown {
  return { error: { code: failure.code, message: failure.message, ...(failure.issues ? { issues: failure.issues } : {}) } };
}
