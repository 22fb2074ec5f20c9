/**
 * Checks one golden case against a decision. Shared by the test suite (in workerd) and `npm run golden` (in
 * Node), so both judge a case the same way.
 */
import type { GoldenCase } from '../ruleset/schema.ts';
import type { Decision } from '../engine/types.ts';

export function checkCase(golden: GoldenCase, decision: Decision): string[] {
  const problems: string[] = [];
  const { expect } = golden;
  const codes = new Set(decision.reasons.map((r) => r.code));
  if (decision.decision !== expect.decision) problems.push(`decision ${decision.decision}, expected ${expect.decision}`);
  for (const code of expect.reasons) if (!codes.has(code)) problems.push(`missing reason ${code}`);
  for (const code of expect.absent ?? []) if (codes.has(code)) problems.push(`unexpected reason ${code}`);
  if (expect.role && decision.facts.communityRole !== expect.role) {
    problems.push(`role ${decision.facts.communityRole}, expected ${expect.role}`);
  }
  for (const area of expect.areas ?? []) {
    if (!decision.facts.areas.includes(area)) problems.push(`missing area ${area}`);
  }
  const warnings = new Set(decision.warnings.map((w) => w.code));
  for (const w of expect.warnings ?? []) if (!warnings.has(w)) problems.push(`missing warning ${w}`);
  return problems;
}
