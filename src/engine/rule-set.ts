/** A validated rule set made ready to evaluate: one phrase matcher, compiled rules, lookup tables, its version. */
import type { AreaCode } from '../ruleset/schema.ts';
import type { RuleSetData, RuleSetFiles } from '../ruleset/types.ts';
import { validateRuleSet } from '../ruleset/load.ts';
import { ruleSetVersion } from '../ruleset/version.ts';
import { buildTextMatcher, type TextMatcher } from './lexicon.ts';
import { compileRules, type CompiledRule } from './rules/compile.ts';

export type ListName = 'statutory-duties' | 'assistance-by-law' | 'negative-list' | 'certificates-retained' | 'certificates-cancelled';

export interface ListEntry {
  list: ListName;
  id: string;
  name: string;
}

export interface CompiledRuleSet {
  version: string;
  data: RuleSetData;
  matcher: TextMatcher;
  rules: CompiledRule[];
  clauseQuotes: ReadonlyMap<string, string>;
  areaLabels: ReadonlyMap<AreaCode, string>;
  listEntries: ReadonlyMap<string, ListEntry>;
}

export function compileRuleSet(files: RuleSetFiles): CompiledRuleSet {
  const data = validateRuleSet(files);
  const listEntries = new Map<string, ListEntry>();
  const addAll = (list: ListName, items: readonly { id: string; name: string }[]) => {
    for (const item of items) listEntries.set(item.id, { list, id: item.id, name: item.name });
  };
  addAll('statutory-duties', data.statutoryDuties.items);
  addAll('assistance-by-law', data.assistanceByLaw.items);
  addAll('negative-list', data.negativeList.items);
  addAll('certificates-retained', data.certificates.retained);
  addAll('certificates-cancelled', data.certificates.cancelled);
  return {
    version: ruleSetVersion(data),
    data,
    matcher: buildTextMatcher(data),
    rules: compileRules(data.decisionRules.rules),
    clauseQuotes: new Map(data.clauses.clauses.map((c) => [c.id, c.quote])),
    areaLabels: new Map(data.areas.areas.map((a) => [a.code, a.label])),
    listEntries,
  };
}
