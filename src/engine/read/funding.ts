/**
 * 9f: funding and working conditions. Funded: an amount of money named as funding, or working conditions offered
 * (材料, 人员, 设备, 培训). Refused: 经费自筹, 自行解决, 不予安排… A negated refusal (不得要求社区自筹经费) is none.
 */
import type { Evidence } from '../types.ts';
import { coveredBy, evidenceOf, hitsOfKind, isNegated, type FieldScan, type Hit } from './scan.ts';
import type { TagKind } from '../lexicon.ts';

const AGENTS: readonly TagKind[] = ['community', 'otherAgent', 'notCommunity'];

export interface FundingReading {
  offered: Evidence[];
  refused: Evidence[];
}

/** Money: 2000元, 1.5万元, 3千元. */
const AMOUNT = /(\d+(?:\.\d+)?)\s*(万|千)?\s*元/g;
/** How far from an amount a word like 经费 may stand to make it a funding amount. */
const CONTEXT_REACH = 10;
/** 工作经费另行通知: funding named but put off is not funding yet. */
function deferred(hit: Hit, clauseHits: readonly Hit[]): boolean {
  return clauseHits.some((h) => h.tag.kind === 'deferral' && h.start >= hit.end);
}

/** How far after 提供/安排 the resource may stand (提供宣传海报, 安排2名工作人员). */
const OFFER_REACH = 8;

/**
 * 社区提供…: the community providing something is work asked of it, not a condition offered to it. A community
 * after 为/给/向 (为每个社区提供) is the receiver.
 */
function offeredByCommunity(verb: Hit, clauseHits: readonly Hit[]): boolean {
  let last: Hit | undefined;
  for (const h of clauseHits) {
    if (h.end > verb.start) break;
    if (h.tag.kind !== 'community' && h.tag.kind !== 'otherAgent' && h.tag.kind !== 'notCommunity') continue;
    if (coveredBy(h, clauseHits, AGENTS)) continue; // 社区 inside 每个社区
    const receiver = clauseHits.some((m) => m.tag.kind === 'objectMarker' && m.end === h.start);
    if (!receiver) last = h;
  }
  return last?.tag.kind === 'community';
}

/** An amount paid to residents is a subsidy the community hands out, not money for the community's work. */
const RESIDENT_PAYMENT = /居民|群众|农户|住户|村民|业主|困难户|低保户/;

export function readFunding(scan: FieldScan): FundingReading {
  const offered: Evidence[] = [];
  const refused: Evidence[] = [];
  for (const hit of [...hitsOfKind(scan, 'fundingCondition'), ...hitsOfKind(scan, 'fundingRefusal')]) {
    const clauseHits = scan.byClause[hit.clause]!;
    if (hit.tag.kind === 'fundingCondition') {
      if (!isNegated(hit, clauseHits) && !deferred(hit, clauseHits)) offered.push(evidenceOf(scan, hit.start, hit.end));
    } else if (hit.tag.kind === 'fundingRefusal') {
      if (!isNegated(hit, clauseHits)) refused.push(evidenceOf(scan, hit.start, hit.end));
    }
  }
  for (const verb of hitsOfKind(scan, 'offerVerb')) {
    const clauseHits = scan.byClause[verb.clause]!;
    if (offeredByCommunity(verb, clauseHits)) continue;
    // 提供宣传海报, or in the passive: 海报由区消协统一提供.
    const resource =
      clauseHits.find((h) => h.tag.kind === 'resource' && h.start >= verb.end && h.start - verb.end <= OFFER_REACH) ??
      clauseHits.find(
        (h) => h.tag.kind === 'resource' && h.end <= verb.start && verb.start - h.end <= OFFER_REACH &&
          clauseHits.some((b) => b.tag.kind === 'byMarker' && b.start >= h.end && b.end <= verb.start),
      );
    if (!resource || isNegated(verb, clauseHits) || deferred(verb, clauseHits)) continue;
    offered.push(evidenceOf(scan, Math.min(verb.start, resource.start), Math.max(verb.end, resource.end)));
  }
  // A refusal phrase can also hold an offer phrase (不予安排工作经费): the refusal wins for that stretch.
  const refusedSpans = refused.map((e) => [e.start, e.end] as const);
  const stillOffered = offered.filter((o) => !refusedSpans.some(([s, e]) => o.start < e + 6 && o.end > s - 6));

  if (!hitsOfKind(scan, 'amountContext').length) return { offered: stillOffered, refused };
  for (const match of scan.folded.matchAll(AMOUNT)) {
    const value = Number(match[1]) * (match[2] === '万' ? 10_000 : match[2] === '千' ? 1_000 : 1);
    if (!(value > 0)) continue;
    const start = match.index;
    const end = start + match[0].length;
    const clauseIndex = scan.clauses.findIndex((c) => c.start <= start && end <= c.end);
    if (clauseIndex < 0) continue;
    const clause = scan.clauses[clauseIndex]!;
    if (RESIDENT_PAYMENT.test(scan.folded.slice(clause.start, clause.end))) continue;
    // 经费包干，每个社区5000元: the word that makes it funding may stand in the clause before, same sentence.
    const sentence = clause.sentence;
    const context = hitsOfKind(scan, 'amountContext').find(
      (h) => scan.clauses[h.clause]!.sentence === sentence && h.end >= start - CONTEXT_REACH && h.start <= end + CONTEXT_REACH,
    );
    if (!context) continue;
    const clauseHits = scan.byClause[clauseIndex]!;
    const amountHit = { start, end, tag: { kind: 'amountContext' as const }, clause: clauseIndex };
    if (isNegated(amountHit, clauseHits) || isNegated(context, scan.byClause[context.clause]!) || deferred(amountHit, clauseHits)) continue;
    stillOffered.push(evidenceOf(scan, Math.min(start, context.start), Math.max(end, context.end)));
  }
  return { offered: stillOffered, refused };
}
