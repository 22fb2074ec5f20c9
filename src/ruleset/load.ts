/**
 * Validates the files under rules/ and checks that they fit together. A broken rule set throws RuleSetError,
 * which the Worker and the CLI let escape at start-up: better no service than decisions from a broken policy.
 */
import { factsReadBy } from '../engine/rules/compile.ts';
import { FACT_NAMES } from '../engine/facts/names.ts';
import { RULE_FILES, type RuleSetData, type RuleSetFiles } from './types.ts';

export class RuleSetError extends Error {
  constructor(readonly problems: string[]) {
    super(`规则集无效 (invalid rule set):\n- ${problems.join('\n- ')}`);
    this.name = 'RuleSetError';
  }
}

export function ruleFileName(key: keyof RuleSetFiles): string {
  return RULE_FILES[key].file;
}

export function validateRuleSet(files: RuleSetFiles): RuleSetData {
  const problems: string[] = [];
  const data: Partial<Record<keyof RuleSetFiles, unknown>> = {};
  for (const key of Object.keys(RULE_FILES) as (keyof RuleSetFiles)[]) {
    const { file, schema } = RULE_FILES[key];
    const parsed = schema.safeParse(files[key]);
    if (parsed.success) data[key] = parsed.data;
    else {
      for (const issue of parsed.error.issues.slice(0, 10)) {
        problems.push(`${file}: ${issue.path.join('.') || '(root)'}: ${issue.message}`);
      }
    }
  }
  if (problems.length > 0) throw new RuleSetError(problems);
  const valid = data as unknown as RuleSetData;
  problems.push(...crossCheck(valid));
  if (problems.length > 0) throw new RuleSetError(problems);
  return valid;
}

/** What the schemas cannot see: references between files, duplicate ids, facts no engine produces. */
function crossCheck(data: RuleSetData): string[] {
  const problems: string[] = [];
  const clauseIds = new Set(data.clauses.clauses.map((c) => c.id));
  const known = new Set<string>(FACT_NAMES);
  for (const rule of data.decisionRules.rules) {
    const where = `rules/decision-rules.json: ${rule.name}`;
    if (!clauseIds.has(rule.event.params.clause)) {
      problems.push(`${where}: clause "${rule.event.params.clause}" is not in rules/clauses.json`);
    }
    for (const fact of factsReadBy(rule.conditions)) {
      if (!known.has(fact)) problems.push(`${where}: reads unknown fact "${fact}"`);
    }
    const perItem = rule.event.params.perItemOf;
    if (perItem && !known.has(perItem)) problems.push(`${where}: perItemOf names unknown fact "${perItem}"`);
  }
  const names = new Set<string>();
  for (const rule of data.decisionRules.rules) {
    if (names.has(rule.name)) problems.push(`rules/decision-rules.json: rule name "${rule.name}" is used twice`);
    names.add(rule.name);
  }
  for (const area of data.areas.areas) {
    if (!clauseIds.has(area.clause)) problems.push(`rules/lexicon/areas.json: ${area.code}: unknown clause "${area.clause}"`);
  }
  const ids = new Map<string, string>();
  const lists: Array<[string, { id: string }[]]> = [
    ['statutory-duties', data.statutoryDuties.items],
    ['assistance-by-law', data.assistanceByLaw.items],
    ['negative-list', data.negativeList.items],
    ['certificates', [...data.certificates.retained, ...data.certificates.cancelled]],
  ];
  for (const [list, items] of lists) {
    for (const item of items) {
      const other = ids.get(item.id);
      if (other) problems.push(`rules/lists/${list}.json: id "${item.id}" is also used in ${other}`);
      ids.set(item.id, list);
    }
  }
  return problems;
}
