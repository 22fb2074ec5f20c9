/**
 * Rule checks (`npm run rules:check`, and src/ruleset/check/check.test.ts under `npm test`): what a maintainer must
 * know about a rule set before deploying it.
 *
 * Errors: a rules file is invalid (the loader's schema and cross-checks); a clause quote is not found verbatim in
 * its source; a decision rule can never fire; two list entries claim the same phrase with different outcomes; a
 * reason code or area code that no golden case produces; a golden case file or request that is not valid.
 * Warnings: list entries and decision rules no golden case exercises, golden cases that do not pass, quotes that
 * cannot be verified for want of a source text, dead branches inside rules that can fire.
 *
 * Pure: the caller reads the files (scripts/rules-check.ts in Node, the test through the bundler in workerd).
 */
import { RuleSetError, ruleFileName, validateRuleSet } from '../load.ts';
import { AREA_CODES, REASON_CODES } from '../schema.ts';
import type { RuleSetFiles } from '../types.ts';
import { compileRuleSet, type CompiledRuleSet } from '../../engine/rule-set.ts';
import { checkQuote, sourcesFor, type QuoteCheck } from './quotes.ts';
import { checkSatisfiable, factDomains, type RuleSatisfiability } from './satisfiable.ts';
import { phraseShares, type Claim, type PhraseShare } from './conflicts.ts';
import { goldenCoverage, LIST_NAMES, type CaseFile, type Coverage } from './coverage.ts';

export type FindingKind = 'invalid' | 'quote' | 'never-fires' | 'conflict' | 'coverage' | 'cases';

export interface Finding {
  level: 'error' | 'warning';
  kind: FindingKind;
  message: string;
}

export interface CheckInput {
  /** The seed document's text: item-9 clause quotes (9a–9g) must be found in it. */
  seedText: string;
  /** Other source texts by name: "domain.md", or a policy document's name as clauses cite it (民发〔2015〕136号). */
  sourceTexts: Readonly<Record<string, string>>;
  /** The golden case files (rules/cases/*.json), parsed. */
  cases: readonly CaseFile[];
}

export interface RuleSetCheck {
  errors: string[];
  warnings: string[];
  /** What the golden cases exercise; null when the rule set is too broken to evaluate. */
  coverage: Coverage | null;
  /** Every finding with its kind, for a grouped report. */
  findings: Finding[];
  /** What was checked, for the report. */
  details: {
    version: string;
    clauses: QuoteCheck[];
    rules: RuleSatisfiability[];
    sharedPhrases: PhraseShare[];
  } | null;
}

/** Files as read: any of them may be missing or malformed, which the loader reports. */
export type RuleFilesInput = { [K in keyof RuleSetFiles]?: unknown };

const describeClaim = (c: Claim) => {
  switch (c.kind) {
    case 'area-topic':
      return `lexicon/areas.json ${c.owner} topics`;
    case 'area-act':
      return `lexicon/areas.json ${c.owner} acts`;
    case 'veto':
      return 'lexicon/veto.json';
    case 'certificates-retained':
      return `lists/certificates.json retained ${c.owner}`;
    case 'certificates-cancelled':
      return `lists/certificates.json cancelled ${c.owner}`;
    case 'negative-list-part':
      return `lists/negative-list.json ${c.owner} (one of its groups)`;
    default:
      return `lists/${c.kind}.json ${c.owner}`;
  }
};

