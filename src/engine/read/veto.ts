/** 9c: a one-vote veto attached to the work. A negated mention (取消/不实行/不得…一票否决) is not one. */
import type { Evidence } from '../types.ts';
import { evidenceOf, hitsOfKind, isNegated, type FieldScan } from './scan.ts';

export function readVeto(scan: FieldScan): Evidence[] {
  const found: Evidence[] = [];
  let lastEnd = -1;
  for (const hit of hitsOfKind(scan, 'veto')) {
    if (hit.start < lastEnd) continue; // 一票否决制 also holds 一票否决
    lastEnd = hit.end;
    if (!isNegated(hit, scan.byClause[hit.clause]!)) found.push(evidenceOf(scan, hit.start, hit.end));
  }
  return found;
}
