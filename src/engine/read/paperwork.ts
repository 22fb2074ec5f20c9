/** 9g: burden signals (台账, 报表, 拍照上传, 留痕, 打卡…), reported as warnings. */
import type { Evidence } from '../types.ts';
import { evidenceOf, hitsOfKind, isNegated, type FieldScan } from './scan.ts';

export function readPaperwork(scan: FieldScan): Evidence[] {
  const found: Evidence[] = [];
  let lastEnd = -1;
  for (const hit of hitsOfKind(scan, 'paperwork')) {
    if (hit.start < lastEnd) continue;
    lastEnd = hit.end;
    if (!isNegated(hit, scan.byClause[hit.clause]!)) found.push(evidenceOf(scan, hit.start, hit.end));
  }
  return found;
}
