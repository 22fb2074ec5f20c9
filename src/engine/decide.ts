/**
 * Runs the compiled decision rules over the facts and turns each fired rule into reasons a person can act on:
 * clause and quote, message and fix, and the evidence in the text.
 */
import type { AreaCode, Effect, ReasonCode } from '../ruleset/schema.ts';
import { REASON_TEXT, WARNING_TEXT, type ReasonDetail } from '../messages.ts';
import type { Findings } from './facts/assemble.ts';
import type { CompiledRuleSet } from './rule-set.ts';
import type { Decision, Evidence, Reason, Warning } from './types.ts';

const STRENGTH: Record<Effect, number> = { allow: 0, 'needs-review': 1, reject: 2 };
/** Evidence kept per reason: enough to show why, bounded so a long text cannot bloat the answer. */
const MAX_EVIDENCE = 8;

export function decide(findings: Findings, ruleSet: CompiledRuleSet): Decision {
  const reasons: Reason[] = [];
  for (const { rule, matches } of ruleSet.rules) {
    if (!matches(findings.facts)) continue;
    const { type: code, params } = rule.event;
    const items = params.perItemOf ? (findings.facts[params.perItemOf as keyof Findings['facts']] as string[]) : [undefined];
    for (const item of items) {
      const detail = detailFor(code, item, findings, ruleSet);
      reasons.push({
        code,
        effect: params.effect,
        clause: params.clause,
        quote: ruleSet.clauseQuotes.get(params.clause) ?? '',
        message: REASON_TEXT[code].message(detail),
        fix: REASON_TEXT[code].fix(detail),
        ...(code === 'forbidden-responsibility' && item ? { area: item as AreaCode } : {}),
        ...(code !== 'forbidden-responsibility' && item ? { listItem: item } : {}),
        ...(areaForReason(code, findings) ? { area: areaForReason(code, findings)! } : {}),
        evidence: distinct(evidenceFor(code, item, findings)).slice(0, MAX_EVIDENCE),
      });
    }
  }
  const decision = reasons.reduce<Effect>((max, r) => (STRENGTH[r.effect] > STRENGTH[max] ? r.effect : max), 'allow');
  // An allow reason beside a stricter one would only confuse: the demand is not allowed.
  const shown = decision === 'allow' ? reasons : reasons.filter((r) => r.effect !== 'allow');
  shown.sort((a, b) => STRENGTH[b.effect] - STRENGTH[a.effect]);
  return {
    decision,
    reasons: shown,
    warnings: warningsFor(findings),
    facts: findings.summary,
    rulesVersion: ruleSet.version,
  };
}

function detailFor(code: ReasonCode, item: string | undefined, findings: Findings, ruleSet: CompiledRuleSet): ReasonDetail {
  if (code === 'forbidden-responsibility' && item) return { areaLabel: ruleSet.areaLabels.get(item as AreaCode) };
  if (code === 'funding-required') return { fundingRefused: findings.fundingRefused.length > 0 };
  if (code === 'statutory-duty') {
    const first = [...findings.classes.statutory.keys()][0];
    return { itemName: first ? ruleSet.listEntries.get(first)?.name : undefined };
  }
  if (item) {
    const name = ruleSet.listEntries.get(item)?.name ?? (item.startsWith('ad-hoc:') ? item.slice('ad-hoc:'.length) : undefined);
    return { itemName: name };
  }
  return {};
}

/** Assistance reasons name the area the assistance is in, when there is exactly one. */
function areaForReason(code: ReasonCode, findings: Findings): AreaCode | null {
  if (code !== 'street-review-required' && code !== 'funding-required' && code !== 'approved-assistance' && code !== 'street-rejected') return null;
  const areas = [...findings.classes.assistAreas];
  return areas.length === 1 ? areas[0]! : null;
}

function evidenceFor(code: ReasonCode, item: string | undefined, f: Findings): Evidence[] {
  switch (code) {
    case 'one-vote-veto':
      return f.veto;
    case 'forbidden-responsibility':
      return f.classes.forbidden.get(item as AreaCode) ?? [];
    case 'negative-list':
      return f.negative.get(item!) ?? [];
    case 'certificate-not-allowed':
      return f.certificates.get(item!) ?? [];
    case 'funding-required':
      return f.fundingRefused.length > 0 ? f.fundingRefused : f.classes.assist;
    case 'street-rejected':
    case 'street-review-required':
      return f.classes.assist;
    case 'approved-assistance':
      return [...f.classes.assist, ...f.fundingOffered];
    case 'not-on-lists':
      return f.classes.unlisted;
    case 'statutory-duty':
      return [...f.classes.statutory.values()].flat();
    case 'informational':
      return f.classes.informational;
    case 'not-addressed':
      return f.units;
    case 'role-unclear':
      return [];
  }
}

/** The same words found by two readers are shown once. */
function distinct(evidence: Evidence[]): Evidence[] {
  const seen = new Set<string>();
  return evidence.filter((e) => {
    const key = `${e.field}:${e.start}:${e.end}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function warningsFor(f: Findings): Warning[] {
  if (f.paperwork.length === 0) return [];
  return [{ code: 'paperwork-burden', message: WARNING_TEXT['paperwork-burden'], evidence: f.paperwork.slice(0, MAX_EVIDENCE) }];
}
