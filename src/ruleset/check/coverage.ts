/**
 * What the golden cases exercise: every case is evaluated with the rule set under check, and the reason codes,
 * areas, list entries and decision rules its decision used are counted.
 *
 * - reason codes: reasons[].code of the decision;
 * - areas: reasons[].area and facts.forbiddenAreas (areas the decision acted on, not areas merely mentioned);
 * - list entries: facts.listItems and reasons[].listItem;
 * - decision rules: the rules whose conditions the case's facts satisfy (a reason code can have several rules).
 */
import { AREA_CODES, REASON_CODES, goldenCasesFileSchema, type AreaCode, type GoldenCase, type ReasonCode } from '../schema.ts';
import { evaluateRequestSchema } from '../../contract/evaluate-request.ts';
import { assembleFacts } from '../../engine/facts/assemble.ts';
import { decide } from '../../engine/decide.ts';
import type { CompiledRuleSet, ListName } from '../../engine/rule-set.ts';
import { checkCase } from '../../golden/check-case.ts';

export interface CaseFile {
  /** File name, for messages (allow-statutory.json). */
  file: string;
  /** The parsed JSON of the file. */
  content: unknown;
}

export const LIST_NAMES: readonly ListName[] = [
  'statutory-duties',
  'assistance-by-law',
  'negative-list',
  'certificates-retained',
  'certificates-cancelled',
];

export interface Tally {
  /** How many golden cases produced it. */
  cases: number;
  /** Up to three case ids, as examples. */
  examples: string[];
}

export interface ListCoverage {
  total: number;
  exercised: number;
  missing: Array<{ id: string; name: string }>;
}

export interface Coverage {
  /** Golden cases evaluated. */
  cases: number;
  reasonCodes: Record<ReasonCode, Tally>;
  areas: Record<AreaCode, Tally>;
  lists: Record<ListName, ListCoverage>;
  rules: Record<string, Tally>;
  /** Cases whose decision does not match their expectation (`npm run golden` shows why). */
  failing: Array<{ id: string; file: string; problems: string[] }>;
}

const tally = (): Tally => ({ cases: 0, examples: [] });
function count(t: Tally, id: string): void {
  t.cases++;
  if (t.examples.length < 3) t.examples.push(id);
}

export interface CoverageResult {
  coverage: Coverage;
  /** Case files or requests that are not valid: they exercise nothing. */
  problems: string[];
}

export function goldenCoverage(ruleSet: CompiledRuleSet, files: readonly CaseFile[]): CoverageResult {
  const problems: string[] = [];
  const cases: Array<{ file: string; golden: GoldenCase }> = [];
  for (const { file, content } of files) {
    const parsed = goldenCasesFileSchema.safeParse(content);
    if (!parsed.success) {
      for (const issue of parsed.error.issues.slice(0, 5)) problems.push(`rules/cases/${file}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
      continue;
    }
    for (const golden of parsed.data.cases) cases.push({ file, golden });
  }
  const seen = new Map<string, string>();
  for (const { file, golden } of cases) {
    const other = seen.get(golden.id);
    if (other) problems.push(`rules/cases/${file}: case id "${golden.id}" is also used in ${other}`);
    seen.set(golden.id, file);
  }

  const reasonCodes = Object.fromEntries(REASON_CODES.map((c) => [c, tally()])) as Record<ReasonCode, Tally>;
  const areas = Object.fromEntries(AREA_CODES.map((a) => [a, tally()])) as Record<AreaCode, Tally>;
  const rules = Object.fromEntries(ruleSet.rules.map((r) => [r.rule.name, tally()])) as Record<string, Tally>;
  const usedItems = new Set<string>();
  const failing: Coverage['failing'] = [];
  let evaluated = 0;

  for (const { file, golden } of cases) {
    const request = evaluateRequestSchema.safeParse(golden.request);
    if (!request.success) {
      const issue = request.error.issues[0];
      problems.push(`rules/cases/${file}: ${golden.id}: request is not valid: ${issue?.path.join('.') || '(root)'}: ${issue?.message}`);
      continue;
    }
    evaluated++;
    // evaluate() is decide(assembleFacts()); done in two steps to also see which rules the facts satisfy.
    const findings = assembleFacts(request.data, ruleSet);
    const decision = decide(findings, ruleSet);
    const codes = new Set(decision.reasons.map((r) => r.code));
    for (const code of codes) count(reasonCodes[code], golden.id);
    const caseAreas = new Set<AreaCode>([
      ...decision.facts.forbiddenAreas,
      ...decision.reasons.flatMap((r) => (r.area ? [r.area] : [])),
    ]);
    for (const area of caseAreas) count(areas[area], golden.id);
    for (const id of decision.facts.listItems) usedItems.add(id);
    for (const r of decision.reasons) if (r.listItem) usedItems.add(r.listItem);
    for (const { rule, matches } of ruleSet.rules) if (matches(findings.facts)) count(rules[rule.name]!, golden.id);
    const caseProblems = checkCase(golden, decision);
    if (caseProblems.length > 0) failing.push({ id: golden.id, file, problems: caseProblems });
  }

  const lists = Object.fromEntries(LIST_NAMES.map((l) => [l, { total: 0, exercised: 0, missing: [] } as ListCoverage])) as Record<ListName, ListCoverage>;
  for (const entry of ruleSet.listEntries.values()) {
    const list = lists[entry.list];
    list.total++;
    if (usedItems.has(entry.id)) list.exercised++;
    else list.missing.push({ id: entry.id, name: entry.name });
  }
  return { coverage: { cases: evaluated, reasonCodes, areas, lists, rules, failing }, problems };
}
