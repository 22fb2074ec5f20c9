/**
 * Negative-list items (负面清单): an item matches when each of its phrase groups has a non-negated phrase in one
 * sentence, and, for quota items, the sentence sets a numeric target.
 */
import type { RuleSetData } from '../../ruleset/types.ts';
import type { Evidence } from '../types.ts';
import { evidenceOf, hitsOfKind, isNegated, type FieldScan, type Hit } from './scan.ts';

export interface NegativeMatch {
  id: string;
  evidence: Evidence[];
}

/** A numeric target: 不少于50户, 90%, 100人, 5万元, 百分之八十. */
const QUOTA = /\d+(?:\.\d+)?\s*(?:%|户|人次|人|家|份|个|万元|元|次|件|名|单|条|项|本|套)|百分之|全覆盖|全部完成|100%/;

export function readNegativeList(scan: FieldScan, data: RuleSetData): NegativeMatch[] {
  const hits = hitsOfKind(scan, 'negative');
  if (hits.length === 0) return [];
  // item id → sentence → the first non-negated hit of each group
  const found = new Map<string, Map<number, Array<Hit | undefined>>>();
  for (const hit of hits) {
    if (hit.tag.kind !== 'negative' || isNegated(hit, scan.byClause[hit.clause]!)) continue;
    const sentence = scan.clauses[hit.clause]!.sentence;
    for (const { id, group } of hit.tag.refs) {
      let bySentence = found.get(id);
      if (!bySentence) found.set(id, (bySentence = new Map()));
      let groups = bySentence.get(sentence);
      if (!groups) bySentence.set(sentence, (groups = []));
      groups[group] ??= hit;
    }
  }
  const matches: NegativeMatch[] = [];
  for (const item of data.negativeList.items) {
    const bySentence = found.get(item.id);
    if (!bySentence) continue;
    for (const [sentence, groups] of bySentence) {
      if (item.groups.some((_, g) => groups[g] === undefined)) continue;
      if (item.needsQuota) {
        const span = scan.sentences[sentence]!;
        if (!QUOTA.test(scan.folded.slice(span.start, span.end))) continue;
      }
      const evidence = (groups as Hit[])
        .slice(0, item.groups.length)
        .sort((a, b) => a.start - b.start)
        .map((h) => evidenceOf(scan, h.start, h.end));
      matches.push({ id: item.id, evidence });
      break;
    }
  }
  return matches;
}