export function checkRuleSet(files: RuleFilesInput, input: CheckInput): RuleSetCheck {
  const findings: Finding[] = [];
  const error = (kind: FindingKind, message: string) => findings.push({ level: 'error', kind, message });
  const warn = (kind: FindingKind, message: string) => findings.push({ level: 'warning', kind, message });
  const result = (coverage: Coverage | null, details: RuleSetCheck['details']): RuleSetCheck => ({
    errors: findings.filter((f) => f.level === 'error').map((f) => f.message),
    warnings: findings.filter((f) => f.level === 'warning').map((f) => f.message),
    coverage,
    findings,
    details,
  });

  // 1. Every file valid, and the files consistent with each other (the loader's own checks).
  let ruleSet: CompiledRuleSet;
  try {
    validateRuleSet(files as RuleSetFiles);
    ruleSet = compileRuleSet(files as RuleSetFiles);
  } catch (e) {
    if (e instanceof RuleSetError) for (const p of e.problems) error('invalid', p);
    else error('invalid', `the rule set does not compile: ${e instanceof Error ? e.message : String(e)}`);
    return result(null, null);
  }
  const { data } = ruleSet;

  // 2. Clause quotes, verbatim in their source.
  const clauseFile = ruleFileName('clauses');
  const clauses = data.clauses.clauses.map((clause) => {
    const check = checkQuote(clause, sourcesFor(clause, { name: 'seed document', text: input.seedText }, input.sourceTexts));
    if (check.foundIn) return check;
    if (check.searched.length === 0) {
      warn('quote', `${clauseFile}: ${clause.id}: quote cannot be verified: no source text at hand (domain.md, or a text named in its source "${clause.source}")`);
    } else {
      error('quote', `${clauseFile}: ${clause.id}: quote not found verbatim in ${check.searched.join(' or ')}: "${clause.quote}" (${check.hint})`);
    }
    return check;
  });

  // 3. Decision rules that can never fire.
  const domains = factDomains({
    negativeList: data.negativeList.items.map((i) => i.id),
    cancelledCertificates: data.certificates.cancelled.map((i) => i.id),
  });
  const rulesFile = ruleFileName('decisionRules');
  const rules = data.decisionRules.rules.map((rule) => {
    const sat = checkSatisfiable(rule, domains);
    if (!sat.witness) {
      const why = sat.deadLeaves.length > 0 ? sat.deadLeaves.join('; ') : 'its conditions contradict each other';
      error('never-fires', `${rulesFile}: ${rule.name} (${rule.event.type}) can never fire: ${why}`);
    } else {
      for (const dead of sat.deadLeaves) warn('never-fires', `${rulesFile}: ${rule.name}: dead condition ${dead}`);
      if (sat.emptyPerItem) {
        warn('never-fires', `${rulesFile}: ${rule.name}: can fire with ${rule.event.params.perItemOf} empty, and then gives no reason (e.g. ${JSON.stringify(sat.emptyPerItem)})`);
      }
    }
    return sat;
  });

  // 4. One phrase, two outcomes.
  const sharedPhrases = phraseShares(data);
  for (const share of sharedPhrases.filter((s) => s.conflict)) {
    error('conflict', `phrase "${share.phrase}" is claimed by ${describeClaim(share.a)} and by ${describeClaim(share.b)}: ${share.why}`);
  }

  // 5. Coverage by the golden cases.
  const { coverage, problems } = goldenCoverage(ruleSet, input.cases);
  for (const p of problems) error('cases', p);
  if (coverage.cases === 0) error('coverage', 'no golden case could be evaluated');
  const missingCodes = REASON_CODES.filter((c) => coverage.reasonCodes[c].cases === 0);
  if (missingCodes.length > 0) error('coverage', `reason codes no golden case produces: ${missingCodes.join(', ')}`);
  const missingAreas = AREA_CODES.filter((a) => coverage.areas[a].cases === 0);
  if (missingAreas.length > 0) error('coverage', `area codes no golden case produces: ${missingAreas.join(', ')}`);
  for (const list of LIST_NAMES) {
    const { total, exercised, missing } = coverage.lists[list];
    if (missing.length === 0) continue;
    warn('coverage', `${list}: ${missing.length} of ${total} entries exercised by no golden case (${exercised} exercised): ${missing.map((m) => m.id).join(', ')}`);
  }
  const unfired = Object.entries(coverage.rules).filter(([, t]) => t.cases === 0).map(([name]) => name);
  if (unfired.length > 0) warn('coverage', `decision rules no golden case fires: ${unfired.join(', ')}`);
  const FAILING_SHOWN = 20;
  for (const f of coverage.failing.slice(0, FAILING_SHOWN)) warn('cases', `golden case ${f.file} ${f.id} does not pass: ${f.problems.join('; ')}`);
  if (coverage.failing.length > FAILING_SHOWN) {
    warn('cases', `…and ${coverage.failing.length - FAILING_SHOWN} more golden cases that do not pass (coverage.failing lists them all)`);
  }

  return result(coverage, { version: ruleSet.version, clauses, rules, sharedPhrases });
}
