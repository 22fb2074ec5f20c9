/**
 * Negative-list items (负面清单): an item matches when each of its phrase groups has a non-negated phrase in one
 * sentence, and, for quota items, the sentence sets a numeric target.
 */
import type { RuleSetData } from '../../ruleset/types.ts';
import type { Evidence } from '../types.ts';
import { evidenceOf, isNegated, type FieldScan, type Hit } from './scan.ts';

export interface NegativeMatch {
  id: string;
  evidence: Evidence[];
}

/** A numeric target: 不少于50户, 90%, 100人, 5万元, 百分之八十. */
const QUOTA = /\d+(?:\.\d+)?\s*(?:%|户|人次|人|家|份|个|万元|元|次|件|名|单|条|项|本|套)|百分之|全覆盖|全部完成|100%/;

export function readNegativeList(scan: FieldScan, data: RuleSetData): NegativeMatch[] {
  const bySentence = new Map<number, Hit[]>();
  for (const hit of scan.hits) {
    if (hit.tag.kind !== 'negative') continue;
    if (isNegated(hit, scan.byClause[hit.clause]!)) continue;
    const sentence = scan.clauses[hit.clause]!.sentence;
    const list = bySentence.get(sentence) ?? [];
    list.push(hit);
    bySentence.set(sentence, list);
  }
  const matches = new Map<string, NegativeMatch>();
  for (const [sentence, hits] of bySentence) {
    const span = scan.sentences[sentence]!;
    const sentenceText = scan.folded.slice(span.start, span.end);
    for (const item of data.negativeList.items) {
      if (matches.has(item.id)) continue;
      const perGroup = item.groups.map((_, g) =>
        hits.find((h) => h.tag.kind === 'negative' && h.tag.id === item.id && h.tag.group === g),
      );
      if (perGroup.some((h) => h === undefined)) continue;
      if (item.needsQuota && !QUOTA.test(sentenceText)) continue;
      const evidence = (perGroup as Hit[])
        .sort((a, b) => a.start - b.start)
        .map((h) => evidenceOf(scan, h.start, h.end));
      matches.set(item.id, { id: item.id, evidence });
    }
  }
  return [...matches.values()];
}
